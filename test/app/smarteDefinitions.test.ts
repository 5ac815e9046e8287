// The SMARTe operations as Zapier's editor shows them: labels, help text, dropdowns, output fields whose keys match
// both the static sample and what the step really returns, and the Find or Create pair.

import { App, run } from '../support/app';
import { definitionOf, inputField, outputKeys } from '../support/definition';
import { useNock } from '../support/nock';
import { CREATE, UPDATE, VIEW, smarte, viewsKey } from '../support/smarte';
import * as fx from '../fixtures/smarte';

useNock();

const OPERATIONS = [
  ['triggers', 'new_smarte_api_key', 'New SMARTe API Key', /^Triggers when .*SMARTe.*\.$/],
  ['triggers', 'smarte_api_key_list', 'List SMARTe API Keys', /^Triggers when .*SMARTe.*\.$/],
  ['creates', 'create_smarte_api_key', 'Create SMARTe API Key', /^Creates .*SMARTe.*\.$/],
  ['creates', 'suspend_smarte_api_key', 'Suspend SMARTe API Key', /^Suspends .*SMARTe.*\.$/],
  ['creates', 'reactivate_smarte_api_key', 'Reactivate SMARTe API Key', /^Reactivates .*SMARTe.*\.$/],
  ['searches', 'find_smarte_api_key', 'Find SMARTe API Key', /^Finds .*SMARTe.*\.$/],
] as const;

describe.each(OPERATIONS)('%s.%s', (kind, key, label, description) => {
  const op = definitionOf(kind, key);

  it('is registered under its key, with a title-case label naming SMARTe and a Zapier-style description', () => {
    expect(op.key).toBe(key);
    expect(op.noun).toBe('API Key');
    expect(op.display.label).toBe(label);
    expect(op.display.description).toMatch(description);
  });
});

it('only the dropdown trigger is hidden', () => {
  expect(definitionOf('triggers', 'smarte_api_key_list').display.hidden).toBe(true);
  expect(definitionOf('triggers', 'new_smarte_api_key').display.hidden).toBeFalsy();
});

it('takes include_secret where a step shows an existing key, and not on create (which always shows the new key)', () => {
  for (const [kind, key] of [
    ['triggers', 'new_smarte_api_key'],
    ['creates', 'suspend_smarte_api_key'],
    ['creates', 'reactivate_smarte_api_key'],
    ['searches', 'find_smarte_api_key'],
  ] as const) {
    expect(inputField(kind, key, 'include_secret')).toMatchObject({ type: 'boolean', required: false });
  }
  expect(inputField('creates', 'create_smarte_api_key', 'include_secret')).toBeUndefined();
});

it.each(['suspend_smarte_api_key', 'reactivate_smarte_api_key'])('%s picks the email from the dropdown (custom values allowed)', (key) => {
  expect(inputField('creates', key, 'email')).toMatchObject({ required: true, type: 'string', dynamic: 'smarte_api_key_list.email.email' });
});

it.each([
  ['creates', 'create_smarte_api_key'],
  ['searches', 'find_smarte_api_key'],
] as const)('%s.%s takes the email as free text', (kind, key) => {
  const email = inputField(kind, key, 'email');
  expect(email).toMatchObject({ required: true, type: 'string' });
  expect(email?.dynamic).toBeUndefined();
});

