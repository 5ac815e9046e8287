// SmashsendClient.pages() / allApiKeys() against SMASHSEND's real cursor, a plain timestamp: every key exactly once, in
// order, under both readings of `startAt` (next page at the instant, or just after it), whichever instant the vendor
// returns, with keys created in one millisecond across page boundaries; a clear error when one instant holds more
// keys than a page; the exact requests (limit, sort, startAt) sent.

import nock from 'nock';
import fc from 'fast-check';
import { BadResponseError, SmashsendClient } from '@keyring/connector';
import * as fx from '../fixtures/smashsend';
import { SMASHSEND_KEY, collect, describeError, failure } from '../support/connector';
import { useNock } from '../support/nock';
import { fakeKey, keysInBursts, listOrder, serveFakeList, type FakeKey, type FakeSmashsendList } from '../support/smashsendVendor';
import { SMASHSEND } from '../support/vendors';

useNock();

const WS = fx.WORKSPACE_ID;
const keysPath = `/v1/workspaces/${WS}/api-keys`;
const client = () => new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS });
const ids = (keys: Array<{ id: string }>) => keys.map((key) => key.id);
const at = (iso: string, plusMs: number) => new Date(Date.parse(iso) + plusMs).toISOString();

const READINGS = ['inclusive', 'exclusive'] as const;
const CURSORS = ['last', 'next'] as const;
const vendors = READINGS.flatMap((reading) => CURSORS.map((cursor) => ({ reading, cursor })));

