// find_smashsend_api_key and the smashsend_api_key_list dropdown: paging through the `startAt` cursor (the dropdown
// keeping the next page's start in z.cursor, or walking from the start where z.cursor is not available), name matching,
// masking, and a miss that is an empty result.

import nock from 'nock';
import { AUTH, appTester, bundleWith, performOf, run } from '../support/app';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { zapierError } from '../support/outcome';
import { BEARER, KEYS, listQuery, runDropdownPage } from '../support/smashsend';
import { keysInBursts, listOrder, serveFakeList, type FakeKey } from '../support/smashsendVendor';
import { SMASHSEND } from '../support/vendors';
import * as fx from '../fixtures/smashsend';

useNock();
const unmatched = recordUnmatchedRequests();

/** SMASHSEND reads show a listed key exactly as SMASHSEND sent it: its secret is SMASHSEND's own truncated hint. */
const shown = <T extends { secretKey: string }>(key: T): T => key;

/**
 * Three pages of keys, 1–3 on page 1, 4–6 on page 2, 7–9 on page 3. SMASHSEND's cursor is a timestamp: the app asks
 * from 1 ms after each page's last key (so that keys created in that same millisecond are never skipped), and the
 * last key of the previous page comes back at the top of the next one (dropped by id).
 */
function threePages(page3Items: unknown[] = [fx.listedKey(7), fx.listedKey(8), fx.listedKey(9)]) {
  return nock(SMASHSEND, BEARER)
    .get(KEYS)
    .query(listQuery())
    .reply(200, fx.listPageOf([fx.listedKey(1), fx.listedKey(2), fx.listedKey(3)], '2024-02-25T10:00:00.000Z'))
    .get(KEYS)
    .query(listQuery('2024-02-25T10:00:00.001Z'))
    .reply(200, fx.listPageOf([fx.listedKey(3), fx.listedKey(4), fx.listedKey(5), fx.listedKey(6)], '2024-02-22T10:00:00.000Z'))
    .get(KEYS)
    .query(listQuery('2024-02-22T10:00:00.001Z'))
    .reply(200, fx.listPageOf([fx.listedKey(6), ...page3Items], null));
}

