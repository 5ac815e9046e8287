// "The connection's own key": the key a client authenticates with. A write that disables or weakens that key (a delete,
// a rotation that deletes the old key, a role change, a suspension) would lock the caller out of everything it does
// next, so every workflow asks first whether its target is that key, and refuses unless the caller opted in. Facts
// only: whether a key is the client's own ('yes', 'no', or 'unknown' when the vendor gives no way to tell), and the
// error that says a write was refused for it. Secrets are compared in constant time and never leave this module.

import { ConnectorError, type Vendor } from './errors';
import type { HttpMethod } from './transport';

/** Whether a key is the one the client authenticates with; `unknown` when the vendor's answers cannot tell. */
export type ConnectionKeyMatch = 'yes' | 'no' | 'unknown';

/** How the answer was found: SMASHSEND's `GET /v1/api-keys/current`, its truncated hint, or the key's whole value. */
export type ConnectionKeyEvidence = 'current' | 'hint' | 'value' | 'none';

/**
 * Whether `value` is `secret`, in time that depends on the value's length alone: every character of the value is
 * compared with a character of the secret whatever the first difference, and the secret's length only as a number, so
 * the time says neither where a value first differs from the secret nor how long the secret is. The secret is read
 * cyclically (never past its end, which V8 serves on a slower path), and an empty secret is stood in for by the value
 * itself (the lengths already differ). Two SHA-256 digests and crypto's timingSafeEqual did the same at ~2 µs a
 * comparison, which made marking the connection's key in a list of SmartLead keys cost more than building the list's
 * rows; this costs what the characters cost. The order of the arguments matters for that: the value is what is
 * compared, the secret what is kept.
 */
export function sameSecret(value: string, secret: string): boolean {
  let difference = value.length ^ secret.length;
  const against = secret.length === 0 ? value : secret;
  for (let index = 0; index < value.length; index += 1) {
    difference |= value.charCodeAt(index) ^ against.charCodeAt(index % against.length);
  }
  return difference === 0;
}

/** Tells whether a value is one given secret, as sameSecret does. */
export type SecretMatcher = (value: string) => boolean;

/** A SecretMatcher for `secret`: for comparing it with many values (every key of a list), or often (a client's own key). */
export function secretMatcher(secret: string): SecretMatcher {
  return (value) => sameSecret(value, secret);
}

/** How SMASHSEND cuts a value short in its lists (`sk_live_rdM4...`). */
const CUT_SHORT = /(\.\.\.|…)$/;
/** A hint shorter than this (SMASHSEND's `sk_live_` prefix is 8) says nothing about which key it is. */
const MIN_HINT_PREFIX = 10;

/**
 * Whether a vendor's truncated hint (`sk_live_rdM4...`) is the start of `secret`: 'yes' when it is (the hint fits no
 * other key but by a one-in-millions chance, so a write treats it as the connection's own), 'no' when it is not,
 * 'unknown' when the value is not a usable hint. The prefix is compared in constant time.
 */
export function hintMatch(hint: string | null | undefined, secret: string): ConnectionKeyMatch {
  if (typeof hint !== 'string' || !CUT_SHORT.test(hint)) return 'unknown';
  const prefix = hint.replace(CUT_SHORT, '');
  if (prefix.length < MIN_HINT_PREFIX) return 'unknown';
  return sameSecret(prefix, secret.slice(0, prefix.length)) ? 'yes' : 'no';
}

/** A key's whole value against the secret `isSecret` tells: 'unknown' when the vendor's answer carries no value to compare. */
export function valueMatch(value: string | null | undefined, isSecret: SecretMatcher): ConnectionKeyMatch {
  if (typeof value !== 'string' || value === '') return 'unknown';
  return isSecret(value) ? 'yes' : 'no';
}

/**
 * A write was refused before it was sent, because its target is (or cannot be told apart from) the key the client
 * authenticates with. Nothing was written. `match` says which: 'yes', or 'unknown' (the vendor gave no way to tell).
 * The caller may repeat the write with its explicit opt-in (`allowConnectionKey`).
 */
export class ConnectionKeyError extends ConnectorError {
  readonly kind = 'connection_key';
  readonly retryable = false;
  /** How the match was found. */
  readonly evidence: ConnectionKeyEvidence;
  constructor(
    vendor: Vendor,
    /** The target key: SMASHSEND's `aki_…` id, or the SMARTe user's email. */
    readonly keyId: string,
    readonly match: Exclude<ConnectionKeyMatch, 'no'>,
    /** What the write would have done, e.g. "delete", "suspend", "change the role of". */
    readonly action: string,
    details: { method?: HttpMethod; path?: string; evidence: ConnectionKeyEvidence },
  ) {
    const what =
      match === 'yes'
        ? `${vendor} API key ${keyId} is the key this connection authenticates with`
        : `${vendor} gave no way to tell whether API key ${keyId} is the key this connection authenticates with`;
    super(`${what}: refused to ${action} it, nothing was changed.`, { vendor, method: details.method, path: details.path });
    this.evidence = details.evidence;
  }
}

/** Throws a ConnectionKeyError for a match that is not a clear 'no', unless the caller opted in. */
export function refuseConnectionKey(
  vendor: Vendor,
  keyId: string,
  match: ConnectionKeyMatch,
  action: string,
  options: { allowConnectionKey?: boolean; evidence: ConnectionKeyEvidence; method?: HttpMethod; path?: string },
): void {
  if (match === 'no' || options.allowConnectionKey === true) return;
  throw new ConnectionKeyError(vendor, keyId, match, action, options);
}
