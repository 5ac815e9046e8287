// Checks the app definition itself, as Zapier's reviewers would: the integration checks that can be read offline (a
// table: rule → what it checks), samples match output fields, id inputs have dropdowns, every search is paired with
// its create, labels and help text are there, the schema validates, and every operation carries its vendor's throttle
// and, for writes to one key, the lock on that key.

import { prepareApp, validateApp } from 'zapier-platform-core/src/tools/schema';
import { connectionLabelFor } from '../authentication';
import { App } from './support/app';
import { definitionsOf, type FieldDefinition } from './support/definition';

const byKind = definitionsOf;
const all = [...byKind('triggers'), ...byKind('creates'), ...byKind('searches')];
const visible = all.filter((op) => !op.display.hidden);
const triggers = byKind('triggers');
/** Every description the Zap editor can show: the operations' and the Find or Create pairs'. */
const descriptions = [
  ...all.map((op) => [op.key, op.display.description] as const),
  ...Object.entries(App.searchOrCreates ?? {}).map(([key, pair]) => [key, pair.display.description ?? ''] as const),
];

/**
 * D002: where a connection field's help text may link, by vendor: only the vendor's own documentation site, on the
 * domain its API docs use (api.smashsend.com, server.smartlead.ai, signals.smarte.pro). SMASHSEND: its API Keys page;
 * SmartLead: "Getting Your API Key"; SMARTe: its Key Creation API page.
 */
const VENDOR_LINK_HOSTS: Record<string, string[]> = {
  SMASHSEND: ['smashsend.com'],
  SmartLead: ['api.smartlead.ai'],
  SMARTe: ['docs.api.smarte.pro'],
};
const CONNECTION_FIELD_VENDOR: Record<string, string> = {
  smashsend_api_key: 'SMASHSEND',
  smashsend_workspace_id: 'SMASHSEND',
  smartlead_api_key: 'SmartLead',
  smarte_api_key: 'SMARTe',
};

/** A connection field's problems under D002: no markdown link, or a link that is not https on its vendor's hosts. */
function helpLinkProblems(field: FieldDefinition): string[] {
  const vendor = CONNECTION_FIELD_VENDOR[field.key];
  if (vendor === undefined) return [`${field.key}: no vendor known for this connection field: add it to this test`];
  const links = [...(field.helpText ?? '').matchAll(/\[[^\]]+\]\(([^)\s]+)\)/g)].map((match) => new URL(match[1] as string));
  if (links.length === 0) return [`${field.key}: its help text has no markdown link`];
  return links
    .filter((link) => link.protocol !== 'https:' || !(VENDOR_LINK_HOSTS[vendor] ?? []).includes(link.host))
    .map((link) => `${field.key}: ${link.href} is not on ${vendor}'s own site (${(VENDOR_LINK_HOSTS[vendor] ?? []).join(', ')})`);
}

/**
 * D003 over the label the connection test composes (authentication.ts; shown through `connectionLabel`): for connections
 * of each vendor alone and of all three, each vendor's part says more than its name and holds no key, and a connection
 * whose key differs (its last characters, or SMASHSEND's name or workspace) gets a label of its own.
 */
