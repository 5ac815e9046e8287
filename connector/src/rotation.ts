// The SMASHSEND key rotation, written once for every caller (the Zapier step, the `keyring` command): find the old
// key, create its twin, check the twin with its own secret, then delete the old key. Once the twin exists its secret
// (shown only this once) always comes back: later faults are reported as facts, never thrown. Wording is the caller's.
// A caller that asks first (the command) gets the plan after the reads and before the create (`confirm`), the new key
// the moment it exists (`onCreated`), and can stop the rest (`signal`) without losing what was already done.

import { ConnectorError, NotFoundError, ValidationError } from './errors';
import { SMASHSEND_ROLES, type SmashsendApiKey, type SmashsendClient, type SmashsendNewApiKey, type SmashsendRole } from './smashsend';
import { requireId } from './validate';
import { untilAborted } from './abort';
import { refuseConnectionKey, type ConnectionKeyMatch } from './connectionKey';

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
  | 'no_time'
  /** The rotation was interrupted (`signal`, or a failing `onCreated`) before the check answered: not sent, or no longer awaited. */
  | 'interrupted';

/** What became of the old key. */
export type OldKeyOutcome =
  /** Deleted. */
  | 'deleted'
  /** Kept because the caller asked to (`deleteOldKey: false`). */
  | 'kept'
  /** Kept because the new key did not pass its check (or was not checked: interrupted): the old key may be the only one that works. */
  | 'kept_unverified'
  /** Kept because too little of the time budget was left to check the new key and delete the old one. */
  | 'kept_no_time'
  /** SMASHSEND answered the delete with `isDeleted: false`: still live. */
  | 'not_deleted'
  /** SMASHSEND refused the delete (an HTTP error status): still live. */
  | 'delete_failed'
  /**
   * The delete got no usable answer (timeout, reset, unreadable 2xx body), or was no longer awaited because the rotation
   * was interrupted while it was in flight (`deleteError` is then a RotationAbortedError): it may or may not have happened.
   */
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
  /**
   * Set when the rotation stopped early once the new key existed: `signal` was aborted, or `onCreated` failed. No
   * request was started after that; a check in flight is `newKeyCheck: 'interrupted'` (the old key kept), a delete in
   * flight `oldKeyOutcome: 'delete_unanswered'`. Absent when the rotation ran to its end.
   */
  interruption?: RotationAbortedError;
}

/** What a rotation is about to do, once the reads are done and before anything is written (see `confirm`). */
export interface SmashsendRotationPlan {
  /** The key to replace, as the list showed it. */
  oldKey: SmashsendApiKey;
  /** The twin to create: the old key's name, and its role in SMASHSEND's spelling. */
  newKey: { displayName: string; role: SmashsendRole };
  /** Whether the old key will be deleted once the new one has passed its check. */
  deleteOldKey: boolean;
  /**
   * Whether the old key is the key the client authenticates with ('unknown': SMASHSEND gave no way to tell). 'no' also
   * when the old key is kept (nothing is asked then). A 'yes' or 'unknown' plan to delete it is only ever shown when
   * `allowConnectionKey` is set (otherwise the rotation stops first, with a ConnectionKeyError).
   */
  connectionKey: ConnectionKeyMatch;
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
  /**
   * Asked after the reads (the old key found, its role, whether it is the client's own) and before the create, with
   * what the rotation is about to do: false stops it with a RotationAbortedError (`by: 'confirm'`), nothing written.
   */
  confirm?: (plan: SmashsendRotationPlan) => boolean | Promise<boolean>;
  /**
   * Called, and awaited, as soon as the new key exists, before its check and the delete: the moment to store its secret
   * (the rest of the rotation may still be interrupted). If it throws, the rotation goes no further: it resolves with
   * `interruption` (`by: 'on_created'`), the old key kept.
   */
  onCreated?: (newKey: SmashsendNewApiKey) => void | Promise<void>;
  /**
   * Stops the rotation. Before the create, it rejects with a RotationAbortedError (`by: 'signal'`) having written
   * nothing (a read in flight is no longer awaited). Once the create is sent, its answer is still awaited (it carries
   * the only copy of the new secret); after that no request is started, a check or delete in flight is no longer
   * awaited, and the rotation resolves with what was done and `interruption` set.
   */
  signal?: AbortSignal;
}

/**
 * A rotation stopped by its caller: `signal` aborted, `confirm` answered false, or `onCreated` failed (its error is the
 * `cause`). Named AbortError, as fetch names its own. Thrown only before the create (nothing was written); after it,
 * the rotation resolves and carries this error as its `interruption`.
 */
export class RotationAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(
    readonly by: 'signal' | 'confirm' | 'on_created',
    options: { cause?: unknown } = {},
  ) {
    const what = { signal: 'its signal was aborted', confirm: 'the confirmation was declined', on_created: 'onCreated failed' };
    super(`The SMASHSEND rotation was stopped: ${what[by]}.`, options);
  }
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
 * have, is the client's own key and deleting it was not allowed (ConnectionKeyError), the caller stopped it before the
 * create (RotationAbortedError), or the create fails. Once the new key exists it always resolves, with the facts of
 * the check and the delete (and of an interruption).
 */
