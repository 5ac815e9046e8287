// One voice: the command line and the Zapier app show a key the same way. On one sandbox, `keyring audit --json` and
// the Zapier step audit_api_keys (run through the app as Zapier runs it) must give the same rows — the same fields, the
// same values, in the same order — apart from the `id` Zapier adds; and each row the age trigger fires with is the
// audit's row of that key.

import { forgetRememberedKeys } from '../../lib/clients';
import { run } from '../support/app';
import { keyring, keyringEnv } from '../support/cli';
import { sandboxAuth, useSandbox } from '../support/sandbox';

const env = useSandbox();
beforeEach(() => forgetRememberedKeys());

const DAY = 86_400_000;
/** Half a day past a whole number of days: no age changes between the two runs of a test. */
const daysAgo = (days: number) => new Date(Date.now() - (days + 0.5) * DAY).toISOString();

type Row = Record<string, unknown>;
interface ZapierAudit {
  checked_at: string;
  total: number;
  stale_count: number;
  smashsend_count: number;
  smartlead_count: number;
  smarte_count: number;
  keys: Row[];
}

/** The sandbox with keys that differ from the seed in every way the rows show: dates, order, own keys, hints. */
async function varied(): Promise<void> {
  env.sandbox.generateSmashsendKeys(3, { createdAt: daysAgo(120) });
  env.sandbox.generateSmashsendKeys(2, { createdAt: daysAgo(10) });
  // SmartLead lists by id, oldest first: key 47 re-dated to the oldest, and a new key (today's) last in its list.
  env.sandbox.setSmartleadKeyCreatedAt(47, daysAgo(400));
  expect((await keyring(['create', 'smartlead', '--client', '303', '--name', 'Fresh Key', '--yes'], keyringEnv(env.sandbox))).code).toBe(0);
  expect((await keyring(['create', 'smarte', '--email', 'fresh.user@smarte.pro', '--yes'], keyringEnv(env.sandbox))).code).toBe(0);
}

/** A Zapier line item without the id Zapier adds (`<vendor>:<key id>`), checked on the way. */
function withoutId(row: Row): Row {
  const { id, ...rest } = row;
  expect(id).toBe(`${String(row.vendor)}:${String(row.key_id)}`);
  return rest;
}

describe('keyring audit --json and the Zapier step audit_api_keys on the same sandbox', () => {
  it.each([
    ['with a threshold', ['--older-than', '90'], { older_than_days: 90 }],
    ['without one', [], {}],
  ])('%s: the same rows (fields, values, order), the same counts', async (_case, cliArgs, input) => {
    await varied();
    const cli = await keyring(['audit', '--json', ...cliArgs], keyringEnv(env.sandbox));
    expect(cli.stderr).toBe('');
    const report = JSON.parse(cli.stdout) as ZapierAudit & { keys: Row[] };
    const zapier = (await run('creates', 'audit_api_keys', input, sandboxAuth(env.sandbox))) as ZapierAudit;

    const zapierRows = zapier.keys.map(withoutId);
    expect(report.keys).toEqual(zapierRows);
    // The same order of fields in every row, too (JSON readers that care see one shape).
    expect(report.keys.map((row) => Object.keys(row))).toEqual(zapierRows.map((row) => Object.keys(row)));
    const { checked_at: _a, keys: _k, ...figures } = zapier;
    expect(report).toMatchObject(figures);
    expect(report.total).toBe(9 + 5 + 1 + 1);

    // The order both show: SMASHSEND, SmartLead, SMARTe; each vendor's dated keys newest first.
    const vendors = report.keys.map((row) => row.vendor);
    expect([...new Set(vendors)]).toEqual(['SMASHSEND', 'SmartLead', 'SMARTe']);
    for (const vendor of ['SMASHSEND', 'SmartLead']) {
      const times = report.keys.filter((row) => row.vendor === vendor).map((row) => Date.parse(String(row.created_at)));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    expect(report.keys.filter((row) => row.vendor === 'SmartLead').map((row) => row.key_id)).toEqual(['48', '46', '45', '47']);
    // Dates in one form: ISO 8601, UTC, milliseconds (SMASHSEND's seed sends 2024-03-15T10:00:00Z).
    for (const row of report.keys) {
      if (row.created_at !== null) expect(row.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(report.keys.filter((row) => row.connection_key).map((row) => row.key_id)).toEqual([
      'aki_sbxadmin0001',
      '0b6f7c1e-3d2a-4f5b-8c9d-1e2f3a4b5c6d',
    ]);
  });

  it('each row the age trigger fires with is the audit row of that key (the trigger lists the newest crossings first)', async () => {
    await varied();
    const audit = JSON.parse((await keyring(['audit', '--json', '--older-than', '90'], keyringEnv(env.sandbox))).stdout) as {
      keys: Row[];
    };
    const fired = (await run('triggers', 'api_key_reached_age', { age_days: 90 }, sandboxAuth(env.sandbox))) as Row[];
    const byKey = (rows: Row[]) =>
      [...rows].sort((a, b) => `${String(a.vendor)}:${String(a.key_id)}`.localeCompare(`${String(b.vendor)}:${String(b.key_id)}`));
    const stale = audit.keys.filter((row) => row.stale); // SMARTe keys have no date: never stale, never fired
    expect(stale.length).toBeGreaterThan(5);
    expect(byKey(fired.map(withoutId))).toEqual(byKey(stale));
    const times = fired.map((row) => Date.parse(String(row.created_at)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
