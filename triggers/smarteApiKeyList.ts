// Hidden trigger behind the SMARTe email dropdowns: every key of the organisation, values always masked.

import { defineTrigger } from 'zapier-platform-core';
import { smarteClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { presentSmarteApiKey, smarteApiKeyOutputFields, smarteApiKeySample } from '../lib/smarteFields';

export const smarteApiKeyList = defineTrigger({
  key: 'smarte_api_key_list',
  noun: 'API Key',
  display: {
    label: 'List SMARTe API Keys',
    description: 'Triggers when a new API key is created in your SMARTe signals organisation (hidden: it fills the Email dropdowns).',
    hidden: true,
  },
  operation: {
    type: 'polling',
    inputFields: [],
    perform: async (z, bundle) =>
      withVendorErrors(z, bundle, async () => {
        // A dropdown never needs the key value: always masked. SMARTe's order is kept (keys have no date).
        const keys = await smarteClient(z, bundle).listKeys();
        return keys.map((key) => presentSmarteApiKey(key, false));
      }),
    outputFields: [...smarteApiKeyOutputFields],
    sample: smarteApiKeySample,
  },
});
