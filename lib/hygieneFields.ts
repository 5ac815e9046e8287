// How a key of any vendor looks in the key-hygiene operations (API Key Reached Age, Audit API Keys): one row per key
// with its age in whole days and a hint of its value (never the value), and the inputs those operations share (an age in days, a
// choice of vendors), read before any request. Ages and the "older than" rule are the connector's (its key audit),
// so the trigger and the audit step never disagree about a key.

import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { ageInDays, isOlderThan, type AuditedKey, type SmartLeadApiKey, type SmashsendApiKey, type Vendor } from '@keyring/connector';
import { vendorKey } from './clients';
import { keyHint } from './secrets';

/** A hundred years: any longer age is a typing mistake, and would take the threshold before year 0. */
const MAX_AGE_DAYS = 36_500;

export const keyRowOutputFields = [
  { key: 'id', label: 'ID (Vendor:Key ID)', type: 'string' },
  { key: 'vendor', label: 'Vendor', type: 'string' },
  { key: 'key_id', label: 'Key ID', type: 'string' },
  { key: 'name', label: 'Key Name', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  { key: 'age_days', label: 'Age (Days)', type: 'integer' },
  { key: 'client_id', label: 'SmartLead Client ID', type: 'integer' },
  { key: 'key_hint', label: 'Key Hint', type: 'string' },
  { key: 'connection_key', label: "This Connection's Own Key", type: 'boolean' },
] as const satisfies readonly PlainOutputField[];

/** One key, whatever its vendor. SMARTe keys have no date: `created_at` and `age_days` are null. */
export type KeyRow = {
  /** `<vendor>:<key id>`: unique across vendors, so Zapier's dedupe fires once per key. */
  id: string;
  vendor: Vendor;
  key_id: string;
  /** SMASHSEND's display name, SmartLead's key name, SMARTe's user email. */
  name: string;
  status: string | null;
  /** ISO 8601 (UTC), or null when the vendor gives no readable date. */
  created_at: string | null;
  /** Whole days since creation, or null without a date. */
  age_days: number | null;
  /** SmartLead only. */
  client_id: number | null;
  /** Never the key: SMASHSEND's own truncated hint as it sent it; SmartLead and SMARTe values masked to their last 4 characters. */
  key_hint: string | null;
  /** The key this connection signs in with: a Zap can filter it out of a rotation (rotating it needs a reconnect). */
  connection_key: boolean;
};

/**
 * A SmartLead client key 400 days old, as both operations show it (value masked). SmartLead's, because only its rows
 * fill every field with a value of the field's type (a sample holds no null: Zapier's check D024): SMASHSEND keys have
 * no client, SMARTe keys no date.
 */
export const keyRowSample: KeyRow = {
  id: 'SmartLead:44',
  vendor: 'SmartLead',
  key_id: '44',
  name: 'Legacy Key',
  status: 'active',
  created_at: '2024-03-15T10:00:00.000Z',
  age_days: 400,
  client_id: 301,
  key_hint: '********yyyy',
  connection_key: false,
};

/** Epoch ms of a creation date, or undefined when absent or unreadable. */
export function createdTime(value: string | null | undefined): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function dated(createdAt: string | null | undefined, now: number): Pick<KeyRow, 'created_at' | 'age_days'> {
  const time = createdTime(createdAt);
  if (time === undefined) return { created_at: null, age_days: null };
  return { created_at: new Date(time).toISOString(), age_days: ageInDays(createdAt, now) };
}

/** Whether a key is, at `now`, older than `days` days: the connector's rule, the same as the audit's `stale`. */
export function olderThan(createdAt: string | null | undefined, days: number, now: number): boolean {
  return isOlderThan(createdAt, days, now);
}

export function smashsendKeyRow(key: SmashsendApiKey, now: number, connectionKey: boolean): KeyRow {
  return {
    id: `SMASHSEND:${key.id}`,
    vendor: 'SMASHSEND',
    key_id: key.id,
    name: key.displayName,
    status: key.status ?? null,
    ...dated(key.createdAt, now),
    client_id: null,
    key_hint: hint('SMASHSEND', key.secretKey),
    connection_key: connectionKey,
  };
}

export function smartleadKeyRow(key: SmartLeadApiKey, now: number, connectionKey: boolean): KeyRow {
  return {
    id: `SmartLead:${key.id}`,
    vendor: 'SmartLead',
    key_id: String(key.id),
    name: key.key_name,
    status: key.status ?? null,
    ...dated(key.created_at, now),
    client_id: clientIdOf(key.client_id),
    key_hint: hint('SmartLead', key.api_key),
    connection_key: connectionKey,
  };
}

/** A key of the connector's audit (`auditApiKeys`), as the audit step shows it: the trigger's fields plus `stale`. */
export function auditedKeyRow(key: AuditedKey): KeyRow & { stale: boolean } {
  return {
    id: `${key.vendor}:${key.keyId}`,
    vendor: key.vendor,
    key_id: key.keyId,
    name: key.name,
    status: key.status,
    created_at: key.createdAt,
    age_days: key.ageDays,
    client_id: clientIdOf(key.clientId),
    key_hint: key.keyHint,
    connection_key: key.connectionKey,
    stale: key.stale,
  };
}

/** The hint every key listing shows (the connector's `keyHint`, the audit's rule too); null when the vendor shows none. */
function hint(vendor: Vendor, value: string | null | undefined): string | null {
  return typeof value === 'string' && value !== '' ? keyHint(vendor, value) : null;
}

function clientIdOf(value: number | string | null | undefined): number | null {
  const id = Number(value);
  return value === null || value === undefined || String(value).trim() === '' || !Number.isSafeInteger(id) ? null : id;
}

/**
 * Newest first by creation date (undated keys last), ties by id: the order both operations show. A key a vendor lists
 * twice is shown once (its first occurrence): Zapier dedupes polls by id, and core rejects repeated ids.
 */
export function newestFirst<T extends KeyRow>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  const unique = rows.filter((row) => !seen.has(row.id) && Boolean(seen.add(row.id)));
  return unique.sort((a, b) => {
    const aTime = createdTime(a.created_at);
    const bTime = createdTime(b.created_at);
    if (aTime !== bTime) {
      if (aTime === undefined) return 1;
      if (bTime === undefined) return -1;
      return bTime - aTime;
    }
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

// ---- inputs ----

/** The vendors whose keys carry a creation date (SMARTe's do not). */
export const DATED_VENDORS = ['SMASHSEND', 'SmartLead'] as const satisfies readonly Vendor[];
export const ALL_VENDORS = ['SMASHSEND', 'SmartLead', 'SMARTe'] as const satisfies readonly Vendor[];

/** The `vendors` input: a multiple choice of `vendors`. */
export function vendorsField<const V extends readonly Vendor[], const H extends string>(vendors: V, helpText: H) {
  return {
    key: 'vendors',
    label: 'Vendors',
    type: 'string',
    list: true,
    required: false,
    choices: vendors.map((vendor) => ({ value: vendor, sample: vendor, label: vendor })),
    helpText,
  } as const;
}

function inputError(z: ZObject, label: string, rule: string): Error {
  // Values are not echoed: a mapped value can be long or hostile.
  return new z.errors.Error(`${label} ${rule}.`, 'input');
}

/**
 * A whole number of days from an input, as Zapier delivers it (a number, or text mapped from an earlier step):
 * undefined when blank and not required; an error naming the field by its label otherwise.
 */
export function parseDays(z: ZObject, value: unknown, label: string, required: boolean): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (value === undefined || value === null || text === '') {
    if (required) throw inputError(z, label, 'is required: enter a whole number of days, 1 or more');
    return undefined;
  }
  if (text === undefined || !/^[0-9]+$/.test(text)) throw inputError(z, label, 'must be a whole number of days, 1 or more');
  const days = Number(text);
  if (days < 1 || days > MAX_AGE_DAYS) throw inputError(z, label, `must be a whole number of days from 1 to ${MAX_AGE_DAYS}`);
  return days;
}

/**
 * The vendors chosen in the `vendors` input (a list, or comma-separated text when mapped), in `allowed` order;
 * blank means every allowed vendor whose key the connection holds. `missing` says what to do when that is none.
 */
export function chosenVendors<V extends Vendor>(z: ZObject, bundle: Bundle, allowed: readonly V[], missing: string): V[] {
  const value: unknown = bundle.inputData.vendors;
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value == null ? [] : [value];
  const chosen = new Set<V>();
  for (const item of items) {
    if (item === null || item === undefined || (typeof item === 'string' && item.trim() === '')) continue;
    const match = typeof item === 'string' ? allowed.find((vendor) => vendor.toLowerCase() === item.trim().toLowerCase()) : undefined;
    if (match === undefined) throw inputError(z, 'Vendors', `must be chosen from ${allowed.join(', ')}`);
    chosen.add(match);
  }
  if (chosen.size > 0) return allowed.filter((vendor) => chosen.has(vendor));
  const connected = allowed.filter((vendor) => vendorKey(bundle, vendor) !== undefined);
  if (connected.length === 0) throw new z.errors.Error(missing, 'missing_key');
  return connected;
}

/**
 * Runs one read per vendor at the same time and waits for all of them. If any failed, the first failed vendor (in
 * the order given) makes the step fail with its own error: a partial answer must never pass for a complete one.
 */
export async function eachVendor<V extends Vendor, T>(vendors: readonly V[], read: (vendor: V) => Promise<T>): Promise<T[]> {
  const settled = await Promise.allSettled(vendors.map((vendor) => read(vendor)));
  const results: T[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    results.push(outcome.value);
  }
  return results;
}
