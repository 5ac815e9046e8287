// The sandbox itself: handle shape, reset, bulk generation (10 000 SMASHSEND keys paged without loss), request
// counters, the /_sandbox info route, and close() while a hanging request holds a socket.

import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { call, jsonInit } from './helpers';

let sandbox: SandboxHandle;
const smashAuth = { authorization: `Bearer ${SANDBOX_CREDENTIALS.smashsendApiKey}` };
const smarteAdmin = { 'api-key': SANDBOX_CREDENTIALS.smarteApiKey };
const keysUrl = (query = ''): string =>
  `${sandbox.baseUrls.smashsend}/v1/workspaces/${SANDBOX_CREDENTIALS.smashsendWorkspaceId}/api-keys${query}`;

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimits: false });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

it('binds to 127.0.0.1 on a free port and exposes base URLs and credentials', async () => {
  expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(sandbox.port).toBeGreaterThan(0);
  expect(sandbox.baseUrls).toEqual({
    smartlead: `${sandbox.url}/smartlead`,
    smashsend: `${sandbox.url}/smashsend`,
    smarte: `${sandbox.url}/smarte`,
  });
  expect(sandbox.credentials).toBe(SANDBOX_CREDENTIALS);
  for (const value of Object.values(SANDBOX_CREDENTIALS)) expect(value.length).toBeGreaterThanOrEqual(12);
  const info = await call(`${sandbox.url}/_sandbox`);
  expect(info.json).toEqual({
    url: sandbox.url,
    baseUrls: sandbox.baseUrls,
    credentials: SANDBOX_CREDENTIALS,
    rateLimits: { enabled: false },
  });
});

it('answers 404 outside the vendor prefixes', async () => {
  const answer = await call(`${sandbox.url}/v1/api-keys/check`);
  expect(answer.status).toBe(404);
});

