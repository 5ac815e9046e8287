// Inputs shared by many operations: the `include_secret` field and the reading of a boolean input as Zapier delivers it.

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
