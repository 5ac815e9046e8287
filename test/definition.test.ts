// Checks the app definition itself, as Zapier's reviewers would: samples match output fields, id inputs have
// dropdowns, every search is paired with its create, labels and help text are there, and the schema validates.

import { prepareApp, validateApp } from 'zapier-platform-core/src/tools/schema';
import App from '../index';

interface Field {
  key: string;
  label?: string;
  helpText?: string;
  dynamic?: string;
  type?: string;
}
interface Operation {
  key: string;
  noun: string;
  display: { label: string; description: string; hidden?: boolean };
  operation: { inputFields?: Field[]; outputFields?: Field[]; sample?: Record<string, unknown> };
}

const byKind = (kind: 'triggers' | 'creates' | 'searches') => Object.values((App[kind] ?? {}) as Record<string, Operation>);
const all = [...byKind('triggers'), ...byKind('creates'), ...byKind('searches')];
const visible = all.filter((op) => !op.display.hidden);

/** The operation keys the product promises (issues #3): Zaps are stored against them. */
const CONTRACT = {
  triggers: ['new_smashsend_api_key', 'new_smartlead_client_api_key', 'new_smarte_api_key'],
  creates: [
    'create_smashsend_api_key',
    'update_smashsend_api_key',
    'delete_smashsend_api_key',
    'rotate_smashsend_api_key',
    'create_smartlead_client_api_key',
    'reset_smartlead_client_api_key',
    'delete_smartlead_client_api_key',
    'create_smarte_api_key',
    'suspend_smarte_api_key',
    'reactivate_smarte_api_key',
  ],
  searches: ['find_smashsend_api_key', 'find_smartlead_client_api_key', 'find_smarte_api_key'],
};

describe('app definition', () => {
  it('passes the Zapier schema', () => {
    expect(validateApp(prepareApp(App))).toEqual([]);
  });

  it.each(Object.entries(CONTRACT))('has every promised %s key', (kind, keys) => {
    const registered = Object.keys((App as unknown as Record<string, Record<string, unknown>>)[kind] ?? {});
    expect(registered).toEqual(expect.arrayContaining(keys));
  });

  it.each(visible.map((op) => [op.key, op] as const))('%s: sample keys equal its outputFields keys', (_key, op) => {
    const outputKeys = (op.operation.outputFields ?? []).map((f) => f.key).sort();
    expect(outputKeys.length).toBeGreaterThan(0);
    expect(Object.keys(op.operation.sample ?? {}).sort()).toEqual(outputKeys);
  });

  it.each(all.map((op) => [op.key, op] as const))('%s: every output field has a label and a type', (_key, op) => {
    for (const field of op.operation.outputFields ?? []) {
      expect({ key: field.key, label: typeof field.label, type: typeof field.type }).toEqual({
        key: field.key,
        label: 'string',
        type: 'string',
      });
    }
  });

  it.each(all.map((op) => [op.key, op] as const))('%s: every id input has a dynamic dropdown', (_key, op) => {
    for (const field of op.operation.inputFields ?? []) {
      if (/(Id|_id)$/.test(field.key))
        expect({ key: field.key, dynamic: field.dynamic }).toEqual({ key: field.key, dynamic: expect.any(String) });
    }
  });

  it.each(all.map((op) => [op.key, op] as const))('%s: every dropdown points at a registered trigger', (_key, op) => {
    for (const field of op.operation.inputFields ?? []) {
      if (field.dynamic) expect(Object.keys(App.triggers ?? {})).toContain(field.dynamic.split('.')[0]);
    }
  });

  it.each(all.map((op) => [op.key, op] as const))('%s: every input has a label and help text', (_key, op) => {
    for (const field of op.operation.inputFields ?? []) {
      expect({ key: field.key, label: Boolean(field.label), helpText: (field.helpText ?? '').length > 10 }).toEqual({
        key: field.key,
        label: true,
        helpText: true,
      });
    }
  });

  it.each(visible.map((op) => [op.key, op] as const))(
    '%s: label in title case naming the vendor; description in Zapier style',
    (key, op) => {
      expect(op.display.label).toMatch(/SMASHSEND|SmartLead|SMARTe/);
      for (const word of op.display.label.split(' ')) expect(word[0]).toBe(word[0].toUpperCase());
      const start = key.startsWith('new_') ? /^Triggers when / : key.startsWith('find_') ? /^Finds / : /^[A-Z][a-z]+s /;
      expect(op.display.description).toMatch(start);
      expect(op.display.description).toMatch(/\.$/);
    },
  );

  it('pairs every search with its create', () => {
    const pairs = Object.values(App.searchOrCreates ?? {}).map((pair) => [pair.search, pair.create]);
    expect(pairs.sort()).toEqual([
      ['find_smarte_api_key', 'create_smarte_api_key'],
      ['find_smartlead_client_api_key', 'create_smartlead_client_api_key'],
      ['find_smashsend_api_key', 'create_smashsend_api_key'],
    ]);
  });
});
