// suspend_smarte_api_key and reactivate_smarte_api_key: the exact SMARTe requests (a suspension views the key first,
// and halts before any write when there is no key or it is the connection's own admin key; a reactivation only
// updates), one stable output shape whether or not SMARTe sends the key record, and every way they can fail.

import nock from 'nock';
import { AUTH, run, type Auth } from '../support/app';
import { expectNoRequest, useNock } from '../support/nock';
import { expectZapierError, masked } from '../support/outcome';
import {
  CONNECTION_KEY_RECORD,
  HIDE_SECRET,
  MASKED,
  SHOW_SECRET,
  SMARTE_ONLY,
  UPDATE,
  VIEW,
  anySmarteRequest,
  failures,
  smarte,
  viewsKey,
} from '../support/smarte';
import { SMARTE } from '../support/vendors';
import * as fx from '../fixtures/smarte';

useNock();

const email = fx.userKey.email;
const FIND = 'The "Find SMARTe API Key" step (or the SMARTe dashboard) shows the key\'s current state.';

/** The key phrases of the advice when a suspend or reactivate may have happened: it may have, a repeat is safe, the search. */
const repeatSafe = (mayHaveHappened: string) => [mayHaveHappened, 'Repeating this step is safe', '"Find SMARTe API Key" step'];

/** A sentinel for the update: any POST /signals/v1/key/update at all (expectNoRequest proves none came). */
const anyUpdate = () => nock(SMARTE).post(UPDATE).reply(200, fx.suspended);

const steps = [
  {
    key: 'suspend_smarte_api_key',
    action: 'suspend',
    status: 'suspended',
    answer: fx.suspended,
    message: 'Key suspended successfully',
    afterBadAnswer: repeatSafe('The key may have been suspended anyway (a repeat would then be refused as already suspended)'),
    /** A suspension views the key first (the docs' user key, not the connection's), then updates it. */
    before: (address: string) => viewsKey(address),
    /** The output's `warning`: empty when the key is not the connection's own. */
    extra: { warning: '' },
  },
  {
    key: 'reactivate_smarte_api_key',
    action: 'activate',
    status: 'active',
    answer: fx.reactivated,
    message: 'Key activated successfully',
    afterBadAnswer: repeatSafe('The key may have been reactivated anyway (a repeat would then be refused as not suspended)'),
    /** A reactivation sends the update alone (no view: nothing it does can lock the connection out). */
    before: undefined,
    extra: {},
  },
] as const;

