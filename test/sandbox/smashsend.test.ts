// SMASHSEND in the sandbox (at the origin's /v1): check/current/me, the workspace key list with its plain-timestamp
// cursor (bursts in one millisecond included), create/update/delete, auth, validation, 403/404.

import { useSandbox } from '../support/sandbox';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { call, jsonInit } from '../support/net';

const WS = SANDBOX_CREDENTIALS.smashsendWorkspaceId;
const bearer = (secret: string = SANDBOX_CREDENTIALS.smashsendApiKey): Record<string, string> => ({
  authorization: `Bearer ${secret}`,
});
const url = (path: string): string => `${env.sandbox.url}${path}`;
const keysUrl = (query = ''): string => url(`/v1/workspaces/${WS}/api-keys${query}`);

const ZAPIER_KEY = {
  id: 'aki_abc123def456',
  displayName: 'Zapier Integration',
  role: 'API_USER',
  status: 'ACTIVE',
  secretKey: 'sk_live_abc1...',
  workspaceId: WS,
  createdAt: '2024-03-15T10:00:00Z',
  updatedAt: '2024-03-15T10:00:00Z',
};
const CRM_KEY = {
  id: 'aki_xyz789ghi012',
  displayName: 'CRM Sync',
  role: 'API_USER',
  status: 'ACTIVE',
  secretKey: 'sk_live_xyz7...',
  workspaceId: WS,
  createdAt: '2024-03-10T14:30:00Z',
  updatedAt: '2024-03-10T14:30:00Z',
};
const ADMIN_KEY = {
  id: 'aki_sbxadmin0001',
  displayName: 'Sandbox Admin Key',
  role: 'EDITOR',
  status: 'ACTIVE',
  secretKey: 'sk_live_sand...',
  workspaceId: WS,
  createdAt: '2024-03-01T09:00:00Z',
  updatedAt: '2024-03-01T09:00:00Z',
};
const UNAUTHORIZED = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Invalid API key. Please double-check and try again.',
};

interface Item {
  id: string;
  createdAt: string;
}
interface Page {
  apiKeys: { items: Item[]; hasMore: boolean; startAt: string | null };
}

const env = useSandbox();

describe('key and user endpoints', () => {
  it('GET /v1/api-keys/check describes the key used', async () => {
    const answer = await call(url('/v1/api-keys/check'), { headers: bearer() });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'SUCCEED', displayName: 'Sandbox Admin Key', role: 'EDITOR' });
    const other = await call(url('/v1/api-keys/check'), { headers: bearer('sk_live_abc123Zr8Tq2Wm6Yx4Vn9Kp3Lj7Hd5Fg') });
    expect(other.json).toEqual({ status: 'SUCCEED', displayName: 'Zapier Integration', role: 'API_USER' });
  });

  it('GET /v1/users/me gives the user and workspace', async () => {
    const answer = await call(url('/v1/users/me'), { headers: bearer() });
    expect(answer.json).toEqual({
      user: {
        id: 'usr_sbx7Qm2Lk9Pz4',
        email: 'owner@sandbox-smashsend.example',
        firstName: 'Sandra',
        lastName: 'Sender',
        workspaceId: WS,
      },
    });
  });

  it('GET /v1/api-keys/current gives the key used, with its workspace and no secret', async () => {
    const answer = await call(url('/v1/api-keys/current'), { headers: bearer() });
    const { secretKey: _secret, ...withoutSecret } = ADMIN_KEY;
    expect(answer.json).toEqual({ apiKey: withoutSecret });
    expect(withoutSecret.workspaceId).toBe(WS);
  });
});

