// End to end: every trigger (hidden dropdown triggers too), create and search, and the connection test, run through
// the real app definition (createAppTester) against the vendor sandbox over loopback. No nock: each answer below
// went over HTTP to the sandbox and back through the connector, z.request and the app's error mapping. Each test starts
// as a cold container (nothing remembered about the connection's SMASHSEND key), so request counts are exact; within a
// test, later steps reuse what the first one learnt, as a warm container does.

import { forgetRememberedKeys } from '../../lib/clients';
import { SANDBOX_CREDENTIALS, SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { registeredOperationKeys, run, runOperation, testConnection, without, type Auth } from '../support/app';
import { OPERATIONS } from '../support/operations';
import { ISO_DATE, UUID, expectZapierError, masked } from '../support/outcome';
import { ROUTE, sandboxAuth, useSandbox } from '../support/sandbox';
import { AUTH_FIELD, VENDOR_NAME } from '../support/vendors';

const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
  forgetRememberedKeys();
});

const WS = SMASHSEND_SEED.user.workspaceId;

/** The connection label (Zapier's check D003): SMASHSEND's key by name and workspace (cut to 12), the others' hints. */
const smashLabel = (name: string) => `SMASHSEND ${name} (${WS.slice(0, 12)}…)`;
const SMARTLEAD_LABEL = `SmartLead ${masked(SANDBOX_CREDENTIALS.smartleadApiKey)}`;
const SMARTE_LABEL = `SMARTe ${masked(SANDBOX_CREDENTIALS.smarteApiKey)}`;
const SANDBOX_LABEL = `${smashLabel('Sandbox Admin Key')} · ${SMARTLEAD_LABEL} · ${SMARTE_LABEL}`;

// ---- the seed, as each operation shows it ----

const smashSeed = (id: string) => SMASHSEND_SEED.keys.find((key) => key.id === id)!;
/** A SMASHSEND key as lists show it: the vendor truncates the secret to 12 characters + "..."; it names its workspace. */
function smashListed(id: string) {
  const { secretKey, ...rest } = smashSeed(id);
  return { ...rest, secretKey: `${secretKey.slice(0, 12)}...` };
}
/** …and as the app shows it: SMASHSEND's truncated secret unchanged (it is how users recognise a key). */
const smashShown = (id: string) => smashListed(id);
const SMASH_NEWEST_FIRST = ['aki_abc123def456', 'aki_xyz789ghi012', 'aki_sbxadmin0001'];

const leadSeed = (id: number) => SMARTLEAD_SEED.keys.find((key) => key.id === id)!;
const leadShown = (id: number) => ({ ...leadSeed(id), api_key: masked(leadSeed(id).api_key) });

const smarteSeed = (email: string) => SMARTE_SEED.keys.find((key) => key.email === email)!;
const smarteShown = (email: string, includeSecret = false) => {
  const key = smarteSeed(email);
  return { ...key, id: key.keyId, apiKey: includeSecret ? key.apiKey : masked(key.apiKey) };
};
const SMARTE_ADMIN = 'sandbox.admin@smarte.pro';
const SMARTE_USER = 'dev.udi_user@smarte.pro';
const SMARTE_OTHER = 'dev.udi@smarte.pro';

/** The sandbox connection's own SMASHSEND key (its secret is the connection's SMASHSEND API Key). */
const OWN_KEY = 'aki_sbxadmin0001';
const FIND_SMASHSEND = 'The "Find SMASHSEND API Key" step (or the SMASHSEND dashboard) shows the key\'s current state.';
const FIND_SMARTLEAD = 'The "Find SmartLead Client API Key" step (or the SmartLead dashboard) shows the key\'s current state.';
const FIND_SMARTE = 'The "Find SMARTe API Key" step (or the SMARTe dashboard) shows the key\'s current state.';
const ALLOW = 'Pick another key, or turn on "Allow This Connection\'s Own Key" if you mean it';

// ---- every operation: the catalogue (test/support/operations.ts) must name each one index.ts registers ----

it('the catalogue this suite runs names every trigger, create and search that index.ts registers', () => {
  expect([...new Set(OPERATIONS.map((op) => op.key))].sort()).toEqual(registeredOperationKeys());
});

