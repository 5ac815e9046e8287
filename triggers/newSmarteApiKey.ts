// Triggers when a new API key appears in the connected SMARTe signals organisation: one request for every key.

import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { smarteClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { presentSmarteApiKey, smarteApiKeyOutputFields, smarteApiKeySample } from '../lib/smarteFields';
import { includeSecretField, parseBoolean } from '../lib/inputs';

const inputFields = defineInputFields([includeSecretField]);

export const newSmarteApiKey = defineTrigger({
  key: 'new_smarte_api_key',
  noun: 'API Key',
  display: {
    label: 'New SMARTe API Key',
    description: 'Triggers when a new API key is created in your SMARTe signals organisation.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const includeSecret = parseBoolean(bundle.inputData.include_secret);
          // SMARTe keys carry no date, so "newest first" cannot be built: keep SMARTe's own order. Zapier dedupes
          // by id (the keyId), so only keys it has not seen before trigger the Zap.
          const keys = await smarteClient(z, bundle).listKeys();
          return keys.map((key) => presentSmarteApiKey(key, includeSecret));
        },
        { fields: inputFields },
      ),
    outputFields: [...smarteApiKeyOutputFields],
    sample: smarteApiKeySample,
  },
});
