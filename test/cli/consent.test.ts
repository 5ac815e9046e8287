// Consent before a write, as a user meets it. Off a terminal (the child process's stdin is not one): no --yes, no
// request at all; --dry-run reads and prints the plan, writes nothing; --yes rotates; the key keyring itself uses needs
// --allow-connection-key. On a terminal (main() in-process with a fake one: a child's stdin is never a terminal; and
// one real pseudo-terminal through `script`, when the machine has it): the plan, then [y/N], default no.

import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { helpOf, optionsOf } from '../../connector/src/cli/command';
import { Consent } from '../../connector/src/cli/consent';
import { UsageError } from '../../connector/src/cli/io';
import { COMMANDS, main } from '../../connector/src/cli/main';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { fakeTerminal, keyring, keyringEnv, writesReceived } from '../support/cli';
import { call } from '../support/net';
import { ROUTE, useSandbox } from '../support/sandbox';

const env = useSandbox();

/** The plan's lines for rotating the seeded "CRM Sync" key, as the question and --dry-run show them. */
const CRM_SYNC_STEPS = [
  '  1. create a SMASHSEND API key "CRM Sync" (API_USER) to replace aki_xyz789ghi012 ("CRM Sync", API_USER, created 2024-03-10T14:30:00.000Z); its secret is printed once, on stdout',
  '  2. check the new key with its own secret',
  '  3. delete aki_xyz789ghi012 once the new key has passed its check (a delete cannot be undone)',
];
const OWN_KEY = 'aki_sbxadmin0001';

