// Deletes a SmartLead client API key. The output is {id, deleted: true} plus the deleted record's fields when
// SmartLead sends them back (its delete answer is undocumented), with the key's value masked by default.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smartleadClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { includeSecretField, irreversibleNotice, parseBoolean } from '../lib/inputs';
import {
  presentSmartleadDeletedApiKey,
  smartleadDeletedApiKeyOutputFields,
  smartleadDeletedApiKeySample,
  smartleadKeyIdField,
} from '../lib/smartleadFields';
import { SMARTLEAD_KEY_LOCK, SMARTLEAD_THROTTLE } from '../lib/limits';
import { findSmartleadClientApiKey } from '../searches/findSmartleadClientApiKey';

const inputFields = defineInputFields([
  irreversibleNotice(
    '**This cannot be undone.** The client API key stops working at once, for everything that uses it, and SmartLead cannot restore it.',
  ),
  smartleadKeyIdField('The SmartLead client API key to delete. Anything still using it stops working.'),
  includeSecretField,
]);

export const deleteSmartleadClientApiKey = defineCreate({
  key: 'delete_smartlead_client_api_key',
  noun: 'Client API Key',
  display: {
    label: 'Delete SmartLead Client API Key',
    description: 'Deletes an API key of one of your SmartLead clients.',
  },
  operation: {
    lock: SMARTLEAD_KEY_LOCK,
    throttle: SMARTLEAD_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const result = await smartleadClient(z, bundle).deleteClientApiKey(bundle.inputData.keyId);
          return presentSmartleadDeletedApiKey(result, parseBoolean(bundle.inputData.include_secret));
        },
        {
          fields: inputFields,
          writes: {
            checkWith: findSmartleadClientApiKey,
            repeatable: true,
            onExistingKey: true,
            mayHaveHappened: 'The key may have been deleted anyway (a repeat would then report it as not found)',
          },
        },
      ),
    outputFields: [...smartleadDeletedApiKeyOutputFields],
    sample: smartleadDeletedApiKeySample,
  },
});
