// find_smartlead_client_api_key and its find-or-create pair: the exact SmartLead request and what the Zap builder sees.

import nock from 'nock';
import { App, AUTH, run } from '../support/app';
import { expectNoRequest, useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { SMARTLEAD } from '../support/vendors';
import * as fx from '../fixtures/smartlead';

useNock();

const KEYS = '/api/v1/client/api-key';
const apiKey = { api_key: AUTH.smartlead_api_key };

describe('find_smartlead_client_api_key', () => {
  it('asks SmartLead for the name (its partial match) and returns what it finds, newest first, values masked', async () => {
    const scope = nock(SMARTLEAD)
      .get(KEYS)
      .query({ ...apiKey, keyName: 'Key' })
      .reply(200, fx.listUnordered);
    expect(await run('searches', 'find_smartlead_client_api_key', { keyName: ' Key ' })).toEqual([
      { ...fx.keyRecord, api_key: '********xxxx' },
      { ...fx.olderKey, api_key: '********ssss' },
      { ...fx.undatedKey, api_key: '********llll' },
    ]);
    scope.done();
  });

  it('passes the client and status filters on', async () => {
    const scope = nock(SMARTLEAD)
      .get(KEYS)
      .query({ ...apiKey, keyName: 'Production Key', clientId: '301', status: 'active' })
      .reply(200, fx.listBare);
    expect(await run('searches', 'find_smartlead_client_api_key', { keyName: 'Production Key', clientId: 301, status: 'active' })).toEqual([
      { ...fx.keyRecord, api_key: '********xxxx' },
    ]);
    scope.done();
  });

  it.each([
    ['a bare array', []],
    ['{ok, data: []}', { ok: true, data: [] }],
  ])('returns [] when SmartLead finds nothing (%s)', async (_shape, body) => {
    const scope = nock(SMARTLEAD)
      .get(KEYS)
      .query({ ...apiKey, keyName: 'Nope' })
      .reply(200, body);
    expect(await run('searches', 'find_smartlead_client_api_key', { keyName: 'Nope' })).toEqual([]);
    scope.done();
  });

  it.each([true, 'true', 'yes'])('shows full values when include_secret is %p', async (includeSecret) => {
    nock(SMARTLEAD)
      .get(KEYS)
      .query({ ...apiKey, keyName: 'Production Key' })
      .reply(200, fx.listWrapped);
    expect(await run('searches', 'find_smartlead_client_api_key', { keyName: 'Production Key', include_secret: includeSecret })).toEqual([
      fx.keyRecord,
    ]);
  });

  it.each([false, 'false'])('masks values when include_secret is %p', async (includeSecret) => {
    nock(SMARTLEAD)
      .get(KEYS)
      .query({ ...apiKey, keyName: 'Production Key' })
      .reply(200, fx.listWrapped);
    expect(await run('searches', 'find_smartlead_client_api_key', { keyName: 'Production Key', include_secret: includeSecret })).toEqual([
      { ...fx.keyRecord, api_key: '********xxxx' },
    ]);
  });

  it.each([undefined, '', '   '])('refuses a missing or blank name (%p) rather than listing every key', async (keyName) => {
    const scope = nock(SMARTLEAD).get(KEYS).query(true).reply(200, fx.listWrapped);
    await expectZapierError(run('searches', 'find_smartlead_client_api_key', { keyName }), {
      name: 'AppError',
      code: 'input',
      says: /^Key Name (is required|must not be empty)/,
    });
    expectNoRequest(scope);
  });

  it('refuses a client id that is not a number before any request', async () => {
    const scope = nock(SMARTLEAD).get(KEYS).query(true).reply(200, fx.listWrapped);
    await expectZapierError(run('searches', 'find_smartlead_client_api_key', { keyName: 'Production Key', clientId: 'abc' }), {
      name: 'AppError',
      code: 'input',
      says: [/^Client must/, 'positive whole number'],
    });
    expectNoRequest(scope);
  });
});

describe('find_or_create_smartlead_client_api_key', () => {
  it('pairs the Find search with the Create action under the search key', () => {
    expect(App.searchOrCreates?.find_or_create_smartlead_client_api_key).toEqual({
      key: 'find_smartlead_client_api_key',
      display: expect.objectContaining({ label: 'Find or Create SmartLead Client API Key' }),
      search: 'find_smartlead_client_api_key',
      create: 'create_smartlead_client_api_key',
    });
  });
});
