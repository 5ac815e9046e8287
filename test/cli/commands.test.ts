// The commands that do what the Zapier steps do — create, delete, reset, suspend, reactivate, find — run as a user runs
// them (a child process) against the sandbox through a recording proxy: each command's exact requests as they reached
// the vendor, what it prints (a new secret alone on stdout, once; --json the key row), and its exit status. Consent,
// the same for every write, is in consent.test.ts.

import { SANDBOX_CREDENTIALS, SMARTE_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { keyring, keyringEnv, keyringRecorded, occurrences, startKeyring, writesReceived, type Run } from '../support/cli';
import { call, recordingProxy } from '../support/net';
import { ROUTE, useSandbox } from '../support/sandbox';

const env = useSandbox();

const WS = SANDBOX_CREDENTIALS.smashsendWorkspaceId;
const KEYS = `/v1/workspaces/${WS}/api-keys`;
const LIST_PAGE = `GET ${KEYS}?limit=100&sort=createdAt.desc`;
const CURRENT = 'GET /v1/api-keys/current';
const SL_KEYS = 'GET /api/v1/client/api-key';
const OWN_SMASHSEND = 'aki_sbxadmin0001';
const OWN_SMARTE = 'sandbox.admin@smarte.pro';
/** A key row's fields, in their order (the Zapier audit's line items without their id), and the role `list` adds. */
const ROW_FIELDS = [
  'vendor',
  'key_id',
  'name',
  'status',
  'created_at',
  'age_days',
  'stale',
  'key_hint',
  'client_id',
  'connection_key',
  'role',
];

/** Whether a SMASHSEND secret authenticates at the sandbox now. */
async function smashsendWorks(secret: string): Promise<boolean> {
  return (await call(`${env.sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } })).status === 200;
}

/** Nothing secret on stderr (every connection key and seeded value), and never a stack. */
function expectCleanStderr(run: Run): void {
  for (const secret of Object.values(SANDBOX_CREDENTIALS)) expect(run.stderr).not.toContain(secret);
  expect(run.stderr).not.toMatch(/\n\s+at |TypeError|\[object Object\]|undefined/);
}

/** The keys `keyring list <vendor> --json` shows now. */
async function listed(vendor: string): Promise<Array<Record<string, unknown>>> {
  return JSON.parse((await keyring(['list', vendor, '--json'], keyringEnv(env.sandbox))).stdout) as Array<Record<string, unknown>>;
}

describe('keyring create', () => {
  it('smashsend: one POST; the secret alone on stdout, once; what was made on stderr; the key works', async () => {
    const run = await keyringRecorded(
      ['create', 'smashsend', '--name', 'Deploy Bot', '--role', 'api_user', '--yes'],
      keyringEnv(env.sandbox),
      env.sandbox,
    );
    expect(run.requests).toEqual([`POST ${KEYS} {"displayName":"Deploy Bot","role":"API_USER"}`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sk_live_\w{32}\n$/);
    const secret = run.stdout.trim();
    expect(occurrences(run.stdout + run.stderr, secret)).toBe(1);
    expect(run.stderr).toMatch(
      /^Created SMASHSEND API key (aki_\w+) \("Deploy Bot", API_USER\): its secret is on stdout, shown only this once\.\n$/,
    );
    expect(await smashsendWorks(secret)).toBe(true);
    expectCleanStderr(run);
  });

  it('smashsend --json: the new key row with its role and secret; list shows the same row', async () => {
    const run = await keyring(
      ['create', 'smashsend', '--name', 'Deploy Bot', '--role', 'EDITOR', '--yes', '--json'],
      keyringEnv(env.sandbox),
    );
    expect(run.code).toBe(0);
    const key = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(key)).toEqual([...ROW_FIELDS, 'secret']);
    expect(key).toEqual({
      vendor: 'SMASHSEND',
      key_id: expect.stringMatching(/^aki_\w+$/),
      name: 'Deploy Bot',
      status: 'ACTIVE',
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      age_days: 0,
      stale: false,
      key_hint: `********${String(key.secret).slice(-4)}`, // the full value, masked (SMASHSEND's lists show their own hint)
      client_id: null,
      connection_key: false,
      role: 'EDITOR',
      secret: expect.stringMatching(/^sk_live_\w{32}$/),
    });
    const { secret: _secret, key_hint: _hint, ...row } = key;
    expect((await listed('smashsend')).find((k) => k.key_id === key.key_id)).toMatchObject(row);
  });

  it('smartlead: the client read first (the question names it), then one POST; the value alone on stdout', async () => {
    const run = await keyringRecorded(
      ['create', 'smartlead', '--client', '302', '--name', 'Billing Export', '--yes'],
      keyringEnv(env.sandbox),
      env.sandbox,
    );
    expect(run.requests).toEqual(['GET /api/v1/client/', 'POST /api/v1/client/api-key {"clientId":302,"keyName":"Billing Export"}']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cl_live_\w{16,}\n$/);
    expect(run.stderr).toBe(
      'Created SmartLead client API key 48 ("Billing Export", client 302): its value is on stdout, shown only this once.\n',
    );
    expect((await listed('smartlead'))[0]).toMatchObject({ key_id: '48', client_id: 302, name: 'Billing Export' });
  });

  it('smartlead, a client that does not exist: stops after the read, nothing created, exit 1', async () => {
    const run = await keyringRecorded(
      ['create', 'smartlead', '--client', '999', '--name', 'Nope', '--yes'],
      keyringEnv(env.sandbox),
      env.sandbox,
    );
    expect(run.requests).toEqual(['GET /api/v1/client/']);
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'keyring: SmartLead has no client 999 (GET /api/v1/client/). Check the id (keyring list smartlead shows them). Nothing was created.\n',
    });
  });

  it('smarte: one POST; the value alone on stdout; --json the key row (the email as its name)', async () => {
    const run = await keyringRecorded(
      ['create', 'smarte', '--email', 'new.person@smarte.pro', '--yes', '--json'],
      keyringEnv(env.sandbox),
      env.sandbox,
    );
    expect(run.requests).toEqual(['POST /signals/v1/key/createsignalapikey {"email":"new.person@smarte.pro"}']);
    expect(run.code).toBe(0);
    const key = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(key).toMatchObject({
      vendor: 'SMARTe',
      name: 'new.person@smarte.pro',
      status: 'active',
      created_at: null,
      age_days: null,
      role: 'standard',
    });
    expect(occurrences(run.stdout + run.stderr, String(key.secret))).toBe(1);
    expect(run.stderr).toMatch(
      /^Created a SMARTe signals API key for new\.person@smarte\.pro \([0-9a-f-]{36}, standard\): its value is on stdout/,
    );
  });

  it.each([
    [['smashsend', '--name', 'X'], 'keyring create smashsend needs --role (see keyring create --help).'],
    [['smashsend', '--name', 'X', '--role', 'OWNER'], 'keyring: --role must be one of EDITOR, VIEWER, API_USER.'],
    [['smashsend', '--name', '  ', '--role', 'EDITOR'], 'keyring: --name must not be empty.'],
    [['smashsend', '--name', 'X', '--role', 'EDITOR', '--email', 'a@b.example'], 'keyring create smashsend takes no --email'],
    [['smartlead', '--client', 'acme', '--name', 'X'], 'keyring: --client must be a positive whole number.'],
    [
      ['smartlead', '--client', '301', '--name', 'Bad/Name'],
      'keyring: --name must contain only letters, digits, spaces, hyphens and underscores.',
    ],
    [['smarte', '--email', 'not-an-email'], 'keyring: --email must be an email address such as name@example.com.'],
    [['mailchimp'], 'keyring create does not know the vendor "mailchimp": smashsend, smartlead or smarte'],
  ])('%p: one line, exit 2, nothing sent (before the consent is asked)', async (args, message) => {
    const run = await keyring(['create', ...args, '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('keyring delete', () => {
  it("smashsend: the key found in the list, keyring's own key asked, then one DELETE; said on stderr, nothing on stdout", async () => {
    const run = await keyringRecorded(['delete', 'smashsend', 'aki_xyz789ghi012', '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([LIST_PAGE, CURRENT, `DELETE ${KEYS}/aki_xyz789ghi012`]);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'Deleted SMASHSEND API key aki_xyz789ghi012 ("CRM Sync").\n' });
    expect((await listed('smashsend')).map((k) => k.key_id)).not.toContain('aki_xyz789ghi012');
  });

  it("smashsend --json: the deleted key's row with deleted: true", async () => {
    const run = await keyring(['delete', 'smashsend', 'aki_xyz789ghi012', '--yes', '--json'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const key = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(key)).toEqual([...ROW_FIELDS, 'deleted']);
    expect(key).toMatchObject({ vendor: 'SMASHSEND', key_id: 'aki_xyz789ghi012', name: 'CRM Sync', connection_key: false, deleted: true });
  });

  it('smashsend, a key that is not in the list: stops after the reads, nothing deleted, exit 1', async () => {
    const run = await keyringRecorded(['delete', 'smashsend', 'aki_doesnotexist', '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([LIST_PAGE]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `keyring: SMASHSEND API key aki_doesnotexist is not in the workspace's key list (GET ${KEYS}). Check the id (keyring list smashsend shows them). Nothing was deleted.\n`,
    );
  });

  it("smashsend, keyring's own key with --yes only: refused after the reads, before the DELETE, naming --allow-connection-key; exit 2", async () => {
    const run = await keyringRecorded(['delete', 'smashsend', OWN_SMASHSEND, '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([LIST_PAGE, CURRENT]);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `keyring: ${OWN_SMASHSEND} is the key keyring itself uses (SMASHSEND_API_KEY): add --allow-connection-key if you mean it, then set SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) to another key: keyring can no longer use this one.\n`,
    });
    expect(await smashsendWorks(SANDBOX_CREDENTIALS.smashsendApiKey)).toBe(true);
  });

  it("smashsend, keyring's own key with --yes --allow-connection-key: deleted; stderr says to set SMASHSEND_API_KEY to another key", async () => {
    const run = await keyring(['delete', 'smashsend', OWN_SMASHSEND, '--yes', '--allow-connection-key', '--json'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ key_id: OWN_SMASHSEND, connection_key: true, deleted: true });
    expect(run.stderr).toBe(
      `Deleted SMASHSEND API key ${OWN_SMASHSEND} ("Sandbox Admin Key").\n${OWN_SMASHSEND} was the key keyring used: set SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) to another key: keyring can no longer use this one.\n`,
    );
    expect(await smashsendWorks(SANDBOX_CREDENTIALS.smashsendApiKey)).toBe(false);
  });

  it('smartlead: the key list read, then one DELETE', async () => {
    const run = await keyringRecorded(['delete', 'smartlead', '46', '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([SL_KEYS, 'DELETE /api/v1/client/api-key/46']);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'Deleted SmartLead client API key 46 ("Staging Key", client 301).\n' });
    expect((await listed('smartlead')).map((k) => k.key_id)).toEqual(['47', '45']);
  });

  it('smartlead, a key that is not there: nothing deleted, exit 1', async () => {
    const run = await keyringRecorded(['delete', 'smartlead', '999', '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([SL_KEYS]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SmartLead has no client API key 999 in its key list (GET /api/v1/client/api-key).');
    expect(run.stderr).toContain('Nothing was deleted.');
  });

  it.each([
    [
      ['smarte', 'dev.udi@smarte.pro'],
      'keyring: SMARTe keys cannot be deleted: keyring suspend smarte <email> stops one working (see keyring delete --help).',
    ],
    [['smashsend'], "keyring delete smashsend needs the key's id (keyring list smashsend shows them)."],
    [['smartlead', 'abc'], 'keyring: keyId must be a positive whole number.'],
    [['smashsend', '../users/me'], 'keyring: apiKeyId must contain only letters, digits, underscores and hyphens.'],
  ])('%p: one line, exit 2, nothing sent', async (args, message) => {
    const run = await keyring(['delete', ...args, '--yes'], keyringEnv(env.sandbox));
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('keyring reset smartlead (rotate smartlead its alias)', () => {
  it.each([['reset'], ['rotate']])('%s smartlead 45: the key list read, then one PUT; the new value alone on stdout', async (command) => {
    const run = await keyringRecorded([command, 'smartlead', '45', '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([SL_KEYS, 'PUT /api/v1/client/api-key/reset/45']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cl_live_\w{16,}\n$/);
    expect(run.stderr).toBe('Reset SmartLead client API key 45 ("Production Key"): its old value no longer works.\n');
  });

  it('--json: the key row with its new value in secret', async () => {
    const run = await keyring(['reset', 'smartlead', '45', '--yes', '--json'], keyringEnv(env.sandbox));
    const key = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(key)).toEqual([...ROW_FIELDS, 'secret']);
    expect(key).toMatchObject({ vendor: 'SmartLead', key_id: '45', name: 'Production Key', client_id: 301, role: null });
    expect(key.key_hint).toBe(`********${String(key.secret).slice(-4)}`);
  });

  it.each([
    [
      ['smashsend', 'aki_xyz789ghi012'],
      'keyring: SMASHSEND keys cannot be reset: keyring rotate smashsend <apiKeyId> replaces one with a new key (see keyring reset --help).',
    ],
    [['smarte', 'dev.udi@smarte.pro'], 'keyring: SMARTe keys cannot be reset: SMARTe has no reset for keys (see keyring reset --help).'],
    [['smartlead'], "keyring reset smartlead needs the key's id (keyring list smartlead shows them)."],
  ])('%p: one line, exit 2, nothing sent', async (args, message) => {
    const run = await keyring(['reset', ...args, '--yes'], keyringEnv(env.sandbox));
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('keyring suspend smarte / reactivate smarte', () => {
  const VIEW = (email: string) => `POST /signals/v1/key/view {"email":"${email}"}`;
  const UPDATE = (email: string, action: string) => `POST /signals/v1/key/update {"email":"${email}","action":"${action}"}`;

  it('suspend: the key viewed once, then one update; said on stderr with how to undo it; --json the row, suspended', async () => {
    const run = await keyringRecorded(['suspend', 'smarte', 'dev.udi@smarte.pro', '--yes', '--json'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([VIEW('dev.udi@smarte.pro'), UPDATE('dev.udi@smarte.pro', 'suspend')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      vendor: 'SMARTe',
      name: 'dev.udi@smarte.pro',
      status: 'suspended',
      connection_key: false,
    });
    expect(run.stderr).toBe(
      'Suspended the SMARTe signals API key of dev.udi@smarte.pro: undo it with keyring reactivate smarte dev.udi@smarte.pro.\n',
    );
  });

  it('reactivate: the key viewed, then one update; active again', async () => {
    await keyring(['suspend', 'smarte', 'dev.udi@smarte.pro', '--yes'], keyringEnv(env.sandbox));
    const run = await keyringRecorded(['reactivate', 'smarte', 'dev.udi@smarte.pro', '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([VIEW('dev.udi@smarte.pro'), UPDATE('dev.udi@smarte.pro', 'activate')]);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'Reactivated the SMARTe signals API key of dev.udi@smarte.pro.\n' });
    expect((await listed('smarte')).find((k) => k.name === 'dev.udi@smarte.pro')).toMatchObject({ status: 'active' });
  });

  it("suspend keyring's own admin key with --yes only: refused after the view, no update; exit 2", async () => {
    const run = await keyringRecorded(['suspend', 'smarte', OWN_SMARTE, '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([VIEW(OWN_SMARTE)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `keyring: ${OWN_SMARTE} is the key keyring itself uses (SMARTE_API_KEY): add --allow-connection-key if you mean it, then set SMARTE_API_KEY (or the file SMARTE_API_KEY_FILE names) to another admin key: keyring cannot use a suspended one, nor reactivate it.\n`,
    );
  });

  it("suspend keyring's own admin key with --allow-connection-key: keyring goes ahead (one view, the update), and SMARTe itself refuses an admin key", async () => {
    const run = await keyringRecorded(
      ['suspend', 'smarte', OWN_SMARTE, '--yes', '--allow-connection-key'],
      keyringEnv(env.sandbox),
      env.sandbox,
    );
    expect(run.requests).toEqual([VIEW(OWN_SMARTE), UPDATE(OWN_SMARTE, 'suspend')]);
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'keyring: SMARTe rejected the request (400 on POST /signals/v1/key/update): Admin keys cannot be suspended. Check the values given.\n',
    });
  });

  it.each([
    ['suspend', 'suspended'],
    ['reactivate', 'reactivated'],
  ])('%s, a user without a key: stops after the view, nothing written, exit 1', async (command, done) => {
    const run = await keyringRecorded([command, 'smarte', 'nobody@smarte.pro', '--yes'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([VIEW('nobody@smarte.pro')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `keyring: SMARTe has no key for nobody@smarte.pro (POST /signals/v1/key/view). Check the id (keyring list smarte shows them). Nothing was ${done}.\n`,
    );
  });

  it.each([
    [
      ['suspend', 'smashsend', 'aki_xyz789ghi012'],
      'keyring: SMASHSEND keys cannot be suspended: keyring delete smashsend <apiKeyId> stops one working for good (see keyring suspend --help).',
    ],
    [
      ['reactivate', 'smartlead', '45'],
      'keyring: SmartLead keys cannot be reactivated: only SMARTe keys are suspended and reactivated (see keyring reactivate --help).',
    ],
    [['suspend', 'smarte'], "keyring suspend smarte needs the user's email (keyring list smarte shows them)."],
    [['suspend', 'smarte', 'not-an-email'], 'keyring: email must be an email address such as name@example.com.'],
  ])('%p: one line, exit 2, nothing sent', async (args, message) => {
    const run = await keyring([...args, '--yes'], keyringEnv(env.sandbox));
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('keyring find', () => {
  it("smashsend: the whole name, any case; pages read until one holds it, then keyring's own key asked; shown as list shows keys", async () => {
    const run = await keyringRecorded(['find', 'smashsend', '  crm SYNC '], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([LIST_PAGE, CURRENT]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY ID +NAME +ROLE +STATUS +CREATED +AGE +KEY HINT$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^aki_xyz789ghi012 {2}CRM Sync {2}API_USER {2}ACTIVE {2}2024-03-10 {2}\d+ +sk_live_xyz7\.\.\.$/),
    ]);
  });

  it('smashsend --json: the rows, newest first when names repeat', async () => {
    const made = await keyring(
      ['create', 'smashsend', '--name', 'CRM Sync', '--role', 'API_USER', '--yes', '--json'],
      keyringEnv(env.sandbox),
    );
    const id = (JSON.parse(made.stdout) as { key_id: string }).key_id;
    const run = await keyring(['find', 'smashsend', 'CRM Sync', '--json'], keyringEnv(env.sandbox));
    const keys = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(keys.map((k) => k.key_id)).toEqual([id, 'aki_xyz789ghi012']);
    expect(Object.keys(keys[0] ?? {})).toEqual(ROW_FIELDS);
  });

  it('nothing found is not an error: "No keys." (--json: []), exit 0; SMASHSEND read to its end, no more', async () => {
    const run = await keyringRecorded(['find', 'smashsend', 'Nobody'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([LIST_PAGE]);
    expect(run).toMatchObject({ code: 0, stdout: 'No keys.\n', stderr: '' });
    for (const [vendor, wanted] of [
      ['smashsend', 'Nobody'],
      ['smartlead', 'Nobody'],
      ['smarte', 'nobody@smarte.pro'],
    ]) {
      expect(await keyring(['find', vendor ?? '', wanted ?? '', '--json'], keyringEnv(env.sandbox))).toEqual({
        code: 0,
        stdout: '[]\n',
        stderr: '',
      });
    }
  });

  it("smartlead: SmartLead's own partial match on the name, in one request, newest first", async () => {
    const run = await keyringRecorded(['find', 'smartlead', 'Key', '--json'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([`${SL_KEYS}?keyName=Key`]);
    expect((JSON.parse(run.stdout) as Array<{ key_id: string }>).map((k) => k.key_id)).toEqual(['46', '45']);
  });

  it("smarte: the user's key by email, in one view; keyring's own admin key marked", async () => {
    const run = await keyringRecorded(['find', 'smarte', OWN_SMARTE, '--json'], keyringEnv(env.sandbox), env.sandbox);
    expect(run.requests).toEqual([`POST /signals/v1/key/view {"email":"${OWN_SMARTE}"}`]);
    const seed = SMARTE_SEED.keys.find((key) => key.email === OWN_SMARTE);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        vendor: 'SMARTe',
        key_id: seed?.keyId,
        name: OWN_SMARTE,
        status: 'active',
        created_at: null,
        age_days: null,
        stale: false,
        key_hint: '********001=',
        client_id: null,
        connection_key: true,
        role: 'admin',
      },
    ]);
  });

  it.each([
    [['smashsend'], "keyring find smashsend needs the key's name (see keyring find --help)."],
    [['smarte', 'dev.udi'], 'keyring: email must be an email address such as name@example.com.'],
    [['smartlead', 'a', 'b'], 'keyring find: unexpected "b" (see keyring find --help).'],
  ])('%p: one line, exit 2, nothing sent', async (args, message) => {
    const run = await keyring(['find', ...args], keyringEnv(env.sandbox));
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('tables fit 100 columns; --wide shows everything', () => {
  const LONG = 'Nightly warehouse export for the finance reporting pipeline in eu-west-1';

  it('a long name is cut with … in list, find and audit; --wide shows it whole', async () => {
    await keyring(['create', 'smashsend', '--name', LONG, '--role', 'VIEWER', '--yes'], keyringEnv(env.sandbox));
    for (const args of [
      ['list', 'smashsend'],
      ['find', 'smashsend', LONG],
      ['audit', '--older-than', '30'],
    ]) {
      const run = await keyring(args, keyringEnv(env.sandbox));
      const lines = run.stdout.trimEnd().split('\n');
      for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(100);
      expect(run.stdout).toContain('Nightly warehouse exp');
      expect(run.stdout).not.toContain(LONG);
      expect(run.stdout).toMatch(/Nightly warehouse exp[^\n]*… /);
      const wide = await keyring([...args, '--wide'], keyringEnv(env.sandbox));
      expect(wide.stdout).toContain(LONG);
      expect(wide.stdout).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    }
  });
});

describe('after rotate --keep-old', () => {
  it('the hint names the command that deletes the old key, and that command does', async () => {
    const run = await keyring(['rotate', 'smashsend', 'aki_xyz789ghi012', '--keep-old', '--yes'], keyringEnv(env.sandbox));
    expect(run.stderr).toContain(
      'Kept the old key aki_xyz789ghi012 live, as asked (--keep-old). Delete it with keyring delete smashsend aki_xyz789ghi012 once nothing uses it.',
    );
    const deleted = await keyring(['delete', 'smashsend', 'aki_xyz789ghi012', '--yes'], keyringEnv(env.sandbox));
    expect(deleted.code).toBe(0);
    const secret = SMASHSEND_SEED.keys.find((key) => key.id === 'aki_xyz789ghi012')?.secretKey ?? '';
    expect(await smashsendWorks(secret)).toBe(false);
    expect(await smashsendWorks(run.stdout.trim())).toBe(true);
  });
});

describe('a create interrupted while in flight never loses the secret', () => {
  it('SIGINT while the create is in flight: its answer is awaited, the secret reaches stdout, exit 130', async () => {
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sent = () => undefined as void;
    const createSent = new Promise<void>((resolve) => (sent = resolve));
    const proxy = await recordingProxy(env.sandbox.url, {
      onRequest: (request) => (request.method === 'POST' ? sent() : undefined),
      holdAnswer: (request) => (request.method === 'POST' ? released : undefined),
    });
    try {
      const run = startKeyring(['create', 'smashsend', '--name', 'Held', '--role', 'VIEWER', '--yes'], {
        ...keyringEnv(env.sandbox),
        SMASHSEND_BASE_URL: proxy.origin,
      });
      await createSent;
      run.signal('SIGINT');
      await run.printed('stderr', /SIGINT received/);
      release();
      const done = await run.exited;
      expect(done.code).toBe(130);
      expect(done.stdout).toMatch(/^sk_live_\w{32}\n$/);
      expect(done.stderr.split('\n').slice(-2)).toEqual([
        'Interrupted by SIGINT while the create was in flight: the key was created, and its secret is on stdout.',
        '',
      ]);
      expect(await smashsendWorks(done.stdout.trim())).toBe(true);
      expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smashsendCreate]: 1 });
    } finally {
      release();
      await proxy.close();
    }
  });
});
