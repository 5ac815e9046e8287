// The key inventory, written once for every caller (`keyring audit`, the Zapier audit step): every key of every vendor
// given, in one list, with its age and whether it is older than a threshold. Key values never enter it (a hint
// only). A vendor that fails fails the whole audit: a report must never look complete when it is not.

import { TimeBudgetError, type PagingBudget } from './paging';
import { keyHint } from './mask';
import type { Vendor } from './errors';
import type { SmashsendClient, SmashsendConnectionKeyMatcher } from './smashsend';
import type { SmartLeadClient } from './smartlead';
import type { SmarteClient } from './smarte';

export const DAY_MS = 86_400_000;

/** One key, the same shape for every vendor. */
export interface AuditedKey {
  vendor: Vendor;
  /** The vendor's own id: SMASHSEND `aki_…`, SmartLead's number (as text), SMARTe's keyId. */
  keyId: string;
  /** SMASHSEND's display name, SmartLead's key name, SMARTe's user email. */
  name: string;
  status: string | null;
  /** ISO 8601; null when the vendor gives no readable date (SMARTe keys never have one). */
  createdAt: string | null;
  /** Whole days since `createdAt`; null when unknown. */
  ageDays: number | null;
  /** Older than `olderThanDays`; false without a threshold or without a date. */
  stale: boolean;
  /** SmartLead's client id; null for the other vendors. */
  clientId: number | string | null;
  /**
   * The key's hint (`keyHint`): SMASHSEND's own truncated hint as it sent it (`sk_live_rdM4...`), other values masked
   * (`********` and at most their last 4 characters); null when the list shows none.
   */
  keyHint: string | null;
  /**
   * The key the audit's client of this vendor authenticates with (the Zapier connection's, or `keyring`'s own): a Zap or
   * a script can leave it out of a rotation. SMASHSEND: by the id GET /v1/api-keys/current answers (its truncated hint
   * when it answers none); SmartLead and SMARTe: by the key's value, compared in constant time.
   */
  connectionKey: boolean;
}

export interface KeyAudit {
  /** When the audit started (ISO 8601): ages are counted to this moment. */
  checkedAt: string;
  olderThanDays: number | null;
  /** The vendors audited, in report order. */
  vendors: Vendor[];
  /** Every key: the vendors in report order, each vendor's keys in the order it lists them. */
  keys: AuditedKey[];
  /** Keys per vendor (0 for a vendor not audited). */
  counts: Record<Vendor, number>;
  /** Keys older than `olderThanDays` (0 without a threshold). */
  staleCount: number;
}

/** The clients of the vendors to audit; a vendor without a client is left out. */
export interface AuditClients {
  smashsend?: SmashsendClient;
  smartlead?: SmartLeadClient;
  smarte?: SmarteClient;
}

export interface AuditProgress {
  vendor: Vendor;
  /** Keys of this vendor read so far. */
  keysRead: number;
  /** This vendor's list is complete. */
  done: boolean;
}

export interface AuditOptions extends PagingBudget {
  /** A whole number of days (1 or more): keys older than this are `stale`. */
  olderThanDays?: number;
  /** Told after every page (SMASHSEND) or list (SmartLead, SMARTe) read. Not called once the audit has failed. */
  onProgress?: (progress: AuditProgress) => void;
}

/** Whole days from `createdAt` to `now` (0 for a date in the future); null when the date is missing or unreadable. */
export function ageInDays(createdAt: string | null | undefined, now: number): number | null {
  const time = createdAt ? Date.parse(createdAt) : Number.NaN;
  if (Number.isNaN(time)) return null;
  return Math.max(0, Math.floor((now - time) / DAY_MS));
}

/** Whether a key created at `createdAt` is, at `now`, older than `days` days (strictly); false without a readable date. */
export function isOlderThan(createdAt: string | null | undefined, days: number, now: number): boolean {
  const time = createdAt ? Date.parse(createdAt) : Number.NaN;
  return !Number.isNaN(time) && now - time > days * DAY_MS;
}

/**
 * Lists every key of the given vendors (concurrently) and dates them. The deadline is checked before every request
 * (each SMASHSEND page, and the SmartLead and SMARTe lists): past it the audit fails with a TimeBudgetError.
 */
