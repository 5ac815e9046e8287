// Rotates a SMASHSEND API key: creates a replacement with the same name and role, then deletes the old key.
// SMASHSEND has no "reset" and no single-key read, so the old key's name and role come from the key list.
// Once the new key exists, its secret (shown only once) must reach the user: a failed delete is a warning, not a failure.

import { defineCreate, defineInputFields, type ZObject } from 'zapier-platform-core';
import {
  ConnectorError,
  SMASHSEND_ROLES,
  requireId,
  type SmashsendApiKey,
  type SmashsendClient,
  type SmashsendNewApiKey,
} from '@keyring/connector';
import { smashsendClient } from '../lib/clients';
import { startStepClock, type StepClock } from '../lib/stepClock';
import { withVendorErrors } from '../lib/errors';
import { smashsendApiKeyOutputFields, smashsendApiKeyIdField } from '../lib/smashsendFields';
import { SMASHSEND_KEY_LOCK, SMASHSEND_THROTTLE } from '../lib/limits';

const inputFields = defineInputFields([
  smashsendApiKeyIdField(
    'The key to replace. Pick one from the list, or map an API key ID (it starts with `aki_`). A new key with the same name and role is created, then this key is deleted: update every integration that uses it. If it is the key of this Zapier connection, reconnect with the new key afterwards.',
  ),
]);

export type RotatedSmashsendApiKey = SmashsendNewApiKey & {
  replacedKeyId: string;
  oldKeyDeleted: boolean;
  /** Empty when the old key was deleted; otherwise what happened to it and what to do. */
  warning: string;
};

/** The old key, read from the list newest first (page after page), or a clear error that nothing was changed. */
async function findOldKey(z: ZObject, client: SmashsendClient, id: string, clock: StepClock): Promise<SmashsendApiKey> {
  // The list walk stops in time to leave the create one full timeout (the delete gets what is left, see deleteOldKey).
  for await (const key of client.allApiKeys({ sort: 'createdAt.desc', deadline: clock.pagingDeadline(1) })) {
    if (key.id === id) return key;
  }
  throw new z.errors.Error(
    `SMASHSEND API key ${id} was not found in the workspace's key list: nothing was created or deleted. Pick the key again from the list.`,
    'not_found',
  );
}

/** The role to give the new key; a role a new key cannot have stops the rotation before anything changes. */
function replacementRole(z: ZObject, old: SmashsendApiKey): string {
  const role = SMASHSEND_ROLES.find((candidate) => candidate.toLowerCase() === old.role.trim().toLowerCase());
  if (role === undefined) {
    throw new z.errors.Error(
      `SMASHSEND API key ${old.id} has role "${old.role.slice(0, 40)}", which a new key cannot be given (only ${SMASHSEND_ROLES.join(', ')}): nothing was created or deleted, so that its access does not change silently. Create a key with the role you want and delete the old one instead.`,
      'unsupported_role',
    );
  }
  return role;
}

/**
 * Deletes the old key; any failure becomes a plain warning, since the new key already exists. The delete only gets
 * the step's remaining time: if Zapier killed the step now, the new key's secret (shown only once) would be lost.
 */
async function deleteOldKey(
  client: SmashsendClient,
  old: SmashsendApiKey,
  clock: StepClock,
): Promise<{ oldKeyDeleted: boolean; warning: string }> {
  const which = `The new key was created, but the old key ${old.id} ("${old.displayName}")`;
  const deleteItYourself = 'Delete it with the "Delete SMASHSEND API Key" step or in SMASHSEND.';
  const timeLeft = clock.remainingMs();
  if (timeLeft < Math.min(1_000, clock.timeoutMs)) {
    return {
      oldKeyDeleted: false,
      warning: `${which} is still live: too little of this step's time (Zapier's 30 s limit) was left to delete it safely. ${deleteItYourself}`,
    };
  }
  try {
    const deleted = await client.deleteApiKey(old.id, { timeoutMs: timeLeft });
    if (deleted.isDeleted) return { oldKeyDeleted: true, warning: '' };
    return {
      oldKeyDeleted: false,
      warning: `${which} is still live: SMASHSEND answered the delete with isDeleted false. ${deleteItYourself}`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof ConnectorError && error.kind === 'not_found') {
      return { oldKeyDeleted: false, warning: `${which} was not found when deleting it, so it was probably deleted already: ${reason}` };
    }
    if (error instanceof ConnectorError && error.kind === 'network') {
      return { oldKeyDeleted: false, warning: `${which} may still be live: the delete got no answer: ${reason} ${deleteItYourself}` };
    }
    // A 2xx answer that could not be read (empty, HTML, malformed, odd shape) may well follow a delete that happened.
    if (error instanceof ConnectorError && error.kind === 'bad_response') {
      return {
        oldKeyDeleted: false,
        warning: `${which} may still be live: SMASHSEND's answer to the delete could not be read: ${reason} ${deleteItYourself}`,
      };
    }
    return { oldKeyDeleted: false, warning: `${which} is still live: deleting it failed: ${reason} ${deleteItYourself}` };
  }
}

export const rotateSmashsendApiKey = defineCreate({
  key: 'rotate_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'Rotate SMASHSEND API Key',
    description:
      'Replaces an API key in your SMASHSEND workspace with a new one of the same name and role, deletes the old key, and returns the new key in full (shown only once).',
  },
  operation: {
    lock: SMASHSEND_KEY_LOCK,
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle): Promise<RotatedSmashsendApiKey> =>
      withVendorErrors(
        z,
        async () => {
          const clock = startStepClock();
          const id = requireId('SMASHSEND', 'apiKeyId', bundle.inputData.apiKeyId);
          const client = smashsendClient(z, bundle);
          const old = await findOldKey(z, client, id, clock);
          const role = replacementRole(z, old);
          // If this fails, the old key is untouched and the step fails with the reason.
          const created = await client.createApiKey({ displayName: old.displayName, role });
          const { oldKeyDeleted, warning } = await deleteOldKey(client, old, clock);
          return { ...created, replacedKeyId: old.id, oldKeyDeleted, warning };
        },
        {
          checkWith: 'Find SMASHSEND API Key',
          timeBudgetAdvice:
            'The key to rotate was not among them: nothing was created or deleted. Rotate it by hand: create a key with the "Create SMASHSEND API Key" step, then delete the old one with "Delete SMASHSEND API Key" (both need no list).',
        },
      ),
    outputFields: [
      ...smashsendApiKeyOutputFields,
      { key: 'replacedKeyId', label: 'Replaced API Key ID', type: 'string' },
      { key: 'oldKeyDeleted', label: 'Old Key Deleted', type: 'boolean' },
      { key: 'warning', label: 'Warning', type: 'string' },
    ],
    // From the docs' create example (secret fake).
    sample: {
      id: 'aki_new123def456',
      displayName: 'Zapier Integration',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: 'sk_live_new123abc456def',
      createdAt: '2024-03-21T15:30:00Z',
      updatedAt: '2024-03-21T15:30:00Z',
      replacedKeyId: 'aki_abc123def456',
      oldKeyDeleted: true,
      warning: '',
    },
  },
});
