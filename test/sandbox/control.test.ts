// The sandbox itself: handle shape, reset, bulk generation (10 000 SMASHSEND keys paged without loss), request
// counters, the /_sandbox info route, and close() while a hanging request holds a socket.

import { startSandbox } from '../../sandbox/server';
import { useSandbox } from '../support/sandbox';
import { SANDBOX_CREDENTIALS, SMASHSEND_SEED } from '../../sandbox/seed';
import { call, jsonInit } from '../support/net';

const smashAuth = { authorization: `Bearer ${SANDBOX_CREDENTIALS.smashsendApiKey}` };
const smarteAdmin = { 'api-key': SANDBOX_CREDENTIALS.smarteApiKey };
const keysUrl = (query = ''): string => `${env.sandbox.url}/v1/workspaces/${SANDBOX_CREDENTIALS.smashsendWorkspaceId}/api-keys${query}`;

const env = useSandbox();

it('binds to 127.0.0.1 on a free port and gives its origin as every vendor’s base URL', async () => {
  expect(env.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(env.sandbox.port).toBeGreaterThan(0);
  expect(env.sandbox.baseUrls).toEqual({ smartlead: env.sandbox.url, smashsend: env.sandbox.url, smarte: env.sandbox.url });
  expect(env.sandbox.credentials).toBe(SANDBOX_CREDENTIALS);
  for (const value of Object.values(SANDBOX_CREDENTIALS)) expect(value.length).toBeGreaterThanOrEqual(12);
  const info = await call(`${env.sandbox.url}/_sandbox`);
  expect(info.json).toEqual({
    url: env.sandbox.url,
    baseUrls: env.sandbox.baseUrls,
    credentials: SANDBOX_CREDENTIALS,
    rateLimits: { enabled: false },
  });
});

it('serves each vendor at its own paths on the origin, and answers 404 elsewhere (the old /smashsend prefix included)', async () => {
  expect((await call(`${env.sandbox.url}/v1/api-keys/check`, { headers: smashAuth })).status).toBe(200);
  expect((await call(`${env.sandbox.url}/api/v1/client/?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`)).status).toBe(200);
  expect((await call(`${env.sandbox.url}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin))).status).toBe(200);
  const old = await call(`${env.sandbox.url}/smashsend/v1/api-keys/check`, { headers: smashAuth });
  expect(old.status).toBe(404);
  expect(old.json).toEqual({
    statusCode: 404,
    error: 'Not Found',
    message:
      'No sandbox route GET /smashsend/v1/api-keys/check; the vendors answer under /v1 (SMASHSEND), /api/v1 (SmartLead), /signals/v1 (SMARTe)',
  });
  expect(env.sandbox.requestCounts().total).toBe(3); // the unknown path belongs to no vendor
});

describe('reset', () => {
  it('POST /_sandbox/reset re-seeds every vendor and clears faults and counters', async () => {
    await call(`${env.sandbox.url}/v1/workspaces/${SANDBOX_CREDENTIALS.smashsendWorkspaceId}/api-keys/aki_abc123def456`, {
      method: 'DELETE',
      headers: smashAuth,
    });
    await call(
      `${env.sandbox.url}/signals/v1/key/update`,
      jsonInit('POST', { email: 'dev.udi@smarte.pro', action: 'suspend' }, smarteAdmin),
    );
    await call(`${env.sandbox.url}/api/v1/client/api-key/45?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`, {
      method: 'DELETE',
    });
    env.sandbox.injectFault({ vendor: 'smarte', kind: 'drop', count: 3 });

    const answer = await call(`${env.sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(answer.json).toEqual({ reset: true });
    expect(env.sandbox.pendingFaults()).toEqual([]);
    expect(env.sandbox.requestCounts().total).toBe(0);

    const smash = await call(keysUrl(), { headers: smashAuth });
    expect((smash.json as { apiKeys: { items: unknown[] } }).apiKeys.items).toHaveLength(3);
    const smarte = await call(`${env.sandbox.url}/signals/v1/key/view`, jsonInit('POST', { email: 'dev.udi@smarte.pro' }, smarteAdmin));
    expect((smarte.json as { data: { status: string } }).data.status).toBe('active');
    const lead = await call(`${env.sandbox.url}/api/v1/client/api-key?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`);
    expect((lead.json as { data: unknown[] }).data).toHaveLength(3);
  });
});

describe('generate', () => {
  it('POST /_sandbox/smashsend/generate adds keys with distinct createdAt', async () => {
    const answer = await call(`${env.sandbox.url}/_sandbox/smashsend/generate`, jsonInit('POST', { count: 5 }));
    expect(answer.json).toEqual({ generated: 5, total: 8 });
    const page = (await call(keysUrl('?limit=100'), { headers: smashAuth })).json as { apiKeys: { items: { createdAt: string }[] } };
    expect(new Set(page.apiKeys.items.map((i) => i.createdAt)).size).toBe(8);
  });

  /** The generated keys' createdAt, oldest first (read through the vendor API, each key once). */
  async function createdTimes(): Promise<string[]> {
    const times: string[] = [];
    let startAt: string | null = null;
    const seen = new Set<string>();
    do {
      const query = new URLSearchParams({ limit: '100', sort: 'createdAt.asc' });
      if (startAt !== null) query.set('startAt', startAt);
      const page = (await call(keysUrl(`?${query.toString()}`), { headers: smashAuth })).json as {
        apiKeys: { items: { id: string; displayName: string; createdAt: string }[]; hasMore: boolean; startAt: string | null };
      };
      for (const item of page.apiKeys.items) {
        if (seen.has(item.id) || !item.displayName.startsWith('Generated Key')) continue;
        seen.add(item.id);
        times.push(item.createdAt);
      }
      startAt = page.apiKeys.startAt;
    } while (startAt !== null);
    return times;
  }

  it('{count, burst}: the default timeline, `burst` keys sharing each minute', async () => {
    const answer = await call(`${env.sandbox.url}/_sandbox/smashsend/generate`, jsonInit('POST', { count: 5, burst: 2 }));
    expect(answer.json).toEqual({ generated: 5, total: 8 });
    env.sandbox.generateSmashsendKeys(1); // the timeline goes on after the last minute used
    expect(await createdTimes()).toEqual([
      '2023-01-01T00:01:00.000Z',
      '2023-01-01T00:01:00.000Z',
      '2023-01-01T00:02:00.000Z',
      '2023-01-01T00:02:00.000Z',
      '2023-01-01T00:03:00.000Z',
      '2023-01-01T00:04:00.000Z',
    ]);
  });

  it('{count, from, stepMs, burst}: chosen times, bursts sharing one millisecond', async () => {
    const body = { count: 7, from: '2025-06-01T12:00:00Z', stepMs: 1, burst: 3 };
    expect((await call(`${env.sandbox.url}/_sandbox/smashsend/generate`, jsonInit('POST', body))).json).toEqual({
      generated: 7,
      total: 10,
    });
    expect(await createdTimes()).toEqual([
      ...Array(3).fill('2025-06-01T12:00:00.000Z'),
      ...Array(3).fill('2025-06-01T12:00:00.001Z'),
      '2025-06-01T12:00:00.002Z',
    ]);
  });

  it('{count, createdAt}: one burst; names keep counting across calls; every generated secret works', async () => {
    env.sandbox.generateSmashsendKeys(2);
    env.sandbox.generateSmashsendKeys(3, { createdAt: '2022-02-02T02:02:02.002Z' });
    expect(await createdTimes()).toEqual([
      ...Array(3).fill('2022-02-02T02:02:02.002Z'),
      '2023-01-01T00:01:00.000Z',
      '2023-01-01T00:02:00.000Z',
    ]);
    const page = (await call(keysUrl('?limit=100'), { headers: smashAuth })).json as { apiKeys: { items: { displayName: string }[] } };
    expect(page.apiKeys.items.map((key) => key.displayName).filter((name) => name.startsWith('Generated'))).toEqual(
      expect.arrayContaining(['Generated Key 00001', 'Generated Key 00005']),
    );
  });

  it.each([
    [{ count: 2, createdAt: '2024-01-01T00:00:00Z', from: '2024-01-01T00:00:00Z' }, 'createdAt puts every key at one instant'],
    [{ count: 2, createdAt: '2024-01-01T00:00:00Z', burst: 2 }, 'createdAt puts every key at one instant'],
    [{ count: 2, stepMs: 5 }, 'stepMs must be a whole number of milliseconds, and goes with from'],
    [{ count: 2, from: 'next week' }, 'from must be an ISO date'],
  ])('refuses %p with 400 naming the option', async (body, message) => {
    const answer = await call(`${env.sandbox.url}/_sandbox/smashsend/generate`, jsonInit('POST', body));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(message) });
    expect(() => env.sandbox.generateSmashsendKeys(2, body)).toThrow(message);
  });

  it('POST /_sandbox/smarte/generate adds standard keys', async () => {
    const answer = await call(`${env.sandbox.url}/_sandbox/smarte/generate`, jsonInit('POST', { count: 4 }));
    expect(answer.json).toEqual({ generated: 4, total: 7 });
    const view = await call(`${env.sandbox.url}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin));
    const emails = (view.json as { data: { email: string }[] }).data.map((k) => k.email);
    expect(emails.slice(-1)).toEqual(['generated.user00004@sandbox.smarte.pro']);
  });

  it.each([
    [{ count: 0 }],
    [{ count: 10_001 }],
    [{ count: 1.5 }],
    [{}],
    [{ count: 2, createdAt: 'soon' }],
    [{ count: 2, burst: 0 }],
    [{ count: 2, colour: 'red' }],
  ])('refuses %p with 400', async (body) => {
    expect((await call(`${env.sandbox.url}/_sandbox/smashsend/generate`, jsonInit('POST', body))).status).toBe(400);
  });

  it('makes 10 000 keys in one pass (nothing sorted per key) and pages through them 100 at a time, ordered once, without skipping or repeating', async () => {
    // What keeps 10 000 keys cheap is work per key that does not grow with the keys held: the listing order is built
    // on demand and kept until a change, never re-sorted per key added nor per page read. Counted, not timed.
    const sorts = jest.spyOn(Array.prototype, 'sort');
    try {
      const keySorts = (): number => sorts.mock.contexts.filter((array) => (array as unknown[]).length >= 10_000).length;
      const made = env.sandbox.generateSmashsendKeys(10_000);
      const sortsWhileGenerating = sorts.mock.calls.length; // generate runs synchronously: any sort in it is the sandbox's
      expect(made).toEqual({ generated: 10_000, total: 10_003 });
      expect(sortsWhileGenerating).toBe(0);
      const seen = new Set<string>();
      let pages = 0;
      let startAt: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '100' });
        if (startAt !== null) query.set('startAt', startAt);
        const page = (await call(keysUrl(`?${query.toString()}`), { headers: smashAuth })).json as {
          apiKeys: { items: { id: string }[]; hasMore: boolean; startAt: string | null };
        };
        pages += 1;
        for (const item of page.apiKeys.items) {
          expect(seen.has(item.id)).toBe(false);
          seen.add(item.id);
        }
        startAt = page.apiKeys.hasMore ? page.apiKeys.startAt : null;
      } while (startAt !== null);
      expect(seen.size).toBe(10_003);
      expect(pages).toBe(101);
      expect(keySorts()).toBe(1); // 101 pages, one ordering
    } finally {
      sorts.mockRestore(); // restored even when an expectation fails, or every later test would sort through the spy
    }
  });
});

describe("a key's status (as a vendor's dashboard changes it)", () => {
  it('PUT …/smashsend/api-keys/:id/status archives a key: listed ARCHIVED with a fresh updatedAt, and its secret no longer works', async () => {
    const secret = SMASHSEND_SEED.keys.find((key) => key.id === 'aki_abc123def456')?.secretKey ?? '';
    const answer = await call(
      `${env.sandbox.url}/_sandbox/smashsend/api-keys/aki_abc123def456/status`,
      jsonInit('PUT', { status: 'ARCHIVED' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: 'aki_abc123def456', status: 'ARCHIVED' });
    expect(Date.parse((answer.json as { updatedAt: string }).updatedAt)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    const check = await call(`${env.sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } });
    expect(check.status).toBe(401);
  });

  it('PUT …/smartlead/api-keys/:id/status deactivates a client key; unknown ids are 404, unknown statuses 400', async () => {
    const answer = await call(`${env.sandbox.url}/_sandbox/smartlead/api-keys/45/status`, jsonInit('PUT', { status: 'inactive' }));
    expect(answer.json).toEqual({ id: 45, status: 'inactive' });
    const list = await call(`${env.sandbox.url}/api/v1/client/api-key?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`);
    expect((list.json as { data: { id: number; status: string }[] }).data.find((key) => key.id === 45)?.status).toBe('inactive');
    expect((await call(`${env.sandbox.url}/_sandbox/smartlead/api-keys/999/status`, jsonInit('PUT', { status: 'inactive' }))).status).toBe(
      404,
    );
    expect(
      (await call(`${env.sandbox.url}/_sandbox/smashsend/api-keys/aki_nope/status`, jsonInit('PUT', { status: 'ARCHIVED' }))).status,
    ).toBe(404);
    expect((await call(`${env.sandbox.url}/_sandbox/smartlead/api-keys/45/status`, jsonInit('PUT', { status: 'gone' }))).status).toBe(400);
  });
});

