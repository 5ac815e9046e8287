// Inputs shared by many operations: the `include_secret` field and the reading of a boolean input as Zapier delivers it.

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);

/** A boolean input as Zapier delivers it: true/false, or a string mapped from an earlier step. */
export function parseBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return TRUE_WORDS.has(value.trim().toLowerCase());
  return false;
}

const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

/**
 * A boolean input that has a default: blank (or absent) gives `fallback`; true/false, or a word mapped from an earlier
 * step, gives its value; anything else gives undefined, so the step can refuse it instead of guessing.
 */
export function parseBooleanWithDefault(value: unknown, fallback: boolean): boolean | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
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