describe('SmashsendClient.allApiKeys with a timestamp cursor: exact requests', () => {
  // Keys 1–7 one second apart; newest first the list is 7, 6, …, 1.
  const keys = keysInBursts([1, 1, 1, 1, 1, 1, 1]);
  const createdAt = (n: number) => keys[n - 1]?.createdAt ?? '';

  const lastVendors = READINGS.map((reading) => ({ reading, cursor: 'last' as const }));

  it.each(lastVendors)('newest first, 3 a page, cursor = last key (%o): asks from 1 ms after each page’s last key', async (vendor) => {
    const queries = serveFakeList(SMASHSEND, keysPath, { keys, ...vendor });
    const read = await collect(client().allApiKeys({ limit: 3, sort: 'createdAt.desc' }));
    expect(ids(read)).toEqual(ids(listOrder(keys)));
    // The boundary key comes back on an inclusive vendor, so those pages ask for one more: 3 new keys a page.
    expect(queries).toEqual([
      { limit: '3', sort: 'createdAt.desc' },
      { limit: '4', sort: 'createdAt.desc', startAt: at(createdAt(5), 1) },
      { limit: '4', sort: 'createdAt.desc', startAt: at(createdAt(2), 1) },
    ]);
  });

  it.each(lastVendors)('oldest first, 3 a page, cursor = last key (%o): asks from 1 ms before each page’s last key', async (vendor) => {
    const queries = serveFakeList(SMASHSEND, keysPath, { keys, ...vendor });
    const read = await collect(client().allApiKeys({ limit: 3, sort: 'createdAt.asc' }));
    expect(ids(read)).toEqual(ids(keys));
    expect(queries).toEqual([
      { limit: '3', sort: 'createdAt.asc' },
      { limit: '4', sort: 'createdAt.asc', startAt: at(createdAt(3), -1) },
      { limit: '4', sort: 'createdAt.asc', startAt: at(createdAt(6), -1) },
    ]);
  });

  it.each(['createdAt.desc', 'createdAt.asc'] as const)(
    '%s, 3 a page, inclusive vendor whose cursor names the next key: follows it (its answer starts there)',
    async (sort) => {
      const queries = serveFakeList(SMASHSEND, keysPath, { keys, reading: 'inclusive', cursor: 'next' });
      const read = await collect(client().allApiKeys({ limit: 3, sort }));
      const ordered = listOrder(keys, sort);
      expect(ids(read)).toEqual(ids(ordered));
      expect(queries).toEqual([
        { limit: '3', sort },
        { limit: '3', sort, startAt: ordered[3]?.createdAt },
        { limit: '3', sort, startAt: ordered[6]?.createdAt },
      ]);
    },
  );

  it('newest first, exclusive vendor whose cursor names the next key: its first answer skips that key, so cursors are computed', async () => {
    const queries = serveFakeList(SMASHSEND, keysPath, { keys, reading: 'exclusive', cursor: 'next' });
    const read = await collect(client().allApiKeys({ limit: 3 }));
    expect(ids(read)).toEqual(ids(listOrder(keys)));
    expect(queries).toEqual([
      { limit: '3' },
      // the vendor's cursor (key 4's instant): the answer starts at key 3, key 4 was skipped: not used
      { limit: '3', startAt: createdAt(4) },
      { limit: '4', startAt: at(createdAt(5), 1) },
      { limit: '4', startAt: at(createdAt(2), 1) },
    ]);
  });

  it('100 a page (the default, no sort given: SMASHSEND’s default is newest first) over 250 keys: 3 requests', async () => {
    const many = keysInBursts(Array(250).fill(1));
    const queries = serveFakeList(SMASHSEND, keysPath, { keys: many, reading: 'inclusive' });
    const read = await collect(client().allApiKeys());
    expect(ids(read)).toEqual(ids(listOrder(many)));
    const newest = listOrder(many);
    expect(queries).toEqual([
      { limit: '100' },
      { limit: '100', startAt: at(newest[99]?.createdAt ?? '', 1) },
      { limit: '100', startAt: at(newest[198]?.createdAt ?? '', 1) },
    ]);
  });

  it('a burst of 5 keys in one millisecond across the boundary of 4-key pages, exclusive vendor: none skipped', async () => {
    // Newest first: 8, 7, then the burst 6…2 (one millisecond), then 1.
    const burst = keysInBursts([1, 5, 1, 1]);
    const queries = serveFakeList(SMASHSEND, keysPath, { keys: burst, reading: 'exclusive' });
    const pages = await collect(client().pages({ limit: 4 }));
    expect(pages.map((page) => ids(page.items))).toEqual([
      ['aki_fake00008', 'aki_fake00007', 'aki_fake00002', 'aki_fake00003'],
      ['aki_fake00004', 'aki_fake00005', 'aki_fake00006', 'aki_fake00001'],
    ]);
    const burstAt = burst[1]?.createdAt ?? '';
    // Two keys of the burst were read: the page asks for 4 + 2 so that 4 new keys fit.
    expect(queries).toEqual([{ limit: '4' }, { limit: '6', startAt: at(burstAt, 1) }]);
  });

  it('on an inclusive vendor, once keys at the cursor’s instant come back, asks from the last key’s own instant', async () => {
    // Bursts in adjacent milliseconds: 3 keys at ms 0, 3 at ms 1, 3 at ms 2, 3 at ms 3. Newest first, 4 a page.
    const adjacent = keysInBursts([3, 3, 3, 3], 1);
    const queries = serveFakeList(SMASHSEND, keysPath, { keys: adjacent, reading: 'inclusive' });
    const read = await collect(client().allApiKeys({ limit: 4 }));
    expect(ids(read)).toEqual(ids(listOrder(adjacent)));
    const ms = (i: number) => adjacent[i * 3]?.createdAt ?? '';
    expect(queries).toEqual([
      // page 1: the 3 keys of ms 3 and one of ms 2
      { limit: '4' },
      // 1 ms after ms 2 is ms 3: its 3 keys (read) and the one of ms 2 come back: they prove the instant is included
      { limit: '8', startAt: ms(3) },
      // from then on, the last key's own instant (ms 1 after page 2), with its 2 read keys asked for on top
      { limit: '6', startAt: ms(1) },
    ]);
  });

  it('passes an opaque (non-timestamp) cursor back unchanged and drops keys it already gave', async () => {
    const seen: Array<Record<string, string>> = [];
    const answers = [
      {
        apiKeys: { items: [fakeKey(3, '2024-05-01T12:00:03.000Z'), fakeKey(2, '2024-05-01T12:00:02.000Z')], hasMore: true, startAt: 'c~2' },
      },
      {
        apiKeys: { items: [fakeKey(2, '2024-05-01T12:00:02.000Z'), fakeKey(1, '2024-05-01T12:00:01.000Z')], hasMore: false, startAt: null },
      },
    ];
    nock(SMASHSEND)
      .get(keysPath)
      .times(2)
      .query(true)
      .reply((uri) => {
        seen.push(Object.fromEntries(new URL(uri, SMASHSEND).searchParams.entries()));
        return [200, answers[seen.length - 1]];
      });
    const pages = await collect(client().pages({ limit: 2 }));
    expect(pages.map((page) => ids(page.items))).toEqual([['aki_fake00003', 'aki_fake00002'], ['aki_fake00001']]);
    expect(seen).toEqual([{ limit: '2' }, { limit: '2', startAt: 'c~2' }]);
  });
});

