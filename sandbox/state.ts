// Everything the sandbox remembers, in memory: the three vendors' records, queued faults, request counters and the
// rate-limit windows. `reset()` puts it back to the seed.

import { FaultQueue } from './faults';
import { RateLimits } from './rateLimit';
import { VENDORS, type Vendor } from './types';
import { SmarteStore } from './vendors/smarte';
import { SmartleadStore } from './vendors/smartlead';
import { SmashsendStore } from './vendors/smashsend';

export interface RequestCounts {
  /** Every request received under a vendor prefix (faulted, refused and unknown routes included). */
  total: number;
  byVendor: Record<Vendor, number>;
  /** Keyed `METHOD /prefix/route-pattern`, e.g. `GET /smashsend/v1/workspaces/:workspaceId/api-keys`. */
  byRoute: Record<string, number>;
}

export class RequestCounter {
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

  generateSmashsendKeys(count: number, createdAt?: string): GenerateResult {
    checkCount(count);
    if (createdAt !== undefined && Number.isNaN(Date.parse(createdAt))) throw new RangeError('createdAt must be an ISO date');
    const made = this.smashsend.generate(count, createdAt);
    return { generated: made.length, total: this.smashsend.keys.length };
  }

  generateSmarteKeys(count: number): GenerateResult {
    checkCount(count);
    const made = this.smarte.generate(count);
    return { generated: made.length, total: this.smarte.keys.length };
  }
}

export const MAX_GENERATE = 10_000;

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATE) {
    throw new RangeError(`count must be an integer from 1 to ${MAX_GENERATE}`);
  }
}

/** Which vendor a URL belongs to, by its prefix. */
export function vendorOfUrl(url: string): Vendor | undefined {
  return VENDORS.find((v) => url === `/${v}` || url.startsWith(`/${v}/`) || url.startsWith(`/${v}?`));
}