function connectionLabelProblems(): string[] {
  const problems: string[] = [];
  if (App.authentication?.connectionLabel !== '{{bundle.inputData.label}}') problems.push("connectionLabel is not the test result's label");
  const keys = {
    SMASHSEND: 'sk_live_labelCheckSmashsend0001',
    SmartLead: 'sl_labelCheckSmartlead0001',
    SMARTe: 'WG+labelCheckSmarte0001=',
  };
  const smashsend = { displayName: 'CRM Sync', workspaceId: 'wrk_ENGTK86JEXXckyDVJthKkPer' };
  type Connection = { keys: Partial<typeof keys>; smashsend?: typeof smashsend | { workspaceId: string } };
  const labelOf = (connection: Connection) =>
    connectionLabelFor(
      (['SMASHSEND', 'SmartLead', 'SMARTe'] as const).flatMap((vendor) => {
        const key = connection.keys[vendor];
        return key === undefined ? [] : [{ vendor, key }];
      }),
      connection.smashsend,
    );
  const connections: Connection[] = [
    { keys: { SMASHSEND: keys.SMASHSEND }, smashsend },
    { keys: { SMASHSEND: keys.SMASHSEND }, smashsend: { workspaceId: smashsend.workspaceId } },
    { keys: { SmartLead: keys.SmartLead } },
    { keys: { SMARTe: keys.SMARTe } },
    { keys, smashsend },
  ];
  for (const connection of connections) {
    const label = labelOf(connection);
    const parts = label.split(' · ');
    const vendors = Object.keys(connection.keys);
    if (parts.length !== vendors.length) problems.push(`"${label}": not one part per vendor (${vendors.join(', ')})`);
    parts.forEach((part, index) => {
      if (!new RegExp(`^${vendors[index]} \\S`).test(part)) problems.push(`"${label}": "${part}" is a bare vendor name`);
    });
    for (const key of Object.values(connection.keys)) if (label.includes(key)) problems.push(`"${label}" holds a whole key`);
    // Another key (other last characters) of each vendor identified by its key's hint, another SMASHSEND name, another
    // workspace: another label. A SMASHSEND key with a display name is identified by that name (and its workspace).
    const byHint = vendors.filter((vendor) => vendor !== 'SMASHSEND' || !connection.smashsend || !('displayName' in connection.smashsend));
    const variants: Connection[] = [
      ...byHint.map((vendor) => ({ ...connection, keys: { ...connection.keys, [vendor]: `${keys[vendor as keyof typeof keys]}X9z` } })),
      ...(connection.smashsend
        ? [
            { ...connection, smashsend: { ...connection.smashsend, displayName: 'Billing' } },
            { ...connection, smashsend: { ...connection.smashsend, workspaceId: 'wrk_OTHERWORKSPACE0000000' } },
          ]
        : []),
    ];
    for (const variant of variants.filter((candidate) => labelOf(candidate) === label)) {
      problems.push(`"${label}" also labels ${JSON.stringify(variant)}`);
    }
  }
  return problems;
}

/**
 * The inputs that pick one key (Zapier's build guidelines: a search-powered field lets a Zap builder add the find step
 * inline) and the search that fills each: `<find step key>.<its output field>`, the field the dropdown's value is.
 */
const KEY_PICKERS: Record<string, { field: string; search: string }> = {
  update_smashsend_api_key: { field: 'apiKeyId', search: 'find_smashsend_api_key.id' },
  delete_smashsend_api_key: { field: 'apiKeyId', search: 'find_smashsend_api_key.id' },
  rotate_smashsend_api_key: { field: 'apiKeyId', search: 'find_smashsend_api_key.id' },
  reset_smartlead_client_api_key: { field: 'keyId', search: 'find_smartlead_client_api_key.id' },
  delete_smartlead_client_api_key: { field: 'keyId', search: 'find_smartlead_client_api_key.id' },
  suspend_smarte_api_key: { field: 'email', search: 'find_smarte_api_key.email' },
  reactivate_smarte_api_key: { field: 'email', search: 'find_smarte_api_key.email' },
};
/** The hidden triggers whose dropdowns list keys: an input picking from one of them picks a key. */
const KEY_LISTS = ['smashsend_api_key_list', 'smartlead_client_api_key_list', 'smarte_api_key_list'];

