// update_smashsend_api_key and delete_smashsend_api_key: the exact SMASHSEND request and what the Zap builder sees.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { expectZapierError, zapierError } from '../support/outcome';
import { BEARER, keyPath } from '../support/smashsend';
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
    expect(result).toEqual({ ...fx.updated.apiKey, secretKey: 'sk_live_abc123...' });
    scope.done();
  });

  it('posts only the role (in SMASHSEND spelling) when only the role changes', async () => {
    const answer = { apiKey: { ...fx.updated.apiKey, role: 'VIEWER' } };
    const scope = nock(SMASHSEND, BEARER).post(keyPath(ID), { role: 'VIEWER' }).reply(200, answer);
    const result = await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: '', role: 'viewer' });
    expect(result).toEqual({ ...answer.apiKey, secretKey: 'sk_live_abc123...' });
    scope.done();
  });

  it('posts name and role together', async () => {
    const scope = nock(SMASHSEND, BEARER).post(keyPath(ID), { displayName: 'Ops', role: 'EDITOR' }).reply(200, fx.updated);
    await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'Ops', role: 'EDITOR' });
    scope.done();
  });

  // SMASHSEND never sends a full value after creation: no reveal is offered, and a mapped include_secret changes nothing.
  it.each([true, 'yes', false, undefined])('shows SMASHSEND’s hint whatever include_secret says (%p)', async (includeSecret) => {
    nock(SMASHSEND, BEARER).post(keyPath(ID)).reply(200, fx.updated);
    const result = await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'x', include_secret: includeSecret });
    expect(result).toEqual({ ...fx.updated.apiKey, secretKey: 'sk_live_abc123...' });
  });

  it('masks a full-length secret down to its last 4 characters', async () => {
    nock(SMASHSEND, BEARER)
      .post(keyPath(ID))
      .reply(200, { apiKey: { ...fx.updated.apiKey, secretKey: 'sk_live_0123456789abcdef' } });
    const result = (await run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'x' })) as { secretKey: string };
    expect(result.secretKey).toBe('********cdef');
  });

  it('says which key was not found on a 404', async () => {
    nock(SMASHSEND).post(keyPath('aki_gone')).reply(404, { statusCode: 404, error: 'Not Found', message: 'API key not found' });
    await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: 'aki_gone', displayName: 'x' }), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no API key aki_gone', 'API key not found'],
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
  it('deletes the key and returns the deleted record with isDeleted, with SMASHSEND’s truncated secret unchanged', async () => {
    const scope = nock(SMASHSEND, BEARER)
      .delete(keyPath(ID), (body) => body === '' || body === undefined)
      .reply(200, fx.deleted);
    const result = await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID });
    expect(result).toEqual({ ...fx.deleted.apiKey, secretKey: 'sk_live_abc123...', isDeleted: true });
    scope.done();
  });

  it('reads isDeleted as SMASHSEND sent it, and true when it sent none', async () => {
    nock(SMASHSEND, BEARER)
      .delete(keyPath(ID))
      .reply(200, { ...fx.deleted, isDeleted: false });
    expect(await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID })).toMatchObject({ isDeleted: false });
    nock(SMASHSEND, BEARER).delete(keyPath(ID)).reply(200, { apiKey: fx.deleted.apiKey });
    expect(await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID })).toMatchObject({ isDeleted: true });
  });

  it.each([true, 'yes', false, 'no'])('shows SMASHSEND’s hint whatever include_secret says (%p)', async (includeSecret) => {
    nock(SMASHSEND, BEARER).delete(keyPath(ID)).reply(200, fx.deleted);
    const result = await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID, include_secret: includeSecret });
    expect(result).toEqual({ ...fx.deleted.apiKey, secretKey: 'sk_live_abc123...', isDeleted: true });
  });

  it('masks a full-length secret down to its last 4 characters, even with include_secret', async () => {
    nock(SMASHSEND, BEARER)
      .delete(keyPath(ID))
      .reply(200, { ...fx.deleted, apiKey: { ...fx.deleted.apiKey, secretKey: 'sk_live_0123456789abcdef' } });
    const result = (await run('creates', 'delete_smashsend_api_key', { apiKeyId: ID, include_secret: true })) as { secretKey: string };
    expect(result.secretKey).toBe('********cdef');
  });

  it('says which key was not found on a 404', async () => {
    nock(SMASHSEND).delete(keyPath('aki_gone')).reply(404, { statusCode: 404, error: 'Not Found', message: 'API key not found' });
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_gone' }), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no API key aki_gone', 'API key not found'],
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
