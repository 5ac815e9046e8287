// One key of any vendor as every report shows it: the key audit, the Zapier app's hygiene steps (API Key Reached Age,
// Audit API Keys) and the `keyring` command's --json all print these rows, with the field names of the Zapier outputs.
// A row never holds a key's value: a hint only (mask.ts). Dates are ISO 8601 in UTC with milliseconds; the vendors
// come in one fixed order, and each vendor's keys newest first where the vendor dates them.

import type { Vendor } from './errors';
import { keyHint } from './mask';
import type { SmarteKey } from './smarte';
import type { SmartLeadApiKey } from './smartlead';
import type { SmashsendApiKey } from './smashsend';

/** A day in milliseconds: ages are whole days. */
export const DAY_MS = 86_400_000;

/** The vendors in report order, everywhere (the audit, the Zapier steps and their inputs, the connection test, keyring). */
export const VENDORS = ['SMASHSEND', 'SmartLead', 'SMARTe'] as const satisfies readonly Vendor[];

/** One key, the same shape for every vendor and every caller. */
export interface KeyRow {
  vendor: Vendor;
  /** The vendor's own id: SMASHSEND `aki_…`, SmartLead's number (as text), SMARTe's keyId. */
  key_id: string;
  /** SMASHSEND's display name, SmartLead's key name, SMARTe's user email. */
  name: string;
  status: string | null;
  /** ISO 8601 in UTC with milliseconds (`2024-03-15T10:00:00.000Z`); null when the vendor gives no readable date (SMARTe never does). */
  created_at: string | null;
  /** Whole days since `created_at`; null when unknown. */
  age_days: number | null;
  /** Older than the threshold asked for (strictly); false without a threshold or without a date. */
  stale: boolean;
  /**
   * The key's hint (`keyHint`): SMASHSEND's own truncated hint as it sent it (`sk_live_rdM4...`), other values masked
   * (`********` and at most their last 4 characters); null when the vendor shows none.
   */
  key_hint: string | null;
  /** SmartLead's client id; null for the other vendors (or when SmartLead gives none usable). */
  client_id: number | null;
  /**
   * The key the client that read it authenticates with (the Zapier connection's, or `keyring`'s own): a Zap or a script
   * can leave it out of a rotation. SMASHSEND: by the id GET /v1/api-keys/current answers (its truncated hint when it
   * answers none); SmartLead and SMARTe: by the key's value, compared in constant time.
   */
  connection_key: boolean;
}

/** What a row needs besides the vendor's record: the moment ages are counted to, the threshold, and the own-key match. */
interface KeyRowContext {
  /** Epoch ms. */
  now: number;
  /** A whole number of days: keys older than this are `stale`. */
  olderThanDays?: number;
  connectionKey: boolean;
}

/** Epoch milliseconds of a vendor's date, NaN when absent or unreadable: each row reads its date once. */
function timeOf(value: string | null | undefined): number {
  return typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : Number.NaN;
}

function ageAt(time: number, now: number): number | null {
  return Number.isNaN(time) ? null : Math.max(0, Math.floor((now - time) / DAY_MS));
}

function olderAt(time: number, days: number, now: number): boolean {
  return !Number.isNaN(time) && now - time > days * DAY_MS;
}

/** A date as every row shows it (ISO 8601, UTC, milliseconds), or null when absent or unreadable. */
export function isoDate(value: string | null | undefined): string | null {
  const time = timeOf(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Whole days from `createdAt` to `now` (0 for a date in the future); null when the date is missing or unreadable. */
export function ageInDays(createdAt: string | null | undefined, now: number): number | null {
  return ageAt(timeOf(createdAt), now);
}

/** Whether a key created at `createdAt` is, at `now`, older than `days` days (strictly); false without a readable date. */
export function isOlderThan(createdAt: string | null | undefined, days: number, now: number): boolean {
  return olderAt(timeOf(createdAt), days, now);
}

function row(
  fields: Pick<KeyRow, 'vendor' | 'key_id' | 'name' | 'status' | 'client_id'>,
  createdAt: string | null | undefined,
  value: string | null | undefined,
  context: KeyRowContext,
): KeyRow {
  // The date is parsed once (10 000 keys made parsing it for each field a cost of its own).
  const time = timeOf(createdAt);
  const { olderThanDays, now } = context;
  return {
    vendor: fields.vendor,
    key_id: fields.key_id,
    name: fields.name,
    status: fields.status,
    created_at: Number.isNaN(time) ? null : new Date(time).toISOString(),
    age_days: ageAt(time, now),
    stale: olderThanDays !== undefined && olderAt(time, olderThanDays, now),
    key_hint: typeof value === 'string' && value !== '' ? keyHint(fields.vendor, value) : null,
    client_id: fields.client_id,
    connection_key: context.connectionKey,
  };
}

export function smashsendKeyRow(key: SmashsendApiKey, context: KeyRowContext): KeyRow {
  const fields = { vendor: 'SMASHSEND', key_id: key.id, name: key.displayName, status: key.status ?? null, client_id: null } as const;
  return row(fields, key.createdAt, key.secretKey, context);
}

export function smartleadKeyRow(key: SmartLeadApiKey, context: KeyRowContext): KeyRow {
  const fields = {
    vendor: 'SmartLead',
    key_id: String(key.id),
    name: key.key_name,
    status: key.status ?? null,
    client_id: clientIdOf(key.client_id),
  } as const;
  return row(fields, key.created_at, key.api_key, context);
}

/** SMARTe keys carry no dates: no age, never stale. */
export function smarteKeyRow(key: SmarteKey, context: KeyRowContext): KeyRow {
  const fields = { vendor: 'SMARTe', key_id: key.keyId, name: key.email, status: key.status, client_id: null } as const;
  return row(fields, null, key.apiKey, context);
}

function clientIdOf(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * Newest first by creation date, keys without a date after the dated ones; keys of one instant, and undated keys, keep
 * the order they came in (the vendor's, and across vendors the order of VENDORS when given in it). A key listed twice
 * (same vendor and id) is shown once, where it first came.
 */
export function newestFirst<T extends KeyRow>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  const unique = rows.filter((r) => {
    const id = `${r.vendor}:${r.key_id}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  // Each row's time read once, not at every comparison. Array.prototype.sort is stable: equal times keep their order.
  const timed = unique.map((r) => ({ r, time: r.created_at === null ? Number.NEGATIVE_INFINITY : Date.parse(r.created_at) }));
  timed.sort((a, b) => (a.time === b.time ? 0 : b.time > a.time ? 1 : -1));
  return timed.map(({ r }) => r);
}

/** The rows in report order: VENDORS' order, each vendor's keys newest first (undated keys after, in the vendor's order). */
export function inReportOrder<T extends KeyRow>(rows: readonly T[]): T[] {
  return VENDORS.flatMap((vendor) => newestFirst(rows.filter((r) => r.vendor === vendor)));
}