describe.each(steps)('$key', ({ key, action, status, answer, message, afterBadAnswer, before, extra }) => {
  it(`posts {email, action: "${action}"} and returns the key record, id = keyId, value masked`, async () => {
    const view = before?.(email);
    const scope = smarte().post(UPDATE, { email, action }).reply(200, answer);
    expect(await run('creates', key, { email: ` ${email} ` })).toEqual({
      id: fx.userKey.keyId,
      ...fx.userKey,
      status,
      apiKey: MASKED.userKey,
      message,
      ...extra,
    });
    view?.done();
    scope.done();
  });

  it.each(SHOW_SECRET)('shows the full key value when include_secret is %p', async (include_secret) => {
    before?.(email);
    smarte().post(UPDATE, { email, action }).reply(200, answer);
    expect(await run('creates', key, { email, include_secret })).toMatchObject({ apiKey: fx.userKey.apiKey });
  });

  it.each(HIDE_SECRET)('masks the key value when include_secret is %p', async (include_secret) => {
    before?.(email);
    smarte().post(UPDATE, { email, action }).reply(200, answer);
    expect(await run('creates', key, { email, include_secret })).toMatchObject({ apiKey: MASKED.userKey });
  });

  it('gives the same fields when SMARTe answers with only a message: id = the email', async () => {
    before?.(email);
    smarte().post(UPDATE, { email, action }).reply(200, { message });
    expect(await run('creates', key, { email, include_secret: true })).toEqual({
      id: email,
      keyId: null,
      email,
      role: null,
      status,
      apiKey: null,
      message,
      ...extra,
    });
  });

  it('gives the same fields when SMARTe answers with neither record nor message', async () => {
    before?.(email);
    smarte().post(UPDATE, { email, action }).reply(200, { data: null });
    expect(await run('creates', key, { email })).toEqual({
      id: email,
      keyId: null,
      email,
      role: null,
      status,
      apiKey: null,
      message: null,
      ...extra,
    });
  });

  // A 404 on the update of a key that must exist is a precondition, not a fault of the Zap: a HaltedError (never
  // counted toward turning the Zap off) that names the email and the search that shows the key's state.
  it('halts on a 404 from the update, naming the email, saying nothing was changed and which search shows the key', async () => {
    before?.('nobody@smarte.pro');
    smarte()
      .post(UPDATE, { email: 'nobody@smarte.pro', action })
      .reply(404, { error: { code: 'not_found', message: 'No API key found for nobody@smarte.pro', status: 404 } });
    await expectZapierError(run('creates', key, { email: 'nobody@smarte.pro' }), {
      name: 'HaltedError',
      says: [
        `SMARTe has no key for nobody@smarte.pro (404 on POST ${UPDATE}): No API key found for nobody@smarte.pro.`,
        'Nothing was changed.',
        FIND,
      ],
    });
  });

  it('halts on a 404 from the update even when it has no body, naming the email', async () => {
    before?.(email);
    smarte().post(UPDATE, { email, action }).reply(404, '');
    await expectZapierError(run('creates', key, { email }), {
      name: 'HaltedError',
      says: [`SMARTe has no key for ${email} (404 on POST ${UPDATE})`, 'Nothing was changed.', FIND],
    });
  });

  it("explains a key SMARTe's admin key may not change (403)", async () => {
    before?.(email);
    smarte()
      .post(UPDATE, { email, action })
      .reply(403, { error: { code: 'forbidden', message: 'This endpoint requires an admin API key', status: 403 } });
    await expectZapierError(run('creates', key, { email }), {
      name: 'AppError',
      code: 'forbidden',
      status: 403,
      says: [
        'SMARTe refused access',
        'This endpoint requires an admin API key',
        'Reconnect with a SMARTe API key that is allowed to do this',
      ],
    });
  });

  it.each(failures(UPDATE, afterBadAnswer))('$what', async ({ auth, status: code, body, headers, expected }) => {
    before?.(email);
    smarte().post(UPDATE, { email, action }).reply(code, body, headers);
    await expectZapierError(run('creates', key, { email }, auth), expected);
  });

  it.each([
    ['an empty email', '', 'must not be empty'],
    ['no email', undefined, 'is required'],
    ['a malformed email', 'dev.udi_user', 'must be an email address'],
  ])('refuses %s before any request', async (_what, value, rule) => {
    const scope = anySmarteRequest();
    await expectZapierError(run('creates', key, { email: value }), { name: 'AppError', code: 'input', says: [/^Email /, rule] });
    expectNoRequest(scope);
  });
});

describe('reactivate_smarte_api_key refusals', () => {
  it("carries SMARTe's message when the key is not suspended (400)", async () => {
    smarte()
      .post(UPDATE, { email, action: 'activate' })
      .reply(400, { error: { code: 'bad_request', message: 'Only suspended keys can be reactivated', status: 400 } });
    await expectZapierError(run('creates', 'reactivate_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'Only suspended keys can be reactivated'],
    });
  });

  it("carries SMARTe's message when it is a plain {message} body", async () => {
    smarte().post(UPDATE, { email, action: 'activate' }).reply(400, { message: 'Key is not suspended' });
    await expectZapierError(run('creates', 'reactivate_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'Key is not suspended'],
    });
  });
});

describe('suspend_smarte_api_key refusals', () => {
  it("carries SMARTe's message when the key cannot be suspended (400)", async () => {
    viewsKey(email);
    smarte()
      .post(UPDATE, { email, action: 'suspend' })
      .reply(400, { error: { code: 'bad_request', message: 'Key is already suspended', status: 400 } });
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'Key is already suspended'],
    });
  });
});

