// Creates an API key for a SmartLead client; the output carries the full api_key.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smartleadClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { smartleadApiKeyOutputFields, smartleadNewApiKeySample, smartleadClientIdField } from '../lib/smartleadFields';
import { SMARTLEAD_THROTTLE } from '../lib/limits';
import { findSmartleadClientApiKey } from '../searches/findSmartleadClientApiKey';

const inputFields = defineInputFields([
  smartleadClientIdField(true, 'The SmartLead client the key gives access to.'),
  {
    key: 'keyName',
    label: 'Key Name',
    type: 'string',
    required: true,
    helpText:
      'A name that says what the key is for, e.g. "Production Key". Only letters, digits, spaces, hyphens (-) and underscores (_) are allowed.',
  },
]);

export const createSmartleadClientApiKey = defineCreate({
  key: 'create_smartlead_client_api_key',
  noun: 'Client API Key',
  display: {
    label: 'Create SmartLead Client API Key',
    description: 'Creates an API key for one of your SmartLead clients and returns its full value.',
  },
  operation: {
    throttle: SMARTLEAD_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        () => smartleadClient(z, bundle).createClientApiKey({ clientId: bundle.inputData.clientId, keyName: bundle.inputData.keyName }),
        { fields: inputFields, writes: { checkWith: findSmartleadClientApiKey } },
      ),
    outputFields: [...smartleadApiKeyOutputFields],
    sample: smartleadNewApiKeySample,
  },
});
