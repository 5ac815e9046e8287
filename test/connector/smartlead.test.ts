// SmartLeadClient on the docs' sample answers: the exact request SmartLead receives (through the default fetch
// transport) and exactly what the caller gets back.

import { BadResponseError, SmartLeadClient } from '@keyring/connector';
import * as fx from '../fixtures/smartlead';
import { SMARTLEAD_KEY, answer, fakeTransport, failure, vendorAnswers, type SeenRequest } from '../support/connector';
import { useNock } from '../support/nock';
import { SMARTLEAD } from '../support/vendors';

useNock();

const client = () => new SmartLeadClient(SMARTLEAD_KEY);
const auth = { api_key: SMARTLEAD_KEY };

/** SmartLead's key travels in the query only: no auth header of any vendor, and a JSON content type only with a body. */
function expectHeaders(request: SeenRequest, withBody: boolean): void {
  expect(request.headers.accept).toBe('application/json');
  expect(request.headers).not.toHaveProperty('authorization');
  expect(request.headers).not.toHaveProperty('api-key');
  if (withBody) expect(request.headers['content-type']).toBe('application/json');
  else expect(request.headers).not.toHaveProperty('content-type');
}

describe('SmartLeadClient.listClients', () => {
  it('given the documented bare array, returns the clients with every field SmartLead sent', async () => {
    const seen = vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/', { status: 200, body: fx.clients });
    expect(await client().listClients()).toEqual(fx.clients);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/v1/client/', query: auth, body: undefined });
    expectHeaders(seen[0], false);
  });

  it('given an {ok, data} answer, returns the same list', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/', { status: 200, body: { ok: true, data: fx.clients } });
    expect(await client().listClients()).toEqual(fx.clients);
  });

  it('given an empty list, returns []', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/', { status: 200, body: [] });
    expect(await client().listClients()).toEqual([]);
  });
});

describe('SmartLeadClient.listClientApiKeys', () => {
  it.each([
    ['no filter', {}, {}],
    ['clientId', { clientId: 301 }, { clientId: '301' }],
    ['clientId given as digits', { clientId: ' 301 ' }, { clientId: '301' }],
    ['status', { status: 'active' }, { status: 'active' }],
    ['status in another case', { status: 'INACTIVE' }, { status: 'inactive' }],
    ['keyName (trimmed)', { keyName: ' Production ' }, { keyName: 'Production' }],
    ['blank filters (left out)', { clientId: '', status: ' ', keyName: '' }, {}],
    [
      'all filters combined',
      { clientId: 301, status: 'active', keyName: 'Production Key' },
      { clientId: '301', status: 'active', keyName: 'Production Key' },
    ],
  ])('filter by %s: sends exactly that query plus api_key', async (_name, filter, query) => {
    const seen = vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', { status: 200, body: fx.listWrapped });
    expect(await client().listClientApiKeys(filter)).toEqual([fx.keyRecord]);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/v1/client/api-key', body: undefined });
    expect(seen[0].query).toEqual({ ...query, ...auth });
    expectHeaders(seen[0], false);
  });

  it('given the {ok, data} answer, returns the keys', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', { status: 200, body: fx.listWrapped });
    expect(await client().listClientApiKeys()).toEqual([fx.keyRecord]);
  });

  it('given a bare array, returns the keys', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', { status: 200, body: fx.listBare });
    expect(await client().listClientApiKeys()).toEqual([fx.keyRecord]);
  });

  it('given {ok: true, data: []}, returns []', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', { status: 200, body: { ok: true, data: [] } });
    expect(await client().listClientApiKeys({ clientId: 301 })).toEqual([]);
  });
});

describe('SmartLeadClient.createClientApiKey', () => {
  it('posts {clientId, keyName} as JSON and returns the new key with its value', async () => {
    const seen = vendorAnswers(SMARTLEAD, 'POST', '/api/v1/client/api-key', { status: 200, body: fx.created });
    expect(await client().createClientApiKey({ clientId: 301, keyName: 'Production Key' })).toEqual(fx.keyRecord);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/api/v1/client/api-key', query: auth });
    expect(seen[0].query).toEqual(auth);
    expect(seen[0].body).toEqual({ clientId: 301, keyName: 'Production Key' });
    expectHeaders(seen[0], true);
  });

  it('sends clientId as a number and keyName trimmed, whatever form they came in', async () => {
    const seen = vendorAnswers(SMARTLEAD, 'POST', '/api/v1/client/api-key', { status: 201, body: fx.created });
    await client().createClientApiKey({ clientId: '301', keyName: '  Production Key  ' });
    expect(seen[0].body).toEqual({ clientId: 301, keyName: 'Production Key' });
  });

  it('given a bare record, returns it', async () => {
    vendorAnswers(SMARTLEAD, 'POST', '/api/v1/client/api-key', { status: 200, body: fx.keyRecord });
    expect(await client().createClientApiKey({ clientId: 301, keyName: 'Production Key' })).toEqual(fx.keyRecord);
  });

  it('given a record without api_key, says the key may exist with an unknown value', async () => {
    const { api_key: _dropped, ...withoutValue } = fx.keyRecord;
    vendorAnswers(SMARTLEAD, 'POST', '/api/v1/client/api-key', { status: 200, body: { ok: true, data: withoutValue } });
    const error = await failure(client().createClientApiKey({ clientId: 301, keyName: 'Production Key' }), BadResponseError);
    expect(error.reason).toBe('missing_secret');
    expect(error.message).toBe(
      'SmartLead answered without api_key, the value of the new client API key (200 on POST /api/v1/client/api-key).',
    );
  });
});

