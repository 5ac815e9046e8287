// Hidden trigger behind every SmartLead "Client API Key" dropdown: all client API keys, newest first, values masked.

import { defineTrigger } from 'zapier-platform-core';
import { smartleadClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import {
  asPollingItems,
  presentSmartleadApiKey,
  smartleadApiKeyOutputFields,
  smartleadApiKeySample,
  smartleadKeysNewestFirst,
} from '../lib/smartleadFields';
import { SMARTLEAD_THROTTLE } from '../lib/limits';

export const smartleadClientApiKeyList = defineTrigger({
  key: 'smartlead_client_api_key_list',
  noun: 'Client API Key',
  display: {
    label: 'SmartLead Client API Keys',
    description: 'Triggers when a new SmartLead client API key is created (hidden: it fills the Client API Key dropdowns).',
    hidden: true,
  },
  operation: {
    throttle: SMARTLEAD_THROTTLE,
    type: 'polling',
    inputFields: [],
    perform: async (z, bundle) =>
      withVendorErrors(z, bundle, async () => {
        const keys = await smartleadClient(z, bundle).listClientApiKeys();
        // A dropdown never needs a key's value: always masked.
        return asPollingItems(smartleadKeysNewestFirst(keys).map((key) => presentSmartleadApiKey(key, false)));
      }),
    outputFields: [...smartleadApiKeyOutputFields],
    sample: smartleadApiKeySample,
  },
});
