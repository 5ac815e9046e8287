// Bounded time: every request of every operation goes through z.request with a timeout well inside Zapier's 30 s
// step limit (10 s by default; KEYRING_TIMEOUT_MS only shortens it, within 100 ms–10 s); paging (find, the dropdown,
// rotate's list walk) stops at the step's time budget with a clear error instead of being killed; rotate's delete
// only gets the time left; and a 429 is never retried inside a step (exactly one request, paged operations included).

import timersPromises from 'node:timers/promises';
import type { ZObject } from 'zapier-platform-core';
import { SmashsendClient, TimeBudgetError, type Transport, type TransportRequest } from '@keyring/connector';
import { forgetRememberedKeys } from '../../lib/clients';
import { DEFAULT_STEP_BUDGET_MS, requestTimeoutMs, stepBudgetMs } from '../../lib/settings';
import { startStepClock } from '../../lib/stepClock';
import { runOperation } from '../support/app';
import { withEnv } from '../support/env';
import { recordingProxy, type ArrivedRequest, type RecordingProxy } from '../support/net';
import { LEAKED, OPERATIONS, SS_KEYS, operation, type Operation } from '../support/operations';
import { outcomeOf } from '../support/outcome';
import { sandboxAuth, useSandbox } from '../support/sandbox';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';

/** Every z.request the app makes, with the options it passed (the timeout above all) and when it was made (epoch ms). */
const mockZRequests: Array<{ url: string; timeout: unknown; at: number }> = [];
jest.mock('../../lib/transport', () => {
  const actual = jest.requireActual<typeof import('../../lib/transport')>('../../lib/transport');
  return {
    zRequestTransport: (z: ZObject, vendor: Parameters<typeof actual.zRequestTransport>[1]) =>
      actual.zRequestTransport(
        {
          ...z,
          request: ((options: { url: string; timeout?: number }) => {
            mockZRequests.push({ url: options.url, timeout: options.timeout, at: Date.now() });
            return z.request(options as never);
          }) as unknown as ZObject['request'],
        },
        vendor,
      ),
  };
});

const env = useSandbox({ resetEachTest: false });
// Every case starts as a cold container: a delete or a role change asks GET /v1/api-keys/current (counted below).
beforeEach(() => forgetRememberedKeys());
const figures = { callPaths: 0, requests: 0, budgetStops: 0, budgetCases: 0, throttled: 0, throttledOnce: 0 };

/**
 * Runs `work`, recording the delay of every timer whose callback ran meanwhile. A step that waits (a Retry-After
 * slept out, a pause between pages) runs one; a request's timeout timers are cleared when its answer comes and never
 * run. So which timers ran says whether, and how long, a step waited: an event, where elapsed time would be a budget.
 */
async function timersRunDuring<T>(work: () => Promise<T>): Promise<{ result: T; ran: Array<number | undefined> }> {
  const ran: Array<number | undefined> = [];
  // A sleep through node:timers/promises (its setTimeout, scheduler.wait) does not go through the global setTimeout.
  const realSleep = timersPromises.setTimeout;
  const sleep = jest.spyOn(timersPromises, 'setTimeout').mockImplementation((async (ms?: number, ...rest: unknown[]) => {
    const value: unknown = await (realSleep as (ms?: number, ...rest: unknown[]) => Promise<unknown>)(ms, ...rest);
    ran.push(ms);
    return value;
  }) as typeof timersPromises.setTimeout);
  const realWait = timersPromises.scheduler.wait.bind(timersPromises.scheduler);
  const wait = jest.spyOn(timersPromises.scheduler, 'wait').mockImplementation(async (ms: number, options?: { signal?: AbortSignal }) => {
    await realWait(ms, options);
    ran.push(ms);
  });
  const realSetTimeout = globalThis.setTimeout;
  const spy = jest.spyOn(globalThis, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) =>
    realSetTimeout(
      (...callbackArgs: unknown[]) => {
        ran.push(ms);
        callback(...callbackArgs);
      },
      ms,
      ...args,
    )) as unknown as typeof setTimeout);
  try {
    return { result: await work(), ran };
  } finally {
    spy.mockRestore();
    sleep.mockRestore();
    wait.mockRestore();
  }
}

