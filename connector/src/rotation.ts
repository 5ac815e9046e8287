// The SMASHSEND key rotation, written once for every caller (the Zapier step, the `keyring` command): find the old
// key, create its twin, check the twin with its own secret, then delete the old key. Once the twin exists its secret
// (shown only this once) always comes back: later faults are reported as facts, never thrown. Wording is the caller's.

import { ConnectorError, NotFoundError, ValidationError } from './errors';
import { SMASHSEND_ROLES, type SmashsendApiKey, type SmashsendClient, type SmashsendNewApiKey, type SmashsendRole } from './smashsend';
import { requireId } from './validate';
import { refuseConnectionKey } from './connectionKey';

const VENDOR = 'SMASHSEND';

/** What the check of the new key (GET /v1/api-keys/check with the new secret) found. */
export type NewKeyCheck =
  /** SMASHSEND accepted the new key. */
  | 'passed'
  /** SMASHSEND rejected the new key (401, or a status other than SUCCEED). */
  | 'rejected'
  /** The check got no usable answer (server error, rate limit, timeout, unreadable body): the key's state is unknown. */
  | 'failed'
  /** Too little of the time budget was left to run the check. */
  | 'no_time';

/** What became of the old key. */
export type OldKeyOutcome =
  /** Deleted. */
  | 'deleted'
  /** Kept because the caller asked to (`deleteOldKey: false`). */
  | 'kept'
  /** Kept because the new key did not pass its check: the old key may be the only one that works. */
  | 'kept_unverified'
  /** Kept because too little of the time budget was left to check the new key and delete the old one. */
  | 'kept_no_time'
  /** SMASHSEND answered the delete with `isDeleted: false`: still live. */
  | 'not_deleted'
  /** SMASHSEND refused the delete (an HTTP error status): still live. */
  | 'delete_failed'
  /** The delete got no usable answer (timeout, reset, unreadable 2xx body): it may or may not have happened. */
  | 'delete_unanswered'
  /** SMASHSEND answered the delete with 404: as far as it says, the key is gone already. */
  | 'already_gone';

export interface SmashsendRotation {
  /** The replacement, with its full secretKey (shown only this once). */
  newKey: SmashsendNewApiKey;
  /** The old key as the list showed it. */
  oldKey: SmashsendApiKey;
  newKeyVerified: boolean;
  newKeyCheck: NewKeyCheck;
  /** The failure behind a `newKeyCheck` of rejected or failed (a ConnectorError for every vendor fault). */
  checkError?: Error;
  oldKeyDeleted: boolean;
  oldKeyOutcome: OldKeyOutcome;
  /**
   * The old key is (or could not be told apart from) the key the client authenticates with, and the caller allowed the
   * rotation to delete it (`allowConnectionKey`): once it is deleted, the caller must switch to the new key. False when
   * the old key is kept (`deleteOldKey: false`: nothing is checked then).
   */
  connectionKey: boolean;
  /** The failure behind a `delete_failed`, `delete_unanswered` or `already_gone` outcome. */
  deleteError?: Error;
}

export interface SmashsendRotationOptions {
  /** Delete the old key once the new one has passed its check (default true); false leaves both live for an overlap. */
  deleteOldKey?: boolean;
  /**
   * Let the rotation delete the key the client itself authenticates with (default false: a ConnectionKeyError before
   * anything is created). Found by GET /v1/api-keys/current (no request when the client knows it already).
   */
  allowConnectionKey?: boolean;
  /** Epoch ms: no key-list page request starts at or after it (see `pages()`); past it the rotation stops, changing nothing. */
  pagingDeadline?: number;
  /** Epoch ms by which the rotation's requests must be over: the check and the delete get only the time left. */
  endsAt?: number;
  /** With less than this many ms left before `endsAt`, the check or the delete is not started (default 1 000). */
  minRequestMs?: number;
  /** The clock (default Date.now), for tests. */
  now?: () => number;
}

/** The key to rotate is not in the workspace's key list: nothing was created or deleted. */
export class KeyNotInListError extends NotFoundError {
  constructor(
    readonly apiKeyId: string,
    path: string,
  ) {
    super(`SMASHSEND API key ${apiKeyId} is not in the workspace's key list (GET ${path}).`, { vendor: VENDOR, method: 'GET', path });
  }
}

/** The key to rotate has a role a new key cannot be given: nothing was created or deleted. */
export class UnsupportedRoleError extends ValidationError {
  constructor(
    readonly apiKeyId: string,
    /** The role as the list showed it (at most 40 characters). */
    readonly role: string,
  ) {
    super(`SMASHSEND API key ${apiKeyId} has role "${role}", which a new key cannot be given (only ${SMASHSEND_ROLES.join(', ')}).`, {
      vendor: VENDOR,
    });
  }
}

/**
 * Rotates a SMASHSEND key. Throws (having changed nothing) when the old key is not found, has a role a new key cannot
 * have, is the client's own key and deleting it was not allowed (ConnectionKeyError), or the create fails. Once the new key exists it always resolves, with the facts of the check and the delete.
 */