describe('GET /v1/api-keys/current answers for whichever key is sent', () => {
  const current = (secret: string) => call(url('/v1/api-keys/current'), { headers: bearer(secret) });
  /** A key as /current shows it: every field of the list's view but the secret (not even its hint). */
  const withoutSecret = ({ secretKey: _secret, ...rest }: { secretKey: string } & Record<string, unknown>) => rest;

  it.each([
    ['Zapier Integration', 'sk_live_abc123Zr8Tq2Wm6Yx4Vn9Kp3Lj7Hd5Fg', ZAPIER_KEY],
    ['CRM Sync', 'sk_live_xyz789Bf4Gc8Nd2Me6Pa1Qs5Rt9Uv3Wx', CRM_KEY],
    ['Sandbox Admin Key', SANDBOX_CREDENTIALS.smashsendApiKey, ADMIN_KEY],
  ])('the seed key %s: its own record and workspace, no secret', async (_name, secret, key) => {
    const answer = await current(secret);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ apiKey: withoutSecret(key) });
  });

  it.each(['EDITOR', 'VIEWER', 'API_USER'])('a key made through the API with role %s, until it is deleted (then 401)', async (role) => {
    const created = await call(keysUrl(), jsonInit('POST', { displayName: `Current ${role}`, role }, bearer()));
    const { apiKey } = created.json as { apiKey: { id: string; secretKey: string; createdAt: string } };
    const answer = await current(apiKey.secretKey);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      apiKey: {
        id: apiKey.id,
        workspaceId: WS,
        displayName: `Current ${role}`,
        role,
        status: 'ACTIVE',
        createdAt: apiKey.createdAt,
        updatedAt: apiKey.createdAt,
      },
    });
    // A rename shows at once.
    await call(keysUrl(`/${apiKey.id}`), jsonInit('POST', { displayName: `Renamed ${role}` }, bearer()));
    expect(((await current(apiKey.secretKey)).json as { apiKey: { displayName: string } }).apiKey.displayName).toBe(`Renamed ${role}`);

    expect((await call(keysUrl(`/${apiKey.id}`), { method: 'DELETE', headers: bearer() })).status).toBe(200);
    const after = await current(apiKey.secretKey);
    expect(after.status).toBe(401);
    expect(after.json).toEqual(UNAUTHORIZED);
  });

  it.each([
    ['an unknown secret', 'sk_live_unknownUnknownUnknownUnknown0'],
    ['the hint a list shows', 'sk_live_abc1...'],
    ['a secret with a character missing', 'sk_live_abc123Zr8Tq2Wm6Yx4Vn9Kp3Lj7Hd5F'],
  ])('answers 401 for %s', async (_label, secret) => {
    const answer = await current(secret);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(UNAUTHORIZED);
  });
});

describe('auth', () => {
  it.each([
    ['no header', {}],
    ['a wrong key', bearer('sk_live_not_a_real_key_at_all')],
    ['no Bearer scheme', { authorization: SANDBOX_CREDENTIALS.smashsendApiKey }],
    ['a truncated secret', bearer('sk_live_sand...')],
  ])('answers 401 with the vendor body for %s', async (_label, headers) => {
    const answer = await call(url('/v1/api-keys/check'), { headers });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual(UNAUTHORIZED);
  });

  it('answers 403 for a workspace other than the key’s', async () => {
    const answer = await call(url('/v1/workspaces/wrk_someoneElse/api-keys'), { headers: bearer() });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'API key does not have access to this workspace.',
    });
  });

  it('checks the workspace before validating the request', async () => {
    const answer = await call(url('/v1/workspaces/wrk_someoneElse/api-keys?limit=500'), { headers: bearer() });
    expect(answer.status).toBe(403);
    const unauthenticated = await call(url('/v1/workspaces/wrk_someoneElse/api-keys?limit=500'));
    expect(unauthenticated.status).toBe(401);
  });

  it('lets a VIEWER key read but not write', async () => {
    const created = await call(keysUrl(), jsonInit('POST', { displayName: 'Read only', role: 'VIEWER' }, bearer()));
    const secret = (created.json as { apiKey: { secretKey: string } }).apiKey.secretKey;
    expect((await call(keysUrl(), { headers: bearer(secret) })).status).toBe(200);
    const write = await call(keysUrl(), jsonInit('POST', { displayName: 'x', role: 'VIEWER' }, bearer(secret)));
    expect(write.status).toBe(403);
    expect(write.json).toEqual({ statusCode: 403, error: 'Forbidden', message: 'API key does not have sufficient permissions.' });
  });

  it('stops accepting a key once it is deleted (the sandbox credential included)', async () => {
    const answer = await call(keysUrl('/aki_sbxadmin0001'), { method: 'DELETE', headers: bearer() });
    expect(answer.status).toBe(200);
    const after = await call(url('/v1/api-keys/check'), { headers: bearer() });
    expect(after.status).toBe(401);
    expect(after.json).toEqual(UNAUTHORIZED);
  });
});

