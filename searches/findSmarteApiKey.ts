// Finds a user's SMARTe signals API key by email; no key for that email is an empty result, not an error.

import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { smarteClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { includeSecretField, parseBoolean } from '../lib/inputs';
import { presentSmarteApiKey, smarteApiKeyOutputFields, smarteApiKeySample } from '../lib/smarteFields';

const inputFields = defineInputFields([
  {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: true,
    helpText: 'The email address of the SMARTe signals user whose key to find, e.g. `jane@example.com`.',
  },
  includeSecretField,
]);

export const findSmarteApiKey = defineSearch({
  key: 'find_smarte_api_key',
  noun: 'API Key',
  display: {
    label: 'Find SMARTe API Key',
    description: "Finds a user's SMARTe signals API key by their email address.",
  },
  operation: {
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const key = await smarteClient(z, bundle).findKeyByEmail(bundle.inputData.email);
          return key ? [presentSmarteApiKey(key, parseBoolean(bundle.inputData.include_secret))] : [];
        },
        { fields: inputFields },
      ),
    outputFields: [...smarteApiKeyOutputFields],
    sample: smarteApiKeySample,
  },
});