// ---- every request has a timeout ----

describe('every request goes through z.request with a timeout well inside 30 s', () => {
  it.each([
    [undefined, 10_000],
    ['', 10_000],
    ['abc', 10_000],
    ['250', 250],
    ['250.6', 251],
    ['0', 100],
    ['-5', 100],
    ['60000', 10_000],
    ['Infinity', 10_000],
  ])('KEYRING_TIMEOUT_MS=%p → %p ms', (value, expected) => {
    expect(requestTimeoutMs({ KEYRING_TIMEOUT_MS: value })).toBe(expected);
  });

  it.each([
    [undefined, 25_000],
    ['1500', 1_500],
    ['10', 1_000],
    ['90000', 25_000],
    ['x', 25_000],
  ])('KEYRING_STEP_BUDGET_MS=%p → %p ms', (value, expected) => {
    expect(stepBudgetMs({ KEYRING_STEP_BUDGET_MS: value })).toBe(expected);
  });

  it('the default budget leaves find one full request timeout of paging margin, and rotate room for the create', () => {
    const clock = startStepClock(() => 1_000_000);
    expect(clock.endsAt - clock.startedAt).toBe(DEFAULT_STEP_BUDGET_MS);
    expect(clock.pagingDeadline() - clock.startedAt).toBe(15_000); // a last page may take 10 s: done by 25 s
    expect(clock.pagingDeadline(1) - clock.startedAt).toBe(5_000); // then the create's 10 s: done by 25 s
  });

  const all: Operation[] = [
    ...OPERATIONS,
    { ...OPERATIONS[0], name: 'connection test', kind: 'authentication', key: 'test' },
    { ...OPERATIONS.find((op) => op.key === 'new_smashsend_api_key')!, name: 'new_smashsend_api_key (workspace discovered)' },
    {
      // A role change asks GET /v1/api-keys/current first (is the key the connection's own?): that request too.
      ...OPERATIONS.find((op) => op.key === 'update_smashsend_api_key')!,
      name: 'update_smashsend_api_key (role change)',
      input: { apiKeyId: 'aki_xyz789ghi012', role: 'VIEWER' },
    },
    // The leaked-key steps' every request: the lookups at each vendor (a secret no vendor knows), the connection's own
    // SMASHSEND key revoked (twin, delete, the twin's check with its own secret), SmartLead's delete (replace off).
    {
      ...operation('find_api_key_by_secret (SmartLead)'),
      name: 'find_api_key_by_secret (no vendor knows it)',
      input: { secret: 'nobody-knows-this-0123456789' },
    },
    {
      ...operation('revoke_leaked_api_key (SMASHSEND)'),
      name: "revoke_leaked_api_key (the connection's own SMASHSEND key)",
      input: { secret: SANDBOX_CREDENTIALS.smashsendApiKey },
    },
    {
      ...operation('revoke_leaked_api_key (SmartLead)'),
      name: 'revoke_leaked_api_key (SmartLead, replace off)',
      input: { secret: LEAKED.smartlead, replace: false },
    },
    { ...operation('api_key_status_changed (SMASHSEND)'), name: 'api_key_status_changed (every vendor)', input: {} },
  ];
  it.each(all.map((op) => [op.name, op] as const))('%s: every z.request carries the 10 s timeout', async (_name, op) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    await op.setup?.(sandbox);
    sandbox.resetRequestCounts();
    mockZRequests.length = 0;
    const auth = sandboxAuth(sandbox);
    if (op.name.includes('discovered')) delete auth.smashsend_workspace_id;
    await withEnv({ KEYRING_TIMEOUT_MS: undefined }, () => outcomeOf(runOperation(op, auth)));
    expect(mockZRequests.length).toBeGreaterThan(0);
    expect(mockZRequests.map((r) => r.timeout)).toEqual(mockZRequests.map(() => 10_000));
    expect(mockZRequests.length).toBe(sandbox.requestCounts().total); // no request bypassed z.request
    figures.callPaths += 1;
    figures.requests += mockZRequests.length;
  });
});

