// End to end: what a Zap builder sees when a vendor misbehaves. Each fault is played by the sandbox over real HTTP
// (its fault injection), and goes through z.request, the connector and the app's error mapping: the exact Zapier error
// class, code, status and message (naming the vendor, and "A retry may help." where a retry may), and the
// ThrottledError delay. Timeouts are in faults.timeout.test.ts.

import type { FaultBehaviour, FaultSpec } from '../../sandbox/server';
import { SMASHSEND_SEED } from '../../sandbox/seed';
import { run, testConnection, type Auth } from '../support/app';
import { closedPort } from '../support/net';
import { zapierError, type ZapierErrorShape } from '../support/outcome';
import { ROUTE, sandboxAuth, useSandbox } from '../support/sandbox';

const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
});

const WS = SMASHSEND_SEED.user.workspaceId;

type SandboxVendor = FaultSpec['vendor'];

interface Target {
  vendor: 'SMASHSEND' | 'SmartLead' | 'SMARTe';
  sandboxVendor: SandboxVendor;
  /** The operation faulted, and its one request. */
  op: { kind: 'triggers'; key: string; input: Record<string, unknown> };
  method: 'GET' | 'POST';
  path: string;
  /** The vendor's default error message for a status, as the sandbox sends it in the vendor's error body. */
  messages: Record<number, string>;
}

const TARGETS: Target[] = [
  {
    vendor: 'SMASHSEND',
    sandboxVendor: 'smashsend',
    op: { kind: 'triggers', key: 'new_smashsend_api_key', input: {} },
    method: 'GET',
    path: `/v1/workspaces/${WS}/api-keys`,
    messages: {
      400: 'Bad Request',
      401: 'Invalid API key. Please double-check and try again.',
      403: 'API key does not have sufficient permissions.',
      404: 'Not found.',
      422: 'Unprocessable Entity',
      429: 'Rate limit exceeded. Please wait a moment and try again.',
      500: 'Internal server error.',
      502: 'Bad Gateway',
      503: 'Service Unavailable',
    },
  },
  {
    vendor: 'SmartLead',
    sandboxVendor: 'smartlead',
    op: { kind: 'triggers', key: 'new_smartlead_client_api_key', input: {} },
    method: 'GET',
    path: '/api/v1/client/api-key',
    messages: {
      400: 'Bad request',
      401: 'Invalid or missing API key',
      403: 'Forbidden',
      404: 'Not found',
      422: 'Validation failed',
      429: 'Rate limit exceeded. Please slow down.',
      500: 'Internal server error',
      502: 'Bad gateway',
      503: 'Service unavailable',
    },
  },
  {
    vendor: 'SMARTe',
    sandboxVendor: 'smarte',
    op: { kind: 'triggers', key: 'new_smarte_api_key', input: {} },
    method: 'POST',
    path: '/signals/v1/key/view',
    messages: {
      400: 'Request failed with status 400',
      401: 'Invalid or missing Api-Key',
      403: 'This endpoint requires an admin API key',
      404: 'Not found',
      422: 'Request failed with status 422',
      429: 'Rate limit exceeded for your organisation. Please retry later.',
      500: 'Internal server error',
      502: 'Request failed with status 502',
      503: 'Request failed with status 503',
    },
  },
];

