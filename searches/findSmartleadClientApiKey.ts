// Finds SmartLead client API keys by name (SmartLead's partial match), optionally of one client or status,
// newest first; no match gives an empty list.

import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { smartleadClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { includeSecretField, parseBoolean } from '../lib/inputs';
import {
  presentSmartleadApiKey,
  smartleadApiKeyOutputFields,
  smartleadApiKeySample,
  smartleadKeysNewestFirst,
  smartleadClientIdField,
  smartleadStatusChoices,
} from '../lib/smartleadFields';
import { SMARTLEAD_THROTTLE } from '../lib/limits';

const inputFields = defineInputFields([
  {
    key: 'keyName',
    label: 'Key Name',
    type: 'string',
    required: true,
    helpText: 'The key name to look for. SmartLead matches part of a name: "Prod" also finds "Production Key".',
  },
  smartleadClientIdField(false, 'Only look among the keys of this SmartLead client. Leave blank to look among every client.'),
  {
    key: 'status',
    label: 'Status',
    type: 'string',
    required: false,
    choices: smartleadStatusChoices,
    helpText: 'Only find keys with this status. Leave blank for any status.',
  },
  includeSecretField,
]);

export const findSmartleadClientApiKey = defineSearch({
  key: 'find_smartlead_client_api_key',
  noun: 'Client API Key',
  display: {
    label: 'Find SmartLead Client API Key',
    description: 'Finds SmartLead client API keys by name, newest first.',
  },
  operation: {
    throttle: SMARTLEAD_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          // A blank name is refused by the connector's find (never "no filter", which would list every key).
          const keys = await smartleadClient(z, bundle).findClientApiKeys({
            keyName: bundle.inputData.keyName,
            clientId: bundle.inputData.clientId,
            status: bundle.inputData.status,
          });
          const includeSecret = parseBoolean(bundle.inputData.include_secret);
          return smartleadKeysNewestFirst(keys).map((key) => presentSmartleadApiKey(key, includeSecret));
        },
        { fields: inputFields },
      ),
    outputFields: [...smartleadApiKeyOutputFields],
    sample: smartleadApiKeySample,
  },
});
