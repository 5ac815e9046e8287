// Resets a SmartLead client API key: same key record, new value; the output carries the new full api_key.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smartleadClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { irreversibleNotice } from '../lib/inputs';
import { smartleadApiKeyOutputFields, smartleadNewApiKeySample, smartleadKeyIdField } from '../lib/smartleadFields';
import { SMARTLEAD_KEY_LOCK, SMARTLEAD_THROTTLE } from '../lib/limits';
import { findSmartleadClientApiKey } from '../searches/findSmartleadClientApiKey';

const inputFields = defineInputFields([
  irreversibleNotice(
    "**This cannot be undone.** The key's current value stops working at once and cannot be brought back; the new value is shown once, in this step's output.",
  ),
  smartleadKeyIdField('The SmartLead client API key to reset. Anything still using its current value must be updated with the new one.'),
]);

export const resetSmartleadClientApiKey = defineCreate({
  key: 'reset_smartlead_client_api_key',
  noun: 'Client API Key',
  display: {
    label: 'Reset SmartLead Client API Key',
    description: 'Generates a new value for an existing SmartLead client API key and returns it in full.',
  },
  operation: {
    lock: SMARTLEAD_KEY_LOCK,
    throttle: SMARTLEAD_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(z, bundle, () => smartleadClient(z, bundle).resetClientApiKey(bundle.inputData.keyId), {
        fields: inputFields,
        // A reset that got no answer may have happened: the old value may be dead and the new one unseen, so point to
        // the search that shows the key's current value instead of inviting a blind retry (which would reset it again).
        writes: {
          checkWith: findSmartleadClientApiKey,
          onExistingKey: true,
          mayHaveHappened: 'The key may have been reset anyway, so its old value may no longer work',
        },
      }),
    outputFields: [...smartleadApiKeyOutputFields],
    sample: { ...smartleadNewApiKeySample, api_key: 'cl_live_yyyyyyyyyyyyyyyy' },
  },
});
