// The baseline app for the cold-start, memory and size comparisons: what a user would write with only
// zapier-platform-core and a bare z.request in each perform. The benchmark transpiles this file into its own
// directory as `index.js` (next to a node_modules holding only core and core's dependencies).

import { version as platformVersion, type Bundle, type ZObject } from 'zapier-platform-core';

interface SmashsendListBody {
  apiKeys: { items: Array<{ id: string }> };
}

interface SmarteViewBody {
  data: Array<{ keyId: string }>;
}

const smashsendBase = () => process.env.SMASHSEND_BASE_URL ?? 'https://api.smashsend.com';
const smarteBase = () => process.env.SMARTE_BASE_URL ?? 'https://signals.smarte.pro';

const app = {
  version: '1.0.0',
  platformVersion,
  triggers: {
    new_smashsend_api_key: {
      key: 'new_smashsend_api_key',
      noun: 'API Key',
      display: { label: 'New SMASHSEND API Key', description: 'Triggers when a new API key is created.' },
      operation: {
        perform: async (z: ZObject, bundle: Bundle) => {
          const response = await z.request<SmashsendListBody>({
            url: `${smashsendBase()}/v1/workspaces/${bundle.authData.smashsend_workspace_id}/api-keys`,
            params: { limit: '100', sort: 'createdAt.desc' },
            headers: { authorization: `Bearer ${bundle.authData.smashsend_api_key}` },
          });
          return response.data.apiKeys.items;
        },
        sample: { id: 'aki_abc123def456' },
      },
    },
    new_smarte_api_key: {
      key: 'new_smarte_api_key',
      noun: 'API Key',
      display: { label: 'New SMARTe API Key', description: 'Triggers when a new API key is created.' },
      operation: {
        perform: async (z: ZObject, bundle: Bundle) => {
          const response = await z.request<SmarteViewBody>({
            url: `${smarteBase()}/signals/v1/key/view`,
            method: 'POST',
            body: {},
            headers: { 'api-key': bundle.authData.smarte_api_key },
          });
          return response.data.data.map((key) => ({ ...key, id: key.keyId }));
        },
        sample: { id: '222c424f-6e56-4ab1-94eb-8a0e41490831' },
      },
    },
    // Not what a user would write by default: the same call with `raw: true`, so that core logs the request without
    // its response body. The benchmark uses it to show what core's log scrubbing of a large body costs.
    new_smarte_api_key_raw: {
      key: 'new_smarte_api_key_raw',
      noun: 'API Key',
      display: { label: 'New SMARTe API Key (raw)', description: 'Triggers when a new API key is created.', hidden: true },
      operation: {
        perform: async (z: ZObject, bundle: Bundle) => {
          const response = await z.request({
            url: `${smarteBase()}/signals/v1/key/view`,
            method: 'POST',
            body: {},
            headers: { 'api-key': bundle.authData.smarte_api_key },
            raw: true,
          });
          const body = JSON.parse(await response.text()) as SmarteViewBody;
          return body.data.map((key) => ({ ...key, id: key.keyId }));
        },
        sample: { id: '222c424f-6e56-4ab1-94eb-8a0e41490831' },
      },
    },
  },
};

export = app;
