// End to end: the faults only a whole step over real HTTP shows. Which fault becomes which Zapier error, for every
// operation, is the reliability matrix's (test/reliability/faults.test.ts); here: what a fault on a create tells the
// Zap builder to check, answers a create cannot be trusted with, faults in the middle of multi-request steps (paging,
// rotation, the connection test), and the sandbox's own rate limits. Each asserts the error's name, code and status
// plus the key phrases a user acts on. Timeouts are in faults.timeout.test.ts.

import { forgetRememberedKeys } from '../../lib/clients';
import { run, testConnection, type Auth } from '../support/app';
import { closedPort } from '../support/net';
import { WS } from '../support/operations';
import { expectZapierError, zapierError } from '../support/outcome';
import { ROUTE, sandboxAuth, useSandbox } from '../support/sandbox';

const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
  forgetRememberedKeys(); // a cold container: a delete asks GET /v1/api-keys/current first
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
      const error = await zapierError(run('creates', key, input, auth));
      expect(error).toEqual({ name: 'AppError', code: 'network', message: expect.stringContaining(`${vendor} dropped the connection`) });
      expect(error.message).toContain(`(POST ${path})`);
      expect(error.message).toContain(`The key may have been created anyway: use the "${findStep}" step`);
      expect(env.sandbox.pendingFaults()).toEqual([]);
    },
  );

  it('a refused connection on the create says a retry is safe (the request never reached the vendor)', async () => {
    env.pointVendorAt('smashsend', `http://127.0.0.1:${await closedPort()}`);
    const error = await zapierError(run('creates', 'create_smashsend_api_key', { displayName: 'E2E Key', role: 'API_USER' }, auth));
    expect(error).toEqual({ name: 'AppError', code: 'network', message: expect.stringContaining('SMASHSEND refused the connection') });
    expect(error.message).toContain('Nothing reached SMASHSEND, so nothing was changed: a retry is safe.');
    expect(error.message).not.toContain('may have been created');
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
    const error = await zapierError(run('creates', 'create_smashsend_api_key', { displayName: 'E2E Key', role: 'API_USER' }, auth));
    expect(error).toMatchObject({ name: 'AppError', code: 'bad_response', status: 200 });
    expect(error.message).toContain('SMASHSEND answered without secretKey, the value of the new API key');
    expect(error.message).toContain("the key's value is unknown: do not rely on it");
    expect(error.message).not.toContain('sk_live_abc1');
  });

  it('a 500 on the create is a plain server error (the vendor answered: nothing was made)', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'POST', kind: 'status', status: 500 });
    const error = await zapierError(run('creates', 'create_smashsend_api_key', { displayName: 'E2E Key', role: 'API_USER' }, auth));
    expect(error).toEqual({
      name: 'AppError',
      code: 'server',
      status: 500,
      message: expect.stringContaining('SMASHSEND had a server error'),
    });
    expect(error.message).toContain('A retry may help.');
    expect(error.message).not.toContain('may have been created');
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
    const error = await zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'E2E Key' }, auth));
    expect(error).toEqual({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      message: expect.stringContaining('SmartLead answered without api_key, the value of the new client API key'),
    });
    expect(error.message).toContain("the key's value is unknown: do not rely on it; check the key at SmartLead before trying again.");
  });
});

