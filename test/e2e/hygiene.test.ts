// End to end over the sandbox: the key-hygiene operations (API Key Reached Age, Audit API Keys) against keys of known ages, with the
// requests counted by the sandbox itself. Ages are computed from the real clock, so the expectations hold on any date.
// Each test starts as a cold container: nothing is remembered about the connection's SMASHSEND key, so marking the
// connection's own key (connection_key) costs API Key Reached Age one GET /v1/api-keys/current, counted below; Audit
// API Keys reads every key, and tells the connection's by the truncated hint SMASHSEND lists with it (no request).

import { forgetRememberedKeys } from '../../lib/clients';
import type { KeyRow } from '../../lib/hygieneFields';
import { SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { run, without, type Auth } from '../support/app';
import { setEnv } from '../support/env';
import { expectZapierError, masked } from '../support/outcome';
import { ROUTE, SEEDED_SECRETS, sandboxAuth, useSandbox } from '../support/sandbox';

const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
  forgetRememberedKeys();
});

/** The sandbox connection's own keys: SMASHSEND's by its id, SMARTe's admin key by its value. */
const OWN_SMASHSEND_KEY = 'aki_sbxadmin0001';
const OWN_SMARTE_EMAIL = 'sandbox.admin@smarte.pro';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const ageOf = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / DAY);

/** As the age trigger shows a key (every row older than the age: stale); the audit's rows set `stale` by its threshold. */
type Row = KeyRow;

const smashSeedRow = (id: string): Row => {
  const key = SMASHSEND_SEED.keys.find((k) => k.id === id)!;
  return {
    id: `SMASHSEND:${id}`,
    vendor: 'SMASHSEND',
    key_id: id,
    name: key.displayName,
    status: key.status,
    created_at: new Date(key.createdAt).toISOString(),
    age_days: ageOf(key.createdAt),
    stale: true,
    // SMASHSEND's own truncated hint (its first 12 characters and "..."), shown as the sandbox sent it, as in every read.
    key_hint: `${key.secretKey.slice(0, 12)}...`,
    client_id: null,
    connection_key: id === OWN_SMASHSEND_KEY,
  };
};
const leadSeedRow = (id: number): Row => {
  const key = SMARTLEAD_SEED.keys.find((k) => k.id === id)!;
  return {
    id: `SmartLead:${id}`,
    vendor: 'SmartLead',
    key_id: String(id),
    name: key.key_name,
    status: key.status,
    created_at: key.created_at,
    age_days: ageOf(key.created_at),
    stale: true,
    key_hint: masked(key.api_key),
    client_id: key.client_id,
    // The connection's SmartLead key is the account's, never one of its client keys.
    connection_key: false,
  };
};