/** Problems of the search-powered key pickers: a picker not in the table, a missing `search`, or one that cannot fill it. */
function keyPickerProblems(): string[] {
  const problems: string[] = [];
  const pickers = all.flatMap((op) =>
    (op.operation.inputFields ?? [])
      .filter((field) => KEY_LISTS.includes(field.dynamic?.split('.')[0] ?? '') || field.search !== undefined)
      .map((field) => ({ op, field })),
  );
  for (const { op, field } of pickers) {
    const expected = KEY_PICKERS[op.key];
    if (expected?.field !== field.key) {
      problems.push(`${op.key}.${field.key} picks a key (dynamic ${field.dynamic}, search ${field.search}) but is not in KEY_PICKERS`);
      continue;
    }
    if (field.search !== expected.search) problems.push(`${op.key}.${field.key}: search is ${field.search}, not ${expected.search}`);
    if (field.dynamic === undefined) problems.push(`${op.key}.${field.key}: lost its dropdown`);
    const [searchKey, outputKey] = expected.search.split('.');
    const search = byKind('searches').find((candidate) => candidate.key === searchKey);
    if (!(search?.operation.outputFields ?? []).some((output) => output.key === outputKey))
      problems.push(`${op.key}.${field.key}: ${expected.search} is not a registered search's output field`);
    if (field.dynamic?.split('.')[1] !== outputKey)
      problems.push(`${op.key}.${field.key}: the dropdown gives ${field.dynamic}, the search ${expected.search}`);
  }
  const covered = new Set(pickers.map(({ op, field }) => `${op.key}.${field.key}`));
  for (const [key, { field }] of Object.entries(KEY_PICKERS))
    if (!covered.has(`${key}.${field}`)) problems.push(`${key}.${field} is not search-powered`);
  return problems;
}

/** An ISO 8601 date and time with its zone (Z or an offset), as Zapier's datetime fields expect. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Whether a sample value is of its output field's declared type; line items: an array of objects of its children. */
function sampleTypeProblems(where: string, field: FieldDefinition, value: unknown): string[] {
  if (field.children) {
    if (!Array.isArray(value) || value.length === 0) return [`${where}: line items need a non-empty array`];
    return value.flatMap((item, index) =>
      field.children!.flatMap((child) =>
        sampleTypeProblems(`${where}[${index}].${child.key}`, child, (item as Record<string, unknown>)[child.key]),
      ),
    );
  }
  const fits: Record<string, (candidate: unknown) => boolean> = {
    string: (candidate) => typeof candidate === 'string',
    text: (candidate) => typeof candidate === 'string',
    integer: (candidate) => Number.isSafeInteger(candidate),
    number: (candidate) => typeof candidate === 'number' && Number.isFinite(candidate),
    boolean: (candidate) => typeof candidate === 'boolean',
    datetime: (candidate) => typeof candidate === 'string' && ISO_DATETIME.test(candidate) && !Number.isNaN(Date.parse(candidate)),
  };
  const fit = fits[field.type ?? 'string'];
  if (fit === undefined) return [`${where}: type ${field.type} has no rule here: add one`];
  return fit(value) ? [] : [`${where}: ${JSON.stringify(value)} is not of type ${field.type ?? 'string'}`];
}

/** One sentence: it ends with a period, and no sentence ends before that (a stop followed by a space). */
const oneSentence = (text: string) => /\.$/.test(text) && !/[.!?]\s/.test(text);

/**
 * Zapier's integration checks (issue 17) and its build guidelines, as far as the definition shows them offline. Each row
 * lists what breaks its rule, so a failure names the operation and the field.
 */
