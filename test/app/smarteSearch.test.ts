// find_smarte_api_key: the exact SMARTe view-one request, [key] on a hit, [] on a miss, and every way it can fail.

import { run } from '../support/app';
import { expectNoRequest, useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { HIDE_SECRET, MASKED, SHOW_SECRET, VIEW, anySmarteRequest, failures, smarte } from '../support/smarte';
import * as fx from '../fixtures/smarte';

useNock();

const email = fx.userKey.email;

describe('find_smarte_api_key', () => {
  it('posts {email} and returns that key, id = keyId, value masked', async () => {
    const scope = smarte().post(VIEW, { email }).reply(200, fx.viewOne);
    expect(await run('searches', 'find_smarte_api_key', { email: `  ${email}  ` })).toEqual([
      { id: fx.userKey.keyId, ...fx.userKey, apiKey: MASKED.userKey },
    ]);
    scope.done();
  });

  it.each(SHOW_SECRET)('shows the full key value when include_secret is %p', async (include_secret) => {
    smarte().post(VIEW, { email }).reply(200, fx.viewOne);
    expect(await run('searches', 'find_smarte_api_key', { email, include_secret })).toEqual([{ id: fx.userKey.keyId, ...fx.userKey }]);
  });

  it.each(HIDE_SECRET)('masks the key value when include_secret is %p', async (include_secret) => {
    smarte().post(VIEW, { email }).reply(200, fx.viewOne);
    expect(await run('searches', 'find_smarte_api_key', { email, include_secret })).toEqual([
      { id: fx.userKey.keyId, ...fx.userKey, apiKey: MASKED.userKey },
    ]);
  });

  it('picks the matching key, ignoring case, when SMARTe answers with a list', async () => {
    smarte().post(VIEW, { email: 'DEV.UDI@SMARTE.PRO' }).reply(200, fx.viewAll);
    expect(await run('searches', 'find_smarte_api_key', { email: 'DEV.UDI@SMARTE.PRO' })).toEqual([
      { id: fx.otherKey.keyId, ...fx.otherKey, apiKey: MASKED.otherKey },
    ]);
  });

  it.each([
    ['a 404', 404, { error: { code: 'not_found', message: `No API key found for ${email}`, status: 404 } }],
    ['a 404 with no body', 404, ''],
    ['data null', 200, { message: 'Key details fetched successfully', data: null }],
    ['an empty list', 200, { message: 'Key details fetched successfully', data: [] }],
    ["another user's key", 200, { message: 'Key details fetched successfully', data: fx.otherKey }],
  ])('returns [] when SMARTe answers %s', async (_what, status, body) => {
    const scope = smarte().post(VIEW, { email }).reply(status, body);
    expect(await run('searches', 'find_smarte_api_key', { email })).toEqual([]);
    scope.done();
  });

  it('fails plainly when the answer has no data at all, rather than report a miss (a Find or Create would duplicate the key)', async () => {
    smarte().post(VIEW, { email }).reply(200, { message: 'Key details fetched successfully' });
    await expectZapierError(run('searches', 'find_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['unexpected response', 'data is missing', 'A retry may help'],
    });
  });

  it.each(failures(VIEW))('$what', async ({ auth, status, body, headers, expected }) => {
    smarte().post(VIEW, { email }).reply(status, body, headers);
    await expectZapierError(run('searches', 'find_smarte_api_key', { email }, auth), expected);
  });

  it.each([
    ['an empty email', '', 'must not be empty'],
    ['no email', undefined, 'is required'],
    ['a malformed email', 'dev.udi_user@smarte', 'must be an email address'],
  ])('refuses %s before any request', async (_what, value, rule) => {
    const scope = anySmarteRequest();
    await expectZapierError(run('searches', 'find_smarte_api_key', { email: value }), {
      name: 'AppError',
      code: 'input',
      says: [/^Email /, rule],
    });
    expectNoRequest(scope);
  });
});
