// Suspends a user's SMARTe signals API key: it stops working until reactivated. SMARTe identifies keys by email.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smarteClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { includeSecretField, parseBoolean } from '../lib/inputs';
import { presentSmarteKeyChange, smarteApiKeySample, smarteKeyChangeOutputFields, smarteKeyEmailField } from '../lib/smarteFields';
import { SMARTE_KEY_LOCK } from '../lib/limits';
import { findSmarteApiKey } from '../searches/findSmarteApiKey';

const inputFields = defineInputFields([
  smarteKeyEmailField(
    'The email address of the SMARTe signals user whose key to suspend. Pick one from the list, or enter or map an email.',
  ),
  includeSecretField,
]);

export const suspendSmarteApiKey = defineCreate({
  key: 'suspend_smarte_api_key',
  noun: 'API Key',
  display: {
    label: 'Suspend SMARTe API Key',
    description: "Suspends a user's SMARTe signals API key, so that it stops working until it is reactivated.",
  },
  operation: {
    lock: SMARTE_KEY_LOCK,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        async () =>
          presentSmarteKeyChange(
            await smarteClient(z, bundle).suspendKey(bundle.inputData.email),
            parseBoolean(bundle.inputData.include_secret),
          ),
        {
          fields: inputFields,
          writes: {
            checkWith: findSmarteApiKey,
            repeatable: true,
            mayHaveHappened: 'The key may have been suspended anyway (a repeat would then be refused as already suspended)',
          },
        },
      ),
    outputFields: [...smarteKeyChangeOutputFields],
    sample: { ...smarteApiKeySample, status: 'suspended', message: 'Key suspended successfully' },
  },
});