// ---- paging stops at the step's time budget ----

describe('connector: pages() checks its deadline before every page request (fake clock)', () => {
  function endlessPages(): { transport: Transport; requests: TransportRequest[] } {
    const requests: TransportRequest[] = [];
    return {
      requests,
      transport: async (request) => {
        requests.push(request);
        const n = requests.length;
        const items = Array.from({ length: 100 }, (_, i) => ({
          id: `aki_${n}_${i}`,
          displayName: `K ${n}.${i}`,
          role: 'EDITOR',
          createdAt: '2024-01-01T00:00:00Z',
        }));
        return {
          status: 200,
          headers: {},
          body: JSON.stringify({ apiKeys: { items, hasMore: true, startAt: `2024-01-01T00:00:00Z~c${n}` } }),
        };
      },
    };
  }

  it.each([
    ['deadline already passed: no request at all', 0, 0],
    ['4 s a page, deadline at 10 s: 3 pages', 10_000, 3],
    ['4 s a page, deadline at 12 s: 3 pages (a page may not start at the deadline)', 12_000, 3],
    ['4 s a page, deadline at 12.001 s: 4 pages', 12_001, 4],
  ])('%s', async (_name, deadline, pages) => {
    const fake = endlessPages();
    let t = 0;
    const client = new SmashsendClient('sk_key', { transport: fake.transport, workspaceId: 'wrk_1' });
    const read: number[] = [];
    let caught: unknown;
    try {
      for await (const page of client.pages({ deadline, now: () => t })) {
        read.push(page.items.length);
        t += 4_000;
      }
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TimeBudgetError);
    expect(caught).toMatchObject({ kind: 'network', reason: 'time_budget', pagesRead: pages, itemsRead: pages * 100, retryable: true });
    expect((caught as Error).message).toBe(
      `SMASHSEND paging stopped after ${pages} page${pages === 1 ? '' : 's'} (${pages * 100} API keys) to stay within its time budget (GET /v1/workspaces/wrk_1/api-keys).`,
    );
    expect(fake.requests).toHaveLength(pages);
    expect(read).toEqual(Array(pages).fill(100));
    figures.budgetCases += 1;
    figures.budgetStops += 1;
  });

  it('no deadline: paging is unchanged (the vendor says when to stop)', async () => {
    let n = 0;
    const transport: Transport = async () => {
      n += 1;
      const last = n === 5;
      return { status: 200, headers: {}, body: JSON.stringify({ apiKeys: { items: [], hasMore: !last, startAt: last ? null : `c${n}` } }) };
    };
    const client = new SmashsendClient('sk_key', { transport, workspaceId: 'wrk_1' });
    let pages = 0;
    for await (const _page of client.pages()) pages += 1;
    expect(pages).toBe(5);
  });
});

