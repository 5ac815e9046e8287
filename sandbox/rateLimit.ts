// Per-key request limits (SmartLead 10 per 2 s, SMASHSEND 60 per minute) as sliding windows, switchable at runtime.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Remembers the times of the last `limit` accepted requests per key; a request is refused while `limit` fall in the window. */
class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): RateDecision {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  clear(): void {
    this.hits.clear();
  }
}

const SMARTLEAD_RATE_LIMIT = { limit: 10, windowMs: 2_000 } as const;
const SMASHSEND_RATE_LIMIT = { limit: 60, windowMs: 60_000 } as const;

/** The vendors' limiters plus the on/off switch (`startSandbox({ rateLimits })`, `PUT /_sandbox/rate-limits`). */
export class RateLimits {
  readonly smartlead = new SlidingWindowLimiter(SMARTLEAD_RATE_LIMIT.limit, SMARTLEAD_RATE_LIMIT.windowMs);
  readonly smashsend = new SlidingWindowLimiter(SMASHSEND_RATE_LIMIT.limit, SMASHSEND_RATE_LIMIT.windowMs);

  constructor(public enabled: boolean) {}

  take(vendor: 'smartlead' | 'smashsend', key: string): RateDecision {
    if (!this.enabled) return { allowed: true };
    return this[vendor].take(key);
  }

  /** Forgets every window (the on/off switch is kept). */
  clear(): void {
    this.smartlead.clear();
    this.smashsend.clear();
  }
}