export async function auditApiKeys(clients: AuditClients, options: AuditOptions = {}): Promise<KeyAudit> {
  const { olderThanDays, deadline, now = Date.now, onProgress } = options;
  if (olderThanDays !== undefined && !(Number.isSafeInteger(olderThanDays) && olderThanDays >= 1)) {
    throw new RangeError('olderThanDays must be a whole number of days, 1 or more');
  }
  const startedAt = now();
  let failed = false;
  const progress = (p: AuditProgress) => {
    if (!failed) onProgress?.(p);
  };
  const dated = (record: Omit<AuditedKey, 'ageDays' | 'stale' | 'createdAt'> & { createdAt: string | null | undefined }) => {
    const time = record.createdAt ? Date.parse(record.createdAt) : Number.NaN;
    const createdAt = Number.isNaN(time) ? null : new Date(time).toISOString();
    return {
      ...record,
      createdAt,
      ageDays: ageInDays(createdAt, startedAt),
      stale: olderThanDays !== undefined && isOlderThan(createdAt, olderThanDays, startedAt),
    };
  };
  /** The one-call vendors honour the deadline too: it is checked before their single request. */
  const beforeRequest = (vendor: Vendor, method: 'GET' | 'POST', path: string) => {
    if (deadline !== undefined && now() >= deadline) {
      throw new TimeBudgetError(
        `${vendor} listing was not started: the audit's time budget was spent (${method} ${path}).`,
        { vendor, method, path },
        0,
        0,
      );
    }
  };

  const work: Array<Promise<AuditedKey[]>> = [];
  const vendors: Vendor[] = [];
  const { smashsend, smartlead, smarte } = clients;
  if (smashsend) {
    vendors.push('SMASHSEND');
    work.push(
      (async () => {
        const keys: AuditedKey[] = [];
        let own: SmashsendConnectionKeyMatcher | undefined;
        for await (const page of smashsend.pages({ sort: 'createdAt.desc', deadline, now })) {
          if (failed) break; // another vendor failed: the report is lost anyway, stop paging
          // Which key is the client's own: no request when the workspace was discovered (that call answered the key's
          // id too), one otherwise, after the first page (a key the list refuses fails there, as before).
          own ??= await smashsend.connectionKeyMatcher();
          for (const key of page.items) {
            keys.push(
              dated({
                vendor: 'SMASHSEND',
                keyId: key.id,
                name: key.displayName,
                status: key.status ?? null,
                createdAt: key.createdAt,
                clientId: null,
                keyHint: hint('SMASHSEND', key.secretKey),
                connectionKey: own.match(key) === 'yes',
              }),
            );
          }
          progress({ vendor: 'SMASHSEND', keysRead: keys.length, done: !page.hasMore });
        }
        return keys;
      })(),
    );
  }
  if (smartlead) {
    vendors.push('SmartLead');
    work.push(
      (async () => {
        beforeRequest('SmartLead', 'GET', '/api/v1/client/api-key');
        const keys = (await smartlead.listClientApiKeys()).map((key) =>
          dated({
            vendor: 'SmartLead',
            keyId: String(key.id),
            name: key.key_name,
            status: key.status ?? null,
            createdAt: key.created_at,
            clientId: key.client_id ?? null,
            keyHint: hint('SmartLead', key.api_key),
            connectionKey: smartlead.connectionKeyMatch(key) === 'yes',
          }),
        );
        progress({ vendor: 'SmartLead', keysRead: keys.length, done: true });
        return keys;
      })(),
    );
  }
  if (smarte) {
    vendors.push('SMARTe');
    work.push(
      (async () => {
        beforeRequest('SMARTe', 'POST', '/signals/v1/key/view');
        const keys = (await smarte.listKeys()).map((key) =>
          dated({
            vendor: 'SMARTe',
            keyId: key.keyId,
            name: key.email,
            status: key.status,
            createdAt: null, // SMARTe keys carry no dates
            clientId: null,
            keyHint: hint('SMARTe', key.apiKey),
            connectionKey: smarte.connectionKeyMatch(key) === 'yes',
          }),
        );
        progress({ vendor: 'SMARTe', keysRead: keys.length, done: true });
        return keys;
      })(),
    );
  }

  let lists: AuditedKey[][];
  try {
    lists = await Promise.all(work);
  } catch (error) {
    failed = true;
    throw error;
  }
  const keys = lists.flat();
  const counts: Record<Vendor, number> = { SMASHSEND: 0, SmartLead: 0, SMARTe: 0 };
  for (const key of keys) counts[key.vendor] += 1;
  return {
    checkedAt: new Date(startedAt).toISOString(),
    olderThanDays: olderThanDays ?? null,
    vendors,
    keys,
    counts,
    staleCount: keys.filter((key) => key.stale).length,
  };
}

function hint(vendor: Vendor, value: string | null | undefined): string | null {
  return typeof value === 'string' && value !== '' ? keyHint(vendor, value) : null;
}
