// update_smashsend_api_key and delete_smashsend_api_key: the exact SMASHSEND request and what the Zap builder sees.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { expectZapierError, zapierError } from '../support/outcome';
import { BEARER, keyPath, nockCurrentKey } from '../support/smashsend';
import { SMASHSEND } from '../support/vendors';
import * as fx from '../fixtures/smashsend';

useNock();
const unmatched = recordUnmatchedRequests();

const ID = 'aki_abc123def456';

describe('update_smashsend_api_key', () => {
  it('posts only the changed name to the key and returns the key, with SMASHSEND’s truncated secret unchanged', async () => {
    const scope = nock(SMASHSEND, BEARER)
      .post(keyPath(ID), { displayName: 'Updated Zapier Integration Key' })
      .matchHeader('content-type', 'application/json')
      .reply(200, fx.updated);
    const result = await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: '  Updated Zapier Integration Key ' });
    expect(result).toEqual({ ...fx.updated.apiKey, secretKey: 'sk_live_abc123...', warning: '' });
    scope.done();
  });

  it('posts only the role (in SMASHSEND spelling) when only the role changes', async () => {
    const answer = { apiKey: { ...fx.updated.apiKey, role: 'VIEWER' } };
    // A role change first asks which key the connection signs in with (not this one).
    const current = nockCurrentKey();
    const scope = nock(SMASHSEND, BEARER).post(keyPath(ID), { role: 'VIEWER' }).reply(200, answer);
    const result = await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: '', role: 'viewer' });
    expect(result).toEqual({ ...answer.apiKey, secretKey: 'sk_live_abc123...', warning: '' });
    current.done();
    scope.done();
  });

  it('posts name and role together', async () => {
    const current = nockCurrentKey();
    const scope = nock(SMASHSEND, BEARER).post(keyPath(ID), { displayName: 'Ops', role: 'EDITOR' }).reply(200, fx.updated);
    await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'Ops', role: 'EDITOR' });
    current.done();
    scope.done();
  });

  // SMASHSEND never sends a full value after creation: no reveal is offered, and a mapped include_secret changes nothing.
  it.each([true, 'yes', false, undefined])('shows SMASHSEND’s hint whatever include_secret says (%p)', async (includeSecret) => {
    nock(SMASHSEND, BEARER).post(keyPath(ID)).reply(200, fx.updated);
    const result = await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'x', include_secret: includeSecret });
    expect(result).toEqual({ ...fx.updated.apiKey, secretKey: 'sk_live_abc123...', warning: '' });
  });

  it('masks a full-length secret down to its last 4 characters', async () => {
    nock(SMASHSEND, BEARER)
      .post(keyPath(ID))
      .reply(200, { apiKey: { ...fx.updated.apiKey, secretKey: 'sk_live_0123456789abcdef' } });
    const result = (await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'x' })) as { secretKey: string };
    expect(result.secretKey).toBe('********cdef');
  });

  it('halts on a 404, naming the key and the search that shows it (a HaltedError never turns the Zap off)', async () => {
    nock(SMASHSEND).post(keyPath('aki_gone')).reply(404, { statusCode: 404, error: 'Not Found', message: 'API key not found' });
    await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: 'aki_gone', displayName: 'x' }), {
      name: 'HaltedError',
      says: ['no API key aki_gone', 'API key not found', 'Nothing was changed.', '"Find SMASHSEND API Key" step'],
    });
  });

  describe("the connection's own key", () => {
    it('a new role for it halts before the update is sent, naming the key and the opt-in', async () => {
      const current = nockCurrentKey(ID);
      await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: ID, role: 'VIEWER' }), {
        name: 'HaltedError',
        says: [
          `SMASHSEND API key ${ID} is the key this connection authenticates with: refused to change the role of it, nothing was changed.`,
          `turn on "Allow This Connection's Own Key"`,
        ],
      });
      current.done();
      expect(unmatched).toEqual([]); // no POST was attempted
    });

    it.each([true, 'true', 'yes'])('with allow_connection_key %p the role changes and the warning says what it means', async (allow) => {
      const current = nockCurrentKey(ID);
      const scope = nock(SMASHSEND, BEARER).post(keyPath(ID), { role: 'VIEWER' }).reply(200, fx.updated);
      const result = (await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, role: 'VIEWER', allow_connection_key: allow })) as {
        warning: string;
      };
      expect(result.warning).toBe(
        'This is (or may be) the key this Zapier connection signs in with: its new role applies to every SMASHSEND step of this connection; reconnect with another key if they need more rights.',
      );
      current.done();
      scope.done();
    });

    it("a rename alone needs no check: one request, even for the connection's own key", async () => {
      const scope = nock(SMASHSEND, BEARER).post(keyPath(ID), { displayName: 'Renamed' }).reply(200, fx.updated);
      await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'Renamed' });
      scope.done();
    });

    it('refuses an allow_connection_key that is neither true nor false, before any request', async () => {
      await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: ID, role: 'VIEWER', allow_connection_key: 'maybe' }), {
        name: 'AppError',
        code: 'input',
        says: ["Allow This Connection's Own Key must be true or false"],
      });
      expect(unmatched).toEqual([]);
    });
  });

  it.each([
    ['no key', { displayName: 'x' }, [/^API Key /, 'is required']],
    ['a blank key', { apiKeyId: '   ', displayName: 'x' }, [/^API Key /, 'must not be empty']],
    [
      'a key id that is a path',
      { apiKeyId: '../users/me', displayName: 'x' },
      [/^API Key /, 'only letters, digits, underscores and hyphens'],
    ],
    ['nothing to change', { apiKeyId: ID }, ['New Display Name or New Role must be given', 'nothing to change']],
    ['blank changes', { apiKeyId: ID, displayName: ' ', role: '' }, ['New Display Name or New Role must be given', 'nothing to change']],
    ['an unknown role', { apiKeyId: ID, role: 'OWNER' }, [/^New Role /, 'one of EDITOR, VIEWER, API_USER']],
    ['a 256-character name', { apiKeyId: ID, displayName: 'x'.repeat(256) }, [/^New Display Name /, 'at most 255 characters']],
  ])('refuses %s before any request', async (_case, input, says) => {
    await expectZapierError(run('creates', 'update_smashsend_api_key', input), { name: 'AppError', code: 'input', says });
    expect(unmatched).toEqual([]);
  });

  it('checks the input before discovering the workspace', async () => {
    const error = await zapierError(
      run('creates', 'update_smashsend_api_key', { apiKeyId: ID }, { smashsend_api_key: AUTH.smashsend_api_key }),
    );
    expect(error.code).toBe('input');
    expect(unmatched).toEqual([]);
  });
});

