// find_api_key_by_secret under nock: which vendor is asked, in which order, with what (SMASHSEND is shown the secret —
// as the Bearer token of GET /v1/api-keys/current — only when its shape is SMASHSEND's, or once SmartLead and SMARTe do
// not know it), and the one row the Zap builder sees for each vendor and case, or [] when no vendor knows the secret.

import nock from 'nock';
import { AUTH, run, without, type Auth } from '../support/app';
import { expectNoRequest, recordUnmatchedRequests, useNock } from '../support/nock';
import { SL_KEYS } from '../support/operations';
import { expectZapierError, outcomeOf } from '../support/outcome';
import { VIEW, smarte } from '../support/smarte';
import { OTHER_WORKSPACE, SL_SECRET, SM_SECRET, SS_SECRET, leakedKey, order, recorded, shownTo, smarteRecorded } from '../support/leak';
import { SMARTE, SMARTLEAD } from '../support/vendors';
import * as ss from '../fixtures/smashsend';
import * as sm from '../fixtures/smarte';

useNock();
const unmatched = recordUnmatchedRequests();

const slList = (data: unknown[]) =>
  recorded(nock(SMARTLEAD), 'SmartLead').get(SL_KEYS).query({ api_key: AUTH.smartlead_api_key }).reply(200, { ok: true, data });
const slKey = (overrides: Record<string, unknown> = {}) => ({
  id: 52,
  client_id: 301,
  key_name: 'Webhook Relay',
  api_key: SL_SECRET,
  status: 'active',
  created_at: '2025-10-02T11:30:00.000Z',
  ...overrides,
});

/** Sentinels: a request to these would be a leak (SMASHSEND shown a secret it need not see) or a wasted lookup. */
const smashsendNeverShown = (secret: string) => expectNoRequest(shownTo(secret).get('/v1/api-keys/current').reply(401, ss.error401));
const smartleadNeverAsked = () => expectNoRequest(nock(SMARTLEAD).get(SL_KEYS).query(true).reply(200, { ok: true, data: [] }));
const smarteNeverAsked = () => expectNoRequest(nock(SMARTE).post(VIEW).reply(200, sm.viewAll));

const find = (secret: unknown, extra: Record<string, unknown> = {}, auth: Auth = AUTH) =>
  run('searches', 'find_api_key_by_secret', { secret, ...extra }, auth);

