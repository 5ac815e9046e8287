// Key values shown to Zap builders: masked (only the last few characters) unless the Zap asks for the secret.

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