describe('SmashsendClient.pages when one instant holds more keys than a page', () => {
  it('a burst larger than the page size asked for: the page grows to hold it (6 keys in one millisecond, 4 a page)', async () => {
    // Newest first: 8, then the burst 2…7 (one millisecond), then 1.
    const keys = keysInBursts([1, 6, 1]);
    const queries = serveFakeList(SMASHSEND, keysPath, { keys, reading: 'inclusive' });
    const pages = await collect(client().pages({ limit: 4 }));
    expect(pages.map((page) => ids(page.items))).toEqual([
      ['aki_fake00008', 'aki_fake00002', 'aki_fake00003', 'aki_fake00004'],
      ['aki_fake00005', 'aki_fake00006', 'aki_fake00007', 'aki_fake00001'],
    ]);
    expect(queries).toEqual([{ limit: '4' }, { limit: '7', startAt: at(keys[1]?.createdAt ?? '', 1) }]);
  });

  it.each(vendors)('150 keys in one millisecond, 100 a page (%o): a BadResponseError naming the instant, no key twice', async (vendor) => {
    const keys = keysInBursts([1, 150]);
    const queries = serveFakeList(SMASHSEND, keysPath, { keys, ...vendor });
    const read: string[] = [];
    const error = await failure(
      (async () => {
        for await (const key of client().allApiKeys()) read.push(key.id);
      })(),
      BadResponseError,
    );
    const burstAt = keys[1]?.createdAt ?? '';
    expect(describeError(error)).toEqual({ kind: 'bad_response', vendor: 'SMASHSEND', status: 200, method: 'GET', path: keysPath });
    expect(error.reason).toBe('crowded_instant');
    expect(error.message).toBe(
      `SMASHSEND said more API keys follow, but more keys were created at ${burstAt} than one page of 100 holds, so its startAt cursor cannot get past them; stopped paging after 100 API keys to avoid a loop or a gap (GET ${keysPath}).`,
    );
    // The burst is newest: the first page is 100 of its keys, the next answer repeats them. Each key once, no loop.
    expect(read).toEqual(ids(listOrder(keys)).slice(0, 100));
    expect(queries).toEqual([{ limit: '100' }, { limit: '100', startAt: at(burstAt, 1) }]);
  });
});

describe('SmashsendClient.allApiKeys (property): every key exactly once, in order', () => {
  const scenario = fc.record({
    // Bursts of up to 99 keys in one millisecond, in the same or adjacent milliseconds (gap 1 ms) or far apart.
    bursts: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 0, maxLength: 8 }),
    gapMs: fc.constantFrom(1, 2, 1000),
    limit: fc.integer({ min: 1, max: 100 }),
    sort: fc.constantFrom('createdAt.desc' as const, 'createdAt.asc' as const),
    reading: fc.constantFrom(...READINGS),
    cursor: fc.constantFrom(...CURSORS),
  });

  it('under either reading and cursor, any page size, any sort, bursts of up to 99 keys in one millisecond', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ bursts, gapMs, limit, sort, reading, cursor }) => {
        const keys = keysInBursts(bursts.slice(0, Math.max(1, Math.floor(300 / Math.max(...bursts, 1)))), gapMs);
        const list: FakeSmashsendList = { keys, reading, cursor };
        const queries = serveFakeList(SMASHSEND, keysPath, list);
        try {
          const read = await collect(client().allApiKeys({ limit, sort }));
          expect(ids(read)).toEqual(ids(listOrder(keys, sort)));
          // Close to ceil(n / limit): each page brings `limit` new keys (while 100 a page allows), plus at most two
          // requests that learn the vendor's reading (an untrusted vendor cursor, an instant that is included).
          const perPage = Math.max(1, Math.min(limit, 100 - 2 * Math.max(0, ...bursts)));
          expect(queries.length).toBeLessThanOrEqual(Math.max(1, Math.ceil(keys.length / perPage)) + 2);
        } finally {
          nock.cleanAll();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('more keys in one millisecond than a page holds: an error or every key, never a repeat, never a gap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          bursts: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
          limit: fc.integer({ min: 1, max: 6 }),
          sort: fc.constantFrom('createdAt.desc' as const, 'createdAt.asc' as const),
          reading: fc.constantFrom(...READINGS),
          cursor: fc.constantFrom(...CURSORS),
        }),
        async ({ bursts, limit, sort, reading, cursor }) => {
          const keys = keysInBursts(bursts, 1);
          const queries = serveFakeList(SMASHSEND, keysPath, { keys, reading, cursor });
          const read: FakeKey['id'][] = [];
          try {
            for await (const key of client().allApiKeys({ limit, sort })) read.push(key.id);
            expect(read).toEqual(ids(listOrder(keys, sort)));
          } catch (error) {
            expect(error).toBeInstanceOf(BadResponseError);
            // What was read is the start of the list, each key once (no gap before the stop).
            expect(read).toEqual(ids(listOrder(keys, sort)).slice(0, read.length));
          } finally {
            nock.cleanAll();
          }
          expect(queries.length).toBeLessThanOrEqual(keys.length + 2);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