describe('a SMASHSEND-shaped secret: SMASHSEND first, shown the secret as the Bearer token', () => {
  it('names the key: one row, and the other vendors are not asked', async () => {
    const scope = shownTo(SS_SECRET).get('/v1/api-keys/current').reply(200, { apiKey: leakedKey });
    smartleadNeverAsked();
    smarteNeverAsked();
    expect(await find(SS_SECRET)).toEqual([
      {
        id: 'SMASHSEND:aki_leaked0001',
        vendor: 'SMASHSEND',
        key_id: 'aki_leaked0001',
        name: 'CI Deploy Key',
        status: 'ACTIVE',
        created_at: '2024-05-01T08:00:00.000Z',
        key_hint: '********6789',
        live: true,
        connection_key: false,
        revocable: true,
        reason: '',
      },
    ]);
    scope.done();
    expect(order).toEqual([`GET SMASHSEND /v1/api-keys/current`]);
    expect(unmatched).toEqual([]);
  });

  it("the connection's own SMASHSEND key is marked as such (and can be revoked: that is the point of a leak)", async () => {
    shownTo(AUTH.smashsend_api_key).get('/v1/api-keys/current').reply(200, ss.connectionKey);
    const [row] = (await find(AUTH.smashsend_api_key)) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ id: `SMASHSEND:${ss.CONNECTION_KEY_ID}`, connection_key: true, revocable: true, live: true });
  });

  it("another workspace's key: identified, not revocable, and why", async () => {
    shownTo(SS_SECRET)
      .get('/v1/api-keys/current')
      .reply(200, { apiKey: { ...leakedKey, workspaceId: OTHER_WORKSPACE } });
    const [row] = (await find(SS_SECRET)) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({
      key_id: 'aki_leaked0001',
      live: true,
      connection_key: false,
      revocable: false,
      reason: `it belongs to SMASHSEND workspace ${OTHER_WORKSPACE}, not to this connection's workspace ${ss.WORKSPACE_ID}: only that workspace can delete it`,
    });
  });

  it('SMASHSEND says no (401): shape is never relied on alone, so SmartLead and SMARTe are asked too; none knows it: []', async () => {
    shownTo(SS_SECRET).get('/v1/api-keys/current').reply(401, ss.error401);
    slList([slKey({ api_key: 'cl_live_someOtherValue00000000' })]);
    smarteRecorded().post(VIEW, {}).reply(200, sm.viewAll);
    expect(await find(SS_SECRET)).toEqual([]);
    expect(order).toEqual([`GET SMASHSEND /v1/api-keys/current`, `GET SmartLead ${SL_KEYS}`, `POST SMARTe ${VIEW}`]);
  });

  it('a dead key SMASHSEND answers 403 for is not known either (VENDOR-NOTES: tolerate 403)', async () => {
    shownTo(SS_SECRET).get('/v1/api-keys/current').reply(403, ss.error403);
    expect(await find(SS_SECRET, { vendors: ['SMASHSEND'] })).toEqual([]);
  });

  it.each([
    ['a 404', 404, { statusCode: 404, error: 'Not Found', message: 'Cannot GET /v1/api-keys/current' }, 'not_found'],
    ['a 500', 500, { statusCode: 500, error: 'Internal Server Error', message: 'Internal server error.' }, 'server'],
    ['an unreadable 200', 200, '<html>portal</html>', 'bad_response'],
  ] as const)('%s on the lookup means SMASHSEND could not be asked: an error, never []', async (_what, status, body, code) => {
    shownTo(SS_SECRET).get('/v1/api-keys/current').reply(status, body);
    const error = await expectZapierError(find(SS_SECRET, { vendors: ['SMASHSEND'] }), {
      name: 'AppError',
      code,
      status,
      says: 'GET /v1/api-keys/current',
      secrets: [SS_SECRET, AUTH.smashsend_api_key],
    });
    expect(error.message).not.toContain('Reconnect'); // the connection's key was not the one asked about
  });

  it('SMASHSEND echoing the secret in its error body: the message shows the vendor’s words without it', async () => {
    shownTo(SS_SECRET)
      .get('/v1/api-keys/current')
      .reply(500, { statusCode: 500, error: 'Internal Server Error', message: `No key ${SS_SECRET} here` });
    const outcome = await outcomeOf(find(SS_SECRET, { vendors: ['SMASHSEND'] }));
    expect(outcome).toMatchObject({ ok: false, name: 'AppError', code: 'server' });
    expect(outcome.fullText).not.toContain(SS_SECRET);
  });
});

describe('a SmartLead-shaped secret: SmartLead’s list first (values compared here); SMASHSEND shown it only if nobody knows it', () => {
  it('found in the client-key list: one row; SMARTe is not asked, SMASHSEND never shown the secret', async () => {
    const scope = slList([slKey({ id: 51, api_key: 'cl_live_anotherValue0000000000' }), slKey()]);
    smarteNeverAsked();
    smashsendNeverShown(SL_SECRET);
    expect(await find(SL_SECRET)).toEqual([
      {
        id: 'SmartLead:52',
        vendor: 'SmartLead',
        key_id: '52',
        name: 'Webhook Relay',
        status: 'active',
        created_at: '2025-10-02T11:30:00.000Z',
        key_hint: '********WXYZ',
        live: true,
        connection_key: false,
        revocable: true,
        reason: '',
      },
    ]);
    scope.done();
    expect(order).toEqual([`GET SmartLead ${SL_KEYS}`]);
  });

  it('an inactive key is found, not live (still revocable: its value could be reactivated)', async () => {
    slList([slKey({ status: 'inactive' })]);
    const [row] = (await find(SL_SECRET)) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ status: 'inactive', live: false, revocable: true });
  });

  it("the SmartLead account key (the connection's own): known without a request, not revocable through the API, and why", async () => {
    smartleadNeverAsked();
    smarteNeverAsked();
    smashsendNeverShown(AUTH.smartlead_api_key);
    expect(await find(AUTH.smartlead_api_key)).toEqual([
      {
        id: 'SmartLead:account',
        vendor: 'SmartLead',
        key_id: 'account',
        name: 'SmartLead account API key',
        status: null,
        created_at: null,
        key_hint: `********${AUTH.smartlead_api_key.slice(-4)}`,
        live: true,
        connection_key: true,
        revocable: false,
        reason:
          "it is the SmartLead account key, which SmartLead's API cannot reset: regenerate it in SmartLead's settings, then reconnect",
      },
    ]);
  });

  it('nobody knows it: SmartLead, then SMARTe, then — last — SMASHSEND is shown it (401): []', async () => {
    slList([slKey({ api_key: 'cl_live_someOtherValue00000000' })]);
    smarteRecorded().post(VIEW, {}).reply(200, sm.viewAll);
    const scope = shownTo(SL_SECRET).get('/v1/api-keys/current').reply(401, ss.error401);
    expect(await find(SL_SECRET)).toEqual([]);
    scope.done();
    expect(order).toEqual([`GET SmartLead ${SL_KEYS}`, `POST SMARTe ${VIEW}`, `GET SMASHSEND /v1/api-keys/current`]);
  });

  it('Vendors limits where it looks: SMARTe alone is asked, and does not know a SmartLead value', async () => {
    smarte().post(VIEW, {}).reply(200, sm.viewAll);
    smartleadNeverAsked();
    smashsendNeverShown(SL_SECRET);
    expect(await find(SL_SECRET, { vendors: ['SMARTe'] })).toEqual([]);
  });

  it("a connection without SmartLead's key looks at the others only", async () => {
    smarte().post(VIEW, {}).reply(200, sm.viewAll);
    shownTo(SL_SECRET).get('/v1/api-keys/current').reply(401, ss.error401);
    smartleadNeverAsked();
    expect(await find(SL_SECRET, {}, without(AUTH, 'smartlead_api_key'))).toEqual([]);
  });
});