describe('find_smashsend_api_key', () => {
  it('finds a key on the first page with one request, its truncated secret as SMASHSEND sent it', async () => {
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    const result = await run('searches', 'find_smashsend_api_key', { displayName: 'CRM Sync' });
    expect(result).toEqual([shown(fx.listPage.apiKeys.items[1])]);
    scope.done();
  });

  it('matches the whole name ignoring case and surrounding spaces, not a part of it', async () => {
    const items = [
      fx.listedKey(1, { displayName: 'CRM Sync (old)' }),
      fx.listedKey(2, { displayName: '  crm SYNC ' }),
      fx.listedKey(3, { displayName: 'CRM' }),
    ];
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPageOf(items, null));
    const result = await run('searches', 'find_smashsend_api_key', { displayName: ' Crm Sync' });
    expect(result).toEqual([shown(items[1])]);
  });

  it('follows the startAt cursor to page 3 and returns every match there, newest first', async () => {
    const page3 = [fx.listedKey(7, { displayName: 'Billing' }), fx.listedKey(8), fx.listedKey(9, { displayName: 'billing' })];
    const scope = threePages(page3);
    const result = await run('searches', 'find_smashsend_api_key', { displayName: 'Billing' });
    expect(result).toEqual([shown(page3[0]), shown(page3[2])]);
    scope.done();
  });

  it('stops at the first page that has a match', async () => {
    const page1 = [fx.listedKey(1), fx.listedKey(2, { displayName: 'Billing' })];
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPageOf(page1, fx.CURSOR_1));
    const result = await run('searches', 'find_smashsend_api_key', { displayName: 'billing' });
    expect(result).toEqual([shown(page1[1])]);
    scope.done();
    expect(unmatched).toEqual([]); // page 2 was never asked for
  });

  it('returns [] when no page has the name', async () => {
    const scope = threePages();
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'Nope' })).toEqual([]);
    scope.done();
  });

  it('returns [] for an empty workspace', async () => {
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPageOf([], null));
    expect(await run('searches', 'find_smashsend_api_key', { displayName: 'Zapier Integration' })).toEqual([]);
  });

  // SMASHSEND offers no reveal: a value that is not its truncated hint is shown, whatever include_secret says.
  it.each([
    [true, '********cdef'],
    ['yes', '********cdef'],
    [false, '********cdef'],
    ['false', '********cdef'],
  ])('include_secret %p: a secret that is not a truncated hint shows as %p', async (includeSecret, secretKey) => {
    const key = fx.listedKey(1, { displayName: 'Billing', secretKey: 'sk_live_0123456789abcdef' });
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, fx.listPageOf([key], null));
    const result = await run('searches', 'find_smashsend_api_key', { displayName: 'Billing', include_secret: includeSecret });
    expect(result).toEqual([{ ...key, secretKey }]);
  });

  // The name goes through requireText, like every other step's required text (a mapped number is text, not "empty").
  it.each([
    ['no name', {}, 'Display Name is required and must be text.'],
    ['a blank name', { displayName: '   ' }, 'Display Name must not be empty.'],
  ])('refuses %s before any request', async (_case, input, message) => {
    expect(await zapierError(run('searches', 'find_smashsend_api_key', input))).toEqual({
      name: 'AppError',
      message,
      code: 'input',
    });
    expect(unmatched).toEqual([]);
  });

  it('stops with a clear error when SMASHSEND says more keys follow but repeats a cursor that is not a timestamp', async () => {
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, fx.listPageOf([fx.listedKey(1)], 'page-2'))
      .get(KEYS)
      .query(listQuery('page-2'))
      .reply(200, fx.listPageOf([fx.listedKey(2)], 'page-2'));
    expect(await zapierError(run('searches', 'find_smashsend_api_key', { displayName: 'Nope' }))).toEqual({
      name: 'AppError',
      message:
        'SMASHSEND said more API keys follow but gave no new startAt cursor; stopped paging to avoid a loop. If it keeps happening, report it to SMASHSEND.',
      code: 'bad_response',
      status: 200,
    });
  });
});

/**
 * z.cursor as Zapier's servers keep it for one dropdown's paging (core's createAppTester has none: "No deploy key
 * found"): one value, read and written by the pages in turn. `pages(n)` runs the dropdown's pages 0…n-1 in order.
 */
function dropdownWithCursor() {
  const store = new Map<string, string>();
  const cursor = {
    get: () => Promise.resolve(store.get('cursor') ?? null),
    set: (value: string) => Promise.resolve(store.set('cursor', value) && null),
  };
  const perform = performOf('triggers', 'smashsend_api_key_list');
  const page = (n: number) =>
    appTester((z: object, bundle: unknown) => perform({ ...z, cursor }, bundle), bundleWith({}, AUTH, { page: n })) as Promise<
      Array<{ id: string }>
    >;
  return {
    store,
    page,
    pages: async (count: number) => {
      const result: Array<Array<{ id: string }>> = [];
      for (let n = 0; n < count; n += 1) result.push(await page(n));
      return result;
    },
  };
}

