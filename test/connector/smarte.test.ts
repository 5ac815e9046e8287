// SmarteClient on the docs' sample answers: the exact request SMARTe signals receives (through the default fetch
// transport) and exactly what the caller gets back. A suspension views the key first: no key, nothing written (a
// NotFoundError); the admin key this client authenticates with (its value, compared in constant time), refused unless
// allowConnectionKey.

import {
  AuthError,
  BadResponseError,
  ConnectionKeyError,
  InputError,
  NotFoundError,
  RateLimitError,
  SmarteClient,
  type ConnectorError,
  type TransportResponse,
} from '@keyring/connector';
import * as fx from '../fixtures/smarte';
import {
  SMARTE_KEY,
  answer,
  describeError,
  fakeTransport,
  failure,
  vendorAnswers,
  type FakeTransport,
  type SeenRequest,
} from '../support/connector';
import { useNock } from '../support/nock';
import { SMARTE } from '../support/vendors';

useNock();

const client = () => new SmarteClient(SMARTE_KEY);
const VIEW = '/signals/v1/key/view';
const CREATE = '/signals/v1/key/createsignalapikey';
const UPDATE = '/signals/v1/key/update';

/** Every SMARTe call is a POST with a JSON body and the admin key in the Api-Key header only. */
function expectPost(request: SeenRequest, path: string, body: unknown): void {
  expect(request.method).toBe('POST');
  expect(request.path).toBe(path);
  expect(request.query).toEqual({});
  expect(request.body).toEqual(body);
  expect(request.headers['api-key']).toBe(SMARTE_KEY);
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.headers.accept).toBe('application/json');
  expect(request.headers).not.toHaveProperty('authorization');
}

describe('SmarteClient.listKeys', () => {
  it('posts {} and, given data as an array, returns every key', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body: fx.viewAll });
    expect(await client().listKeys()).toEqual([fx.userKey, fx.otherKey]);
    expect(seen).toHaveLength(1);
    expectPost(seen[0], VIEW, {});
  });

  it('given data as a single object, returns a list of one', async () => {
    vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body: fx.viewOne });
    expect(await client().listKeys()).toEqual([fx.userKey]);
  });

  it.each([
    ['data: null', { message: 'Key details fetched successfully', data: null }],
    ['data: []', { message: 'Key details fetched successfully', data: [] }],
  ])('given %s, returns []', async (_name, body) => {
    vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body });
    expect(await client().listKeys()).toEqual([]);
  });

  it('given no data at all, rejects with a BadResponseError (an unreadable answer is not "no keys")', async () => {
    vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body: { message: 'No keys' } });
    await expect(client().listKeys()).rejects.toMatchObject({ kind: 'bad_response', reason: 'shape' });
  });
});

describe('SmarteClient.findKeyByEmail', () => {
  it('posts {email} and, given that key, returns it', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body: fx.viewOne });
    expect(await client().findKeyByEmail('dev.udi_user@smarte.pro')).toEqual(fx.userKey);
    expect(seen).toHaveLength(1);
    expectPost(seen[0], VIEW, { email: 'dev.udi_user@smarte.pro' });
  });

  it('matches the email case-insensitively and sends it trimmed', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body: fx.viewAll });
    expect(await client().findKeyByEmail('  Dev.UDI@smarte.pro ')).toEqual(fx.otherKey);
    expect(seen[0].body).toEqual({ email: 'Dev.UDI@smarte.pro' });
  });

  it('given 404, returns null', async () => {
    vendorAnswers(SMARTE, 'POST', VIEW, { status: 404, body: { error: { code: 'not_found', message: 'No key found', status: 404 } } });
    expect(await client().findKeyByEmail('nobody@smarte.pro')).toBeNull();
  });

  it.each([
    ['data: []', { message: 'Key details fetched successfully', data: [] }],
    ['data: null', { message: 'Key details fetched successfully', data: null }],
    ['only other users’ keys', { message: 'Key details fetched successfully', data: [fx.otherKey] }],
  ])('given %s, returns null', async (_name, body) => {
    vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body });
    expect(await client().findKeyByEmail('dev.udi_user@smarte.pro')).toBeNull();
  });

  it('does not hide other failures as "not found"', async () => {
    vendorAnswers(SMARTE, 'POST', VIEW, { status: 429, body: fx.rateLimited });
    await expect(client().findKeyByEmail('dev.udi_user@smarte.pro')).rejects.toMatchObject({ kind: 'rate_limited' });
  });
});

