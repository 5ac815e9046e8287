// Deletes a SMASHSEND API key: it stops working at once, for every integration that uses it. Cannot be undone.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smashsendClient } from '../lib/clients';
import { connectionKeyWarning, withVendorErrors } from '../lib/errors';
import { allowConnectionKeyField, irreversibleNotice, parseAllowConnectionKey } from '../lib/inputs';
import { presentSmashsendApiKey, smashsendApiKeyOutputFields, smashsendApiKeySample, smashsendApiKeyIdField } from '../lib/smashsendFields';
import { SMASHSEND_KEY_LOCK, SMASHSEND_THROTTLE } from '../lib/limits';
import { findSmashsendApiKey } from '../searches/findSmashsendApiKey';

const inputFields = defineInputFields([
  irreversibleNotice(
    '**This cannot be undone.** The key stops working at once, for every integration that uses it, and SMASHSEND cannot restore it. The key this connection signs in with is refused unless you allow it below.',
  ),
  smashsendApiKeyIdField(
    'The key to delete. Pick one from the list, or map an API key ID (it starts with `aki_`). Deleting cannot be undone: every integration using the key stops working.',
  ),
  allowConnectionKeyField,
]);

export const deleteSmashsendApiKey = defineCreate({
  key: 'delete_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'Delete SMASHSEND API Key',
    description: 'Deletes an API key from your SMASHSEND workspace, so that it stops working at once.',
  },
  operation: {
    lock: SMASHSEND_KEY_LOCK,
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const allowConnectionKey = parseAllowConnectionKey('SMASHSEND', bundle.inputData.allow_connection_key);
          // The connection's own key is refused before the delete is sent (a HaltedError) unless allowed.
          const { connectionKey, ...deleted } = await smashsendClient(z, bundle).deleteApiKey(bundle.inputData.apiKeyId, {
            allowConnectionKey,
          });
          return { ...presentSmashsendApiKey(deleted), warning: connectionKeyWarning('SMASHSEND', connectionKey, 'deleted') };
        },
        {
          fields: inputFields,
          writes: {
            checkWith: findSmashsendApiKey,
            repeatable: true,
            onExistingKey: true,
            mayHaveHappened: 'The key may have been deleted anyway (a repeat would then report it as not found)',
          },
        },
      ),
    outputFields: [
      ...smashsendApiKeyOutputFields,
      { key: 'isDeleted', label: 'Deleted', type: 'boolean' },
      { key: 'warning', label: 'Warning', type: 'string' },
    ],
    // From the docs' delete example (secret as SMASHSEND's truncated hint).
    sample: { ...smashsendApiKeySample, displayName: 'Deleted API Key', isDeleted: true, warning: '' },
  },
});
