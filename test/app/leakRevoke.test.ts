// revoke_leaked_api_key under nock: the exact requests, in order, for each vendor and branch — SMASHSEND deletes the
// leaked key first and then makes a twin of the same name and role, checked with its own secret (the connection's own
// key: the twin first, the delete last); SmartLead resets it (or deletes it); SMARTe suspends it — and the output the
// Zap builder sees: the new secret only where a replacement was issued, and a warning whenever something is left to do.
// A secret nobody knows, or a key this connection cannot revoke, halts with nothing written.

import nock from 'nock';
import { AUTH, run, without } from '../support/app';
import { expectNoRequest, recordUnmatchedRequests, useNock } from '../support/nock';
import { SL_KEYS } from '../support/operations';
import { expectZapierError, outcomeOf } from '../support/outcome';
import { UPDATE, VIEW } from '../support/smarte';
import { BEARER, KEYS, keyPath } from '../support/smashsend';
import { OTHER_WORKSPACE, SL_SECRET, SM_SECRET, SS_SECRET, leakedKey, order, recorded, shownTo, smarteRecorded } from '../support/leak';
import { SMARTE, SMARTLEAD, SMASHSEND } from '../support/vendors';
import * as ss from '../fixtures/smashsend';
import * as sm from '../fixtures/smarte';

useNock();
const unmatched = recordUnmatchedRequests();

const TWIN_SECRET = 'sk_live_twinSecretShownOnce00000000TWIN';
const SL_NEW = 'cl_live_resetValueShownOnce000000NEW1';
const twinOf = (key: { displayName: string; role: string }) => ({
  apiKey: {
    id: 'aki_twin0001',
    displayName: key.displayName,
    role: key.role,
    status: 'ACTIVE',
    secretKey: TWIN_SECRET,
    workspaceId: ss.WORKSPACE_ID,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
  },
});
const deletedOf = (key: typeof leakedKey | typeof ss.connectionKey.apiKey, isDeleted = true) => ({
  apiKey: { ...key, secretKey: 'sk_live_xxxx...' },
  isDeleted,
});

const asConnection = () => recorded(nock(SMASHSEND, BEARER), 'SMASHSEND');
const smartlead = () => recorded(nock(SMARTLEAD), 'SmartLead');
const apiKey = { api_key: AUTH.smartlead_api_key };

/** The body of the twin's create, as SMASHSEND received it. */
let createdWith: unknown;
beforeEach(() => {
  createdWith = undefined;
});

/** No write of any vendor may arrive (a halt, a refusal). */
function noWrites(): void {
  expectNoRequest(nock(SMASHSEND).delete(/.*/).reply(200, {}));
  expectNoRequest(nock(SMASHSEND).post(/.*/).reply(200, {}));
  expectNoRequest(nock(SMARTLEAD).put(/.*/).query(true).reply(200, {}));
  expectNoRequest(nock(SMARTLEAD).delete(/.*/).query(true).reply(200, {}));
  expectNoRequest(nock(SMARTE).post(UPDATE).reply(200, {}));
}

const revoke = (secret: string, extra: Record<string, unknown> = {}) =>
  run('creates', 'revoke_leaked_api_key', { secret, ...extra }) as Promise<Record<string, unknown>>;

const RECONNECT_NEW =
  "The leaked key was the one this Zapier connection signs in with: reconnect with the new secret (this step's New Secret) in the SMASHSEND API Key field.";