const REVIEW_RULES: ReadonlyArray<{ rule: string; checks: string; problems: () => string[] }> = [
  {
    rule: 'D002',
    checks: "every connection field's help text links (markdown) to its vendor's page on where keys are made, on the vendor's own site",
    problems: () => (App.authentication?.fields ?? []).flatMap((field) => helpLinkProblems(field as FieldDefinition)),
  },
  {
    rule: 'D003',
    checks: 'the connection label tells two connections apart: per vendor what identifies the key, never a bare vendor name or a whole key',
    problems: connectionLabelProblems,
  },
  {
    rule: 'D021',
    checks: 'every trigger\'s description, hidden ones included, starts "Triggers when" and ends with a period',
    problems: () =>
      triggers.filter((op) => !/^Triggers when .*\.$/.test(op.display.description)).map((op) => `${op.key}: "${op.display.description}"`),
  },
  {
    rule: 'D024',
    checks:
      "every sample value (line items' children included) is of its output field's declared type: no null, integers, ISO datetimes with a zone",
    problems: () =>
      all.flatMap((op) =>
        (op.operation.outputFields ?? []).flatMap((field) =>
          sampleTypeProblems(`${op.key}.${field.key}`, field, op.operation.sample?.[field.key]),
        ),
      ),
  },
  {
    rule: 'search-powered',
    checks: 'every input that picks a key (apiKeyId, keyId, the SMARTe email) keeps its dropdown and names the find step that fills it',
    problems: keyPickerProblems,
  },
  {
    rule: 'descriptions',
    checks: 'every description (triggers, creates, searches, Find or Create) is one sentence of at most 160 characters',
    problems: () =>
      descriptions
        .filter(([, text]) => !oneSentence(text) || text.length > 160)
        .map(([key, text]) => `${key} (${text.length} characters): "${text}"`),
  },
];

/** The operation keys the product promises (issues #3): Zaps are stored against them. */
const CONTRACT = {
  triggers: [
    'new_smashsend_api_key',
    'new_smartlead_client_api_key',
    'new_smarte_api_key',
    'api_key_reached_age',
    'api_key_status_changed',
  ],
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
    'audit_api_keys',
    'revoke_leaked_api_key',
  ],
  searches: ['find_smashsend_api_key', 'find_smartlead_client_api_key', 'find_smarte_api_key', 'find_api_key_by_secret'],
};

/** Words title case leaves in lower case unless they start the label. */
const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

/** The irreversible steps (issue #16) and what their copy field must say: what cannot be undone, or how to undo it. */
const IRREVERSIBLE: Record<string, RegExp> = {
  delete_smashsend_api_key: /cannot be undone/,
  rotate_smashsend_api_key: /cannot be undone/,
  delete_smartlead_client_api_key: /cannot be undone/,
  reset_smartlead_client_api_key: /cannot be undone/,
  suspend_smarte_api_key: /undo it with the \*\*Reactivate SMARTe API Key\*\* step/,
  revoke_leaked_api_key: /cannot be undone/,
};

/** The steps that can disable or weaken a key (issue #16): each guards the connection's own key. */
const ALLOWS_CONNECTION_KEY = [
  'delete_smashsend_api_key',
  'rotate_smashsend_api_key',
  'update_smashsend_api_key',
  'suspend_smarte_api_key',
];

/** Operations that read several vendors (issue #12): their labels name no vendor, so they are pinned exactly. */
const CROSS_VENDOR_LABELS: Record<string, string> = {
  api_key_reached_age: 'API Key Reached Age',
  audit_api_keys: 'Audit API Keys',
  api_key_status_changed: 'API Key Status Changed',
  find_api_key_by_secret: 'Find API Key by Secret',
  revoke_leaked_api_key: 'Revoke Leaked API Key',
};

/**
 * Each vendor's documented limit as Zapier's throttle (issue #12), shared by all of the vendor's operations: the same
 * configuration everywhere, no `action` in the scope. SMASHSEND: 60 requests a minute / 6 requests for the heaviest
 * common invocation (a rotation) = 10 invocations a minute. SmartLead: 10 requests per 2 s, one request per invocation.
 * SMARTe documents no limit: no throttle. The cross-vendor operations take SMASHSEND's, the scarcer allowance.
 */
const THROTTLES = {
  SMASHSEND: { key: 'smashsend', window: 60, limit: 10, scope: ['auth'] },
  SmartLead: { key: 'smartlead', window: 2, limit: 10, scope: ['auth'] },
  SMARTe: undefined,
};

function vendorOf(key: string): keyof typeof THROTTLES {
  if (key in CROSS_VENDOR_LABELS || key.includes('smashsend')) return 'SMASHSEND';
  if (key.includes('smartlead')) return 'SmartLead';
  if (key.includes('smarte')) return 'SMARTe';
  throw new Error(`no vendor known for ${key}: add it to this test`);
}

