// The SmartLead operations as the Zap editor shows them: labels, help text, dropdowns, and samples that match
// their output fields (nothing else checks that).

import { definitionOf } from '../support/definition';

const smartlead = [
  ['triggers', 'smartlead_client_list'],
  ['triggers', 'smartlead_client_api_key_list'],
  ['triggers', 'new_smartlead_client_api_key'],
  ['creates', 'create_smartlead_client_api_key'],
  ['creates', 'reset_smartlead_client_api_key'],
  ['creates', 'delete_smartlead_client_api_key'],
  ['searches', 'find_smartlead_client_api_key'],
] as const;

const inputKeys = (kind: 'triggers' | 'creates' | 'searches', key: string) =>
  (definitionOf(kind, key).operation.inputFields ?? []).map((field) => [field.key, field.required ?? false, field.dynamic ?? null]);

describe.each(smartlead)('%s.%s', (kind, key) => {
  const op = definitionOf(kind, key);

  it('is registered under its key', () => {
    expect(op.key).toBe(key);
  });

  it('has a title-case label naming SmartLead and a Zapier-style description', () => {
    expect(op.display.label).toMatch(/SmartLead/);
    for (const word of (op.display.label ?? '').split(' ')) expect(word[0]).toBe(word[0].toUpperCase());
    expect(op.display.description).toMatch(/\.$/);
    if (kind === 'triggers') expect(op.display.description).toMatch(/^Triggers when /);
  });

  it('keeps secrets in samples fake', () => {
    const value = op.operation.sample?.api_key;
    if (value !== undefined) expect(value).toMatch(/^(cl_live_(x+|y+)|\*{8}x{4})$/);
  });
});

describe('SmartLead inputs', () => {
  it('are the public contract: keys, required, and dropdown sources', () => {
    expect(inputKeys('triggers', 'new_smartlead_client_api_key')).toEqual([
      ['clientId', false, 'smartlead_client_list.id.name'],
      ['status', false, null],
      ['include_secret', false, null],
    ]);
    expect(inputKeys('creates', 'create_smartlead_client_api_key')).toEqual([
      ['clientId', true, 'smartlead_client_list.id.name'],
      ['keyName', true, null],
    ]);
    expect(inputKeys('creates', 'reset_smartlead_client_api_key')).toEqual([
      ['irreversible_notice', false, null],
      ['keyId', true, 'smartlead_client_api_key_list.id.key_name'],
    ]);
    expect(inputKeys('creates', 'delete_smartlead_client_api_key')).toEqual([
      ['irreversible_notice', false, null],
      ['keyId', true, 'smartlead_client_api_key_list.id.key_name'],
      ['include_secret', false, null],
    ]);
    expect(inputKeys('searches', 'find_smartlead_client_api_key')).toEqual([
      ['keyName', true, null],
      ['clientId', false, 'smartlead_client_list.id.name'],
      ['status', false, null],
      ['include_secret', false, null],
    ]);
  });

  it.each([
    ['reset_smartlead_client_api_key', /current value stops working at once and cannot be brought back; the new value is shown once/],
    ['delete_smartlead_client_api_key', /stops working at once, for everything that uses it, and SmartLead cannot restore it/],
  ])('%s opens with a copy field (no label, nothing to fill in) that says it cannot be undone', (key, what) => {
    const [first] = definitionOf('creates', key).operation.inputFields ?? [];
    expect(first).toEqual({
      key: 'irreversible_notice',
      type: 'copy',
      helpText: expect.stringMatching(/^\*\*This cannot be undone\.\*\* /),
    });
    expect(first.helpText).toMatch(what);
  });

  it('create names no existing key and can be undone by a delete: no copy field', () => {
    const fields = definitionOf('creates', 'create_smartlead_client_api_key').operation.inputFields ?? [];
    expect(fields.filter((field) => field.type === 'copy')).toEqual([]);
  });

  it('the keyName help text states the rule', () => {
    const keyName = definitionOf('creates', 'create_smartlead_client_api_key').operation.inputFields?.find(
      (field) => field.key === 'keyName',
    );
    expect(keyName?.helpText).toMatch(/letters, digits, spaces, hyphens .* and underscores/);
  });

  it('offer the two statuses SmartLead documents', () => {
    const status = definitionOf('triggers', 'new_smartlead_client_api_key').operation.inputFields?.find((field) => field.key === 'status');
    expect(status?.choices).toEqual([
      { value: 'active', sample: 'active', label: 'Active' },
      { value: 'inactive', sample: 'inactive', label: 'Inactive' },
    ]);
  });

  it('hide only the dropdown triggers', () => {
    expect(definitionOf('triggers', 'smartlead_client_list').display.hidden).toBe(true);
    expect(definitionOf('triggers', 'smartlead_client_api_key_list').display.hidden).toBe(true);
    expect(definitionOf('triggers', 'new_smartlead_client_api_key').display.hidden).toBeFalsy();
  });
});

describe("locks and throttle (two Zaps writing to one key, and SmartLead's 10 requests per 2 s)", () => {
  it('reset and delete of one key share one lock on its keyId, per connection', () => {
    for (const key of ['reset_smartlead_client_api_key', 'delete_smartlead_client_api_key'])
      expect(definitionOf('creates', key).operation.lock).toEqual({
        key: 'smartlead-client-api-key-{{bundle.inputData.keyId}}',
        scope: ['auth'],
        timeout: 60,
      });
  });

  it('create is not locked: it names no existing key', () => {
    expect(definitionOf('creates', 'create_smartlead_client_api_key').operation.lock).toBeUndefined();
  });

  it('every SmartLead operation has the very same throttle configuration (one request each: 10 invocations per 2 s)', () => {
    for (const [kind, key] of smartlead)
      expect(definitionOf(kind, key).operation.throttle).toEqual({ key: 'smartlead', window: 2, limit: 10, scope: ['auth'] });
  });
});