/** Whether a SMASHSEND secret authenticates at the sandbox now. */
async function authenticates(secret: string): Promise<boolean> {
  const answer = await call(`${env.sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } });
  return answer.status === 200;
}

describe('off a terminal (stdin is not one)', () => {
  it.each([
    [['smashsend', 'aki_xyz789ghi012']],
    [['smashsend', 'aki_xyz789ghi012', '--keep-old', '--json']],
    [['smartlead', '45']],
    [['smashsend', OWN_KEY, '--allow-connection-key']],
  ])('rotate %p without --yes: one line naming --yes, exit 2, not a single request', async (args) => {
    const run = await keyring(['rotate', ...args], keyringEnv(env.sandbox));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `keyring rotate ${args[0]} changes keys and stdin is not a terminal to ask on: add --yes to go ahead (--dry-run shows the plan first).\n`,
    );
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('a mistake in the arguments is still said first (it needs no consent): exit 2, nothing sent', async () => {
    const run = await keyring(['rotate', 'smashsend'], keyringEnv(env.sandbox));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe("keyring rotate smashsend needs the key's id (keyring list smashsend shows them).\n");
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('--dry-run: the reads, then the plan on stdout; nothing written, exit 0', async () => {
    const run = await keyring(['rotate', 'smashsend', 'aki_xyz789ghi012', '--dry-run'], keyringEnv(env.sandbox));
    expect(run).toEqual({
      code: 0,
      stdout: ['keyring rotate smashsend would:', ...CRM_SYNC_STEPS, ''].join('\n'),
      stderr: 'Dry run: nothing was changed.\n',
    });
    expect(writesReceived(env.sandbox)).toEqual({});
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendList]).toBe(1);
  });

  it('--dry-run --json: the plan as JSON (which key, what is created and deleted), --yes or not', async () => {
    const run = await keyring(['rotate', 'smashsend', 'aki_xyz789ghi012', '--dry-run', '--json', '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      dryRun: true,
      command: 'rotate smashsend',
      steps: CRM_SYNC_STEPS.map((line) => line.replace(/^ {2}\d\. /, '')),
      vendor: 'SMASHSEND',
      key: {
        vendor: 'SMASHSEND',
        key_id: 'aki_xyz789ghi012',
        name: 'CRM Sync',
        status: 'ACTIVE',
        created_at: '2024-03-10T14:30:00.000Z',
        age_days: expect.any(Number),
        stale: false,
        key_hint: 'sk_live_xyz7...',
        client_id: null,
        connection_key: false,
        role: 'API_USER',
      },
      newKey: { name: 'CRM Sync', role: 'API_USER' },
      deleteOldKey: true,
      connectionKey: 'no',
    });
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('--dry-run of a SmartLead reset: the key named from the list, the value it loses', async () => {
    const run = await keyring(['rotate', 'smartlead', '45', '--dry-run'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'keyring rotate smartlead would:',
        '  1. reset SmartLead client API key 45 ("Production Key", client 301): SmartLead gives it a new value, printed once on stdout',
        '  2. its old value stops working at once: whatever uses it fails until it gets the new one (this cannot be undone)',
        '',
      ].join('\n'),
    );
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('--yes: rotates without asking', async () => {
    const run = await keyring(['rotate', 'smashsend', 'aki_xyz789ghi012', '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(await authenticates(run.stdout.trim())).toBe(true);
    expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smashsendCreate]: 1, [ROUTE.smashsendDelete]: 1 });
  });
});

describe('the key keyring itself uses (SMASHSEND_API_KEY is the secret of aki_sbxadmin0001 in the sandbox)', () => {
  it('--yes alone: refused after the reads, before any write, naming --allow-connection-key; exit 2', async () => {
    const run = await keyring(['rotate', 'smashsend', OWN_KEY, '--yes'], keyringEnv(env.sandbox));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `keyring: SMASHSEND API key ${OWN_KEY} is the key this connection authenticates with: refused to rotate and delete it, nothing was changed. Add --allow-connection-key if you mean it, then update SMASHSEND_API_KEY (keyring uses that key).\n`,
    );
    expect(writesReceived(env.sandbox)).toEqual({});
    expect(await authenticates(SANDBOX_CREDENTIALS.smashsendApiKey)).toBe(true);
  });

  it("--dry-run: the plan says it is keyring's own key and what a real run needs", async () => {
    const run = await keyring(['rotate', 'smashsend', OWN_KEY, '--dry-run'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      `${OWN_KEY} is the key keyring itself uses (SMASHSEND_API_KEY): afterwards, update SMASHSEND_API_KEY with the new secret. A real run needs a yes on a terminal, or --allow-connection-key with --yes.`,
    );
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('--yes --allow-connection-key: rotated; the summary says to update SMASHSEND_API_KEY; the new secret works, the old does not', async () => {
    const run = await keyring(['rotate', 'smashsend', OWN_KEY, '--yes', '--allow-connection-key'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    const secret = run.stdout.trim();
    expect(run.stderr).toContain(`Deleted the old key ${OWN_KEY}.\n`);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
      `Update SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) with the new secret: ${OWN_KEY}, the key keyring used, is deleted.`,
    );
    expect(await authenticates(secret)).toBe(true);
    expect(await authenticates(SANDBOX_CREDENTIALS.smashsendApiKey)).toBe(false);
  });

  it('--json says so too (connectionKey: true)', async () => {
    const run = await keyring(['rotate', 'smashsend', OWN_KEY, '--yes', '--allow-connection-key', '--json'], keyringEnv(env.sandbox));
    expect(JSON.parse(run.stdout)).toMatchObject({ replacedKeyId: OWN_KEY, oldKeyDeleted: true, connectionKey: true });
  });
});

describe('on a terminal: the plan, then [y/N] (main() with a fake terminal)', () => {
  it.each(['y', 'yes', ' YES '])(
    'answered %p: rotated; the plan and the question on stderr, the secret alone on stdout',
    async (answer) => {
      const io = fakeTerminal(keyringEnv(env.sandbox), { answers: [answer] });
      expect(await main(['rotate', 'smashsend', 'aki_xyz789ghi012'], io)).toBe(0);
      expect(io.asked).toBe(1);
      expect(io.out).toHaveLength(1);
      expect(io.out[0]).toMatch(/^sk_live_\w{32}\n$/);
      expect(io.err[0]).toBe(['keyring rotate smashsend will:', ...CRM_SYNC_STEPS, 'Go ahead? [y/N] '].join('\n'));
      expect(io.err.slice(1).join('')).toMatch(
        /^Created aki_\w+ .*\nThe new key passed SMASHSEND's check\.\nDeleted the old key aki_xyz789ghi012\.\n$/,
      );
      expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smashsendCreate]: 1, [ROUTE.smashsendDelete]: 1 });
    },
  );

  it.each([
    ['n', 'n'],
    ['an empty line (the default is no)', ''],
    ['anything but y or yes', 'yep'],
    ['the end of the input', undefined],
  ])('answered %s: nothing written, "Nothing was changed.", exit 5', async (_case, answer) => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { answers: [answer] });
    expect(await main(['rotate', 'smashsend', 'aki_xyz789ghi012'], io)).toBe(5);
    expect(io.out).toEqual([]);
    expect(io.err.at(-1)).toBe('Nothing was changed.\n');
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('--yes: no question', async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox));
    expect(await main(['rotate', 'smashsend', 'aki_xyz789ghi012', '--yes'], io)).toBe(0);
    expect(io.asked).toBe(0);
  });

  it("keyring's own key: the plan and the question name it; yes is the opt-in; the summary says to update SMASHSEND_API_KEY", async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { answers: ['y'] });
    expect(await main(['rotate', 'smashsend', OWN_KEY], io)).toBe(0);
    expect(io.err[0].split('\n').slice(-2)).toEqual([
      `${OWN_KEY} is the key keyring itself uses (SMASHSEND_API_KEY): afterwards, update SMASHSEND_API_KEY with the new secret.`,
      'Go ahead, changing the key keyring itself uses? [y/N] ',
    ]);
    expect(io.err.at(-1)).toContain('Update SMASHSEND_API_KEY');
    expect(await authenticates(io.out.join('').trim())).toBe(true);
  });

  it("keyring's own key, answered no: nothing written, exit 5", async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { answers: ['n'] });
    expect(await main(['rotate', 'smashsend', OWN_KEY], io)).toBe(5);
    expect(writesReceived(env.sandbox)).toEqual({});
    expect(await authenticates(SANDBOX_CREDENTIALS.smashsendApiKey)).toBe(true);
  });

  it("keyring's own key with --yes (no question to name it): needs --allow-connection-key, exit 2", async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox));
    expect(await main(['rotate', 'smashsend', OWN_KEY, '--yes'], io)).toBe(2);
    expect(io.err.join('')).toContain('Add --allow-connection-key if you mean it');
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('SmartLead: the question names the key; yes resets it (the value on stdout), no does not', async () => {
    const no = fakeTerminal(keyringEnv(env.sandbox), { answers: ['n'] });
    expect(await main(['rotate', 'smartlead', '45'], no)).toBe(5);
    expect(no.err[0]).toContain('reset SmartLead client API key 45 ("Production Key", client 301)');
    expect(writesReceived(env.sandbox)).toEqual({});
    const yes = fakeTerminal(keyringEnv(env.sandbox), { answers: ['y'] });
    expect(await main(['rotate', 'smartlead', '45'], yes)).toBe(0);
    expect(yes.out.join('')).toMatch(/^cl_live_\w{16,}\n$/);
    expect(writesReceived(env.sandbox)).toEqual({ 'PUT /api/v1/client/api-key/reset/:id': 1 });
  });

  it('interrupted while the question waits (Ctrl-C): nothing written, exit 130', async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox)); // no answer: the question waits
    const status = main(['rotate', 'smashsend', 'aki_xyz789ghi012'], io);
    while (io.asked === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(io.interrupt('SIGINT')).toBe(true);
    expect(await status).toBe(130);
    expect(io.err.at(-1)).toBe('keyring: interrupted by SIGINT before anything was changed: nothing was written.\n');
    expect(io.out).toEqual([]);
    expect(writesReceived(env.sandbox)).toEqual({});
  });
});

/**
 * Every write command line (the seed's keys), the plan's first step as the question and --dry-run show it, and the
 * writes it makes when it goes ahead (sandbox routes).
 */
const WRITES: Array<{ args: string[]; step: string; writes: Record<string, number> }> = [
  {
    args: ['create', 'smashsend', '--name', 'Deploy Bot', '--role', 'VIEWER'],
    step: '1. create a SMASHSEND API key "Deploy Bot" (VIEWER); its secret is printed once, on stdout',
    writes: { [ROUTE.smashsendCreate]: 1 },
  },
  {
    args: ['create', 'smartlead', '--client', '301', '--name', 'Billing Export'],
    step: '1. create a SmartLead client API key "Billing Export" for client 301 ("Acme Outbound"); its value is printed once, on stdout',
    writes: { 'POST /api/v1/client/api-key': 1 },
  },
  {
    args: ['create', 'smarte', '--email', 'new.person@smarte.pro'],
    step: '1. create a SMARTe signals API key for new.person@smarte.pro (SMARTe makes a standard key); its value is printed once, on stdout',
    writes: { 'POST /signals/v1/key/createsignalapikey': 1 },
  },
  {
    args: ['reset', 'smartlead', '45'],
    step: '1. reset SmartLead client API key 45 ("Production Key", client 301): SmartLead gives it a new value, printed once on stdout',
    writes: { 'PUT /api/v1/client/api-key/reset/:id': 1 },
  },
  {
    args: ['delete', 'smashsend', 'aki_xyz789ghi012'],
    step: '1. delete SMASHSEND API key aki_xyz789ghi012 ("CRM Sync", API_USER, created 2024-03-10T14:30:00.000Z): it stops working at once, for everything that uses it (a delete cannot be undone)',
    writes: { [ROUTE.smashsendDelete]: 1 },
  },
  {
    args: ['delete', 'smartlead', '46'],
    step: '1. delete SmartLead client API key 46 ("Staging Key", client 301): it stops working at once, for everything that uses it (a delete cannot be undone)',
    writes: { 'DELETE /api/v1/client/api-key/:id': 1 },
  },
  {
    args: ['suspend', 'smarte', 'dev.udi@smarte.pro'],
    step: '1. suspend the SMARTe signals API key of dev.udi@smarte.pro (6d7800ad-81b0-4b60-9a0f-821a1944346b, standard, active): it stops working at once, until it is reactivated (keyring reactivate smarte dev.udi@smarte.pro)',
    writes: { [ROUTE.smarteUpdate]: 1 },
  },
  {
    args: ['reactivate', 'smarte', 'dev.udi@smarte.pro'],
    step: '1. reactivate the SMARTe signals API key of dev.udi@smarte.pro (6d7800ad-81b0-4b60-9a0f-821a1944346b, standard, active): it works again at once',
    writes: { [ROUTE.smarteUpdate]: 1 },
  },
];

describe.each(WRITES)('keyring $args.0 $args.1: the consent rules', ({ args, step, writes }) => {
  const command = args.slice(0, 2).join(' ');

  it('off a terminal without --yes: one line naming --yes, exit 2, not a single request', async () => {
    const run = await keyring([...args, '--json'], keyringEnv(env.sandbox));
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `keyring ${command} changes keys and stdin is not a terminal to ask on: add --yes to go ahead (--dry-run shows the plan first).\n`,
    });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('--dry-run: the reads only, the plan on stdout (--json: as JSON), exit 0', async () => {
    const run = await keyring([...args, '--dry-run'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([`keyring ${command} would:`, `  ${step}`]);
    expect(run.stderr).toBe('Dry run: nothing was changed.\n');
    const asJson = await keyring([...args, '--dry-run', '--json'], keyringEnv(env.sandbox));
    const plan = JSON.parse(asJson.stdout) as { dryRun: boolean; command: string; steps: string[] };
    expect(plan).toMatchObject({ dryRun: true, command });
    expect(plan.steps[0]).toBe(step.replace(/^1\. /, ''));
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('on a terminal: the plan and [y/N]; no writes nothing (exit 5), yes makes its writes', async () => {
    if (args[0] === 'reactivate') await keyring(['suspend', 'smarte', 'dev.udi@smarte.pro', '--yes'], keyringEnv(env.sandbox));
    env.sandbox.resetRequestCounts();
    const no = fakeTerminal(keyringEnv(env.sandbox), { answers: ['n'] });
    expect(await main(args, no)).toBe(5);
    expect(no.err[0]).toContain(
      `keyring ${command} will:\n  ${step.replace(', active)', args[0] === 'reactivate' ? ', suspended)' : ', active)')}`,
    );
    expect(no.err[0]).toMatch(/Go ahead\? \[y\/N\] $/);
    expect(writesReceived(env.sandbox)).toEqual({});
    const yes = fakeTerminal(keyringEnv(env.sandbox), { answers: ['y'] });
    expect(await main(args, yes)).toBe(0);
    expect(writesReceived(env.sandbox)).toEqual(writes);
  });
});

describe("on a terminal, keyring's own key: the question names it", () => {
  it('delete smashsend aki_sbxadmin0001: named in the plan and the question; yes deletes it (the opt-in); stderr says what to set', async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { answers: ['y'] });
    expect(await main(['delete', 'smashsend', OWN_KEY], io)).toBe(0);
    expect(io.err[0].split('\n').slice(-2)).toEqual([
      `${OWN_KEY} is the key keyring itself uses (SMASHSEND_API_KEY): afterwards, set SMASHSEND_API_KEY (or the file SMASHSEND_API_KEY_FILE names) to another key: keyring can no longer use this one.`,
      'Go ahead, changing the key keyring itself uses? [y/N] ',
    ]);
    expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smashsendDelete]: 1 });
    expect(await authenticates(SANDBOX_CREDENTIALS.smashsendApiKey)).toBe(false);
  });

  it('suspend smarte sandbox.admin@smarte.pro: named; no leaves it working (exit 5)', async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { answers: ['n'] });
    expect(await main(['suspend', 'smarte', 'sandbox.admin@smarte.pro'], io)).toBe(5);
    expect(io.err[0]).toContain('sandbox.admin@smarte.pro is the key keyring itself uses (SMARTE_API_KEY)');
    expect(io.err[0]).toMatch(/Go ahead, changing the key keyring itself uses\? \[y\/N\] $/);
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('--dry-run of deleting it: the plan says what a real run needs', async () => {
    const run = await keyring(['delete', 'smashsend', OWN_KEY, '--dry-run'], keyringEnv(env.sandbox));
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /A real run needs a yes on a terminal, or --allow-connection-key with --yes\.$/,
    );
    expect(writesReceived(env.sandbox)).toEqual({});
  });
});

describe('the command table: no write without consent', () => {
  const writers = COMMANDS.filter((command) => command.writes);

  it('create, rotate, reset, delete, suspend, reactivate and revoke write; every write takes --yes and --dry-run, and its help says so', () => {
    expect(writers.map((command) => command.name)).toEqual(['create', 'rotate', 'reset', 'delete', 'suspend', 'reactivate', 'revoke']);
    for (const command of writers) {
      expect(Object.keys(optionsOf(command))).toEqual(expect.arrayContaining(['yes', 'dry-run']));
      const help = helpOf(command);
      expect(help.split('\n')[0]).toContain('[--yes | --dry-run]');
      // revoke reads the secrets on stdin: it asks on the terminal (/dev/tty) instead.
      expect(help).toMatch(
        command.name === 'revoke'
          ? /when there is none \(CI, cron, a background pipeline\) it needs --yes,\nand refuses without it before reading anything or sending any request/
          : /when stdin is not a terminal it needs --yes, and refuses without it before any request/,
      );
    }
    for (const command of COMMANDS.filter((c) => !c.writes)) expect(Object.keys(optionsOf(command))).not.toContain('yes');
  });

  it('--allow-connection-key is offered exactly by the writes that can change the key keyring itself uses: rotate, reset, delete, suspend', () => {
    const offering = COMMANDS.filter((command) => 'allow-connection-key' in optionsOf(command)).map((command) => command.name);
    expect(offering).toEqual(['rotate', 'reset', 'delete', 'suspend']);
    for (const command of COMMANDS) {
      const help = helpOf(command);
      if (offering.includes(command.name)) {
        expect(help).toMatch(/^ {2}--allow-connection-key {2,}allow changing the key keyring itself uses/m);
        expect(help).toContain('or --allow-connection-key off a terminal\n(and with --yes)');
      } else {
        expect(help).not.toContain('--allow-connection-key');
      }
    }
  });

  it("a plan that changes keyring's own key, where nothing asks, needs --allow-connection-key (for writes the connector does not guard)", async () => {
    const plan = { steps: ['suspend it'], ownKey: { match: 'yes' as const, keyId: 'k1', variable: 'SMARTE_API_KEY' }, data: {} };
    const io = fakeTerminal({}, { stdinTTY: false });
    const refused = new Consent(io, 'suspend smarte', { yes: true, dryRun: false, allowConnectionKey: false }, false).approve(plan);
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(
      'k1 is the key keyring itself uses (SMARTE_API_KEY): add --allow-connection-key if you mean it, then update SMARTE_API_KEY with the new secret.',
    );
    const allowed = new Consent(io, 'suspend smarte', { yes: true, dryRun: false, allowConnectionKey: true }, false);
    expect(await allowed.approve(plan)).toBe(true);
  });
});

describe('--allow-connection-key where it means nothing: a usage error saying why, exit 2, nothing read or sent', () => {
  it.each([
    [
      ['create', 'smashsend', '--name', 'Spare', '--role', 'ADMIN', '--yes', '--allow-connection-key'],
      'keyring create: --allow-connection-key does not apply: create makes a new key and never changes the key keyring itself uses (see keyring create --help).',
    ],
    [
      ['create', 'smarte', '--allow-connection-key', '--email', 'new.user@smarte.pro', '--dry-run'],
      'keyring create: --allow-connection-key does not apply: create makes a new key and never changes the key keyring itself uses (see keyring create --help).',
    ],
    [
      ['create', '--allow-connection-key', '--help'],
      'keyring create: --allow-connection-key does not apply: create makes a new key and never changes the key keyring itself uses (see keyring create --help).',
    ],
    [
      ['revoke', '--yes', '--allow-connection-key'],
      'keyring revoke: --allow-connection-key does not apply: revoking the key keyring itself uses is what revoke is for: --yes, or a yes to the question that names it, is enough (see keyring revoke --help).',
    ],
    [
      ['revoke', '--allow-connection-key', '--no-replace', '--dry-run'],
      'keyring revoke: --allow-connection-key does not apply: revoking the key keyring itself uses is what revoke is for: --yes, or a yes to the question that names it, is enough (see keyring revoke --help).',
    ],
    [
      ['revoke', '--yes', '--allow-connection-key=true'],
      'keyring revoke: --allow-connection-key does not apply: revoking the key keyring itself uses is what revoke is for: --yes, or a yes to the question that names it, is enough (see keyring revoke --help).',
    ],
    [
      ['create', 'smashsend', '--name', 'Spare', '--role', 'ADMIN', '--yes', '--allow-connection-key='],
      'keyring create: --allow-connection-key does not apply: create makes a new key and never changes the key keyring itself uses (see keyring create --help).',
    ],
    [
      ['reactivate', 'smarte', 'dev.udi@smarte.pro', '--yes', '--allow-connection-key'],
      'keyring reactivate: --allow-connection-key does not apply: a reactivation makes a key work again and never cuts keyring off its own key (see keyring reactivate --help).',
    ],
  ])('keyring %p', async (args, message) => {
    // revoke is given its secret (keyring's own SMASHSEND key) on stdin: refused before it is read or identified.
    const run = await keyring(args, keyringEnv(env.sandbox), { input: `${SANDBOX_CREDENTIALS.smashsendApiKey}\n` });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('after the -- that ends the options it is a name, not the option: taken as an argument (and refused as one)', async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { answers: [] });
    expect(await main(['create', 'smashsend', '--name', 'Spare', '--role', 'ADMIN', '--yes', '--', '--allow-connection-key=x'], io)).toBe(
      2,
    );
    expect(io.err.join('')).not.toContain('does not apply');
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it('given on a terminal too (in-process): the same refusal, before any question', async () => {
    const io = fakeTerminal(keyringEnv(env.sandbox), { answers: ['y'] });
    expect(await main(['create', 'smashsend', '--name', 'Spare', '--role', 'ADMIN', '--allow-connection-key'], io)).toBe(2);
    expect(io.asked).toBe(0);
    expect(io.err.join('')).toBe(
      'keyring create: --allow-connection-key does not apply: create makes a new key and never changes the key keyring itself uses (see keyring create --help).\n',
    );
    expect(env.sandbox.requestCounts().total).toBe(0);
  });

  it.each([
    [['rotate', 'smashsend', OWN_KEY]],
    [['rotate', 'smartlead', '45']],
    [['reset', 'smartlead', '45']],
    [['delete', 'smashsend', OWN_KEY]],
    [['delete', 'smartlead', '45']],
    [['suspend', 'smarte', 'sandbox.admin@smarte.pro']],
  ])('still taken where it means something: keyring %p --allow-connection-key --dry-run reads and plans, exit 0', async (args) => {
    const run = await keyring([...args, '--allow-connection-key', '--dry-run'], keyringEnv(env.sandbox));
    expect(run).toMatchObject({ code: 0, stderr: 'Dry run: nothing was changed.\n' });
    expect(run.stdout).toMatch(new RegExp(`^keyring ${args[0]} ${args[1]} would:\n`));
    expect(env.sandbox.requestCounts().total).toBeGreaterThan(0); // the reads
    expect(writesReceived(env.sandbox)).toEqual({});
  });
});

/** util-linux `script`, which runs a command on a real pseudo-terminal; absent on some machines (the test is then skipped). */
const SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

(SCRIPT ? describe : describe.skip)('on a real terminal (a pseudo-terminal through script)', () => {
  const cli = path.resolve(__dirname, '../../connector/dist/cli.js');
  /**
   * Runs keyring on a pseudo-terminal, typing `typed`; resolves with the exit status and what the terminal showed
   * (asynchronously: the sandbox answering it runs in this process).
   */
  function onTerminal(args: string[], typed: string): Promise<{ status: number | null; screen: string }> {
    const command = [process.execPath, cli, ...args].map((arg) => `'${arg}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...keyringEnv(env.sandbox), PATH: process.env.PATH } });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.stdin.end(typed);
    return new Promise((resolve) => child.on('close', (status) => resolve({ status, screen })));
  }

  it('asks, and an answer of n writes nothing (exit 5)', async () => {
    const { status, screen } = await onTerminal(['rotate', 'smashsend', 'aki_xyz789ghi012'], 'n\n');
    expect(status).toBe(5);
    expect(screen).toContain('Go ahead? [y/N] ');
    expect(screen).toContain('Nothing was changed.');
    expect(writesReceived(env.sandbox)).toEqual({});
  });

  it('asks, and y rotates (exit 0)', async () => {
    const { status, screen } = await onTerminal(['rotate', 'smashsend', 'aki_xyz789ghi012'], 'y\n');
    expect(status).toBe(0);
    expect(screen).toMatch(/sk_live_\w{32}\r?\n/); // where the typed y echoes depends on timing
    expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smashsendCreate]: 1, [ROUTE.smashsendDelete]: 1 });
  });
});