describe('connection test', () => {
  it('checks all three sandbox keys and labels the connection with the SMASHSEND key name', async () => {
    expect(await testConnection(auth)).toEqual({
      vendors: ['SMASHSEND', 'SmartLead', 'SMARTe'],
      smashsend_display_name: 'Sandbox Admin Key',
      smashsend_role: 'EDITOR',
      label: SANDBOX_LABEL,
    });
    // The connection has a workspace id: one key of its list proves the key can read it.
    expect(env.sandbox.requestCounts().byRoute).toEqual({
      [ROUTE.smashsendCheck]: 1,
      [ROUTE.smashsendList]: 1,
      'GET /api/v1/client': 1,
      'POST /signals/v1/key/view': 1,
    });
  });

  it.each([
    [
      'smashsend_api_key',
      {
        vendors: ['SMASHSEND'],
        smashsend_display_name: 'Sandbox Admin Key',
        smashsend_role: 'EDITOR',
        label: smashLabel('Sandbox Admin Key'),
      },
    ],
    ['smartlead_api_key', { vendors: ['SmartLead'], label: SMARTLEAD_LABEL }],
    ['smarte_api_key', { vendors: ['SMARTe'], label: SMARTE_LABEL }],
  ])('accepts a connection with only %s', async (field, expected) => {
    expect(await testConnection({ [field]: auth[field] })).toEqual(expected);
  });

  it('names every vendor whose key the sandbox rejects, with the vendor’s own message', async () => {
    const bad = {
      smashsend_api_key: 'sk_live_notARealKey000000000000000',
      smartlead_api_key: 'not_a_real_key_000000',
      smarte_api_key: 'notARealSmarteKey000000=',
    };
    await expectZapierError(testConnection(bad), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: [
        'SMASHSEND rejected the API key',
        'Invalid API key. Please double-check and try again.',
        'Check the SMASHSEND API Key field',
        'SmartLead rejected the API key',
        'Invalid or missing API key',
        'Check the SmartLead API Key field',
        'SMARTe rejected the API key',
        'Invalid or missing Api-Key',
        'Check the SMARTe Admin API Key field',
      ],
    });
  });

  it('fails plainly for a SMARTe standard (non-admin) key and passes the vendors that worked', async () => {
    const error = await expectZapierError(testConnection({ ...auth, smarte_api_key: smarteSeed(SMARTE_USER).apiKey }), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: [
        'SMARTe refused access',
        'This endpoint requires an admin API key',
        'Check the SMARTe Admin API Key field: use a key that is allowed to do this',
      ],
    });
    expect(error.message).not.toMatch(/SMASHSEND|SmartLead/);
  });

  it('refuses a connection with no key before any request', async () => {
    await expectZapierError(testConnection({ smashsend_workspace_id: WS }), {
      name: 'AppError',
      code: 'missing_key',
      says: ['Add at least one API key', '(SMASHSEND, SmartLead or SMARTe)'],
    });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

/** The leaked-key steps look wherever the connection has keys: the secret's own vendor is simply not among them. */
const BY_SECRET = new Set(['find_api_key_by_secret', 'revoke_leaked_api_key']);

describe('a connection lacking a vendor’s key', () => {
  it.each(OPERATIONS.filter((op) => !BY_SECRET.has(op.key)).map((op) => [`${op.kind}.${op.name}`, op] as const))(
    '%s says it needs that vendor’s key, before any request',
    async (_name, op) => {
      const vendor = VENDOR_NAME[op.vendor];
      await expectZapierError(runOperation(op, without(auth, AUTH_FIELD[vendor])), {
        name: 'AppError',
        code: 'missing_key',
        says: [`needs a ${vendor} API key`, 'reconnect and add it'],
      });
      expect(env.sandbox.requestCounts().total).toBe(0);
    },
  );

  it.each(OPERATIONS.filter((op) => BY_SECRET.has(op.key)).map((op) => [`${op.kind}.${op.name}`, op] as const))(
    '%s looks at the other vendors only: none knows the secret, so nothing is found (or revoked), and nothing is written',
    async (_name, op) => {
      const vendor = VENDOR_NAME[op.vendor];
      const connection = without(auth, AUTH_FIELD[vendor]);
      const others = (['SMASHSEND', 'SmartLead', 'SMARTe'] as const).filter((other) => other !== vendor).join(', ');
      if (op.key === 'find_api_key_by_secret') expect(await runOperation(op, connection)).toEqual([]);
      else
        await expectZapierError(runOperation(op, connection), {
          name: 'HaltedError',
          says: `No vendor of this connection (${others}) knows the secret ending in ${String(op.input.secret).slice(-4)}: nothing was revoked.`,
          secrets: [String(op.input.secret)],
        });
      const counts = env.sandbox.requestCounts();
      expect(counts.byVendor[op.vendor]).toBe(0);
      // Reads only: the other vendors' lists and SMASHSEND's lookup (shown the secret last, as no other vendor knew it).
      expect(Object.keys(counts.byRoute).filter((route) => !route.startsWith('GET ') && route !== ROUTE.smarteView)).toEqual([]);
    },
  );
});

describe('SMASHSEND', () => {
  it('new_smashsend_api_key: the workspace’s keys newest first, from one list request, secrets masked', async () => {
    expect(await run('triggers', 'new_smashsend_api_key', {}, auth)).toEqual(SMASH_NEWEST_FIRST.map(smashShown));
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendList]: 1 });
  });

  it('smashsend_api_key_list (dropdown) page 0: the same keys, masked', async () => {
    expect(await run('triggers', 'smashsend_api_key_list', {}, auth, { page: 0 })).toEqual(SMASH_NEWEST_FIRST.map(smashShown));
  });

  it('discovers the workspace from the key when the connection has no workspace id (GET /v1/api-keys/current once, then remembered)', async () => {
    const noWorkspace = without(auth, 'smashsend_workspace_id');
    expect(await run('triggers', 'new_smashsend_api_key', {}, noWorkspace)).toEqual(SMASH_NEWEST_FIRST.map(smashShown));
    const created = await run(
      'creates',
      'create_smashsend_api_key',
      { displayName: 'Discovered', role: 'VIEWER' },
      { ...noWorkspace, smashsend_workspace_id: '  ' },
    );
    expect(created).toMatchObject({ displayName: 'Discovered', role: 'VIEWER' });
    // The second step, in the same (warm) process, reuses the discovered id: one vendor call fewer.
    expect(env.sandbox.requestCounts().byRoute).toEqual({
      [ROUTE.smashsendCurrent]: 1,
      [ROUTE.smashsendList]: 1,
      [ROUTE.smashsendCreate]: 1,
    });
  });

  it('a workspace id the key does not belong to is refused by SMASHSEND (403), named plainly', async () => {
    const other = { ...auth, smashsend_workspace_id: 'wrk_someoneElse0000000000' };
    await expectZapierError(run('triggers', 'new_smashsend_api_key', {}, other), {
      name: 'AppError',
      code: 'forbidden',
      status: 403,
      says: [
        'SMASHSEND refused access',
        'API key does not have access to this workspace',
        'Reconnect with a SMASHSEND API key that is allowed to do this',
      ],
    });
  });

  it('create_smashsend_api_key: returns the full secret once; the new key authenticates and leads the trigger', async () => {
    const created = (await run('creates', 'create_smashsend_api_key', { displayName: 'E2E Key', role: 'API_USER' }, auth)) as Record<
      string,
      string
    >;
    expect(created).toEqual({
      id: expect.stringMatching(/^aki_[a-z0-9]{12}$/),
      displayName: 'E2E Key',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
      workspaceId: WS,
      createdAt: expect.stringMatching(ISO_DATE),
      updatedAt: created.createdAt,
    });
    // The secret really is the key: a connection holding only it passes the test under the new name.
    expect(await testConnection({ smashsend_api_key: created.secretKey })).toMatchObject({
      label: smashLabel('E2E Key'),
      smashsend_role: 'API_USER',
    });
    const polled = (await run('triggers', 'new_smashsend_api_key', {}, auth)) as Array<Record<string, string>>;
    expect(polled[0]).toEqual({ ...created, secretKey: `${created.secretKey.slice(0, 12)}...` });
    expect(polled).toHaveLength(4);
  });

  it('create_smashsend_api_key with a VIEWER connection: SMASHSEND refuses (403)', async () => {
    const viewer = (await run('creates', 'create_smashsend_api_key', { displayName: 'Read Only', role: 'VIEWER' }, auth)) as Record<
      string,
      string
    >;
    const viewerAuth = { smashsend_api_key: viewer.secretKey, smashsend_workspace_id: WS };
    expect(await run('triggers', 'new_smashsend_api_key', {}, viewerAuth)).toHaveLength(4); // reading is allowed
    await expectZapierError(run('creates', 'create_smashsend_api_key', { displayName: 'Nope', role: 'API_USER' }, viewerAuth), {
      name: 'AppError',
      code: 'forbidden',
      status: 403,
      says: [
        'SMASHSEND refused access',
        'API key does not have sufficient permissions',
        'Reconnect with a SMASHSEND API key that is allowed to do this',
      ],
    });
  });

  it('update_smashsend_api_key: renames and changes the role; the key keeps its value; find sees the new name', async () => {
    const updated = (await run(
      'creates',
      'update_smashsend_api_key',
      { apiKeyId: 'aki_xyz789ghi012', displayName: 'CRM Sync (EU)', role: 'VIEWER' },
      auth,
    )) as Record<string, string>;
    expect(updated).toEqual({
      ...smashShown('aki_xyz789ghi012'),
      displayName: 'CRM Sync (EU)',
      role: 'VIEWER',
      updatedAt: expect.stringMatching(ISO_DATE),
      warning: '',
    });
    // A role change first asks which key the connection signs in with (GET /v1/api-keys/current, once): not this one.
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendCurrent]: 1, [ROUTE.smashsendUpdate]: 1 });
    expect(updated.updatedAt).not.toBe(smashSeed('aki_xyz789ghi012').updatedAt);
    const { warning: _warning, ...key } = updated; // the find shows the key, without the step's warning
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'crm sync (eu)' }, auth)).toEqual([key]);
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'CRM Sync' }, auth)).toEqual([]);
    // The secret did not change: the old one still authenticates, now as a VIEWER.
    expect(await testConnection({ smashsend_api_key: smashSeed('aki_xyz789ghi012').secretKey })).toMatchObject({
      smashsend_role: 'VIEWER',
    });
  });

  it('update_smashsend_api_key shows what SMASHSEND sends (its truncated secret), a mapped include_secret changing nothing', async () => {
    const updated = await run(
      'creates',
      'update_smashsend_api_key',
      { apiKeyId: 'aki_xyz789ghi012', role: 'EDITOR', include_secret: 'yes' },
      auth,
    );
    expect(updated).toEqual({
      ...smashListed('aki_xyz789ghi012'),
      role: 'EDITOR',
      updatedAt: expect.stringMatching(ISO_DATE),
      warning: '',
    });
  });

  it('update_smashsend_api_key of an unknown key: halts (a precondition), naming the key and the Find step', async () => {
    await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: 'aki_doesnotexist', displayName: 'X' }, auth), {
      name: 'HaltedError',
      says: [
        `SMASHSEND has no API key aki_doesnotexist in workspace ${WS} (404 on POST /v1/workspaces/${WS}/api-keys/aki_doesnotexist): API key not found.`,
        'Nothing was changed.',
        FIND_SMASHSEND,
      ],
    });
    // A rename alone cannot lock the connection out: no GET /v1/api-keys/current.
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendUpdate]: 1 });
  });

  it('delete_smashsend_api_key: the key is gone from the list and stops authenticating; a second delete halts', async () => {
    expect(await run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth)).toEqual({
      ...smashShown('aki_xyz789ghi012'),
      isDeleted: true,
      warning: '',
    });
    // Not the connection's own key, as GET /v1/api-keys/current tells (asked once, before the delete).
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendCurrent]: 1, [ROUTE.smashsendDelete]: 1 });
    const ids = ((await run('triggers', 'new_smashsend_api_key', {}, auth)) as Array<{ id: string }>).map((key) => key.id);
    expect(ids).toEqual(['aki_abc123def456', 'aki_sbxadmin0001']);
    await expectZapierError(testConnection({ smashsend_api_key: smashSeed('aki_xyz789ghi012').secretKey }), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMASHSEND rejected the API key', 'Check the SMASHSEND API Key field'],
    });
    // That connection test asked for the deleted key's workspace too (refused): count from here.
    const currentAsked = env.sandbox.requestCounts().byRoute[ROUTE.smashsendCurrent];
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth), {
      name: 'HaltedError',
      says: [
        `SMASHSEND has no API key aki_xyz789ghi012 in workspace ${WS} (404 on DELETE /v1/workspaces/${WS}/api-keys/aki_xyz789ghi012): API key not found.`,
        'Nothing was changed.',
        FIND_SMASHSEND,
      ],
    });
    // The second delete, in the same (warm) process, knew the connection key's id already.
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendCurrent]).toBe(currentAsked);
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendDelete]).toBe(2);
  });

  it('rotate_smashsend_api_key: a new key with the same name and role; the old key is gone and stops working, the new one works', async () => {
    const old = smashSeed('aki_abc123def456');
    const rotated = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: old.id }, auth)) as Record<string, unknown>;
    expect(rotated).toEqual({
      id: expect.stringMatching(/^aki_[a-z0-9]{12}$/),
      displayName: old.displayName,
      role: old.role,
      status: 'ACTIVE',
      secretKey: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
      workspaceId: WS,
      createdAt: expect.stringMatching(ISO_DATE),
      updatedAt: expect.stringMatching(ISO_DATE),
      replacedKeyId: old.id,
      oldKeyDeleted: true,
      newKeyVerified: true,
      warning: '',
    });
    expect(rotated.id).not.toBe(old.id);
    const listed = (await run('triggers', 'new_smashsend_api_key', {}, auth)) as Array<{ id: string }>;
    expect(listed.map((key) => key.id)).toEqual([rotated.id, 'aki_xyz789ghi012', 'aki_sbxadmin0001']);
    expect(await testConnection({ smashsend_api_key: rotated.secretKey as string })).toMatchObject({
      label: smashLabel('Zapier Integration'),
    });
    await expectZapierError(testConnection({ smashsend_api_key: old.secretKey }), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMASHSEND rejected the API key', 'Invalid API key', 'Check the SMASHSEND API Key field'],
    });
  });

  it('rotate_smashsend_api_key with delete_old_key false: both keys stay live for the overlap, then Delete SMASHSEND API Key ends it', async () => {
    const old = smashSeed('aki_abc123def456');
    const rotated = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: old.id, delete_old_key: 'false' }, auth)) as Record<
      string,
      string
    >;
    expect(rotated).toMatchObject({ replacedKeyId: old.id, oldKeyDeleted: false, newKeyVerified: true, warning: '' });
    expect(await testConnection({ smashsend_api_key: rotated.secretKey })).toMatchObject({ label: smashLabel('Zapier Integration') });
    expect(await testConnection({ smashsend_api_key: old.secretKey })).toMatchObject({ label: smashLabel('Zapier Integration') });
    // The recipe's second half (after a Delay step): delete the replaced key by the id the rotation gave.
    await run('creates', 'delete_smashsend_api_key', { apiKeyId: rotated.replacedKeyId }, auth);
    await expectZapierError(testConnection({ smashsend_api_key: old.secretKey }), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMASHSEND rejected the API key', 'Check the SMASHSEND API Key field'],
    });
    expect(await testConnection({ smashsend_api_key: rotated.secretKey })).toMatchObject({ label: smashLabel('Zapier Integration') });
  });

  it('update_smashsend_api_key: a new role for the connection’s own key halts before the update; a rename goes through', async () => {
    await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: OWN_KEY, role: 'VIEWER' }, auth), {
      name: 'HaltedError',
      says: [
        `SMASHSEND API key ${OWN_KEY} is the key this connection authenticates with: refused to change the role of it, nothing was changed.`,
        ALLOW,
      ],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendCurrent]: 1 });
    expect(
      await run('creates', 'update_smashsend_api_key', { apiKeyId: OWN_KEY, displayName: 'Sandbox Admin (Zapier)' }, auth),
    ).toMatchObject({
      displayName: 'Sandbox Admin (Zapier)',
      role: 'EDITOR',
      warning: '',
    });
    expect(await testConnection(auth)).toMatchObject({ smashsend_display_name: 'Sandbox Admin (Zapier)', smashsend_role: 'EDITOR' });
  });
  it('rotate_smashsend_api_key of a key that is not in the list halts, changing nothing', async () => {
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_doesnotexist' }, auth), {
      name: 'HaltedError',
      says: [
        "SMASHSEND API key aki_doesnotexist was not found in the workspace's key list: nothing was created or deleted.",
        'Pick the key again from the list; the "Find SMASHSEND API Key" step shows which keys exist.',
      ],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendList]: 1 });
  });

  it('find_smashsend_api_key: whole name, any case and spacing; a miss is []', async () => {
    expect(await run('searches', 'find_smashsend_api_key', { displayName: '  zapier INTEGRATION ' }, auth)).toEqual([
      smashShown('aki_abc123def456'),
    ]);
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'Zapier' }, auth)).toEqual([]);
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'CRM Sync', include_secret: true }, auth)).toEqual([
      smashListed('aki_xyz789ghi012'),
    ]);
  });
});