describe('the suspension, which can lock a key out (and the connection, when it is its own admin key)', () => {
  const keys = (key: string) => (definitionOf('creates', key).operation.inputFields ?? []).map((field) => field.key);

  it('suspend takes, in order: the notice, the email, allow_connection_key, include_secret', () => {
    expect(keys('suspend_smarte_api_key')).toEqual(['irreversible_notice', 'email', 'allow_connection_key', 'include_secret']);
  });

  it('suspend opens with a copy field (no label) that says the key stops working and how to undo it', () => {
    const [first] = definitionOf('creates', 'suspend_smarte_api_key').operation.inputFields ?? [];
    expect(first).toEqual({ key: 'irreversible_notice', type: 'copy', helpText: expect.any(String) });
    expect(first.helpText).toMatch(/^\*\*The key stops working at once\*\*/);
    expect(first.helpText).toContain('undo it with the **Reactivate SMARTe API Key** step');
    expect(first.helpText).toContain("This connection's own admin key is refused unless you allow it below.");
  });

  it("suspend's allow_connection_key is an optional boolean, off by default, labelled as the refusal names it", () => {
    expect(inputField('creates', 'suspend_smarte_api_key', 'allow_connection_key')).toMatchObject({
      label: "Allow This Connection's Own Key",
      type: 'boolean',
      default: 'false',
      required: false,
    });
  });

  it('reactivate cannot lock anything out: no copy field, no allow_connection_key', () => {
    expect(keys('reactivate_smarte_api_key')).toEqual(['email', 'include_secret']);
  });

  it("suspend's output and sample carry a warning (empty unless it was the connection's own key)", () => {
    expect(outputKeys('creates', 'suspend_smarte_api_key')).toContain('warning');
    expect(definitionOf('creates', 'suspend_smarte_api_key').operation.sample).toMatchObject({ warning: '' });
  });
});

it('pairs Find SMARTe API Key with Create SMARTe API Key as Find or Create', () => {
  expect(App.searchOrCreates?.find_or_create_smarte_api_key).toEqual({
    key: 'find_smarte_api_key', // Zapier requires a search-or-create's own key to be its search's key
    display: { label: 'Find or Create SMARTe API Key', description: expect.any(String) },
    search: 'find_smarte_api_key',
    create: 'create_smarte_api_key',
  });
});

describe('what each step returns has exactly the keys of its output fields', () => {
  it.each(['new_smarte_api_key', 'smarte_api_key_list'])('%s', async (key) => {
    smarte().post(VIEW, {}).reply(200, fx.viewAll);
    const [first] = (await run('triggers', key)) as object[];
    expect(Object.keys(first).sort()).toEqual(outputKeys('triggers', key));
  });

  it('find_smarte_api_key', async () => {
    smarte().post(VIEW, { email: fx.userKey.email }).reply(200, fx.viewOne);
    const [first] = (await run('searches', 'find_smarte_api_key', { email: fx.userKey.email })) as object[];
    expect(Object.keys(first).sort()).toEqual(outputKeys('searches', 'find_smarte_api_key'));
  });

  it('create_smarte_api_key', async () => {
    smarte().post(CREATE, { email: fx.created.data.email }).reply(200, fx.created);
    const result = (await run('creates', 'create_smarte_api_key', { email: fx.created.data.email })) as object;
    expect(Object.keys(result).sort()).toEqual(outputKeys('creates', 'create_smarte_api_key'));
  });

  it.each([
    ['suspend_smarte_api_key', 'suspend', fx.suspended],
    ['suspend_smarte_api_key', 'suspend', { message: 'Key suspended successfully' }],
    ['reactivate_smarte_api_key', 'activate', fx.reactivated],
    ['reactivate_smarte_api_key', 'activate', {}],
  ])('%s (SMARTe answering %j)', async (key, action, answer) => {
    if (action === 'suspend') viewsKey(fx.userKey.email); // a suspension views the key first
    smarte().post(UPDATE, { email: fx.userKey.email, action }).reply(200, answer);
    const result = (await run('creates', key, { email: fx.userKey.email })) as object;
    expect(Object.keys(result).sort()).toEqual(outputKeys('creates', key));
  });
});

describe('locks and throttle', () => {
  it("create, suspend and reactivate of one user's key share one lock on the email, per connection", () => {
    for (const key of ['create_smarte_api_key', 'suspend_smarte_api_key', 'reactivate_smarte_api_key'])
      expect(definitionOf('creates', key).operation.lock).toEqual({
        key: 'smarte-api-key-{{bundle.inputData.email}}',
        scope: ['auth'],
        timeout: 60,
      });
  });

  it('no SMARTe operation is throttled: SMARTe documents no rate limit (its limits are per contract; its 429s are still honoured)', () => {
    for (const [kind, key] of OPERATIONS) expect(definitionOf(kind, key).operation.throttle).toBeUndefined();
  });
});