describe('SmarteClient.createKey', () => {
  it('posts {email} and returns the new key with its value', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', CREATE, { status: 200, body: fx.created });
    expect(await client().createKey('new.user@smarte.pro')).toEqual(fx.created.data);
    expect(seen).toHaveLength(1);
    expectPost(seen[0], CREATE, { email: 'new.user@smarte.pro' });
  });

  it('given an answer without apiKey, says the key may exist with an unknown value', async () => {
    vendorAnswers(SMARTE, 'POST', CREATE, { status: 200, body: { ...fx.created, data: { ...fx.created.data, apiKey: null } } });
    const error = await failure(client().createKey('new.user@smarte.pro'), BadResponseError);
    expect(error.reason).toBe('missing_secret');
    expect(error.message).toBe(
      'SMARTe answered without apiKey, the value of the new signals key (200 on POST /signals/v1/key/createsignalapikey).',
    );
  });

  it('given an answer without data, fails with BadResponseError shape', async () => {
    vendorAnswers(SMARTE, 'POST', CREATE, { status: 200, body: { message: 'Key generated successfully' } });
    const error = await failure(client().createKey('new.user@smarte.pro'), BadResponseError);
    expect(error.reason).toBe('shape');
    expect(error.message).toBe('SMARTe sent an unexpected response (200 on POST /signals/v1/key/createsignalapikey): data is missing.');
  });
});

const USER = fx.userKey.email;
/** The view's answer for the admin key this client authenticates with: a record whose apiKey is SMARTE_KEY. */
const ADMIN = {
  keyId: '0e6f7a1b-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
  email: 'admin@smarte.pro',
  role: 'admin',
  status: 'active',
  apiKey: SMARTE_KEY,
};
const viewOf = (data: unknown) => ({ message: 'Key details fetched successfully', data });

/** "path body" of every request the fake transport was handed (every SMARTe call is a POST). */
const sent = (fake: FakeTransport) => fake.requests.map((r) => `${r.url.replace(SMARTE, '')} ${JSON.stringify(r.body)}`);
const viewed = (email: string) => `${VIEW} ${JSON.stringify({ email })}`;
const suspended = (email: string) => `${UPDATE} ${JSON.stringify({ email, action: 'suspend' })}`;

describe('SmarteClient.connectionKeyMatch', () => {
  it("by the key's whole value: 'yes' for this client's own, 'no' for another, 'unknown' without a value", () => {
    const smarte = client();
    expect(smarte.connectionKeyMatch({ apiKey: SMARTE_KEY })).toBe('yes');
    expect(smarte.connectionKeyMatch({ apiKey: fx.userKey.apiKey })).toBe('no');
    expect(smarte.connectionKeyMatch({ apiKey: SMARTE_KEY.slice(0, -1) })).toBe('no');
    expect(smarte.connectionKeyMatch({ apiKey: null })).toBe('unknown');
    expect(smarte.connectionKeyMatch({ apiKey: undefined })).toBe('unknown');
    expect(smarte.connectionKeyMatch({ apiKey: '' })).toBe('unknown');
  });
});