export async function rotateSmashsendApiKey(
  client: SmashsendClient,
  apiKeyId: string,
  options: SmashsendRotationOptions = {},
): Promise<SmashsendRotation> {
  const id = requireId(VENDOR, 'apiKeyId', apiKeyId);
  const { deleteOldKey = true, now = Date.now, minRequestMs = 1_000 } = options;
  const timeLeft = () => (options.endsAt === undefined ? undefined : options.endsAt - now());
  const enoughTime = () => {
    const left = timeLeft();
    return left === undefined || left >= minRequestMs;
  };

  const oldKey = await findKey(client, id, options.pagingDeadline, now);
  const role = replacementRole(oldKey);
  let connectionKey = false;
  if (deleteOldKey) {
    // Deleting the key the client runs on would lock it out: refused (before anything is created) unless allowed.
    const matcher = await client.connectionKeyMatcher();
    const match = matcher.match(oldKey);
    refuseConnectionKey(VENDOR, oldKey.id, match, 'rotate and delete', {
      allowConnectionKey: options.allowConnectionKey,
      evidence: matcher.evidence,
      method: 'DELETE',
      path: `/v1/workspaces/${await client.workspaceId()}/api-keys/${oldKey.id}`,
    });
    connectionKey = match !== 'no';
  }
  // If the create fails, nothing changed: the error goes to the caller as it is.
  const newKey = await client.createApiKey({ displayName: oldKey.displayName, role });

  const facts = { newKey, oldKey, oldKeyDeleted: false, connectionKey };
  // From here on nothing may throw: the new secret exists only in this answer.
  if (!enoughTime()) {
    return { ...facts, newKeyVerified: false, newKeyCheck: 'no_time', oldKeyOutcome: deleteOldKey ? 'kept_no_time' : 'kept' };
  }
  const check = await checkNewKey(client, newKey.secretKey, timeLeft());
  const verified = { ...facts, newKeyVerified: check.result === 'passed', newKeyCheck: check.result, ...check.error };
  if (!deleteOldKey) return { ...verified, oldKeyOutcome: 'kept' };
  if (check.result !== 'passed') return { ...verified, oldKeyOutcome: 'kept_unverified' };
  if (!enoughTime()) return { ...verified, oldKeyOutcome: 'kept_no_time' };
  return { ...verified, ...(await deleteKey(client, oldKey.id, timeLeft())) };
}

/** The old key, read from the list newest first (page after page). */
async function findKey(client: SmashsendClient, id: string, deadline: number | undefined, now: () => number): Promise<SmashsendApiKey> {
  for await (const key of client.allApiKeys({ sort: 'createdAt.desc', deadline, now })) {
    if (key.id === id) return key;
  }
  throw new KeyNotInListError(id, `/v1/workspaces/${await client.workspaceId()}/api-keys`);
}

/** The role to give the new key, in SMASHSEND's spelling; a role a new key cannot have stops here, before any change. */
function replacementRole(old: SmashsendApiKey): SmashsendRole {
  const role = SMASHSEND_ROLES.find((candidate) => candidate.toLowerCase() === old.role.trim().toLowerCase());
  if (role === undefined) throw new UnsupportedRoleError(old.id, old.role.slice(0, 40));
  return role;
}

/** GET /v1/api-keys/check with the new secret, through a client that differs from the caller's only in its key. */
async function checkNewKey(
  client: SmashsendClient,
  secret: string,
  timeoutMs: number | undefined,
): Promise<{ result: Exclude<NewKeyCheck, 'no_time'>; error?: { checkError: Error } }> {
  try {
    await client.withApiKey(secret).checkApiKey({ timeoutMs });
    return { result: 'passed' };
  } catch (error) {
    const checkError = asError(error);
    return { result: checkError instanceof ConnectorError && checkError.kind === 'auth' ? 'rejected' : 'failed', error: { checkError } };
  }
}

async function deleteKey(
  client: SmashsendClient,
  id: string,
  timeoutMs: number | undefined,
): Promise<Pick<SmashsendRotation, 'oldKeyDeleted' | 'oldKeyOutcome' | 'deleteError'>> {
  try {
    // Whether it is the client's own key was settled before the create (refused there unless allowed).
    const deleted = await client.deleteApiKey(id, { timeoutMs, allowConnectionKey: true });
    return deleted.isDeleted ? { oldKeyDeleted: true, oldKeyOutcome: 'deleted' } : { oldKeyDeleted: false, oldKeyOutcome: 'not_deleted' };
  } catch (error) {
    const deleteError = asError(error);
    const kind = deleteError instanceof ConnectorError ? deleteError.kind : undefined;
    if (kind === 'not_found') return { oldKeyDeleted: false, oldKeyOutcome: 'already_gone', deleteError };
    // No answer, or a 2xx answer that could not be read: the delete may well have happened.
    if (kind === 'network' || kind === 'bad_response' || kind === undefined) {
      return { oldKeyDeleted: false, oldKeyOutcome: 'delete_unanswered', deleteError };
    }
    return { oldKeyDeleted: false, oldKeyOutcome: 'delete_failed', deleteError };
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
