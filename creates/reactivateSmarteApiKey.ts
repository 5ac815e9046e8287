// Reactivates a suspended SMARTe signals API key. SMARTe refuses (400) to reactivate a key that is not suspended.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smarteClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { includeSecretField, parseBoolean } from '../lib/inputs';
import { presentSmarteKeyChange, smarteApiKeySample, smarteKeyChangeOutputFields, smarteKeyEmailField } from '../lib/smarteFields';
import { SMARTE_KEY_LOCK } from '../lib/limits';
import { findSmarteApiKey } from '../searches/findSmarteApiKey';

const inputFields = defineInputFields([
  smarteKeyEmailField(
    'The email address of the SMARTe signals user whose suspended key to reactivate. Pick one from the list, or enter or map an email.',
  ),
  includeSecretField,
]);

export const reactivateSmarteApiKey = defineCreate({
  key: 'reactivate_smarte_api_key',
  noun: 'API Key',
  display: {
    label: 'Reactivate SMARTe API Key',
    description: "Reactivates a user's suspended SMARTe signals API key, so that it works again.",
  },
  operation: {
    lock: SMARTE_KEY_LOCK,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () =>
          presentSmarteKeyChange(
            await smarteClient(z, bundle).reactivateKey(bundle.inputData.email),
            parseBoolean(bundle.inputData.include_secret),
          ),
        {
          fields: inputFields,
          writes: {
            checkWith: findSmarteApiKey,
            repeatable: true,
            onExistingKey: true,
            mayHaveHappened: 'The key may have been reactivated anyway (a repeat would then be refused as not suspended)',
          },
        },
      ),
    outputFields: [...smarteKeyChangeOutputFields],
    sample: { ...smarteApiKeySample, status: 'active', message: 'Key activated successfully' },
  },
});