/** Writes to one key are serialised per connection on that key's identifying input (issue #12); nothing else locks. */
const LOCKS: Record<string, { key: string; scope: string[]; timeout: number }> = {
  update_smashsend_api_key: { key: 'smashsend-api-key-{{bundle.inputData.apiKeyId}}', scope: ['auth'], timeout: 60 },
  delete_smashsend_api_key: { key: 'smashsend-api-key-{{bundle.inputData.apiKeyId}}', scope: ['auth'], timeout: 60 },
  rotate_smashsend_api_key: { key: 'smashsend-api-key-{{bundle.inputData.apiKeyId}}', scope: ['auth'], timeout: 60 },
  reset_smartlead_client_api_key: { key: 'smartlead-client-api-key-{{bundle.inputData.keyId}}', scope: ['auth'], timeout: 60 },
  delete_smartlead_client_api_key: { key: 'smartlead-client-api-key-{{bundle.inputData.keyId}}', scope: ['auth'], timeout: 60 },
  create_smarte_api_key: { key: 'smarte-api-key-{{bundle.inputData.email}}', scope: ['auth'], timeout: 60 },
  suspend_smarte_api_key: { key: 'smarte-api-key-{{bundle.inputData.email}}', scope: ['auth'], timeout: 60 },
  reactivate_smarte_api_key: { key: 'smarte-api-key-{{bundle.inputData.email}}', scope: ['auth'], timeout: 60 },
  // Its target is known only from the secret, which must never be part of a lock key: one revocation at a time.
  revoke_leaked_api_key: { key: 'revoke-leaked-api-key', scope: ['auth'], timeout: 60 },
};

