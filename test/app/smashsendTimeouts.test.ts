// Timeouts in the SMASHSEND steps. The real per-request timeout is 10 s; here the client is built with 300 ms (same
// code path, message says "0.3 s") so that a slow SMASHSEND can be imitated with nock's delay without slow tests.

import nock from 'nock';
import { run } from '../support/app';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { BEARER, KEYS, keyPath, listQuery, nockCurrentKey } from '../support/smashsend';
import { SMASHSEND } from '../support/vendors';
import * as fx from '../fixtures/smashsend';

jest.mock('../../connector/src/smashsend', () => {
  const actual = jest.requireActual<typeof import('../../connector/src/smashsend')>('../../connector/src/smashsend');
  class ShortTimeoutSmashsendClient extends actual.SmashsendClient {
    constructor(apiKey: string, options: import('../../connector/src/smashsend').SmashsendClientOptions = {}) {
      super(apiKey, { ...options, timeoutMs: 300 });
    }
  }
  return { ...actual, SmashsendClient: ShortTimeoutSmashsendClient };
});

useNock();
const unmatched = recordUnmatchedRequests();
// The delayed answers nobody waits for any more: drop their timers so that jest can exit.
afterEach(() => nock.abortPendingRequests());

const SLOW_MS = 1500;
const OLD = fx.listedKey(5, { displayName: 'CRM Sync', role: 'EDITOR' });
const NEW = { ...fx.created.apiKey, displayName: 'CRM Sync', role: 'EDITOR', secretKey: 'sk_live_new123abc456def0123456789' };

/** The check of the new key, which must carry the new key's own secret. */
function checkOfNewKey() {
  return nock(SMASHSEND, { reqheaders: { authorization: `Bearer ${NEW.secretKey}` } }).get('/v1/api-keys/check');
}

/** The list with the old key, and GET /v1/api-keys/current (the old key is not the connection's own). */
function listWithOldKey() {
  return nock(SMASHSEND, BEARER)
    .get('/v1/api-keys/current')
    .reply(200, fx.connectionKey)
    .get(KEYS)
    .query(listQuery())
    .reply(200, fx.listPageOf([OLD], null));
}

describe('rotate_smashsend_api_key timeouts', () => {
  it('a create that times out says the key may have been created and to check with Find SMASHSEND API Key; nothing is deleted', async () => {
    const scope = listWithOldKey().post(KEYS, { displayName: 'CRM Sync', role: 'EDITOR' }).delay(SLOW_MS).reply(200, { apiKey: NEW });
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id }), {
      name: 'AppError',
      code: 'network',
      says: ['did not answer within 0.3 s', 'The key may have been created anyway', '"Find SMASHSEND API Key" step'],
    });
    scope.done();
    expect(unmatched).toEqual([]); // no DELETE was tried
  });

  it('a delete that times out after the create still succeeds, saying the old key may still be live', async () => {
    const check = checkOfNewKey().reply(200, { status: 'SUCCEED', displayName: 'CRM Sync', role: 'EDITOR' });
    const scope = listWithOldKey()
      .post(KEYS)
      .reply(200, { apiKey: NEW })
      .delete(keyPath(OLD.id))
      .delay(SLOW_MS)
      .reply(200, { apiKey: OLD, isDeleted: true });
    expect(await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id })).toEqual({
      ...NEW,
      replacedKeyId: OLD.id,
      oldKeyDeleted: false,
      newKeyVerified: true,
      warning: `The new key was created, but the old key ${OLD.id} ("CRM Sync") may still be live: the delete got no answer: SMASHSEND did not answer within 0.3 s (DELETE ${keyPath(OLD.id)}). Delete it with the "Delete SMASHSEND API Key" step or in SMASHSEND.`,
    });
    scope.done();
    check.done();
  });

  it('a check of the new key that times out still succeeds, and keeps the old key (it is never deleted unchecked)', async () => {
    const check = checkOfNewKey().delay(SLOW_MS).reply(200, { status: 'SUCCEED', displayName: 'CRM Sync', role: 'EDITOR' });
    const scope = listWithOldKey().post(KEYS).reply(200, { apiKey: NEW });
    expect(await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id })).toEqual({
      ...NEW,
      replacedKeyId: OLD.id,
      oldKeyDeleted: false,
      newKeyVerified: false,
      warning: `The new key was created, but checking it with its own secret failed: SMASHSEND did not answer within 0.3 s (GET /v1/api-keys/check). The old key ${OLD.id} ("CRM Sync") was kept so that nothing breaks: check the new key in SMASHSEND, then delete the key you no longer want with the "Delete SMASHSEND API Key" step.`,
    });
    scope.done();
    check.done();
    expect(unmatched).toEqual([]); // no DELETE was tried
  });

  it('a list read that times out is a plain retryable error (nothing was changed)', async () => {
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).delay(SLOW_MS).reply(200, fx.listPage);
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id }), {
      name: 'AppError',
      code: 'network',
      says: ['did not answer within 0.3 s', 'A retry may help'],
    });
  });
});

describe('update and delete timeouts', () => {
  it('update: it may have happened; repeating it is safe, and the find step shows the key', async () => {
    nock(SMASHSEND, BEARER).post(keyPath(OLD.id)).delay(SLOW_MS).reply(200, fx.updated);
    await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: OLD.id, displayName: 'x' }), {
      name: 'AppError',
      code: 'network',
      says: [
        'did not answer within 0.3 s',
        'The key may have been updated anyway',
        'Repeating this step is safe',
        '"Find SMASHSEND API Key" step',
      ],
    });
  });

  it('delete: it may have happened; repeating it is safe, and the find step shows the key', async () => {
    nockCurrentKey();
    nock(SMASHSEND, BEARER).delete(keyPath(OLD.id)).delay(SLOW_MS).reply(200, fx.deleted);
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: OLD.id }), {
      name: 'AppError',
      code: 'network',
      says: [
        'did not answer within 0.3 s',
        'The key may have been deleted anyway',
        'Repeating this step is safe',
        '"Find SMASHSEND API Key" step',
      ],
    });
  });
});