describe("a key's creation time", () => {
  const smashsendCreatedAt = (id: string) => `${env.sandbox.url}/_sandbox/smashsend/api-keys/${id}/created-at`;
  const smartleadCreatedAt = (id: number | string) => `${env.sandbox.url}/_sandbox/smartlead/api-keys/${id}/created-at`;
  const newestFirst = async (query = '') =>
    (
      (await call(keysUrl(`?limit=100${query}`), { headers: smashAuth })).json as {
        apiKeys: { items: { id: string; createdAt: string }[] };
      }
    ).apiKeys.items;

  it('PUT …/smashsend/api-keys/:id/created-at re-dates a key: lists, order and the cursor follow', async () => {
    const answer = await call(smashsendCreatedAt('aki_abc123def456'), jsonInit('PUT', { createdAt: '2023-05-05T05:05:05Z' }));
    expect(answer.status).toBe(200);
    // Stored as Date.toISOString(); a key never updated keeps updatedAt equal to createdAt.
    expect(answer.json).toEqual({ id: 'aki_abc123def456', createdAt: '2023-05-05T05:05:05.000Z', updatedAt: '2023-05-05T05:05:05.000Z' });
    const items = await newestFirst();
    expect(items.map((key) => key.id)).toEqual(['aki_xyz789ghi012', 'aki_sbxadmin0001', 'aki_abc123def456']);
    expect(items[2]).toMatchObject({ createdAt: '2023-05-05T05:05:05.000Z', updatedAt: '2023-05-05T05:05:05.000Z' });
    // "Created at or before" a date 90 days after it: the re-dated key is one request away.
    expect((await newestFirst('&startAt=2023-08-03T00:00:00.000Z')).map((key) => key.id)).toEqual(['aki_abc123def456']);
  });

  it('keeps a later updatedAt of a key that was updated', async () => {
    await call(
      `${env.sandbox.url}/v1/workspaces/${SANDBOX_CREDENTIALS.smashsendWorkspaceId}/api-keys/aki_xyz789ghi012`,
      jsonInit('POST', { displayName: 'CRM Sync 2' }, smashAuth),
    );
    const before = (await newestFirst()).find((key) => key.id === 'aki_xyz789ghi012');
    expect(Date.parse(before?.createdAt ?? '')).toBe(Date.parse('2024-03-10T14:30:00Z'));
    const result = env.sandbox.setSmashsendKeyCreatedAt('aki_xyz789ghi012', '2020-01-01T00:00:00.000Z');
    expect(result.createdAt).toBe('2020-01-01T00:00:00.000Z');
    expect(Date.parse(result.updatedAt)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('PUT …/smartlead/api-keys/:id/created-at re-dates a client key', async () => {
    const answer = await call(smartleadCreatedAt(45), jsonInit('PUT', { createdAt: '2025-01-01' }));
    expect(answer.json).toEqual({ id: 45, created_at: '2025-01-01T00:00:00.000Z' });
    const list = await call(`${env.sandbox.url}/api/v1/client/api-key?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`);
    expect((list.json as { data: { id: number; created_at: string }[] }).data[0]).toMatchObject({
      id: 45,
      created_at: '2025-01-01T00:00:00.000Z',
    });
    expect(env.sandbox.setSmartleadKeyCreatedAt(47, '2024-02-29T12:00:00Z')).toEqual({ id: 47, created_at: '2024-02-29T12:00:00.000Z' });
  });

  it('re-dates a generated key too (ages over a big workspace)', async () => {
    env.sandbox.generateSmashsendKeys(300);
    const oldest = (await newestFirst('&sort=createdAt.asc'))[0];
    expect(oldest?.createdAt).toBe('2023-01-01T00:01:00.000Z');
    env.sandbox.setSmashsendKeyCreatedAt(oldest?.id ?? '', '2030-01-01T00:00:00.000Z');
    expect((await newestFirst())[0]?.id).toBe(oldest?.id);
  });

  it.each([
    [
      'an unknown SMASHSEND key',
      () => smashsendCreatedAt('aki_nope'),
      { createdAt: '2024-01-01T00:00:00Z' },
      404,
      'The sandbox has no SMASHSEND API key aki_nope',
    ],
    [
      'an unknown SmartLead key',
      () => smartleadCreatedAt(4500),
      { createdAt: '2024-01-01T00:00:00Z' },
      404,
      'The sandbox has no SmartLead client API key 4500',
    ],
    [
      'a date that is not one',
      () => smashsendCreatedAt('aki_abc123def456'),
      { createdAt: 'last year' },
      400,
      'createdAt must be an ISO date',
    ],
    ['a SmartLead date that is not one', () => smartleadCreatedAt(45), { createdAt: 'soon' }, 400, 'createdAt must be an ISO date'],
    ['no createdAt', () => smashsendCreatedAt('aki_abc123def456'), {}, 400, 'createdAt'],
    ['a non-numeric SmartLead id', () => smartleadCreatedAt('abc'), { createdAt: '2024-01-01T00:00:00Z' }, 400, 'id'],
  ])('refuses %s: the status and a message naming what is wrong', async (_label, target, body, status, message) => {
    const answer = await call(target(), jsonInit('PUT', body));
    expect(answer.status).toBe(status);
    expect((answer.json as { message: string }).message).toContain(message);
  });

  it('the handle methods throw for an unknown key or a bad date', () => {
    expect(() => env.sandbox.setSmashsendKeyCreatedAt('aki_nope', '2024-01-01T00:00:00Z')).toThrow(
      'The sandbox has no SMASHSEND API key aki_nope',
    );
    expect(() => env.sandbox.setSmartleadKeyCreatedAt(45, 'soon')).toThrow('createdAt must be an ISO date');
  });
});

describe('request counters', () => {
  it('counts vendor requests by vendor and by METHOD route, not control calls', async () => {
    await call(`${env.sandbox.url}/v1/api-keys/check`, { headers: smashAuth });
    await call(`${env.sandbox.url}/v1/api-keys/check`);
    await call(keysUrl('?limit=3'), { headers: smashAuth });
    await call(`${env.sandbox.url}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin));
    await call(`${env.sandbox.url}/api/v1/nope?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`);
    await call(`${env.sandbox.url}/_sandbox/faults`);

    const expected = {
      total: 5,
      byVendor: { smartlead: 1, smashsend: 3, smarte: 1 },
      byRoute: {
        'GET /v1/api-keys/check': 2,
        'GET /v1/workspaces/:workspaceId/api-keys': 1,
        'POST /signals/v1/key/view': 1,
        'GET /api/v1 (no route)': 1,
      },
    };
    expect(env.sandbox.requestCounts()).toEqual(expected);
    expect((await call(`${env.sandbox.url}/_sandbox/requests`)).json).toEqual(expected);

    const cleared = await call(`${env.sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
    expect(cleared.json).toEqual({ total: 0, byVendor: { smartlead: 0, smashsend: 0, smarte: 0 }, byRoute: {} });
    env.sandbox.resetRequestCounts();
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('counts faulted requests too', async () => {
    env.sandbox.injectFault({ vendor: 'smarte', kind: 'html' });
    await call(`${env.sandbox.url}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin));
    expect(env.sandbox.requestCounts().byVendor.smarte).toBe(1);
  });
});

describe('close()', () => {
  it('returns while a hang fault holds a socket open, destroying the connections instead of waiting for them, and the clients see them end', async () => {
    const other = await startSandbox({ rateLimits: false });
    other.injectFault({ vendor: 'smashsend', kind: 'delay', hang: true });
    other.injectFault({ vendor: 'smarte', kind: 'delay', delayMs: 60_000 });
    const hanging = fetch(`${other.url}/v1/api-keys/check`, { headers: smashAuth }).then(
      () => 'answered',
      () => 'rejected',
    );
    const delayed = fetch(`${other.url}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin)).then(
      () => 'answered',
      () => 'rejected',
    );
    // Both requests are held at the sandbox (counted as they arrive, before their faults play) before it closes.
    while (other.requestCounts().total < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    // close() resolves only once every connection is gone: had it waited for the requests to end, the hang would
    // never end and the 60 s delay would outlast the test's timeout (the hang guard). The clients see their
    // connections destroyed, not answered: the delay was not waited out either.
    await other.close();
    expect(await hanging).toBe('rejected');
    expect(await delayed).toBe('rejected');
    await other.close(); // a second close is harmless
    await expect(fetch(`${other.url}/_sandbox`)).rejects.toThrow();
  });
});
