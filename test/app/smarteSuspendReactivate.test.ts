// suspend_smarte_api_key and reactivate_smarte_api_key: the exact SMARTe update request, one stable output shape
// whether or not SMARTe sends the key record, and every way they can fail.

import { run } from '../support/app';
import { expectNoRequest, useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { HIDE_SECRET, MASKED, SHOW_SECRET, UPDATE, anySmarteRequest, failures, smarte } from '../support/smarte';
import * as fx from '../fixtures/smarte';

useNock();

const email = fx.userKey.email;

/** A suspension or reactivation is safe to repeat: a lost or unreadable answer says it may have happened, and how to see. */
/** The key phrases of the advice when a suspend or reactivate may have happened: it may have, a repeat is safe, the search. */
const repeatSafe = (mayHaveHappened: string) => [mayHaveHappened, 'Repeating this step is safe', '"Find SMARTe API Key" step'];

const steps = [
  {
    key: 'suspend_smarte_api_key',
    action: 'suspend',
    status: 'suspended',
    answer: fx.suspended,
    message: 'Key suspended successfully',
    afterBadAnswer: repeatSafe('The key may have been suspended anyway (a repeat would then be refused as already suspended)'),
  },
  {
    key: 'reactivate_smarte_api_key',
    action: 'activate',
    status: 'active',
    answer: fx.reactivated,
    message: 'Key activated successfully',
    afterBadAnswer: repeatSafe('The key may have been reactivated anyway (a repeat would then be refused as not suspended)'),
  },
] as const;

describe.each(steps)('$key', ({ key, action, status, answer, message, afterBadAnswer }) => {
  it(`posts {email, action: "${action}"} and returns the key record, id = keyId, value masked`, async () => {
    const scope = smarte().post(UPDATE, { email, action }).reply(200, answer);
    expect(await run('creates', key, { email: ` ${email} ` })).toEqual({
      id: fx.userKey.keyId,
      ...fx.userKey,
      status,
      apiKey: MASKED.userKey,
      message,
    });
    scope.done();
  });

  it.each(SHOW_SECRET)('shows the full key value when include_secret is %p', async (include_secret) => {
    smarte().post(UPDATE, { email, action }).reply(200, answer);
    expect(await run('creates', key, { email, include_secret })).toMatchObject({ apiKey: fx.userKey.apiKey });
  });

  it.each(HIDE_SECRET)('masks the key value when include_secret is %p', async (include_secret) => {
    smarte().post(UPDATE, { email, action }).reply(200, answer);
    expect(await run('creates', key, { email, include_secret })).toMatchObject({ apiKey: MASKED.userKey });
  });

  it('gives the same fields when SMARTe answers with only a message: id = the email', async () => {
    smarte().post(UPDATE, { email, action }).reply(200, { message });
    expect(await run('creates', key, { email, include_secret: true })).toEqual({
      id: email,
      keyId: null,
      email,
      role: null,
      status,
      apiKey: null,
      message,
    });
  });

  it('gives the same fields when SMARTe answers with neither record nor message', async () => {
    smarte().post(UPDATE, { email, action }).reply(200, { data: null });
    expect(await run('creates', key, { email })).toEqual({
      id: email,
      keyId: null,
      email,
      role: null,
      status,
      apiKey: null,
      message: null,
    });
  });

  it('says which key was not found (the email) on a 404', async () => {
    smarte()
      .post(UPDATE, { email: 'nobody@smarte.pro', action })
      .reply(404, { error: { code: 'not_found', message: 'No API key found for nobody@smarte.pro', status: 404 } });
    await expectZapierError(run('creates', key, { email: 'nobody@smarte.pro' }), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no key for nobody@smarte.pro', 'No API key found for nobody@smarte.pro'],
    });
  });

  it('says which key was not found even when the 404 has no body', async () => {
    smarte().post(UPDATE, { email, action }).reply(404, '');
    await expectZapierError(run('creates', key, { email }), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: `SMARTe has no key for ${email}`,
    });
  });

  it("explains a key SMARTe's admin key may not change (403)", async () => {
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

  it.each(failures(UPDATE, afterBadAnswer))('$what', async ({ status: code, body, headers, expected }) => {
    smarte().post(UPDATE, { email, action }).reply(code, body, headers);
    await expectZapierError(run('creates', key, { email }), expected);
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