describe('smashsend_api_key_list (dropdown) with z.cursor: page n costs one request', () => {
  it('each page asks from 1 ms after the last key shown; keys that come back are dropped', async () => {
    const scope = threePages();
    const dropdown = dropdownWithCursor();
    const pages = await dropdown.pages(3);
    expect(pages).toEqual([
      [fx.listedKey(1), fx.listedKey(2), fx.listedKey(3)].map(shown),
      [fx.listedKey(4), fx.listedKey(5), fx.listedKey(6)].map(shown),
      [fx.listedKey(7), fx.listedKey(8), fx.listedKey(9)].map(shown),
    ]);
    scope.done(); // three requests for three pages (the walk takes six)
    expect(unmatched).toEqual([]);
  });

  it('a page past the last one is empty, with no request', async () => {
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    const dropdown = dropdownWithCursor();
    expect(await dropdown.pages(2)).toEqual([fx.listPage.apiKeys.items.map(shown), []]);
    scope.done();
    expect(unmatched).toEqual([]);
  });

  it('page 0 starts afresh, whatever z.cursor holds', async () => {
    const dropdown = dropdownWithCursor();
    dropdown.store.set('cursor', JSON.stringify({ page: 0, end: true }));
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    expect(await dropdown.page(0)).toEqual(fx.listPage.apiKeys.items.map(shown));
    scope.done();
  });

  it.each([
    ['a start left for another page', JSON.stringify({ page: 1, lastMs: Date.parse('2024-02-25T10:00:00.000Z'), shown: {} })],
    ['something that is not a page start', '{"page":2,"lastMs":"soon"}'],
    ['text that is not JSON', 'page-2'],
  ])('a page whose start z.cursor does not hold (%s) walks from the start', async (_case, saved) => {
    const scope = threePages();
    const dropdown = dropdownWithCursor();
    dropdown.store.set('cursor', saved);
    expect(await dropdown.page(2)).toEqual([fx.listedKey(7), fx.listedKey(8), fx.listedKey(9)].map(shown));
    scope.done();
  });

  it.each(['inclusive', 'exclusive'] as const)(
    'keys created in one millisecond across a page boundary are each shown once (%s cursor)',
    async (reading) => {
      const keys = burstAcrossBoundary();
      const queries = serveFakeList(SMASHSEND, KEYS, { keys, reading }, BEARER);
      const pages = await dropdownWithCursor().pages(3);
      expect(pages.map((page) => page.length)).toEqual([100, 50, 0]);
      expect(pages.flat().map((key) => key.id)).toEqual(listOrder(keys).map((key) => key.id));
      // Page 1 from 1 ms after the burst's instant (the 5 burst keys shown come back under an inclusive reading, and
      // are dropped); page 2 is known to be past the end: no request.
      expect(queries).toEqual([listQuery(), listQuery(msAfter(burstInstant(keys)))]);
    },
  );

  it('more keys in one millisecond than a page holds: the request brings nothing new, so the walk decides (and says so)', async () => {
    const keys = keysInBursts([1, 150]);
    const queries = serveFakeList(SMASHSEND, KEYS, { keys, reading: 'inclusive' }, BEARER);
    const dropdown = dropdownWithCursor();
    expect(await dropdown.page(0)).toHaveLength(100);
    const error = await zapierError(dropdown.page(1));
    expect(error).toMatchObject({ name: 'AppError', code: 'bad_response' });
    const instant = keys[1]?.createdAt ?? '';
    expect(queries).toEqual([listQuery(), listQuery(msAfter(instant)), listQuery(), listQuery(msAfter(instant))]);
  });
});

describe('smashsend_api_key_list (dropdown) without z.cursor (local runs): page n walks from the start', () => {
  it('page 0 is the newest 100 keys, from one request, truncated secrets as SMASHSEND sent them', async () => {
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    expect(await runDropdownPage(0)).toEqual(fx.listPage.apiKeys.items.map(shown));
    scope.done();
  });

  it('reads page 0 when Zapier sends no page', async () => {
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    expect(await run('triggers', 'smashsend_api_key_list')).toEqual(fx.listPage.apiKeys.items.map(shown));
  });

  it("page 2 is the third page, reached by following SMASHSEND's cursor from the start", async () => {
    const scope = threePages();
    expect(await runDropdownPage(2)).toEqual([fx.listedKey(7), fx.listedKey(8), fx.listedKey(9)].map(shown));
    scope.done();
  });

  it('page 1 stops after the second request', async () => {
    const scope = nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, fx.listPageOf([fx.listedKey(1)], '2024-02-27T10:00:00.000Z'))
      .get(KEYS)
      .query(listQuery('2024-02-27T10:00:00.001Z'))
      .reply(200, fx.listPageOf([fx.listedKey(1), fx.listedKey(2)], '2024-02-26T10:00:00.000Z'));
    expect(await runDropdownPage(1)).toEqual([shown(fx.listedKey(2))]);
    scope.done();
    expect(unmatched).toEqual([]);
  });

  it('a page past the last one is empty', async () => {
    const scope = nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, fx.listPage);
    expect(await runDropdownPage(3)).toEqual([]);
    scope.done();
    expect(unmatched).toEqual([]);
  });
});