/** The Zapier error each status must become, for a target (its default vendor message included). */
function expectedForStatus(t: Target, status: number, retryAfter?: number): ZapierErrorShape {
  const where = `(${status} on ${t.method} ${t.path})`;
  const said = t.messages[status].replace(/[.\s]+$/, '');
  switch (status) {
    case 400:
    case 422:
      return { name: 'AppError', code: 'validation', status, message: `${t.vendor} rejected the request ${where}: ${said}.` };
    case 401:
      return {
        name: 'ExpiredAuthError',
        message: `${t.vendor} rejected the API key ${where}: ${said}. Reconnect your ${t.vendor} API key in this connection.`,
      };
    case 403:
      return {
        name: 'AppError',
        code: 'forbidden',
        status,
        message: `${t.vendor} refused access: the API key lacks permission for this ${where}: ${said}. Reconnect with a ${t.vendor} API key that is allowed to do this.`,
      };
    case 404:
      return {
        name: 'AppError',
        code: 'not_found',
        status,
        message: `${t.vendor} found nothing at ${t.method} ${t.path} ${where}: ${said}.`,
      };
    case 429:
      return {
        name: 'ThrottledError',
        message: `${t.vendor} rate limit reached ${where}: ${said}. ${retryAfter === undefined ? 'Wait a moment before trying again.' : `Retry after ${retryAfter} s.`}`,
        delay: retryAfter ?? 60,
      };
    default:
      return { name: 'AppError', code: 'server', status, message: `${t.vendor} had a server error ${where}: ${said}. A retry may help.` };
  }
}

/** Queues a fault aimed at the target's one request, runs the operation, and checks that the fault was used. */
async function runWithFault(t: Target, fault: FaultBehaviour): Promise<ZapierErrorShape> {
  env.sandbox.injectFault({ vendor: t.sandboxVendor, method: t.method, path: t.path, ...fault });
  const error = await zapierError(run(t.op.kind, t.op.key, t.op.input, auth));
  expect(env.sandbox.pendingFaults()).toEqual([]);
  return error;
}

const STATUS_CASES: Array<[string, number, number | undefined]> = [
  ['400', 400, undefined],
  ['401', 401, undefined],
  ['403', 403, undefined],
  ['404', 404, undefined],
  ['422', 422, undefined],
  ['429 with Retry-After: 17', 429, 17],
  ['429 without Retry-After', 429, undefined],
  ['500', 500, undefined],
  ['502', 502, undefined],
  ['503', 503, undefined],
];

describe.each(TARGETS.map((t) => [`${t.vendor} (${t.op.key}, ${t.method} ${t.path})`, t] as const))('%s', (_name, t) => {
  it.each(STATUS_CASES)('status %s', async (_case, status, retryAfter) => {
    const fault = retryAfter === undefined ? { kind: 'status' as const, status } : { kind: 'status' as const, status, retryAfter };
    expect(await runWithFault(t, fault)).toEqual(expectedForStatus(t, status, retryAfter));
  });

  it('html: an nginx error page (502) is a server error, without the page in the message', async () => {
    expect(await runWithFault(t, { kind: 'html' })).toEqual({
      name: 'AppError',
      code: 'server',
      status: 502,
      message: `${t.vendor} had a server error (an HTML error page) (502 on ${t.method} ${t.path}). A retry may help.`,
    });
  });

  it('html with status 200: a bad answer', async () => {
    expect(await runWithFault(t, { kind: 'html', status: 200 })).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message: `${t.vendor} sent an HTML page instead of JSON (200 on ${t.method} ${t.path}). A retry may help.`,
    });
  });

  it('empty: a 200 with no body', async () => {
    expect(await runWithFault(t, { kind: 'empty' })).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message: `${t.vendor} sent an empty response (200 on ${t.method} ${t.path}). A retry may help.`,
    });
  });

  it('malformed: truncated JSON', async () => {
    expect(await runWithFault(t, { kind: 'malformed' })).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message: `${t.vendor} sent malformed JSON (200 on ${t.method} ${t.path}). A retry may help.`,
    });
  });

  it('drop: the connection is reset with no answer', async () => {
    expect(await runWithFault(t, { kind: 'drop' })).toEqual({
      name: 'AppError',
      code: 'network',
      message: `${t.vendor} dropped the connection (reset) (${t.method} ${t.path}). A retry may help.`,
    });
  });

  it('refused: nothing listens at the base URL', async () => {
    env.pointVendorAt(t.sandboxVendor, `http://127.0.0.1:${await closedPort()}/${t.sandboxVendor}`);
    expect(await zapierError(run(t.op.kind, t.op.key, t.op.input, auth))).toEqual({
      name: 'AppError',
      code: 'network',
      message: `${t.vendor} refused the connection (${t.method} ${t.path}). A retry may help.`,
    });
  });

  it('a short delay (well inside the timeout) is only slower: the step succeeds', async () => {
    env.sandbox.injectFault({ vendor: t.sandboxVendor, method: t.method, path: t.path, kind: 'delay', delayMs: 300 });
    const result = await run(t.op.kind, t.op.key, t.op.input, auth);
    expect(Array.isArray(result) && result.length).toBe(3);
    expect(env.sandbox.pendingFaults()).toEqual([]);
  });
});

