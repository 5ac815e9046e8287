// How the leaked-key operations (Find API Key by Secret, Revoke Leaked API Key) take a secret and show the key it
// belongs to: the `secret` input (a password field: Zapier censors it), the clients of the vendors to look at, and one
// row per identified key. The secret itself never reaches an output, an error or a lock key: only its hint.

import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { InputError, type IdentifiedKey, type LeakClients, type Vendor } from '@keyring/connector';
import { smarteClient, smartleadClient, smashsendClient } from './clients';
import { keyRowOutputFields } from './hygieneFields';

/** The `secret` input: the leaked value as a detector hands it over (GitHub secret scanning, GitGuardian, a webhook). */
export const secretField = {
  key: 'secret',
  label: 'Secret',
  type: 'password',
  required: true,
  helpText:
    'The leaked key value itself, e.g. mapped from a secret scanner’s alert. It is compared, never shown: outputs and errors carry only its last 4 characters.',
} as const;

/** Longer is no key of any vendor (and a mapped field that long is a whole document, not a secret). */
const MAX_SECRET_LENGTH = 1000;

/** The secret from the input, trimmed; an InputError naming the field (never echoing the value) when blank. */
export function secretOf(bundle: Bundle): string {
  const value: unknown = bundle.inputData.secret;
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (text === '') throw new InputError('SMASHSEND', secretField.key, 'is required: map the leaked key value');
  if (text.length > MAX_SECRET_LENGTH)
    throw new InputError('SMASHSEND', secretField.key, `must be one key value of at most ${MAX_SECRET_LENGTH} characters`);
  // Every vendor's keys are printable ASCII. Anything else is no key, and could not be sent as SMASHSEND's Bearer token
  // anyway (an HTTP header): it is refused here rather than failing later as "SMASHSEND could not be reached".
  if (!/^[\x21-\x7e]+$/.test(text))
    throw new InputError('SMASHSEND', secretField.key, 'must be one key value: letters, digits and symbols, without spaces or line breaks');
  return text;
}

/** The clients of the chosen vendors (each one the connection holds a key for). */
export function leakClients(z: ZObject, bundle: Bundle, vendors: readonly Vendor[]): LeakClients {
  return {
    ...(vendors.includes('SMASHSEND') ? { smashsend: smashsendClient(z, bundle) } : {}),
    ...(vendors.includes('SmartLead') ? { smartlead: smartleadClient(z, bundle) } : {}),
    ...(vendors.includes('SMARTe') ? { smarte: smarteClient(z, bundle) } : {}),
  };
}

/** A field of the key row (lib/hygieneFields.ts), so that a key reads the same in every step that shows one. */
function keyRowField<const K extends (typeof keyRowOutputFields)[number]['key']>(key: K) {
  const field = keyRowOutputFields.find((candidate) => candidate.key === key);
  if (field === undefined) throw new Error(`no key row field ${key}`);
  return field as Extract<(typeof keyRowOutputFields)[number], { key: K }>;
}

export const identifiedKeyOutputFields = [
  keyRowField('id'),
  keyRowField('vendor'),
  keyRowField('key_id'),
  keyRowField('name'),
  keyRowField('status'),
  keyRowField('created_at'),
  keyRowField('key_hint'),
  { key: 'live', label: 'Still Works', type: 'boolean' },
  keyRowField('connection_key'),
  { key: 'revocable', label: 'Can Be Revoked Here', type: 'boolean' },
  { key: 'reason', label: 'Why Not Revocable', type: 'string' },
] as const satisfies readonly PlainOutputField[];

/**
 * The connector's IdentifiedKey as the search shows it: with Zapier's `id`, without the vendor-specific extras (role,
 * workspace, client), and `reason` empty (not null) when the key can be revoked.
 */
export type IdentifiedKeyRow = { id: string } & Omit<IdentifiedKey, 'role' | 'workspace_id' | 'client_id' | 'reason'> & { reason: string };

export function identifiedKeyRow(key: IdentifiedKey): IdentifiedKeyRow {
  const { role: _role, workspace_id: _workspace, client_id: _client, reason, ...row } = key;
  return { id: `${key.vendor}:${key.key_id}`, ...row, reason: reason ?? '' };
}

/** A SMASHSEND key of the docs, as a leak's secret identifies it. */
export const identifiedKeySample: IdentifiedKeyRow = {
  id: 'SMASHSEND:aki_abc123def456',
  vendor: 'SMASHSEND',
  key_id: 'aki_abc123def456',
  name: 'Zapier Integration',
  status: 'ACTIVE',
  created_at: '2024-03-15T10:00:00.000Z',
  key_hint: '********f456',
  live: true,
  connection_key: false,
  revocable: true,
  reason: '',
};