describe('api_key_reached_age', () => {
  it('SMASHSEND: one list request from the threshold, however many young keys come before it; young keys never shown', async () => {
    // 250 keys younger than the age sit in front of the old ones in the newest-first order: 3 pages if they were read.
    env.sandbox.generateSmashsendKeys(250, { createdAt: daysAgo(10) });
    env.sandbox.generateSmashsendKeys(1, { createdAt: daysAgo(100) });
    env.sandbox.resetRequestCounts();
    const rows = (await run('triggers', 'api_key_reached_age', { age_days: 90, vendors: ['SMASHSEND'] }, auth)) as Row[];
    // …plus the one request that tells the connection's own key (its id), to mark it.
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendList]: 1, [ROUTE.smashsendCurrent]: 1 });
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ vendor: 'SMASHSEND', name: 'Generated Key 00251', age_days: 100 });
    expect(rows.slice(1)).toEqual(['aki_abc123def456', 'aki_xyz789ghi012', 'aki_sbxadmin0001'].map(smashSeedRow));
  });

  it('SmartLead: one request for the whole list; keys exactly as old as the age or older, newest first', async () => {
    // Key 46 (2025-12-02 08:30) is exactly `age` whole days old, key 47 a day younger, key 45 a day older.
    const age = ageOf(SMARTLEAD_SEED.keys.find((k) => k.id === 46)!.created_at);
    const rows = (await run('triggers', 'api_key_reached_age', { age_days: String(age), vendors: ['SmartLead'] }, auth)) as Row[];
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smartleadList]: 1 });
    expect(rows).toEqual([leadSeedRow(46), leadSeedRow(45)]);
  });

  it('a key created now is not old enough; every vendor of the connection when Vendors is blank, each id once', async () => {
    await run('creates', 'create_smartlead_client_api_key', { clientId: 301, keyName: 'Brand New Key' }, auth);
    env.sandbox.resetRequestCounts();
    const rows = (await run('triggers', 'api_key_reached_age', { age_days: 1 }, auth)) as Row[];
    expect(env.sandbox.requestCounts().byRoute).toEqual({
      [ROUTE.smashsendList]: 1,
      [ROUTE.smashsendCurrent]: 1,
      [ROUTE.smartleadList]: 1,
    });
    expect(rows.map((row) => row.id)).toEqual([
      'SmartLead:47',
      'SmartLead:46',
      'SmartLead:45',
      'SMASHSEND:aki_abc123def456',
      'SMASHSEND:aki_xyz789ghi012',
      'SMASHSEND:aki_sbxadmin0001',
    ]);
  });

  it('Vendors blank and no SMASHSEND key: SmartLead only (SMARTe has no dates), one request', async () => {
    const rows = (await run('triggers', 'api_key_reached_age', { age_days: 1 }, without(auth, 'smashsend_api_key'))) as Row[];
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smartleadList]: 1 });
    expect(rows.every((row) => row.vendor === 'SmartLead')).toBe(true);
  });
});

describe("the connection's own keys are marked (connection_key), so that a Zap can leave them out of a rotation", () => {
  it('api_key_reached_age marks the SMASHSEND key the connection signs in with, and only it; a warm container asks no more', async () => {
    const rows = (await run('triggers', 'api_key_reached_age', { age_days: 1, vendors: ['SMASHSEND'] }, auth)) as Row[];
    expect(rows.filter((row) => row.connection_key).map((row) => row.id)).toEqual([`SMASHSEND:${OWN_SMASHSEND_KEY}`]);
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendCurrent]).toBe(1);
    // The same process again: the key's id is remembered, so only the list is read.
    env.sandbox.resetRequestCounts();
    const again = (await run('triggers', 'api_key_reached_age', { age_days: 1, vendors: ['SMASHSEND'] }, auth)) as Row[];
    expect(again).toEqual(rows);
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendList]: 1 });
  });

  it("audit_api_keys marks SMASHSEND's connection key by its hint and SMARTe's admin key by its value; no SmartLead client key", async () => {
    const audit = (await run('creates', 'audit_api_keys', {}, auth)) as Audit;
    expect(env.sandbox.requestCounts().byRoute[ROUTE.smashsendCurrent]).toBeUndefined();
    expect(audit.keys.filter((key) => key.connection_key).map((key) => key.id)).toEqual([
      `SMASHSEND:${OWN_SMASHSEND_KEY}`,
      `SMARTe:${SMARTE_SEED.keys.find((key) => key.email === OWN_SMARTE_EMAIL)!.keyId}`,
    ]);
  });

  it('a key that is not the connection’s own is never marked, even after a rotation makes the newest key', async () => {
    const rotated = (await run('creates', 'rotate_smashsend_api_key', { apiKeyId: 'aki_xyz789ghi012' }, auth)) as { id: string };
    const audit = (await run('creates', 'audit_api_keys', { vendors: ['SMASHSEND'] }, auth)) as Audit;
    expect(audit.keys.find((key) => key.key_id === rotated.id)).toMatchObject({ connection_key: false });
    expect(audit.keys.filter((key) => key.connection_key).map((key) => key.key_id)).toEqual([OWN_SMASHSEND_KEY]);
  });
});

interface Audit {
  checked_at: string;
  total: number;
  stale_count: number;
  smashsend_count: number;
  smartlead_count: number;
  smarte_count: number;
  keys: Row[];
}

