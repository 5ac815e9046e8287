// The SMASHSEND operations as Zapier's editor shows them: labels, help text, dropdowns, output fields whose keys match
// both the static sample and what the step really returns, and the Find or Create pair.

import nock from 'nock';
import { App, run } from '../support/app';
import { definitionOf, outputKeys } from '../support/definition';
import { useNock } from '../support/nock';
import { BEARER, KEYS, keyPath, listQuery, nockCurrentKey, runDropdownPage } from '../support/smashsend';
import { SMASHSEND } from '../support/vendors';
import * as fx from '../fixtures/smashsend';

useNock();

const OPERATIONS = [
  ['triggers', 'smashsend_api_key_list', 'List SMASHSEND API Keys'],
  ['creates', 'update_smashsend_api_key', 'Update SMASHSEND API Key'],
  ['creates', 'delete_smashsend_api_key', 'Delete SMASHSEND API Key'],
  ['creates', 'rotate_smashsend_api_key', 'Rotate SMASHSEND API Key'],
  ['searches', 'find_smashsend_api_key', 'Find SMASHSEND API Key'],
] as const;

describe.each(OPERATIONS)('%s.%s', (kind, key, label) => {
  const op = definitionOf(kind, key);

  it('is registered under its key, with a title-case label naming SMASHSEND and a Zapier-style description', () => {
    expect(op.key).toBe(key);
    expect(op.display.label).toBe(label);
    expect(op.display.description).toMatch(/^(Triggers when|Updates|Deletes|Replaces|Finds) .*SMASHSEND.*\.$/);
  });
});

// SMASHSEND sends a key's full value only in the create answer: a reveal on a read could deliver nothing but a prefix.
it.each([
  ['triggers', 'new_smashsend_api_key'],
  ['triggers', 'smashsend_api_key_list'],
  ['searches', 'find_smashsend_api_key'],
  ['creates', 'update_smashsend_api_key'],
  ['creates', 'delete_smashsend_api_key'],
] as const)('%s.%s offers no Include Full Key Value input, and its sample shows SMASHSEND’s truncated hint', (kind, key) => {
  const op = definitionOf(kind, key);
  expect((op.operation.inputFields ?? []).map((field) => field.key)).not.toContain('include_secret');
  expect(op.operation.sample?.secretKey).toBe('sk_live_abc123...');
});

it('the dropdown trigger is hidden and pages', () => {
  const list = definitionOf('triggers', 'smashsend_api_key_list');
  expect(list.display.hidden).toBe(true);
  expect(list.operation.canPaginate).toBe(true);
});

it.each(['update_smashsend_api_key', 'delete_smashsend_api_key', 'rotate_smashsend_api_key'])(
  '%s picks its key from the dropdown',
  (key) => {
    const apiKeyId = definitionOf('creates', key).operation.inputFields?.find((field) => field.key === 'apiKeyId');
    expect(apiKeyId).toMatchObject({ required: true, dynamic: 'smashsend_api_key_list.id.displayName' });
  },
);

it('pairs Find SMASHSEND API Key with Create SMASHSEND API Key as Find or Create', () => {
  expect(App.searchOrCreates?.find_or_create_smashsend_api_key).toEqual({
    key: 'find_smashsend_api_key', // Zapier requires a search-or-create's own key to be its search's key
    display: { label: 'Find or Create SMASHSEND API Key', description: expect.any(String) },
    search: 'find_smashsend_api_key',
    create: 'create_smashsend_api_key',
  });
});

describe('what each step returns has exactly the keys of its output fields', () => {
  it('smashsend_api_key_list', async () => {
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    const [first] = (await runDropdownPage(0)) as object[];
    expect(Object.keys(first).sort()).toEqual(outputKeys('triggers', 'smashsend_api_key_list'));
  });

  it('find_smashsend_api_key', async () => {
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    const [first] = (await run('searches', 'find_smashsend_api_key', { displayName: 'CRM Sync' })) as object[];
    expect(Object.keys(first).sort()).toEqual(outputKeys('searches', 'find_smashsend_api_key'));
  });

  it('update_smashsend_api_key', async () => {
    nock(SMASHSEND, BEARER).post(keyPath('aki_abc123def456')).reply(200, fx.updated);
    const result = (await run('creates', 'update_smashsend_api_key', { apiKeyId: 'aki_abc123def456', displayName: 'x' })) as object;
    expect(Object.keys(result).sort()).toEqual(outputKeys('creates', 'update_smashsend_api_key'));
  });

  it('delete_smashsend_api_key', async () => {
    nockCurrentKey();
    nock(SMASHSEND, BEARER).delete(keyPath('aki_abc123def456')).reply(200, fx.deleted);
    const result = (await run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_abc123def456' })) as object;
    expect(Object.keys(result).sort()).toEqual(outputKeys('creates', 'delete_smashsend_api_key'));
  });

  it('rotate_smashsend_api_key', async () => {
    const old = fx.listPage.apiKeys.items[0];
    nockCurrentKey();
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, fx.listPage)
      .post(KEYS)
      .reply(200, fx.created)
      .delete(keyPath(old.id))
      .reply(200, { apiKey: old, isDeleted: true });
    // The new key is proven (checked with its own secret) before the old one is deleted.
    nock(SMASHSEND, { reqheaders: { authorization: `Bearer ${fx.created.apiKey.secretKey}` } })
      .get('/v1/api-keys/check')
      .reply(200, fx.checkOk);
    const result = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: old.id })) as object;
    expect(Object.keys(result).sort()).toEqual(outputKeys('creates', 'rotate_smashsend_api_key'));
  });
});

describe("locks and throttle (two Zaps writing to one key, and SMASHSEND's 60 requests a minute)", () => {
  const writes = ['update_smashsend_api_key', 'delete_smashsend_api_key', 'rotate_smashsend_api_key'].map((key) =>
    definitionOf('creates', key),
  );

  it('update, delete and rotate of one key share one lock on its apiKeyId, per connection: two rotations of the same key run one after the other', () => {
    for (const op of writes)
      expect(op.operation.lock).toEqual({ key: 'smashsend-api-key-{{bundle.inputData.apiKeyId}}', scope: ['auth'], timeout: 60 });
  });

  it('create is not locked: it names no existing key', () => {
    expect(definitionOf('creates', 'create_smashsend_api_key').operation.lock).toBeUndefined();
  });

  it('every SMASHSEND operation has the very same throttle configuration, so Zapier counts them against one limit', () => {
    const all = [
      ...OPERATIONS.map(([kind, key]) => definitionOf(kind, key)),
      definitionOf('triggers', 'new_smashsend_api_key'),
      definitionOf('creates', 'create_smashsend_api_key'),
    ];
    for (const op of all) expect(op.operation.throttle).toEqual({ key: 'smashsend', window: 60, limit: 10, scope: ['auth'] });
  });
});