describe('wrongShape: valid JSON of the wrong shape', () => {
  it('SMASHSEND: says what is missing, never the body', async () => {
    expect(await runWithFault(TARGETS[0], { kind: 'wrongShape' })).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message: `SMASHSEND sent an unexpected response (200 on GET /v1/workspaces/${WS}/api-keys): apiKeys is missing. A retry may help.`,
    });
  });

  it('SmartLead: says what is missing (a list, or {data: list})', async () => {
    expect(await runWithFault(TARGETS[1], { kind: 'wrongShape' })).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message: 'SmartLead sent an unexpected response (200 on GET /api/v1/client/api-key): data is missing. A retry may help.',
    });
  });

  it('SMARTe create: says what is missing and, since a 2xx write was most likely done, how to check instead of "retry"', async () => {
    env.sandbox.injectFault({ vendor: 'smarte', path: '/createsignalapikey', kind: 'wrongShape' });
    expect(await zapierError(run('creates', 'create_smarte_api_key', { email: 'new.user@example.com' }, auth))).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message:
        'SMARTe sent an unexpected response (200 on POST /signals/v1/key/createsignalapikey): data is missing. The key may have been created anyway: use the "Find SMARTe API Key" step (or the SMARTe dashboard) to check before trying again.',
    });
  });

  // A body without `data` is a bad answer, not "no keys": read as empty, a Find or Create would make a duplicate key.
  it('SMARTe view (new_smarte_api_key): a body without `data` is a bad answer, not an empty list', async () => {
    expect(await runWithFault(TARGETS[2], { kind: 'wrongShape' })).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message: 'SMARTe sent an unexpected response (200 on POST /signals/v1/key/view): data is missing. A retry may help.',
    });
  });
});

