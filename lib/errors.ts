// The one place where connector errors become Zapier errors, so a Zap builder sees the vendor, what happened and
// what to do, never a stack, a TypeError or "[object Object]".

import type { ZObject } from 'zapier-platform-core';
import { ConnectorError, NetworkError, RateLimitError, TimeBudgetError, type SmashsendRotation, type Vendor } from '@keyring/connector';

/** Wait used for a 429 without Retry-After: each vendor's documented rate-limit window. */
export const DEFAULT_RETRY_AFTER_SECONDS: Record<Vendor, number> = {
  SMASHSEND: 60, // 60 requests per minute
  SmartLead: 60, // documented both as 10 per 2 s and 60 per minute: wait for the longer window
  SMARTe: 60, // per-organisation limits by contract; a minute is the common window
};

export interface ErrorContext {
  /**
   * For creates: the search step to use when a timeout leaves it unknown whether the key was made,
   * e.g. "Find SMASHSEND API Key".
   */
  checkWith?: string;
  /** What may have happened when a write got no answer; default "The key may have been created anyway". */
  mayHaveHappened?: string;
  /** For steps that page through a list: what the user can do when paging stopped at the step's time budget. */
  timeBudgetAdvice?: string;
  /** In the connection test a rejected key is a plain failure, not an expired connection. */
  connectionTest?: boolean;
}

/** Error names that core's own z.errors use: these pass through unchanged. */
const ZAPIER_ERROR_NAMES = new Set([
  'AppError',
  'ThrottledError',
  'ExpiredAuthError',
  'HaltedError',
  'RefreshAuthError',
  'ResponseError',
  'CheckError',
]);

export function toZapierError(z: ZObject, error: unknown, context: ErrorContext = {}): Error {
  if (error instanceof Error && ZAPIER_ERROR_NAMES.has(error.name)) return error;
  if (!(error instanceof ConnectorError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new z.errors.Error(`Unexpected problem in this step: ${detail}`, 'unexpected');
  }
  switch (error.kind) {
    case 'auth':
      if (context.connectionTest) return new z.errors.Error(error.message, 'auth', error.status);
      return new z.errors.ExpiredAuthError(`${error.message} Reconnect your ${error.vendor} API key in this connection.`);
    case 'rate_limited': {
      const wait = error instanceof RateLimitError ? error.retryAfterSeconds : undefined;
      return new z.errors.ThrottledError(error.message, wait ?? DEFAULT_RETRY_AFTER_SECONDS[error.vendor]);
    }
    case 'network':
      if (error instanceof TimeBudgetError) {
        const keys = `${error.itemsRead} API key${error.itemsRead === 1 ? '' : 's'}`;
        const pages = `${error.pagesRead} page${error.pagesRead === 1 ? '' : 's'}`;
        return new z.errors.Error(
          `${error.vendor} stopped paging after ${pages} / ${keys} to stay within Zapier's 30 s step limit (${error.method} ${error.path}). ${context.timeBudgetAdvice ?? 'Try again later.'}`,
          'time_budget',
        );
      }
      // A refused connection or an unknown host never reached the vendor: nothing can have been created, so a plain
      // retry is safe. A timeout or a reset may come after the vendor acted: say so, and how to check.
      if (isWrite(error, context) && !(error instanceof NetworkError && (error.reason === 'refused' || error.reason === 'dns'))) {
        return unknownOutcome(z, error, context);
      }
      return new z.errors.Error(error.message, error.kind, error.status);
    case 'bad_response':
      // A write answered 2xx with a body that could not be read (empty, HTML, malformed, odd shape) was most likely done.
      if (isWrite(error, context) && error.message.endsWith(RETRY_ADVICE)) return unknownOutcome(z, error, context);
      return new z.errors.Error(error.message, error.kind, error.status);
    case 'server':
      // A gateway's 502 or 504 can come after the vendor behind it acted (its answer was lost on the way back).
      if (isWrite(error, context) && (error.status === 502 || error.status === 504)) return unknownOutcome(z, error, context);
      return new z.errors.Error(error.message, error.kind, error.status);
    default:
      return new z.errors.Error(error.message, error.kind, error.status);
  }
}

const RETRY_ADVICE = ' A retry may help.';

/** A failed create, reset or rotation (the step named a search to check with), not a read. */
function isWrite(error: ConnectorError, context: ErrorContext): boolean {
  return context.checkWith !== undefined && error.method !== 'GET';
}

/**
 * A write whose outcome is unknown: what happened, what may have happened anyway, and how to check, instead of
 * "a retry may help" (a blind retry could make a second key).
 */
function unknownOutcome(z: ZObject, error: ConnectorError, context: ErrorContext): Error {
  const what = error.message.endsWith(RETRY_ADVICE) ? error.message.slice(0, -RETRY_ADVICE.length) : error.message;
  return new z.errors.Error(
    `${what} ${context.mayHaveHappened ?? 'The key may have been created anyway'}: use the "${context.checkWith}" step (or the ${error.vendor} dashboard) to check before trying again.`,
    error.kind,
    error.status,
  );
}

/** Runs an operation's connector work and turns any failure into the right Zapier error. */
export async function withVendorErrors<T>(z: ZObject, work: () => Promise<T>, context: ErrorContext = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toZapierError(z, error, context);
  }
}

