// SmashsendClient on the docs' sample answers: the exact request SMASHSEND receives (through the default fetch
// transport), workspace discovery, cursor paging, and exactly what the caller gets back. And the key the client
// authenticates with: GET /v1/api-keys/current asked at most once per client (shared with the workspace discovery), and
// a delete or a role change refused for that key before any write unless allowConnectionKey.

import {
  AuthError,
  BadResponseError,
  ConnectionKeyError,
  ConnectorError,
  NetworkError,
  RateLimitError,
  ServerError,
  SmashsendClient,
  type SmashsendApiKey,
  type TransportResponse,
} from '@keyring/connector';
import * as fx from '../fixtures/smashsend';
import {
  SMASHSEND_KEY,
  answer,
  collect,
  describeError,
  fakeTransport,
  failure,
  vendorAnswers,
  type FakeTransport,
  type SeenRequest,
} from '../support/connector';
import { useNock } from '../support/nock';
import { SMASHSEND } from '../support/vendors';

useNock();

const WS = fx.WORKSPACE_ID;
const { CONNECTION_KEY_ID } = fx;
type ErrorClass = abstract new (...args: never[]) => ConnectorError;
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

  // A step that asks two vendors at once starts both calls in one tick: with the id known, the SMASHSEND request is
  // handed to the transport before the call returns (awaiting the known id let the other vendor's request go first).
  it.each([
    ['listApiKeys', (c: SmashsendClient) => c.listApiKeys(), 'GET', keysPath],
    ['createApiKey', (c: SmashsendClient) => c.createApiKey({ displayName: 'n', role: 'EDITOR' }), 'POST', keysPath],
    ['updateApiKey (a rename)', (c: SmashsendClient) => c.updateApiKey('aki_abc123def456', { displayName: 'n' }), 'POST', keyPath],
    [
      'deleteApiKey (its own-key answer given)',
      (c: SmashsendClient) => c.deleteApiKey('aki_abc123def456', { allowConnectionKey: true, connectionKey: false }),
      'DELETE',
      keyPath,
    ],
  ])('with the workspace id known, %s sends its request before it returns', async (_name, call, method, path) => {
    const given = fakeTransport(answer(200, {}));
    const pending = call(new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: given.transport })).catch(() => undefined);
    expect(given.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`${method} ${SMASHSEND}${path}`]);
    await pending;

    // Discovered by an earlier call: the same.
    const discovered = fakeTransport(answer(200, fx.currentKey), answer(200, {}));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: discovered.transport });
    await smashsend.workspaceId();
    const next = call(smashsend).catch(() => undefined);
    expect(discovered.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${SMASHSEND}/v1/api-keys/current`,
      `${method} ${SMASHSEND}${path}`,
    ]);
    await next;
  });

  it('is not used by later calls when onWorkspaceDiscovered threw: they fail as workspaceId() does', async () => {
    const fake = fakeTransport(answer(200, fx.currentKey), answer(200, fx.listPage));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, {
      transport: fake.transport,
      onWorkspaceDiscovered: () => {
        throw new Error('the cache broke');
      },
    });
    await expect(smashsend.workspaceId()).rejects.toThrow('the cache broke');
    await expect(smashsend.listApiKeys()).rejects.toThrow('the cache broke');
    expect(fake.requests.map((r) => r.url)).toEqual([`${SMASHSEND}/v1/api-keys/current`]);
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

// ---- the key this client authenticates with ----

const TARGET = 'aki_abc123def456';
const CURRENT = '/v1/api-keys/current';
/** GET /v1/api-keys/current naming TARGET (fx.currentKey is the docs' aki_abc123def456): the target is the client's own key. */
const currentIsTarget = fx.currentKey;
/** GET /v1/api-keys/current naming another key (fx.CONNECTION_KEY_ID): the target is not the client's own key. */
const currentIsOther = fx.connectionKey;
const notFound404 = { statusCode: 404, error: 'Not Found', message: 'Cannot GET /v1/api-keys/current' };

/** "METHOD path" of every request the fake transport was handed. */
const sent = (fake: FakeTransport) => fake.requests.map((r) => `${r.method} ${r.url.replace(SMASHSEND, '')}`);

/** The SMASHSEND key hint that starts this client's key (sk_test_secr...), as a list shows it. */
const OWN_HINT = `${SMASHSEND_KEY.slice(0, 12)}...`;

/** The answers of /current that say something about the key or the service, not about the call: thrown, asked again later. */
const THROWN: Array<[string, TransportResponse | Error, ErrorClass, string]> = [
  ['401', answer(401, fx.error401), AuthError, 'auth'],
  ['429', answer(429, fx.error429, { 'retry-after': '3' }), RateLimitError, 'rate_limited'],
  ['500', answer(500, { message: 'Internal server error' }), ServerError, 'server'],
  ['502 HTML', answer(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' }), ServerError, 'server'],
  ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), NetworkError, 'network'],
];

/** The answers of /current that say SMASHSEND does not tell, for this key: undefined, kept for the client's life. */
const NOT_ANSWERED: Array<[string, TransportResponse]> = [
  ['403', answer(403, fx.error403)],
  ['404', answer(404, notFound404)],
  ['400', answer(400, { message: 'Bad request' })],
  ['405', answer(405, { message: 'Method Not Allowed' })],
  ['200 HTML', answer(200, '<html>login</html>')],
  ['200 empty', answer(200, '')],
  ['200 malformed JSON', answer(200, '{"apiKey": ')],
  ['200 without apiKey', answer(200, { id: CONNECTION_KEY_ID })],
  ['200 a key without workspaceId', answer(200, { apiKey: { id: CONNECTION_KEY_ID } })],
  ['200 an id that is not an id', answer(200, { apiKey: { ...fx.connectionKey.apiKey, id: 'aki/../x' } })],
];

describe('SmashsendClient.currentApiKey', () => {
  it('answers the key this client authenticates with (GET /v1/api-keys/current, Bearer only), asked once per client', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 200, body: currentIsOther });
    const smashsend = new SmashsendClient(SMASHSEND_KEY);
    expect(await smashsend.currentApiKey()).toEqual(fx.connectionKey.apiKey);
    expect(await smashsend.currentApiKey()).toEqual(fx.connectionKey.apiKey);
    expect(await smashsend.connectionKeyId()).toBe(CONNECTION_KEY_ID);
    expect(await smashsend.workspaceId()).toBe(WS);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: CURRENT, query: {}, body: undefined });
    expectHeaders(seen[0], false);
  });

  it('concurrent callers (the discovery, the id, the matcher) share one request', async () => {
    const fake = fakeTransport(answer(200, currentIsOther));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    const [current, id, ws, matcher] = await Promise.all([
      smashsend.currentApiKey(),
      smashsend.connectionKeyId(),
      smashsend.workspaceId(),
      smashsend.connectionKeyMatcher(),
    ]);
    expect([current?.id, id, ws, matcher.evidence]).toEqual([CONNECTION_KEY_ID, CONNECTION_KEY_ID, WS, 'current']);
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it.each(THROWN)('given %s, throws it and does not keep it: the next call asks again', async (_name, fault, type, kind) => {
    const fake = fakeTransport(fault, answer(200, currentIsOther));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const error = await failure(smashsend.currentApiKey(), type);
    expect(error).toMatchObject({ kind, vendor: 'SMASHSEND', method: 'GET', path: CURRENT });
    expect(await smashsend.currentApiKey()).toEqual(fx.connectionKey.apiKey);
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, `GET ${CURRENT}`]);
  });

  it.each(NOT_ANSWERED)('given %s, answers undefined and keeps that: no second request', async (_name, reply) => {
    const fake = fakeTransport(reply);
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    expect(await smashsend.currentApiKey()).toBeUndefined();
    expect(await smashsend.currentApiKey()).toBeUndefined();
    expect(await smashsend.connectionKeyId()).toBeUndefined();
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it.each(NOT_ANSWERED)(
    'given %s, the workspace discovery falls back to GET /v1/users/me and asks /current no more',
    async (_name, reply) => {
      const fake = fakeTransport(reply, answer(200, fx.usersMe));
      const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
      expect(await smashsend.workspaceId()).toBe(WS);
      expect(await smashsend.connectionKeyId()).toBeUndefined();
      expect((await smashsend.connectionKeyMatcher()).evidence).toBe('hint');
      expect(sent(fake)).toEqual([`GET ${CURRENT}`, 'GET /v1/users/me']);
    },
  );

  it('tells onConnectionKeyDiscovered the id once, and onWorkspaceDiscovered the workspace', async () => {
    const fake = fakeTransport(answer(200, currentIsOther));
    const keys: string[] = [];
    const workspaces: string[] = [];
    const smashsend = new SmashsendClient(SMASHSEND_KEY, {
      transport: fake.transport,
      onConnectionKeyDiscovered: (id) => keys.push(id),
      onWorkspaceDiscovered: (ws) => workspaces.push(ws),
    });
    await smashsend.workspaceId();
    await smashsend.currentApiKey();
    await smashsend.connectionKeyId();
    expect(keys).toEqual([CONNECTION_KEY_ID]);
    expect(workspaces).toEqual([WS]);
  });

  it('tells onConnectionKeyDiscovered nothing when SMASHSEND does not answer, nor when the id was given', async () => {
    const keys: string[] = [];
    const onConnectionKeyDiscovered = (id: string) => keys.push(id);
    const unanswered = fakeTransport(answer(404, notFound404));
    await new SmashsendClient(SMASHSEND_KEY, {
      workspaceId: WS,
      transport: unanswered.transport,
      onConnectionKeyDiscovered,
    }).currentApiKey();
    const given = fakeTransport(answer(200, currentIsOther));
    await new SmashsendClient(SMASHSEND_KEY, {
      connectionKeyId: TARGET,
      transport: given.transport,
      onConnectionKeyDiscovered,
    }).currentApiKey();
    expect(keys).toEqual([]);
  });
});

describe('SmashsendClient.connectionKeyId', () => {
  it('given the connectionKeyId option, returns it (trimmed) with no request, and the matcher goes by it', async () => {
    const fake = fakeTransport();
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { connectionKeyId: ` ${TARGET} `, transport: fake.transport });
    expect(await smashsend.connectionKeyId()).toBe(TARGET);
    const matcher = await smashsend.connectionKeyMatcher();
    expect(matcher.evidence).toBe('current');
    expect([matcher.match({ id: TARGET }), matcher.match({ id: CONNECTION_KEY_ID })]).toEqual(['yes', 'no']);
    expect(fake.requests).toEqual([]);
  });

  it('after the workspace discovery, makes no request: that call answered the id too', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 200, body: currentIsOther });
    const smashsend = new SmashsendClient(SMASHSEND_KEY);
    expect(await smashsend.workspaceId()).toBe(WS);
    expect(await smashsend.connectionKeyId()).toBe(CONNECTION_KEY_ID);
    expect(seen.map((r) => r.path)).toEqual([CURRENT]);
  });

  it('a server error on /current: the discovery falls back to /v1/users/me, the id is asked again (thrown while it fails)', async () => {
    const fake = fakeTransport(
      answer(500, { message: 'down' }),
      answer(200, fx.usersMe),
      answer(503, 'Service Unavailable'),
      answer(200, currentIsOther),
    );
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    expect(await smashsend.workspaceId()).toBe(WS);
    const error = await failure(smashsend.connectionKeyId(), ServerError);
    expect(error).toMatchObject({ status: 503, method: 'GET', path: CURRENT });
    expect(await smashsend.connectionKeyId()).toBe(CONNECTION_KEY_ID);
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, 'GET /v1/users/me', `GET ${CURRENT}`, `GET ${CURRENT}`]);
  });
});

describe('SmashsendClient.connectionKeyMatcher', () => {
  it('by the id /current answers (evidence current): the id decides, whatever the hint says', async () => {
    const fake = fakeTransport(answer(200, currentIsOther));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const matcher = await smashsend.connectionKeyMatcher();
    expect(matcher.evidence).toBe('current');
    expect(matcher.match({ id: CONNECTION_KEY_ID })).toBe('yes');
    expect(matcher.match({ id: CONNECTION_KEY_ID, secretKey: 'sk_live_xyz789...' })).toBe('yes');
    expect(matcher.match({ id: TARGET })).toBe('no');
    expect(matcher.match({ id: TARGET, secretKey: OWN_HINT })).toBe('no');
    await smashsend.connectionKeyMatcher();
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it('when SMASHSEND does not answer /current (evidence hint): by the truncated hint a list shows, the start of this key', async () => {
    const fake = fakeTransport(answer(404, notFound404));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const matcher = await smashsend.connectionKeyMatcher();
    expect(matcher.evidence).toBe('hint');
    expect(matcher.match({ id: TARGET, secretKey: OWN_HINT })).toBe('yes');
    expect(matcher.match({ id: TARGET, secretKey: `${SMASHSEND_KEY.slice(0, 12)}…` })).toBe('yes');
    expect(matcher.match({ id: TARGET, secretKey: 'sk_live_abc123...' })).toBe('no');
    expect(matcher.match({ id: TARGET, secretKey: 'sk_test_...' })).toBe('unknown'); // too short to tell keys apart
    expect(matcher.match({ id: TARGET, secretKey: null })).toBe('unknown');
    expect(matcher.match({ id: TARGET })).toBe('unknown');
    await smashsend.connectionKeyMatcher();
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });
});

describe('SmashsendClient.updateApiKey', () => {
  it.each([
    ['displayName only', { displayName: 'Updated Zapier Integration Key' }, { displayName: 'Updated Zapier Integration Key' }],
    ['a name with a blank role (role left out)', { displayName: ' Renamed ', role: ' ' }, { displayName: 'Renamed' }],
  ])('a rename (%s) posts to /api-keys/{id} and asks nothing first', async (_name, changes, body) => {
    const seen = vendorAnswers(SMASHSEND, 'POST', keyPath, { status: 200, body: fx.updated });
    expect(await client().updateApiKey(TARGET, changes)).toEqual({ ...fx.updated.apiKey, connectionKey: false });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: keyPath, query: {} });
    expect(seen[0].body).toEqual(body);
    expectHeaders(seen[0], true);
  });

  it('a rename of the client’s own key is not checked: one request, the POST, and connectionKey: false', async () => {
    const fake = fakeTransport(answer(200, fx.updated));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    expect(await smashsend.updateApiKey(TARGET, { displayName: 'Renamed' })).toEqual({ ...fx.updated.apiKey, connectionKey: false });
    expect(sent(fake)).toEqual([`POST ${keyPath}`]);
  });

  it.each([
    ['role only', { role: 'editor' }, { role: 'EDITOR' }],
    ['both', { displayName: ' Renamed ', role: 'API_USER' }, { displayName: 'Renamed', role: 'API_USER' }],
    ['a blank name with a role (name left out)', { displayName: ' ', role: 'VIEWER' }, { role: 'VIEWER' }],
  ])('a role change (%s) asks GET /v1/api-keys/current, then posts to /api-keys/{id}', async (_name, changes, body) => {
    const seen = vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 200, body: currentIsOther });
    vendorAnswers(SMASHSEND, 'POST', keyPath, { status: 200, body: fx.updated }, seen);
    expect(await client().updateApiKey(TARGET, changes)).toEqual({ ...fx.updated.apiKey, connectionKey: false });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${CURRENT}`, `POST ${keyPath}`]);
    expect(seen[1].body).toEqual(body);
    expectHeaders(seen[0], false);
    expectHeaders(seen[1], true);
  });

  it('a role change to the client’s own key is refused before any write: ConnectionKeyError, only /current asked', async () => {
    const fake = fakeTransport(answer(200, currentIsTarget));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const error = await failure(smashsend.updateApiKey(TARGET, { displayName: 'Renamed', role: 'VIEWER' }), ConnectionKeyError);
    expect(describeError(error)).toEqual({ kind: 'connection_key', vendor: 'SMASHSEND', status: undefined, method: 'POST', path: keyPath });
    expect(error).toMatchObject({ name: 'ConnectionKeyError', keyId: TARGET, match: 'yes', evidence: 'current', retryable: false });
    expect(error.action).toBe('change the role of');
    expect(error.message).toBe(
      `SMASHSEND API key ${TARGET} is the key this connection authenticates with: refused to change the role of it, nothing was changed.`,
    );
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it('a role change to the client’s own key with allowConnectionKey: the POST goes out, and connectionKey: true', async () => {
    const fake = fakeTransport(answer(200, currentIsTarget), answer(200, fx.updated));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    expect(await smashsend.updateApiKey(TARGET, { role: 'VIEWER' }, { allowConnectionKey: true })).toEqual({
      ...fx.updated.apiKey,
      connectionKey: true,
    });
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, `POST ${keyPath}`]);
    expect(fake.requests[1].body).toEqual({ role: 'VIEWER' });
  });

  it('SMASHSEND does not answer /current (404): with nothing but the id to go on, a role change is refused as unknown', async () => {
    const fake = fakeTransport(answer(404, notFound404));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const error = await failure(smashsend.updateApiKey(TARGET, { role: 'VIEWER' }), ConnectionKeyError);
    expect(error).toMatchObject({
      kind: 'connection_key',
      keyId: TARGET,
      match: 'unknown',
      evidence: 'hint',
      method: 'POST',
      path: keyPath,
    });
    expect(error.message).toBe(
      `SMASHSEND gave no way to tell whether API key ${TARGET} is the key this connection authenticates with: refused to change the role of it, nothing was changed.`,
    );
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it('SMASHSEND does not answer /current, allowConnectionKey: the POST goes out, and connectionKey: true (it may have been)', async () => {
    const fake = fakeTransport(answer(404, notFound404), answer(200, fx.updated));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    expect(await smashsend.updateApiKey(TARGET, { role: 'VIEWER' }, { allowConnectionKey: true })).toMatchObject({ connectionKey: true });
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, `POST ${keyPath}`]);
  });

  it.each(THROWN)('given %s on /current, the role change fails with it and nothing is written', async (_name, fault, type) => {
    const fake = fakeTransport(fault);
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const error = await failure(smashsend.updateApiKey(TARGET, { role: 'VIEWER' }), type);
    expect(error.path).toBe(CURRENT);
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it('without a workspace, the discovery’s /current answers for the check too: two requests in all', async () => {
    const fake = fakeTransport(answer(200, currentIsOther), answer(200, fx.updated));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    expect(await smashsend.updateApiKey(TARGET, { role: 'VIEWER' })).toMatchObject({ connectionKey: false });
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, `POST ${keyPath}`]);
  });

  it('with connectionKeyId given, a role change asks nothing first', async () => {
    const fake = fakeTransport(answer(200, fx.updated));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, {
      workspaceId: WS,
      connectionKeyId: CONNECTION_KEY_ID,
      transport: fake.transport,
    });
    expect(await smashsend.updateApiKey(TARGET, { role: 'VIEWER' })).toMatchObject({ connectionKey: false });
    expect(sent(fake)).toEqual([`POST ${keyPath}`]);
  });
});