describe('faults on creates: a lost answer may mean the key exists', () => {
  it.each([
    [
      'SMASHSEND',
      'smashsend',
      'create_smashsend_api_key',
      { displayName: 'E2E Key', role: 'API_USER' },
      `/v1/workspaces/${WS}/api-keys`,
      'Find SMASHSEND API Key',
    ],
    [
      'SmartLead',
      'smartlead',
      'create_smartlead_client_api_key',
      { clientId: 301, keyName: 'E2E Key' },
      '/api/v1/client/api-key',
      'Find SmartLead Client API Key',
    ],
    [
      'SMARTe',
      'smarte',
      'create_smarte_api_key',
      { email: 'new.user@example.com' },
      '/signals/v1/key/createsignalapikey',
      'Find SMARTe API Key',
    ],
  ] as const)(
    '%s: a reset connection on the create names the find step to check with',
    async (vendor, sandboxVendor, key, input, path, findStep) => {
      env.sandbox.injectFault({ vendor: sandboxVendor, method: 'POST', path, kind: 'drop' });
      expect(await zapierError(run('creates', key, input, auth))).toEqual({
        name: 'AppError',
        code: 'network',
        message: `${vendor} dropped the connection (reset) (POST ${path}). The key may have been created anyway: use the "${findStep}" step (or the ${vendor} dashboard) to check before trying again.`,
      });
    },
  );

  it('a refused connection on the create says a retry is safe (the request never reached the vendor)', async () => {
    env.pointVendorAt('smashsend', `http://127.0.0.1:${await closedPort()}`);
    expect(await zapierError(run('creates', 'create_smashsend_api_key', { displayName: 'E2E Key', role: 'API_USER' }, auth))).toEqual({
      name: 'AppError',
      code: 'network',
      message: `SMASHSEND refused the connection (POST /v1/workspaces/${WS}/api-keys). Nothing reached SMASHSEND, so nothing was changed: a retry is safe.`,
    });
  });

  it('an empty 200 on a SmartLead reset says the key may have been reset, and how to check', async () => {
    env.sandbox.injectFault({ vendor: 'smartlead', method: 'PUT', kind: 'empty' });
    const error = await zapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 45 }, auth));
    expect(error).toMatchObject({ name: 'AppError', code: 'bad_response', status: 200 });
    expect(error.message).toMatch(
      /^SmartLead sent an empty response \(200 on PUT \/api\/v1\/client\/api-key\/reset\/45\)\. The key may have been reset anyway/,
    );
    expect(error.message).toContain('"Find SmartLead Client API Key" step');
  });

  // A secret cut short for display (as list items carry it) is not the new key: the step must not pretend it is.
  it('a create answered with a truncated secret ("sk_live_abc123...") fails like one without a secret', async () => {
    const cutOff = {
      id: 'aki_cutoff000001',
      displayName: 'E2E Key',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: 'sk_live_abc1...',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'POST', kind: 'status', status: 200, body: { apiKey: cutOff } });
    expect(await zapierError(run('creates', 'create_smashsend_api_key', { displayName: 'E2E Key', role: 'API_USER' }, auth))).toMatchObject(
      {
        name: 'AppError',
        code: 'bad_response',
        status: 200,
      },
    );
  });

  it('a 500 on the create is a plain server error (the vendor answered: nothing was made)', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'POST', kind: 'status', status: 500 });
    expect(await zapierError(run('creates', 'create_smashsend_api_key', { displayName: 'E2E Key', role: 'API_USER' }, auth))).toEqual({
      name: 'AppError',
      code: 'server',
      status: 500,
      message: `SMASHSEND had a server error (500 on POST /v1/workspaces/${WS}/api-keys): Internal server error. A retry may help.`,
    });
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'E2E Key' }, auth)).toEqual([]);
  });

  it('a create answered without the new secret fails plainly: the key may exist but its value is unknown', async () => {
    env.sandbox.injectFault({
      vendor: 'smartlead',
      method: 'POST',
      kind: 'status',
      status: 200,
      body: { ok: true, data: { id: 99, client_id: 301, key_name: 'E2E Key', status: 'active', created_at: '2026-01-01T00:00:00.000Z' } },
    });
    expect(await zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'E2E Key' }, auth))).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message:
        "SmartLead answered without api_key, the value of the new client API key (200 on POST /api/v1/client/api-key). The change may have been made, but the key's value is unknown: do not rely on it; check the key at SmartLead before trying again.",
    });
  });
});