export async function rotateSmashsendApiKey(
  client: SmashsendClient,
  apiKeyId: string,
  options: SmashsendRotationOptions = {},
): Promise<SmashsendRotation> {
  const id = requireId(VENDOR, 'apiKeyId', apiKeyId);
  const { deleteOldKey = true, now = Date.now, minRequestMs = 1_000, signal } = options;
  const timeLeft = () => (options.endsAt === undefined ? undefined : options.endsAt - now());
  const enoughTime = () => {
    const left = timeLeft();
    return left === undefined || left >= minRequestMs;
  };

  if (signal?.aborted) throw new RotationAbortedError('signal');
  const plan = await untilSignal(readPlan(client, id, deleteOldKey, options), signal);
  if (options.confirm !== undefined && !(await untilSignal(Promise.resolve(options.confirm(plan)), signal))) {
    throw new RotationAbortedError('confirm');
  }
  if (signal?.aborted) throw new RotationAbortedError('signal');
  // If the create fails, nothing changed: the error goes to the caller as it is. Once sent it is awaited, even when
  // the signal is aborted meanwhile: its answer is the only copy of the new secret.
  const newKey = await client.createApiKey(plan.newKey);

  const facts = { newKey, oldKey: plan.oldKey, oldKeyDeleted: false, connectionKey: plan.connectionKey !== 'no' };
  // From here on nothing may throw: the new secret exists only in this answer.
  const interrupted = (interruption: RotationAbortedError): SmashsendRotation => ({
    ...facts,
    newKeyVerified: false,
    newKeyCheck: 'interrupted',
    oldKeyOutcome: deleteOldKey ? 'kept_unverified' : 'kept',
    interruption,
  });
  if (options.onCreated !== undefined) {
    try {
      await options.onCreated(newKey);
    } catch (error) {
      return interrupted(new RotationAbortedError('on_created', { cause: error }));
    }
  }
  if (signal?.aborted) return interrupted(new RotationAbortedError('signal'));
  if (!enoughTime()) {
    return { ...facts, newKeyVerified: false, newKeyCheck: 'no_time', oldKeyOutcome: deleteOldKey ? 'kept_no_time' : 'kept' };
  }
  let check: Awaited<ReturnType<typeof checkNewKey>>;
  try {
    check = await untilSignal(checkNewKey(client, newKey.secretKey, timeLeft()), signal);
  } catch (error) {
    return interrupted(error instanceof RotationAbortedError ? error : new RotationAbortedError('signal'));
  }
  const verified = { ...facts, newKeyVerified: check.result === 'passed', newKeyCheck: check.result, ...check.error };
  if (!deleteOldKey) return { ...verified, oldKeyOutcome: 'kept' };
  if (check.result !== 'passed') return { ...verified, oldKeyOutcome: 'kept_unverified' };
  if (!enoughTime()) return { ...verified, oldKeyOutcome: 'kept_no_time' };
  // No signal check between the passed check and the delete: both happen in one turn of the event loop, so an abort
  // cannot land between them; it can only catch the delete in flight (its outcome is then unknown).
  try {
    return { ...verified, ...(await untilSignal(deleteKey(client, plan.oldKey.id, timeLeft()), signal)) };
  } catch (error) {
    const interruption = error instanceof RotationAbortedError ? error : new RotationAbortedError('signal');
    return { ...verified, oldKeyOutcome: 'delete_unanswered', deleteError: interruption, interruption };
  }
}

/** The reads before any write: the old key (paging), the role for its twin, and whether it is the client's own key. */
async function readPlan(
  client: SmashsendClient,
  id: string,
  deleteOldKey: boolean,
  options: SmashsendRotationOptions,
): Promise<SmashsendRotationPlan> {
  const oldKey = await findKey(client, id, options.pagingDeadline, options.now ?? Date.now);
  const role = replacementRole(oldKey);
  let connectionKey: ConnectionKeyMatch = 'no';
  if (deleteOldKey) {
    // Deleting the key the client runs on would lock it out: refused (before anything is created) unless allowed.
    const matcher = await client.connectionKeyMatcher();
    connectionKey = matcher.match(oldKey);
    refuseConnectionKey(VENDOR, oldKey.id, connectionKey, 'rotate and delete', {
      allowConnectionKey: options.allowConnectionKey,
      evidence: matcher.evidence,
      method: 'DELETE',
      path: `/v1/workspaces/${await client.workspaceId()}/api-keys/${oldKey.id}`,
    });
  }
  return { oldKey, newKey: { displayName: oldKey.displayName, role }, deleteOldKey, connectionKey };
}

/** Settles as `work` does, or rejects with a RotationAbortedError as soon as `signal` is aborted (see abort.ts). */
function untilSignal<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return untilAborted(work, signal, () => new RotationAbortedError('signal'));
}

/** The old key, read from the list newest first (page after page). */
async function findKey(client: SmashsendClient, id: string, deadline: number | undefined, now: () => number): Promise<SmashsendApiKey> {
  const key = await client.findApiKeyById(id, { deadline, now });
  if (key === undefined) throw new KeyNotInListError(id, `/v1/workspaces/${await client.workspaceId()}/api-keys`);
  return key;
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
