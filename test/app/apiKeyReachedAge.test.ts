// api_key_reached_age: the one request per vendor (SMASHSEND from the threshold instant, newest first; SmartLead's whole
// list), the rows the Zap builder sees (dedupe ids, ages, hints), vendor selection, and bad input refused before any request.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { DAY, NOW, ONLY_SMARTLEAD, ONLY_SMASHSEND, atNow, rows, slQuery } from '../support/hygiene';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { SL_KEYS } from '../support/operations';
import { expectZapierError } from '../support/outcome';
import { BEARER, KEYS, nockCurrentKey } from '../support/smashsend';
import { SMARTLEAD, SMASHSEND } from '../support/vendors';
import * as ss from '../fixtures/smashsend';
import * as sl from '../fixtures/smartlead';

useNock();
const unmatched = recordUnmatchedRequests();

const thresholdFor = (days: number) => new Date(NOW - days * DAY).toISOString();
const ssQuery = (days: number) => ({ sort: 'createdAt.desc', startAt: thresholdFor(days), limit: '100' });

beforeEach(atNow);
afterEach(() => jest.restoreAllMocks());

const smashsendKey = (id: string, createdAt: string, displayName = `Key ${id}`) => ({
  id,
  displayName,
  role: 'API_USER',
  status: 'ACTIVE',
  secretKey: 'sk_live_abc1...',
  createdAt,
  updatedAt: createdAt,
});
const page = (items: object[]) => ({ apiKeys: { items, hasMore: false, startAt: null } });

describe('SMASHSEND', () => {
  it('asks once for the newest 100 keys created at or before now − age (startAt = the threshold instant), and shows them newest first', async () => {
    nockCurrentKey(); // is any of them the connection's own key?
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(ssQuery(90)).reply(200, ss.listPage);
    const result = await run('triggers', 'api_key_reached_age', { age_days: 90, vendors: ['SMASHSEND'] });
    scope.done();
    // SMASHSEND's own truncated hints, exactly as its list sent them (the connector's one hint rule, as in every read).
    expect(result).toEqual(rows('SMASHSEND:aki_abc123def456', 'SMASHSEND:aki_xyz789ghi012'));
    expect((result as Array<{ key_hint: string }>).map((row) => row.key_hint)).toEqual(
      ss.listPage.apiKeys.items.map((key) => key.secretKey),
    );
  });

  it('leaves out keys not yet older than the age even if SMASHSEND sends them (startAt read differently); a key exactly that old has not passed it yet', async () => {
    nockCurrentKey(); // is any of them the connection's own key?
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(ssQuery(30))
      .reply(
        200,
        page([
          smashsendKey('aki_young', new Date(NOW - 29 * DAY).toISOString()),
          smashsendKey('aki_exact', thresholdFor(30)),
          smashsendKey('aki_just', new Date(NOW - 30 * DAY - 1).toISOString()),
          smashsendKey('aki_old', new Date(NOW - 31 * DAY - 1).toISOString()),
        ]),
      );
    const result = (await run('triggers', 'api_key_reached_age', { age_days: '30', vendors: ['SMASHSEND'] })) as Array<{
      id: string;
      age_days: number;
    }>;
    expect(result.map((row) => [row.id, row.age_days])).toEqual([
      ['SMASHSEND:aki_just', 30],
      ['SMASHSEND:aki_old', 31],
    ]);
  });

  it('masks a secret SMASHSEND sends in full instead of its usual truncated hint', async () => {
    nockCurrentKey(); // is any of them the connection's own key?
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(ssQuery(1))
      .reply(200, page([{ ...smashsendKey('aki_full', '2025-01-01T00:00:00Z'), secretKey: 'sk_live_fullsecretvalue0123456789' }]));
    const [row] = (await run('triggers', 'api_key_reached_age', { age_days: 1, vendors: ['SMASHSEND'] })) as Array<{ key_hint: string }>;
    expect(row.key_hint).toBe('********6789');
  });

  it('never pages: one request even when SMASHSEND says more keys follow', async () => {
    const items = Array.from({ length: 100 }, (_, i) =>
      smashsendKey(`aki_${String(i).padStart(3, '0')}`, new Date(NOW - (400 + i) * DAY).toISOString()),
    );
    nockCurrentKey(); // is any of them the connection's own key?
    const scope = nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(ssQuery(365))
      .reply(200, { apiKeys: { items, hasMore: true, startAt: items[99]!.createdAt } });
    const result = (await run('triggers', 'api_key_reached_age', { age_days: 365, vendors: ['SMASHSEND'] })) as unknown[];
    scope.done();
    expect(result).toHaveLength(100);
    expect(unmatched).toEqual([]);
  });
});

