// `keyring identify` and `keyring revoke` (issue 18) as a user runs them: a child process against the sandbox, the
// secrets on stdin (never as arguments) or in --secret-file. Each vendor's key told from its secret and revoked — SMASHSEND
// deleted and twinned, SmartLead reset, SMARTe suspended, keyring's own SMASHSEND key twinned first — the new secret
// alone on stdout and working, the leaked one dead; what is refused writes nothing; and no secret given (nor any
// connection key) ever shows anywhere but as its hint. The question on a terminal (the secrets piped in, the answer
// typed on /dev/tty) runs in-process with a fake terminal, and once on a real pseudo-terminal through `script`.

import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { main } from '../../connector/src/cli/main';
import { SANDBOX_CREDENTIALS, SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { fakeTerminal, keyring, keyringEnv, keyringRecorded, startKeyring, tempFile, writesReceived, type Run } from '../support/cli';
import { call, recordingProxy } from '../support/net';
import { ROUTE, SEEDED_SECRETS, authSecrets, faultAt, useSandbox } from '../support/sandbox';

const env = useSandbox();

const WS = SANDBOX_CREDENTIALS.smashsendWorkspaceId;
const KEYS = `/v1/workspaces/${WS}/api-keys`;
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

async function smashsendWorks(secret: string): Promise<boolean> {
  return (await call(`${env.sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } })).status === 200;
}

/** A SmartLead client key authenticates on the client's campaign list. */
async function smartleadWorks(value: string): Promise<boolean> {
  return (await call(`${env.sandbox.url}/api/v1/campaigns?api_key=${encodeURIComponent(value)}`)).status === 200;
}

async function smarteStatus(email: string): Promise<unknown> {
  const keys = JSON.parse((await keyring(['list', 'smarte', '--json'], keyringEnv(env.sandbox))).stdout) as Array<Record<string, unknown>>;
  return keys.find((key) => key.name === email)?.status;
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

  it.each([
    ['identify', []],
    ['revoke', ['--yes']],
    ['revoke', ['--dry-run']],
  ])('%s with a secret as an argument: refused, saying why, without showing it; exit 2, nothing sent', async (command, flags) => {
    const run = await keyring([command, ...flags, CRM], keyringEnv(env.sandbox));
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `keyring ${command} takes no arguments (not shown here): give the secret on stdin, one per line, or in a file with --secret-file <path>, never as an argument, which shows in ps and the shell history (see keyring ${command} --help).\n`,
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

describe('keyring revoke', () => {
  it('SMASHSEND: deleted, then a twin (same name and role) created and checked; its secret alone on stdout works, the leaked one is dead', async () => {
    const run = await keyringRecorded(['revoke', '--yes'], keyringEnv(env.sandbox), env.sandbox, { input: lines(CRM) });
    expect(run.code).toBe(0);
    expect(run.requests).toEqual([
      'GET /v1/api-keys/current', // with the leaked secret: SMASHSEND names its key (and it is not keyring's: compared)
      `DELETE ${KEYS}/aki_xyz789ghi012`,
      `POST ${KEYS} {"displayName":"CRM Sync","role":"API_USER"}`,
      'GET /v1/api-keys/check',
    ]);
    expect(run.stdout).toMatch(/^sk_live_\w{32}\n$/);
    const newSecret = run.stdout.trim();
    const twin = /its twin (aki_\w+) passed/.exec(run.stderr)?.[1];
    expect(run.stderr).toBe(
      `Revoked SMASHSEND key aki_xyz789ghi012 ("CRM Sync", ${hint(CRM)}): deleted; its twin ${twin ?? '?'} passed SMASHSEND's check, and its secret is on stdout.\n`,
    );
    expect(await smashsendWorks(newSecret)).toBe(true);
    expect(await smashsendWorks(CRM)).toBe(false);
    // The leaked secret is now unknown to every vendor.
    expect((await keyring(['identify'], keyringEnv(env.sandbox), { input: lines(CRM) })).code).toBe(4);
    expectNoSecretShown(run);
  });

  it('SmartLead: reset (one PUT); the new value alone on stdout works, the leaked value no longer does', async () => {
    const run = await keyringRecorded(['revoke', '--yes'], keyringEnv(env.sandbox), env.sandbox, { input: lines(SL45) });
    expect(run.code).toBe(0);
    expect(run.requests).toEqual(['GET /api/v1/client/api-key', 'PUT /api/v1/client/api-key/reset/45']);
    expect(run.stdout).toMatch(/^cl_live_\w{16,}\n$/);
    expect(run.stderr).toBe(`Revoked SmartLead key 45 ("Production Key", client 301, ${hint(SL45)}): reset; its new value is on stdout.\n`);
    expect(await smartleadWorks(run.stdout.trim())).toBe(true);
    expect(await smartleadWorks(SL45)).toBe(false);
    expectNoSecretShown(run);
  });

  it('SMARTe: suspended (no replacement exists there: said so); nothing on stdout', async () => {
    const run = await keyringRecorded(['revoke', '--yes'], keyringEnv(env.sandbox), env.sandbox, { input: lines(UDI) });
    expect(run.code).toBe(0);
    expect(run.requests.at(-1)).toBe('POST /signals/v1/key/update {"email":"dev.udi@smarte.pro","action":"suspend"}');
    expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smarteUpdate]: 1 });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `Revoked SMARTe key of dev.udi@smarte.pro (6d7800ad-81b0-4b60-9a0f-821a1944346b, ${hint(UDI)}): suspended.\nSMARTe cannot issue a replacement: dev.udi@smarte.pro has no working SMARTe key now.\n`,
    );
    expect(await smarteStatus('dev.udi@smarte.pro')).toBe('suspended');
    expectNoSecretShown(run);
  });

  it("keyring's own SMASHSEND key: allowed with --yes alone; the twin made before the delete; the summary says to update SMASHSEND_API_KEY", async () => {
    const run = await keyringRecorded(['revoke', '--yes'], keyringEnv(env.sandbox), env.sandbox, { input: lines(OWN) });
    expect(run.code).toBe(0);
    const writes = run.requests.filter((request) => /^(POST|DELETE) /.test(request));
    expect(writes).toEqual([`POST ${KEYS} {"displayName":"Sandbox Admin Key","role":"EDITOR"}`, `DELETE ${KEYS}/aki_sbxadmin0001`]);
    const newSecret = run.stdout.trim();
    expect(run.stdout).toMatch(/^sk_live_\w{32}\n$/);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^Revoked SMASHSEND key aki_sbxadmin0001 \("Sandbox Admin Key", \*{8}0001\): deleted; its twin aki_\w+ passed SMASHSEND's check, and its secret is on stdout\.$/,
      ),
      'aki_sbxadmin0001 was the key keyring used: update SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) with the new secret.',
    ]);
    expect(await smashsendWorks(newSecret)).toBe(true);
    expect(await smashsendWorks(OWN)).toBe(false);
    // keyring works again with the new secret in SMASHSEND_API_KEY.
    expect((await keyring(['check'], { ...keyringEnv(env.sandbox), SMASHSEND_API_KEY: newSecret })).code).toBe(0);
    expectNoSecretShown(run);
  });

  it("--dry-run of keyring's own key: the plan names it and what to update; nothing written", async () => {
    const run = await keyring(['revoke', '--dry-run'], keyringEnv(env.sandbox), { input: lines(OWN) });
    expect(run).toEqual({
      code: 0,
      stdout: [
        'keyring revoke would:',
        `  1. delete SMASHSEND key aki_sbxadmin0001 ("Sandbox Admin Key", ${hint(OWN)}) and create a twin (same name and role, EDITOR): keyring itself uses it, so the twin comes first and the delete is the last call made with it; the twin's secret is printed once, on stdout`,
        'aki_sbxadmin0001 is the key keyring itself uses (SMASHSEND_API_KEY): afterwards, update SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) with the new secret.',
        '',
      ].join('\n'),
      stderr: 'Dry run: nothing was changed.\n',
    });
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('--no-replace: SMASHSEND and SmartLead keys deleted, nothing created or reset; stdout empty', async () => {
    const run = await keyring(['revoke', '--yes', '--no-replace'], keyringEnv(env.sandbox), { input: lines(CRM, SL45) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smashsendDelete]: 1, 'DELETE /api/v1/client/api-key/:id': 1 });
    expect(run.stderr).toBe(
      [
        `Revoked SMASHSEND key aki_xyz789ghi012 ("CRM Sync", ${hint(CRM)}): deleted (no twin: --no-replace).`,
        `Revoked SmartLead key 45 ("Production Key", client 301, ${hint(SL45)}): deleted (no new value: --no-replace).`,
        '',
      ].join('\n'),
    );
    expect(await smashsendWorks(CRM)).toBe(false);
    expect(await smartleadWorks(SL45)).toBe(false);
  });

  it('--dry-run: the identification (reads), then the plan on stdout; not one write; --json the plan with the keys', async () => {
    const run = await keyring(['revoke', '--dry-run'], keyringEnv(env.sandbox), { input: lines(CRM, SL45, UDI) });
    expect(run).toEqual({
      code: 0,
      stdout: [
        'keyring revoke would:',
        `  1. delete SMASHSEND key aki_xyz789ghi012 ("CRM Sync", ${hint(CRM)}) and create a twin (same name and role, API_USER); the twin's secret is printed once, on stdout`,
        `  2. reset SmartLead key 45 ("Production Key", client 301, ${hint(SL45)}): a new value for the same key, printed once on stdout; the leaked value stops working at once`,
        `  3. suspend SMARTe key of dev.udi@smarte.pro (6d7800ad-81b0-4b60-9a0f-821a1944346b, ${hint(UDI)}): it stops working; SMARTe cannot issue a replacement`,
        '',
      ].join('\n'),
      stderr: 'Dry run: nothing was changed.\n',
    });
    const asJson = await keyring(['revoke', '--dry-run', '--json', '--no-replace'], keyringEnv(env.sandbox), {
      input: lines(CRM, UNKNOWN),
    });
    expect(asJson.code).toBe(4); // as a real run would end: one secret unknown
    const plan = JSON.parse(asJson.stdout) as Record<string, unknown>;
    expect(plan).toMatchObject({
      dryRun: true,
      command: 'revoke',
      steps: [
        `delete SMASHSEND key aki_xyz789ghi012 ("CRM Sync", ${hint(CRM)}) (no twin: --no-replace)`,
        `nothing for the secret ${hint(UNKNOWN)}: no configured vendor (SMASHSEND, SmartLead, SMARTe) knows this secret`,
      ],
      replace: false,
      keys: [
        { vendor: 'SMASHSEND', key_id: 'aki_xyz789ghi012', revocable: true },
        { vendor: null, key_hint: hint(UNKNOWN) },
      ],
    });
    const counts = env.sandbox.requestCounts().byRoute;
    expect(Object.entries(counts).filter(([route, count]) => count > 0 && /^(DELETE|PUT) /.test(route))).toEqual([]);
    expect(writesReceived(env.sandbox)).toEqual({});
    expectNoSecretShown(run);
    expectNoSecretShown(asJson);
  });

  it.each([[[]], [['--json']], [['--no-replace']]])(
    'off a terminal without --yes (%p): refused before reading or sending anything; exit 2, not one request',
    async (flags) => {
      const run = await keyring(['revoke', ...flags], keyringEnv(env.sandbox), { input: lines(CRM) });
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'keyring revoke changes keys and no terminal can be asked (stdin carries the secrets; the question needs stderr and the controlling terminal, /dev/tty, to be terminals): add --yes to go ahead (--dry-run shows the plan first).\n',
      });
      expect(env.sandbox.requestCounts().total).toBe(0);
    },
  );

  it('--secret-file off a terminal without --yes: refused as any write is (stdin is no terminal); with --yes it revokes', async () => {
    const file = tempFile('one.txt', lines(SL45));
    const refused = await keyring(['revoke', '--secret-file', file], keyringEnv(env.sandbox));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'keyring revoke changes keys and stdin is not a terminal to ask on: add --yes to go ahead (--dry-run shows the plan first).\n',
    );
    expect(env.sandbox.requestCounts().total).toBe(0);
    const run = await keyring(['revoke', '--secret-file', file, '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(await smartleadWorks(run.stdout.trim())).toBe(true);
  });

  it('a secret no configured vendor knows: exit 4, nothing written, said with its hint only', async () => {
    const run = await keyring(['revoke', '--yes'], keyringEnv(env.sandbox), { input: lines(UNKNOWN_SK) });
    expect(run).toEqual({
      code: 4,
      stdout: '',
      stderr: `keyring: no configured vendor (SMASHSEND, SmartLead, SMARTe) knows this secret (${hint(UNKNOWN_SK)}): nothing was revoked.\n`,
    });
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it.each([
    [
      "another workspace's SMASHSEND key",
      OTHER_WORKSPACE,
      `keyring: SMASHSEND key aki_sbxother0001 ("Other Workspace Key", ${hint(OTHER_WORKSPACE)}) cannot be revoked here: it belongs to SMASHSEND workspace ${SANDBOX_CREDENTIALS.smashsendOtherWorkspaceId}, not to this connection's workspace ${WS}: only that workspace can delete it. Nothing was written.\n`,
    ],
    [
      'the SmartLead account key',
      SANDBOX_CREDENTIALS.smartleadApiKey,
      `keyring: SmartLead key account ("SmartLead account API key", ${hint(SANDBOX_CREDENTIALS.smartleadApiKey)}) cannot be revoked here: it is the SmartLead account key, which SmartLead's API cannot reset: regenerate it in SmartLead's settings, then reconnect. Nothing was written.\n`,
    ],
  ])('%s: cannot be revoked here; exit 1, the reason said, nothing written', async (_case, secret, stderr) => {
    const run = await keyring(['revoke', '--yes'], keyringEnv(env.sandbox), { input: lines(secret) });
    expect(run).toEqual({ code: 1, stdout: '', stderr });
    expect(writesReceived(env.sandbox)).toEqual({});
    expectNoSecretShown(run);
  });

  it('a SMARTe key suspended already: not revocable (it no longer works), exit 1, nothing written', async () => {
    await keyring(['suspend', 'smarte', 'dev.udi@smarte.pro', '--yes'], keyringEnv(env.sandbox));
    env.sandbox.resetRequestCounts();
    const run = await keyring(['revoke', '--yes'], keyringEnv(env.sandbox), { input: lines(UDI) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot be revoked here: it is suspended already: it no longer works. Nothing was written.');
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('two secrets on stdin: two results; --json one line each, the new secret inside; both new secrets work', async () => {
    const run = await keyring(['revoke', '--yes', '--json'], keyringEnv(env.sandbox), { input: lines(CRM, SL45) });
    expect(run.code).toBe(0);
    const [smashsend, smartlead] = jsonLines(run.stdout);
    expect(Object.keys(smashsend ?? {})).toEqual([
      'key_hint',
      'vendor',
      'key_id',
      'name',
      'connection_key',
      'new_key_id',
      'new_secret',
      'outcome',
      'action',
      'revoked',
      'replacement',
      'warning',
      'error',
    ]);
    expect(smashsend).toEqual({
      key_hint: hint(CRM),
      vendor: 'SMASHSEND',
      key_id: 'aki_xyz789ghi012',
      name: 'CRM Sync',
      connection_key: false,
      new_key_id: expect.stringMatching(/^aki_\w+$/),
      new_secret: expect.stringMatching(/^sk_live_\w{32}$/),
      outcome: 'revoked',
      action: 'rotated',
      revoked: true,
      replacement: 'issued',
      warning: null,
      error: null,
    });
    expect(smartlead).toMatchObject({ vendor: 'SmartLead', key_id: '45', new_key_id: '45', action: 'reset', replacement: 'issued' });
    expect(await smashsendWorks(String(smashsend?.new_secret))).toBe(true);
    expect(await smartleadWorks(String(smartlead?.new_secret))).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(2);
    expectNoSecretShown(run);
  });

  it("a batch with keyring's own key: the others first (they need it), the own key last; unknown and refused ones reported, exit 1", async () => {
    const run = await keyring(['revoke', '--yes', '--json'], keyringEnv(env.sandbox), { input: lines(OWN, UNKNOWN, CRM, OTHER_WORKSPACE) });
    expect(run.code).toBe(1);
    const rows = jsonLines(run.stdout);
    expect(rows.map((row) => [row.key_hint, row.outcome])).toEqual([
      [hint(UNKNOWN), 'unknown'],
      [hint(CRM), 'revoked'],
      [hint(OTHER_WORKSPACE), 'not_revocable'],
      [hint(OWN), 'revoked'],
    ]);
    expect(rows[3]).toMatchObject({
      key_id: 'aki_sbxadmin0001',
      connection_key: true,
      action: 'rotated',
      warning:
        'aki_sbxadmin0001 was the key keyring used: update SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) with the new secret.',
    });
    expect(await smashsendWorks(String(rows[1]?.new_secret))).toBe(true);
    expect(await smashsendWorks(String(rows[3]?.new_secret))).toBe(true);
    expect(await smashsendWorks(OWN)).toBe(false);
    expectNoSecretShown(run);
  });

  it('the twin cannot be created: the leaked key is deleted all the same (never left live), the warning says how to make one; exit 0', async () => {
    env.sandbox.injectFault(faultAt({ vendor: 'smashsend', method: 'POST', faultPath: '/api-keys' }, { kind: 'status', status: 500 }));
    const run = await keyring(['revoke', '--yes', '--json'], keyringEnv(env.sandbox), { input: lines(CRM) });
    expect(run.code).toBe(0);
    const [line] = jsonLines(run.stdout);
    expect(line).toMatchObject({ outcome: 'revoked', action: 'rotated', revoked: true, replacement: 'failed', new_secret: null });
    expect(String(line?.warning)).toMatch(
      /^No twin was created \(SMASHSEND had a server error \(500 on POST .*: check with keyring list smashsend before trying again\): make one with keyring create smashsend --name "CRM Sync" --role API_USER\.$/,
    );
    expect(run.stderr.split('\n')[0]).toBe(`Revoked SMASHSEND key aki_xyz789ghi012 ("CRM Sync", ${hint(CRM)}): deleted.`);
    expect(await smashsendWorks(CRM)).toBe(false);
    expectNoSecretShown(run);
  });

  it("keyring's own key, the delete failing after the twin exists: the twin's secret on stdout first, then the error; exit 1", async () => {
    env.sandbox.injectFault(
      faultAt(
        {
          vendor: 'smashsend',
          method: 'DELETE',
          faultPath: '/api-keys/aki_sbxadmin0001',
        },
        { kind: 'status', status: 500 },
      ),
    );
    const run = await keyring(['revoke', '--yes'], keyringEnv(env.sandbox), { input: lines(OWN) });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^sk_live_\w{32}\n$/);
    expect(await smashsendWorks(run.stdout.trim())).toBe(true);
    expect(await smashsendWorks(OWN)).toBe(true); // still live: said so
    expect(run.stderr).toMatch(
      /^keyring: SMASHSEND key aki_sbxadmin0001 \("Sandbox Admin Key", \*{8}0001\) may still work: revoking it failed after its twin was created: SMASHSEND had a server error \(500 on DELETE [^)]+\): Internal server error\. The change may have been made anyway: check with keyring list smashsend before trying again\. Its twin aki_\w+ exists \(its secret is on stdout\); update SMASHSEND_API_KEY with the new secret, then delete it: keyring delete smashsend aki_sbxadmin0001\.\n$/,
    );
    expectNoSecretShown(run);
  });
});

describe('keyring revoke on a terminal (main() with a fake one: the secrets piped in, the answer typed on /dev/tty)', () => {
  const terminal = (stdinText: string, answers: Array<string | undefined>, options: { stderrTTY?: boolean; stdinTTY?: boolean } = {}) =>
    fakeTerminal(keyringEnv(env.sandbox), {
      stdinTTY: options.stdinTTY ?? false,
      stderrTTY: options.stderrTTY ?? true,
      controllingTerminal: true,
      stdinText,
      answers,
    });

  it('the plan names each key and what happens; answered no: nothing written, exit 5', async () => {
    const io = terminal(lines(CRM, SL45, UDI), ['n']);
    expect(await main(['revoke'], io)).toBe(5);
    expect(io.asked).toBe(1);
    expect(io.err[0]).toBe(
      [
        'keyring revoke will:',
        `  1. delete SMASHSEND key aki_xyz789ghi012 ("CRM Sync", ${hint(CRM)}) and create a twin (same name and role, API_USER); the twin's secret is printed once, on stdout`,
        `  2. reset SmartLead key 45 ("Production Key", client 301, ${hint(SL45)}): a new value for the same key, printed once on stdout; the leaked value stops working at once`,
        `  3. suspend SMARTe key of dev.udi@smarte.pro (6d7800ad-81b0-4b60-9a0f-821a1944346b, ${hint(UDI)}): it stops working; SMARTe cannot issue a replacement`,
        'Go ahead? [y/N] ',
      ].join('\n'),
    );
    expect(io.err.at(-1)).toBe('Nothing was changed.\n');
    expect(io.out).toEqual([]);
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('answered yes: revoked; the new secret alone on stdout', async () => {
    const io = terminal(lines(CRM), ['y']);
    expect(await main(['revoke'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^sk_live_\w{32}\n$/);
    expect(await smashsendWorks(CRM)).toBe(false);
  });

  it("keyring's own key: the question names it; yes is enough (no --allow-connection-key)", async () => {
    const io = terminal(lines(OWN), ['y']);
    expect(await main(['revoke'], io)).toBe(0);
    expect(io.err[0].split('\n').slice(-2)).toEqual([
      'aki_sbxadmin0001 is the key keyring itself uses (SMASHSEND_API_KEY): afterwards, update SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) with the new secret.',
      'Go ahead, changing the key keyring itself uses? [y/N] ',
    ]);
    expect(await smashsendWorks(io.out.join('').trim())).toBe(true);
    expect(await smashsendWorks(OWN)).toBe(false);
  });

  it('stderr not a terminal (the plan could not be seen): no question; refused without --yes, exit 2, nothing sent', async () => {
    const io = terminal(lines(CRM), ['y'], { stderrTTY: false });
    expect(await main(['revoke'], io)).toBe(2);
    expect(io.asked).toBe(0);
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('typed on the terminal (stdin one): a prompt, the echo off while reading and back on after; the question follows', async () => {
    const io = terminal(lines(SL45), ['y'], { stdinTTY: true });
    expect(await main(['revoke'], io)).toBe(0);
    expect(io.err[0]).toBe('Paste the secret (one per line; several are fine), then Ctrl-D (it is not shown as you type): ');
    expect(io.readWithoutEcho).toBe(true);
    expect(io.echo).toBe(true);
    expect(io.err.join('')).not.toContain(SL45);
    expect(await smartleadWorks(io.out.join('').trim())).toBe(true);
  });
});

describe('keyring revoke interrupted (SIGINT, SIGTERM): the write in flight finished, no further one started', () => {
  /** keyring revoke --yes on `input`, SMASHSEND reached through a proxy that holds the answer to the first `method` request. */
  async function interrupted(input: string, method: string, signal: 'SIGINT' | 'SIGTERM') {
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived = () => undefined as void;
    const held = new Promise<void>((resolve) => (arrived = resolve));
    let holding = false;
    const proxy = await recordingProxy(env.sandbox.url, {
      holdAnswer: (request) => {
        if (request.method !== method || holding) return undefined;
        holding = true;
        arrived();
        return released;
      },
    });
    try {
      const run = startKeyring(['revoke', '--yes'], { ...keyringEnv(env.sandbox), SMASHSEND_BASE_URL: proxy.origin }, { input });
      await held;
      run.signal(signal);
      await run.printed('stderr', new RegExp(`${signal} received`));
      release();
      const done = await run.exited;
      return { done, methods: proxy.arrived.map((request) => request.method) };
    } finally {
      release();
      await proxy.close();
    }
  }

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while the leaked key is deleted: deleted, no twin created; said so; 130 / 143',
    async (signal) => {
      const { done, methods } = await interrupted(lines(CRM), 'DELETE', signal);
      expect(done.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(methods).toEqual(['GET', 'DELETE']); // no POST after the signal
      expect(done.stdout).toBe('');
      expect(done.stderr.split('\n').slice(1)).toEqual([
        `Revoked SMASHSEND key aki_xyz789ghi012 ("CRM Sync", ${hint(CRM)}): deleted.`,
        `No twin was created (interrupted by ${signal} before it was started): make one with keyring create smashsend --name "CRM Sync" --role API_USER.`,
        `Interrupted by ${signal}: no further change was started (the lines above say what was done).`,
        '',
      ]);
      expect(await smashsendWorks(CRM)).toBe(false);
    },
  );

  it("SIGINT while keyring's own key's twin is created: the twin's secret on stdout, the leaked key not deleted (said so); 130", async () => {
    const { done, methods } = await interrupted(lines(OWN), 'POST', 'SIGINT');
    expect(done.code).toBe(130);
    expect(methods.filter((method) => method !== 'GET')).toEqual(['POST']); // no DELETE after the signal
    expect(done.stdout).toMatch(/^sk_live_\w{32}\n$/);
    expect(await smashsendWorks(done.stdout.trim())).toBe(true);
    expect(await smashsendWorks(OWN)).toBe(true);
    expect(done.stderr).toMatch(
      /\nInterrupted by SIGINT before SMASHSEND key aki_sbxadmin0001 \("Sandbox Admin Key", \*{8}0001\) was deleted: its twin aki_\w+ exists \(its secret is on stdout\), and the leaked key still works: update SMASHSEND_API_KEY with the new secret, then delete it: keyring delete smashsend aki_sbxadmin0001\.\n/,
    );
  });
});

/** util-linux `script`, which runs a command on a real pseudo-terminal; absent on some machines (the test is then skipped). */
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

(SCRIPT ? describe : describe.skip)('on a real terminal (a pseudo-terminal through script)', () => {
  const cli = path.resolve(__dirname, '../../connector/dist/cli.js');
  /** Runs `command` (a shell line) on a pseudo-terminal, typing each reply once the screen shows its cue. */
  function onTerminal(command: string, replies: Array<[cue: string, typed: string]>): Promise<{ status: number | null; screen: string }> {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...keyringEnv(env.sandbox), PATH: process.env.PATH } });
    let screen = '';
    let next = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      while (next < replies.length && screen.includes(replies[next]?.[0] ?? '')) child.stdin.write(replies[next++]?.[1] ?? '');
    });
    return new Promise((resolve) => child.on('close', (status) => resolve({ status, screen })));
  }

  it('typed: not echoed; the question asked on the terminal after Ctrl-D; n writes nothing (exit 5)', async () => {
    const { status, screen } = await onTerminal(`'${process.execPath}' '${cli}' revoke`, [
      ['Ctrl-D', `${CRM}\n\u0004`],
      ['[y/N]', 'n\n'],
    ]);
    expect(status).toBe(5);
    expect(screen).toContain('(it is not shown as you type)');
    expect(screen).toContain('delete SMASHSEND key aki_xyz789ghi012');
    expect(screen).not.toContain(CRM);
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('piped in: the question on /dev/tty; y revokes (exit 0)', async () => {
    const { status, screen } = await onTerminal(`printf '%s\\n' '${SL45}' | '${process.execPath}' '${cli}' revoke`, [['[y/N]', 'y\n']]);
    expect(status).toBe(0);
    expect(screen).toMatch(/cl_live_\w{16,}\r?\n/);
    expect(writesReceived(env.sandbox)).toEqual({ 'PUT /api/v1/client/api-key/reset/:id': 1 });
  });
});
