// End to end: SMASHSEND paging across more than 100 keys, through the app against the sandbox (whose cursor is the
// vendor's plain timestamp; a page boundary inside one millisecond repeats keys, see sandbox/README.md). It holds the
// 3 seed keys (2024) plus 250 generated ones ("Generated Key 00001" … "00250", one minute apart from 2023-01-01), so
// newest first: page 1 = 3 seed keys + 00250…00154, page 2 = 00153…00054, page 3 = 00053…00001.

import { forgetRememberedKeys } from '../../lib/clients';
import { run, type Auth } from '../support/app';
import { expectZapierError } from '../support/outcome';
import { ROUTE, sandboxAuth, useSandbox } from '../support/sandbox';

const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
  forgetRememberedKeys(); // a cold container: a rotation asks GET /v1/api-keys/current (counted below)
  expect(env.sandbox.generateSmashsendKeys(250)).toEqual({ generated: 250, total: 253 });
  env.sandbox.resetRequestCounts();
});

const generatedName = (n: number) => `Generated Key ${String(n).padStart(5, '0')}`;
const generatedAt = (n: number) => new Date(Date.parse('2023-01-01T00:00:00.000Z') + n * 60_000).toISOString();
/** Generated keys from..to (inclusive), counting down. */
const namesDown = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => generatedName(from - i));
const names = (keys: unknown) => (keys as Array<{ displayName: string }>).map((key) => key.displayName);
const listCalls = () => env.sandbox.requestCounts().byRoute[ROUTE.smashsendList] ?? 0;

describe('new_smashsend_api_key with 253 keys', () => {
  it('makes exactly one list request, with limit=100, and returns the newest 100, newest first', async () => {
    // A zero-length delay fault that only a request carrying limit=100 can use up proves the query the app sent.
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: 'limit=100', kind: 'delay', delayMs: 0 });
    const result = (await run('triggers', 'new_smashsend_api_key', {}, auth)) as Array<Record<string, string>>;
    expect(env.sandbox.pendingFaults()).toEqual([]);
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendList]: 1 });
    expect(result).toHaveLength(100);
    expect(names(result)).toEqual(['Zapier Integration', 'CRM Sync', 'Sandbox Admin Key', ...namesDown(250, 154)]);
    expect(new Set(result.map((key) => key.id)).size).toBe(100);
    expect(result.every((key) => /^sk_live_.{4}\.\.\.$/.test(key.secretKey))).toBe(true);
  });
});

describe('find_smashsend_api_key across pages', () => {
  it('finds a key on page 3 after exactly 3 list requests, following the startAt cursor', async () => {
    const found = await run('searches', 'find_smashsend_api_key', { displayName: 'generated key 00020' }, auth);
    expect(found).toEqual([
      {
        id: expect.stringMatching(/^aki_[a-z0-9]{12}$/),
        displayName: generatedName(20),
        role: 'API_USER',
        status: 'ACTIVE',
        secretKey: expect.stringMatching(/^sk_live_.{4}\.\.\.$/),
        workspaceId: env.sandbox.credentials.smashsendWorkspaceId,
        createdAt: generatedAt(20),
        updatedAt: generatedAt(20),
      },
    ]);
    expect(listCalls()).toBe(3);
  });

  it('stops at the page with the match (page 2: 2 requests)', async () => {
    expect(names(await run('searches', 'find_smashsend_api_key', { displayName: generatedName(100) }, auth))).toEqual([generatedName(100)]);
    expect(listCalls()).toBe(2);
  });

  it('reads all 3 pages for a name that is nowhere, and returns []', async () => {
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'Not There' }, auth)).toEqual([]);
    expect(listCalls()).toBe(3);
  });
});

describe('smashsend_api_key_list (dropdown) pages', () => {
  it.each([
    [0, ['Zapier Integration', 'CRM Sync', 'Sandbox Admin Key', ...namesDown(250, 154)], 1],
    [1, namesDown(153, 54), 2],
    [2, namesDown(53, 1), 3],
    [3, [], 3],
  ])('page %i holds the right keys, reached with the right number of list requests', async (page, expected, requests) => {
    expect(names(await run('triggers', 'smashsend_api_key_list', {}, auth, { page }))).toEqual(expected);
    expect(listCalls()).toBe(requests);
  });

  it('stops with a clear error, never a loop or a silent gap, when more keys share one millisecond than a page holds', async () => {
    // The real cursor is a plain timestamp: 250 keys created in one millisecond cannot be paged 100 at a time (the
    // sandbox serves the same page again). Page 0 still shows the newest 100 (3 seed keys + 97 of the burst).
    env.sandbox.reset();
    env.sandbox.generateSmashsendKeys(250, { createdAt: '2023-06-01T00:00:00.000Z' });
    const first = (await run('triggers', 'smashsend_api_key_list', {}, auth, { page: 0 })) as Array<{ id: string }>;
    expect(first).toHaveLength(100);
    expect(new Set(first.map((key) => key.id)).size).toBe(100);
    env.sandbox.resetRequestCounts();
    // Page 2 needs the walk to move past the burst, which it cannot: 3 requests at most, then an error naming the vendor.
    await expectZapierError(run('triggers', 'smashsend_api_key_list', {}, auth, { page: 2 }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [
        'more keys were created at 2023-06-01T00:00:00.000Z than one page of 100 holds',
        'to avoid a loop or a gap',
        'contact SMASHSEND support',
      ],
    });
    expect(listCalls()).toBeLessThanOrEqual(3);
  });
});

describe('rotate_smashsend_api_key of a key on page 3', () => {
  it('finds the old key through the cursor, replaces it and deletes it', async () => {
    const [old] = (await run('searches', 'find_smashsend_api_key', { displayName: generatedName(7) }, auth)) as Array<{ id: string }>;
    env.sandbox.resetRequestCounts();
    const rotated = await run('creates', 'rotate_smashsend_api_key', { apiKeyId: old.id }, auth);
    expect(rotated).toMatchObject({
      displayName: generatedName(7),
      role: 'API_USER',
      replacedKeyId: old.id,
      oldKeyDeleted: true,
      newKeyVerified: true,
      warning: '',
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({
      [ROUTE.smashsendList]: 3,
      [ROUTE.smashsendCurrent]: 1, // is the old key the connection's own? (no: it is deleted)
      [ROUTE.smashsendCreate]: 1,
      [ROUTE.smashsendCheck]: 1, // the new key, checked with its own secret before the delete
      [ROUTE.smashsendDelete]: 1,
    });
    // The replacement is the newest key now; the old one is nowhere.
    const found = (await run('searches', 'find_smashsend_api_key', { displayName: generatedName(7) }, auth)) as Array<{ id: string }>;
    expect(found.map((key) => key.id)).toEqual([(rotated as { id: string }).id]);
    expect(listCalls()).toBe(4); // 3 for the rotation, 1 for this find (the new key is on page 1)
  });
});