describe('SmarteClient.suspendKey', () => {
  it('views the key ({email}), then posts {email, action: "suspend"}; returns the updated record and connectionKey: false', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', VIEW, { status: 200, body: fx.viewOne });
    vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: fx.suspended }, seen);
    expect(await client().suspendKey(USER)).toEqual({ ...fx.suspended.data, message: 'Key suspended successfully', connectionKey: false });
    expect(seen).toHaveLength(2);
    expectPost(seen[0], VIEW, { email: USER });
    expectPost(seen[1], UPDATE, { email: USER, action: 'suspend' });
  });

  it('finds the key among several in the view, the email matched case-insensitively and sent trimmed', async () => {
    const fake = fakeTransport(answer(200, fx.viewAll), answer(200, fx.suspended));
    await new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey('  Dev.UDI_user@smarte.pro ');
    expect(sent(fake)).toEqual([viewed('Dev.UDI_user@smarte.pro'), suspended('Dev.UDI_user@smarte.pro')]);
  });

  it('given only a message, returns the email, the new status, the message and connectionKey', async () => {
    const fake = fakeTransport(answer(200, fx.viewOne), answer(200, { message: 'Key suspended successfully' }));
    expect(await new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(USER)).toEqual({
      email: USER,
      status: 'suspended',
      message: 'Key suspended successfully',
      connectionKey: false,
    });
  });

  it('given {} , returns the email and the new status without a message', async () => {
    const fake = fakeTransport(answer(200, fx.viewOne), answer(200, {}));
    expect(await new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(USER)).toEqual({
      email: USER,
      status: 'suspended',
      connectionKey: false,
    });
  });

  it.each([
    ['404', answer(404, { error: { code: 'not_found', message: 'No API key found for nobody@smarte.pro', status: 404 } })],
    ['data: []', answer(200, viewOf([]))],
    ['data: null', answer(200, viewOf(null))],
    ['only other users’ keys', answer(200, viewOf([fx.otherKey]))],
  ])('no key for the email (view answers %s): NotFoundError naming the email and the view, nothing written', async (_name, reply) => {
    const fake = fakeTransport(reply);
    const error = await failure(new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey('nobody@smarte.pro'), NotFoundError);
    expect(describeError(error)).toEqual({ kind: 'not_found', vendor: 'SMARTe', status: undefined, method: 'POST', path: VIEW });
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('SMARTe has no key for nobody@smarte.pro (POST /signals/v1/key/view).');
    expect(sent(fake)).toEqual([viewed('nobody@smarte.pro')]);
  });

  it('the admin key this client authenticates with is refused before any write: ConnectionKeyError naming the email', async () => {
    const fake = fakeTransport(answer(200, viewOf(ADMIN)));
    const error = await failure(new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(ADMIN.email), ConnectionKeyError);
    expect(describeError(error)).toEqual({ kind: 'connection_key', vendor: 'SMARTe', status: undefined, method: 'POST', path: UPDATE });
    expect(error).toMatchObject({ keyId: ADMIN.email, match: 'yes', evidence: 'value', action: 'suspend', retryable: false });
    expect(error.message).toBe(
      'SMARTe API key admin@smarte.pro is the key this connection authenticates with: refused to suspend it, nothing was changed.',
    );
    // The view answered the secret itself: the error never carries it.
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(SMARTE_KEY);
    expect(sent(fake)).toEqual([viewed(ADMIN.email)]);
  });

  it('the admin key with allowConnectionKey: suspended, and connectionKey: true', async () => {
    const fake = fakeTransport(
      answer(200, viewOf(ADMIN)),
      answer(200, { message: 'Key suspended successfully', data: { ...ADMIN, status: 'suspended' } }),
    );
    const result = await new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(ADMIN.email, { allowConnectionKey: true });
    expect(result).toMatchObject({ email: ADMIN.email, status: 'suspended', connectionKey: true });
    expect(sent(fake)).toEqual([viewed(ADMIN.email), suspended(ADMIN.email)]);
  });

  it('a view without the key’s value: refused as unknown (evidence none); allowed, suspended with connectionKey: true', async () => {
    const withoutValue = { ...fx.userKey, apiKey: null };
    const refused = fakeTransport(answer(200, viewOf(withoutValue)));
    const error = await failure(new SmarteClient(SMARTE_KEY, { transport: refused.transport }).suspendKey(USER), ConnectionKeyError);
    expect(error).toMatchObject({ keyId: USER, match: 'unknown', evidence: 'none', method: 'POST', path: UPDATE });
    expect(error.message).toBe(
      `SMARTe gave no way to tell whether API key ${USER} is the key this connection authenticates with: refused to suspend it, nothing was changed.`,
    );
    expect(sent(refused)).toEqual([viewed(USER)]);

    const allowed = fakeTransport(answer(200, viewOf(withoutValue)), answer(200, fx.suspended));
    const result = await new SmarteClient(SMARTE_KEY, { transport: allowed.transport }).suspendKey(USER, { allowConnectionKey: true });
    expect(result).toMatchObject({ status: 'suspended', connectionKey: true });
    expect(sent(allowed)).toEqual([viewed(USER), suspended(USER)]);
  });

  it('another key with allowConnectionKey: suspended as usual, connectionKey: false', async () => {
    const fake = fakeTransport(answer(200, fx.viewOne), answer(200, fx.suspended));
    const result = await new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(USER, { allowConnectionKey: true });
    expect(result).toMatchObject({ connectionKey: false });
    expect(sent(fake)).toEqual([viewed(USER), suspended(USER)]);
  });

  it.each<[string, TransportResponse, abstract new (...args: never[]) => ConnectorError]>([
    ['401', answer(401, { message: 'Invalid API key' }), AuthError],
    ['429', answer(429, fx.rateLimited, { 'retry-after': '5' }), RateLimitError],
  ])('a view that fails (%s) fails the suspension with that error, nothing written', async (_name, reply, type) => {
    const fake = fakeTransport(reply);
    const error = await failure(new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(USER), type);
    expect(error).toMatchObject({ method: 'POST', path: VIEW });
    expect(sent(fake)).toEqual([viewed(USER)]);
  });

  it('given 404 on the update after the view found the key, fails with NotFoundError naming the email', async () => {
    const fake = fakeTransport(
      answer(200, fx.viewOne),
      answer(404, { error: { code: 'not_found', message: 'Key not found', status: 404 } }),
    );
    const error = await failure(new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(USER), NotFoundError);
    expect(describeError(error)).toEqual({ kind: 'not_found', vendor: 'SMARTe', status: 404, method: 'POST', path: UPDATE });
    expect(error.message).toBe(`SMARTe has no key for ${USER} (404 on POST /signals/v1/key/update): Key not found.`);
  });
});

