// new_smashsend_api_key and create_smashsend_api_key: the exact SMASHSEND request and what the Zap builder sees.

import crypto from 'node:crypto';
import nock from 'nock';
import { forgetRememberedKeys } from '../../lib/clients';
import { AUTH, run, without } from '../support/app';
import { useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { SMASHSEND } from '../support/vendors';
import * as fx from '../fixtures/smashsend';

useNock();

const keys = `/v1/workspaces/${fx.WORKSPACE_ID}/api-keys`;
const bearer = { reqheaders: { authorization: `Bearer ${AUTH.smashsend_api_key}` } };

describe('new_smashsend_api_key', () => {
  it('asks for the newest 100 keys in one request and shows SMASHSEND’s own truncated secrets unchanged', async () => {
    const scope = nock(SMASHSEND, bearer).get(keys).query({ limit: '100', sort: 'createdAt.desc' }).reply(200, fx.listPage);
    const result = await run('triggers', 'new_smashsend_api_key');
    expect(result).toEqual([
      { ...fx.listPage.apiKeys.items[0], secretKey: 'sk_live_abc123...' },
      { ...fx.listPage.apiKeys.items[1], secretKey: 'sk_live_xyz789...' },
    ]);
    scope.done();
  });

  it('returns the keys newest first even when SMASHSEND answers in another order; same-instant keys keep its order', async () => {
    const key = (n: number, createdAt: string) => fx.listedKey(n, { createdAt, updatedAt: createdAt, secretKey: 'sk_live_x...' });
    const answer = [
      key(1, '2024-02-01T10:00:00.000Z'),
      key(2, '2024-02-03T10:00:00.000Z'),
      key(3, '2024-02-02T10:00:00.000Z'),
      key(4, '2024-02-03T10:00:00.000Z'),
      key(5, 'not a date'),
      key(6, '2024-02-02T10:00:00.000+01:00'),
    ];
    nock(SMASHSEND, bearer).get(keys).query({ limit: '100', sort: 'createdAt.desc' }).reply(200, fx.listPageOf(answer, null));
    const result = (await run('triggers', 'new_smashsend_api_key')) as Array<{ id: string }>;
    // 2 and 4 share an instant (SMASHSEND's order kept); 6 is 09:00Z, older than 3; the undated key last.
    expect(result.map((k) => k.id)).toEqual([
      'aki_list0002',
      'aki_list0004',
      'aki_list0003',
      'aki_list0006',
      'aki_list0001',
      'aki_list0005',
    ]);
  });

  it('discovers the workspace from the key when the connection has none', async () => {
    const scope = nock(SMASHSEND, bearer)
      .get('/v1/api-keys/current')
      .reply(200, fx.currentKey)
      .get(keys)
      .query({ limit: '100', sort: 'createdAt.desc' })
      .reply(200, fx.listPage);
    const result = (await run('triggers', 'new_smashsend_api_key', {}, { smashsend_api_key: AUTH.smashsend_api_key })) as unknown[];
    expect(result).toHaveLength(2);
    scope.done();
  });

  it('remembers the discovered workspace for the next step with the same key (a warm container skips the discovery call)', async () => {
    const key = { smashsend_api_key: 'sk_test_smashsend_remembered_0123456789' };
    const first = nock(SMASHSEND).get('/v1/api-keys/current').reply(200, fx.currentKey).get(keys).query(true).reply(200, fx.listPage);
    await run('triggers', 'new_smashsend_api_key', {}, key);
    first.done();
    // Only the list this time: a discovery request would find no interceptor and fail the step.
    const second = nock(SMASHSEND).get(keys).query(true).reply(200, fx.listPage);
    expect(await run('triggers', 'new_smashsend_api_key', {}, key)).toHaveLength(2);
    second.done();
  });

  it("hashes no key in a new container's first step that has the workspace id, and keeps what it learns by the key's hash", async () => {
    forgetRememberedKeys();
    const digests = jest.spyOn(crypto, 'createHash');
    try {
      nock(SMASHSEND, bearer).get(keys).query(true).reply(200, fx.listPage);
      await run('triggers', 'new_smashsend_api_key');
      expect(digests).not.toHaveBeenCalled();
      // A discovery is remembered, by a SHA-256 of the key (never by its value).
      const key = { smashsend_api_key: 'sk_test_smashsend_hashed_0123456789' };
      nock(SMASHSEND).get('/v1/api-keys/current').reply(200, fx.currentKey).get(keys).query(true).reply(200, fx.listPage);
      await run('triggers', 'new_smashsend_api_key', {}, key);
      expect(digests.mock.calls.map(([algorithm]) => algorithm)).toEqual(['sha256']);
    } finally {
      digests.mockRestore();
    }
  });

  it("turns a revoked key into an expired connection naming SMASHSEND when SMASHSEND is the connection's only vendor", async () => {
    nock(SMASHSEND).get(keys).query(true).reply(401, fx.error401);
    await expectZapierError(run('triggers', 'new_smashsend_api_key', {}, without(AUTH, 'smartlead_api_key', 'smarte_api_key')), {
      name: 'ExpiredAuthError',
      says: ['SMASHSEND rejected the API key', 'Invalid API key', 'Reconnect your SMASHSEND API key'],
    });
  });

  it('in a connection with other vendors too, a revoked SMASHSEND key names its field and expires nothing', async () => {
    nock(SMASHSEND).get(keys).query(true).reply(401, fx.error401);
    await expectZapierError(run('triggers', 'new_smashsend_api_key'), {
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: ['SMASHSEND rejected the API key', 'Reconnect with a working key in the SMASHSEND API Key field'],
    });
  });
});

describe('create_smashsend_api_key', () => {
  it('posts the name and role and returns the full secret', async () => {
    const scope = nock(SMASHSEND, bearer).post(keys, { displayName: 'New Integration API Key', role: 'API_USER' }).reply(200, fx.created);
    const result = await run('creates', 'create_smashsend_api_key', { displayName: ' New Integration API Key ', role: 'api_user' });
    expect(result).toEqual(fx.created.apiKey);
    scope.done();
  });

  it.each([
    [504, ['The key may have been created anyway', '"Find SMASHSEND API Key" step']],
    [503, ['A retry may help']],
  ])(
    'answered %i: a gateway timeout says how to check (the key may exist), an unavailable service that a retry may help',
    async (status, advice) => {
      nock(SMASHSEND).post(keys).reply(status, { statusCode: status, error: 'Upstream', message: 'Upstream trouble' });
      await expectZapierError(run('creates', 'create_smashsend_api_key', { displayName: 'x', role: 'EDITOR' }), {
        name: 'AppError',
        code: 'server',
        status,
        says: ['had a server error', 'Upstream trouble', ...advice],
      });
    },
  );

  it('refuses an unknown role before any request', async () => {
    await expectZapierError(run('creates', 'create_smashsend_api_key', { displayName: 'x', role: 'OWNER' }), {
      name: 'AppError',
      code: 'input',
      says: [/^Role must/, 'one of EDITOR, VIEWER, API_USER'],
    });
  });

  it('fails plainly when the answer carries no secret', async () => {
    const { secretKey: _secret, ...withoutSecret } = fx.created.apiKey;
    nock(SMASHSEND).post(keys).reply(200, { apiKey: withoutSecret });
    await expectZapierError(run('creates', 'create_smashsend_api_key', { displayName: 'x', role: 'EDITOR' }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['answered without secretKey, the value of the new API key', "the key's value is unknown: do not rely on it"],
    });
  });
});
