// Key values shown to people: masked, so that at most the last few characters are visible. One rule for every caller
// (the Zapier app's outputs, the key audit, the `keyring` command's tables).

/** Characters of a key's end left visible in a mask. */
export const VISIBLE_TAIL = 4;
const MASK = '********';

/**
 * `sk_live_abcdef…wxyz` → `********wxyz`. Short values and values the vendor already truncated
 * (ending in "..." or "…", where the end is not the key's end) are masked whole.
 */
export function maskSecret<T extends string | null | undefined>(value: T): T | string {
  if (typeof value !== 'string' || value === '') return value;
  if (value.length < 4 * VISIBLE_TAIL || /(\.\.\.|…)$/.test(value)) return MASK;
  return MASK + value.slice(-VISIBLE_TAIL);
}