describe('SmartLead', () => {
  it('reads the whole key list in one request and shows the old dated keys with client, age and masked value', async () => {
    const scope = nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listUnordered);
    const result = await run('triggers', 'api_key_reached_age', { age_days: 30, vendors: ['SmartLead'] });
    scope.done();
    // keyRecord (2025-12-01) is 30 days old, olderKey (2025-11-15) 46; the undated key cannot have an age.
    expect(result).toEqual(rows('SmartLead:45', 'SmartLead:44'));
  });

  it('shows nothing when every key is younger than the age', async () => {
    nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listUnordered);
    expect(await run('triggers', 'api_key_reached_age', { age_days: 365, vendors: ['SmartLead'] })).toEqual([]);
  });
});

describe('vendor selection', () => {
  it('blank = every dated vendor of the connection: both lists, merged newest crossing first, each id once', async () => {
    nockCurrentKey(); // is any of them the connection's own key?
    const ssScope = nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(ssQuery(30))
      .reply(200, page([smashsendKey('aki_mid', '2025-11-20T00:00:00.000Z'), smashsendKey('aki_oldest', '2024-01-01T00:00:00.000Z')]));
    const slScope = nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listUnordered);
    const result = (await run('triggers', 'api_key_reached_age', { age_days: 30 })) as Array<{ id: string }>;
    ssScope.done();
    slScope.done();
    const ids = result.map((row) => row.id);
    expect(ids).toEqual(['SmartLead:45', 'SMASHSEND:aki_mid', 'SmartLead:44', 'SMASHSEND:aki_oldest']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('blank with only a SmartLead key in the connection: only SmartLead is asked', async () => {
    const scope = nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listWrapped);
    const result = (await run('triggers', 'api_key_reached_age', { age_days: 30 }, ONLY_SMARTLEAD)) as unknown[];
    scope.done();
    expect(result).toHaveLength(1);
    expect(unmatched).toEqual([]);
  });

  it('blank with only a SMASHSEND key: only SMASHSEND is asked', async () => {
    nockCurrentKey(); // is any of them the connection's own key?
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(ssQuery(30)).reply(200, ss.listPage);
    expect(await run('triggers', 'api_key_reached_age', { age_days: 30 }, ONLY_SMASHSEND)).toHaveLength(2);
    scope.done();
    expect(unmatched).toEqual([]);
  });

  it('accepts vendors mapped as comma-separated text, in any case', async () => {
    nockCurrentKey(); // is any of them the connection's own key?
    const ssScope = nock(SMASHSEND, BEARER).get(KEYS).query(ssQuery(30)).reply(200, page([]));
    const slScope = nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, []);
    expect(await run('triggers', 'api_key_reached_age', { age_days: 30, vendors: 'smartlead, SMASHSEND' })).toEqual([]);
    ssScope.done();
    slScope.done();
  });

  it('a chosen vendor the connection has no key for says so, before any request', async () => {
    await expectZapierError(run('triggers', 'api_key_reached_age', { age_days: 30, vendors: ['SMASHSEND'] }, ONLY_SMARTLEAD), {
      name: 'AppError',
      code: 'missing_key',
      says: ['needs a SMASHSEND API key', 'reconnect and add it'],
    });
    expect(unmatched).toEqual([]);
  });

  it('a connection with only a SMARTe key: says SMARTe keys carry no date, before any request', async () => {
    await expectZapierError(run('triggers', 'api_key_reached_age', { age_days: 30 }, { smarte_api_key: AUTH.smarte_api_key }), {
      name: 'AppError',
      code: 'missing_key',
      says: ['needs a SMASHSEND or SmartLead API key', 'SMARTe keys carry no creation date', 'reconnect and add one'],
    });
    expect(unmatched).toEqual([]);
  });

  it('shows at most the 100 newest crossings', async () => {
    const smartleadKeys = Array.from({ length: 150 }, (_, i) => ({
      ...sl.keyRecord,
      id: 1000 + i,
      created_at: new Date(NOW - (100 + i) * DAY).toISOString(),
    }));
    nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, smartleadKeys);
    const result = (await run('triggers', 'api_key_reached_age', { age_days: 30, vendors: ['SmartLead'] })) as Array<{ id: string }>;
    expect(result).toHaveLength(100);
    expect(result[0]!.id).toBe('SmartLead:1000');
    expect(result[99]!.id).toBe('SmartLead:1099');
  });
});

