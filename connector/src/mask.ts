// Key values shown to people: a hint that lets them recognise a key, never the key. One rule for every caller (the
// Zapier app's reads and key-hygiene rows, the key audit, the `keyring` command's tables), so that a key looks the same
// wherever it is listed.

import type { Vendor } from './errors';

/** Characters of a key's end left visible in a mask. */
export const VISIBLE_TAIL = 4;
const MASK = '********';
/** How SMASHSEND cuts a value short in its lists (`sk_live_rdM4...`). */
const CUT_SHORT = /(\.\.\.|…)$/;

/**
 * `sk_live_abcdef…wxyz` → `********wxyz`. Short values and values the vendor already truncated
 * (ending in "..." or "…", where the end is not the key's end) are masked whole.
 */
export function maskSecret<T extends string | null | undefined>(value: T): T | string {
  if (typeof value !== 'string' || value === '') return value;
  if (value.length < 4 * VISIBLE_TAIL || CUT_SHORT.test(value)) return MASK;
  return MASK + value.slice(-VISIBLE_TAIL);
}

/**
 * The hint shown for a key's value wherever a key is listed, by vendor:
 * - SMASHSEND never returns a full value after creation: its lists carry its own truncated hint (`sk_live_rdM4...`),
 *   which users recognise their keys by, so it is shown as SMASHSEND sent it. A value that does not look cut short
 *   could be a whole key: it is masked.
 * - SmartLead and SMARTe return full values: masked to eight stars and the last four characters.
 * An absent or empty value is returned as it is.
 */
export function keyHint<T extends string | null | undefined>(vendor: Vendor, value: T): T | string {
  if (typeof value !== 'string' || value === '') return value;
  if (vendor === 'SMASHSEND' && CUT_SHORT.test(value)) return value;
  return maskSecret(value);
}
