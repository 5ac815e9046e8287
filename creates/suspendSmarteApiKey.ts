// Suspends a user's SMARTe signals API key: it stops working until reactivated. SMARTe identifies keys by email.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smarteClient } from '../lib/clients';
import { connectionKeyWarning, withVendorErrors } from '../lib/errors';
import { allowConnectionKeyField, includeSecretField, irreversibleNotice, parseAllowConnectionKey, parseBoolean } from '../lib/inputs';
import { presentSmarteKeyChange, smarteApiKeySample, smarteKeyChangeOutputFields, smarteKeyEmailField } from '../lib/smarteFields';
import { SMARTE_KEY_LOCK } from '../lib/limits';
import { findSmarteApiKey } from '../searches/findSmarteApiKey';

const inputFields = defineInputFields([
  irreversibleNotice(
    "**The key stops working at once**, for everything that uses it, until it is reactivated: undo it with the **Reactivate SMARTe API Key** step (or in SMARTe signals). This connection's own admin key is refused unless you allow it below.",
  ),
  smarteKeyEmailField(
    'The email address of the SMARTe signals user whose key to suspend. Pick one from the list, or enter or map an email.',
  ),
  allowConnectionKeyField,
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
        bundle,
        async () => {
          const allowConnectionKey = parseAllowConnectionKey('SMARTe', bundle.inputData.allow_connection_key);
          // The key is viewed first: no key for that email, or the connection's own admin key, halts before any write.
          const { connectionKey, ...suspended } = await smarteClient(z, bundle).suspendKey(bundle.inputData.email, { allowConnectionKey });
          return {
            ...presentSmarteKeyChange(suspended, parseBoolean(bundle.inputData.include_secret)),
            warning: connectionKeyWarning('SMARTe', connectionKey, 'suspended'),
          };
        },
        {
          fields: inputFields,
          writes: {
            checkWith: findSmarteApiKey,
            repeatable: true,
            onExistingKey: true,
            mayHaveHappened: 'The key may have been suspended anyway (a repeat would then be refused as already suspended)',
          },
        },
      ),
    outputFields: [...smarteKeyChangeOutputFields, { key: 'warning', label: 'Warning', type: 'string' }],
    sample: { ...smarteApiKeySample, status: 'suspended', message: 'Key suspended successfully', warning: '' },
  },
});