describe('faults in multi-request steps', () => {
  it('a 503 on page 2 of a find names the page request', async () => {
    env.sandbox.generateSmashsendKeys(150);
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: 'startAt=', kind: 'status', status: 503 });
    const error = await zapierError(run('searches', 'find_smashsend_api_key', { displayName: 'Not There' }, auth));
    expect(error).toEqual({
      name: 'AppError',
      code: 'server',
      status: 503,
      message: expect.stringContaining('SMASHSEND had a server error'),
    });
    expect(error.message).toContain(`(503 on GET /v1/workspaces/${WS}/api-keys)`);
    expect(error.message).toContain('A retry may help.');
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
      warning: expect.stringContaining('The new key was created, but the old key aki_xyz789ghi012 ("CRM Sync") is still live'),
    });
    expect(rotated.warning).toContain(
      `deleting it failed: SMASHSEND had a server error (500 on DELETE /v1/workspaces/${WS}/api-keys/aki_xyz789ghi012)`,
    );
    expect(rotated.warning).toContain('Delete it with the "Delete SMASHSEND API Key" step');
    const found = (await run('searches', 'find_smashsend_api_key', { displayName: 'CRM Sync' }, auth)) as Array<{ id: string }>;
    expect(found.map((key) => key.id)).toEqual([rotated.id, 'aki_xyz789ghi012']);
  });

  it('rotate: a reset connection on the create stops the rotation and names the find step; the old key is untouched', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'POST', kind: 'drop' });
    const error = await zapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth));
    expect(error).toEqual({ name: 'AppError', code: 'network', message: expect.stringContaining('SMASHSEND dropped the connection') });
    expect(error.message).toContain(`(POST /v1/workspaces/${WS}/api-keys)`);
    expect(error.message).toContain('The key may have been created anyway: use the "Find SMASHSEND API Key" step');
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendDelete]).toBeUndefined();
  });

  it('the connection test names only the vendor that failed', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', path: '/api-keys/check', kind: 'status', status: 503 });
    env.sandbox.injectFault({ vendor: 'smarte', kind: 'status', status: 429, retryAfter: 5 });
    const error = await zapierError(testConnection(auth));
    expect(error).toEqual({
      name: 'AppError',
      code: 'connection_test_failed',
      message: expect.stringContaining('SMASHSEND had a server error'),
    });
    expect(error.message).toContain('(503 on GET /v1/api-keys/check)');
    expect(error.message).toContain('SMARTe rate limit reached (429 on POST /signals/v1/key/view)');
    expect(error.message).toContain('Retry after 5 s.');
    expect(error.message).not.toContain('SmartLead');
  });
});

describe('faults on the request that decides whether a key is the connection’s own: nothing is written', () => {
  it('a 503 on GET /v1/api-keys/current before a delete: a server error on that read, and no DELETE', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: '/v1/api-keys/current', kind: 'status', status: 503 });
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth), {
      name: 'AppError',
      code: 'server',
      status: 503,
      says: ['SMASHSEND had a server error (503 on GET /v1/api-keys/current)', 'A retry may help.'],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendCurrent]: 1 });
  });

  it('a SMASHSEND that does not answer GET /v1/api-keys/current (404): the delete cannot tell, so it halts unless allowed', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: '/v1/api-keys/current', kind: 'status', status: 404, count: 2 });
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth), {
      name: 'HaltedError',
      says: [
        'SMASHSEND gave no way to tell whether API key aki_xyz789ghi012 is the key this connection authenticates with: refused to delete it, nothing was changed.',
        'turn on "Allow This Connection\'s Own Key" if you mean it (reconnect afterwards if it was this connection\'s key).',
      ],
    });
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendDelete]).toBeUndefined();
    // Allowed: deleted, with the warning that it may have been the connection's key (it was not: the connection works).
    expect(
      await run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012', allow_connection_key: true }, auth),
    ).toMatchObject({
      id: 'aki_xyz789ghi012',
      isDeleted: true,
      warning: expect.stringMatching(/^This was \(or may have been\) the key this Zapier connection signs in with: reconnect/),
    });
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendDelete]).toBe(1);
    expect(env.sandbox.pendingFaults()).toEqual([]);
    expect(await testConnection(auth)).toMatchObject({ vendors: ['SMASHSEND', 'SmartLead', 'SMARTe'] });
  });

  it('a 500 on SMARTe’s view before a suspension: a server error on the view, and no update', async () => {
    env.sandbox.injectFault({ vendor: 'smarte', method: 'POST', path: '/signals/v1/key/view', kind: 'status', status: 500 });
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email: 'dev.udi@smarte.pro' }, auth), {
      name: 'AppError',
      code: 'server',
      status: 500,
      says: ['SMARTe had a server error (500 on POST /signals/v1/key/view)', 'A retry may help.'],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smarteView]: 1 });
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
      message: expect.stringContaining('SmartLead rate limit reached (429 on GET /api/v1/client/)'),
      delay: expect.any(Number),
    });
    // The vendor's own words carry the same number of seconds as its Retry-After header.
    expect(error.message).toMatch(/Please retry after ([12]) seconds\. Retry after \1 s\./);
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
      message: expect.stringContaining(`SMASHSEND rate limit reached (429 on GET /v1/workspaces/${WS}/api-keys)`),
      delay: expect.any(Number),
    });
    expect(error.message).toContain(`): Rate limit exceeded. Please wait a moment and try again. Retry after ${error.delay} s.`);
    expect(error.delay).toBeGreaterThanOrEqual(60 - elapsedSeconds);
    expect(error.delay).toBeLessThanOrEqual(60);
  });
});
