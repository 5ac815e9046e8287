// Everything the sandbox remembers, in memory: the three vendors' records, queued faults, request counters and the
// rate-limit windows. `reset()` puts it back to the seed.

import { FaultQueue } from './faults';
import { RateLimits } from './rateLimit';
import { VENDORS, type Vendor } from './types';
import { SmarteStore, SMARTE_ROOT } from './vendors/smarte';
import { SmartleadStore, SMARTLEAD_ROOT } from './vendors/smartlead';
import { SmashsendStore, SMASHSEND_ROOT, type SmashsendGenerateOptions } from './vendors/smashsend';

/** Where each vendor's routes start on the sandbox's origin: the vendors' own paths, which do not collide. */
export const VENDOR_ROOTS: Record<Vendor, string> = {
  smartlead: SMARTLEAD_ROOT,
  smashsend: SMASHSEND_ROOT,
  smarte: SMARTE_ROOT,
};

export interface RequestCounts {
  /** Every request received under a vendor's root (faulted, refused and unknown routes included). */
  total: number;
  byVendor: Record<Vendor, number>;
  /** Keyed `METHOD route-pattern`, e.g. `GET /v1/workspaces/:workspaceId/api-keys` (`GET /v1 (no route)` for unknown ones). */
  byRoute: Record<string, number>;
}

class RequestCounter {
  private counts: RequestCounts = RequestCounter.empty();

  private static empty(): RequestCounts {
    return { total: 0, byVendor: { smartlead: 0, smashsend: 0, smarte: 0 }, byRoute: {} };
  }

  record(vendor: Vendor, routeKey: string): void {
    this.counts.total += 1;
    this.counts.byVendor[vendor] += 1;
    this.counts.byRoute[routeKey] = (this.counts.byRoute[routeKey] ?? 0) + 1;
  }

  snapshot(): RequestCounts {
    return structuredClone(this.counts);
  }

  clear(): void {
    this.counts = RequestCounter.empty();
  }
}

/** A re-dated SMASHSEND key as the control API reports it. */
export interface SmashsendCreatedAt {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** A re-dated SmartLead client key as the control API reports it. */
export interface SmartleadCreatedAt {
  id: number;
  created_at: string;
}

export interface GenerateResult {
  generated: number;
  /** How many keys the vendor now holds. */
  total: number;
}

export class SandboxState {
  readonly smartlead = new SmartleadStore();
  readonly smashsend = new SmashsendStore();
  readonly smarte = new SmarteStore();
  readonly faults = new FaultQueue();
  readonly counts = new RequestCounter();
  readonly rateLimits: RateLimits;

  constructor(rateLimitsEnabled: boolean) {
    this.rateLimits = new RateLimits(rateLimitsEnabled);
  }

  /** Re-seeds every vendor, clears faults, counters and rate-limit windows (keeps the rate-limit on/off switch). */
  reset(): void {
    this.smartlead.reset();
    this.smashsend.reset();
    this.smarte.reset();
    this.faults.clear();
    this.counts.clear();
    this.rateLimits.clear();
  }

  generateSmashsendKeys(count: number, opts: SmashsendGenerateOptions = {}): GenerateResult {
    checkCount(count);
    checkGenerateOptions(opts);
    const made = this.smashsend.generate(count, opts);
    return { generated: made.length, total: this.smashsend.size };
  }

  /** Re-dates a SMASHSEND key (to test ages); undefined when there is no such key. Throws a RangeError for a bad date. */
  setSmashsendCreatedAt(apiKeyId: string, createdAt: string): SmashsendCreatedAt | undefined {
    checkDate('createdAt', createdAt);
    const key = this.smashsend.findById(apiKeyId);
    if (!key) return undefined;
    this.smashsend.setCreatedAt(key, createdAt);
    return { id: key.id, createdAt: key.createdAt, updatedAt: key.updatedAt };
  }

  /** Re-dates a SmartLead client key (to test ages); undefined when there is no such key. Throws a RangeError for a bad date. */
  setSmartleadCreatedAt(id: number, createdAt: string): SmartleadCreatedAt | undefined {
    checkDate('createdAt', createdAt);
    const key = this.smartlead.setCreatedAt(id, createdAt);
    return key && { id: key.id, created_at: key.created_at };
  }

  /**
   * Sets a SMASHSEND key's status (an archived key no longer authenticates), stamping `updatedAt` now, as a change in
   * SMASHSEND's dashboard would; undefined when there is no such key.
   */
  setSmashsendStatus(apiKeyId: string, status: 'ACTIVE' | 'ARCHIVED'): { id: string; status: string; updatedAt: string } | undefined {
    const key = this.smashsend.findById(apiKeyId);
    if (!key) return undefined;
    key.status = status;
    key.updatedAt = new Date(Math.max(Date.now(), Date.parse(key.createdAt) + 1)).toISOString();
    return { id: key.id, status: key.status, updatedAt: key.updatedAt };
  }

  /** Sets a SmartLead client key's status (an inactive key no longer authenticates); undefined when there is no such key. */
  setSmartleadStatus(id: number, status: 'active' | 'inactive'): { id: number; status: string } | undefined {
    const key = this.smartlead.keys.find((candidate) => candidate.id === id);
    if (!key) return undefined;
    key.status = status;
    return { id: key.id, status };
  }

  generateSmarteKeys(count: number): GenerateResult {
    checkCount(count);
    const made = this.smarte.generate(count);
    return { generated: made.length, total: this.smarte.keys.length };
  }
}

export const MAX_GENERATE = 10_000;

/** Throws a RangeError naming the option (the control route answers it as a 400). */
function checkDate(name: string, value: string | undefined): void {
  if (value !== undefined && Number.isNaN(Date.parse(value))) throw new RangeError(`${name} must be an ISO date`);
}

/** Throws a RangeError naming the option (the control route answers it as a 400). */
function checkGenerateOptions(opts: SmashsendGenerateOptions): void {
  checkDate('createdAt', opts.createdAt);
  checkDate('from', opts.from);
  if (opts.createdAt !== undefined && (opts.from !== undefined || opts.stepMs !== undefined || opts.burst !== undefined)) {
    throw new RangeError('createdAt puts every key at one instant: it goes with none of from, stepMs, burst');
  }
  if (opts.stepMs !== undefined && (!Number.isInteger(opts.stepMs) || opts.from === undefined)) {
    throw new RangeError('stepMs must be a whole number of milliseconds, and goes with from');
  }
  if (opts.burst !== undefined && (!Number.isInteger(opts.burst) || opts.burst < 1)) {
    throw new RangeError('burst must be a whole number from 1');
  }
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATE) {
    throw new RangeError(`count must be an integer from 1 to ${MAX_GENERATE}`);
  }
}

/** Which vendor a URL belongs to, by its root (`/v1…` SMASHSEND, `/api/v1…` SmartLead, `/signals/v1…` SMARTe). */
export function vendorOfUrl(url: string): Vendor | undefined {
  return VENDORS.find((v) => {
    const root = VENDOR_ROOTS[v];
    return url === root || url.startsWith(`${root}/`) || url.startsWith(`${root}?`);
  });
}