describe('a key of another workspace', () => {
  const OTHER_WS = 'wrk_OtherSandboxWorkspace0001';
  const OTHER_SECRET = 'sk_live_otherWorkspaceSandboxKey00000001';
  const OTHER_KEY = {
    id: 'aki_sbxother0001',
    displayName: 'Other Workspace Key',
    role: 'EDITOR',
    status: 'ACTIVE',
    secretKey: 'sk_live_othe...',
    workspaceId: OTHER_WS,
    createdAt: '2024-02-20T08:00:00Z',
    updatedAt: '2024-02-20T08:00:00Z',
  };
  const NO_ACCESS = { statusCode: 403, error: 'Forbidden', message: 'API key does not have access to this workspace.' };
  const NOT_FOUND = { statusCode: 404, error: 'Not Found', message: 'API key not found.' };
  const otherKeysUrl = (rest = ''): string => url(`/v1/workspaces/${OTHER_WS}/api-keys${rest}`);

  it('is in the sandbox credentials', () => {
    expect(env.sandbox.credentials.smashsendOtherWorkspaceApiKey).toBe(OTHER_SECRET);
    expect(env.sandbox.credentials.smashsendOtherWorkspaceId).toBe(OTHER_WS);
  });

  it('authenticates: check, current (with its own workspaceId, no secret) and users/me (its workspace’s owner)', async () => {
    const check = await call(url('/v1/api-keys/check'), { headers: bearer(OTHER_SECRET) });
    expect(check.status).toBe(200);
    expect(check.json).toEqual({ status: 'SUCCEED', displayName: 'Other Workspace Key', role: 'EDITOR' });
    const current = await call(url('/v1/api-keys/current'), { headers: bearer(OTHER_SECRET) });
    expect(current.status).toBe(200);
    const { secretKey: _hint, ...withoutSecret } = OTHER_KEY;
    expect(current.json).toEqual({ apiKey: withoutSecret });
    const me = await call(url('/v1/users/me'), { headers: bearer(OTHER_SECRET) });
    expect(me.json).toEqual({
      user: { id: 'usr_sbxOther0001', email: 'owner@other-workspace.example', firstName: 'Otto', lastName: 'Other', workspaceId: OTHER_WS },
    });
  });

  it('is not in the main workspace’s list, whole or paged, nor its hint', async () => {
    const whole = await call(keysUrl('?limit=100'), { headers: bearer() });
    expect(whole.json).toEqual({ apiKeys: { items: [ZAPIER_KEY, CRM_KEY, ADMIN_KEY], hasMore: false, startAt: null } });
    env.sandbox.generateSmashsendKeys(30);
    for (const sort of ['createdAt.desc', 'createdAt.asc'] as const) {
      const { ids } = await walk(7, sort);
      expect(ids).toHaveLength(33);
      expect(ids).not.toContain(OTHER_KEY.id);
    }
    expect(JSON.stringify((await call(keysUrl('?limit=100'), { headers: bearer() })).json)).not.toContain('sk_live_othe');
  });

  it('lists, in its own workspace, only its own keys', async () => {
    const answer = await call(otherKeysUrl(), { headers: bearer(OTHER_SECRET) });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ apiKeys: { items: [OTHER_KEY], hasMore: false, startAt: null } });
    // A key it makes lands there, not in the main workspace.
    const made = await call(otherKeysUrl(), jsonInit('POST', { displayName: 'Made over there', role: 'VIEWER' }, bearer(OTHER_SECRET)));
    expect(made.status).toBe(200);
    const { apiKey } = made.json as { apiKey: { id: string; workspaceId: string; secretKey: string } };
    expect(apiKey.workspaceId).toBe(OTHER_WS);
    const theirs = (await call(otherKeysUrl(), { headers: bearer(OTHER_SECRET) })).json as Page;
    expect(theirs.apiKeys.items.map((item) => item.id)).toEqual([apiKey.id, OTHER_KEY.id]);
    const ours = (await call(keysUrl(), { headers: bearer() })).json as Page;
    expect(ours.apiKeys.items.map((item) => item.id)).toEqual([ZAPIER_KEY.id, CRM_KEY.id, ADMIN_KEY.id]);
    const current = await call(url('/v1/api-keys/current'), { headers: bearer(apiKey.secretKey) });
    expect((current.json as { apiKey: { workspaceId: string } }).apiKey.workspaceId).toBe(OTHER_WS);
  });

  it('has a workspace the main keys cannot read or write: 403, the same answer as for a workspace that does not exist', async () => {
    const attempts = [
      call(otherKeysUrl(), { headers: bearer() }),
      call(otherKeysUrl(), jsonInit('POST', { displayName: 'x', role: 'EDITOR' }, bearer())),
      call(otherKeysUrl(`/${OTHER_KEY.id}`), jsonInit('POST', { displayName: 'x' }, bearer())),
      call(otherKeysUrl(`/${OTHER_KEY.id}`), { method: 'DELETE', headers: bearer() }),
      call(url('/v1/workspaces/wrk_doesNotExist/api-keys'), { headers: bearer() }),
    ];
    for (const answer of await Promise.all(attempts)) {
      expect(answer.status).toBe(403);
      expect(answer.json).toEqual(NO_ACCESS);
    }
    // And the other key cannot reach the main workspace either.
    const back = await call(keysUrl(), { headers: bearer(OTHER_SECRET) });
    expect(back.status).toBe(403);
    expect(back.json).toEqual(NO_ACCESS);
  });

  it('is not found (404) by its id under the main workspace, and survives the attempts', async () => {
    const update = await call(keysUrl(`/${OTHER_KEY.id}`), jsonInit('POST', { displayName: 'Hijacked' }, bearer()));
    expect(update.status).toBe(404);
    expect(update.json).toEqual(NOT_FOUND);
    const remove = await call(keysUrl(`/${OTHER_KEY.id}`), { method: 'DELETE', headers: bearer() });
    expect(remove.status).toBe(404);
    expect(remove.json).toEqual(NOT_FOUND);
    const current = await call(url('/v1/api-keys/current'), { headers: bearer(OTHER_SECRET) });
    expect(current.status).toBe(200);
    expect((current.json as { apiKey: { displayName: string } }).apiKey.displayName).toBe('Other Workspace Key');
  });

  it('stops authenticating when deleted in its own workspace, and comes back with reset()', async () => {
    const remove = await call(otherKeysUrl(`/${OTHER_KEY.id}`), { method: 'DELETE', headers: bearer(OTHER_SECRET) });
    expect(remove.json).toEqual({ apiKey: OTHER_KEY, isDeleted: true });
    const after = await call(url('/v1/api-keys/current'), { headers: bearer(OTHER_SECRET) });
    expect(after.status).toBe(401);
    expect(after.json).toEqual(UNAUTHORIZED);
    // The main workspace is untouched.
    expect((await call(keysUrl(), { headers: bearer() })).json).toEqual({
      apiKeys: { items: [ZAPIER_KEY, CRM_KEY, ADMIN_KEY], hasMore: false, startAt: null },
    });
    env.sandbox.reset();
    expect((await call(url('/v1/api-keys/current'), { headers: bearer(OTHER_SECRET) })).status).toBe(200);
  });
});

