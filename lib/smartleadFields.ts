// How SmartLead clients and client API keys look in Zapier: their output fields, samples from the vendor docs,
// the masking rule and the newest-first order. Shared by every SmartLead operation so a key maps the same way everywhere.

import type { PlainOutputField } from 'zapier-platform-core';
import { SMARTLEAD_KEY_STATUSES, type SmartLeadApiKey, type SmartLeadDeleteResult } from '@keyring/connector';
import { keyHint } from './secrets';

export const smartleadClientOutputFields = [
  { key: 'id', label: 'Client ID', type: 'integer', primary: true },
  { key: 'name', label: 'Client Name', type: 'string' },
  { key: 'email', label: 'Client Email', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
] as const satisfies readonly PlainOutputField[];

/** The client of VENDOR-NOTES' `GET /api/v1/client/` example, trimmed to the output fields. */
export const smartleadClientSample = {
  id: 301,
  name: 'Acme Outreach',
  email: 'ops@acme.example',
  created_at: '2025-11-01T09:00:00.000Z',
};

export const smartleadApiKeyOutputFields = [
  { key: 'id', label: 'API Key ID', type: 'integer', primary: true },
  { key: 'client_id', label: 'Client ID', type: 'integer' },
  { key: 'key_name', label: 'Key Name', type: 'string' },
  { key: 'api_key', label: 'API Key', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
] as const satisfies readonly PlainOutputField[];

/** The docs' example key (its value fake), with the full value as create and reset return it. */
export const smartleadNewApiKeySample = {
  id: 45,
  client_id: 301,
  key_name: 'Production Key',
  api_key: 'cl_live_xxxxxxxxxxxxxxxx',
  status: 'active',
  created_at: '2025-12-01T10:00:00.000Z',
};

/** The same key as triggers and searches show it by default: value masked. */
export const smartleadApiKeySample = { ...smartleadNewApiKeySample, api_key: '********xxxx' };

export const smartleadDeletedApiKeyOutputFields = [
  { key: 'id', label: 'API Key ID', type: 'integer', primary: true },
  { key: 'deleted', label: 'Deleted', type: 'boolean' },
  ...smartleadApiKeyOutputFields.filter((field) => field.key !== 'id'),
] as const satisfies readonly PlainOutputField[];

/** A delete whose answer carried the deleted record (a bare `{ok:true}` gives only id and deleted). */
export const smartleadDeletedApiKeySample = { ...smartleadApiKeySample, deleted: true };

export const smartleadStatusChoices = SMARTLEAD_KEY_STATUSES.map((status) => ({
  value: status,
  sample: status,
  label: status === 'active' ? 'Active' : 'Inactive',
}));

/** A key as an operation returns it: `api_key` masked unless `includeSecret`. */
export function presentSmartleadApiKey<T extends SmartLeadApiKey>(key: T, includeSecret: boolean): T {
  if (includeSecret || typeof key.api_key !== 'string') return key;
  return { ...key, api_key: keyHint('SmartLead', key.api_key) };
}

/**
 * `{id, deleted: true}` plus the deleted record's fields when SmartLead sent it back. `id` is the key asked for,
 * so a record that spells it differently (e.g. "45") never changes it.
 */
export function presentSmartleadDeletedApiKey(result: SmartLeadDeleteResult, includeSecret: boolean) {
  const record = result.record ? presentSmartleadApiKey(result.record, includeSecret) : {};
  return { ...record, id: result.id, deleted: true as const };
}

/**
 * Newest first by `created_at` (SmartLead documents no order); keys without a readable date last; ties by id,
 * highest first. A repeated id keeps its first occurrence: Zapier dedupes polls by id, and core rejects repeats.
 */
export function smartleadKeysNewestFirst<T extends SmartLeadApiKey>(keys: readonly T[]): T[] {
  const seen = new Set<string>();
  const unique = keys.filter((key) => {
    const id = String(key.id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => {
    const aTime = timeOf(a.created_at);
    const bTime = timeOf(b.created_at);
    if (aTime !== bTime) {
      if (aTime === undefined) return 1;
      if (bTime === undefined) return -1;
      return bTime - aTime;
    }
    return compareIdsDescending(a.id, b.id);
  });
}

function timeOf(date: string | null | undefined): number | undefined {
  if (typeof date !== 'string' || date.trim() === '') return undefined;
  const time = Date.parse(date);
  return Number.isNaN(time) ? undefined : time;
}

function compareIdsDescending(a: number | string, b: number | string): number {
  const aNumber = Number(a);
  const bNumber = Number(b);
  if (Number.isFinite(aNumber) && Number.isFinite(bNumber) && String(a).trim() !== '' && String(b).trim() !== '') return bNumber - aNumber;
  return String(b).localeCompare(String(a));
}

/**
 * core's types want a polling trigger's items to have `id: string`, but Zapier takes any non-null id and dedupes on
 * its text. SmartLead's ids are numbers, kept as they are so that a trigger, a search and a create show the same id.
 */
export function asPollingItems<T extends { id: number | string }>(items: T[]): Array<T & { id: string }> {
  return items as Array<T & { id: string }>;
}

/** The `clientId` input: a dropdown of the account's clients (a mapped id works too). */
export function smartleadClientIdField<const R extends boolean, const H extends string>(required: R, helpText: H) {
  return { key: 'clientId', label: 'Client', type: 'integer', required, dynamic: 'smartlead_client_list.id.name', helpText } as const;
}

/**
 * The `keyId` input of the steps that act on one key: a dropdown of the client API keys (a mapped id works too), and
 * search-powered, so that the Zap editor offers to add a Find SmartLead Client API Key step inline to fill it.
 */
export function smartleadKeyIdField<const H extends string>(helpText: H) {
  return {
    key: 'keyId',
    label: 'Client API Key',
    type: 'integer',
    required: true,
    dynamic: 'smartlead_client_api_key_list.id.key_name',
    search: 'find_smartlead_client_api_key.id',
    helpText,
  } as const;
}
