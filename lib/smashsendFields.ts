// How a SMASHSEND API key looks in Zapier: its output fields, a sample from the vendor docs, and how its secret is
// shown. Shared by every SMASHSEND operation so that a key maps the same way everywhere.

import type { PlainOutputField } from 'zapier-platform-core';
import type { SmashsendApiKey } from '@keyring/connector';
import { keyHint } from './secrets';

export const smashsendApiKeyOutputFields = [
  { key: 'id', label: 'API Key ID', type: 'string', primary: true },
  { key: 'displayName', label: 'Display Name', type: 'string' },
  { key: 'role', label: 'Role', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'secretKey', label: 'Secret Key', type: 'string' },
  // SMASHSEND names the workspace on every key (the official SDK's ApiKeyInfo), though the docs' samples omit it.
  { key: 'workspaceId', label: 'Workspace ID', type: 'string' },
  { key: 'createdAt', label: 'Created At', type: 'datetime' },
  { key: 'updatedAt', label: 'Updated At', type: 'datetime' },
] as const satisfies readonly PlainOutputField[];

/** From the docs' list example: the secret as SMASHSEND lists show it, its own truncated hint. */
export const smashsendApiKeySample = {
  id: 'aki_abc123def456',
  displayName: 'Zapier Integration',
  role: 'API_USER',
  status: 'ACTIVE',
  secretKey: 'sk_live_abc123...',
  workspaceId: 'wrk_ENGTK86JEXXckyDVJthKkPer',
  createdAt: '2024-03-15T10:00:00Z',
  updatedAt: '2024-03-15T10:00:00Z',
};

/**
 * A key as a SMASHSEND read (trigger, search, dropdown, update, delete) returns it: its secret as the hint every key
 * listing shows (`keyHint`: SMASHSEND's own truncated value, which users recognise keys by, shown unchanged; anything
 * that does not look cut short masked, as it could be a full key), so no reveal exists for SMASHSEND reads.
 */
export function presentSmashsendApiKey<T extends SmashsendApiKey>(key: T): T {
  if (typeof key.secretKey !== 'string') return key;
  return { ...key, secretKey: keyHint('SMASHSEND', key.secretKey) };
}

/**
 * Keys newest first by createdAt, whatever order SMASHSEND answered in (Zapier's polling contract); keys created at
 * the same instant keep SMASHSEND's order, and keys without a readable date go last.
 */
export function smashsendKeysNewestFirst<T extends { createdAt: string }>(keys: readonly T[]): T[] {
  const timeOf = (createdAt: string) => {
    const time = Date.parse(createdAt);
    return Number.isNaN(time) ? -Infinity : time;
  };
  return keys
    .map((key, index) => ({ key, index, time: timeOf(key.createdAt) }))
    .sort((a, b) => (a.time === b.time ? a.index - b.index : b.time - a.time))
    .map(({ key }) => key);
}

/** Label for the role choices; the API may return other roles, which are shown as they are. */
export const smashsendRoleChoices = [
  { value: 'API_USER', sample: 'API_USER', label: 'API User (standard access)' },
  { value: 'EDITOR', sample: 'EDITOR', label: 'Editor' },
  { value: 'VIEWER', sample: 'VIEWER', label: 'Viewer (read-only)' },
];

/**
 * The `apiKeyId` input of the steps that act on one key: a dropdown of the workspace's keys (a mapped id works too), and
 * search-powered, so that the Zap editor offers to add a Find SMASHSEND API Key step inline to fill it.
 */
export function smashsendApiKeyIdField<const H extends string>(helpText: H) {
  return {
    key: 'apiKeyId',
    label: 'API Key',
    type: 'string',
    required: true,
    dynamic: 'smashsend_api_key_list.id.displayName',
    search: 'find_smashsend_api_key.id',
    helpText,
  } as const;
}