describe('GET /v1/workspaces/:ws/api-keys', () => {
  it('lists the seed keys newest first, secrets truncated to 12 characters + "..."', async () => {
    const answer = await call(keysUrl(), { headers: bearer() });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ apiKeys: { items: [ZAPIER_KEY, CRM_KEY, ADMIN_KEY], hasMore: false, startAt: null } });
  });

  it('sorts oldest first with sort=createdAt.asc', async () => {
    const answer = await call(keysUrl('?sort=createdAt.asc'), { headers: bearer() });
    expect(answer.json).toEqual({ apiKeys: { items: [ADMIN_KEY, CRM_KEY, ZAPIER_KEY], hasMore: false, startAt: null } });
  });

  it('pages with limit and returns the next item’s createdAt as startAt, as Date.toISOString() writes it', async () => {
    const first = await call(keysUrl('?limit=2'), { headers: bearer() });
    expect(first.json).toEqual({ apiKeys: { items: [ZAPIER_KEY, CRM_KEY], hasMore: true, startAt: '2024-03-01T09:00:00.000Z' } });
    const second = await call(keysUrl('?limit=2&startAt=2024-03-01T09:00:00.000Z'), { headers: bearer() });
    expect(second.json).toEqual({ apiKeys: { items: [ADMIN_KEY], hasMore: false, startAt: null } });
  });

  it('defaults to 15 per page', async () => {
    env.sandbox.generateSmashsendKeys(20);
    const page = (await call(keysUrl(), { headers: bearer() })).json as Page;
    expect(page.apiKeys.items).toHaveLength(15);
    expect(page.apiKeys.hasMore).toBe(true);
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['limit=2.5'],
    ['limit=ten'],
    ['sort=name.asc'],
    ['sort=createdAt'],
    ['startAt=yesterday'],
    ['startAt=2024-13-45T99:99:99Z'],
    // The `<ISO date>~<id>` cursor this sandbox once invented: the real cursor is a plain timestamp.
    ['startAt=2024-01-01T00:00:00.000Z~aki_abc123def456'],
  ])('refuses %s with 400', async (query) => {
    const answer = await call(keysUrl(`?${query}`), { headers: bearer() });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
  });

  it('accepts limit=100 and limit=1', async () => {
    expect((await call(keysUrl('?limit=100'), { headers: bearer() })).status).toBe(200);
    expect((await call(keysUrl('?limit=1'), { headers: bearer() })).status).toBe(200);
  });
});

