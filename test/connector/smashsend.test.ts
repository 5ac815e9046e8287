// SmashsendClient on the docs' sample answers: the exact request SMASHSEND receives (through the default fetch
// transport), workspace discovery, cursor paging, and exactly what the caller gets back.

import { AuthError, BadResponseError, SmashsendClient, type SmashsendApiKey } from '@keyring/connector';
import * as fx from '../fixtures/smashsend';
import {
  SMASHSEND_KEY,
  answer,
  collect,
  describeError,
  fakeTransport,
  failure,
  vendorAnswers,
  type SeenRequest,
} from '../support/connector';
import { useNock } from '../support/nock';
import { SMASHSEND } from '../support/vendors';

useNock();

const WS = fx.WORKSPACE_ID;
const keysPath = `/v1/workspaces/${WS}/api-keys`;
const keyPath = `${keysPath}/aki_abc123def456`;
const client = () => new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS });

/** SMASHSEND's key travels as a Bearer token only; a JSON content type only with a body. */
function expectHeaders(request: SeenRequest, withBody: boolean): void {
  expect(request.headers.authorization).toBe(`Bearer ${SMASHSEND_KEY}`);
  expect(request.headers.accept).toBe('application/json');
  expect(request.headers).not.toHaveProperty('api-key');
  expect(request.query).toEqual(expect.not.objectContaining({ api_key: expect.anything() }));
  if (withBody) expect(request.headers['content-type']).toBe('application/json');
  else expect(request.headers).not.toHaveProperty('content-type');
}

describe('SmashsendClient.checkApiKey', () => {
  it('given status SUCCEED, returns the key name and role', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/check', { status: 200, body: fx.checkOk });
    expect(await client().checkApiKey()).toEqual(fx.checkOk);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v1/api-keys/check', query: {}, body: undefined });
    expectHeaders(seen[0], false);
  });

  it('given a 200 whose status is not SUCCEED, fails with AuthError', async () => {
    vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/check', { status: 200, body: { status: 'FAILED' } });
    const error = await failure(client().checkApiKey(), AuthError);
    expect(describeError(error)).toEqual({ kind: 'auth', vendor: 'SMASHSEND', status: 200, method: 'GET', path: '/v1/api-keys/check' });
    expect(error.message).toBe('SMASHSEND did not accept the API key (GET /v1/api-keys/check answered status "FAILED").');
    expect(error.retryable).toBe(false);
  });
});

describe('SmashsendClient.workspaceId', () => {
  it('given a workspaceId option, returns it without any request', async () => {
    const fake = fakeTransport();
    expect(await new SmashsendClient(SMASHSEND_KEY, { workspaceId: ` ${WS} `, transport: fake.transport }).workspaceId()).toBe(WS);
    expect(fake.requests).toEqual([]);
  });

  it('discovers it from GET /v1/api-keys/current (the official SDK’s call)', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/current', { status: 200, body: fx.currentKey });
    expect(await new SmashsendClient(SMASHSEND_KEY).workspaceId()).toBe(WS);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v1/api-keys/current', query: {}, body: undefined });
    expectHeaders(seen[0], false);
  });

  it('falls back to GET /v1/users/me when /v1/api-keys/current answers 404', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/current', {
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: 'Cannot GET /v1/api-keys/current' },
    });
    vendorAnswers(SMASHSEND, 'GET', '/v1/users/me', { status: 200, body: fx.usersMe }, seen);
    expect(await new SmashsendClient(SMASHSEND_KEY).workspaceId()).toBe(WS);
    expect(seen.map((r) => r.path)).toEqual(['/v1/api-keys/current', '/v1/users/me']);
    expectHeaders(seen[1], false);
  });

  it.each([
    ['no apiKey', { id: 'aki_1' }],
    ['a key without workspaceId', { apiKey: { id: 'aki_1' } }],
    ['a workspaceId that is not an id', { apiKey: { workspaceId: '../wrk_other' } }],
    ['HTML', '<html>login</html>'],
  ])('falls back to GET /v1/users/me when /v1/api-keys/current answers %s', async (_name, body) => {
    const seen = vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/current', { status: 200, body });
    vendorAnswers(SMASHSEND, 'GET', '/v1/users/me', { status: 200, body: fx.usersMe }, seen);
    expect(await new SmashsendClient(SMASHSEND_KEY).workspaceId()).toBe(WS);
    expect(seen.map((r) => r.path)).toEqual(['/v1/api-keys/current', '/v1/users/me']);
  });

  it('does not fall back on 401: the key is bad', async () => {
    const fake = fakeTransport(answer(401, fx.error401));
    const error = await failure(new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport }).workspaceId(), AuthError);
    expect(error.path).toBe('/v1/api-keys/current');
    expect(fake.requests.map((r) => r.url)).toEqual([`${SMASHSEND}/v1/api-keys/current`]);
  });

  it('fails with BadResponseError when neither endpoint gives a workspace', async () => {
    const fake = fakeTransport(answer(404, fx.error401), answer(200, { user: { id: 'usr_1' } }));
    const error = await failure(new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport }).workspaceId(), BadResponseError);
    expect(error.reason).toBe('shape');
    expect(error.path).toBe('/v1/users/me');
    expect(error.message).toBe('SMASHSEND sent an unexpected response (200 on GET /v1/users/me): user.workspaceId is missing.');
  });

  it('is cached: a second call (and the calls that need it) make no new discovery request', async () => {
    const fake = fakeTransport(answer(200, fx.currentKey), answer(200, fx.listPage));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    expect(await smashsend.workspaceId()).toBe(WS);
    expect(await smashsend.workspaceId()).toBe(WS);
    await smashsend.listApiKeys();
    expect(fake.requests.map((r) => r.url)).toEqual([`${SMASHSEND}/v1/api-keys/current`, `${SMASHSEND}${keysPath}`]);
  });

  it('is discovered once for concurrent calls', async () => {
    const fake = fakeTransport(answer(200, fx.currentKey), answer(200, fx.listPage), answer(200, fx.listPage));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    await Promise.all([smashsend.listApiKeys(), smashsend.listApiKeys()]);
    expect(fake.requests.map((r) => r.url)).toEqual([
      `${SMASHSEND}/v1/api-keys/current`,
      `${SMASHSEND}${keysPath}`,
      `${SMASHSEND}${keysPath}`,
    ]);
  });

  it('is not cached after a failure: a later call tries again', async () => {
    const fake = fakeTransport(answer(401, fx.error401), answer(200, fx.currentKey));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    await failure(smashsend.workspaceId(), AuthError);
    expect(await smashsend.workspaceId()).toBe(WS);
    expect(fake.requests).toHaveLength(2);
  });
});

