// Renames a SMASHSEND API key and/or changes its role; the key's value stays the same.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { smashsendClient } from '../lib/clients';
import { connectionKeyWarning, withVendorErrors } from '../lib/errors';
import { allowConnectionKeyField, parseAllowConnectionKey } from '../lib/inputs';
import {
  presentSmashsendApiKey,
  smashsendApiKeyOutputFields,
  smashsendApiKeySample,
  smashsendRoleChoices,
  smashsendApiKeyIdField,
} from '../lib/smashsendFields';
import { SMASHSEND_KEY_LOCK, SMASHSEND_THROTTLE } from '../lib/limits';
import { findSmashsendApiKey } from '../searches/findSmashsendApiKey';

const inputFields = defineInputFields([
  smashsendApiKeyIdField('The key to update. Pick one from the list, or map an API key ID (it starts with `aki_`).'),
  {
    key: 'displayName',
    label: 'New Display Name',
    type: 'string',
    required: false,
    helpText: 'The new name for the key. Leave blank to keep the current name. Give a new name, a new role, or both.',
  },
  {
    key: 'role',
    label: 'New Role',
    type: 'string',
    required: false,
    choices: smashsendRoleChoices,
    helpText:
      'The new role for the key. Leave blank to keep the current role. A new role for the key this connection signs in with is refused unless allowed below.',
  },
  allowConnectionKeyField,
]);

export const updateSmashsendApiKey = defineCreate({
  key: 'update_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'Update SMASHSEND API Key',
    description: 'Updates the display name and/or role of an API key in your SMASHSEND workspace.',
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
          // A role change to the connection's own key is refused before it is sent (a HaltedError) unless allowed.
          const { connectionKey, ...key } = await smashsendClient(z, bundle).updateApiKey(
            bundle.inputData.apiKeyId,
            { displayName: bundle.inputData.displayName, role: bundle.inputData.role },
            { allowConnectionKey },
          );
          return { ...presentSmashsendApiKey(key), warning: connectionKeyWarning('SMASHSEND', connectionKey, 'role') };
        },
        {
          fields: inputFields,
          // Setting the same name and role again changes nothing more: a repeat is safe.
          writes: {
            checkWith: findSmashsendApiKey,
            repeatable: true,
            onExistingKey: true,
            mayHaveHappened: 'The key may have been updated anyway',
          },
        },
      ),
    outputFields: [...smashsendApiKeyOutputFields, { key: 'warning', label: 'Warning', type: 'string' }],
    // From the docs' update example (secret as SMASHSEND's truncated hint).
    sample: { ...smashsendApiKeySample, displayName: 'Updated Zapier Integration Key', updatedAt: '2024-03-21T16:45:00Z', warning: '' },
  },
});