/**
 * Follows startAt as the official SDK does (passed back unchanged, via `new Date(startAt).toISOString()`) until
 * hasMore is false; returns every id in the order seen, repeats included. Throws if the cursor stops moving.
 */
async function walk(limit: number, sort: 'createdAt.desc' | 'createdAt.asc'): Promise<{ ids: string[]; pages: Page[] }> {
  const ids: string[] = [];
  const pages: Page[] = [];
  let startAt: string | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), sort });
    if (startAt !== null) query.set('startAt', new Date(startAt).toISOString());
    const answer = await call(keysUrl(`?${query.toString()}`), { headers: bearer() });
    expect(answer.status).toBe(200);
    const page = answer.json as Page;
    pages.push(page);
    ids.push(...page.apiKeys.items.map((item) => item.id));
    if (!page.apiKeys.hasMore) {
      expect(page.apiKeys.startAt).toBeNull();
      return { ids, pages };
    }
    if (page.apiKeys.startAt === startAt) throw new Error(`the cursor did not move past ${startAt}`);
    startAt = page.apiKeys.startAt;
    expect(startAt).toMatch(ISO_MS);
  }
}

/** What `Date.toISOString()` gives: the cursor's only form. */
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('paging across many keys', () => {
  it('visits all 253 keys exactly once, newest first, with plain ISO cursors when createdAt values differ', async () => {
    env.sandbox.generateSmashsendKeys(250);
    const { ids, pages } = await walk(100, 'createdAt.desc');
    expect(pages).toHaveLength(3);
    expect(ids).toHaveLength(253);
    expect(new Set(ids).size).toBe(253);
    const times = pages.flatMap((p) => p.apiKeys.items.map((i) => Date.parse(i.createdAt)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // Each cursor is the creation instant of the next page's first key.
    pages.slice(0, -1).forEach((page, n) => {
      expect(page.apiKeys.startAt).toMatch(ISO_MS);
      expect(Date.parse(page.apiKeys.startAt ?? '')).toBe(Date.parse(pages[n + 1]?.apiKeys.items[0]?.createdAt ?? ''));
    });
  });

  it('visits every key exactly once in ascending order too', async () => {
    env.sandbox.generateSmashsendKeys(250);
    const { ids } = await walk(100, 'createdAt.asc');
    expect(ids).toHaveLength(253);
    expect(new Set(ids).size).toBe(253);
    // Generated keys are dated 2023, so the seed keys come last, oldest first.
    expect(ids.slice(-3)).toEqual(['aki_sbxadmin0001', 'aki_xyz789ghi012', 'aki_abc123def456']);
  });

  it.each([
    [7, 'createdAt.desc', 7],
    [10, 'createdAt.desc', 9],
    [33, 'createdAt.asc', 20],
    [100, 'createdAt.asc', 99],
    [100, 'createdAt.desc', 100],
  ] as const)(
    'limit %i, %s: a burst of %i keys in one millisecond across page boundaries is repeated, never skipped',
    async (limit, sort, burst) => {
      env.sandbox.generateSmashsendKeys(45);
      env.sandbox.generateSmashsendKeys(burst, { createdAt: '2024-01-01T00:00:00.000Z' });
      env.sandbox.generateSmashsendKeys(45);
      const total = 90 + burst + 3;
      const { ids, pages } = await walk(limit, sort);
      expect(new Set(ids).size).toBe(total);
      // Only keys of a boundary millisecond come twice: those a page showed before the boundary and the next page again.
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
      const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
      const burstIds = new Set(
        pages.flatMap((p) => p.apiKeys.items.filter((i) => i.createdAt === '2024-01-01T00:00:00.000Z').map((i) => i.id)),
      );
      expect(burstIds.size).toBe(burst);
      for (const id of repeated) expect(burstIds.has(id)).toBe(true);
      expect(ids.length - total).toBe(repeated.reduce((sum, id) => sum + (counts.get(id) ?? 0) - 1, 0));
      // The boundary fell inside the burst in every case here: the cursor stopped on its instant at least once.
      expect(pages.some((p) => p.apiKeys.startAt === '2024-01-01T00:00:00.000Z')).toBe(true);
    },
  );

  it('cannot move past more than `limit` keys in one millisecond: the same page comes back', async () => {
    env.sandbox.generateSmashsendKeys(12, { createdAt: '2024-01-01T00:00:00.000Z' });
    const first = (await call(keysUrl('?limit=10&startAt=2024-01-01T00:00:00.000Z'), { headers: bearer() })).json as Page;
    expect(first.apiKeys).toMatchObject({ hasMore: true, startAt: '2024-01-01T00:00:00.000Z' });
    const again = (await call(keysUrl('?limit=10&startAt=2024-01-01T00:00:00.000Z'), { headers: bearer() })).json as Page;
    expect(again).toEqual(first);
    await expect(walk(10, 'createdAt.desc')).rejects.toThrow('the cursor did not move past 2024-01-01T00:00:00.000Z');
  });

  it('treats a hand-written ISO date as "created at or before" (desc) and "at or after" (asc), the instant included', async () => {
    const desc = await call(keysUrl(`?startAt=${encodeURIComponent('2024-03-10T14:30:00Z')}`), { headers: bearer() });
    expect((desc.json as Page).apiKeys.items.map((i) => i.id)).toEqual(['aki_xyz789ghi012', 'aki_sbxadmin0001']);
    const asc = await call(keysUrl(`?sort=createdAt.asc&startAt=2024-03-10`), { headers: bearer() });
    expect((asc.json as Page).apiKeys.items.map((i) => i.id)).toEqual(['aki_xyz789ghi012', 'aki_abc123def456']);
  });
});

describe('POST /v1/workspaces/:ws/api-keys', () => {
  it('creates a key and shows its full secret once', async () => {
    const answer = await call(keysUrl(), jsonInit('POST', { displayName: 'New Integration API Key', role: 'API_USER' }, bearer()));
    expect(answer.status).toBe(200);
    const { apiKey } = answer.json as { apiKey: { id: string; secretKey: string; createdAt: string } };
    expect(apiKey).toEqual({
      id: expect.stringMatching(/^aki_[a-z0-9]{12}$/),
      displayName: 'New Integration API Key',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
      workspaceId: WS,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: apiKey.createdAt,
    });
    const list = (await call(keysUrl('?limit=1'), { headers: bearer() })).json as Page;
    expect(list.apiKeys.items[0]).toEqual({ ...apiKey, secretKey: `${apiKey.secretKey.slice(0, 12)}...` });
    const check = await call(url('/v1/api-keys/check'), { headers: bearer(apiKey.secretKey) });
    expect(check.json).toEqual({ status: 'SUCCEED', displayName: 'New Integration API Key', role: 'API_USER' });
  });

  it('gives 20 concurrent creates 20 distinct createdAt values, which the cursor pages through 3 at a time', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => call(keysUrl(), jsonInit('POST', { displayName: `Burst ${n}`, role: 'API_USER' }, bearer()))),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    const made = answers.map((answer) => (answer.json as { apiKey: { id: string; createdAt: string; updatedAt: string } }).apiKey);
    for (const key of made) {
      expect(key.createdAt).toMatch(ISO_MS);
      expect(key.updatedAt).toBe(key.createdAt);
    }
    expect(new Set(made.map((key) => key.createdAt)).size).toBe(20);
    expect(new Set(made.map((key) => key.id)).size).toBe(20);

    // The list shows the dates create gave; with no two keys in one millisecond, no page repeats a key.
    for (const sort of ['createdAt.desc', 'createdAt.asc'] as const) {
      const { ids, pages } = await walk(3, sort);
      expect(pages).toHaveLength(8);
      expect(ids).toHaveLength(23);
      expect(new Set(ids).size).toBe(23);
      const listed = new Map(pages.flatMap((page) => page.apiKeys.items.map((item) => [item.id, item.createdAt] as const)));
      for (const key of made) expect(listed.get(key.id)).toBe(key.createdAt);
    }
  });

  it('never dates a created key at a millisecond another key holds (ties only when asked for)', async () => {
    // Keys on every millisecond of the next 10 s, as generate can make on purpose: the created key must step around them.
    env.sandbox.generateSmashsendKeys(10_000, { from: new Date().toISOString(), stepMs: 1 });
    const created = await call(keysUrl(), jsonInit('POST', { displayName: 'Among many', role: 'API_USER' }, bearer()));
    const { apiKey } = created.json as { apiKey: { id: string; createdAt: string } };
    // Oldest first from its instant: the keys created at that instant come first; the next one is later.
    const query = new URLSearchParams({ sort: 'createdAt.asc', limit: '2', startAt: apiKey.createdAt });
    const page = (await call(keysUrl(`?${query.toString()}`), { headers: bearer() })).json as Page;
    expect(page.apiKeys.items[0]).toMatchObject({ id: apiKey.id, createdAt: apiKey.createdAt });
    const next = page.apiKeys.items[1];
    if (next !== undefined) expect(Date.parse(next.createdAt)).toBeGreaterThan(Date.parse(apiKey.createdAt));
  });

  it.each([
    ['a role outside EDITOR|VIEWER|API_USER', { displayName: 'x', role: 'ADMIN' }],
    ['a lower-case role', { displayName: 'x', role: 'editor' }],
    ['no role', { displayName: 'x' }],
    ['no displayName', { role: 'EDITOR' }],
    ['an empty displayName', { displayName: '', role: 'EDITOR' }],
    ['a blank displayName', { displayName: '   ', role: 'EDITOR' }],
    ['a numeric displayName', { displayName: 5, role: 'EDITOR' }],
  ])('refuses %s with 400', async (_label, body) => {
    const answer = await call(keysUrl(), jsonInit('POST', body, bearer()));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
  });
});