describe("suspend_smarte_api_key: SMARTe's view of the key comes first, and nothing is written without a key or to the connection's own", () => {
  const admin = CONNECTION_KEY_RECORD.email;
  const suspend = (input: Record<string, unknown>, auth: Auth = AUTH) => run('creates', 'suspend_smarte_api_key', input, auth);
  const suspendedAdmin = { message: 'Key suspended successfully', data: { ...CONNECTION_KEY_RECORD, status: 'suspended' } };
  const RECONNECT_OR_REACTIVATE =
    'This was (or may have been) the admin key this Zapier connection signs in with: every SMARTe step of this connection fails until it is reactivated in SMARTe or you reconnect with another admin key in the SMARTe Admin API Key field.';
  const REFUSED_OWN_KEY = [
    `SMARTe API key ${admin} is the key this connection authenticates with: refused to suspend it, nothing was changed.`,
    'Pick another key, or turn on "Allow This Connection\'s Own Key" if you mean it',
  ];

  it('views that one key ({email}) and only then sends the update', async () => {
    const order: string[] = [];
    smarte()
      .post(VIEW, { email })
      .reply(() => {
        order.push('view');
        return [200, fx.viewOne];
      });
    smarte()
      .post(UPDATE, { email, action: 'suspend' })
      .reply(() => {
        order.push('update');
        return [200, fx.suspended];
      });
    expect(await suspend({ email })).toMatchObject({ email, status: 'suspended', warning: '' });
    expect(order).toEqual(['view', 'update']);
  });

  it('finds the key in a view that answers a list, the email compared ignoring case', async () => {
    smarte().post(VIEW, { email: 'DEV.UDI_USER@SMARTE.PRO' }).reply(200, fx.viewAll);
    smarte().post(UPDATE, { email: 'DEV.UDI_USER@SMARTE.PRO', action: 'suspend' }).reply(200, fx.suspended);
    expect(await suspend({ email: 'DEV.UDI_USER@SMARTE.PRO' })).toMatchObject({ keyId: fx.userKey.keyId, warning: '' });
  });

  it('halts when SMARTe has no key for the email (the view answers 404): it names the email and the Find step, and sends no update', async () => {
    smarte()
      .post(VIEW, { email: 'nobody@smarte.pro' })
      .reply(404, { error: { code: 'not_found', message: 'No API key found for nobody@smarte.pro', status: 404 } });
    const update = anyUpdate();
    await expectZapierError(suspend({ email: 'nobody@smarte.pro' }), {
      name: 'HaltedError',
      says: [`SMARTe has no key for nobody@smarte.pro (POST ${VIEW}).`, 'Nothing was changed.', FIND],
    });
    expectNoRequest(update);
  });

  it.each([
    ['data null', null],
    ['an empty list', []],
    ["only another user's key", fx.otherKey],
    ["a list of other users' keys", [fx.otherKey]],
  ])('halts when the view answers %s: no key for the email, no update', async (_what, data) => {
    viewsKey('nobody@smarte.pro', data);
    const update = anyUpdate();
    await expectZapierError(suspend({ email: 'nobody@smarte.pro' }), {
      name: 'HaltedError',
      says: [`SMARTe has no key for nobody@smarte.pro (POST ${VIEW}).`, 'Nothing was changed.', FIND],
    });
    expectNoRequest(update);
  });

  it.each([undefined, false, 'false', 'no', ''])(
    "halts when the key is the connection's own admin key (allow_connection_key %p): names the key, says how to go ahead, sends no update",
    async (allow_connection_key) => {
      viewsKey(admin, CONNECTION_KEY_RECORD);
      const update = anyUpdate();
      await expectZapierError(suspend({ email: admin, allow_connection_key }), {
        name: 'HaltedError',
        says: [...REFUSED_OWN_KEY, 'then reconnect with a working SMARTe key'],
        secrets: [AUTH.smarte_api_key],
      });
      expectNoRequest(update);
    },
  );

  it("recognises the connection's own key among others when the view answers a list", async () => {
    viewsKey(admin, [fx.userKey, CONNECTION_KEY_RECORD]);
    const update = anyUpdate();
    await expectZapierError(suspend({ email: admin }), { name: 'HaltedError', says: REFUSED_OWN_KEY, secrets: [AUTH.smarte_api_key] });
    expectNoRequest(update);
  });

  it.each([true, 'true', 'yes'])(
    "with allow_connection_key %p suspends the connection's own key and warns to reactivate it or reconnect",
    async (allow_connection_key) => {
      const view = viewsKey(admin, CONNECTION_KEY_RECORD);
      const update = smarte().post(UPDATE, { email: admin, action: 'suspend' }).reply(200, suspendedAdmin);
      expect(await suspend({ email: admin, allow_connection_key })).toEqual({
        id: CONNECTION_KEY_RECORD.keyId,
        ...CONNECTION_KEY_RECORD,
        status: 'suspended',
        apiKey: masked(AUTH.smarte_api_key),
        message: 'Key suspended successfully',
        warning: RECONNECT_OR_REACTIVATE,
      });
      view.done();
      update.done();
    },
  );

  it("with allow_connection_key on, another user's key is suspended with no warning", async () => {
    viewsKey(email);
    smarte().post(UPDATE, { email, action: 'suspend' }).reply(200, fx.suspended);
    expect(await suspend({ email, allow_connection_key: true })).toMatchObject({ email, status: 'suspended', warning: '' });
  });

  it.each([
    ['null', { ...fx.userKey, apiKey: null }],
    ['absent', (({ apiKey: _apiKey, ...bare }) => bare)(fx.userKey)],
    ['empty', { ...fx.userKey, apiKey: '' }],
  ])("halts when the view's apiKey is %s (no way to tell whether it is the connection's key), sending no update", async (_what, record) => {
    viewsKey(email, record);
    const update = anyUpdate();
    await expectZapierError(suspend({ email }), {
      name: 'HaltedError',
      says: [
        `SMARTe gave no way to tell whether API key ${email} is the key this connection authenticates with: refused to suspend it, nothing was changed.`,
        'turn on "Allow This Connection\'s Own Key" if you mean it (reconnect afterwards if it was this connection\'s key).',
      ],
    });
    expectNoRequest(update);
  });

  it("with allow_connection_key on, a key the view shows no value for is suspended, with the connection's-key warning", async () => {
    viewsKey(email, { ...fx.userKey, apiKey: null });
    smarte().post(UPDATE, { email, action: 'suspend' }).reply(200, fx.suspended);
    expect(await suspend({ email, allow_connection_key: 'true' })).toMatchObject({
      email,
      status: 'suspended',
      warning: RECONNECT_OR_REACTIVATE,
    });
  });

  it('refuses an allow_connection_key that is neither true nor false, naming the field, before any request', async () => {
    const scope = anySmarteRequest();
    await expectZapierError(suspend({ email, allow_connection_key: 'maybe' }), {
      name: 'AppError',
      code: 'input',
      says: "Allow This Connection's Own Key must be true or false.",
    });
    expectNoRequest(scope);
  });

  it.each([
    [
      'three-vendor',
      AUTH,
      {
        name: 'AppError',
        code: 'auth',
        status: 401,
        says: [
          `SMARTe rejected the API key (401 on POST ${VIEW}): Invalid API key`,
          "Reconnect with a working key in the SMARTe Admin API Key field; the connection's other vendors keep working.",
        ],
      },
    ],
    [
      'SMARTe-only',
      SMARTE_ONLY,
      {
        name: 'ExpiredAuthError',
        says: [`SMARTe rejected the API key (401 on POST ${VIEW}): Invalid API key`, 'Reconnect your SMARTe API key in this connection.'],
      },
    ],
  ])('a 401 on the view in a %s connection is reported as such, and no update is sent', async (_what, auth, expected) => {
    smarte().post(VIEW, { email }).reply(401, { message: 'Invalid API key' });
    const update = anyUpdate();
    await expectZapierError(suspend({ email }, auth), expected);
    expectNoRequest(update);
  });

  it('a 429 on the view is throttled, and no update is sent', async () => {
    smarte().post(VIEW, { email }).reply(429, fx.rateLimited, { 'Retry-After': '30' });
    const update = anyUpdate();
    await expectZapierError(suspend({ email }), {
      name: 'ThrottledError',
      delay: 30,
      says: [`SMARTe rate limit reached (429 on POST ${VIEW}): Rate limit exceeded for your organisation`, 'Retry after 30 s'],
    });
    expectNoRequest(update);
  });
});

