// auditApiKeys, the connector's key inventory: the requests it makes (every SMASHSEND page and, after the first,
// GET /v1/api-keys/current unless the client knows its key's id; SmartLead's and SMARTe's lists), the one list it returns
// (ages, threshold, hints by the one keyHint rule, which key each client authenticates with, no key values), and that a
// failing vendor or a spent deadline fails the whole audit.

import {
  AuthError,
  RateLimitError,
  SmartLeadClient,
  SmarteClient,
  SmashsendClient,
  ServerError,
  TimeBudgetError,
  ageInDays,
  auditApiKeys,
  isOlderThan,
  type AuditProgress,
} from '@keyring/connector';
import * as fx from '../fixtures/smashsend';
import { SMARTE_KEY, SMARTLEAD_KEY, SMASHSEND_KEY, failure, vendorAnswers } from '../support/connector';
import { useNock } from '../support/nock';
import { SMARTE, SMARTLEAD, SMASHSEND } from '../support/vendors';

useNock();

const WS = fx.WORKSPACE_ID;
const KEYS = `/v1/workspaces/${WS}/api-keys`;
const CURRENT = '/v1/api-keys/current';
/** GET /v1/api-keys/current naming `id` as the key the SMASHSEND client authenticates with. */
const currentIs = (id: string) => ({ apiKey: { ...fx.connectionKey.apiKey, id } });
const NOW = Date.parse('2025-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();

const SS_PAGE_1 = fx.listPageOf(
  [
    { id: 'aki_young', displayName: 'Young', role: 'EDITOR', status: 'ACTIVE', secretKey: 'sk_live_abcd1234...', createdAt: daysAgo(10) },
    { id: 'aki_mid', displayName: 'Mid', role: 'VIEWER', status: 'ACTIVE', secretKey: 'sk_live_efgh5678...', createdAt: daysAgo(90) },
  ],
  // The cursor is where the next page starts: the next key's instant.
  daysAgo(400),
);
const SS_PAGE_2 = fx.listPageOf(
  [{ id: 'aki_old', displayName: 'Old', role: 'EDITOR', status: 'ACTIVE', secretKey: 'sk_live_ijkl9012...', createdAt: daysAgo(400) }],
  null,
);
const SL_KEYS = {
  ok: true,
  data: [
    {
      id: 45,
      client_id: 301,
      key_name: 'Production Key',
      api_key: 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s',
      status: 'active',
      created_at: daysAgo(91.5),
    },
    { id: 46, client_id: 301, key_name: 'No Date', api_key: 'cl_live_Lq5Zs8Vb2Nc7Xm4Kp9Rt3Wy6', status: 'inactive', created_at: null },
    // The key the SmartLead client authenticates with (SMARTLEAD_KEY): connectionKey true.
    { id: 47, client_id: 302, key_name: 'Keyring', api_key: SMARTLEAD_KEY, status: 'active', created_at: daysAgo(5) },
  ],
};
const SE_KEYS = {
  message: 'ok',
  data: [
    {
      keyId: '0b6f7c1e-3d2a-4f5b-8c9d-1e2f3a4b5c6d',
      email: 'a@smarte.pro',
      role: 'admin',
      status: 'active',
      apiKey: 'WGxSecretValueOfSmarte0001=',
    },
    // The admin key the SMARTe client authenticates with (SMARTE_KEY): connectionKey true.
    { keyId: '1c7a8d2f-4e3b-4a6c-9d0e-2f3a4b5c6d7e', email: 'admin@smarte.pro', role: 'admin', status: 'active', apiKey: SMARTE_KEY },
    // No value to compare: not known to be the client's own, so not marked.
    { keyId: '2d8b9e3a-5f4c-4b7d-8e1f-3a4b5c6d7e8f', email: 'b@smarte.pro', role: 'standard', status: 'suspended', apiKey: null },
  ],
};

const clients = () => ({
  smashsend: new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS }),
  smartlead: new SmartLeadClient(SMARTLEAD_KEY),
  smarte: new SmarteClient(SMARTE_KEY),
});

