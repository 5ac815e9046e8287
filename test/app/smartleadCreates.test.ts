// create_, reset_ and delete_smartlead_client_api_key: the exact SmartLead request and what the Zap builder sees.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { expectNoRequest, useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { SMARTLEAD } from '../support/vendors';
import * as fx from '../fixtures/smartlead';

useNock();

const KEYS = '/api/v1/client/api-key';
const apiKey = { api_key: AUTH.smartlead_api_key };
const { api_key: _value, ...keyWithoutValue } = fx.keyRecord;
const FIND = 'The "Find SmartLead Client API Key" step (or the SmartLead dashboard) shows the key\'s current state.';

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
    await expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Production Key' }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['answered without api_key, the value of the new client API key', "the key's value is unknown: do not rely on it"],
    });
  });

  it.each([
    ['a slash', 'Prod/Key'],
    ['an exclamation mark', 'Key!'],
    ['an accented letter', 'Clé'],
  ])('refuses a key name with %s before any request', async (_what, keyName) => {
    const scope = nock(SMARTLEAD).post(KEYS).query(true).reply(200, fx.created);
    await expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName }), {
      name: 'AppError',
      code: 'input',
      says: [/^Key Name must/, 'only letters, digits, spaces, hyphens and underscores'],
    });
    expectNoRequest(scope);
  });

  it('refuses a client id that is not a number before any request', async () => {
    const scope = nock(SMARTLEAD).post(KEYS).query(true).reply(200, fx.created);
    await expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 'abc', keyName: 'Production Key' }), {
      name: 'AppError',
      code: 'input',
      says: [/^Client must/, 'positive whole number'],
    });
    expectNoRequest(scope);
  });

  it("passes SmartLead's own validation message on", async () => {
    nock(SMARTLEAD).post(KEYS).query(apiKey).reply(422, fx.error422);
    await expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Production Key' }), {
      name: 'AppError',
      code: 'validation',
      status: 422,
      says: ['SmartLead rejected the request', 'keyName must match pattern: letters, numbers, spaces, hyphens, and underscores only'],
    });
  });

  // A create acts on no existing key: its 404 (no such client) stays a plain error, not a halt.
  it('says which client was not found on a 404', async () => {
    nock(SMARTLEAD).post(KEYS).query(apiKey).reply(404, { message: 'Client not found' });
    await expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 999, keyName: 'Production Key' }), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no client 999', 'Client not found'],
    });
  });

  it('after a timeout, says the key may exist and names the Find step to check with', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      // nock's delay runs on real timers; the request's 10 s timeout runs on the faked ones.
      nock(SMARTLEAD).post(KEYS).query(apiKey).delay(60_000).reply(200, fx.created);
      const checked = expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Production Key' }), {
        name: 'AppError',
        code: 'network',
        says: ['did not answer within 10 s', 'The key may have been created anyway', '"Find SmartLead Client API Key" step'],
      });
      await jest.advanceTimersByTimeAsync(10_001);
      await checked;
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
    await expectZapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 45 }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['answered without api_key, the value of the reset client API key', "the key's value is unknown: do not rely on it"],
    });
  });

  it('fails plainly when SmartLead answers only {ok: true}', async () => {
    nock(SMARTLEAD).put(`${KEYS}/reset/45`).query(apiKey).reply(200, { ok: true });
    // A 2xx reset answer that cannot be read may follow a reset that happened: say how to check, not "retry".
    const error = await expectZapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 45 }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [
        'SmartLead sent an unexpected response',
        'The key may have been reset anyway, so its old value may no longer work',
        '"Find SmartLead Client API Key" step',
      ],
    });
    expect(error.message).not.toContain('retry');
  });

  // A key that is not there is a precondition, not a fault of the Zap: a HaltedError (never counted toward turning the
  // Zap off) that names the key and the search that shows its state.
  it('halts on a 404, naming the key, the path tried and the Find step; nothing was changed', async () => {
    nock(SMARTLEAD).put(`${KEYS}/reset/45`).query(apiKey).reply(404, { error: 'API key not found' });
    await expectZapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 45 }), {
      name: 'HaltedError',
      says: [`SmartLead has no client API key 45 (404 on PUT ${KEYS}/reset/45): API key not found.`, 'Nothing was changed.', FIND],
    });
  });

  it.each(['../1', '1/../../client', '0', '-3', '4.5'])('refuses the key id %p before any request', async (keyId) => {
    const scope = nock(SMARTLEAD).put(/.*/).query(true).reply(200, fx.reset);
    await expectZapierError(run('creates', 'reset_smartlead_client_api_key', { keyId }), {
      name: 'AppError',
      code: 'input',
      says: [/^Client API Key must/, 'positive whole number'],
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

  it('halts on a 404, naming the key and the Find step; nothing was changed', async () => {
    nock(SMARTLEAD)
      .delete(`${KEYS}/46`)
      .query(apiKey)
      .reply(404, { success: false, error: { code: 'NOT_FOUND', message: 'Key not found' } });
    await expectZapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: 46 }), {
      name: 'HaltedError',
      says: [`SmartLead has no client API key 46 (404 on DELETE ${KEYS}/46): Key not found.`, 'Nothing was changed.', FIND],
    });
  });

  it('halts on a 404 without a body too', async () => {
    nock(SMARTLEAD).delete(`${KEYS}/46`).query(apiKey).reply(404, '');
    await expectZapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: 46 }), {
      name: 'HaltedError',
      says: [`SmartLead has no client API key 46 (404 on DELETE ${KEYS}/46)`, 'Nothing was changed.', FIND],
    });
  });

  it('reports a 200 {ok: false} as a failure, never as deleted', async () => {
    nock(SMARTLEAD).delete(`${KEYS}/45`).query(apiKey).reply(200, { ok: false, message: 'Key is in use' });
    await expectZapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: 45 }), {
      name: 'AppError',
      code: 'validation',
      status: 200,
      says: ['reported a failure', 'Key is in use'],
    });
  });

  it('refuses a path-like key id before any request', async () => {
    const scope = nock(SMARTLEAD).delete(/.*/).query(true).reply(200, fx.deletedOk);
    await expectZapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: '../1' }), {
      name: 'AppError',
      code: 'input',
      says: [/^Client API Key must/, 'positive whole number'],
    });
    expectNoRequest(scope);
  });
});
