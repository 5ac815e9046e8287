// Creates a SMARTe signals API key for a user; the output carries the full apiKey, as SMARTe returns it.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smarteClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { presentSmarteApiKey, smarteApiKeyOutputFields } from '../lib/smarteFields';
import { SMARTE_KEY_LOCK } from '../lib/limits';
import { findSmarteApiKey } from '../searches/findSmarteApiKey';

const inputFields = defineInputFields([
  {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: true,
    helpText:
      'The email address of the SMARTe signals user to create a key for, e.g. `jane@example.com`. SMARTe creates a **standard** key.',
  },
]);

export const createSmarteApiKey = defineCreate({
  key: 'create_smarte_api_key',
  noun: 'API Key',
  display: {
    label: 'Create SMARTe API Key',
    description: 'Creates a signals API key for a user of your SMARTe organisation and returns its full value.',
  },
  operation: {
    lock: SMARTE_KEY_LOCK,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(z, bundle, async () => presentSmarteApiKey(await smarteClient(z, bundle).createKey(bundle.inputData.email), true), {
        fields: inputFields,
        writes: { checkWith: findSmarteApiKey },
      }),
    outputFields: [...smarteApiKeyOutputFields],
    // From VENDOR-NOTES' create answer, with the docs' fake key value.
    sample: {
      id: '6d7800ad-81b0-4b60-9a0f-821a1944346b',
      keyId: '6d7800ad-81b0-4b60-9a0f-821a1944346b',
      email: 'dev.udi@smarte.pro',
      role: 'standard',
      status: 'active',
      apiKey: 'mIGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxJHY',
    },
  },
});