describe('audit_api_keys', () => {
  it('every key of every vendor: SMASHSEND page after page, one request each for the others; stale = at least the age', async () => {
    // 150 young SMASHSEND keys (a minute apart, from 11 days ago) in front of the seed's: two pages of 100.
    env.sandbox.generateSmashsendKeys(150, { from: daysAgo(11), stepMs: 60_000 });
    env.sandbox.resetRequestCounts();
    const age = ageOf(SMARTLEAD_SEED.keys.find((k) => k.id === 46)!.created_at);
    const audit = (await run('creates', 'audit_api_keys', { older_than_days: age }, auth)) as Audit;
    expect(env.sandbox.requestCounts().byRoute).toEqual({
      // No GET /v1/api-keys/current: the connection's own key is among those listed, and its hint tells it.
      [ROUTE.smashsendList]: 2,
      [ROUTE.smartleadList]: 1,
      [ROUTE.smarteView]: 1,
    });
    expect(Date.now() - Date.parse(audit.checked_at)).toBeLessThan(60_000);
    expect(audit).toMatchObject({
      total: 153 + 3 + SMARTE_SEED.keys.length,
      smashsend_count: 153,
      smartlead_count: 3,
      smarte_count: SMARTE_SEED.keys.length,
      // SMASHSEND's three seed keys (2024) and SmartLead's keys 45 and 46; never a SMARTe key (no date).
      stale_count: 5,
    });
    // The vendors in their one order, each vendor's keys newest first.
    expect(audit.keys.filter((key) => key.stale).map((key) => key.id)).toEqual([
      'SMASHSEND:aki_abc123def456',
      'SMASHSEND:aki_xyz789ghi012',
      'SMASHSEND:aki_sbxadmin0001',
      'SmartLead:46',
      'SmartLead:45',
    ]);
    expect(audit.keys.find((key) => key.id === 'SmartLead:46')).toEqual(leadSeedRow(46));
    expect(audit.keys.find((key) => key.id === 'SMASHSEND:aki_sbxadmin0001')).toEqual(smashSeedRow('aki_sbxadmin0001'));
    const smarteKey = SMARTE_SEED.keys[0]!;
    expect(audit.keys.find((key) => key.vendor === 'SMARTe' && key.key_id === smarteKey.keyId)).toEqual({
      id: `SMARTe:${smarteKey.keyId}`,
      vendor: 'SMARTe',
      key_id: smarteKey.keyId,
      name: smarteKey.email,
      status: smarteKey.status,
      created_at: null,
      age_days: null,
      stale: false,
      key_hint: masked(smarteKey.apiKey),
      client_id: null,
      connection_key: true, // the seed's first SMARTe key is the admin key this connection signs in with
    });
    expect(smarteKey.email).toBe(OWN_SMARTE_EMAIL);
    // No full key value anywhere in the report.
    const text = JSON.stringify(audit);
    for (const secret of SEEDED_SECRETS) expect(text).not.toContain(secret);
  });

  it('a workspace too large to read within the step: a clear time-budget error, not a partial report', async () => {
    env.sandbox.generateSmashsendKeys(10_000);
    const restore = setEnv({ KEYRING_STEP_BUDGET_MS: '1000', KEYRING_TIMEOUT_MS: '500' });
    try {
      const started = Date.now();
      await expectZapierError(run('creates', 'audit_api_keys', {}, auth), {
        name: 'AppError',
        code: 'time_budget',
        says: [
          /^SMASHSEND stopped paging after \d+ pages? \/ \d+ API keys? to stay within Zapier's 30 s step limit/,
          'too many keys to audit within one Zapier step',
        ],
      });
      expect(Date.now() - started).toBeLessThan(1_000 + 500 + 1_000); // the budget, one request's timeout, slack
    } finally {
      restore();
    }
  });

  it("a vendor the sandbox fails: the step fails with that vendor's error", async () => {
    env.sandbox.injectFault({ vendor: 'smarte', path: '/signals/v1/key/view', kind: 'status', status: 503 });
    await expectZapierError(run('creates', 'audit_api_keys', {}, auth), {
      name: 'AppError',
      code: 'server',
      status: 503,
      says: ['SMARTe had a server error', 'POST /signals/v1/key/view', 'A retry may help'],
    });
  });
});