describe('delete_smashsend_api_key', () => {
  it('asks which key the connection signs in with, deletes the key, and returns the deleted record with isDeleted, with SMASHSEND’s truncated secret unchanged', async () => {
    const current = nockCurrentKey();
    const scope = nock(SMASHSEND, BEARER)
      .delete(keyPath(ID), (body) => body === '' || body === undefined)
      .reply(200, fx.deleted);
    const result = await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID });
    expect(result).toEqual({ ...fx.deleted.apiKey, secretKey: 'sk_live_abc123...', isDeleted: true, warning: '' });
    current.done();
    scope.done();
  });

  describe("the connection's own key", () => {
    it('halts before the delete is sent, naming the key and what to do instead', async () => {
      const current = nockCurrentKey(ID);
      await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: ID }), {
        name: 'HaltedError',
        says: [
          `SMASHSEND API key ${ID} is the key this connection authenticates with: refused to delete it, nothing was changed.`,
          `Pick another key, or turn on "Allow This Connection's Own Key" if you mean it, then reconnect with a working SMASHSEND key`,
        ],
        secrets: [AUTH.smashsend_api_key],
      });
      current.done();
      expect(unmatched).toEqual([]);
    });

    it('with allow_connection_key it deletes the key and the warning says to reconnect', async () => {
      const current = nockCurrentKey(ID);
      const scope = nock(SMASHSEND, BEARER).delete(keyPath(ID)).reply(200, fx.deleted);
      const result = await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID, allow_connection_key: true });
      expect(result).toMatchObject({
        id: ID,
        isDeleted: true,
        warning:
          'This was (or may have been) the key this Zapier connection signs in with: reconnect with another SMASHSEND key in the SMASHSEND API Key field, or every SMASHSEND step of this connection will fail.',
      });
      current.done();
      scope.done();
    });

    it.each([403, 404])(
      'when SMASHSEND does not answer GET /v1/api-keys/current (%i), it cannot tell: it halts unless allowed',
      async (status) => {
        nock(SMASHSEND, BEARER).get('/v1/api-keys/current').reply(status, { statusCode: status, error: 'x', message: 'no' });
        await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: ID }), {
          name: 'HaltedError',
          says: [
            `SMASHSEND gave no way to tell whether API key ${ID} is the key this connection authenticates with`,
            'nothing was changed',
          ],
        });
        nock(SMASHSEND, BEARER).get('/v1/api-keys/current').reply(status, { statusCode: status, error: 'x', message: 'no' });
        const scope = nock(SMASHSEND, BEARER).delete(keyPath(ID)).reply(200, fx.deleted);
        const result = await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID, allow_connection_key: 'true' });
        expect(result).toMatchObject({ isDeleted: true, warning: expect.stringContaining('may have been') });
        scope.done();
      },
    );

    it('a server error on GET /v1/api-keys/current fails plainly (a retry may help) and deletes nothing', async () => {
      nock(SMASHSEND, BEARER).get('/v1/api-keys/current').reply(503, { statusCode: 503, error: 'Unavailable', message: 'busy' });
      await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: ID }), {
        name: 'AppError',
        code: 'server',
        status: 503,
        says: ['GET /v1/api-keys/current', 'A retry may help.'],
      });
      expect(unmatched).toEqual([]);
    });

    it('learns the id from the workspace discovery when the connection has no workspace id: no extra request', async () => {
      const current = nock(SMASHSEND, BEARER).get('/v1/api-keys/current').once().reply(200, fx.connectionKey);
      const scope = nock(SMASHSEND, BEARER).delete(keyPath(ID)).reply(200, fx.deleted);
      await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID }, { smashsend_api_key: AUTH.smashsend_api_key });
      current.done();
      scope.done();
    });
  });

  it('reads isDeleted as SMASHSEND sent it, and true when it sent none', async () => {
    nockCurrentKey();
    nock(SMASHSEND, BEARER)
      .delete(keyPath(ID))
      .reply(200, { ...fx.deleted, isDeleted: false });
    expect(await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID })).toMatchObject({ isDeleted: false });
    // (The connection key's id is remembered from the first run, as in a warm container: no second GET /current.)
    nock(SMASHSEND, BEARER).delete(keyPath(ID)).reply(200, { apiKey: fx.deleted.apiKey });
    expect(await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID })).toMatchObject({ isDeleted: true });
  });

  it.each([true, 'yes', false, 'no'])('shows SMASHSEND’s hint whatever include_secret says (%p)', async (includeSecret) => {
    nockCurrentKey();
    nock(SMASHSEND, BEARER).delete(keyPath(ID)).reply(200, fx.deleted);
    const result = await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID, include_secret: includeSecret });
    expect(result).toEqual({ ...fx.deleted.apiKey, secretKey: 'sk_live_abc123...', isDeleted: true, warning: '' });
  });

  it('masks a full-length secret down to its last 4 characters, even with include_secret', async () => {
    nockCurrentKey();
    nock(SMASHSEND, BEARER)
      .delete(keyPath(ID))
      .reply(200, { ...fx.deleted, apiKey: { ...fx.deleted.apiKey, secretKey: 'sk_live_0123456789abcdef' } });
    const result = (await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID, include_secret: true })) as { secretKey: string };
    expect(result.secretKey).toBe('********cdef');
  });

  it('halts on a 404, naming the key and the search that shows it; nothing was changed', async () => {
    nockCurrentKey();
    nock(SMASHSEND).delete(keyPath('aki_gone')).reply(404, { statusCode: 404, error: 'Not Found', message: 'API key not found' });
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_gone' }), {
      name: 'HaltedError',
      says: ['no API key aki_gone', 'API key not found', 'Nothing was changed.', '"Find SMASHSEND API Key" step'],
    });
  });

  it.each([
    ['no key', {}, 'is required'],
    ['a key id that is a path', { apiKeyId: 'aki_1/../../x' }, 'only letters, digits, underscores and hyphens'],
  ])('refuses %s before any request', async (_case, input, rule) => {
    await expectZapierError(run('creates', 'delete_smashsend_api_key', input), {
      name: 'AppError',
      code: 'input',
      says: [/^API Key /, rule],
    });
    expect(unmatched).toEqual([]);
  });
});