describe('SmartLeadClient.resetClientApiKey', () => {
  it('puts to /reset/{id} with no body and returns the key with its new value', async () => {
    const seen = vendorAnswers(SMARTLEAD, 'PUT', '/api/v1/client/api-key/reset/45', { status: 200, body: fx.reset });
    expect(await client().resetClientApiKey(45)).toEqual(fx.reset.data);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PUT', path: '/api/v1/client/api-key/reset/45', body: undefined });
    expect(seen[0].query).toEqual(auth);
    expectHeaders(seen[0], false);
  });

  it('accepts the id as digits and answers a bare record', async () => {
    const seen = vendorAnswers(SMARTLEAD, 'PUT', '/api/v1/client/api-key/reset/45', { status: 200, body: fx.reset.data });
    expect(await client().resetClientApiKey('45')).toEqual(fx.reset.data);
    expect(seen[0].path).toBe('/api/v1/client/api-key/reset/45');
  });

  it('given an empty 200 body, fails with BadResponseError empty (a reset must return the new value)', async () => {
    vendorAnswers(SMARTLEAD, 'PUT', '/api/v1/client/api-key/reset/45', { status: 200 });
    const error = await failure(client().resetClientApiKey(45), BadResponseError);
    expect(error.reason).toBe('empty');
  });
});

describe('SmartLeadClient.deleteClientApiKey', () => {
  const path = '/api/v1/client/api-key/45';

  it('deletes /api-key/{id} with no body; given {ok: true}, returns {id, deleted: true}', async () => {
    const seen = vendorAnswers(SMARTLEAD, 'DELETE', path, { status: 200, body: fx.deletedOk });
    expect(await client().deleteClientApiKey(45)).toEqual({ id: 45, deleted: true });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'DELETE', path, body: undefined });
    expect(seen[0].query).toEqual(auth);
    expectHeaders(seen[0], false);
  });

  it('given {ok: true, data: record}, returns the deleted record too', async () => {
    vendorAnswers(SMARTLEAD, 'DELETE', path, { status: 200, body: { ok: true, data: fx.keyRecord } });
    expect(await client().deleteClientApiKey('45')).toEqual({ id: 45, deleted: true, record: fx.keyRecord });
  });

  it('given the bare record, returns it as the deleted record', async () => {
    vendorAnswers(SMARTLEAD, 'DELETE', path, { status: 200, body: fx.keyRecord });
    expect(await client().deleteClientApiKey(45)).toEqual({ id: 45, deleted: true, record: fx.keyRecord });
  });

  it('given an empty 204, returns {id, deleted: true}', async () => {
    vendorAnswers(SMARTLEAD, 'DELETE', path, { status: 204 });
    expect(await client().deleteClientApiKey(45)).toEqual({ id: 45, deleted: true });
  });

  // Connector bug: `isWrapped` accepts any object under `data`, so a body that is not a key record is returned as one.
  it('given {ok: true, data: {affectedRows: 1}} (not a key record), returns no record', async () => {
    vendorAnswers(SMARTLEAD, 'DELETE', path, { status: 200, body: { ok: true, data: { affectedRows: 1 } } });
    expect(await client().deleteClientApiKey(45)).toEqual({ id: 45, deleted: true });
  });
});

describe('SmartLeadClient and its transport', () => {
  it('hands the transport the absolute URL, the api_key query, no headers, the body and the default 10 s timeout', async () => {
    const fake = fakeTransport(answer(200, fx.created), answer(200, fx.listBare));
    const smartlead = new SmartLeadClient(SMARTLEAD_KEY, { transport: fake.transport });
    await smartlead.createClientApiKey({ clientId: 301, keyName: 'Production Key' });
    await smartlead.listClientApiKeys({ clientId: 301, status: 'active', keyName: 'Prod' });
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        url: `${SMARTLEAD}/api/v1/client/api-key`,
        query: { api_key: SMARTLEAD_KEY },
        headers: {},
        body: { clientId: 301, keyName: 'Production Key' },
        timeoutMs: 10_000,
      },
      {
        method: 'GET',
        url: `${SMARTLEAD}/api/v1/client/api-key`,
        query: { clientId: '301', status: 'active', keyName: 'Prod', api_key: SMARTLEAD_KEY },
        headers: {},
        body: undefined,
        timeoutMs: 10_000,
        bulk: true, // the key list may be long: the transport may skip logging its body
      },
    ]);
  });

  it('passes a custom timeout through', async () => {
    const fake = fakeTransport(answer(200, fx.clients));
    await new SmartLeadClient(SMARTLEAD_KEY, { transport: fake.transport, timeoutMs: 2500 }).listClients();
    expect(fake.requests[0].timeoutMs).toBe(2500);
  });
});

describe('SmartLeadClient.connectionKeyMatch', () => {
  it("by the key's whole value, as the list shows it: 'yes' for this client's own, 'no' for another, 'unknown' without a value", () => {
    const smartlead = client();
    expect(smartlead.connectionKeyMatch({ ...fx.keyRecord, api_key: SMARTLEAD_KEY })).toBe('yes');
    expect(smartlead.connectionKeyMatch(fx.keyRecord)).toBe('no');
    expect(smartlead.connectionKeyMatch({ api_key: `${SMARTLEAD_KEY}0` })).toBe('no');
    expect(smartlead.connectionKeyMatch({ api_key: null })).toBe('unknown');
    expect(smartlead.connectionKeyMatch({ api_key: undefined })).toBe('unknown');
    expect(smartlead.connectionKeyMatch({ api_key: '' })).toBe('unknown');
  });

  it('asks SmartLead nothing', () => {
    const fake = fakeTransport();
    new SmartLeadClient(SMARTLEAD_KEY, { transport: fake.transport }).connectionKeyMatch({ api_key: SMARTLEAD_KEY });
    expect(fake.requests).toEqual([]);
  });
});