describe('app: find, the dropdown and rotate stop paging at the step budget with a clear error (clock advanced 2 s a page)', () => {
  let proxy: RecordingProxy;
  let offset = 0;
  const realNow = Date.now.bind(Date);
  /** Each list page "takes" 2 s of the step's clock; the create, when `createTakesMs` is set, that long. */
  let createTakesMs = 0;
  const onRequest = (request: ArrivedRequest): void => {
    if (request.method === 'GET' && request.rawPath === SS_KEYS) offset += 2_000;
    if (request.method === 'POST' && request.rawPath === SS_KEYS) offset += createTakesMs;
  };
  beforeAll(async () => {
    proxy = await recordingProxy(env.sandbox.url, { onRequest: (request) => onRequest(request) });
  });
  afterAll(() => proxy.close());
  beforeEach(() => {
    offset = 0;
    createTakesMs = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    env.sandbox.reset();
    env.sandbox.generateSmashsendKeys(3_000); // 31 pages: far more than a step can read
    env.pointAt(proxy.origin);
    proxy.arrived.length = 0;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    env.pointAt();
  });

  const op = (key: string) => OPERATIONS.find((o) => o.key === key)!;
  const listRequests = () => proxy.arrived.filter((a) => a.method === 'GET' && a.rawPath === SS_KEYS).length;

  it.each([
    // find: paging deadline 15 s (25 s budget − one 10 s request) → pages at 0, 2, …, 14 s → 8 pages
    [
      'find_smashsend_api_key (a name not in the workspace)',
      op('find_smashsend_api_key'),
      { displayName: 'No Such Key' },
      undefined,
      8,
      'No key with that name is among them; SMASHSEND cannot filter by name, so older keys could not be checked in time.',
    ],
    // the dropdown's page 20 needs 21 requests: deadline 15 s → 8 pages
    [
      'smashsend_api_key_list (dropdown page 20)',
      op('smashsend_api_key_list'),
      {},
      { page: 20 },
      8,
      'Type or map the API key ID (it starts with aki_) instead of picking it from the list.',
    ],
    // rotate: deadline 5 s (room for the last page and the create) → pages at 0, 2, 4 s → 3 pages
    [
      'rotate_smashsend_api_key (a key deep in the list)',
      op('rotate_smashsend_api_key'),
      { apiKeyId: 'aki_notinthefirstpages' },
      undefined,
      3,
      'The key to rotate was not among them: nothing was created or deleted.',
    ],
    // the status trigger reads every key (a status can change on any): deadline 15 s → 8 pages, then it says to watch
    // SMASHSEND another way
    [
      'api_key_status_changed (SMASHSEND)',
      op('api_key_status_changed'),
      { vendors: ['SMASHSEND'] },
      undefined,
      8,
      'The workspace has too many keys to watch whole within one Zapier step: watch the other vendors here, and SMASHSEND with `keyring audit --json` on a schedule.',
    ],
  ] as const)('%s', async (_name, operation, input, meta, pages, advice) => {
    const { result: outcome, ran } = await timersRunDuring(() =>
      outcomeOf(runOperation({ ...operation, meta }, sandboxAuth(env.sandbox), input)),
    );
    figures.budgetCases += 1;
    expect(outcome).toMatchObject({ ok: false, name: 'AppError', code: 'time_budget' });
    expect(outcome.message).toBe(
      `SMASHSEND stopped paging after ${pages} pages / ${pages * 100} API keys to stay within Zapier's 30 s step limit (GET ${SS_KEYS}). ${advice}${
        operation.key === 'find_smashsend_api_key'
          ? " Delete unused keys to shorten the list, or use the key's ID (aki_…) where a later step needs it."
          : operation.key === 'rotate_smashsend_api_key'
            ? ' Rotate it by hand: create a key with the "Create SMASHSEND API Key" step, then delete the old one with "Delete SMASHSEND API Key" (both need no list).'
            : ''
      }`,
    );
    expect(listRequests()).toBe(pages);
    expect(proxy.arrived.filter((a) => a.method !== 'GET')).toEqual([]); // rotate created and deleted nothing
    expect(ran).toEqual([]); // stopped by the step's clock, never by waiting: no timer ran (every request's was cleared)
    figures.budgetStops += 1;
  });

  it('find still finds a key on the pages it reads', async () => {
    const outcome = await outcomeOf(
      runOperation(op('find_smashsend_api_key'), sandboxAuth(env.sandbox), { displayName: 'Generated Key 02500' }),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.result).toEqual([expect.objectContaining({ displayName: 'Generated Key 02500' })]);
  });

  it('rotate: with too little time left after the create, the old key is not deleted, and the new key still comes back', async () => {
    createTakesMs = 22_500; // with the list page's 2 s, the create ends 0.5 s before the 25 s budget: too little for a delete
    const outcome = await outcomeOf(
      runOperation(op('rotate_smashsend_api_key'), sandboxAuth(env.sandbox), { apiKeyId: 'aki_xyz789ghi012' }),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.result).toMatchObject({
      replacedKeyId: 'aki_xyz789ghi012',
      oldKeyDeleted: false,
      newKeyVerified: false, // no time to check it either, so the old key must stay
      secretKey: expect.stringMatching(/^sk_live_/),
    });
    expect((outcome.result as { warning: string }).warning).toBe(
      `The new key was created, but the old key aki_xyz789ghi012 ("CRM Sync") is still live: too little of this step's time (Zapier's 30 s limit) was left to delete it safely. Delete it with the "Delete SMASHSEND API Key" step or in SMASHSEND.`,
    );
    expect(proxy.arrived.filter((a) => a.method === 'DELETE')).toEqual([]);
    expect(proxy.arrived.filter((a) => a.rawPath.endsWith('/api-keys/check'))).toEqual([]);
  });

  it("rotate: the delete only gets the step's remaining time (here under 3 s, not 10 s)", async () => {
    createTakesMs = 20_000; // with the list page's 2 s, the create ends at 22 s: under 3 s are left
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'DELETE', kind: 'delay', hang: true });
    const before = mockZRequests.length;
    const { result: outcome, ran } = await timersRunDuring(() =>
      outcomeOf(runOperation(op('rotate_smashsend_api_key'), sandboxAuth(env.sandbox), { apiKeyId: 'aki_xyz789ghi012' })),
    );
    expect(outcome.ok).toBe(true);
    const warning = (outcome.result as { warning: string }).warning;
    expect(warning).toMatch(/may still be live: the delete got no answer: SMASHSEND did not answer within [\d.]+ s \(DELETE /);
    const seconds = Number(/within ([\d.]+) s/.exec(warning)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(3);
    // The delete was sent with that shorter timeout, and its timer is the one wait of the whole step: the hanging
    // DELETE was given up when that ran, not after the default 10 s.
    const deletes = mockZRequests.slice(before).filter((r) => r.url.includes('/api-keys/aki_xyz789ghi012'));
    expect(deletes).toHaveLength(1);
    const deleteTimeout = deletes[0]?.timeout as number;
    expect(deleteTimeout).toBeLessThanOrEqual(3_000);
    expect(Math.round(deleteTimeout / 100) / 10).toBe(seconds); // the timeout the warning names
    expect(ran).toEqual([deleteTimeout]);
  });
});

