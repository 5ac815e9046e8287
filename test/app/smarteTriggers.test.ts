// new_smarte_api_key and the hidden smarte_api_key_list: the exact SMARTe view request and what the Zap builder sees.

import { run } from '../support/app';
import { useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { HIDE_SECRET, MASKED, SHOW_SECRET, SMARTE_ONLY, VIEW, failures, smarte } from '../support/smarte';
import * as fx from '../fixtures/smarte';

useNock();

describe('new_smarte_api_key', () => {
  it('asks SMARTe for every key with an empty body and returns them in its order, id = keyId, values masked', async () => {
    const scope = smarte().post(VIEW, {}).reply(200, fx.viewAll);
    expect(await run('triggers', 'new_smarte_api_key')).toEqual([
      { id: fx.userKey.keyId, ...fx.userKey, apiKey: MASKED.userKey },
      { id: fx.otherKey.keyId, ...fx.otherKey, apiKey: MASKED.otherKey },
    ]);
    scope.done();
  });

  it.each(SHOW_SECRET)('shows the full key values when include_secret is %p', async (include_secret) => {
    const scope = smarte().post(VIEW, {}).reply(200, fx.viewAll);
    expect(await run('triggers', 'new_smarte_api_key', { include_secret })).toEqual([
      { id: fx.userKey.keyId, ...fx.userKey },
      { id: fx.otherKey.keyId, ...fx.otherKey },
    ]);
    scope.done();
  });

  it.each(HIDE_SECRET)('masks the key values when include_secret is %p', async (include_secret) => {
    smarte().post(VIEW, {}).reply(200, fx.viewAll);
    const result = (await run('triggers', 'new_smarte_api_key', { include_secret })) as { apiKey: string }[];
    expect(result.map((key) => key.apiKey)).toEqual([MASKED.userKey, MASKED.otherKey]);
  });

  it('reads a single key sent as an object (as in the docs) as a list of one', async () => {
    smarte().post(VIEW, {}).reply(200, fx.viewOne);
    expect(await run('triggers', 'new_smarte_api_key')).toEqual([{ id: fx.userKey.keyId, ...fx.userKey, apiKey: MASKED.userKey }]);
  });

  it.each([
    ['null', { message: 'No keys found', data: null }],
    ['an empty list', { message: 'Key details fetched successfully', data: [] }],
  ])('returns no keys when data is %s', async (_what, body) => {
    smarte().post(VIEW, {}).reply(200, body);
    expect(await run('triggers', 'new_smarte_api_key')).toEqual([]);
  });

  it('fails plainly when the answer has no data at all (an unreadable answer is not "no keys")', async () => {
    smarte().post(VIEW, {}).reply(200, { message: 'No keys found' });
    await expectZapierError(run('triggers', 'new_smarte_api_key'), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['unexpected response', 'data is missing', 'A retry may help'],
    });
  });

  it('keeps a key whose role and apiKey SMARTe left out, with those fields null', async () => {
    const { role: _role, apiKey: _apiKey, ...bare } = fx.otherKey;
    smarte()
      .post(VIEW, {})
      .reply(200, { data: [bare] });
    expect(await run('triggers', 'new_smarte_api_key')).toEqual([{ id: bare.keyId, ...bare, role: null, apiKey: null }]);
  });

  it('fails plainly when a record lacks its keyId, without echoing the key values', async () => {
    const { keyId: _keyId, ...withoutId } = fx.userKey;
    smarte()
      .post(VIEW, {})
      .reply(200, { data: [withoutId] });
    await expectZapierError(run('triggers', 'new_smarte_api_key'), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['unexpected response', 'data.0.keyId is missing', 'A retry may help'],
      secrets: [fx.userKey.apiKey],
    });
  });

  it.each(failures(VIEW))('$what', async ({ auth, status, body, headers, expected }) => {
    smarte().post(VIEW, {}).reply(status, body, headers);
    await expectZapierError(run('triggers', 'new_smarte_api_key', {}, auth), expected);
  });

  it('says the step needs a SMARTe key when the connection has none', async () => {
    await expectZapierError(run('triggers', 'new_smarte_api_key', {}, { smashsend_api_key: 'sk_test_only_smashsend_0123' }), {
      name: 'AppError',
      code: 'missing_key',
      says: ['needs a SMARTe API key', 'reconnect and add it'],
    });
  });
});

describe('smarte_api_key_list (email dropdown)', () => {
  it('lists every key with id = keyId and the values always masked', async () => {
    const scope = smarte().post(VIEW, {}).reply(200, fx.viewAll);
    expect(await run('triggers', 'smarte_api_key_list', { include_secret: true })).toEqual([
      { id: fx.userKey.keyId, ...fx.userKey, apiKey: MASKED.userKey },
      { id: fx.otherKey.keyId, ...fx.otherKey, apiKey: MASKED.otherKey },
    ]);
    scope.done();
  });

  it("turns a revoked key into an auth error naming SMARTe's key field, in a connection that holds other vendors too", async () => {
    smarte().post(VIEW, {}).reply(401, { message: 'Invalid API key' });
    await expectZapierError(run('triggers', 'smarte_api_key_list'), {
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: [
        'SMARTe rejected the API key (401 on POST /signals/v1/key/view)',
        'Reconnect with a working key in the SMARTe Admin API Key field',
      ],
    });
  });

  it('turns a revoked key into an expired connection naming SMARTe, in a SMARTe-only connection', async () => {
    smarte().post(VIEW, {}).reply(401, { message: 'Invalid API key' });
    await expectZapierError(run('triggers', 'smarte_api_key_list', {}, SMARTE_ONLY), {
      name: 'ExpiredAuthError',
      says: ['SMARTe rejected the API key (401 on POST /signals/v1/key/view)', 'Reconnect your SMARTe API key in this connection.'],
    });
  });
});