describe('SmashsendClient.listApiKeys', () => {
  it('given the docs page, returns its items, hasMore and cursor', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: fx.listPage });
    expect(await client().listApiKeys()).toEqual({ items: fx.listPage.apiKeys.items, hasMore: false, startAt: null });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: keysPath, query: {}, body: undefined });
    expectHeaders(seen[0], false);
  });

  it.each([
    ['limit', { limit: 100 }, { limit: '100' }],
    ['sort', { sort: 'createdAt.asc' as const }, { sort: 'createdAt.asc' }],
    ['startAt', { startAt: '2024-03-10T14:30:00Z' }, { startAt: '2024-03-10T14:30:00Z' }],
    [
      'all three',
      { limit: 1, sort: 'createdAt.desc' as const, startAt: '2024-03-10T14:30:00Z' },
      { limit: '1', sort: 'createdAt.desc', startAt: '2024-03-10T14:30:00Z' },
    ],
  ])('sends %s in the query', async (_name, options, query) => {
    const seen = vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: fx.listPage });
    await client().listApiKeys(options);
    expect(seen[0].query).toEqual(query);
  });

  it('given hasMore and a cursor, returns them', async () => {
    vendorAnswers(SMASHSEND, 'GET', keysPath, {
      status: 200,
      body: { apiKeys: { ...fx.listPage.apiKeys, hasMore: true, startAt: '2024-03-10T14:30:00Z' } },
    });
    expect(await client().listApiKeys({ limit: 2 })).toEqual({
      items: fx.listPage.apiKeys.items,
      hasMore: true,
      startAt: '2024-03-10T14:30:00Z',
    });
  });

  it('given a page without hasMore and startAt, reads it as the last page', async () => {
    vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: { apiKeys: { items: [] } } });
    expect(await client().listApiKeys()).toEqual({ items: [], hasMore: false, startAt: null });
  });
});

/** A key numbered n, and a page of such keys with the given paging fields. */
function keyNumber(n: number): SmashsendApiKey {
  return {
    ...fx.listPage.apiKeys.items[0],
    id: `aki_${n}`,
    displayName: `Key ${n}`,
    createdAt: `2024-03-${String(20 - n).padStart(2, '0')}T10:00:00Z`,
  };
}
function page(numbers: number[], hasMore: boolean, startAt: string | null) {
  return { apiKeys: { items: numbers.map(keyNumber), hasMore, startAt } };
}