/**
 * A workspace of 150 keys where 10 were created in one millisecond (a Zap creating keys in a loop), placed so that,
 * newest first, the burst straddles the 100-key page boundary: 95 newer keys, the burst (5 on each page), 45 older.
 */
function burstAcrossBoundary(): FakeKey[] {
  return keysInBursts([...Array<number>(45).fill(1), 10, ...Array<number>(95).fill(1)]);
}
const burstInstant = (keys: FakeKey[]) => keys[45]?.createdAt ?? '';
const msAfter = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();

describe.each(['inclusive', 'exclusive'] as const)('keys created in one millisecond across a page boundary (%s cursor)', (reading) => {
  it('find_smashsend_api_key finds a burst key past the boundary with 2 requests', async () => {
    const keys = burstAcrossBoundary();
    const newestFirst = listOrder(keys);
    // A key of the burst that is on page 2.
    const wanted = newestFirst[102] as FakeKey;
    expect(wanted.createdAt).toBe(burstInstant(keys));
    const queries = serveFakeList(SMASHSEND, KEYS, { keys, reading }, BEARER);
    const result = await run('searches', 'find_smashsend_api_key', { displayName: wanted.displayName });
    expect(result).toEqual([shown(wanted)]);
    // Page 1 ends inside the burst: page 2 asks from 1 ms after that instant, 100 a page.
    expect(queries).toEqual([listQuery(), listQuery(msAfter(burstInstant(keys)))]);
  });

  it('the dropdown pages hold every key exactly once, newest first', async () => {
    const keys = burstAcrossBoundary();
    const queries = serveFakeList(SMASHSEND, KEYS, { keys, reading }, BEARER);
    const pages = [await runDropdownPage(0), await runDropdownPage(1), await runDropdownPage(2)] as Array<Array<{ id: string }>>;
    expect(pages.map((page) => page.length)).toEqual([100, 50, 0]);
    expect(pages.flat().map((key) => key.id)).toEqual(listOrder(keys).map((key) => key.id));
    // Page 0: one request; page 1: two; page 2 (past the end): the same two.
    const page2 = listQuery(msAfter(burstInstant(keys)));
    expect(queries).toEqual([listQuery(), listQuery(), page2, listQuery(), page2]);
  });
});

describe('more keys created in one millisecond than a page holds', () => {
  it('find_smashsend_api_key stops with a clear error instead of looping or skipping keys', async () => {
    const keys = keysInBursts([1, 150]);
    const queries = serveFakeList(SMASHSEND, KEYS, { keys, reading: 'inclusive' }, BEARER);
    const instant = keys[1]?.createdAt ?? '';
    expect(await zapierError(run('searches', 'find_smashsend_api_key', { displayName: 'Nope' }))).toEqual({
      name: 'AppError',
      message: `SMASHSEND said more API keys follow, but more keys were created at ${instant} than one page of 100 holds, so its startAt cursor cannot get past them; stopped paging after 100 API keys to avoid a loop or a gap (GET ${KEYS}). The list cannot be read past that instant while more keys share it than one page holds: contact SMASHSEND support, naming that instant, or delete the keys created then that you no longer need (in the SMASHSEND dashboard) so that fewer share it.`,
      code: 'bad_response',
      status: 200,
    });
    expect(queries).toEqual([listQuery(), listQuery(msAfter(instant))]);
  });
});
