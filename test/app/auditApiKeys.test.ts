// audit_api_keys: the requests to each chosen vendor (SMASHSEND page after page, SmartLead and SMARTe at once), the
// report the Zap builder sees (counts, stale keys, line items), a failing vendor failing the step, the time budget,
// and bad input refused before any request.

import nock from 'nock';
import { App, AUTH, run } from '../support/app';
import { setEnv } from '../support/env';
import { ONLY_SMARTLEAD, ROWS, atNow, slQuery } from '../support/hygiene';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { SL_KEYS } from '../support/operations';
import { expectZapierError } from '../support/outcome';
import { VIEW, smarte } from '../support/smarte';
import { BEARER, KEYS, listQuery, nockCurrentKey } from '../support/smashsend';
import { SMARTLEAD, SMASHSEND } from '../support/vendors';
import * as ss from '../fixtures/smashsend';
import * as sl from '../fixtures/smartlead';
import * as sm from '../fixtures/smarte';

useNock();
const unmatched = recordUnmatchedRequests();

afterEach(() => jest.restoreAllMocks());

function everyVendorAnswers() {
  return [
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, ss.listPage),
    nockCurrentKey(), // which key is the connection's own (none of these)
    nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listUnordered),
    smarte().post(VIEW, {}).reply(200, sm.viewAll),
  ];
}

