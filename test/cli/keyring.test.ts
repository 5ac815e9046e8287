// The `keyring` command, run as a user runs it (a child process with only its environment) against the sandbox:
// every command, its exit status, its --json shape and --help, usage and vendor errors as one line without a stack,
// and no secret on stdout or stderr except the one new secret of a rotation, which appears exactly once, on stdout.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SANDBOX_CREDENTIALS, SMARTLEAD_SEED, SMARTE_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { keyring, occurrences, keyringEnv, tempFile, type Run } from '../support/cli';
import { useSandbox } from '../support/sandbox';

const env = useSandbox();

/** Every secret the sandbox holds at the start: the connection keys and every seeded key's full value. */
const SECRETS = [
  SANDBOX_CREDENTIALS.smashsendApiKey,
  SANDBOX_CREDENTIALS.smartleadApiKey,
  SANDBOX_CREDENTIALS.smarteApiKey,
  ...SMASHSEND_SEED.keys.map((key) => key.secretKey),
  ...SMARTLEAD_SEED.keys.map((key) => key.api_key),
  ...SMARTE_SEED.keys.map((key) => key.apiKey),
];

/** SMASHSEND's keys in the sandbox: `list` and `audit` show each as SMASHSEND's own hint, its first 12 characters and "...". */
const SMASHSEND_SECRETS = new Set([SANDBOX_CREDENTIALS.smashsendApiKey, ...SMASHSEND_SEED.keys.map((key) => key.secretKey)]);

/**
 * No secret on either stream; never a stack. A secret's first 12 characters appear on stdout only as SMASHSEND's own
 * hint of a SMASHSEND key (the one hint rule: shown as SMASHSEND sends it), never otherwise.
 */
function expectClean(run: Run, secrets: string[] = SECRETS): void {
  for (const secret of secrets) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
    const prefix = secret.slice(0, 12);
    const stdout = SMASHSEND_SECRETS.has(secret) ? run.stdout.split(`${prefix}...`).join('') : run.stdout;
    expect(stdout).not.toContain(prefix);
  }
  expect(run.stderr).not.toMatch(/\n\s+at |TypeError|\[object Object\]|undefined/);
}

/** One line on stderr, nothing on stdout. */
function expectOneErrorLine(run: Run, code: number, text: string | RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  if (typeof text === 'string') expect(run.stderr).toContain(text);
  else expect(run.stderr).toMatch(text);
  expectClean(run);
}

describe('keyring check', () => {
  it('one line per vendor, exit 0 when every key works', async () => {
    const run = await keyring(['check'], keyringEnv(env.sandbox));
    expect(run).toEqual({
      code: 0,
      stdout: 'SMASHSEND  ok     key "Sandbox Admin Key" (EDITOR)\nSmartLead  ok     3 clients\nSMARTe     ok     3 keys\n',
      stderr: '',
    });
    expectClean(run);
  });

  it('--json: {vendor, ok, detail} per vendor; a vendor not configured is said on stderr', async () => {
    const { SMARTE_API_KEY: _unset, ...twoVendors } = keyringEnv(env.sandbox);
    const run = await keyring(['check', '--json'], twoVendors);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { vendor: 'SMASHSEND', ok: true, detail: 'key "Sandbox Admin Key" (EDITOR)' },
      { vendor: 'SmartLead', ok: true, detail: '3 clients' },
    ]);
    expectClean(run);
  });

  it('a bad key: that vendor FAILED with the reason and the variable to check, the others ok, exit 1', async () => {
    const run = await keyring(['check'], { ...keyringEnv(env.sandbox), SMARTLEAD_API_KEY: 'sl_wrong_key_0123456789' });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^SMASHSEND {2}ok /);
    expect(lines[1]).toMatch(
      /^SmartLead {2}FAILED SmartLead rejected the API key \(401 on GET \/api\/v1\/client\/\).*Check SMARTLEAD_API_KEY/,
    );
    expect(lines[2]).toMatch(/^SMARTe {5}ok /);
    expectClean(run, [...SECRETS, 'sl_wrong_key_0123456789']);
  });

  it('no key at all: a usage error, exit 2', async () => {
    expectOneErrorLine(
      await keyring(['check'], {}),
      2,
      'keyring: No vendor key is set: set SMASHSEND_API_KEY, SMARTLEAD_API_KEY or SMARTE_API_KEY (or the same name with _FILE, naming a file that holds the key).',
    );
  });
});

