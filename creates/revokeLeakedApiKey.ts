// Revokes the API key a leaked secret belongs to, at whichever vendor of the connection knows it: SMASHSEND deletes it
// (and, with Replace, issues a checked twin of the same name and role), SmartLead resets it (or deletes it), SMARTe
// suspends it. The new secret, when one is issued, is in the output: the one secret this step exists to deliver.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import {
  InputError,
  NotRevocableError,
  RevocationFailedError,
  identifySecret,
  revokeLeakedKey,
  type Revocation,
  type RevokeAction,
  type Vendor,
} from '@keyring/connector';
import { connectionVendors } from '../lib/clients';
import { halted, revocationWarning, withVendorErrors } from '../lib/errors';
import { irreversibleNotice, parseBooleanWithDefault } from '../lib/inputs';
import { leakClients, secretField, secretOf } from '../lib/leakFields';
import { LEAK_REVOCATION_LOCK, SMASHSEND_THROTTLE } from '../lib/limits';
import { findApiKeyBySecret } from '../searches/findApiKeyBySecret';
import { findSmartleadClientApiKey } from '../searches/findSmartleadClientApiKey';
import { findSmashsendApiKey } from '../searches/findSmashsendApiKey';
import { createSmashsendApiKey } from './createSmashsendApiKey';
import { deleteSmashsendApiKey } from './deleteSmashsendApiKey';

const inputFields = defineInputFields([
  irreversibleNotice(
    '**This cannot be undone.** The key the secret belongs to stops working at once, for everything that uses it: SMASHSEND deletes it, SmartLead resets (or deletes) it, SMARTe suspends it. The key this connection signs in with is revoked too if it leaked.',
  ),
  secretField,
  {
    key: 'replace',
    label: 'Issue a Replacement',
    type: 'boolean',
    default: 'true',
    required: false,
    helpText:
      'On (default): SMASHSEND creates a twin of the same name and role (checked with its own secret) and SmartLead resets the key to a new value; the new secret is in this step’s output. Off: the key is only deleted. SMARTe cannot replace a key: it is suspended either way.',
  },
]);

export type RevokedApiKey = {
  vendor: Vendor;
  key_id: string;
  name: string;
  action: RevokeAction;
  key_hint: string;
  warning: string;
  new_key_id?: string;
  new_secret?: string;
};

function output(revocation: Revocation): RevokedApiKey {
  const { key } = revocation;
  return {
    vendor: key.vendor,
    key_id: key.key_id,
    name: key.name,
    action: revocation.action,
    key_hint: key.key_hint,
    ...(revocation.newKeyId !== null && revocation.newSecret !== null
      ? { new_key_id: revocation.newKeyId, new_secret: revocation.newSecret }
      : {}),
    warning: revocationWarning(revocation, {
      createSmashsend: createSmashsendApiKey,
      deleteSmashsend: deleteSmashsendApiKey,
      findSmashsend: findSmashsendApiKey,
    }),
  };
}

export const revokeLeakedApiKey = defineCreate({
  key: 'revoke_leaked_api_key',
  noun: 'API Key',
  display: {
    label: 'Revoke Leaked API Key',
    description: 'Revokes the API key a leaked secret belongs to, and issues a replacement where the vendor allows.',
  },
  operation: {
    lock: LEAK_REVOCATION_LOCK,
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle): Promise<RevokedApiKey> =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const secret = secretOf(bundle);
          const replace = parseBooleanWithDefault(bundle.inputData.replace, true);
          if (replace === undefined) throw new InputError('SMASHSEND', 'replace', 'must be true or false');
          const vendors = connectionVendors(bundle);
          const clients = leakClients(z, bundle, vendors);
          const key = await identifySecret(clients, secret, { vendors });
          if (key === null) {
            throw halted(
              z,
              `No vendor of this connection (${vendors.join(', ')}) knows the secret ending in ${secret.slice(-4)}: nothing was revoked. It may be revoked already, or belong to another account; the "${findApiKeyBySecret.display.label}" step shows where a secret belongs.`,
            );
          }
          try {
            return output(await revokeLeakedKey(clients, key, { replace }));
          } catch (error) {
            if (error instanceof NotRevocableError) {
              throw halted(z, `${error.message} Nothing was revoked: revoke it where it belongs.`);
            }
            // The replacement exists (its secret is shown only once): deliver it, saying the leaked key may be live.
            if (error instanceof RevocationFailedError) return output(error.partial);
            throw error;
          }
        },
        {
          fields: inputFields,
          // Every write that can fail here acts on the key just found (delete, reset, suspend): a 404 means it went away
          // in between (another run revoked it), a precondition like every write to a key that must exist.
          writes: {
            checkWith: findApiKeyBySecret,
            mayHaveHappened: 'The key may have been revoked anyway',
            onExistingKey: true,
            // A SmartLead key is revoked by a reset: the leaked value then finds nothing, and only SmartLead's own search
            // shows the key's new value.
            byVendor: {
              SmartLead: {
                checkWith: findSmartleadClientApiKey,
                mayHaveHappened:
                  'The key may have been reset anyway (its leaked value then no longer works); its new value is shown with "Include Full Key Value" on',
              },
            },
          },
          secretInput: true,
        },
      ),
    outputFields: [
      { key: 'vendor', label: 'Vendor', type: 'string' },
      { key: 'key_id', label: 'Key ID', type: 'string' },
      { key: 'name', label: 'Key Name', type: 'string' },
      { key: 'action', label: 'Action', type: 'string' },
      { key: 'new_key_id', label: 'New Key ID', type: 'string' },
      { key: 'new_secret', label: 'New Secret', type: 'string' },
      { key: 'key_hint', label: 'Key Hint', type: 'string' },
      { key: 'warning', label: 'Warning', type: 'string' },
    ],
    sample: {
      vendor: 'SMASHSEND',
      key_id: 'aki_abc123def456',
      name: 'Zapier Integration',
      action: 'rotated',
      new_key_id: 'aki_new123def456',
      new_secret: 'sk_live_new123abc456def',
      key_hint: '********f456',
      warning: '',
    },
  },
});
