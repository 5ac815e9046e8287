// Zapier's own concurrency and rate-limit tools, one definition per vendor: the throttle every operation of a vendor
// shares (so Zapier spaces out tasks before the vendor answers 429), and the locks that serialise writes to one key
// (so two Zaps rotating the same key at once never both create a replacement).

import type { LockObject, ThrottleObject } from 'zapier-platform-core';

/**
 * SMASHSEND allows 60 requests a minute per API key (VENDOR-NOTES). Zapier's throttle counts invocations, not
 * requests, so the limit is 60 divided by what the heaviest common invocation sends: a rotation is a list page, a
 * create, a check of the new key and a delete (4), plus up to 2 workspace-discovery calls when the connection names
 * no workspace and the container is cold: 6. 60 / 6 = 10 invocations a minute. An audit or an age check of a workspace
 * of up to 100 keys sends at most 3 (one page, two discovery calls), well inside. Shared by every SMASHSEND operation
 * (same configuration, no `action` in the scope), per connection (`auth`: one SMASHSEND key per connection).
 * `retry` is left to its default: throttled actions are retried later, and it has no effect on polling triggers.
 */
export const SMASHSEND_THROTTLE: ThrottleObject = { key: 'smashsend', window: 60, limit: 10, scope: ['auth'] };

/**
 * SmartLead allows 10 requests per 2 seconds per API key (VENDOR-NOTES; also stated as 60 a minute, which the 429
 * handling covers). Every SmartLead operation, the audit and the age check included, sends exactly one SmartLead
 * request, so 10 invocations per 2 s is 10 requests per 2 s. Shared by every SmartLead operation, per connection.
 */
export const SMARTLEAD_THROTTLE: ThrottleObject = { key: 'smartlead', window: 2, limit: 10, scope: ['auth'] };

/*
 * SMARTe documents no rate limit (its limits are per organisation, by contract), so its operations have no throttle:
 * a 429 from SMARTe still becomes Zapier's ThrottledError with SMARTe's Retry-After.
 *
 * An operation has one throttle. The operations that read several vendors (API Key Reached Age, Audit API Keys) take
 * SMASHSEND's: it is the scarcer allowance (60 a minute against SmartLead's 300), and their one SmartLead request
 * each is a small share of SmartLead's.
 */

/**
 * Longer than a step can run (Zapier kills it at 30 s), so a lock is never released while its step still works,
 * and far below the schema's 180 s ceiling, so a crashed step cannot block the key for long.
 */
const LOCK_TIMEOUT_SECONDS = 60;

/** Update, delete and rotate of one SMASHSEND key, per connection (`auth`). Needs a required `apiKeyId` input. */
export const SMASHSEND_KEY_LOCK: LockObject = {
  key: 'smashsend-api-key-{{bundle.inputData.apiKeyId}}',
  scope: ['auth'],
  timeout: LOCK_TIMEOUT_SECONDS,
};

/** Reset and delete of one SmartLead client API key, per connection. Needs a required `keyId` input. */
export const SMARTLEAD_KEY_LOCK: LockObject = {
  key: 'smartlead-client-api-key-{{bundle.inputData.keyId}}',
  scope: ['auth'],
  timeout: LOCK_TIMEOUT_SECONDS,
};

/**
 * Create, suspend and reactivate of one user's SMARTe key, per connection. Needs a required `email` input.
 * Zapier, not this app, fills the key from the input as the Zap gives it (zapier-platform-core never sees a lock, and
 * the key's `{{…}}` references cannot transform a value), so an email differing only in case or surrounding spaces
 * ("Dev.Udi@smarte.pro " / "dev.udi@smarte.pro") takes a different lock. Making them share one would need a key
 * without the email (every SMARTe write of a connection in turn) or a lock of the app's own (z.cache with nx).
 */
export const SMARTE_KEY_LOCK: LockObject = {
  key: 'smarte-api-key-{{bundle.inputData.email}}',
  scope: ['auth'],
  timeout: LOCK_TIMEOUT_SECONDS,
};

/**
 * Revoke Leaked API Key, one at a time per connection: its target is known only from the secret, which must never be
 * part of a lock key (Zapier stores and shows lock keys), so every revocation of a connection takes the same lock. Two
 * alerts for one leak then run one after the other, and the second finds the key gone ("no vendor knows it").
 */
export const LEAK_REVOCATION_LOCK: LockObject = {
  key: 'revoke-leaked-api-key',
  scope: ['auth'],
  timeout: LOCK_TIMEOUT_SECONDS,
};