describe('a vendor that fails makes the step fail with its own error', () => {
  it("SmartLead answers 500 while SMASHSEND answers: SmartLead's error, not a partial list", async () => {
    nockCurrentKey(); // is any of them the connection's own key?
    nock(SMASHSEND, BEARER).get(KEYS).query(ssQuery(30)).reply(200, ss.listPage);
    nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(500, { message: 'Internal server error' });
    await expectZapierError(run('triggers', 'api_key_reached_age', { age_days: 30 }), {
      name: 'AppError',
      code: 'server',
      status: 500,
      says: ['SmartLead had a server error', 'Internal server error', 'A retry may help'],
    });
  });

  it("SMASHSEND rejects its key: the step fails naming SMASHSEND's key field; the connection (with SmartLead's key too) is not expired", async () => {
    nock(SMASHSEND).get(KEYS).query(true).reply(401, ss.error401);
    nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listWrapped);
    await expectZapierError(run('triggers', 'api_key_reached_age', { age_days: 30 }), {
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: ['SMASHSEND rejected the API key', 'Invalid API key', 'Reconnect with a working key in the SMASHSEND API Key field'],
    });
  });

  it('SMASHSEND rejects the key of a SMASHSEND-only connection: an expired connection naming SMASHSEND', async () => {
    nock(SMASHSEND).get(KEYS).query(true).reply(401, ss.error401);
    await expectZapierError(run('triggers', 'api_key_reached_age', { age_days: 30 }, ONLY_SMASHSEND), {
      name: 'ExpiredAuthError',
      says: ['SMASHSEND rejected the API key', 'Invalid API key', 'Reconnect your SMASHSEND API key'],
    });
  });

  it("marks the connection's own keys (connection_key true), so that a rotation Zap can leave them out", async () => {
    nockCurrentKey('aki_xyz789ghi012');
    nock(SMASHSEND, BEARER).get(KEYS).query(ssQuery(30)).reply(200, ss.listPage);
    const own = { ...sl.listWrapped.data[0], api_key: AUTH.smartlead_api_key };
    nock(SMARTLEAD)
      .get(SL_KEYS)
      .query(slQuery)
      .reply(200, { ...sl.listWrapped, data: [own, ...sl.listWrapped.data.slice(1)] });
    const result = (await run('triggers', 'api_key_reached_age', { age_days: 30 })) as Array<{ id: string; connection_key: boolean }>;
    expect(
      result
        .filter((row) => row.connection_key)
        .map((row) => row.id)
        .sort(),
    ).toEqual(['SMASHSEND:aki_xyz789ghi012', `SmartLead:${own.id}`]);
    expect(result.filter((row) => !row.connection_key).length).toBeGreaterThan(0);
  });
});

describe('bad input is refused before any request, naming the field as the user sees it', () => {
  it.each([
    ['missing', undefined, 'is required: enter a whole number of days'],
    ['empty', '', 'is required: enter a whole number of days'],
    ['blank', '   ', 'is required: enter a whole number of days'],
    ['zero', 0, 'from 1 to 36500'],
    ['too large', 36_501, 'from 1 to 36500'],
    ['negative', -5, 'must be a whole number of days, 1 or more'],
    ['fraction', 1.5, 'must be a whole number of days, 1 or more'],
    ['words', '90 days', 'must be a whole number of days, 1 or more'],
    ['object', { days: 90 }, 'must be a whole number of days, 1 or more'],
  ])('age_days %s', async (_what, value, rule) => {
    await expectZapierError(run('triggers', 'api_key_reached_age', { age_days: value }), {
      name: 'AppError',
      code: 'input',
      says: [/^Age in Days /, rule],
    });
    expect(unmatched).toEqual([]);
  });

  it.each([
    ['SMARTe (no dates)', ['SMARTe']],
    ['an unknown vendor', ['Mailchimp']],
    ['a non-text item', [{ vendor: 'SMASHSEND' }]],
  ])('vendors: %s', async (_what, vendors) => {
    await expectZapierError(run('triggers', 'api_key_reached_age', { age_days: 30, vendors }), {
      name: 'AppError',
      code: 'input',
      says: [/^Vendors must/, 'chosen from SMASHSEND, SmartLead.'],
    });
    expect(unmatched).toEqual([]);
  });
});