describe('audit_api_keys', () => {
  it('blank vendors: every vendor of the connection, one list each; counts, stale keys (older than 40 days) and line items', async () => {
    atNow();
    const scopes = everyVendorAnswers();
    const result = await run('creates', 'audit_api_keys', { older_than_days: 40 });
    scopes.forEach((scope) => scope.done());
    const stale = new Set(['SmartLead:44', 'SMASHSEND:aki_abc123def456', 'SMASHSEND:aki_xyz789ghi012']);
    expect(result).toEqual({
      checked_at: '2025-12-31T12:00:00.000Z',
      total: 7,
      stale_count: 3,
      smashsend_count: 2,
      smartlead_count: 3,
      smarte_count: 2,
      keys: ROWS.map((row) => ({ ...row, stale: stale.has(row.id) })),
    });
  });

  it("key hints follow the one rule: SMASHSEND's own truncated hint as SMASHSEND sent it, a full SMASHSEND value masked", async () => {
    atNow();
    const [listed] = ss.listPage.apiKeys.items;
    nockCurrentKey();
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, {
        apiKeys: {
          items: [listed, { ...listed, id: 'aki_full', secretKey: 'sk_live_fullsecretvalue0123456789' }],
          hasMore: false,
          startAt: null,
        },
      });
    const result = (await run('creates', 'audit_api_keys', { vendors: ['SMASHSEND'] })) as {
      keys: Array<{ key_id: string; key_hint: string }>;
    };
    // Created at the same instant: in SMASHSEND's order.
    expect(result.keys.map((key) => [key.key_id, key.key_hint])).toEqual([
      ['aki_abc123def456', listed?.secretKey],
      ['aki_full', '********6789'],
    ]);
    expect(listed?.secretKey).toBe('sk_live_abc123...');
  });

  it("marks the keys this connection signs in with (connection_key), by SMASHSEND's answer and by SMARTe's key value", async () => {
    atNow();
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, ss.listPage);
    nockCurrentKey('aki_xyz789ghi012');
    const [userKey, otherKey] = sm.viewAll.data;
    smarte()
      .post(VIEW, {})
      .reply(200, { ...sm.viewAll, data: [userKey, { ...otherKey, apiKey: AUTH.smarte_api_key }] });
    const result = (await run('creates', 'audit_api_keys', { vendors: ['SMASHSEND', 'SMARTe'] })) as {
      keys: Array<{ id: string; connection_key: boolean; key_hint: string }>;
    };
    expect(result.keys.filter((key) => key.connection_key).map((key) => key.id)).toEqual([
      'SMASHSEND:aki_xyz789ghi012',
      `SMARTe:${otherKey?.keyId}`,
    ]);
    // The admin key's value is compared, never shown: its row carries the hint only.
    expect(JSON.stringify(result)).not.toContain(AUTH.smarte_api_key);
  });

  it('Older Than blank: nothing is stale', async () => {
    atNow();
    everyVendorAnswers();
    const result = (await run('creates', 'audit_api_keys', {})) as { stale_count: number; keys: Array<{ stale: boolean }> };
    expect(result.stale_count).toBe(0);
    expect(result.keys.every((key) => key.stale === false)).toBe(true);
  });

  it('reads every SMASHSEND page, following the cursor', async () => {
    atNow();
    const [first, second] = ss.listPage.apiKeys.items;
    // As SMASHSEND pages: the cursor is the creation instant of the first key of the next page.
    const cursor = second?.createdAt ?? '';
    nockCurrentKey();
    const scope = nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, { apiKeys: { items: [first], hasMore: true, startAt: cursor } })
      .get(KEYS)
      .query(listQuery(new Date(cursor).toISOString())) // sent back as the SDK does: a Date's ISO string
      .reply(200, { apiKeys: { items: [second], hasMore: false, startAt: null } });
    const result = (await run('creates', 'audit_api_keys', { vendors: ['SMASHSEND'] })) as { total: number; keys: Array<{ id: string }> };
    scope.done();
    expect(result.total).toBe(2);
    expect(result.keys.map((key) => key.id)).toEqual(['SMASHSEND:aki_abc123def456', 'SMASHSEND:aki_xyz789ghi012']);
  });

  it('only the chosen vendors are asked (SMARTe: no dates, never stale)', async () => {
    atNow();
    const scope = smarte().post(VIEW, {}).reply(200, sm.viewAll);
    const result = await run('creates', 'audit_api_keys', { vendors: ['SMARTe'], older_than_days: '1' });
    scope.done();
    expect(unmatched).toEqual([]);
    expect(result).toEqual({
      checked_at: '2025-12-31T12:00:00.000Z',
      total: 2,
      stale_count: 0,
      smashsend_count: 0,
      smartlead_count: 0,
      smarte_count: 2,
      keys: ROWS.filter((row) => row.vendor === 'SMARTe').map((row) => ({ ...row, stale: false })),
    });
  });

  it('blank vendors with only a SmartLead key: only SmartLead is asked', async () => {
    atNow();
    const scope = nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listWrapped);
    const result = (await run('creates', 'audit_api_keys', {}, ONLY_SMARTLEAD)) as { total: number; smartlead_count: number };
    scope.done();
    expect(unmatched).toEqual([]);
    expect(result).toMatchObject({ total: 1, smartlead_count: 1, smashsend_count: 0, smarte_count: 0 });
  });

  it('a connection with no key at all: says so, before any request', async () => {
    await expectZapierError(run('creates', 'audit_api_keys', {}, {}), {
      name: 'AppError',
      code: 'missing_key',
      says: ['needs at least one vendor API key', 'reconnect and add one'],
    });
  });

  it("a vendor that fails makes the step fail with that vendor's error, never a report that looks complete", async () => {
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, ss.listPage);
    // Asked only if SMASHSEND's page arrives before SMARTe's failure stops the audit.
    nock(SMASHSEND, BEARER).get('/v1/api-keys/current').optionally().reply(200, ss.connectionKey);
    nock(SMARTLEAD).get(SL_KEYS).query(slQuery).reply(200, sl.listUnordered);
    smarte().post(VIEW, {}).reply(500, { message: 'Internal server error' });
    await expectZapierError(run('creates', 'audit_api_keys', { older_than_days: 40 }), {
      name: 'AppError',
      code: 'server',
      status: 500,
      says: ['SMARTe had a server error', 'Internal server error', 'A retry may help'],
    });
  });

  it('a SMASHSEND page failing on page 2 fails the step too', async () => {
    // (Which key is the connection's own is asked only after the whole list: never here.)
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, { apiKeys: { items: ss.listPage.apiKeys.items, hasMore: true, startAt: '2024-03-01T00:00:00Z' } })
      .get(KEYS)
      .query(listQuery('2024-03-01T00:00:00.000Z'))
      .reply(429, ss.error429, { 'Retry-After': '12' });
    await expectZapierError(run('creates', 'audit_api_keys', { vendors: ['SMASHSEND'] }), {
      name: 'ThrottledError',
      delay: 12,
      says: ['SMASHSEND rate limit reached', 'Retry after 12 s'],
    });
  });

  it('a workspace too large to read within the step stops at the time budget with a clear error, not a partial report', async () => {
    const restore = setEnv({ KEYRING_STEP_BUDGET_MS: '1000', KEYRING_TIMEOUT_MS: '400' });
    try {
      // Every page says more follow and takes 250 ms: the paging deadline (1 000 − 400 ms) falls after page 3 at most.
      let page = 0;
      nock(SMASHSEND)
        .persist()
        .get(KEYS)
        .query(true)
        .delay(250)
        .reply(200, () => {
          page += 1;
          return {
            apiKeys: {
              items: [{ ...ss.listPage.apiKeys.items[0], id: `aki_page${page}` }],
              hasMore: true,
              startAt: `2024-01-0${page}T00:00:00Z`,
            },
          };
        });
      await expectZapierError(run('creates', 'audit_api_keys', { vendors: ['SMASHSEND'] }), {
        name: 'AppError',
        code: 'time_budget',
        says: [
          /^SMASHSEND stopped paging after [1-3] pages? \/ [1-3] API keys? to stay within Zapier's 30 s step limit/,
          'too many keys to audit within one Zapier step',
          'SMASHSEND with the `keyring audit` command',
        ],
      });
    } finally {
      restore();
    }
  });

  describe('bad input is refused before any request, naming the field as the user sees it', () => {
    it.each([
      ['zero', 0, 'from 1 to 36500'],
      ['words', 'ninety', 'must be a whole number of days, 1 or more'],
      ['fraction', '1.5', 'must be a whole number of days, 1 or more'],
      ['negative', -1, 'must be a whole number of days, 1 or more'],
    ])('older_than_days %s', async (_what, value, rule) => {
      await expectZapierError(run('creates', 'audit_api_keys', { older_than_days: value }), {
        name: 'AppError',
        code: 'input',
        says: [/^Older Than \(Days\) /, rule],
      });
      expect(unmatched).toEqual([]);
    });

    it('vendors: an unknown vendor', async () => {
      await expectZapierError(run('creates', 'audit_api_keys', { vendors: ['SMASHSEND', 'Mailchimp'] }), {
        name: 'AppError',
        code: 'input',
        says: [/^Vendors must/, 'chosen from SMASHSEND, SmartLead, SMARTe.'],
      });
      expect(unmatched).toEqual([]);
    });
  });
});

it('what the step returns has exactly the keys of its output fields, and each line item those of the children', async () => {
  atNow();
  everyVendorAnswers();
  const fields = (
    App.creates as unknown as Record<string, { operation: { outputFields: Array<{ key: string; children?: Array<{ key: string }> }> } }>
  ).audit_api_keys!.operation.outputFields;
  const result = (await run('creates', 'audit_api_keys', {})) as { keys: object[] };
  expect(Object.keys(result).sort()).toEqual(fields.map((field) => field.key).sort());
  const children = fields
    .find((field) => field.key === 'keys')!
    .children!.map((child) => child.key)
    .sort();
  for (const item of result.keys) expect(Object.keys(item).sort()).toEqual(children);
});
