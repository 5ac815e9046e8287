// create_, reset_ and delete_smartlead_client_api_key: the exact SmartLead request and what the Zap builder sees.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { expectNoRequest, useNock } from '../support/nock';
import { zapierError } from '../support/outcome';
import { SMARTLEAD } from '../support/vendors';
import * as fx from '../fixtures/smartlead';

useNock();

const KEYS = '/api/v1/client/api-key';
const apiKey = { api_key: AUTH.smartlead_api_key };
const { api_key: _value, ...keyWithoutValue } = fx.keyRecord;

describe('create_smartlead_client_api_key', () => {
  it('posts the client and name and returns the key with its full value', async () => {
    const scope = nock(SMARTLEAD).post(KEYS, { clientId: 301, keyName: 'Production Key' }).query(apiKey).reply(200, fx.created);
    expect(await run('creates', 'create_smartlead_client_api_key', { clientId: '301', keyName: ' Production Key ' })).toEqual(fx.keyRecord);
    scope.done();
  });

  it('accepts the bare record as well as {ok, data}', async () => {
    const scope = nock(SMARTLEAD).post(KEYS, { clientId: 301, keyName: 'Production Key' }).query(apiKey).reply(201, fx.keyRecord);
    expect(await run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Production Key' })).toEqual(fx.keyRecord);
    scope.done();
  });

  it('fails plainly when the answer carries no api_key, never reporting a key the user does not have', async () => {
    nock(SMARTLEAD).post(KEYS).query(apiKey).reply(200, { ok: true, data: keyWithoutValue });
    expect(await zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Production Key' }))).toEqual({
      name: 'AppError',
      message: `SmartLead answered without api_key, the value of the new client API key (200 on POST ${KEYS}). The change may have been made, but the key's value is unknown: do not rely on it; check the key at SmartLead before trying again.`,
      code: 'bad_response',
      status: 200,
    });
  });

  it.each([
    ['a slash', 'Prod/Key'],
    ['an exclamation mark', 'Key!'],
    ['an accented letter', 'Clé'],
  ])('refuses a key name with %s before any request', async (_what, keyName) => {
    const scope = nock(SMARTLEAD).post(KEYS).query(true).reply(200, fx.created);
    expect(await zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName }))).toEqual({
      name: 'AppError',
      message: 'Key Name must contain only letters, digits, spaces, hyphens and underscores.',
      code: 'input',
    });
    expectNoRequest(scope);
  });

  it('refuses a client id that is not a number before any request', async () => {
    const scope = nock(SMARTLEAD).post(KEYS).query(true).reply(200, fx.created);
    expect(await zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 'abc', keyName: 'Production Key' }))).toEqual({
      name: 'AppError',
      message: 'Client must be a positive whole number.',
      code: 'input',
    });
    expectNoRequest(scope);
  });

  it("passes SmartLead's own validation message on", async () => {
    nock(SMARTLEAD).post(KEYS).query(apiKey).reply(422, fx.error422);
    expect(await zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Production Key' }))).toEqual({
      name: 'AppError',
      message: `SmartLead rejected the request (422 on POST ${KEYS}): keyName must match pattern: letters, numbers, spaces, hyphens, and underscores only.`,
      code: 'validation',
      status: 422,
    });
  });

  it('says which client was not found on a 404', async () => {
    nock(SMARTLEAD).post(KEYS).query(apiKey).reply(404, { message: 'Client not found' });
    expect(await zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 999, keyName: 'Production Key' }))).toEqual({
      name: 'AppError',
      message: `SmartLead has no client 999 (404 on POST ${KEYS}): Client not found.`,
      code: 'not_found',
      status: 404,
    });
  });

  it('after a timeout, says the key may exist and names the Find step to check with', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      // nock's delay runs on real timers; the request's 10 s timeout runs on the faked ones.
      nock(SMARTLEAD).post(KEYS).query(apiKey).delay(60_000).reply(200, fx.created);
      const error = zapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Production Key' }));
      await jest.advanceTimersByTimeAsync(10_001);
      expect(await error).toEqual({
        name: 'AppError',
        message: `SmartLead did not answer within 10 s (POST ${KEYS}). The key may have been created anyway: use the "Find SmartLead Client API Key" step (or the SmartLead dashboard) to check before trying again.`,
        code: 'network',
      });
    } finally {
      jest.useRealTimers();
      nock.abortPendingRequests();
    }
  });
});

