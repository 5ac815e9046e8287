// smartlead_client_list, smartlead_client_api_key_list and new_smartlead_client_api_key: the exact SmartLead
// request and what the Zap builder sees.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { expectNoRequest, useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { SMARTLEAD } from '../support/vendors';
import * as fx from '../fixtures/smartlead';

useNock();

const KEYS = '/api/v1/client/api-key';
const apiKey = { api_key: AUTH.smartlead_api_key };

describe('smartlead_client_list (Client dropdowns)', () => {
  it('lists the clients with the connection key in the query, as SmartLead sends them', async () => {
    const scope = nock(SMARTLEAD).get('/api/v1/client/').query(apiKey).reply(200, fx.clients);
    expect(await run('triggers', 'smartlead_client_list')).toEqual(fx.clients);
    scope.done();
  });

  it('accepts the clients wrapped in {ok, data}', async () => {
    const scope = nock(SMARTLEAD).get('/api/v1/client/').query(apiKey).reply(200, { ok: true, data: fx.clients });
    expect(await run('triggers', 'smartlead_client_list')).toEqual(fx.clients);
    scope.done();
  });

  it('says plainly when the connection has no SmartLead key, before any request', async () => {
    const scope = nock(SMARTLEAD).get('/api/v1/client/').query(true).reply(200, fx.clients);
    await expectZapierError(run('triggers', 'smartlead_client_list', {}, { smashsend_api_key: AUTH.smashsend_api_key }), {
      name: 'AppError',
      code: 'missing_key',
      says: ['needs a SmartLead API key', 'reconnect and add it'],
    });
    expectNoRequest(scope);
  });
});

describe('smartlead_client_api_key_list (Client API Key dropdowns)', () => {
  it('lists every key, newest first, values always masked', async () => {
    const scope = nock(SMARTLEAD).get(KEYS).query(apiKey).reply(200, fx.listUnordered);
    expect(await run('triggers', 'smartlead_client_api_key_list', { include_secret: true })).toEqual([
      { ...fx.keyRecord, api_key: '********xxxx' },
      { ...fx.olderKey, api_key: '********ssss' },
      { ...fx.undatedKey, api_key: '********llll' },
    ]);
    scope.done();
  });
});

describe('new_smartlead_client_api_key', () => {
  it('asks for every key in one request and returns them newest first, undated last, each id once, values masked', async () => {
    const scope = nock(SMARTLEAD).get(KEYS).query(apiKey).reply(200, fx.listUnordered);
    expect(await run('triggers', 'new_smartlead_client_api_key')).toEqual([
      { ...fx.keyRecord, api_key: '********xxxx' },
      { ...fx.olderKey, api_key: '********ssss' },
      { ...fx.undatedKey, api_key: '********llll' },
    ]);
    scope.done();
  });

  it('passes the client and status filters to SmartLead', async () => {
    const scope = nock(SMARTLEAD)
      .get(KEYS)
      .query({ ...apiKey, clientId: '301', status: 'inactive' })
      .reply(200, [fx.olderKey]);
    expect(await run('triggers', 'new_smartlead_client_api_key', { clientId: '301', status: 'Inactive' })).toEqual([
      { ...fx.olderKey, api_key: '********ssss' },
    ]);
    scope.done();
  });

  it('accepts a bare array as well as {ok, data}', async () => {
    const scope = nock(SMARTLEAD).get(KEYS).query(apiKey).reply(200, fx.listBare);
    expect(await run('triggers', 'new_smartlead_client_api_key')).toEqual([{ ...fx.keyRecord, api_key: '********xxxx' }]);
    scope.done();
  });

  it('returns an empty list when SmartLead has no keys', async () => {
    const scope = nock(SMARTLEAD).get(KEYS).query(apiKey).reply(200, { ok: true, data: [] });
    expect(await run('triggers', 'new_smartlead_client_api_key')).toEqual([]);
    scope.done();
  });

  it.each([true, 'true', 'yes'])('shows full key values when include_secret is %p', async (includeSecret) => {
    nock(SMARTLEAD).get(KEYS).query(apiKey).reply(200, fx.listWrapped);
    expect(await run('triggers', 'new_smartlead_client_api_key', { include_secret: includeSecret })).toEqual([fx.keyRecord]);
  });

  it.each([false, 'false', 'no'])('masks key values when include_secret is %p', async (includeSecret) => {
    nock(SMARTLEAD).get(KEYS).query(apiKey).reply(200, fx.listWrapped);
    expect(await run('triggers', 'new_smartlead_client_api_key', { include_secret: includeSecret })).toEqual([
      { ...fx.keyRecord, api_key: '********xxxx' },
    ]);
  });

  it('masks a short or vendor-truncated value whole', async () => {
    nock(SMARTLEAD)
      .get(KEYS)
      .query(apiKey)
      .reply(200, [
        { ...fx.keyRecord, api_key: 'cl_live_xxxx...' },
        { ...fx.olderKey, api_key: 'short' },
      ]);
    expect(await run('triggers', 'new_smartlead_client_api_key')).toEqual([
      { ...fx.keyRecord, api_key: '********' },
      { ...fx.olderKey, api_key: '********' },
    ]);
  });

  it('refuses a client id that is not a number, before any request', async () => {
    const scope = nock(SMARTLEAD).get(KEYS).query(true).reply(200, fx.listWrapped);
    await expectZapierError(run('triggers', 'new_smartlead_client_api_key', { clientId: 'abc' }), {
      name: 'AppError',
      code: 'input',
      says: [/^Client must/, 'positive whole number'],
    });
    expectNoRequest(scope);
  });

  it('refuses an unknown status, before any request', async () => {
    const scope = nock(SMARTLEAD).get(KEYS).query(true).reply(200, fx.listWrapped);
    await expectZapierError(run('triggers', 'new_smartlead_client_api_key', { status: 'revoked' }), {
      name: 'AppError',
      code: 'input',
      says: [/^Status must/, 'one of active, inactive'],
    });
    expectNoRequest(scope);
  });
});