describe('suspend_smarte_api_key: a bad answer to the view, before anything was written', () => {
  // The view is a read that SMARTe takes as a POST: the connector marks its errors readOnly, so an unreadable answer to
  // it reads as a read's failure ("A retry may help."), never as "the key may have been suspended anyway".
  it.each(failures(VIEW).filter((failure) => failure.what.includes('bad answer')))('$what', async ({ status, body, headers, expected }) => {
    // No update interceptor: an update request would fail on nock's disabled network, not with the expected error.
    smarte().post(VIEW, { email }).reply(status, body, headers);
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email }), expected);
  });
});

describe('reactivate_smarte_api_key: no view first', () => {
  it("sends the update alone, also for the connection's own admin key (reactivating cannot lock the connection out)", async () => {
    const scope = smarte()
      .post(UPDATE, { email: CONNECTION_KEY_RECORD.email, action: 'activate' })
      .reply(200, { message: 'Key activated successfully', data: CONNECTION_KEY_RECORD });
    const view = nock(SMARTE).post(VIEW).reply(200, { data: CONNECTION_KEY_RECORD });
    expect(await run('creates', 'reactivate_smarte_api_key', { email: CONNECTION_KEY_RECORD.email })).toMatchObject({
      email: CONNECTION_KEY_RECORD.email,
      status: 'active',
    });
    scope.done();
    expectNoRequest(view);
  });
});