it('app, real clock: a tiny budget (KEYRING_STEP_BUDGET_MS=1000) with slow pages stops find within it', async () => {
  const sandbox = env.sandbox;
  sandbox.reset();
  sandbox.generateSmashsendKeys(2_000);
  sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: '/api-keys?', kind: 'delay', delayMs: 100, count: 100 });
  const before = mockZRequests.length;
  // Paging deadline: 1000 ms budget − one 600 ms request timeout = 400 ms after the start.
  const outcome = await withEnv({ KEYRING_STEP_BUDGET_MS: '1000', KEYRING_TIMEOUT_MS: '600' }, () =>
    outcomeOf(
      runOperation(
        OPERATIONS.find((o) => o.key === 'find_smashsend_api_key')!,
        sandboxAuth(sandbox),
        { displayName: 'No Such Key' },
      ),
    ),
  );
  figures.budgetCases += 1;
  expect(outcome).toMatchObject({ ok: false, name: 'AppError', code: 'time_budget' });
  expect(outcome.message).toMatch(/^SMASHSEND stopped paging after (\d+) pages \/ \d+ API keys to stay within Zapier's 30 s step limit/);
  const pages = Number(/after (\d+) pages/.exec(outcome.message ?? '')?.[1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThan(21);
  // Within the budget by construction rather than by a stopwatch: no page started past the paging deadline (the stop
  // above), and each of them carried the 600 ms timeout, so none could outlast the 1 000 ms.
  const requests = mockZRequests.slice(before);
  expect(requests).toHaveLength(pages);
  expect(requests.map((r) => r.timeout)).toEqual(requests.map(() => 600));
  // And the deadline is the step's own: the first page starts after the step's clock does, and none later than 400 ms
  // after it, so no page starts more than 400 ms after the first (on the app's clock, however slow the machine).
  const first = requests[0]?.at ?? Number.NaN;
  for (const request of requests) expect(request.at - first).toBeLessThanOrEqual(400);
  figures.budgetStops += 1;
});

// ---- 429 is never retried inside a step ----

describe('a 429 is answered by exactly one request: never retried inside the step', () => {
  const rows: Array<Operation & { expectedRequests: number }> = [
    // The 429 is met on the operation's own request, after the ones it makes first (the delete's current key, the view).
    ...OPERATIONS.map((op) => ({ ...op, expectedRequests: 1 + (op.before?.length ?? 0) })),
    {
      ...OPERATIONS.find((op) => op.key === 'find_smashsend_api_key')!,
      name: 'find_smashsend_api_key (429 on page 2)',
      input: { displayName: 'No Such Key' },
      faultPath: 'startAt=',
      expectedRequests: 2,
    },
    {
      ...OPERATIONS.find((op) => op.key === 'smashsend_api_key_list')!,
      name: 'smashsend_api_key_list (page 1: 429 on its 2nd request)',
      meta: { page: 1 },
      faultPath: 'startAt=',
      expectedRequests: 2,
    },
    {
      ...OPERATIONS.find((op) => op.key === 'rotate_smashsend_api_key')!,
      name: 'rotate_smashsend_api_key (429 on list page 2)',
      input: { apiKeyId: 'aki_deep' },
      faultPath: 'startAt=',
      expectedRequests: 2,
    },
    {
      ...OPERATIONS.find((op) => op.key === 'rotate_smashsend_api_key')!,
      name: 'rotate_smashsend_api_key (429 on the create)',
      method: 'POST',
      faultPath: '/api-keys',
      expectedRequests: 3, // the list, GET /v1/api-keys/current (is the old key the connection's own?), the create
    },
  ];
  it.each(
    rows.flatMap((op) =>
      [undefined, 1].map((retryAfter) => [`${op.name}, Retry-After ${retryAfter ?? 'absent'}`, op, retryAfter] as const),
    ),
  )('%s', async (_name, op, retryAfter) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    if (op.faultPath === 'startAt=') sandbox.generateSmashsendKeys(150);
    sandbox.injectFault({
      vendor: op.vendor,
      method: op.method,
      path: op.faultPath,
      kind: 'status',
      status: 429,
      count: 10,
      ...(retryAfter ? { retryAfter } : {}),
    });
    const { result: outcome, ran } = await timersRunDuring(() => outcomeOf(runOperation(op, sandboxAuth(sandbox))));
    figures.throttled += 1;
    expect(outcome).toMatchObject({ ok: false, name: 'ThrottledError', delay: retryAfter ?? 60 });
    expect(sandbox.requestCounts().total).toBe(op.expectedRequests);
    expect(sandbox.pendingFaults()[0]?.remaining).toBe(9); // the 429 was met once
    // and not waited out inside the step (Retry-After is 1 s or 60 s): no timer ran, as a sleep's would
    expect(ran).toEqual([]);
    figures.throttledOnce += 1;
  });
});

afterAll(() => {
  console.log(
    `bounded time: ${figures.callPaths} call paths, ${figures.requests} z.requests, every one with a 10 s timeout; paging stopped by the time budget in ${figures.budgetStops}/${figures.budgetCases} cases; 429 → exactly one request (no retry) in ${figures.throttledOnce}/${figures.throttled} cases`,
  );
});
