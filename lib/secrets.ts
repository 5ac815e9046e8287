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

/** A copy of `record` with the named secret field masked. */
export function maskField<T extends object, K extends keyof T & string>(record: T, field: K): T {
  const value = record[field];
  if (typeof value !== 'string') return record;
  return { ...record, [field]: maskSecret(value) };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);

/** A boolean input as Zapier delivers it: true/false, or a string mapped from an earlier step. */
export function parseBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return TRUE_WORDS.has(value.trim().toLowerCase());
  return false;
}

/** The `include_secret` input shared by triggers, searches and the steps that read a key. */
export const includeSecretField = {
  key: 'include_secret',
  label: 'Include Full Key Value',
  type: 'boolean',
  default: 'false',
  required: false,
  helpText:
    'Off (recommended): key values are masked, showing only their last 4 characters. Turn on only if a later step needs the full key, and keep that Zap private.',
} as const;