describe('SmarteClient.suspendKey with the key already viewed (viewed)', () => {
  it('no second view: only the update is sent; the admin key is told by the viewed value', async () => {
    const fake = fakeTransport(answer(200, fx.suspended));
    const result = await new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(USER, { viewed: fx.userKey });
    expect(result).toMatchObject({ email: USER, status: 'suspended', connectionKey: false });
    expect(sent(fake)).toEqual([suspended(USER)]);
    const refused = fakeTransport();
    const client = new SmarteClient(SMARTE_KEY, { transport: refused.transport });
    await failure(client.suspendKey(ADMIN.email, { viewed: ADMIN }), ConnectionKeyError);
    expect(refused.requests).toEqual([]);
  });

  it('a viewed key of another email is refused before any request (InputError naming viewed)', async () => {
    const fake = fakeTransport();
    const client = new SmarteClient(SMARTE_KEY, { transport: fake.transport });
    const error = await failure(client.suspendKey(USER, { viewed: fx.otherKey }), InputError);
    expect(error).toMatchObject({ field: 'viewed', rule: 'must be the key of the email given' });
    expect(fake.requests).toEqual([]);
  });
});

describe('SmarteClient.reactivateKey', () => {
  it('posts {email, action: "activate"} (no view first) and returns the updated record', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: fx.reactivated });
    expect(await client().reactivateKey(USER)).toEqual({ ...fx.reactivated.data, message: 'Key activated successfully' });
    expect(seen).toHaveLength(1);
    expectPost(seen[0], UPDATE, { email: USER, action: 'activate' });
  });

  it('reactivates the admin key this client authenticates with like any other (it weakens nothing)', async () => {
    const fake = fakeTransport(answer(200, { message: 'Key activated successfully', data: ADMIN }));
    expect(await new SmarteClient(SMARTE_KEY, { transport: fake.transport }).reactivateKey(ADMIN.email)).toMatchObject({
      email: ADMIN.email,
      status: 'active',
    });
    expect(sent(fake)).toEqual([`${UPDATE} ${JSON.stringify({ email: ADMIN.email, action: 'activate' })}`]);
  });

  it('given only a message and data: null, returns the email, status active and the message', async () => {
    vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: { message: 'Key activated successfully', data: null } });
    expect(await client().reactivateKey(USER)).toEqual({ email: USER, status: 'active', message: 'Key activated successfully' });
  });

  it('given 404, fails with NotFoundError naming the email', async () => {
    vendorAnswers(SMARTE, 'POST', UPDATE, { status: 404, body: { error: { code: 'not_found', message: 'Key not found', status: 404 } } });
    const error = await failure(client().reactivateKey('nobody@smarte.pro'), NotFoundError);
    expect(describeError(error)).toEqual({ kind: 'not_found', vendor: 'SMARTe', status: 404, method: 'POST', path: UPDATE });
    expect(error.message).toBe('SMARTe has no key for nobody@smarte.pro (404 on POST /signals/v1/key/update): Key not found.');
  });
});

describe('SmarteClient and its transport', () => {
  it('hands the transport the absolute URL, only the api-key header, no query, the JSON body and the timeout', async () => {
    const fake = fakeTransport(answer(200, fx.viewAll), answer(200, fx.viewOne), answer(200, fx.suspended));
    const smarte = new SmarteClient(SMARTE_KEY, { transport: fake.transport });
    await smarte.listKeys();
    await smarte.suspendKey(USER);
    const headers = { 'api-key': SMARTE_KEY };
    expect(fake.requests).toEqual([
      { method: 'POST', url: `${SMARTE}${VIEW}`, query: {}, headers, body: {}, timeoutMs: 10_000, bulk: true },
      { method: 'POST', url: `${SMARTE}${VIEW}`, query: {}, headers, body: { email: USER }, timeoutMs: 10_000 },
      { method: 'POST', url: `${SMARTE}${UPDATE}`, query: {}, headers, body: { email: USER, action: 'suspend' }, timeoutMs: 10_000 },
    ]);
  });
});