describe('SmartLead', () => {
  it('smartlead_client_list (dropdown): the account’s clients as SmartLead sends them', async () => {
    expect(await run('triggers', 'smartlead_client_list', {}, auth)).toEqual(SMARTLEAD_SEED.clients);
  });

  it('smartlead_client_api_key_list (dropdown): every client key, newest first, values masked', async () => {
    const result = await run('triggers', 'smartlead_client_api_key_list', {}, auth);
    expect(result).toEqual([leadShown(47), leadShown(46), leadShown(45)]);
    expect((result as Array<{ api_key: string }>)[0].api_key).toBe('********7Tc2');
  });

  it.each([
    ['no filter', {}, [47, 46, 45]],
    ['one client', { clientId: '301' }, [46, 45]],
    ['one status', { status: 'active' }, [47, 45]],
    ['client and status', { clientId: 302, status: 'inactive' }, []],
  ])('new_smartlead_client_api_key with %s', async (_case, input, ids) => {
    expect(await run('triggers', 'new_smartlead_client_api_key', input, auth)).toEqual(ids.map(leadShown));
  });

  it('new_smartlead_client_api_key with Include Full Key Value', async () => {
    expect(await run('triggers', 'new_smartlead_client_api_key', { clientId: '302', include_secret: 'true' }, auth)).toEqual([
      leadSeed(47),
    ]);
  });

  it('create_smartlead_client_api_key: the full new value, listed newest first afterwards', async () => {
    const created = (await run('creates', 'create_smartlead_client_api_key', { clientId: '301', keyName: 'E2E Key' }, auth)) as Record<
      string,
      unknown
    >;
    expect(created).toEqual({
      id: SMARTLEAD_SEED.nextKeyId,
      client_id: 301,
      key_name: 'E2E Key',
      api_key: expect.stringMatching(/^cl_live_[A-Za-z0-9]{24}$/),
      status: 'active',
      created_at: expect.stringMatching(ISO_DATE),
    });
    const listed = await run('triggers', 'new_smartlead_client_api_key', { clientId: 301 }, auth);
    expect(listed).toEqual([{ ...created, api_key: masked(created.api_key as string) }, leadShown(46), leadShown(45)]);
  });

  it('create_smartlead_client_api_key for an unknown client: SmartLead’s 404, named', async () => {
    await expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 999, keyName: 'E2E Key' }, auth), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no client 999', 'Client not found'],
    });
  });

  it('create_smartlead_client_api_key with a name SmartLead would refuse: stopped before any request', async () => {
    await expectZapierError(run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Prod key!' }, auth), {
      name: 'AppError',
      code: 'input',
      says: [/^Key Name must/, 'only letters, digits, spaces, hyphens and underscores'],
    });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('reset_smartlead_client_api_key: same record, new full value; the old value is gone', async () => {
    const reset = (await run('creates', 'reset_smartlead_client_api_key', { keyId: '45' }, auth)) as Record<string, unknown>;
    expect(reset).toEqual({ ...leadSeed(45), api_key: expect.stringMatching(/^cl_live_[A-Za-z0-9]{24}$/) });
    expect(reset.api_key).not.toBe(leadSeed(45).api_key);
    expect(await run('searches', 'find_smartlead_client_api_key', { keyName: 'Production', include_secret: true }, auth)).toEqual([reset]);
  });

  it('reset_smartlead_client_api_key of an unknown key: halts on SmartLead’s 404, naming the key and the Find step', async () => {
    await expectZapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 4500 }, auth), {
      name: 'HaltedError',
      says: [
        'SmartLead has no client API key 4500 (404 on PUT /api/v1/client/api-key/reset/4500): Client API key not found.',
        'Nothing was changed.',
        FIND_SMARTLEAD,
      ],
    });
  });

  it('delete_smartlead_client_api_key: the deleted record (masked), gone from the list; a second delete halts', async () => {
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: '46' }, auth)).toEqual({ ...leadShown(46), deleted: true });
    expect(await run('triggers', 'smartlead_client_api_key_list', {}, auth)).toEqual([leadShown(47), leadShown(45)]);
    await expectZapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: '46' }, auth), {
      name: 'HaltedError',
      says: [
        'SmartLead has no client API key 46 (404 on DELETE /api/v1/client/api-key/46): Client API key not found.',
        'Nothing was changed.',
        FIND_SMARTLEAD,
      ],
    });
  });

  it.each([
    ['a partial name, any case', { keyName: 'KEY' }, [46, 45]],
    ['a name and a status', { keyName: 'key', status: 'inactive' }, [46]],
    ['a name and a client', { keyName: 'sync', clientId: '302' }, [47]],
    ['a name that matches nothing', { keyName: 'Nothing Like It' }, []],
  ])('find_smartlead_client_api_key by %s', async (_case, input, ids) => {
    expect(await run('searches', 'find_smartlead_client_api_key', input, auth)).toEqual(ids.map(leadShown));
  });
});

