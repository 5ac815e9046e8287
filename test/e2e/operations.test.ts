// End to end: every trigger (hidden dropdown triggers too), create and search, and the connection test, run through
// the real app definition (createAppTester) against the vendor sandbox over loopback. No nock: each answer below
// went over HTTP to the sandbox and back through the connector, z.request and the app's error mapping.

import { SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { registeredOperationKeys, run, runOperation, testConnection, without, type Auth } from '../support/app';
import { OPERATIONS } from '../support/operations';
import { ISO_DATE, UUID, expectZapierError, masked } from '../support/outcome';
import { ROUTE, sandboxAuth, useSandbox } from '../support/sandbox';
import { AUTH_FIELD, VENDOR_NAME } from '../support/vendors';

const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
});

const WS = SMASHSEND_SEED.user.workspaceId;

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
      label: 'SMASHSEND (Sandbox Admin Key), SmartLead, SMARTe',
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
        label: 'SMASHSEND (Sandbox Admin Key)',
      },
    ],
    ['smartlead_api_key', { vendors: ['SmartLead'], label: 'SmartLead' }],
    ['smarte_api_key', { vendors: ['SMARTe'], label: 'SMARTe' }],
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

describe('a connection lacking a vendor’s key', () => {
  it.each(OPERATIONS.map((op) => [`${op.kind}.${op.name}`, op] as const))(
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
      label: 'SMASHSEND (E2E Key)',
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
    });
    expect(updated.updatedAt).not.toBe(smashSeed('aki_xyz789ghi012').updatedAt);
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'crm sync (eu)' }, auth)).toEqual([updated]);
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
    expect(updated).toEqual({ ...smashListed('aki_xyz789ghi012'), role: 'EDITOR', updatedAt: expect.stringMatching(ISO_DATE) });
  });

  it('update_smashsend_api_key of an unknown key: a plain not-found error', async () => {
    await expectZapierError(run('creates', 'update_smashsend_api_key', { apiKeyId: 'aki_doesnotexist', displayName: 'X' }, auth), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no API key aki_doesnotexist', 'API key not found'],
    });
  });

  it('delete_smashsend_api_key: the key is gone from the list and stops authenticating; a second delete is a 404', async () => {
    expect(await run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth)).toEqual({
      ...smashShown('aki_xyz789ghi012'),
      isDeleted: true,
    });
    const ids = ((await run('triggers', 'new_smashsend_api_key', {}, auth)) as Array<{ id: string }>).map((key) => key.id);
    expect(ids).toEqual(['aki_abc123def456', 'aki_sbxadmin0001']);
    await expectZapierError(testConnection({ smashsend_api_key: smashSeed('aki_xyz789ghi012').secretKey }), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMASHSEND rejected the API key', 'Check the SMASHSEND API Key field'],
    });
    await expectZapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no API key aki_xyz789ghi012', 'API key not found'],
    });
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
      label: 'SMASHSEND (Zapier Integration)',
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
    expect(await testConnection({ smashsend_api_key: rotated.secretKey })).toMatchObject({ label: 'SMASHSEND (Zapier Integration)' });
    expect(await testConnection({ smashsend_api_key: old.secretKey })).toMatchObject({ label: 'SMASHSEND (Zapier Integration)' });
    // The recipe's second half (after a Delay step): delete the replaced key by the id the rotation gave.
    await run('creates', 'delete_smashsend_api_key', { apiKeyId: rotated.replacedKeyId }, auth);
    await expectZapierError(testConnection({ smashsend_api_key: old.secretKey }), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMASHSEND rejected the API key', 'Check the SMASHSEND API Key field'],
    });
    expect(await testConnection({ smashsend_api_key: rotated.secretKey })).toMatchObject({ label: 'SMASHSEND (Zapier Integration)' });
  });

  it('rotating the connection’s own key: the step succeeds, then the old connection is expired and the new key takes over', async () => {
    const rotated = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_sbxadmin0001' }, auth)) as Record<string, string>;
    expect(rotated).toMatchObject({
      displayName: 'Sandbox Admin Key',
      role: 'EDITOR',
      replacedKeyId: 'aki_sbxadmin0001',
      oldKeyDeleted: true,
      newKeyVerified: true,
      warning: '',
    });
    await expectZapierError(run('triggers', 'new_smashsend_api_key', {}, auth), {
      name: 'ExpiredAuthError',
      says: ['SMASHSEND rejected the API key', 'Invalid API key', 'Reconnect your SMASHSEND API key'],
    });
    const renewed = { ...auth, smashsend_api_key: rotated.secretKey };
    expect(((await run('triggers', 'new_smashsend_api_key', {}, renewed)) as Array<{ id: string }>).map((key) => key.id)).toEqual([
      rotated.id,
      'aki_abc123def456',
      'aki_xyz789ghi012',
    ]);
  });

  it('rotate_smashsend_api_key of a key that is not in the list changes nothing', async () => {
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_doesnotexist' }, auth), {
      name: 'AppError',
      code: 'not_found',
      says: [
        "aki_doesnotexist was not found in the workspace's key list",
        'nothing was created or deleted',
        'Pick the key again from the list',
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

  it('reset_smartlead_client_api_key of an unknown key: SmartLead’s 404, named', async () => {
    await expectZapierError(run('creates', 'reset_smartlead_client_api_key', { keyId: 4500 }, auth), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no client API key 4500', 'Client API key not found'],
    });
  });

  it('delete_smartlead_client_api_key: the deleted record (masked), gone from the list; a second delete is a 404', async () => {
    expect(await run('creates', 'delete_smartlead_client_api_key', { keyId: '46' }, auth)).toEqual({ ...leadShown(46), deleted: true });
    expect(await run('triggers', 'smartlead_client_api_key_list', {}, auth)).toEqual([leadShown(47), leadShown(45)]);
    await expectZapierError(run('creates', 'delete_smartlead_client_api_key', { keyId: '46' }, auth), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no client API key 46', 'Client API key not found'],
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
    });
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

  it('suspend_smarte_api_key of the admin key or an unknown email: SMARTe’s refusal, named', async () => {
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email: SMARTE_ADMIN }, auth), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'Admin keys cannot be suspended'],
    });
    await expectZapierError(run('creates', 'suspend_smarte_api_key', { email: 'nobody@example.com' }, auth), {
      name: 'AppError',
      code: 'not_found',
      status: 404,
      says: ['no key for nobody@example.com', 'No API key found for nobody@example.com'],
    });
  });
});
