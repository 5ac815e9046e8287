// The one place where connector errors become Zapier errors, so a Zap builder sees the vendor, what happened and
// what to do, never a stack, a TypeError or "[object Object]".

import type { ZObject } from 'zapier-platform-core';
import { ConnectorError, NetworkError, RateLimitError, TimeBudgetError, type Vendor } from '@keyring/connector';

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