describe("Zapier's review rules", () => {
  it.each(REVIEW_RULES)('$rule: $checks', ({ problems }) => {
    expect(problems()).toEqual([]);
  });
});

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
    // Line items (a field with `children`) take no type (the schema forbids it): each child has a label and a type.
    const fields = (op.operation.outputFields ?? []).flatMap((field) => (field.children ? [field, ...field.children] : [field]));
    for (const field of fields) {
      expect({ key: field.key, label: typeof field.label, type: field.children ? 'line items' : typeof field.type }).toEqual({
        key: field.key,
        label: 'string',
        type: field.children ? 'line items' : 'string',
      });
    }
  });

  it.each(visible.map((op) => [op.key, op] as const))("%s: every sample line item has exactly its field's children keys", (_key, op) => {
    for (const field of op.operation.outputFields ?? []) {
      if (!field.children) continue;
      const items = op.operation.sample?.[field.key];
      expect(Array.isArray(items) && items.length > 0).toBe(true);
      const childKeys = field.children.map((child) => child.key).sort();
      for (const item of items as object[]) expect(Object.keys(item).sort()).toEqual(childKeys);
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

  it.each(all.map((op) => [op.key, op] as const))('%s: every input has a label and help text (a copy field: text only)', (_key, op) => {
    for (const field of op.operation.inputFields ?? []) {
      // A copy field is text the editor shows, not an input: Zapier gives it no label.
      if (field.type === 'copy') {
        expect({ key: field.key, label: field.label, helpText: (field.helpText ?? '').length > 10 }).toEqual({
          key: field.key,
          label: undefined,
          helpText: true,
        });
        continue;
      }
      expect({ key: field.key, label: Boolean(field.label), helpText: (field.helpText ?? '').length > 10 }).toEqual({
        key: field.key,
        label: true,
        helpText: true,
      });
    }
  });

  // Zapier's build guidelines: a destructive action says, before it runs, what cannot be undone (issue #16).
  it.each(Object.entries(IRREVERSIBLE))('%s: a copy field, first among the inputs, says what cannot be undone', (key, says) => {
    const op = all.find((candidate) => candidate.key === key);
    const first = op?.operation.inputFields?.[0];
    expect(first).toMatchObject({ key: 'irreversible_notice', type: 'copy' });
    expect(first?.helpText).toMatch(says);
  });

  it('no other step carries a copy field: the notice means something where it appears', () => {
    const withCopy = all.filter((op) => (op.operation.inputFields ?? []).some((field) => field.type === 'copy')).map((op) => op.key);
    expect(withCopy.sort()).toEqual(Object.keys(IRREVERSIBLE).sort());
  });

  // Issue #16: every step that can disable or weaken a key refuses the connection's own key unless this is on.
  it.each(ALLOWS_CONNECTION_KEY)(
    '%s: offers "Allow This Connection\'s Own Key", off by default, and says so in a warning output',
    (key) => {
      const op = all.find((candidate) => candidate.key === key);
      const field = op?.operation.inputFields?.find((candidate) => candidate.key === 'allow_connection_key');
      expect(field).toMatchObject({ label: "Allow This Connection's Own Key", type: 'boolean', default: 'false', required: false });
      expect((op?.operation.outputFields ?? []).map((output) => output.key)).toContain('warning');
    },
  );

  it('only the steps that can disable or weaken a key offer allow_connection_key', () => {
    const offering = all.filter((op) => (op.operation.inputFields ?? []).some((field) => field.key === 'allow_connection_key'));
    expect(offering.map((op) => op.key).sort()).toEqual([...ALLOWS_CONNECTION_KEY].sort());
  });

  it.each(visible.map((op) => [op.key, op] as const))(
    '%s: label in title case naming the vendor; description in Zapier style',
    (key, op) => {
      if (key in CROSS_VENDOR_LABELS) expect(op.display.label).toBe(CROSS_VENDOR_LABELS[key]);
      else expect(op.display.label).toMatch(/SMASHSEND|SmartLead|SMARTe/);
      // Title case: every word capitalised but the short joining words ("Find API Key by Secret").
      for (const [index, word] of op.display.label.split(' ').entries())
        if (index === 0 || !MINOR_WORDS.has(word)) expect(word[0]).toBe(word[0].toUpperCase());
      const start = key.startsWith('new_') ? /^Triggers when / : key.startsWith('find_') ? /^Finds / : /^[A-Z][a-z]+s /;
      expect(op.display.description).toMatch(start);
      expect(op.display.description).toMatch(/\.$/);
    },
  );

  it.each(all.map((op) => [op.key, op] as const))("%s: its vendor's shared throttle, never with retry on a polling trigger", (key, op) => {
    expect(op.operation.throttle).toEqual(THROTTLES[vendorOf(key)]);
    // Triggers here are all polling (none is a hook): `retry` has no effect on them and must not be set.
    if (byKind('triggers').includes(op)) expect(op.operation.throttle?.retry).toBeUndefined();
  });

  it.each(all.map((op) => [op.key, op] as const))('%s: locked on the key it writes to, or not at all', (key, op) => {
    expect(op.operation.lock).toEqual(LOCKS[key]);
    // Zapier fills the lock key from the input: the field it names must always be there.
    const field = /\{\{bundle\.inputData\.(\w+)\}\}/.exec(op.operation.lock?.key ?? '')?.[1];
    if (field !== undefined) expect(op.operation.inputFields?.find((input) => input.key === field)).toMatchObject({ required: true });
  });

  it('every lock named here belongs to a registered operation', () => {
    expect(all.map((op) => op.key)).toEqual(expect.arrayContaining(Object.keys(LOCKS)));
  });

  it('pairs every search with its create', () => {
    const pairs = Object.values(App.searchOrCreates ?? {}).map((pair) => [pair.search, pair.create]);
    expect(pairs.sort()).toEqual([
      ['find_smarte_api_key', 'create_smarte_api_key'],
      ['find_smartlead_client_api_key', 'create_smartlead_client_api_key'],
      ['find_smashsend_api_key', 'create_smashsend_api_key'],
    ]);
  });
});
