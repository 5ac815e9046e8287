// `keyring identify` (issue 18) as a user runs it: a child process against the sandbox, the secrets on stdin (never as
// arguments) or in --secret-file. Each vendor's key told from its secret, one row per secret (a table, or JSON Lines);
// a secret no configured vendor knows is exit 4; and no secret given (nor any connection key) ever shows anywhere but
// as its hint.

import { main } from '../../connector/src/cli/main';
import { SANDBOX_CREDENTIALS, SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { fakeTerminal, keyring, keyringEnv, keyringRecorded, tempFile, writesReceived, type Run } from '../support/cli';
import { SEEDED_SECRETS, authSecrets, faultAt, useSandbox } from '../support/sandbox';

const env = useSandbox();

const WS = SANDBOX_CREDENTIALS.smashsendWorkspaceId;
const seededSmashsend = (id: string) => SMASHSEND_SEED.keys.find((key) => key.id === id)?.secretKey ?? '';
/** The seeded "CRM Sync" key (aki_xyz789ghi012, API_USER) and its secret. */
const CRM = seededSmashsend('aki_xyz789ghi012');
/** keyring's own SMASHSEND key (SMASHSEND_API_KEY): aki_sbxadmin0001, "Sandbox Admin Key", EDITOR. */
const OWN = SANDBOX_CREDENTIALS.smashsendApiKey;
const OTHER_WORKSPACE = SANDBOX_CREDENTIALS.smashsendOtherWorkspaceApiKey;
/** SmartLead client key 45 ("Production Key", client 301). */
const SL45 = SMARTLEAD_SEED.keys.find((key) => key.id === 45)?.api_key ?? '';
/** The SMARTe key of dev.udi@smarte.pro. */
const UDI = SMARTE_SEED.keys.find((key) => key.email === 'dev.udi@smarte.pro')?.apiKey ?? '';
/** No vendor issued these: one shaped like a SMASHSEND secret, one like nothing in particular. */
const UNKNOWN_SK = 'sk_live_neverIssuedByAnyVendor000000000001';
const UNKNOWN = 'zz_not_a_key_of_anyone_42';
const hint = (secret: string) => `********${secret.slice(-4)}`;
const lines = (...secrets: string[]) => `${secrets.join('\n')}\n`;

/** Every secret the sandbox holds or was given, but the new ones: none may show anywhere (the seeded, the connection keys). */
function knownSecrets(): string[] {
  return [...new Set([...SEEDED_SECRETS, ...authSecrets(env.sandbox), OTHER_WORKSPACE, UNKNOWN_SK, UNKNOWN])];
}

/** No secret given nor any connection key on stderr or stdout (a new secret is no such secret), and never a stack. */
function expectNoSecretShown(run: Run): void {
  for (const secret of knownSecrets()) {
    expect(run.stderr).not.toContain(secret);
    expect(run.stdout).not.toContain(secret);
  }
  expect(run.stderr).not.toMatch(/\n\s+at |TypeError|\[object Object\]|undefined/);
}

const jsonLines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('keyring identify', () => {
  it('one row per secret, every vendor, as a table: which key, live, own, revocable (and why not); exit 0', async () => {
    const run = await keyring(['identify'], keyringEnv(env.sandbox), { input: lines(CRM, SL45, '', UDI, OTHER_WORKSPACE, OWN) });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^VENDOR +KEY ID +NAME +STATUS +CREATED +KEY HINT +LIVE +OWN +REVOCABLE +REASON$/);
    expect(rows.map((row) => row.split(/ {2,}/))).toEqual([
      ['SMASHSEND', 'aki_xyz789ghi012', 'CRM Sync', 'ACTIVE', '2024-03-10', hint(CRM), 'yes', 'no', 'yes', '-'],
      ['SmartLead', '45', 'Production Key', 'active', '2025-12-01', hint(SL45), 'yes', 'no', 'yes', '-'],
      ['SMARTe', '6d7800ad-81b0-4b60-9a0f-821a1944346b', 'dev.udi@smarte.pro', 'active', '-', hint(UDI), 'yes', 'no', 'yes', '-'],
      [
        'SMASHSEND',
        'aki_sbxother0001',
        'Other Workspace Key',
        'ACTIVE',
        '2024-02-20',
        hint(OTHER_WORKSPACE),
        'yes',
        'no',
        'no',
        `it belongs to SMASHSEND workspace ${SANDBOX_CREDENTIALS.smashsendOtherWorkspaceId}, not to this connection's workspace ${WS}: only that workspace can delete it`,
      ],
      ['SMASHSEND', 'aki_sbxadmin0001', 'Sandbox Admin Key', 'ACTIVE', '2024-03-01', hint(OWN), 'yes', 'yes', 'yes', '-'],
    ]);
    expect(writesReceived(env.sandbox)).toEqual({});
    expectNoSecretShown(run);
  });

  it('--json: one JSON object per secret, one per line (the connector’s fields, role, workspace and client always present)', async () => {
    const run = await keyring(['identify', '--json'], keyringEnv(env.sandbox), { input: lines(CRM, SL45, UDI) });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([
      {
        vendor: 'SMASHSEND',
        key_id: 'aki_xyz789ghi012',
        name: 'CRM Sync',
        status: 'ACTIVE',
        created_at: '2024-03-10T14:30:00.000Z',
        key_hint: hint(CRM),
        live: true,
        connection_key: false,
        revocable: true,
        reason: null,
        role: 'API_USER',
        workspace_id: WS,
        client_id: null,
      },
      {
        vendor: 'SmartLead',
        key_id: '45',
        name: 'Production Key',
        status: 'active',
        created_at: '2025-12-01T10:00:00.000Z',
        key_hint: hint(SL45),
        live: true,
        connection_key: false,
        revocable: true,
        reason: null,
        role: null,
        workspace_id: null,
        client_id: 301,
      },
      {
        vendor: 'SMARTe',
        key_id: '6d7800ad-81b0-4b60-9a0f-821a1944346b',
        name: 'dev.udi@smarte.pro',
        status: 'active',
        created_at: null,
        key_hint: hint(UDI),
        live: true,
        connection_key: false,
        revocable: true,
        reason: null,
        role: null,
        workspace_id: null,
        client_id: null,
      },
    ]);
    expectNoSecretShown(run);
  });

  it("SMASHSEND is shown only what looks like its secret, first; a SmartLead value is found in SmartLead's list without it", async () => {
    const smashsend = await keyringRecorded(['identify', '--json'], keyringEnv(env.sandbox), env.sandbox, { input: lines(CRM) });
    expect(smashsend.requests).toEqual(['GET /v1/api-keys/current']);
    const smartlead = await keyringRecorded(['identify', '--json'], keyringEnv(env.sandbox), env.sandbox, { input: lines(SL45) });
    expect(smartlead.requests).toEqual(['GET /api/v1/client/api-key']);
  });

  it('a secret no configured vendor knows: its row says so (vendor null in --json), exit 4; the others are still reported', async () => {
    const run = await keyring(['identify', '--json'], keyringEnv(env.sandbox), { input: lines(UNKNOWN_SK, CRM, UNKNOWN) });
    expect(run.code).toBe(4);
    const rows = jsonLines(run.stdout);
    expect(rows.map((row) => [row.vendor, row.key_id, row.key_hint])).toEqual([
      [null, null, hint(UNKNOWN_SK)],
      ['SMASHSEND', 'aki_xyz789ghi012', hint(CRM)],
      [null, null, hint(UNKNOWN)],
    ]);
    expect(rows[0]).toMatchObject({
      live: false,
      revocable: false,
      reason: 'no configured vendor (SMASHSEND, SmartLead, SMARTe) knows this secret',
    });
    const table = await keyring(['identify'], keyringEnv(env.sandbox), { input: lines(UNKNOWN) });
    expect(table.code).toBe(4);
    expect(table.stdout.split('\n')[1]?.split(/ {2,}/)).toEqual([
      ...['-', '-', '-', '-', '-', hint(UNKNOWN), '-', '-', 'no'],
      'no configured vendor (SMASHSEND, SmartLead, SMARTe) knows this secret',
    ]);
    expectNoSecretShown(run);
    expectNoSecretShown(table);
  });

  it('--vendors limits who is asked (a vendor named must be configured)', async () => {
    const run = await keyringRecorded(['identify', '--vendors', 'smartlead,SMARTe'], keyringEnv(env.sandbox), env.sandbox, {
      input: lines(CRM),
    });
    expect(run.code).toBe(4);
    expect(run.requests.some((request) => request.includes('/v1/api-keys/current'))).toBe(false);
    expect(run.stdout).toContain('no configured vendor (SmartLead, SMARTe) knows this secret');
    const { SMARTE_API_KEY: _unset, ...withoutSmarte } = keyringEnv(env.sandbox);
    const unset = await keyring(['identify', '--vendors', 'smarte'], withoutSmarte, { input: lines(UDI) });
    expect(unset).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'keyring identify: --vendors names smarte, but SMARTE_API_KEY is not set.\n',
    });
  });

  it('--secret-file: the secrets from a file (blank lines, CRLF and surrounding spaces ignored; a repeat taken once)', async () => {
    const file = tempFile('leaked.txt', `\r\n  ${SL45}  \r\n\r\n${CRM}\r\n${SL45}\r\n`);
    const run = await keyring(['identify', '--secret-file', file, '--json'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((row) => row.key_id)).toEqual(['45', 'aki_xyz789ghi012']);
    expect(run.stderr).toBe('1 of the secrets given was a repeat: each secret is taken once.\n');
  });

  it('a secret as an argument: refused, saying why, without showing it; exit 2, nothing sent', async () => {
    const run = await keyring(['identify', CRM], keyringEnv(env.sandbox));
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `keyring identify takes no arguments (not shown here): give the secret on stdin, one per line, or in a file with --secret-file <path>, never as an argument, which shows in ps and the shell history (see keyring identify --help).\n`,
    });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it.each([
    [[`--${CRM}`], 'keyring identify: Unknown option (not shown: it could be a secret) (see keyring identify --help).\n'],
    [['--secret-file', CRM], 'keyring identify: the file --secret-file names cannot be read: no such file.\n'],
    [
      ['--vendors', CRM],
      'keyring identify: --vendors takes smashsend, smartlead and smarte, comma-separated (what was given is not shown: it could be a secret).\n',
    ],
  ])('a secret where an option or its value goes (%p): refused without showing it, exit 2', async (args, stderr) => {
    const run = await keyring(['identify', ...args], keyringEnv(env.sandbox));
    expect(run).toEqual({ code: 2, stdout: '', stderr });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it.each([
    [
      'nothing',
      '',
      'keyring identify read no secret from stdin: give one per line on stdin, or in a file with --secret-file <path> (never as an argument).',
    ],
    [
      'blank lines only',
      '\n  \n\n',
      'keyring identify read no secret from stdin: give one per line on stdin, or in a file with --secret-file <path> (never as an argument).',
    ],
    [
      'a line with spaces',
      `${CRM}\nAuthorization: Bearer ${SL45}\n`,
      'keyring identify: line 2 of stdin holds spaces: one secret per line, alone (not shown). Nothing was sent.',
    ],
    ['a short line', `${CRM}\nabc\n`, 'keyring identify: line 2 of stdin is too short to be an API key (not shown). Nothing was sent.'],
    [
      'control characters',
      `${CRM}\u0007\n`,
      'keyring identify: line 1 of stdin holds characters no API key has (not shown). Nothing was sent.',
    ],
  ])('stdin with %s: a usage error naming the line, never its content; exit 2, nothing sent', async (_case, input, message) => {
    const run = await keyring(['identify'], keyringEnv(env.sandbox), { input });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('a vendor error: that secret is reported as not identified (exit 1), the others still are', async () => {
    env.sandbox.injectFault(faultAt({ vendor: 'smartlead', method: 'GET', faultPath: '/client/api-key' }, { kind: 'status', status: 500 }));
    const run = await keyring(['identify', '--json'], keyringEnv(env.sandbox), { input: lines(SL45, CRM) });
    expect(run.code).toBe(1);
    const [failed, found] = jsonLines(run.stdout);
    expect(failed).toMatchObject({
      vendor: null,
      key_hint: hint(SL45),
      reason: expect.stringMatching(/^it could not be identified: SmartLead had a server error \(500/),
    });
    expect(found).toMatchObject({ vendor: 'SMASHSEND', key_id: 'aki_xyz789ghi012' });
    expect(run.stderr).toMatch(
      new RegExp(`^keyring: the secret \\*{8}${SL45.slice(-4)} could not be identified: SmartLead had a server error \\(500`),
    );
    expectNoSecretShown(run);
  });

  it('typed on a terminal: a prompt on stderr, the echo off while reading and back on after; the table on stdout', async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { stdinTTY: true, stderrTTY: true, stdinText: lines(CRM) });
    expect(await main(['identify'], io)).toBe(0);
    expect(io.err[0]).toBe('Paste the secret (one per line; several are fine), then Ctrl-D (it is not shown as you type): ');
    expect(io.readWithoutEcho).toBe(true);
    expect(io.echo).toBe(true);
    expect(io.out.join('')).toContain('aki_xyz789ghi012');
    expect([...io.out, ...io.err].join('')).not.toContain(CRM);
  });
});