describe('SMARTe', () => {
  const seedShown = () => SMARTE_SEED.keys.map((key) => smarteShown(key.email));

  it('new_smarte_api_key: every key in SMARTe’s order, id = keyId, values masked', async () => {
    const result = await run('triggers', 'new_smarte_api_key', {}, auth);
    expect(result).toEqual(seedShown());
    expect((result as Array<{ apiKey: string }>)[0].apiKey).toBe('********001=');
  });

  it('new_smarte_api_key with Include Full Key Value', async () => {
    expect(await run('triggers', 'new_smarte_api_key', { include_secret: true }, auth)).toEqual(
      SMARTE_SEED.keys.map((key) => smarteShown(key.email, true)),
    );
  });

  it('smarte_api_key_list (dropdown): the same keys, always masked', async () => {
    expect(await run('triggers', 'smarte_api_key_list', { include_secret: true }, auth)).toEqual(seedShown());
  });

  it('create_smarte_api_key: a standard key with its full value; a second key for the email is refused (409)', async () => {
    const created = (await run('creates', 'create_smarte_api_key', { email: 'new.user@example.com' }, auth)) as Record<string, string>;
    expect(created).toEqual({
      id: expect.stringMatching(UUID),
      keyId: created.id,
      email: 'new.user@example.com',
      role: 'standard',
      status: 'active',
      apiKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
    expect(await run('searches', 'find_smarte_api_key', { email: 'NEW.USER@example.com', include_secret: true }, auth)).toEqual([created]);
    // A standard key is a real SMARTe key, but not an admin one: it cannot run this connection.
    await expectZapierError(testConnection({ smarte_api_key: created.apiKey }), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMARTe refused access', 'Check the SMARTe Admin API Key field'],
    });
    await expectZapierError(run('creates', 'create_smarte_api_key', { email: 'new.user@example.com' }, auth), {
      name: 'AppError',
      code: 'validation',
      status: 409,
      says: ['SMARTe rejected the request', 'An API key already exists for new.user@example.com'],
    });
  });

  it('find_smarte_api_key: by email in any case; no key for the email is []', async () => {
    expect(await run('searches', 'find_smarte_api_key', { email: 'DEV.UDI@smarte.pro' }, auth)).toEqual([smarteShown(SMARTE_OTHER)]);
    expect(await run('searches', 'find_smarte_api_key', { email: 'nobody@example.com' }, auth)).toEqual([]);
  });

  it('suspend then reactivate: each returns the record and SMARTe’s message; repeating either is refused', async () => {
    expect(await run('creates', 'suspend_smarte_api_key', { email: SMARTE_OTHER }, auth)).toEqual({
      ...smarteShown(SMARTE_OTHER),
      status: 'suspended',
      message: 'Key suspended successfully',
      warning: '',
    });
    // SMARTe's view of that one key first (not the connection's admin key), then the update.
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smarteView]: 1, [ROUTE.smarteUpdate]: 1 });
    expect(await run('searches', 'find_smarte_api_key', { email: SMARTE_OTHER }, auth)).toEqual([
      { ...smarteShown(SMARTE_OTHER), status: 'suspended' },
    ]);
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email: SMARTE_OTHER }, auth), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'Key is already suspended'],
    });
    expect(await run('creates', 'reactivate_smarte_api_key', { email: SMARTE_OTHER, include_secret: true }, auth)).toEqual({
      ...smarteShown(SMARTE_OTHER, true),
      message: 'Key activated successfully',
    });
    await expectZapierError(run('creates', 'reactivate_smarte_api_key', { email: SMARTE_OTHER }, auth), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'Only suspended keys can be reactivated'],
    });
  });

  it('suspend_smarte_api_key of the connection’s own admin key (sandbox.admin@smarte.pro) halts after the view: no update sent', async () => {
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email: SMARTE_ADMIN }, auth), {
      name: 'HaltedError',
      says: [
        `SMARTe API key ${SMARTE_ADMIN} is the key this connection authenticates with: refused to suspend it, nothing was changed.`,
        ALLOW,
      ],
      secrets: [env.sandbox.credentials.smarteApiKey],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smarteView]: 1 });
    expect(await run('searches', 'find_smarte_api_key', { email: SMARTE_ADMIN }, auth)).toEqual([smarteShown(SMARTE_ADMIN)]);
    expect(await testConnection(auth)).toMatchObject({ vendors: ['SMASHSEND', 'SmartLead', 'SMARTe'] });
  });

  it('suspend_smarte_api_key of the admin key with allow_connection_key on: sent, and SMARTe itself refuses (admin keys cannot be suspended)', async () => {
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email: SMARTE_ADMIN, allow_connection_key: true }, auth), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'Admin keys cannot be suspended'],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smarteView]: 1, [ROUTE.smarteUpdate]: 1 });
  });

  it('suspend_smarte_api_key of an email SMARTe has no key for: halts after the view, naming the email; no update sent', async () => {
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email: 'nobody@example.com' }, auth), {
      name: 'HaltedError',
      says: ['SMARTe has no key for nobody@example.com (POST /signals/v1/key/view).', 'Nothing was changed.', FIND_SMARTE],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smarteView]: 1 });
  });

  it('reactivate_smarte_api_key of an email SMARTe has no key for: halts on SMARTe’s 404 (no view first)', async () => {
    await expectZapierError(run('creates', 'reactivate_smarte_api_key', { email: 'nobody@example.com' }, auth), {
      name: 'HaltedError',
      says: [
        'SMARTe has no key for nobody@example.com (404 on POST /signals/v1/key/update): No API key found for nobody@example.com.',
        'Nothing was changed.',
        FIND_SMARTE,
      ],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smarteUpdate]: 1 });
  });
});

