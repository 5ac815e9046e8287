// A step's clock: when its vendor work must be over (the step budget), the per-request timeout, and the last
// moment a page request may start, so that paging stops with a clear error instead of being killed by Zapier.

import { requestTimeoutMs, stepBudgetMs } from './settings';

/** A step's clock, started when its perform starts. */
export interface StepClock {
  startedAt: number;
  /** Epoch ms by which the step's vendor work must be over. */
  endsAt: number;
  /** The per-request timeout of this step's clients. */
  timeoutMs: number;
  /**
   * The last moment a page request may start so that it (one timeout at most) and `requestsAfter` more requests
   * still end by `endsAt`. Paging that reaches it stops with a clear error instead of being killed by Zapier.
   */
  pagingDeadline(requestsAfter?: number): number;
  /** Milliseconds left until `endsAt` (may be negative). */
  remainingMs(): number;
}

export function startStepClock(now: () => number = Date.now): StepClock {
  const startedAt = now();
  const endsAt = startedAt + stepBudgetMs();
  const timeoutMs = requestTimeoutMs();
  return {
    startedAt,
    endsAt,
    timeoutMs,
    pagingDeadline: (requestsAfter = 0) => endsAt - (requestsAfter + 1) * timeoutMs,
    remainingMs: () => endsAt - now(),
  };
}
