// Creates a SMASHSEND API key; the output carries the full secretKey, which SMASHSEND shows only this once.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smashsendClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { smashsendApiKeyOutputFields, smashsendRoleChoices } from '../lib/smashsendFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';
import { findSmashsendApiKey } from '../searches/findSmashsendApiKey';

const inputFields = defineInputFields([
  {
    key: 'displayName',
    label: 'Display Name',
    type: 'string',
    required: true,
    helpText: 'A name that says what the key is for, e.g. "CRM Sync". Shown in SMASHSEND\'s API key list.',
  },
  {
    key: 'role',
    label: 'Role',
    type: 'string',
    required: true,
    choices: smashsendRoleChoices,
    default: 'API_USER',
    helpText: 'What the key may do. **API User** fits most integrations.',
  },
]);

export const createSmashsendApiKey = defineCreate({
  key: 'create_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'Create SMASHSEND API Key',
    description: 'Creates an API key in your SMASHSEND workspace and returns its full secret (shown only once).',
  },
  operation: {
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        () => smashsendClient(z, bundle).createApiKey({ displayName: bundle.inputData.displayName, role: bundle.inputData.role }),
        { fields: inputFields, writes: { checkWith: findSmashsendApiKey } },
      ),
    outputFields: [...smashsendApiKeyOutputFields],
    sample: {
      id: 'aki_new123def456',
      displayName: 'New Integration API Key',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: 'sk_live_new123abc456def',
      workspaceId: 'wrk_ENGTK86JEXXckyDVJthKkPer',
      createdAt: '2024-03-21T15:30:00Z',
      updatedAt: '2024-03-21T15:30:00Z',
    },
  },
});
