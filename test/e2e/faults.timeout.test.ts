// End to end: a vendor that answers too late, through the sandbox's `delay` fault (and `hang`), over real HTTP.
//
// The connector's per-request timeout is 10 s; lib/settings.ts reads KEYRING_TIMEOUT_MS (bounded to 100 ms–10 s) at
// each step, so this file sets it to 1 s: the real code path (app definition, z.request, loopback HTTP, the sandbox's
// delay), and the messages say "1 s".

import { SMASHSEND_SEED } from '../../sandbox/seed';
import { run, testConnection, type Auth } from '../support/app';
import { setEnv, useEnv } from '../support/env';
import { expectZapierError } from '../support/outcome';
import { ROUTE, sandboxAuth, useSandbox } from '../support/sandbox';

const LATE_MS = 2500;

useEnv({ KEYRING_TIMEOUT_MS: '1000' });
const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
});

const WS = SMASHSEND_SEED.user.workspaceId;

it('an answer inside the timeout is fine', async () => {
  env.sandbox.injectFault({ vendor: 'smashsend', kind: 'delay', delayMs: 200 });
  expect(await run('triggers', 'new_smashsend_api_key', {}, auth)).toHaveLength(3);
});

describe('a read that gets no answer in time is a plain retryable error', () => {
  it.each([
    ['SMASHSEND', 'smashsend', 'new_smashsend_api_key', `GET /v1/workspaces/${WS}/api-keys`],
    ['SmartLead', 'smartlead', 'new_smartlead_client_api_key', 'GET /api/v1/client/api-key'],
    ['SMARTe', 'smarte', 'new_smarte_api_key', 'POST /signals/v1/key/view'],
  ] as const)('%s (delay beyond the timeout)', async (vendor, sandboxVendor, key, where) => {
    env.sandbox.injectFault({ vendor: sandboxVendor, kind: 'delay', delayMs: LATE_MS });
    const started = Date.now();
    await expectZapierError(run('triggers', key, {}, auth), {
      name: 'AppError',
      code: 'network',
      says: [`${vendor} did not answer within 1 s`, where, 'A retry may help'],
    });
    expect(Date.now() - started).toBeLessThan(LATE_MS);
  });

  it('SMARTe search (a request that never answers: `hang`)', async () => {
    env.sandbox.injectFault({ vendor: 'smarte', kind: 'delay', hang: true });
    await expectZapierError(run('searches', 'find_smarte_api_key', { email: 'dev.udi@smarte.pro' }, auth), {
      name: 'AppError',
      code: 'network',
      says: ['SMARTe did not answer within 1 s', 'A retry may help'],
    });
  });
});

describe('a create that gets no answer in time says the key may exist and names the find step', () => {
  it.each([
    [
      'SMASHSEND',
      'smashsend',
      'create_smashsend_api_key',
      { displayName: 'E2E Key', role: 'API_USER' },
      `POST /v1/workspaces/${WS}/api-keys`,
      'Find SMASHSEND API Key',
    ],
    [
      'SmartLead',
      'smartlead',
      'create_smartlead_client_api_key',
      { clientId: 301, keyName: 'E2E Key' },
      'POST /api/v1/client/api-key',
      'Find SmartLead Client API Key',
    ],
    [
      'SMARTe',
      'smarte',
      'create_smarte_api_key',
      { email: 'new.user@example.com' },
      'POST /signals/v1/key/createsignalapikey',
      'Find SMARTe API Key',
    ],
  ] as const)('%s', async (vendor, sandboxVendor, key, input, where, findStep) => {
    env.sandbox.injectFault({ vendor: sandboxVendor, method: 'POST', kind: 'delay', delayMs: LATE_MS });
    await expectZapierError(run('creates', key, input, auth), {
      name: 'AppError',
      code: 'network',
      says: [`${vendor} did not answer within 1 s`, where, 'The key may have been created anyway', `"${findStep}" step`],
    });
  });

  it('rotate: a create that times out stops the rotation before any delete', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'POST', kind: 'delay', hang: true });
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth), {
      name: 'AppError',
      code: 'network',
      says: ['SMASHSEND did not answer within 1 s', 'The key may have been created anyway', '"Find SMASHSEND API Key" step'],
    });
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendDelete]).toBeUndefined();
  });
});

it('the connection test waits for every vendor and names the one that timed out', async () => {
  env.sandbox.injectFault({ vendor: 'smartlead', kind: 'delay', hang: true });
  const error = await expectZapierError(testConnection(auth), {
    name: 'AppError',
    code: 'connection_test_failed',
    says: ['SmartLead did not answer within 1 s', 'A retry may help'],
  });
  expect(error.message).not.toMatch(/SMASHSEND|SMARTe/);
});

describe('a find that runs out of its step budget (KEYRING_STEP_BUDGET_MS)', () => {
  // Budget 3 s with a 2 s request timeout: no page request may start after 1 s. Page 2 is held 1.5 s, so page 3 is
  // never asked for: the step stops with a clear message instead of being killed by Zapier at 30 s.
  let restoreEnv: () => void;
  beforeEach(() => {
    restoreEnv = setEnv({ KEYRING_TIMEOUT_MS: '2000', KEYRING_STEP_BUDGET_MS: '3000' });
    env.sandbox.generateSmashsendKeys(250);
  });
  afterEach(() => {
    restoreEnv();
  });

  it('find_smashsend_api_key stops after the pages it had time for, and says what to do', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: 'startAt=', kind: 'delay', delayMs: 1500 });
    await expectZapierError(run('searches', 'find_smashsend_api_key', { displayName: 'Not There' }, auth), {
      name: 'AppError',
      code: 'time_budget',
      says: [
        'stopped paging after 2 pages / 200 API keys',
        "Zapier's 30 s step limit",
        'No key with that name is among them',
        "use the key's ID",
      ],
    });
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendList]).toBe(2);
  });
});
