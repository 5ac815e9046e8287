// Inputs shared by many operations: the `include_secret` and `allow_connection_key` fields, the notice of an irreversible
// step, and the reading of a boolean input as Zapier delivers it.

import { InputError, type Vendor } from '@keyring/connector';

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

/**
 * The `allow_connection_key` input of every step that can disable or weaken a key (delete, a rotation that deletes,
 * a role change, a suspension): off by default, so that no Zap locks its own connection out by accident.
 */
export const allowConnectionKeyField = {
  key: 'allow_connection_key',
  label: "Allow This Connection's Own Key",
  type: 'boolean',
  default: 'false',
  required: false,
  helpText:
    'Off (recommended): the step stops, changing nothing, if the key is the one this Zapier connection signs in with, since every later step would then fail. Turn on only if you mean it, and reconnect afterwards.',
} as const;

/** The `allow_connection_key` input's value; an InputError naming it for a value that is neither true nor false. */
export function parseAllowConnectionKey(vendor: Vendor, value: unknown): boolean {
  const allow = parseBooleanWithDefault(value, false);
  if (allow === undefined) throw new InputError(vendor, allowConnectionKeyField.key, 'must be true or false');
  return allow;
}

/**
 * A `copy` field (text the Zap editor shows above the inputs, Zapier's way for a step to say what it does that
 * cannot be undone). First among the inputs of every irreversible step.
 */
export function irreversibleNotice<const T extends string>(text: T) {
  return { key: 'irreversible_notice', type: 'copy', helpText: text } as const;
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
