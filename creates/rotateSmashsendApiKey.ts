// Rotates a SMASHSEND API key: creates a replacement with the same name and role, checks it with its own secret, then
// deletes the old key (or keeps it for an overlap). The workflow is the connector's (rotateSmashsendApiKey); this step
// gives it the step's time budget and words its facts. The new secret (shown only once) always reaches the user.

import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import {
  InputError,
  KeyNotInListError,
  UnsupportedRoleError,
  rotateSmashsendApiKey as rotate,
  type SmashsendNewApiKey,
  type SmashsendRotation,
} from '@keyring/connector';
import { smashsendClient } from '../lib/clients';
import { startStepClock } from '../lib/stepClock';
import { halted, smashsendRotationWarning, withVendorErrors } from '../lib/errors';
import { allowConnectionKeyField, irreversibleNotice, parseAllowConnectionKey, parseBooleanWithDefault } from '../lib/inputs';
import { smashsendApiKeyOutputFields, smashsendApiKeyIdField } from '../lib/smashsendFields';
import { SMASHSEND_KEY_LOCK, SMASHSEND_THROTTLE } from '../lib/limits';
import { findSmashsendApiKey } from '../searches/findSmashsendApiKey';
import { createSmashsendApiKey } from './createSmashsendApiKey';
import { deleteSmashsendApiKey } from './deleteSmashsendApiKey';

const inputFields = defineInputFields([
  irreversibleNotice(
    "**The old key's deletion cannot be undone.** Once the new key has passed SMASHSEND's check, the old key stops working for every integration that uses it (unless Delete Old Key is off). The key this connection signs in with is refused unless you allow it below.",
  ),
  smashsendApiKeyIdField(
    'The key to replace. Pick one from the list, or map an API key ID (it starts with `aki_`). A new key with the same name and role is created and checked, then this key is deleted: update every integration that uses it.',
  ),
  {
    key: 'delete_old_key',
    label: 'Delete Old Key',
    type: 'boolean',
    default: 'true',
    required: false,
    helpText: `On (default): the old key is deleted once the new key has passed SMASHSEND's check. Off: both keys stay live for an overlap window, so integrations can switch to the new key first; add a **Delay** step, then **${deleteSmashsendApiKey.display.label}** with this step's Replaced API Key ID. The old key is never deleted if the new key does not check out.`,
  },
  allowConnectionKeyField,
]);

export type RotatedSmashsendApiKey = SmashsendNewApiKey & {
  replacedKeyId: string;
  oldKeyDeleted: boolean;
  newKeyVerified: boolean;
  /** Empty when the rotation went as asked; otherwise what happened to the new and the old key and what to do. */
  warning: string;
};

/**
 * The step's words for the workflow's refusals, which come before anything was created or deleted: preconditions that
 * say nothing bad about the Zap, so the step halts (a HaltedError never counts toward turning the Zap off).
 */
function refusal(z: ZObject, error: unknown): unknown {
  if (error instanceof KeyNotInListError) {
    return halted(
      z,
      `SMASHSEND API key ${error.apiKeyId} was not found in the workspace's key list: nothing was created or deleted. Pick the key again from the list; the "${findSmashsendApiKey.display.label}" step shows which keys exist.`,
    );
  }
  if (error instanceof UnsupportedRoleError) {
    return halted(
      z,
      `${error.message.replace(/\.$/, '')}: nothing was created or deleted, so that its access does not change silently. Create a key with the role you want and delete the old one instead; the "${findSmashsendApiKey.display.label}" step shows the key's role.`,
    );
  }
  return error;
}

function output(rotation: SmashsendRotation): RotatedSmashsendApiKey {
  return {
    ...rotation.newKey,
    replacedKeyId: rotation.oldKey.id,
    oldKeyDeleted: rotation.oldKeyDeleted,
    newKeyVerified: rotation.newKeyVerified,
    warning: smashsendRotationWarning(rotation, deleteSmashsendApiKey),
  };
}

export const rotateSmashsendApiKey = defineCreate({
  key: 'rotate_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'Rotate SMASHSEND API Key',
    description:
      'Replaces a SMASHSEND API key with a checked new one of the same name and role, deletes the old key, and returns the new secret (shown only once).',
  },
  operation: {
    lock: SMASHSEND_KEY_LOCK,
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle): Promise<RotatedSmashsendApiKey> =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const clock = startStepClock();
          const deleteOldKey = parseBooleanWithDefault(bundle.inputData.delete_old_key, true);
          if (deleteOldKey === undefined) throw new InputError('SMASHSEND', 'delete_old_key', 'must be true or false');
          const allowConnectionKey = parseAllowConnectionKey('SMASHSEND', bundle.inputData.allow_connection_key);
          const client = smashsendClient(z, bundle);
          try {
            // The connector checks the id (before any request) as it checks every input.
            // Deleting the connection's own key is refused before anything is created (a HaltedError) unless allowed.
            const rotation = await rotate(client, bundle.inputData.apiKeyId, {
              deleteOldKey,
              allowConnectionKey,
              // The list walk stops in time to leave the create one full timeout; the check and the delete get what is
              // left: if Zapier killed the step, the new key's secret (shown only once) would be lost.
              pagingDeadline: clock.pagingDeadline(1),
              endsAt: clock.endsAt,
              minRequestMs: Math.min(1_000, clock.timeoutMs),
            });
            return output(rotation);
          } catch (error) {
            throw refusal(z, error);
          }
        },
        {
          fields: inputFields,
          writes: { checkWith: findSmashsendApiKey },
          timeBudgetAdvice: `The key to rotate was not among them: nothing was created or deleted. Rotate it by hand: create a key with the "${createSmashsendApiKey.display.label}" step, then delete the old one with "${deleteSmashsendApiKey.display.label}" (both need no list).`,
        },
      ),
    outputFields: [
      ...smashsendApiKeyOutputFields,
      { key: 'replacedKeyId', label: 'Replaced API Key ID', type: 'string' },
      { key: 'oldKeyDeleted', label: 'Old Key Deleted', type: 'boolean' },
      { key: 'newKeyVerified', label: 'New Key Verified', type: 'boolean' },
      { key: 'warning', label: 'Warning', type: 'string' },
    ],
    // From the docs' create example (secret fake).
    sample: {
      id: 'aki_new123def456',
      displayName: 'Zapier Integration',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: 'sk_live_new123abc456def',
      workspaceId: 'wrk_ENGTK86JEXXckyDVJthKkPer',
      createdAt: '2024-03-21T15:30:00Z',
      updatedAt: '2024-03-21T15:30:00Z',
      replacedKeyId: 'aki_abc123def456',
      oldKeyDeleted: true,
      newKeyVerified: true,
      warning: '',
    },
  },
});