describe('reset', () => {
  it('POST /_sandbox/reset re-seeds every vendor and clears faults and counters', async () => {
    await call(`${sandbox.baseUrls.smashsend}/v1/workspaces/${SANDBOX_CREDENTIALS.smashsendWorkspaceId}/api-keys/aki_abc123def456`, {
      method: 'DELETE',
      headers: smashAuth,
    });
    await call(
      `${sandbox.baseUrls.smarte}/signals/v1/key/update`,
      jsonInit('POST', { email: 'dev.udi@smarte.pro', action: 'suspend' }, smarteAdmin),
    );
    await call(`${sandbox.baseUrls.smartlead}/api/v1/client/api-key/45?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`, {
      method: 'DELETE',
    });
    sandbox.injectFault({ vendor: 'smarte', kind: 'drop', count: 3 });

    const answer = await call(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    expect(answer.json).toEqual({ reset: true });
    expect(sandbox.pendingFaults()).toEqual([]);
    expect(sandbox.requestCounts().total).toBe(0);

    const smash = await call(keysUrl(), { headers: smashAuth });
    expect((smash.json as { apiKeys: { items: unknown[] } }).apiKeys.items).toHaveLength(3);
    const smarte = await call(
      `${sandbox.baseUrls.smarte}/signals/v1/key/view`,
      jsonInit('POST', { email: 'dev.udi@smarte.pro' }, smarteAdmin),
    );
    expect((smarte.json as { data: { status: string } }).data.status).toBe('active');
    const lead = await call(`${sandbox.baseUrls.smartlead}/api/v1/client/api-key?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`);
    expect((lead.json as { data: unknown[] }).data).toHaveLength(3);
  });
});

describe('generate', () => {
  it('POST /_sandbox/smashsend/generate adds keys with distinct createdAt', async () => {
    const answer = await call(`${sandbox.url}/_sandbox/smashsend/generate`, jsonInit('POST', { count: 5 }));
    expect(answer.json).toEqual({ generated: 5, total: 8 });
    const page = (await call(keysUrl('?limit=100'), { headers: smashAuth })).json as { apiKeys: { items: { createdAt: string }[] } };
    expect(new Set(page.apiKeys.items.map((i) => i.createdAt)).size).toBe(8);
  });

  it('POST /_sandbox/smarte/generate adds standard keys', async () => {
    const answer = await call(`${sandbox.url}/_sandbox/smarte/generate`, jsonInit('POST', { count: 4 }));
    expect(answer.json).toEqual({ generated: 4, total: 7 });
    const view = await call(`${sandbox.baseUrls.smarte}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin));
    const emails = (view.json as { data: { email: string }[] }).data.map((k) => k.email);
    expect(emails.slice(-1)).toEqual(['generated.user00004@sandbox.smarte.pro']);
  });

  it.each([[{ count: 0 }], [{ count: 10_001 }], [{ count: 1.5 }], [{}], [{ count: 2, createdAt: 'soon' }]])(
    'refuses %p with 400',
    async (body) => {
      expect((await call(`${sandbox.url}/_sandbox/smashsend/generate`, jsonInit('POST', body))).status).toBe(400);
    },
  );

  it('pages through 10 000 generated keys 100 at a time without skipping or repeating', async () => {
    expect(sandbox.generateSmashsendKeys(10_000)).toEqual({ generated: 10_000, total: 10_003 });
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
  });
});

describe('request counters', () => {
  it('counts vendor requests by vendor and by METHOD route, not control calls', async () => {
    await call(`${sandbox.baseUrls.smashsend}/v1/api-keys/check`, { headers: smashAuth });
    await call(`${sandbox.baseUrls.smashsend}/v1/api-keys/check`);
    await call(keysUrl('?limit=3'), { headers: smashAuth });
    await call(`${sandbox.baseUrls.smarte}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin));
    await call(`${sandbox.baseUrls.smartlead}/api/v1/nope?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`);
    await call(`${sandbox.url}/_sandbox/faults`);

    const expected = {
      total: 5,
      byVendor: { smartlead: 1, smashsend: 3, smarte: 1 },
      byRoute: {
        'GET /smashsend/v1/api-keys/check': 2,
        'GET /smashsend/v1/workspaces/:workspaceId/api-keys': 1,
        'POST /smarte/signals/v1/key/view': 1,
        'GET /smartlead (no route)': 1,
      },
    };
    expect(sandbox.requestCounts()).toEqual(expected);
    expect((await call(`${sandbox.url}/_sandbox/requests`)).json).toEqual(expected);

    const cleared = await call(`${sandbox.url}/_sandbox/requests`, { method: 'DELETE' });
    expect(cleared.json).toEqual({ total: 0, byVendor: { smartlead: 0, smashsend: 0, smarte: 0 }, byRoute: {} });
    sandbox.resetRequestCounts();
    expect(sandbox.requestCounts().total).toBe(0);
  });

  it('counts faulted requests too', async () => {
    sandbox.injectFault({ vendor: 'smarte', kind: 'html' });
    await call(`${sandbox.baseUrls.smarte}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin));
    expect(sandbox.requestCounts().byVendor.smarte).toBe(1);
  });
});

describe('close()', () => {
  it('returns promptly while a hang fault holds a socket open, and the client sees the connection end', async () => {
    const other = await startSandbox({ rateLimits: false });
    other.injectFault({ vendor: 'smashsend', kind: 'delay', hang: true });
    other.injectFault({ vendor: 'smarte', kind: 'delay', delayMs: 60_000 });
    const hanging = fetch(`${other.baseUrls.smashsend}/v1/api-keys/check`, { headers: smashAuth }).then(
      () => 'answered',
      () => 'rejected',
    );
    const delayed = fetch(`${other.baseUrls.smarte}/signals/v1/key/view`, jsonInit('POST', {}, smarteAdmin)).then(
      () => 'answered',
      () => 'rejected',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await hanging).toBe('rejected');
    expect(await delayed).toBe('rejected');
    await other.close(); // a second close is harmless
    await expect(fetch(`${other.url}/_sandbox`)).rejects.toThrow();
  });
});