describe('POST /v1/workspaces/:ws/api-keys/:id (update)', () => {
  it('renames and changes role, bumping updatedAt, secret still truncated', async () => {
    const answer = await call(
      keysUrl('/aki_abc123def456'),
      jsonInit('POST', { displayName: 'Updated Zapier Integration Key', role: 'VIEWER' }, bearer()),
    );
    expect(answer.status).toBe(200);
    const { apiKey } = answer.json as { apiKey: { updatedAt: string } };
    expect(apiKey).toEqual({ ...ZAPIER_KEY, displayName: 'Updated Zapier Integration Key', role: 'VIEWER', updatedAt: expect.any(String) });
    expect(Date.parse(apiKey.updatedAt)).toBeGreaterThan(Date.parse(ZAPIER_KEY.updatedAt));
  });

  it('returns the key unchanged for an empty update', async () => {
    const answer = await call(keysUrl('/aki_abc123def456'), jsonInit('POST', {}, bearer()));
    expect(answer.json).toEqual({ apiKey: ZAPIER_KEY });
  });

  it('refuses a bad role with 400 and answers 404 for an unknown key', async () => {
    expect((await call(keysUrl('/aki_abc123def456'), jsonInit('POST', { role: 'OWNER' }, bearer()))).status).toBe(400);
    const missing = await call(keysUrl('/aki_nope'), jsonInit('POST', { displayName: 'x' }, bearer()));
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ statusCode: 404, error: 'Not Found', message: 'API key not found.' });
  });
});

describe('DELETE /v1/workspaces/:ws/api-keys/:id', () => {
  it('returns the key with isDeleted and removes it from the list', async () => {
    const answer = await call(keysUrl('/aki_abc123def456'), { method: 'DELETE', headers: bearer() });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ apiKey: ZAPIER_KEY, isDeleted: true });
    const list = await call(keysUrl(), { headers: bearer() });
    expect(list.json).toEqual({ apiKeys: { items: [CRM_KEY, ADMIN_KEY], hasMore: false, startAt: null } });
    const again = await call(keysUrl('/aki_abc123def456'), { method: 'DELETE', headers: bearer() });
    expect(again.status).toBe(404);
  });

  it('answers 404 naming the path for an unknown route', async () => {
    const answer = await call(url('/v1/api-keys/nope'), { headers: bearer() });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /v1/api-keys/nope' });
  });
});
