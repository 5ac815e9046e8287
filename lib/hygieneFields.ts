// How a key of any vendor looks in the key-hygiene operations (API Key Reached Age, Audit API Keys): the connector's key
// row (the same fields as `keyring audit --json`: one row, defined once, in connector/src/keyRow.ts) plus the `id`
// Zapier needs, and the inputs those operations share (an age in days, a choice of vendors), read before any request.

import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import type { KeyRow as ConnectorKeyRow, Vendor } from '@keyring/connector';
import { VENDORS } from '@keyring/connector/internal';
import { vendorKey } from './clients';

/** A hundred years: any longer age is a typing mistake, and would take the threshold before year 0. */
const MAX_AGE_DAYS = 36_500;

/** The connector's key row as Zapier shows it, in its field order. */
export const keyRowOutputFields = [
  { key: 'id', label: 'ID (Vendor:Key ID)', type: 'string' },
  { key: 'vendor', label: 'Vendor', type: 'string' },
  { key: 'key_id', label: 'Key ID', type: 'string' },
  { key: 'name', label: 'Key Name', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'created_at', label: 'Created At', type: 'datetime' },
  { key: 'age_days', label: 'Age (Days)', type: 'integer' },
  { key: 'stale', label: 'Stale', type: 'boolean' },
  { key: 'key_hint', label: 'Key Hint', type: 'string' },
  { key: 'client_id', label: 'SmartLead Client ID', type: 'integer' },
  { key: 'connection_key', label: "This Connection's Own Key", type: 'boolean' },
] as const satisfies readonly PlainOutputField[];

/** A key row with the id Zapier dedupes by (`<vendor>:<key id>`: unique across vendors, so a key fires once). */
export type KeyRow = { id: string } & ConnectorKeyRow;

/** The row with its Zapier id first. */
export function withId(row: ConnectorKeyRow): KeyRow {
  return { id: `${row.vendor}:${row.key_id}`, ...row };
}

/**
 * A SmartLead client key 400 days old, as both operations show it (value masked). SmartLead's, because only its rows
 * fill every field with a value of the field's type (a sample holds no null: Zapier's check D024): SMASHSEND keys have
 * no client, SMARTe keys no date.
 */
export const keyRowSample = {
  id: 'SmartLead:44',
  vendor: 'SmartLead',
  key_id: '44',
  name: 'Legacy Key',
  status: 'active',
  created_at: '2024-03-15T10:00:00.000Z',
  age_days: 400,
  stale: true,
  key_hint: '********yyyy',
  client_id: 301,
  connection_key: false,
} satisfies KeyRow;

// ---- inputs ----

/** The vendors whose keys carry a creation date (SMARTe's do not). */
export const DATED_VENDORS = ['SMASHSEND', 'SmartLead'] as const satisfies readonly Vendor[];
/** Every vendor, in the connector's one report order. */
export const ALL_VENDORS = VENDORS;

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