describe('SmashsendClient.pages and allApiKeys', () => {
  it('follow the startAt cursor across 3 pages, asking 100 a page', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: page([1, 2], true, 'cursor-1') });
    vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: page([3, 4], true, 'cursor-2') }, seen);
    vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: page([5], false, null) }, seen);
    const pages = await collect(client().pages());
    expect(pages).toEqual([
      { items: [keyNumber(1), keyNumber(2)], hasMore: true, startAt: 'cursor-1' },
      { items: [keyNumber(3), keyNumber(4)], hasMore: true, startAt: 'cursor-2' },
      { items: [keyNumber(5)], hasMore: false, startAt: null },
    ]);
    expect(seen.map((r) => r.query)).toEqual([
      { limit: '100' },
      { limit: '100', startAt: 'cursor-1' },
      { limit: '100', startAt: 'cursor-2' },
    ]);
    for (const request of seen) expect(request.path).toBe(keysPath);
  });

  it('allApiKeys yields every key of every page, keeping the caller’s limit and sort', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: page([1, 2], true, 'cursor-1') });
    vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: page([3, 4], true, 'cursor-2') }, seen);
    vendorAnswers(SMASHSEND, 'GET', keysPath, { status: 200, body: page([5], false, null) }, seen);
    const keys = await collect(client().allApiKeys({ limit: 2, sort: 'createdAt.asc' }));
    expect(keys.map((k) => k.id)).toEqual(['aki_1', 'aki_2', 'aki_3', 'aki_4', 'aki_5']);
    expect(seen.map((r) => r.query)).toEqual([
      { limit: '2', sort: 'createdAt.asc' },
      { limit: '2', sort: 'createdAt.asc', startAt: 'cursor-1' },
      { limit: '2', sort: 'createdAt.asc', startAt: 'cursor-2' },
    ]);
  });

  it('a single last page makes a single request', async () => {
    const fake = fakeTransport(answer(200, fx.listPage));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    expect(await collect(smashsend.allApiKeys())).toEqual(fx.listPage.apiKeys.items);
    expect(fake.requests).toHaveLength(1);
  });

  // An omitted option and an option set to undefined should mean the same: 100 keys a page.
  it('asks 100 a page when limit is given as undefined', async () => {
    const fake = fakeTransport(answer(200, fx.listPage));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    await collect(smashsend.pages({ limit: undefined, sort: undefined }));
    expect(fake.requests[0].query).toEqual({ limit: '100' });
  });

  it('given hasMore: true with a null cursor, stops after that page with BadResponseError', async () => {
    const fake = fakeTransport(answer(200, page([1], true, null)), answer(200, page([2], false, null)));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const received: string[] = [];
    const error = await failure(
      (async () => {
        for await (const key of smashsend.allApiKeys()) received.push(key.id);
      })(),
      BadResponseError,
    );
    expect(received).toEqual(['aki_1']);
    expect(fake.requests).toHaveLength(1);
    expect(error.reason).toBe('cursor');
    expect(describeError(error)).toEqual({ kind: 'bad_response', vendor: 'SMASHSEND', status: 200, method: 'GET', path: keysPath });
    expect(error.message).toBe('SMASHSEND said more API keys follow but gave no new startAt cursor; stopped paging to avoid a loop.');
  });

  it('given hasMore: true with no startAt at all, stops with BadResponseError', async () => {
    const fake = fakeTransport(answer(200, { apiKeys: { items: [keyNumber(1)], hasMore: true } }));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    await failure(collect(smashsend.pages()), BadResponseError);
    expect(fake.requests).toHaveLength(1);
  });

  it('given a cursor it already followed, stops with BadResponseError instead of looping', async () => {
    const fake = fakeTransport(
      answer(200, page([1], true, 'cursor-1')),
      answer(200, page([2], true, 'cursor-2')),
      answer(200, page([3], true, 'cursor-1')),
      answer(200, page([4], false, null)),
    );
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const error = await failure(collect(smashsend.pages()), BadResponseError);
    expect(error.reason).toBe('cursor');
    expect(fake.requests.map((r) => r.query)).toEqual([
      { limit: '100' },
      { limit: '100', startAt: 'cursor-1' },
      { limit: '100', startAt: 'cursor-2' },
    ]);
  });

  it('given the same cursor twice in a row, stops after the second page', async () => {
    const fake = fakeTransport(
      answer(200, page([1], true, 'cursor-1')),
      answer(200, page([2], true, 'cursor-1')),
      answer(200, page([3], false, null)),
    );
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    await failure(collect(smashsend.pages()), BadResponseError);
    expect(fake.requests).toHaveLength(2);
  });
});

