// SmarteClient on the docs' sample answers: the exact request SMARTe signals receives (through the default fetch
// transport) and exactly what the caller gets back.

import { BadResponseError, NotFoundError, SmarteClient } from '@keyring/connector';
import * as fx from '../fixtures/smarte';
import { SMARTE_KEY, answer, describeError, fakeTransport, failure, vendorAnswers, type SeenRequest } from '../support/connector';
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

describe('SmarteClient.suspendKey and reactivateKey', () => {
  it('suspend posts {email, action: "suspend"} and returns the updated record', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: fx.suspended });
    expect(await client().suspendKey('dev.udi_user@smarte.pro')).toEqual({ ...fx.suspended.data, message: 'Key suspended successfully' });
    expect(seen).toHaveLength(1);
    expectPost(seen[0], UPDATE, { email: 'dev.udi_user@smarte.pro', action: 'suspend' });
  });

  it('reactivate posts {email, action: "activate"} and returns the updated record', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: fx.reactivated });
    expect(await client().reactivateKey('dev.udi_user@smarte.pro')).toEqual({
      ...fx.reactivated.data,
      message: 'Key activated successfully',
    });
    expect(seen).toHaveLength(1);
    expectPost(seen[0], UPDATE, { email: 'dev.udi_user@smarte.pro', action: 'activate' });
  });

  it('suspend, given only a message, returns the email, the new status and the message', async () => {
    vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: { message: 'Key suspended successfully' } });
    expect(await client().suspendKey('dev.udi_user@smarte.pro')).toEqual({
      email: 'dev.udi_user@smarte.pro',
      status: 'suspended',
      message: 'Key suspended successfully',
    });
  });

  it('reactivate, given only a message and data: null, returns the email, status active and the message', async () => {
    vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: { message: 'Key activated successfully', data: null } });
    expect(await client().reactivateKey('dev.udi_user@smarte.pro')).toEqual({
      email: 'dev.udi_user@smarte.pro',
      status: 'active',
      message: 'Key activated successfully',
    });
  });

  it('given {} , returns the email and the new status without a message', async () => {
    vendorAnswers(SMARTE, 'POST', UPDATE, { status: 200, body: {} });
    expect(await client().suspendKey('dev.udi_user@smarte.pro')).toEqual({ email: 'dev.udi_user@smarte.pro', status: 'suspended' });
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
    const fake = fakeTransport(answer(200, fx.viewAll), answer(200, fx.suspended));
    const smarte = new SmarteClient(SMARTE_KEY, { transport: fake.transport });
    await smarte.listKeys();
    await smarte.suspendKey('dev.udi_user@smarte.pro');
    const headers = { 'api-key': SMARTE_KEY };
    expect(fake.requests).toEqual([
      { method: 'POST', url: `${SMARTE}${VIEW}`, query: {}, headers, body: {}, timeoutMs: 10_000, bulk: true },
      {
        method: 'POST',
        url: `${SMARTE}${UPDATE}`,
        query: {},
        headers,
        body: { email: 'dev.udi_user@smarte.pro', action: 'suspend' },
        timeoutMs: 10_000,
      },
    ]);
  });
});