describe('SMASHSEND', () => {
  /**
   * The leaked key's lookup (with its own secret). Whether it is the connection's own key is known from the secret, so
   * the delete's guard asks nothing more (no GET /v1/api-keys/current with the connection's key).
   */
  function lookups(key = leakedKey) {
    shownTo(SS_SECRET).get('/v1/api-keys/current').reply(200, { apiKey: key });
  }

  it('deletes the leaked key first, then creates its twin (same name and role) and checks it with its own secret', async () => {
    lookups();
    asConnection().delete(keyPath(leakedKey.id)).reply(200, deletedOf(leakedKey));
    asConnection()
      .post(KEYS, (body) => Boolean((createdWith = body)))
      .reply(200, twinOf(leakedKey));
    shownTo(TWIN_SECRET).get('/v1/api-keys/check').reply(200, { status: 'SUCCEED', displayName: 'CI Deploy Key', role: 'API_USER' });
    expect(await revoke(SS_SECRET)).toEqual({
      vendor: 'SMASHSEND',
      key_id: 'aki_leaked0001',
      name: 'CI Deploy Key',
      action: 'rotated',
      key_hint: '********6789',
      new_key_id: 'aki_twin0001',
      new_secret: TWIN_SECRET,
      warning: '',
    });
    expect(createdWith).toEqual({ displayName: 'CI Deploy Key', role: 'API_USER' });
    expect(order).toEqual([
      'GET SMASHSEND /v1/api-keys/current', // the leaked secret's lookup (the only one)
      `DELETE SMASHSEND ${keyPath(leakedKey.id)}`,
      `POST SMASHSEND ${KEYS}`,
      'GET SMASHSEND /v1/api-keys/check', // with the twin's own secret
    ]);
    expect(unmatched).toEqual([]);
  });

  it("the connection's own key: its twin first (its client still works), its delete the last call made with it; reconnect with the new secret", async () => {
    asConnection().get('/v1/api-keys/current').reply(200, ss.connectionKey); // the lookup: the leaked secret is the connection's
    asConnection()
      .post(KEYS, (body) => Boolean((createdWith = body)))
      .reply(200, twinOf(ss.connectionKey.apiKey));
    asConnection().delete(keyPath(ss.CONNECTION_KEY_ID)).reply(200, deletedOf(ss.connectionKey.apiKey));
    shownTo(TWIN_SECRET).get('/v1/api-keys/check').reply(200, { status: 'SUCCEED', displayName: 'Zapier Connection', role: 'EDITOR' });
    expect(await revoke(AUTH.smashsend_api_key)).toEqual({
      vendor: 'SMASHSEND',
      key_id: ss.CONNECTION_KEY_ID,
      name: 'Zapier Connection',
      action: 'rotated',
      key_hint: `********${AUTH.smashsend_api_key.slice(-4)}`,
      new_key_id: 'aki_twin0001',
      new_secret: TWIN_SECRET,
      warning: RECONNECT_NEW,
    });
    expect(createdWith).toEqual({ displayName: 'Zapier Connection', role: 'EDITOR' });
    expect(order).toEqual([
      'GET SMASHSEND /v1/api-keys/current',
      `POST SMASHSEND ${KEYS}`,
      `DELETE SMASHSEND ${keyPath(ss.CONNECTION_KEY_ID)}`,
      'GET SMASHSEND /v1/api-keys/check',
    ]);
  });

  it('Issue a Replacement off: deleted, nothing created', async () => {
    lookups();
    asConnection().delete(keyPath(leakedKey.id)).reply(200, deletedOf(leakedKey));
    expectNoRequest(nock(SMASHSEND).post(KEYS).reply(200, twinOf(leakedKey)));
    expect(await revoke(SS_SECRET, { replace: false })).toEqual({
      vendor: 'SMASHSEND',
      key_id: 'aki_leaked0001',
      name: 'CI Deploy Key',
      action: 'deleted',
      key_hint: '********6789',
      warning: '',
    });
  });

  it('the twin cannot be created: the leaked key is deleted all the same, and the warning says to create one', async () => {
    lookups();
    asConnection().delete(keyPath(leakedKey.id)).reply(200, deletedOf(leakedKey));
    asConnection().post(KEYS).reply(500, { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error.' });
    expect(await revoke(SS_SECRET)).toEqual({
      vendor: 'SMASHSEND',
      key_id: 'aki_leaked0001',
      name: 'CI Deploy Key',
      action: 'rotated',
      key_hint: '********6789',
      warning: `The leaked key was revoked, but its replacement could not be created: SMASHSEND had a server error (500 on POST ${KEYS}): Internal server error. Create one with the "Create SMASHSEND API Key" step.`,
    });
  });

  it("the twin's create answered unreadably: it may exist, its secret lost — the warning says how to find it", async () => {
    lookups();
    asConnection().delete(keyPath(leakedKey.id)).reply(200, deletedOf(leakedKey));
    asConnection().post(KEYS).reply(200, '');
    const result = await revoke(SS_SECRET);
    expect(result).not.toHaveProperty('new_secret');
    expect(result.warning).toBe(
      `The leaked key was revoked; its replacement may have been created all the same, but its secret did not come back: SMASHSEND sent an empty response (200 on POST ${KEYS}). The "Find SMASHSEND API Key" step finds it by its name ("CI Deploy Key"): delete it, then create one with the "Create SMASHSEND API Key" step.`,
    );
  });

  it("the twin's check fails: its secret is delivered all the same, with a warning", async () => {
    lookups();
    asConnection().delete(keyPath(leakedKey.id)).reply(200, deletedOf(leakedKey));
    asConnection().post(KEYS).reply(200, twinOf(leakedKey));
    shownTo(TWIN_SECRET).get('/v1/api-keys/check').reply(503, { statusCode: 503, error: 'Service Unavailable', message: 'Try later.' });
    const result = await revoke(SS_SECRET);
    expect(result).toMatchObject({ action: 'rotated', new_key_id: 'aki_twin0001', new_secret: TWIN_SECRET });
    expect(result.warning).toBe(
      'The replacement was created, but SMASHSEND did not confirm it with its own secret: SMASHSEND had a server error (503 on GET /v1/api-keys/check): Try later.',
    );
    expect(unmatched).toEqual([]); // asked once: no retry inside the step
  });

  it("the connection's own key whose delete fails after its twin: the output still carries the new secret, and says the leaked key may be live", async () => {
    asConnection().get('/v1/api-keys/current').reply(200, ss.connectionKey); // the lookup: the leaked secret is the connection's
    asConnection().post(KEYS).reply(200, twinOf(ss.connectionKey.apiKey));
    asConnection()
      .delete(keyPath(ss.CONNECTION_KEY_ID))
      .reply(503, { statusCode: 503, error: 'Service Unavailable', message: 'Try later.' });
    expect(await revoke(AUTH.smashsend_api_key)).toEqual({
      vendor: 'SMASHSEND',
      key_id: ss.CONNECTION_KEY_ID,
      name: 'Zapier Connection',
      action: 'rotated',
      key_hint: `********${AUTH.smashsend_api_key.slice(-4)}`,
      new_key_id: 'aki_twin0001',
      new_secret: TWIN_SECRET,
      warning: `The leaked key ${ss.CONNECTION_KEY_ID} (********${AUTH.smashsend_api_key.slice(-4)}) may still be live: revoking it failed after its replacement was created. Delete it now with the "Delete SMASHSEND API Key" step or in SMASHSEND. ${RECONNECT_NEW}`,
    });
  });

  it('another key whose delete fails: the step fails, no twin is made (nothing beside a live leaked key)', async () => {
    lookups();
    asConnection().delete(keyPath(leakedKey.id)).reply(503, { statusCode: 503, error: 'Service Unavailable', message: 'Try later.' });
    expectNoRequest(nock(SMASHSEND).post(KEYS).reply(200, twinOf(leakedKey)));
    await expectZapierError(revoke(SS_SECRET), {
      name: 'AppError',
      code: 'server',
      status: 503,
      says: [`SMASHSEND had a server error (503 on DELETE ${keyPath(leakedKey.id)})`, 'A retry may help.'],
      secrets: [SS_SECRET, AUTH.smashsend_api_key],
    });
  });

  it('SMASHSEND keeps the key (isDeleted false): the step fails saying it is still live, and makes no twin', async () => {
    lookups();
    asConnection().delete(keyPath(leakedKey.id)).reply(200, deletedOf(leakedKey, false));
    expectNoRequest(nock(SMASHSEND).post(KEYS).reply(200, twinOf(leakedKey)));
    await expectZapierError(revoke(SS_SECRET), {
      name: 'AppError',
      code: 'validation',
      status: 200,
      says: `SMASHSEND answered isDeleted false: API key aki_leaked0001 is still live (200 on DELETE ${keyPath(leakedKey.id)}).`,
    });
  });

  it("the connection's key refused (401) in a SMASHSEND-only connection: ExpiredAuthError, without core's trailer or the leaked secret", async () => {
    shownTo(SS_SECRET).get('/v1/api-keys/current').reply(200, { apiKey: leakedKey });
    asConnection().delete(keyPath(leakedKey.id)).reply(401, ss.error401);
    expectNoRequest(nock(SMASHSEND).post(KEYS).reply(200, twinOf(leakedKey)));
    const outcome = await outcomeOf(
      run('creates', 'revoke_leaked_api_key', { secret: SS_SECRET }, without(AUTH, 'smartlead_api_key', 'smarte_api_key')),
    );
    expect(outcome).toMatchObject({ ok: false, name: 'ExpiredAuthError' });
    expect(outcome.message).toContain(`SMASHSEND rejected the API key (401 on DELETE ${keyPath(leakedKey.id)})`);
    expect(outcome.fullText).not.toContain('What happened');
    expect(outcome.fullText).not.toContain(SS_SECRET);
  });

  it("another workspace's key: HaltedError saying why, nothing written (not even the delete's check)", async () => {
    shownTo(SS_SECRET)
      .get('/v1/api-keys/current')
      .reply(200, { apiKey: { ...leakedKey, workspaceId: OTHER_WORKSPACE } });
    noWrites();
    expectNoRequest(nock(SMASHSEND, BEARER).get('/v1/api-keys/current').reply(200, ss.connectionKey));
    await expectZapierError(revoke(SS_SECRET), {
      name: 'HaltedError',
      says: `SMASHSEND API key aki_leaked0001 (********6789) cannot be revoked here: it belongs to SMASHSEND workspace ${OTHER_WORKSPACE}, not to this connection's workspace ${ss.WORKSPACE_ID}: only that workspace can delete it. Nothing was revoked: revoke it where it belongs.`,
      secrets: [SS_SECRET],
    });
    expect(order).toEqual(['GET SMASHSEND /v1/api-keys/current']);
  });
});

describe('SmartLead', () => {
  const leaked = {
    id: 52,
    client_id: 301,
    key_name: 'Webhook Relay',
    api_key: SL_SECRET,
    status: 'active',
    created_at: '2025-10-02T11:30:00.000Z',
  };
  const list = () =>
    smartlead()
      .get(SL_KEYS)
      .query(apiKey)
      .reply(200, { ok: true, data: [leaked] });

  it('resets the key: the same record, a new value, delivered once', async () => {
    list();
    smartlead()
      .put(`${SL_KEYS}/reset/52`)
      .query(apiKey)
      .reply(200, { ok: true, data: { ...leaked, api_key: SL_NEW } });
    expect(await revoke(SL_SECRET)).toEqual({
      vendor: 'SmartLead',
      key_id: '52',
      name: 'Webhook Relay',
      action: 'reset',
      key_hint: '********WXYZ',
      new_key_id: '52',
      new_secret: SL_NEW,
      warning: '',
    });
    expect(order).toEqual([`GET SmartLead ${SL_KEYS}`, `PUT SmartLead ${SL_KEYS}/reset/52`]);
  });

  it('Issue a Replacement off: deleted', async () => {
    list();
    smartlead().delete(`${SL_KEYS}/52`).query(apiKey).reply(200, { ok: true });
    expect(await revoke(SL_SECRET, { replace: 'false' })).toEqual({
      vendor: 'SmartLead',
      key_id: '52',
      name: 'Webhook Relay',
      action: 'deleted',
      key_hint: '********WXYZ',
      warning: '',
    });
    expect(order).toEqual([`GET SmartLead ${SL_KEYS}`, `DELETE SmartLead ${SL_KEYS}/52`]);
  });

  it("the SmartLead account key (the connection's own): HaltedError, SmartLead's API cannot reset it, nothing asked or written", async () => {
    noWrites();
    await expectZapierError(revoke(AUTH.smartlead_api_key), {
      name: 'HaltedError',
      says: "it is the SmartLead account key, which SmartLead's API cannot reset: regenerate it in SmartLead's settings, then reconnect",
      secrets: [AUTH.smartlead_api_key],
    });
    expect(order).toEqual([]);
  });
});

describe('SMARTe', () => {
  // The key view that finds the secret is the suspension's own check too: SMARTe is not asked for the key again.
  function viewThenSuspend() {
    smarteRecorded().post(VIEW, {}).reply(200, sm.viewAll);
    smarteRecorded().post(UPDATE, { email: sm.userKey.email, action: 'suspend' }).reply(200, sm.suspended);
  }

  it('suspends the key (the one view, then the suspension); no replacement exists there, and the warning says so', async () => {
    viewThenSuspend();
    expect(await revoke(SM_SECRET)).toEqual({
      vendor: 'SMARTe',
      key_id: sm.userKey.keyId,
      name: sm.userKey.email,
      action: 'suspended',
      key_hint: '********3vs=',
      warning: "SMARTe cannot issue a replacement: the user's key stays suspended (reactivating it would bring back the leaked value).",
    });
    expect(order).toEqual([`POST SMARTe ${VIEW}`, `POST SMARTe ${UPDATE}`]);
  });

  it('Issue a Replacement off: suspended, and nothing to warn about', async () => {
    viewThenSuspend();
    expect(await revoke(SM_SECRET, { replace: false })).toMatchObject({ action: 'suspended', warning: '' });
  });

  it('a key suspended already: HaltedError (it no longer works), nothing written', async () => {
    smarteRecorded()
      .post(VIEW, {})
      .reply(200, { ...sm.viewAll, data: [{ ...sm.userKey, status: 'suspended' }] });
    noWrites();
    await expectZapierError(revoke(SM_SECRET), {
      name: 'HaltedError',
      says: 'cannot be revoked here: it is suspended already: it no longer works.',
      secrets: [SM_SECRET],
    });
  });
});

describe('a secret no vendor of the connection knows', () => {
  it('HaltedError naming the vendors asked and the secret’s last 4 characters, nothing written, no secret in the error', async () => {
    const unknown = 'sk_live_nobodyKnowsThisSecret00000LAST';
    shownTo(unknown).get('/v1/api-keys/current').reply(401, ss.error401);
    smartlead().get(SL_KEYS).query(apiKey).reply(200, { ok: true, data: [] });
    smarteRecorded().post(VIEW, {}).reply(200, sm.viewAll);
    noWrites();
    const outcome = await outcomeOf(revoke(unknown));
    expect(outcome).toMatchObject({ ok: false, name: 'HaltedError' });
    expect(outcome.message).toBe(
      'No vendor of this connection (SMASHSEND, SmartLead, SMARTe) knows the secret ending in LAST: nothing was revoked. It may be revoked already, or belong to another account; the "Find API Key by Secret" step shows where a secret belongs.',
    );
    // Not even in what the error carries besides: core's "What happened" trailer (the bundle, the secret in it) is kept out.
    expect(outcome.fullText).not.toContain('What happened');
    expect(outcome.fullText).not.toContain(unknown);
    expect(order).toEqual([`GET SMASHSEND /v1/api-keys/current`, `GET SmartLead ${SL_KEYS}`, `POST SMARTe ${VIEW}`]);
  });
});

describe('input', () => {
  it.each(['maybe', 'tru', 2])('Issue a Replacement %p: refused before any request, naming the field by its label', async (replace) => {
    await expectZapierError(revoke(SS_SECRET, { replace }), {
      name: 'AppError',
      code: 'input',
      says: 'Issue a Replacement must be true or false.',
    });
    expect(unmatched).toEqual([]);
    expect(order).toEqual([]);
  });

  it('a missing secret: refused before any request', async () => {
    await expectZapierError(run('creates', 'revoke_leaked_api_key', {}), {
      name: 'AppError',
      code: 'input',
      says: 'Secret is required: map the leaked key value.',
    });
    expect(unmatched).toEqual([]);
  });
});