function vendorsAnswer() {
  const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_1 });
  vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_2 }, seen);
  // No listed key's hint starts like the client's key, so SMASHSEND is asked which key it is, after the list.
  vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 200, body: currentIs('aki_mid') }, seen);
  vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', { status: 200, body: SL_KEYS }, seen);
  vendorAnswers(SMARTE, 'POST', '/signals/v1/key/view', { status: 200, body: SE_KEYS }, seen);
  return seen;
}

describe('auditApiKeys', () => {
  it("every key of every vendor in one list of key rows (SMASHSEND, SmartLead, SMARTe; each newest first, undated keys after): ages in whole days, the threshold, hints (SMASHSEND's own as sent, others masked), each client's own key, counts", async () => {
    const seen = vendorsAnswer();
    const progress: AuditProgress[] = [];
    const report = await auditApiKeys(clients(), { olderThanDays: 90, now: () => NOW, onProgress: (p) => progress.push(p) });
    expect(report).toEqual({
      checkedAt: '2025-01-01T00:00:00.000Z',
      olderThanDays: 90,
      vendors: ['SMASHSEND', 'SmartLead', 'SMARTe'],
      keys: [
        {
          vendor: 'SMASHSEND',
          key_id: 'aki_young',
          name: 'Young',
          status: 'ACTIVE',
          created_at: daysAgo(10),
          age_days: 10,
          stale: false,
          key_hint: 'sk_live_abcd1234...',
          client_id: null,
          connection_key: false,
        },
        // exactly 90 days old is not older than 90 days
        {
          vendor: 'SMASHSEND',
          key_id: 'aki_mid',
          name: 'Mid',
          status: 'ACTIVE',
          created_at: daysAgo(90),
          age_days: 90,
          stale: false,
          key_hint: 'sk_live_efgh5678...',
          client_id: null,
          connection_key: true,
        },
        {
          vendor: 'SMASHSEND',
          key_id: 'aki_old',
          name: 'Old',
          status: 'ACTIVE',
          created_at: daysAgo(400),
          age_days: 400,
          stale: true,
          key_hint: 'sk_live_ijkl9012...',
          client_id: null,
          connection_key: false,
        },
        {
          vendor: 'SmartLead',
          key_id: '47',
          name: 'Keyring',
          status: 'active',
          created_at: daysAgo(5),
          age_days: 5,
          stale: false,
          key_hint: '********cdef',
          client_id: 302,
          connection_key: true,
        },
        {
          vendor: 'SmartLead',
          key_id: '45',
          name: 'Production Key',
          status: 'active',
          created_at: daysAgo(91.5),
          age_days: 91,
          stale: true,
          key_hint: '********hJ1s',
          client_id: 301,
          connection_key: false,
        },
        {
          vendor: 'SmartLead',
          key_id: '46',
          name: 'No Date',
          status: 'inactive',
          created_at: null,
          age_days: null,
          stale: false,
          key_hint: '********3Wy6',
          client_id: 301,
          connection_key: false,
        },
        {
          vendor: 'SMARTe',
          key_id: '0b6f7c1e-3d2a-4f5b-8c9d-1e2f3a4b5c6d',
          name: 'a@smarte.pro',
          status: 'active',
          created_at: null,
          age_days: null,
          stale: false,
          key_hint: '********001=',
          client_id: null,
          connection_key: false,
        },
        {
          vendor: 'SMARTe',
          key_id: '1c7a8d2f-4e3b-4a6c-9d0e-2f3a4b5c6d7e',
          name: 'admin@smarte.pro',
          status: 'active',
          created_at: null,
          age_days: null,
          stale: false,
          key_hint: '********def=',
          client_id: null,
          connection_key: true,
        },
        {
          vendor: 'SMARTe',
          key_id: '2d8b9e3a-5f4c-4b7d-8e1f-3a4b5c6d7e8f',
          name: 'b@smarte.pro',
          status: 'suspended',
          created_at: null,
          age_days: null,
          stale: false,
          key_hint: null,
          client_id: null,
          connection_key: false,
        },
      ],
      counts: { SMASHSEND: 3, SmartLead: 3, SMARTe: 3 },
      staleCount: 2,
    });
    // SMASHSEND newest first, every page through the cursor, and after the first page the key its client authenticates
    // with; SmartLead unfiltered; SMARTe's view of all keys
    expect(seen.map((r) => [r.method, r.path, r.query, r.body])).toEqual(
      expect.arrayContaining([
        ['GET', KEYS, { limit: '100', sort: 'createdAt.desc' }, undefined],
        ['GET', CURRENT, {}, undefined],
        ['GET', KEYS, { limit: '100', sort: 'createdAt.desc', startAt: daysAgo(400) }, undefined],
        ['GET', '/api/v1/client/api-key', { api_key: SMARTLEAD_KEY }, undefined],
        ['POST', '/signals/v1/key/view', {}, {}],
      ]),
    );
    expect(seen).toHaveLength(5);
    expect(seen.filter((r) => r.path === KEYS || r.path === CURRENT).map((r) => r.path)).toEqual([KEYS, KEYS, CURRENT]);
    // No key value: SmartLead's and SMARTe's are masked; SMASHSEND lists none, only its own truncated hints, shown as sent.
    expect(JSON.stringify(report)).not.toMatch(/cl_live_|WGxSecret/);
    for (const secret of [SMARTLEAD_KEY, SMARTE_KEY, SMASHSEND_KEY]) expect(JSON.stringify(report)).not.toContain(secret.slice(0, 10));
    expect(JSON.stringify(report).match(/sk_live_[^"]*/g)).toEqual(['sk_live_abcd1234...', 'sk_live_efgh5678...', 'sk_live_ijkl9012...']);
    expect(progress).toEqual(
      expect.arrayContaining([
        { vendor: 'SMASHSEND', keysRead: 2, done: false },
        { vendor: 'SMASHSEND', keysRead: 3, done: true },
        { vendor: 'SmartLead', keysRead: 3, done: true },
        { vendor: 'SMARTe', keysRead: 3, done: true },
      ]),
    );
  });

  it('only the vendors given; without a threshold nothing is stale', async () => {
    vendorAnswers(SMARTE, 'POST', '/signals/v1/key/view', { status: 200, body: SE_KEYS });
    const report = await auditApiKeys({ smarte: new SmarteClient(SMARTE_KEY) }, { now: () => NOW });
    expect(report).toMatchObject({
      olderThanDays: null,
      vendors: ['SMARTe'],
      counts: { SMASHSEND: 0, SmartLead: 0, SMARTe: 3 },
      staleCount: 0,
    });
  });

  it('dates in ISO 8601 UTC with milliseconds, whatever form the vendor sends; newest first within a vendor; a key listed twice, once', async () => {
    const sl = (id: number, created_at: string | null) => ({
      id,
      client_id: 301,
      key_name: `Key ${id}`,
      api_key: null,
      status: 'active',
      created_at,
    });
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', {
      status: 200,
      // SmartLead documents no order: oldest first here, one key twice, dates with and without milliseconds, an offset.
      body: [sl(1, '2024-03-15T10:00:00Z'), sl(2, null), sl(3, '2024-06-01T12:00:00+02:00'), sl(1, '2024-03-15T10:00:00Z'), sl(4, 'soon')],
    });
    const report = await auditApiKeys({ smartlead: new SmartLeadClient(SMARTLEAD_KEY) }, { now: () => NOW });
    expect(report.keys.map((key) => [key.key_id, key.created_at])).toEqual([
      ['3', '2024-06-01T10:00:00.000Z'],
      ['1', '2024-03-15T10:00:00.000Z'],
      ['2', null],
      ['4', null], // an unreadable date is no date
    ]);
    expect(report.counts.SmartLead).toBe(4);
  });

  it('a vendor that fails fails the audit with that vendor’s error (never a partial report)', async () => {
    vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_1 });
    vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 200, body: currentIs('aki_mid') });
    vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_2 });
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', { status: 500, body: { message: 'down' } });
    vendorAnswers(SMARTE, 'POST', '/signals/v1/key/view', { status: 200, body: SE_KEYS });
    const error = await failure(auditApiKeys(clients(), { now: () => NOW }), ServerError);
    expect(error).toMatchObject({ vendor: 'SmartLead', status: 500, method: 'GET', path: '/api/v1/client/api-key' });
    nockSettle();
  });

  it('the deadline is checked before every request: past it, a TimeBudgetError and no request at all', async () => {
    const error = await failure(
      auditApiKeys({ smartlead: new SmartLeadClient(SMARTLEAD_KEY) }, { deadline: NOW, now: () => NOW }),
      TimeBudgetError,
    );
    expect(error).toMatchObject({ vendor: 'SmartLead', pagesRead: 0, itemsRead: 0, method: 'GET', path: '/api/v1/client/api-key' });
  });

  // the clock advances 0.4 s a reading: the audit starts at 0.4 s, page 1 at 0.8 s, page 2 would start at 1.2 s
  it('SMASHSEND paging stops at the deadline', async () => {
    vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_1 });
    let now = NOW;
    const error = await failure(
      auditApiKeys(
        { smashsend: new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS }) },
        { deadline: NOW + 1_000, now: () => (now += 400) },
      ),
      TimeBudgetError,
    );
    expect(error).toMatchObject({ vendor: 'SMASHSEND', pagesRead: 1, itemsRead: 2 });
  });

  describe('SMASHSEND: which key is the client’s own (connectionKey)', () => {
    const smashsendOnly = (options: ConstructorParameters<typeof SmashsendClient>[1]) => ({
      smashsend: new SmashsendClient(SMASHSEND_KEY, options),
    });
    const marked = (report: { keys: Array<{ key_id: string; connection_key: boolean }> }) =>
      report.keys.filter((key) => key.connection_key).map((key) => key.key_id);

    it('a discovered workspace: the discovery’s /current answers the id too, no second request', async () => {
      const seen = vendorAnswers(SMASHSEND, 'GET', CURRENT, {
        status: 200,
        body: { apiKey: { ...currentIs('aki_old').apiKey, workspaceId: WS } },
      });
      vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_1 }, seen);
      vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_2 }, seen);
      const report = await auditApiKeys(smashsendOnly({}), { now: () => NOW });
      expect(marked(report)).toEqual(['aki_old']);
      expect(seen.map((r) => r.path)).toEqual([CURRENT, KEYS, KEYS]);
    });

    it('connectionKeyId given: no /current at all', async () => {
      const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_1 });
      vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: SS_PAGE_2 }, seen);
      const report = await auditApiKeys(smashsendOnly({ workspaceId: WS, connectionKeyId: 'aki_young' }), { now: () => NOW });
      expect(marked(report)).toEqual(['aki_young']);
      expect(seen.map((r) => r.path)).toEqual([KEYS, KEYS]);
    });

    it('workspace given: the one listed key whose truncated hint starts the client’s key is marked, without asking /current', async () => {
      const page = fx.listPageOf(
        [
          {
            id: 'aki_mine',
            displayName: 'Mine',
            role: 'EDITOR',
            status: 'ACTIVE',
            secretKey: `${SMASHSEND_KEY.slice(0, 12)}...`,
            createdAt: daysAgo(3),
          },
          {
            id: 'aki_other',
            displayName: 'Other',
            role: 'EDITOR',
            status: 'ACTIVE',
            secretKey: 'sk_live_abcd1234...',
            createdAt: daysAgo(4),
          },
          { id: 'aki_nohint', displayName: 'No hint', role: 'EDITOR', status: 'ACTIVE', createdAt: daysAgo(5) },
          { id: 'aki_short', displayName: 'Short', role: 'EDITOR', status: 'ACTIVE', secretKey: 'sk_test_...', createdAt: daysAgo(6) },
        ],
        null,
      );
      const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: page });
      const report = await auditApiKeys(smashsendOnly({ workspaceId: WS }), { now: () => NOW });
      expect(report.keys.map((key) => [key.key_id, key.connection_key])).toEqual([
        ['aki_mine', true],
        ['aki_other', false],
        ['aki_nohint', false],
        ['aki_short', false],
      ]);
      expect(seen.map((r) => r.path)).toEqual([KEYS]);
    });

    const listing = (hints: Array<string | undefined>) =>
      fx.listPageOf(
        hints.map((secretKey, index) => ({
          id: `aki_${index}`,
          displayName: `Key ${index}`,
          role: 'EDITOR',
          status: 'ACTIVE',
          ...(secretKey === undefined ? {} : { secretKey }),
          createdAt: daysAgo(index + 1),
        })),
        null,
      );

    it('two listed keys’ hints start like the client’s key: /current is asked once, after the list, and its id decides', async () => {
      const mine = `${SMASHSEND_KEY.slice(0, 12)}...`;
      const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: listing([mine, 'sk_live_zzzz9999...', mine]) });
      vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 200, body: currentIs('aki_2') }, seen);
      const report = await auditApiKeys(smashsendOnly({ workspaceId: WS }), { now: () => NOW });
      expect(marked(report)).toEqual(['aki_2']);
      expect(seen.map((r) => r.path)).toEqual([KEYS, CURRENT]);
    });

    it('no hint tells and SMASHSEND does not answer /current (404): asked once, nothing marked, the report still made', async () => {
      const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: listing([undefined, 'sk_live_zzzz9999...', 'sk_test_...']) });
      vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not found.' } }, seen);
      const report = await auditApiKeys(smashsendOnly({ workspaceId: WS }), { now: () => NOW });
      expect(report.keys).toHaveLength(3);
      expect(marked(report)).toEqual([]);
      expect(seen.map((r) => r.path)).toEqual([KEYS, CURRENT]);
    });

    it('a list the key may not read fails the audit there, before /current is asked', async () => {
      const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 401, body: fx.error401 });
      const error = await failure(auditApiKeys(smashsendOnly({ workspaceId: WS }), { now: () => NOW }), AuthError);
      expect(error).toMatchObject({ vendor: 'SMASHSEND', method: 'GET', path: KEYS });
      expect(seen.map((r) => r.path)).toEqual([KEYS]);
    });

    it('a rate limit on /current fails the audit with it (never a report that cannot tell the client’s own key)', async () => {
      const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: listing(['sk_live_zzzz9999...']) });
      vendorAnswers(SMASHSEND, 'GET', CURRENT, { status: 429, body: fx.error429, headers: { 'Retry-After': '30' } }, seen);
      const error = await failure(auditApiKeys(smashsendOnly({ workspaceId: WS }), { now: () => NOW }), RateLimitError);
      expect(error).toMatchObject({ vendor: 'SMASHSEND', method: 'GET', path: CURRENT, retryAfterSeconds: 30 });
      expect(seen.map((r) => r.path)).toEqual([KEYS, CURRENT]);
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('olderThanDays %p is refused before any request', async (days) => {
    await expect(auditApiKeys(clients(), { olderThanDays: days })).rejects.toThrow(
      new RangeError('olderThanDays must be a whole number of days, 1 or more'),
    );
  });
});

describe('ageInDays and isOlderThan', () => {
  it('whole days, 0 for the future, null for no date', () => {
    expect(ageInDays(daysAgo(1.99), NOW)).toBe(1);
    expect(ageInDays(daysAgo(-3), NOW)).toBe(0);
    expect(ageInDays(null, NOW)).toBeNull();
    expect(ageInDays('not a date', NOW)).toBeNull();
    expect(isOlderThan(daysAgo(30), 30, NOW)).toBe(false);
    expect(isOlderThan(daysAgo(30.001), 30, NOW)).toBe(true);
    expect(isOlderThan(null, 1, NOW)).toBe(false);
  });
});

/** The other vendors' answers may still be pending after the audit failed: drop them (useNock checks only used ones). */
function nockSettle(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- nock is the test's own, loaded lazily here
  require('nock').cleanAll();
}
