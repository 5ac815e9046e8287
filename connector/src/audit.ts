// The key inventory, written once for every caller (`keyring audit`, the Zapier audit step): every key of every vendor
// given, in one list, with its age and whether it is older than a threshold. Key values never enter it (a hint
// only). A vendor that fails fails the whole audit: a report must never look complete when it is not.

import { TimeBudgetError, type PagingBudget } from './paging';
import type { Vendor } from './errors';
import { VENDORS, inReportOrder, smarteKeyRow, smartleadKeyRow, smashsendKeyRow, type KeyRow } from './keyRow';
import type { SmashsendClient, SmashsendConnectionKeyMatcher } from './smashsend';
import type { SmartLeadClient } from './smartlead';
import type { SmarteClient } from './smarte';

export interface KeyAudit {
  /** When the audit started (ISO 8601): ages are counted to this moment. */
  checkedAt: string;
  olderThanDays: number | null;
  /** The vendors audited, in report order (SMASHSEND, SmartLead, SMARTe). */
  vendors: Vendor[];
  /**
   * Every key, once: the vendors in report order, each vendor's keys newest first (keys without a date after the dated
   * ones, in the vendor's order). The rows of the Zapier audit's line items and of `keyring audit --json`.
   */
  keys: KeyRow[];
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
  const context = (connectionKey: boolean) => ({ now: startedAt, olderThanDays, connectionKey });
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

  const work: Array<Promise<KeyRow[]>> = [];
  const vendors: Vendor[] = [];
  const { smashsend, smartlead, smarte } = clients;
  if (smashsend) {
    vendors.push('SMASHSEND');
    work.push(
      (async () => {
        const keys: KeyRow[] = [];
        // Which key is the client's own, without a request in the usual case: by id when the workspace discovery
        // answered it (known after the first page), else by the hint every listed key shows, when exactly one listed
        // key's hint starts like the client's key. Otherwise (none does, as when SMASHSEND's hints are not the prefix
        // they are documented to be, or several do) SMASHSEND is asked, once, at the end (GET /v1/api-keys/current), and
        // the rows' connection_key set from its answer.
        let own: SmashsendConnectionKeyMatcher | undefined;
        let hinted = 0;
        for await (const page of smashsend.pages({ sort: 'createdAt.desc', deadline, now })) {
          if (failed) break; // another vendor failed: the report is lost anyway, stop paging
          own ??= smashsend.connectionKeyMatcherWithoutRequest();
          for (const key of page.items) {
            const match = own.match(key);
            if (match === 'yes') hinted += 1;
            keys.push(smashsendKeyRow(key, context(match === 'yes')));
          }
          progress({ vendor: 'SMASHSEND', keysRead: keys.length, done: !page.hasMore });
        }
        if (!failed && own?.evidence === 'hint' && keys.length > 0 && hinted !== 1) {
          const exact = await smashsend.connectionKeyMatcher();
          if (exact.evidence === 'current') {
            for (const row of keys) row.connection_key = exact.match({ id: row.key_id }) === 'yes';
          }
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
          smartleadKeyRow(key, context(smartlead.connectionKeyMatch(key) === 'yes')),
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
        const keys = (await smarte.listKeys()).map((key) => smarteKeyRow(key, context(smarte.connectionKeyMatch(key) === 'yes')));
        progress({ vendor: 'SMARTe', keysRead: keys.length, done: true });
        return keys;
      })(),
    );
  }

  let lists: KeyRow[][];
  try {
    lists = await Promise.all(work);
  } catch (error) {
    failed = true;
    throw error;
  }
  const keys = inReportOrder(lists.flat());
  const counts: Record<Vendor, number> = { SMASHSEND: 0, SmartLead: 0, SMARTe: 0 };
  for (const key of keys) counts[key.vendor] += 1;
  return {
    checkedAt: new Date(startedAt).toISOString(),
    olderThanDays: olderThanDays ?? null,
    vendors: VENDORS.filter((vendor) => vendors.includes(vendor)),
    keys,
    counts,
    staleCount: keys.filter((key) => key.stale).length,
  };
}