describe('the connection’s own SMASHSEND key (aki_sbxadmin0001): nothing written to it without allow_connection_key', () => {
  const DELETED_WARNING =
    'This was (or may have been) the key this Zapier connection signs in with: reconnect with another SMASHSEND key in the SMASHSEND API Key field, or every SMASHSEND step of this connection will fail.';
  const ROTATED_WARNING =
    "The old key was the key this Zapier connection signs in with: reconnect with the new secret (this step's Secret Key) in the SMASHSEND API Key field, or every SMASHSEND step of this connection will fail.";
  /** What a step on the connection gets once its SMASHSEND key is gone: the key's field named, nothing expired. */
  const rejected = {
    name: 'AppError',
    code: 'auth',
    status: 401,
    says: [
      'SMASHSEND rejected the API key (401 on GET',
      'Invalid API key',
      "Reconnect with a working key in the SMASHSEND API Key field; the connection's other vendors keep working.",
    ],
  };

  it('delete halts, naming the key and what to do instead; nothing is deleted and the connection test still passes', async () => {
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: OWN_KEY }, auth), {
      name: 'HaltedError',
      says: [
        `SMASHSEND API key ${OWN_KEY} is the key this connection authenticates with: refused to delete it, nothing was changed.`,
        ALLOW,
      ],
      secrets: [env.sandbox.credentials.smashsendApiKey],
    });
    // One request to learn the connection key's id, and no DELETE.
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendCurrent]: 1 });
    expect(await testConnection(auth)).toMatchObject({ label: SANDBOX_LABEL });
    expect(((await run('triggers', 'new_smashsend_api_key', {}, auth)) as Array<{ id: string }>).map((key) => key.id)).toEqual(
      SMASH_NEWEST_FIRST,
    );
  });

  it('delete with allow_connection_key on: deleted, and the warning says to reconnect; the connection then fails until reconnected', async () => {
    expect(await run('creates', 'delete_smashsend_api_key', { apiKeyId: OWN_KEY, allow_connection_key: 'true' }, auth)).toEqual({
      ...smashShown(OWN_KEY),
      isDeleted: true,
      warning: DELETED_WARNING,
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendCurrent]: 1, [ROUTE.smashsendDelete]: 1 });
    // The three-vendor connection: its SMASHSEND steps fail naming that field, its other vendors keep working.
    await expectZapierError(run('triggers', 'new_smashsend_api_key', {}, auth), rejected);
    expect(await run('triggers', 'smartlead_client_list', {}, auth)).toEqual(SMARTLEAD_SEED.clients);
    // A connection that held that key alone is expired as a whole.
    await expectZapierError(run('triggers', 'new_smashsend_api_key', {}, without(auth, 'smartlead_api_key', 'smarte_api_key')), {
      name: 'ExpiredAuthError',
      says: ['SMASHSEND rejected the API key', 'Reconnect your SMASHSEND API key in this connection.'],
    });
    // Back to the seed (the sandbox's own key restored), as every other test expects.
    env.sandbox.reset();
    expect(await testConnection(auth)).toMatchObject({ label: SANDBOX_LABEL });
  });

  it('rotate halts before any create: no new key, nothing deleted, the connection still works', async () => {
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: OWN_KEY }, auth), {
      name: 'HaltedError',
      says: [
        `SMASHSEND API key ${OWN_KEY} is the key this connection authenticates with: refused to rotate and delete it, nothing was changed.`,
        ALLOW,
        'then reconnect with a working SMASHSEND key (the new one, after a rotation).',
      ],
    });
    // The list (to find the key), the current key (to see it is the connection's own), and nothing written.
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendList]: 1, [ROUTE.smashsendCurrent]: 1 });
    expect(await testConnection(auth)).toMatchObject({ label: SANDBOX_LABEL });
    expect(await run('triggers', 'new_smashsend_api_key', {}, auth)).toHaveLength(3);
  });

  it('rotate with delete_old_key off is not refused (nothing is deleted) and asks nothing about the connection key', async () => {
    const rotated = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OWN_KEY, delete_old_key: false }, auth)) as Record<
      string,
      unknown
    >;
    expect(rotated).toMatchObject({ replacedKeyId: OWN_KEY, oldKeyDeleted: false, newKeyVerified: true, warning: '' });
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendCurrent]).toBeUndefined();
    expect(await testConnection(auth)).toMatchObject({ label: SANDBOX_LABEL });
  });

  it('rotate with allow_connection_key on: the new key replaces it, the warning says to reconnect with the new secret, which then works', async () => {
    const rotated = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OWN_KEY, allow_connection_key: true }, auth)) as Record<
      string,
      string
    >;
    expect(rotated).toMatchObject({
      displayName: 'Sandbox Admin Key',
      role: 'EDITOR',
      secretKey: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
      replacedKeyId: OWN_KEY,
      oldKeyDeleted: true,
      newKeyVerified: true,
      warning: ROTATED_WARNING,
    });
    await expectZapierError(run('triggers', 'new_smashsend_api_key', {}, auth), rejected);
    const renewed = { ...auth, smashsend_api_key: rotated.secretKey };
    expect(((await run('triggers', 'new_smashsend_api_key', {}, renewed)) as Array<{ id: string }>).map((key) => key.id)).toEqual([
      rotated.id,
      'aki_abc123def456',
      'aki_xyz789ghi012',
    ]);
    env.sandbox.reset();
  });
});