describe('reset_smartlead_client_api_key', () => {
  it('puts to the documented reset path and returns the record with the new full value', async () => {
    const scope = nock(SMARTLEAD).put(`${KEYS}/reset/45`).query(apiKey).reply(200, fx.reset);
    expect(await run('creates', 'reset_smartlead_client_api_key', { keyId: '45' })).toEqual({
      ...fx.keyRecord,
      api_key: 'cl_live_yyyyyyyyyyyyyyyy',
    });
    scope.done();
  });

  it('accepts the bare record as well as {ok, data}', async () => {
    const scope = nock(SMARTLEAD).put(`${KEYS}/reset/45`).query(apiKey).reply(200, fx.reset.data);
    expect(await run('creates', 'reset_smartlead_client_api_key', { keyId: 45 })).toEqual(fx.reset.data);
    scope.done();
  });

  it('fails plainly when the answer carries no api_key', async () => {
    nock(SMARTLEAD).put(`${KEYS}/reset/45`).query(apiKey).reply(200, { ok: true, data: keyWithoutValue });
    expect(await zapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 45 }))).toEqual({
      name: 'AppError',
      message: `SmartLead answered without api_key, the value of the reset client API key (200 on PUT ${KEYS}/reset/45). The change may have been made, but the key's value is unknown: do not rely on it; check the key at SmartLead before trying again.`,
      code: 'bad_response',
      status: 200,
    });
  });

  it('fails plainly when SmartLead answers only {ok: true}', async () => {
    nock(SMARTLEAD).put(`${KEYS}/reset/45`).query(apiKey).reply(200, { ok: true });
    const error = await zapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 45 }));
    expect(error).toMatchObject({ name: 'AppError', code: 'bad_response', status: 200 });
    // A 2xx reset answer that cannot be read may follow a reset that happened: say how to check, not "retry".
    expect(error.message).toMatch(
      /^SmartLead sent an unexpected response \(200 on PUT \/api\/v1\/client\/api-key\/reset\/45\): .*The key may have been reset anyway, so its old value may no longer work: use the "Find SmartLead Client API Key" step \(or the SmartLead dashboard\) to check before trying again\.$/,
    );
  });

  it('says which key was not found, and the path tried, on a 404', async () => {
    nock(SMARTLEAD).put(`${KEYS}/reset/45`).query(apiKey).reply(404, { error: 'API key not found' });
    expect(await zapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 45 }))).toEqual({
      name: 'AppError',
      message: `SmartLead has no client API key 45 (404 on PUT ${KEYS}/reset/45): API key not found.`,
      code: 'not_found',
      status: 404,
    });
  });

  it.each(['../1', '1/../../client', '0', '-3', '4.5'])('refuses the key id %p before any request', async (keyId) => {
    const scope = nock(SMARTLEAD).put(/.*/).query(true).reply(200, fx.reset);
    expect(await zapierError(run('creates', 'reset_smartlead_client_api_key', { keyId }))).toEqual({
      name: 'AppError',
      message: 'Client API Key must be a positive whole number.',
      code: 'input',
    });
    expectNoRequest(scope);
  });
});

describe('delete_smartlead_client_api_key', () => {
  it('deletes by id and, when SmartLead answers only {ok: true}, returns the id and deleted', async () => {
    const scope = nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(200, fx.deletedOk);
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: '45' })).toEqual({ id: 45, deleted: true });
    scope.done();
  });

  it('treats an empty 204 as deleted', async () => {
    const scope = nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(204);
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: 45 })).toEqual({ id: 45, deleted: true });
    scope.done();
  });

  it('adds the deleted record, its value masked, when SmartLead sends it back wrapped', async () => {
    const scope = nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(200, fx.deletedWithRecord);
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: 45 })).toEqual({
      ...fx.keyRecord,
      api_key: '********xxxx',
      deleted: true,
    });
    scope.done();
  });

  it('adds the deleted record when SmartLead sends it back bare', async () => {
    const scope = nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(200, fx.keyRecord);
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: 45 })).toEqual({
      ...fx.keyRecord,
      api_key: '********xxxx',
      deleted: true,
    });
    scope.done();
  });

  it('keeps the id that was asked for even when the record spells it as text', async () => {
    nock(SMARTLEAD)
      .delete(`${KEYS}/45`)
      .query(apiKey)
      .reply(200, { ok: true, data: { ...fx.keyRecord, id: '45' } });
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: 45 })).toMatchObject({ id: 45, deleted: true });
  });

  it.each([true, 'true', 'yes'])('shows the full value when include_secret is %p', async (includeSecret) => {
    nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(200, fx.deletedWithRecord);
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: 45, include_secret: includeSecret })).toEqual({
      ...fx.keyRecord,
      deleted: true,
    });
  });

  it.each([false, 'false'])('masks the value when include_secret is %p', async (includeSecret) => {
    nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(200, fx.deletedWithRecord);
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: 45, include_secret: includeSecret })).toEqual({
      ...fx.keyRecord,
      api_key: '********xxxx',
      deleted: true,
    });
  });

  it('says which key was not found on a 404', async () => {
    nock(SMARTLEAD)
      .delete(`${KEYS}/46`)
      .query(apiKey)
      .reply(404, { success: false, error: { code: 'NOT_FOUND', message: 'Key not found' } });
    expect(await zapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: 46 }))).toEqual({
      name: 'AppError',
      message: `SmartLead has no client API key 46 (404 on DELETE ${KEYS}/46): Key not found.`,
      code: 'not_found',
      status: 404,
    });
  });

  it('reports a 200 {ok: false} as a failure, never as deleted', async () => {
    nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(200, { ok: false, message: 'Key is in use' });
    expect(await zapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: 45 }))).toEqual({
      name: 'AppError',
      message: `SmartLead reported a failure (200 on DELETE ${KEYS}/45): Key is in use.`,
      code: 'validation',
      status: 200,
    });
  });

  it('refuses a path-like key id before any request', async () => {
    const scope = nock(SMARTLEAD).delete(/.*/).query(true).reply(200, fx.deletedOk);
    expect(await zapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: '../1' }))).toEqual({
      name: 'AppError',
      message: 'Client API Key must be a positive whole number.',
      code: 'input',
    });
    expectNoRequest(scope);
  });
});