describe("a SMARTe-shaped secret: SMARTe's view first (values compared here)", () => {
  it('found in the view: one row, undated (SMARTe keys carry no dates), named by the user’s email', async () => {
    const scope = smarte().post(VIEW, {}).reply(200, sm.viewAll);
    smartleadNeverAsked();
    smashsendNeverShown(SM_SECRET);
    expect(await find(SM_SECRET)).toEqual([
      {
        id: `SMARTe:${sm.userKey.keyId}`,
        vendor: 'SMARTe',
        key_id: sm.userKey.keyId,
        name: sm.userKey.email,
        status: 'active',
        created_at: null,
        key_hint: '********3vs=',
        live: true,
        connection_key: false,
        revocable: true,
        reason: '',
      },
    ]);
    scope.done();
  });

  it('a suspended key: found, not live, nothing to revoke', async () => {
    smarte()
      .post(VIEW, {})
      .reply(200, { ...sm.viewAll, data: [{ ...sm.userKey, status: 'suspended' }, sm.otherKey] });
    const [row] = (await find(SM_SECRET)) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ live: false, revocable: false, reason: 'it is suspended already: it no longer works' });
  });

  it("the connection's own admin key is marked as such", async () => {
    const admin = { keyId: '0e6f7a1b-3c2d-4e5f-8a9b-0c1d2e3f4a5b', email: 'admin@smarte.pro', role: 'admin', status: 'active' };
    smarte()
      .post(VIEW, {})
      .reply(200, { ...sm.viewAll, data: [{ ...admin, apiKey: AUTH.smarte_api_key }, sm.userKey] });
    const [row] = (await find(AUTH.smarte_api_key)) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ vendor: 'SMARTe', name: 'admin@smarte.pro', connection_key: true });
  });
});

describe('input', () => {
  it.each([
    ['blank', '   ', 'Secret is required: map the leaked key value.'],
    [
      'two values',
      `${SS_SECRET} ${SL_SECRET}`,
      'Secret must be one key value: letters, digits and symbols, without spaces or line breaks.',
    ],
    ['too long', 'x'.repeat(1001), 'Secret must be one key value of at most 1000 characters.'],
  ])('%s: refused before any request, naming the field by its label', async (_what, secret, message) => {
    await expectZapierError(find(secret), { name: 'AppError', code: 'input', says: message });
    expect(unmatched).toEqual([]);
  });

  it('a padded secret is trimmed before it is compared or shown to SMASHSEND', async () => {
    shownTo(SS_SECRET).get('/v1/api-keys/current').reply(200, { apiKey: leakedKey });
    expect(await find(`  ${SS_SECRET}\n`)).toHaveLength(1);
  });
});