const DELETE_IT_YOURSELF = 'Delete it with the "Delete SMASHSEND API Key" step or in SMASHSEND.';

/**
 * What the rotate step's `warning` says about a rotation's facts: empty when it went as asked and the new key checked
 * out; otherwise what happened to the new and the old key and what to do.
 */
export function smashsendRotationWarning(rotation: SmashsendRotation): string {
  const { oldKey, newKeyCheck, checkError, oldKeyOutcome, deleteError } = rotation;
  const which = `The new key was created, but the old key ${oldKey.id} ("${oldKey.displayName}")`;
  const kept = `The old key ${oldKey.id} ("${oldKey.displayName}") was kept`;
  const checkFailed =
    newKeyCheck === 'rejected'
      ? `The new key was created, but SMASHSEND did not accept it when it was checked with its own secret: ${checkError?.message ?? ''}`
      : `The new key was created, but checking it with its own secret failed: ${checkError?.message ?? ''}`;
  switch (oldKeyOutcome) {
    case 'deleted':
      return '';
    case 'kept':
      if (newKeyCheck === 'passed') return '';
      if (newKeyCheck === 'no_time')
        return `The new key was created, but too little of this step's time (Zapier's 30 s limit) was left to check it. ${kept}, as asked.`;
      return `${checkFailed} ${kept}, as asked: make sure the new key works before deleting the old one.`;
    case 'kept_unverified':
      return `${checkFailed} ${kept} so that nothing breaks: check the new key in SMASHSEND, then delete the key you no longer want with the "Delete SMASHSEND API Key" step.`;
    case 'kept_no_time':
      return `${which} is still live: too little of this step's time (Zapier's 30 s limit) was left to delete it safely. ${DELETE_IT_YOURSELF}`;
    case 'not_deleted':
      return `${which} is still live: SMASHSEND answered the delete with isDeleted false. ${DELETE_IT_YOURSELF}`;
    case 'already_gone':
      return `${which} was not found when deleting it, so it was probably deleted already: ${deleteError?.message ?? ''}`;
    case 'delete_unanswered':
      return deleteError instanceof ConnectorError && deleteError.kind === 'bad_response'
        ? `${which} may still be live: SMASHSEND's answer to the delete could not be read: ${deleteError.message} ${DELETE_IT_YOURSELF}`
        : `${which} may still be live: the delete got no answer: ${deleteError?.message ?? ''} ${DELETE_IT_YOURSELF}`;
    case 'delete_failed':
      return `${which} is still live: deleting it failed: ${deleteError?.message ?? ''} ${DELETE_IT_YOURSELF}`;
  }
}