describe('SmashsendClient.deleteApiKey', () => {
  /** SMASHSEND answers /current naming another key, then the DELETE. */
  function currentThenDelete(body: unknown): SeenRequest[] {
    const seen = vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 200, body: currentIsOther });
    return vendorAnswers(SMASHSEND, 'DELETE', keyPath, { status: 200, body }, seen);
  }

  it('asks GET /v1/api-keys/current, then deletes /api-keys/{id} with no body; returns the key, isDeleted, connectionKey: false', async () => {
    const seen = currentThenDelete(fx.deleted);
    expect(await client().deleteApiKey(TARGET)).toEqual({ ...fx.deleted.apiKey, isDeleted: true, connectionKey: false });
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${CURRENT}`, `DELETE ${keyPath}`]);
    expect(seen[1]).toMatchObject({ query: {}, body: undefined });
    expectHeaders(seen[0], false);
    expectHeaders(seen[1], false);
  });

  it('given an answer without isDeleted, reports isDeleted: true', async () => {
    currentThenDelete({ apiKey: fx.deleted.apiKey });
    expect(await client().deleteApiKey(TARGET)).toEqual({ ...fx.deleted.apiKey, isDeleted: true, connectionKey: false });
  });

  it('given isDeleted: false, passes it on', async () => {
    currentThenDelete({ ...fx.deleted, isDeleted: false });
    expect(await client().deleteApiKey(TARGET)).toEqual({ ...fx.deleted.apiKey, isDeleted: false, connectionKey: false });
  });

  it('the client’s own key is refused before any write: ConnectionKeyError, only /current asked', async () => {
    const fake = fakeTransport(answer(200, currentIsTarget));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const error = await failure(smashsend.deleteApiKey(TARGET), ConnectionKeyError);
    expect(describeError(error)).toEqual({
      kind: 'connection_key',
      vendor: 'SMASHSEND',
      status: undefined,
      method: 'DELETE',
      path: keyPath,
    });
    expect(error).toMatchObject({ keyId: TARGET, match: 'yes', evidence: 'current', action: 'delete', retryable: false });
    expect(error.message).toBe(
      `SMASHSEND API key ${TARGET} is the key this connection authenticates with: refused to delete it, nothing was changed.`,
    );
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it('the client’s own key with allowConnectionKey: deleted, and connectionKey: true', async () => {
    const fake = fakeTransport(answer(200, currentIsTarget), answer(200, fx.deleted));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    expect(await smashsend.deleteApiKey(TARGET, { allowConnectionKey: true })).toEqual({
      ...fx.deleted.apiKey,
      isDeleted: true,
      connectionKey: true,
    });
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, `DELETE ${keyPath}`]);
  });

  it.each([true, false])(
    'allowConnectionKey with connectionKey %s known to the caller: nothing asked, the DELETE alone, connectionKey as given',
    async (known) => {
      const fake = fakeTransport(answer(200, fx.deleted));
      const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
      expect(await smashsend.deleteApiKey(TARGET, { allowConnectionKey: true, connectionKey: known })).toEqual({
        ...fx.deleted.apiKey,
        isDeleted: true,
        connectionKey: known,
      });
      expect(sent(fake)).toEqual([`DELETE ${keyPath}`]);
    },
  );

  it('connectionKey: false without allowConnectionKey is not taken on trust: /current is asked, and the own key refused', async () => {
    const fake = fakeTransport(answer(200, currentIsTarget));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    await failure(smashsend.deleteApiKey(TARGET, { connectionKey: false }), ConnectionKeyError);
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it('SMASHSEND does not answer /current (404): refused as unknown; allowed, deleted with connectionKey: true', async () => {
    const refused = fakeTransport(answer(404, notFound404));
    const error = await failure(
      new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: refused.transport }).deleteApiKey(TARGET),
      ConnectionKeyError,
    );
    expect(error).toMatchObject({ match: 'unknown', evidence: 'hint', method: 'DELETE', path: keyPath });
    expect(error.message).toBe(
      `SMASHSEND gave no way to tell whether API key ${TARGET} is the key this connection authenticates with: refused to delete it, nothing was changed.`,
    );
    expect(sent(refused)).toEqual([`GET ${CURRENT}`]);

    const allowed = fakeTransport(answer(404, notFound404), answer(200, fx.deleted));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: allowed.transport });
    expect(await smashsend.deleteApiKey(TARGET, { allowConnectionKey: true })).toMatchObject({ isDeleted: true, connectionKey: true });
    expect(sent(allowed)).toEqual([`GET ${CURRENT}`, `DELETE ${keyPath}`]);
  });

  it.each(THROWN)('given %s on /current, the delete fails with it and nothing is deleted', async (_name, fault, type) => {
    const fake = fakeTransport(fault);
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    const error = await failure(smashsend.deleteApiKey(TARGET, { allowConnectionKey: false }), type);
    expect(error.path).toBe(CURRENT);
    expect(sent(fake)).toEqual([`GET ${CURRENT}`]);
  });

  it('without a workspace: one /current for the discovery and the check, then one DELETE per key', async () => {
    const other = `${keysPath}/aki_xyz789ghi012`;
    const fake = fakeTransport(answer(200, currentIsOther), answer(200, fx.deleted), answer(200, fx.deleted));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    await smashsend.deleteApiKey(TARGET);
    await smashsend.deleteApiKey('aki_xyz789ghi012');
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, `DELETE ${keyPath}`, `DELETE ${other}`]);
  });

  it('concurrent deletes on a new client share one /current', async () => {
    const fake = fakeTransport(answer(200, currentIsOther), answer(200, fx.deleted), answer(200, fx.deleted));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport });
    await Promise.all([smashsend.deleteApiKey(TARGET), smashsend.deleteApiKey('aki_xyz789ghi012')]);
    expect(sent(fake).filter((line) => line === `GET ${CURRENT}`)).toHaveLength(1);
    expect(sent(fake)).toHaveLength(3);
  });

  it('a server error on the discovery’s /current: the fallback /v1/users/me, then /current again; its failure stops the delete', async () => {
    const fake = fakeTransport(answer(500, { message: 'down' }), answer(200, fx.usersMe), answer(500, { message: 'down' }));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport });
    const error = await failure(smashsend.deleteApiKey(TARGET), ServerError);
    expect(error).toMatchObject({ status: 500, method: 'GET', path: CURRENT });
    expect(sent(fake)).toEqual([`GET ${CURRENT}`, 'GET /v1/users/me', `GET ${CURRENT}`]);
  });

  it('with connectionKeyId given: no /current; the delete goes out, or (the key is that one) nothing is sent at all', async () => {
    const other = fakeTransport(answer(200, fx.deleted));
    const options = { workspaceId: WS, connectionKeyId: CONNECTION_KEY_ID };
    expect(await new SmashsendClient(SMASHSEND_KEY, { ...options, transport: other.transport }).deleteApiKey(TARGET)).toMatchObject({
      connectionKey: false,
    });
    expect(sent(other)).toEqual([`DELETE ${keyPath}`]);

    const own = fakeTransport();
    const error = await failure(
      new SmashsendClient(SMASHSEND_KEY, { ...options, transport: own.transport }).deleteApiKey(CONNECTION_KEY_ID),
      ConnectionKeyError,
    );
    expect(error).toMatchObject({ keyId: CONNECTION_KEY_ID, match: 'yes', evidence: 'current', path: `${keysPath}/${CONNECTION_KEY_ID}` });
    expect(own.requests).toEqual([]);
  });
});

describe('SmashsendClient and its transport', () => {
  it('hands the transport the absolute URL, only the Bearer header, no query, the body and the timeout', async () => {
    const fake = fakeTransport(answer(200, fx.checkOk), answer(200, fx.updated), answer(200, currentIsOther), answer(200, fx.deleted));
    const smashsend = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport, timeoutMs: 5000 });
    await smashsend.checkApiKey();
    await smashsend.updateApiKey(TARGET, { displayName: 'Renamed' });
    await smashsend.deleteApiKey(TARGET);
    const headers = { authorization: `Bearer ${SMASHSEND_KEY}` };
    expect(fake.requests).toEqual([
      { method: 'GET', url: `${SMASHSEND}/v1/api-keys/check`, query: {}, headers, body: undefined, timeoutMs: 5000 },
      { method: 'POST', url: `${SMASHSEND}${keyPath}`, query: {}, headers, body: { displayName: 'Renamed' }, timeoutMs: 5000 },
      { method: 'GET', url: `${SMASHSEND}${CURRENT}`, query: {}, headers, body: undefined, timeoutMs: 5000 },
      { method: 'DELETE', url: `${SMASHSEND}${keyPath}`, query: {}, headers, body: undefined, timeoutMs: 5000 },
    ]);
  });
});
