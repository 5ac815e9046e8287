// Triggers when a new client API key appears in the connected SmartLead account: one request for every key
// (optionally of one client or status), sorted newest first here since SmartLead documents no order.

import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { smartleadClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { includeSecretField, parseBoolean } from '../lib/inputs';
import {
  asPollingItems,
  presentSmartleadApiKey,
  smartleadApiKeyOutputFields,
  smartleadApiKeySample,
  smartleadKeysNewestFirst,
  smartleadClientIdField,
  smartleadStatusChoices,
} from '../lib/smartleadFields';
import { SMARTLEAD_THROTTLE } from '../lib/limits';

const inputFields = defineInputFields([
  smartleadClientIdField(false, 'Only trigger on keys of this SmartLead client. Leave blank to trigger on keys of every client.'),
  {
    key: 'status',
    label: 'Status',
    type: 'string',
    required: false,
    choices: smartleadStatusChoices,
    helpText: 'Only trigger on keys with this status. Leave blank for any status.',
  },
  includeSecretField,
]);

export const newSmartleadClientApiKey = defineTrigger({
  key: 'new_smartlead_client_api_key',
  noun: 'Client API Key',
  display: {
    label: 'New SmartLead Client API Key',
    description: 'Triggers when a new API key is created for one of your SmartLead clients.',
  },
  operation: {
    throttle: SMARTLEAD_THROTTLE,
    type: 'polling',
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const keys = await smartleadClient(z, bundle).listClientApiKeys({
            clientId: bundle.inputData.clientId,
            status: bundle.inputData.status,
          });
          const includeSecret = parseBoolean(bundle.inputData.include_secret);
          return asPollingItems(smartleadKeysNewestFirst(keys).map((key) => presentSmartleadApiKey(key, includeSecret)));
        },
        { fields: inputFields },
      ),
    outputFields: [...smartleadApiKeyOutputFields],
    sample: smartleadApiKeySample,
  },
});