describe('faults in multi-request steps', () => {
  it('a 503 on page 2 of a find names the page request', async () => {
    env.sandbox.generateSmashsendKeys(150);
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: 'startAt=', kind: 'status', status: 503 });
    expect(await zapierError(run('searches', 'find_smashsend_api_key', { displayName: 'Not There' }, auth))).toEqual({
      name: 'AppError',
      code: 'server',
      status: 503,
      message: `SMASHSEND had a server error (503 on GET /v1/workspaces/${WS}/api-keys): Service Unavailable. A retry may help.`,
    });
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendList]).toBe(2);
  });

  it('rotate: a failed delete after the create still returns the new key, with a warning; the old key stays', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'DELETE', kind: 'status', status: 500 });
    const rotated = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth)) as Record<string, unknown>;
    expect(rotated).toMatchObject({
      displayName: 'CRM Sync',
      secretKey: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
      replacedKeyId: 'aki_xyz789ghi012',
      oldKeyDeleted: false,
      warning: `The new key was created, but the old key aki_xyz789ghi012 ("CRM Sync") is still live: deleting it failed: SMASHSEND had a server error (500 on DELETE /v1/workspaces/${WS}/api-keys/aki_xyz789ghi012): Internal server error. Delete it with the "Delete SMASHSEND API Key" step or in SMASHSEND.`,
    });
    const found = (await run('searches', 'find_smashsend_api_key', { displayName: 'CRM Sync' }, auth)) as Array<{ id: string }>;
    expect(found.map((key) => key.id)).toEqual([rotated.id, 'aki_xyz789ghi012']);
  });

  it('rotate: a reset connection on the create stops the rotation and names the find step; the old key is untouched', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'POST', kind: 'drop' });
    expect(await zapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth))).toEqual({
      name: 'AppError',
      code: 'network',
      message: `SMASHSEND dropped the connection (reset) (POST /v1/workspaces/${WS}/api-keys). The key may have been created anyway: use the "Find SMASHSEND API Key" step (or the SMASHSEND dashboard) to check before trying again.`,
    });
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendDelete]).toBeUndefined();
  });

  it('the connection test names only the vendor that failed', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', path: '/api-keys/check', kind: 'status', status: 503 });
    env.sandbox.injectFault({ vendor: 'smarte', kind: 'status', status: 429, retryAfter: 5 });
    expect(await zapierError(testConnection(auth))).toEqual({
      name: 'AppError',
      code: 'connection_test_failed',
      message:
        'SMASHSEND had a server error (503 on GET /v1/api-keys/check): Service Unavailable. A retry may help. ' +
        'SMARTe rate limit reached (429 on POST /signals/v1/key/view): Rate limit exceeded for your organisation. Please retry later. Retry after 5 s.',
    });
  });
});

describe('the sandbox’s own rate limits', () => {
  beforeEach(() => env.sandbox.setRateLimits(true)); // after useSandbox's beforeEach, which turns them off

  it('SmartLead: of 11 requests within 2 s, one is throttled for what Retry-After says', async () => {
    // All at once, so that a slow machine cannot spread them over more than SmartLead's 2 s window.
    const outcomes = await Promise.allSettled(Array.from({ length: 11 }, () => run('triggers', 'smartlead_client_list', {}, auth)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(10);
    const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    const error = await zapierError(Promise.reject(rejected?.reason));
    expect(error).toEqual({
      name: 'ThrottledError',
      message: expect.stringMatching(
        /^SmartLead rate limit reached \(429 on GET \/api\/v1\/client\/\): Rate limit exceeded\. Please retry after ([12]) seconds\. Retry after \1 s\.$/,
      ),
      delay: expect.any(Number),
    });
    expect([1, 2]).toContain(error.delay);
    expect(error.message).toContain(`Retry after ${error.delay} s.`);
  });

  it('SMASHSEND: the 61st request within a minute is throttled for what Retry-After says', async () => {
    // The minute starts at the first request: on a loaded machine the 60 steps take more than a second, and
    // Retry-After (whole seconds left in that minute) says so.
    const started = Date.now();
    for (let i = 0; i < 60; i += 1) await run('triggers', 'new_smashsend_api_key', {}, auth);
    const error = await zapierError(run('triggers', 'new_smashsend_api_key', {}, auth));
    const elapsedSeconds = Math.max(1, Math.ceil((Date.now() - started) / 1000));
    expect(error).toEqual({
      name: 'ThrottledError',
      message: expect.stringMatching(
        new RegExp(
          `^SMASHSEND rate limit reached \\(429 on GET /v1/workspaces/${WS}/api-keys\\): Rate limit exceeded\\. Please wait a moment and try again\\. Retry after (\\d+) s\\.$`,
        ),
      ),
      delay: expect.any(Number),
    });
    expect(error.delay).toBeGreaterThanOrEqual(60 - elapsedSeconds);
    expect(error.delay).toBeLessThanOrEqual(60);
  });
});