describe('SmashsendClient.createApiKey', () => {
  it('posts {displayName, role} as JSON and returns the new key with its full secret', async () => {
    const seen = vendorAnswers(SMASHSEND, 'POST', keysPath, { status: 200, body: fx.created });
    expect(await client().createApiKey({ displayName: 'New Integration API Key', role: 'API_USER' })).toEqual(fx.created.apiKey);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: keysPath, query: {} });
    expect(seen[0].body).toEqual({ displayName: 'New Integration API Key', role: 'API_USER' });
    expectHeaders(seen[0], true);
  });

  it('sends the role in its canonical spelling and the name trimmed', async () => {
    const seen = vendorAnswers(SMASHSEND, 'POST', keysPath, { status: 201, body: fx.created });
    await client().createApiKey({ displayName: '  New Integration API Key ', role: 'viewer' });
    expect(seen[0].body).toEqual({ displayName: 'New Integration API Key', role: 'VIEWER' });
  });

  it('discovers the workspace first when none was given', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/current', { status: 200, body: fx.currentKey });
    vendorAnswers(SMASHSEND, 'POST', keysPath, { status: 200, body: fx.created }, seen);
    await new SmashsendClient(SMASHSEND_KEY).createApiKey({ displayName: 'New Integration API Key', role: 'API_USER' });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/api-keys/current', `POST ${keysPath}`]);
  });

  it('given an answer without secretKey, says the key may exist with an unknown value', async () => {
    const { secretKey: _dropped, ...withoutSecret } = fx.created.apiKey;
    vendorAnswers(SMASHSEND, 'POST', keysPath, { status: 200, body: { apiKey: withoutSecret } });
    const error = await failure(client().createApiKey({ displayName: 'New Integration API Key', role: 'API_USER' }), BadResponseError);
    expect(error.reason).toBe('missing_secret');
    expect(error.message).toBe(`SMASHSEND answered without secretKey, the value of the new API key (200 on POST ${keysPath}).`);
  });
});

describe('SmashsendClient.updateApiKey', () => {
  it.each([
    ['displayName only', { displayName: 'Updated Zapier Integration Key' }, { displayName: 'Updated Zapier Integration Key' }],
    ['role only', { role: 'editor' }, { role: 'EDITOR' }],
    ['both', { displayName: ' Renamed ', role: 'API_USER' }, { displayName: 'Renamed', role: 'API_USER' }],
    ['a blank name with a role (name left out)', { displayName: ' ', role: 'VIEWER' }, { role: 'VIEWER' }],
  ])('posts %s to /api-keys/{id} and returns the updated key', async (_name, changes, body) => {
    const seen = vendorAnswers(SMASHSEND, 'POST', keyPath, { status: 200, body: fx.updated });
    expect(await client().updateApiKey('aki_abc123def456', changes)).toEqual(fx.updated.apiKey);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: keyPath, query: {} });
    expect(seen[0].body).toEqual(body);
    expectHeaders(seen[0], true);
  });
});

describe('SmashsendClient.deleteApiKey', () => {
  it('deletes /api-keys/{id} with no body and returns the key with isDeleted', async () => {
    const seen = vendorAnswers(SMASHSEND, 'DELETE', keyPath, { status: 200, body: fx.deleted });
    expect(await client().deleteApiKey('aki_abc123def456')).toEqual({ ...fx.deleted.apiKey, isDeleted: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'DELETE', path: keyPath, query: {}, body: undefined });
    expectHeaders(seen[0], false);
  });

  it('given an answer without isDeleted, reports isDeleted: true', async () => {
    vendorAnswers(SMASHSEND, 'DELETE', keyPath, { status: 200, body: { apiKey: fx.deleted.apiKey } });
    expect(await client().deleteApiKey('aki_abc123def456')).toEqual({ ...fx.deleted.apiKey, isDeleted: true });
  });

  it('given isDeleted: false, passes it on', async () => {
    vendorAnswers(SMASHSEND, 'DELETE', keyPath, { status: 200, body: { ...fx.deleted, isDeleted: false } });
    expect(await client().deleteApiKey('aki_abc123def456')).toEqual({ ...fx.deleted.apiKey, isDeleted: false });
  });
});

describe('SmashsendClient and its transport', () => {
  it('hands the transport the absolute URL, only the Bearer header, no query, the body and the timeout', async () => {
    const fake = fakeTransport(answer(200, fx.checkOk), answer(200, fx.updated), answer(200, fx.deleted));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport, timeoutMs: 5000 });
    await smashsend.checkApiKey();
    await smashsend.updateApiKey('aki_abc123def456', { displayName: 'Renamed' });
    await smashsend.deleteApiKey('aki_abc123def456');
    const headers = { authorization: `Bearer ${SMASHSEND_KEY}` };
    expect(fake.requests).toEqual([
      { method: 'GET', url: `${SMASHSEND}/v1/api-keys/check`, query: {}, headers, body: undefined, timeoutMs: 5000 },
      { method: 'POST', url: `${SMASHSEND}${keyPath}`, query: {}, headers, body: { displayName: 'Renamed' }, timeoutMs: 5000 },
      { method: 'DELETE', url: `${SMASHSEND}${keyPath}`, query: {}, headers, body: undefined, timeoutMs: 5000 },
    ]);
  });
});