describe('keyring list', () => {
  it("smashsend: every key as a table, newest first, the values as SMASHSEND's own truncated hint", async () => {
    const run = await keyring(['list', 'smashsend'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY ID +NAME +ROLE +STATUS +CREATED +AGE +KEY HINT$/);
    // The sandbox lists a SMASHSEND key's first 12 characters and "...", as SMASHSEND does: shown as sent.
    expect(lines[1]).toMatch(/^aki_abc123def456 {2}Zapier Integration {2}API_USER {2}ACTIVE {2}2024-03-15 {2}\d+ +sk_live_abc1\.\.\.$/);
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(['aki_abc123def456', 'aki_xyz789ghi012', 'aki_sbxadmin0001']);
    expect(run.stderr).toBe(''); // no progress when stderr is not a terminal
    expectClean(run);
  });

  it("smashsend --json: key rows (the audit's fields) with the role, dates in ISO 8601 UTC with milliseconds, keyring's own key marked", async () => {
    const run = await keyring(['list', 'smashsend', '--json'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const keys = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(keys[0]).toEqual({
      vendor: 'SMASHSEND',
      key_id: 'aki_abc123def456',
      name: 'Zapier Integration',
      status: 'ACTIVE',
      created_at: '2024-03-15T10:00:00.000Z', // SMASHSEND sent 2024-03-15T10:00:00Z
      age_days: expect.any(Number),
      stale: false,
      key_hint: 'sk_live_abc1...',
      client_id: null,
      connection_key: false,
      role: 'API_USER',
    });
    expect(keys.filter((key) => key.connection_key).map((key) => key.key_id)).toEqual(['aki_sbxadmin0001']);
    expectClean(run);
  });

  it('smashsend pages through the cursor: 250 generated keys, all listed', async () => {
    env.sandbox.generateSmashsendKeys(250);
    const run = await keyring(['list', 'smashsend', '--json'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const keys = JSON.parse(run.stdout) as Array<{ key_id: string; key_hint: string; created_at: string }>;
    expect(keys).toHaveLength(253);
    expect(new Set(keys.map((k) => k.key_id)).size).toBe(253);
    expect(keys.filter((k) => !/^sk_live_.{4}\.\.\.$/.test(k.key_hint))).toEqual([]);
    const times = keys.map((k) => Date.parse(k.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a)); // newest first
    expectClean(run);
  });

  it('smashsend with more keys in one instant than a page holds: one line naming the instant and what to do, exit 1', async () => {
    env.sandbox.generateSmashsendKeys(150, { createdAt: '2023-06-01T12:00:00.000Z' });
    expectOneErrorLine(
      await keyring(['list', 'smashsend'], keyringEnv(env.sandbox)),
      1,
      /^keyring: SMASHSEND said more API keys follow, but more keys were created at 2023-06-01T12:00:00\.000Z than one page of 100 holds, .* Contact SMASHSEND support, naming that instant, or delete the keys created then that you no longer need, so that fewer share it\.\n$/,
    );
  });

  it('smartlead --json: key rows newest first (SmartLead lists oldest first), values masked to their last 4 characters', async () => {
    const run = await keyring(['list', 'smartlead', '--json'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const keys = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(keys.map((k) => [k.key_id, k.client_id, k.name, k.created_at, k.key_hint, k.role])).toEqual([
      ['47', 302, 'zapier_sync-2', '2025-12-03T16:20:00.000Z', '********7Tc2', null],
      ['46', 301, 'Staging Key', '2025-12-02T08:30:00.000Z', '********3Wy6', null],
      ['45', 301, 'Production Key', '2025-12-01T10:00:00.000Z', '********hJ1s', null],
    ]);
    expectClean(run);
  });

  it('smartlead: the table newest first', async () => {
    const run = await keyring(['list', 'smartlead'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY ID +CLIENT +NAME +STATUS +CREATED +AGE +KEY HINT$/);
    expect(lines[1]).toMatch(/^47 +302 +zapier_sync-2 +active +2025-12-03 +\d+ +\*{8}7Tc2$/);
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(['47', '46', '45']);
  });

  it('smarte: a table by email, values masked', async () => {
    const run = await keyring(['list', 'smarte'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^KEY ID +EMAIL +ROLE +STATUS +KEY HINT$/);
    expect(run.stdout).toMatch(/sandbox\.admin@smarte\.pro +admin +active +\*{8}001=/);
    expectClean(run);
  });

  it.each([
    [[], 'keyring list needs a vendor: smashsend, smartlead or smarte (see keyring list --help).'],
    [['mailchimp'], 'keyring list does not know the vendor "mailchimp": smashsend, smartlead or smarte'],
    [['smashsend', 'extra'], 'keyring list: unexpected "extra" (see keyring list --help).'],
    [['smashsend', '--bogus'], "keyring list: Unknown option '--bogus' (see keyring list --help)."],
  ])('usage error %p: one line, exit 2', async (args, message) => {
    expectOneErrorLine(await keyring(['list', ...args], keyringEnv(env.sandbox)), 2, message);
  });

  it('a vendor whose key is not set: names the variable, exit 2', async () => {
    const { SMARTE_API_KEY: _unset, ...rest } = keyringEnv(env.sandbox);
    expectOneErrorLine(
      await keyring(['list', 'smarte'], rest),
      2,
      'keyring list smarte needs SMARTE_API_KEY: set it, or SMARTE_API_KEY_FILE to a file holding the key.',
    );
  });

  it('a bad key: the vendor error in one line, no stack, exit 1', async () => {
    expectOneErrorLine(
      await keyring(['list', 'smashsend'], { ...keyringEnv(env.sandbox), SMASHSEND_API_KEY: 'sk_live_wrongWrongWrong0000' }),
      1,
      /^keyring: SMASHSEND rejected the API key \(401 on GET \/v1\/workspaces\/wrk_\w+\/api-keys\).* Check SMASHSEND_API_KEY: the key is wrong, revoked or deleted\.\n$/,
    );
  });

  it('a vendor fault (503): one line, exit 1', async () => {
    env.sandbox.injectFault({ vendor: 'smartlead', path: '/api-key', kind: 'status', status: 503 });
    expectOneErrorLine(
      await keyring(['list', 'smartlead'], keyringEnv(env.sandbox)),
      1,
      /^keyring: SmartLead had a server error \(503 on GET/,
    );
  });

  it('a base URL in clear over the network is refused before any request, without echoing it, exit 2', async () => {
    const run = await keyring(['list', 'smarte'], { ...keyringEnv(env.sandbox), SMARTE_BASE_URL: 'http://user:pw@signals.example.com' });
    expectOneErrorLine(
      run,
      2,
      'keyring: SMARTE_BASE_URL must use https (plain http is allowed only on a loopback address): fix or unset it',
    );
    expect(run.stderr).not.toContain('signals.example.com');
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('keyring audit', () => {
  it('every key of every vendor in one table; nothing older than the threshold: exit 0', async () => {
    const run = await keyring(['audit', '--older-than', '100000'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VENDOR +KEY ID +NAME +STATUS +CREATED +AGE +STALE +KEY HINT$/);
    expect(lines).toHaveLength(11); // header, 9 keys, summary
    // SMASHSEND, SmartLead, SMARTe, each newest first. The key hint: SMASHSEND's own truncated hint as it lists it (cut
    // to fit 100 columns), the others masked to their last 4 characters; SMARTe's 36-character ids and long emails cut.
    expect(lines[1]).toMatch(/^SMASHSEND +aki_abc123def456 +Zapier Integration +ACTIVE +2024-03-15 +\d+ +no +sk_live_abc…$/);
    expect(lines[4]).toMatch(/^SmartLead +47 +zapier_sync-2 +active +2025-12-03 +\d+ +no +\*{8}7Tc2$/);
    expect(lines[7]).toMatch(/^SMARTe +0b6f7c1e-3d2a-4… +sandbox\.admin@smarte\.… +active +- +\? +\? +\*{8}001=$/);
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(100);
    expect(lines[10]).toBe('9 keys (SMASHSEND 3, SmartLead 3, SMARTe 3); 0 older than 100000 days.');
    expect(run.stderr).toBe('');
    expectClean(run);
  });

  it('keys older than the threshold: a distinct exit status (3), for a CI gate', async () => {
    const run = await keyring(['audit', '--older-than', '30'], keyringEnv(env.sandbox));
    expect(run.code).toBe(3);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^9 keys \(SMASHSEND 3, SmartLead 3, SMARTe 3\); [1-6] older than 30 days\.$/);
    expectClean(run);
  });

  it('without a threshold: exit 0', async () => {
    const run = await keyring(['audit'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('9 keys (SMASHSEND 3, SmartLead 3, SMARTe 3).');
  });

  it("--json: the Zapier audit step's names, key rows, SMARTe ages unknown, key hints (SMASHSEND's own as sent, others masked)", async () => {
    const { SMARTLEAD_API_KEY: _unset, ...twoVendors } = keyringEnv(env.sandbox);
    const run = await keyring(['audit', '--json', '--older-than', '30'], twoVendors);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as Record<string, unknown> & { keys: Array<Record<string, unknown>> };
    expect(Object.keys(report)).toEqual([
      'checked_at',
      'older_than_days',
      'vendors',
      'total',
      'stale_count',
      'smashsend_count',
      'smartlead_count',
      'smarte_count',
      'keys',
    ]);
    expect(report).toMatchObject({
      older_than_days: 30,
      vendors: ['SMASHSEND', 'SMARTe'],
      total: 6,
      stale_count: 3,
      smashsend_count: 3,
      smartlead_count: 0,
      smarte_count: 3,
    });
    expect(report.checked_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(report.keys[0]).toEqual({
      vendor: 'SMASHSEND',
      key_id: 'aki_abc123def456',
      name: 'Zapier Integration',
      status: 'ACTIVE',
      created_at: '2024-03-15T10:00:00.000Z',
      age_days: expect.any(Number),
      stale: true,
      key_hint: 'sk_live_abc1...',
      client_id: null,
      connection_key: false,
    });
    expect(report.keys[3]).toMatchObject({ vendor: 'SMARTe', created_at: null, age_days: null, stale: false, key_hint: '********001=' });
    expect(report.keys.filter((key) => key.connection_key).map((key) => key.name)).toEqual([
      'Sandbox Admin Key',
      'sandbox.admin@smarte.pro',
    ]);
    expectClean(run);
  });

  it("--wide: every field in full (whole ids, names and instants, the client and keyring's own key), however wide", async () => {
    const run = await keyring(['audit', '--wide'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^VENDOR +KEY ID +NAME +STATUS +CREATED +AGE +STALE +KEY HINT +CLIENT +OWN$/);
    expect(lines[1]).toMatch(
      /^SMASHSEND +aki_abc123def456 +Zapier Integration +ACTIVE +2024-03-15T10:00:00\.000Z +\d+ +- +sk_live_abc1\.\.\. +- +no$/,
    );
    expect(lines[4]).toMatch(/^SmartLead +47 +zapier_sync-2 +active +2025-12-03T16:20:00\.000Z +\d+ +- +\*{8}7Tc2 +302 +no$/);
    expect(lines[7]).toMatch(
      /^SMARTe +0b6f7c1e-3d2a-4f5b-8c9d-1e2f3a4b5c6d +sandbox\.admin@smarte\.pro +active +- +\? +- +\*{8}001= +- +yes$/,
    );
    expect(Math.max(...lines.map((line) => line.length))).toBeGreaterThan(100);
  });

  it('a vendor that fails fails the audit: its error in one line, nothing on stdout, exit 1', async () => {
    env.sandbox.injectFault({ vendor: 'smarte', path: '/key/view', kind: 'status', status: 500 });
    expectOneErrorLine(
      await keyring(['audit', '--older-than', '30'], keyringEnv(env.sandbox)),
      1,
      /^keyring: SMARTe had a server error \(500 on POST \/signals\/v1\/key\/view\)/,
    );
  });

  it.each(['0', '-3', '1.5', 'ninety'])('--older-than %p: a usage error before any request, exit 2', async (days) => {
    expectOneErrorLine(
      await keyring(['audit', `--older-than=${days}`], keyringEnv(env.sandbox)),
      2,
      '--older-than must be a whole number of days, 1 or more',
    );
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('--older-than -3 (a space, not "="): the same message naming --older-than as --older-than=-3, exit 2, nothing sent', async () => {
    const spaced = await keyring(['audit', '--older-than', '-3'], keyringEnv(env.sandbox));
    const joined = await keyring(['audit', '--older-than=-3'], keyringEnv(env.sandbox));
    expectOneErrorLine(spaced, 2, 'keyring: --older-than must be a whole number of days, 1 or more (got "-3").');
    expect(spaced.stderr).toBe(joined.stderr);
    expect(spaced.code).toBe(joined.code);
    expectOneErrorLine(
      await keyring(['audit', '--older-than', '-1.5', '--json'], keyringEnv(env.sandbox)),
      2,
      'keyring: --older-than must be a whole number of days, 1 or more (got "-1.5").',
    );
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('keyring rotate', () => {
  it('smashsend: the new secret once on stdout, alone; the story on stderr; the old key gone, the new one works', async () => {
    const run = await keyring(['rotate', 'smashsend', 'aki_xyz789ghi012', '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sk_live_[A-Za-z0-9]{32}\n$/);
    const secret = run.stdout.trim();
    expect(occurrences(run.stdout + run.stderr, secret)).toBe(1);
    expect(run.stderr).toMatch(
      /^Created aki_\w+ \("CRM Sync", API_USER\) to replace aki_xyz789ghi012\.\nThe new key passed SMASHSEND's check\.\nDeleted the old key aki_xyz789ghi012\.\n$/,
    );
    expectClean(run);
    const check = await keyring(['check'], {
      ...keyringEnv(env.sandbox),
      SMASHSEND_API_KEY: secret,
      SMARTLEAD_API_KEY: undefined,
      SMARTE_API_KEY: undefined,
    });
    expect(check.stdout).toBe('SMASHSEND  ok     key "CRM Sync" (API_USER)\n');
    const listed = await keyring(['list', 'smashsend', '--json'], keyringEnv(env.sandbox));
    expect((JSON.parse(listed.stdout) as Array<{ key_id: string }>).map((k) => k.key_id)).not.toContain('aki_xyz789ghi012');
  });

  it('smashsend --keep-old --json: the secret in `secret`, the old key still live', async () => {
    const run = await keyring(['rotate', 'smashsend', 'aki_xyz789ghi012', '--keep-old', '--json', '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    // The new key's row (as keyring list --json shows keys), its secret and the key it replaces, then the facts.
    expect(out).toEqual({
      vendor: 'SMASHSEND',
      key_id: expect.stringMatching(/^aki_/),
      name: 'CRM Sync',
      status: 'ACTIVE',
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      age_days: 0,
      stale: false,
      key_hint: `********${String(out.secret).slice(-4)}`,
      client_id: null,
      connection_key: false,
      role: 'API_USER',
      replacedKeyId: 'aki_xyz789ghi012',
      secret: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
      newKeyVerified: true,
      newKeyCheck: 'passed',
      oldKeyDeleted: false,
      oldKeyOutcome: 'kept',
      connectionKey: false,
      interrupted: null,
    });
    expect(occurrences(run.stdout + run.stderr, out.secret as string)).toBe(1);
    expect(run.stderr).toContain('Kept the old key aki_xyz789ghi012 live, as asked (--keep-old).');
    const listed = await keyring(['list', 'smashsend', '--json'], keyringEnv(env.sandbox));
    expect((JSON.parse(listed.stdout) as Array<{ key_id: string }>).map((k) => k.key_id)).toEqual(
      expect.arrayContaining(['aki_xyz789ghi012', out.key_id]),
    );
    expectClean(run);
  });

  it('smashsend, the new key fails its check: the secret still comes out once, exit 0, and the old key is kept', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: '/api-keys/check', kind: 'status', status: 503 });
    const run = await keyring(['rotate', 'smashsend', 'aki_xyz789ghi012', '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const secret = run.stdout.trim();
    expect(secret).toMatch(/^sk_live_[A-Za-z0-9]{32}$/);
    expect(occurrences(run.stdout + run.stderr, secret)).toBe(1);
    expect(run.stderr).toContain('Warning: the new key could not be checked. SMASHSEND had a server error (503 on GET /v1/api-keys/check)');
    expect(run.stderr).toContain('Kept the old key aki_xyz789ghi012 live so that nothing breaks');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('smartlead: a reset, the new value once on stdout', async () => {
    const run = await keyring(['rotate', 'smartlead', '45', '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^cl_live_\w{16,}\n$/);
    expect(occurrences(run.stdout + run.stderr, run.stdout.trim())).toBe(1);
    expect(run.stderr).toBe('Reset SmartLead client API key 45 ("Production Key"): its old value no longer works.\n');
    expectClean(run);
  });

  it('smartlead --json: the new value in `secret`', async () => {
    const run = await keyring(['rotate', 'smartlead', '45', '--json', '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      vendor: 'SmartLead',
      key_id: '45',
      name: 'Production Key',
      client_id: 301,
      role: null,
      secret: expect.stringMatching(/^cl_live_/),
    });
    expectClean(run);
  });

  it.each([
    [['smashsend'], 2, "keyring rotate smashsend needs the key's id (keyring list smashsend shows them)."],
    [['smarte', 'someone@example.com'], 2, 'keyring: SMARTe keys cannot be rotated: SMARTe has no reset or delete for keys'],
    [['smartlead', '45', '--keep-old'], 2, 'keyring: --keep-old is for smashsend only'],
    [['smartlead', 'abc'], 2, 'keyring: keyId must be a positive whole number.'],
    [['smashsend', '../users/me'], 2, 'keyring: apiKeyId must contain only letters, digits, underscores and hyphens.'],
    [['smashsend', 'aki_doesnotexist', '--yes'], 1, "keyring: SMASHSEND API key aki_doesnotexist is not in the workspace's key list"],
    [['smartlead', '999', '--yes'], 1, 'keyring: SmartLead has no client API key 999 in its key list (GET /api/v1/client/api-key).'],
  ])('%p: one line, exit %p', async (args, code, message) => {
    const run = await keyring(['rotate', ...args], keyringEnv(env.sandbox));
    expectOneErrorLine(run, code, message);
    if (args[1] === 'aki_doesnotexist') expect(run.stderr).toContain('Nothing was created or deleted.');
    if (args[1] === '999') expect(run.stderr).toContain('Nothing was reset.');
  });
});

describe('keys from files (<NAME>_FILE, as Docker and systemd secrets)', () => {
  /** The sandbox environment with each key moved from its variable into a file that <NAME>_FILE names. */
  function fromFiles(content: (key: string) => string = (key) => `${key}\n`): Record<string, string | undefined> {
    const vars: Record<string, string | undefined> = keyringEnv(env.sandbox);
    for (const name of ['SMASHSEND_API_KEY', 'SMARTLEAD_API_KEY', 'SMARTE_API_KEY']) {
      vars[`${name}_FILE`] = tempFile(name, content(vars[name] ?? ''));
      vars[name] = undefined;
    }
    return vars;
  }

  it('every vendor from a file, the trailing newline trimmed: check works as with the variables', async () => {
    const run = await keyring(['check'], fromFiles());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('SMASHSEND  ok     key "Sandbox Admin Key" (EDITOR)\nSmartLead  ok     3 clients\nSMARTe     ok     3 keys\n');
    expectClean(run);
  });

  it('a file written on Windows (CRLF) or with spaces around the key works too', async () => {
    const run = await keyring(
      ['list', 'smartlead', '--json'],
      fromFiles((key) => `  ${key} \r\n`),
    );
    expect(run.code).toBe(0);
    expectClean(run);
  });

  it('both the variable and the file set: a usage error naming both, exit 2, nothing sent', async () => {
    const vars = { ...keyringEnv(env.sandbox), SMASHSEND_API_KEY_FILE: tempFile('key', 'sk_live_fromTheFile0000000000000\n') };
    expectOneErrorLine(
      await keyring(['list', 'smashsend'], vars),
      2,
      'keyring: SMASHSEND_API_KEY and SMASHSEND_API_KEY_FILE are both set: unset one of them (the file is safer).',
    );
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it.each([
    ['a missing file', () => '/nonexistent/keyring/smarte.key', 'no such file'],
    ['a directory', () => path.dirname(tempFile('dir-probe', '')), 'a directory'],
  ])('%s: a usage error naming the variable and the path, exit 2, nothing sent', async (_case, file, why) => {
    const { SMARTE_API_KEY: _unset, ...rest } = keyringEnv(env.sandbox);
    const run = await keyring(['list', 'smarte'], { ...rest, SMARTE_API_KEY_FILE: file() });
    expectOneErrorLine(run, 2, `keyring: SMARTE_API_KEY_FILE (${file()}) cannot be read: ${why}. Point it at a file holding only the key.`);
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it.each([
    ['empty', '\n', 'is empty: it must hold the key.'],
    ['of several lines', 'sk_live_firstLine000000000000000\nsk_live_secondLine00000000000000\n', 'holds more than a key'],
  ])('a file %s: a usage error that never shows the content, exit 2', async (_case, content, message) => {
    const { SMASHSEND_API_KEY: _unset, ...rest } = keyringEnv(env.sandbox);
    const file = tempFile('odd.key', content);
    const run = await keyring(['check'], { ...rest, SMASHSEND_API_KEY_FILE: file });
    expectOneErrorLine(run, 2, `keyring: SMASHSEND_API_KEY_FILE (${file}) ${message}`);
    expect(run.stderr).not.toContain('sk_live_');
    expect(env.sandbox.requestCounts().total).toBe(0);
  });
});

describe('help and usage', () => {
  it.each([
    ['--help'],
    ['-h'],
    ['help'],
    ['check', '--help'],
    ['list', '--help'],
    ['audit', '-h'],
    ['rotate', '--help'],
    ['help', 'audit'],
    ['find', '--help'],
    ['create', '--help'],
    ['reset', '-h'],
    ['delete', '--help'],
    ['suspend', '--help'],
    ['help', 'reactivate'],
    ['identify', '--help'],
    ['revoke', '-h'],
  ])('keyring %p: help on stdout, exit 0', async (...args) => {
    const run = await keyring(args, {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: keyring /);
    expect(run.stderr).toBe('');
  });

  it('each command has its own help, every form on its own line; keyring --help lists every form', async () => {
    const overview = (await keyring(['--help'], {})).stdout;
    for (const form of [
      'find smarte <email> [--wide]',
      'create smartlead --client <clientId> --name <name>',
      'create smarte --email <email>',
      'reset smartlead <keyId>',
      'delete smartlead <keyId>',
      'suspend smarte <email>',
      'reactivate smarte <email>',
      'identify [--secret-file <path>] [--vendors <list>]',
      'revoke [--no-replace] [--secret-file <path>] [--vendors <list>]',
    ]) {
      expect(overview).toContain(`  ${form}  `);
    }
    for (const [command, first] of [
      ['check', 'Usage: keyring check [--json]'],
      ['list', 'Usage: keyring list <smashsend|smartlead|smarte> [--wide] [--json]'],
      ['audit', 'Usage: keyring audit [--older-than <days>] [--wide] [--json]'],
      ['rotate', 'Usage: keyring rotate smashsend <apiKeyId> [--keep-old] [--yes | --dry-run] [--json]'],
      ['find', 'Usage: keyring find smashsend <name> [--wide] [--json]'],
      ['create', 'Usage: keyring create smashsend --name <name> --role <role> [--yes | --dry-run] [--json]'],
      ['reset', 'Usage: keyring reset smartlead <keyId> [--yes | --dry-run] [--json]'],
      ['delete', 'Usage: keyring delete smashsend <apiKeyId> [--yes | --dry-run] [--json]'],
      ['suspend', 'Usage: keyring suspend smarte <email> [--yes | --dry-run] [--json]'],
      ['reactivate', 'Usage: keyring reactivate smarte <email> [--yes | --dry-run] [--json]'],
      ['identify', 'Usage: keyring identify [--secret-file <path>] [--vendors <list>] [--json]'],
      ['revoke', 'Usage: keyring revoke [--no-replace] [--secret-file <path>] [--vendors <list>] [--yes | --dry-run] [--json]'],
    ]) {
      expect((await keyring([command, '--help'], {})).stdout.split('\n')[0]).toBe(first);
    }
  });

  it.each([['--version'], ['-v']])('keyring %s: the package version on stdout, exit 0', async (flag) => {
    const { version } = JSON.parse(readFileSync(path.join(__dirname, '../../connector/package.json'), 'utf8')) as { version: string };
    const run = await keyring([flag], {});
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('no command: the help on stderr, exit 2', async () => {
    const run = await keyring([], {});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: keyring <command>/);
  });

  it('an unknown command: one line, exit 2', async () => {
    expectOneErrorLine(
      await keyring(['rotat'], {}),
      2,
      'keyring: unknown command "rotat": check, list, find, identify, audit, create, rotate, reset, delete, suspend, reactivate or revoke (see keyring --help).',
    );
  });
});
