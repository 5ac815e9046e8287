// Paging under a time budget: a caller with a hard time limit (a Zapier step is killed at 30 s) gives a list walk a
// deadline, and the walk stops cleanly with a TimeBudgetError saying how far it got, instead of being killed
// mid-request with no message at all.

import { NetworkError, type ErrorDetails } from './errors';

export interface PagingBudget {
  /** Epoch milliseconds: no page request is started at or after this moment. */
  deadline?: number;
  /** The clock (default Date.now), for tests. */
  now?: () => number;
}

/** Paging stopped at its deadline: a timeout of the whole walk, not of one request (kind `network`, reason `time_budget`). */
export class TimeBudgetError extends NetworkError {
  constructor(
    message: string,
    details: ErrorDetails,
    /** Pages read before the deadline. */
    readonly pagesRead: number,
    /** Items (API keys) those pages held. */
    readonly itemsRead: number,
  ) {
    super(message, details, 'time_budget');
  }
}