describe('a key one vendor rejects (401) expires the connection only when that vendor is its only one', () => {
  const badSmartlead = () => ({ ...auth, smartlead_api_key: 'not_a_real_key_000000' });

  it("a SmartLead 401 in a three-vendor connection is not an ExpiredAuthError: it names SmartLead's field, the other vendors keep working", async () => {
    const error = await expectZapierError(run('triggers', 'smartlead_client_list', {}, badSmartlead()), {
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: [
        'SmartLead rejected the API key (401 on GET /api/v1/client/)',
        'Invalid or missing API key',
        "Reconnect with a working key in the SmartLead API Key field; the connection's other vendors keep working.",
      ],
    });
    expect(error.name).not.toBe('ExpiredAuthError');
    expect(await run('triggers', 'new_smashsend_api_key', {}, badSmartlead())).toHaveLength(3);
    expect(await run('triggers', 'new_smarte_api_key', {}, badSmartlead())).toHaveLength(SMARTE_SEED.keys.length);
  });

  it.each([
    ['SmartLead', { smartlead_api_key: 'not_a_real_key_000000' }, 'smartlead_client_list'],
    ['SMARTe', { smarte_api_key: 'notARealSmarteKey000000=' }, 'new_smarte_api_key'],
  ])('a %s key alone in the connection, rejected: an ExpiredAuthError that says to reconnect', async (vendor, only, trigger) => {
    await expectZapierError(run('triggers', trigger, {}, only), {
      name: 'ExpiredAuthError',
      says: [`${vendor} rejected the API key (401 on`, `Reconnect your ${vendor} API key in this connection.`],
    });
  });

  it('a SMARTe 401 in a three-vendor connection names the SMARTe Admin API Key field', async () => {
    await expectZapierError(run('triggers', 'new_smarte_api_key', {}, { ...auth, smarte_api_key: 'notARealSmarteKey000000=' }), {
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: [
        'SMARTe rejected the API key (401 on POST /signals/v1/key/view)',
        'Reconnect with a working key in the SMARTe Admin API Key field',
      ],
    });
  });
});
