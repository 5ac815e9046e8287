// A small fake of SMASHSEND's key list for paging tests (connector and app): it pages by a plain-timestamp `startAt`
// as the real API does, under either reading of that instant, returns either instant as its cursor, and keeps
// keys created in one millisecond in a stable order. Served through nock, it records every query it answered.

import nock from 'nock';

export interface FakeKey {
  id: string;
  displayName: string;
  role: string;
  status: string;
  secretKey: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeSmashsendList {
  /** The workspace's keys, in any order. */
  keys: FakeKey[];
  /** Whether the next page starts *at* the `startAt` instant (inclusive) or strictly after it (exclusive). */
  reading: 'inclusive' | 'exclusive';
  /** Which instant the answer gives as `startAt`: the page's last key's (default) or the next page's first key's. */
  cursor?: 'last' | 'next';
}

export interface ListQuery {
  limit?: string;
  sort?: string;
  startAt?: string;
}

/** A key created at `createdAt`, numbered so that tests can tell keys apart (secret truncated, as lists show it). */
export function fakeKey(n: number, createdAt: string): FakeKey {
  return {
    id: `aki_fake${String(n).padStart(5, '0')}`,
    displayName: `Fake Key ${n}`,
    role: 'API_USER',
    status: 'ACTIVE',
    secretKey: `sk_live_fk${n}...`,
    createdAt,
    updatedAt: createdAt,
  };
}

/**
 * Keys in bursts: burst i holds sizes[i] keys created in the same millisecond, `gapMs` after the previous burst
 * (gapMs 1 puts bursts in adjacent milliseconds). Numbered 1, 2, … in creation order.
 */
export function keysInBursts(sizes: number[], gapMs = 1000, start = Date.parse('2024-05-01T12:00:00.000Z')): FakeKey[] {
  const keys: FakeKey[] = [];
  sizes.forEach((size, burst) => {
    const createdAt = new Date(start + burst * gapMs).toISOString();
    for (let i = 0; i < size; i += 1) keys.push(fakeKey(keys.length + 1, createdAt));
  });
  return keys;
}

/** The workspace's keys in the list's order: by createdAt, ties by id (the same order on every request). */
export function listOrder(keys: FakeKey[], sort = 'createdAt.desc'): FakeKey[] {
  const direction = sort === 'createdAt.asc' ? 1 : -1;
  return [...keys].sort((a, b) => direction * (Date.parse(a.createdAt) - Date.parse(b.createdAt)) || (a.id < b.id ? -1 : 1));
}

/** What the fake answers to one list request (limit: vendor default 15, at most 100). */
function listAnswer(list: FakeSmashsendList, query: ListQuery) {
  const sort = query.sort ?? 'createdAt.desc';
  const limit = Math.min(100, Number(query.limit ?? 15));
  const ordered = listOrder(list.keys, sort);
  let rest = ordered;
  if (query.startAt !== undefined) {
    const at = Date.parse(query.startAt);
    const inclusive = list.reading === 'inclusive';
    // Newest first, the next page holds keys created at (or before) the instant; oldest first, at (or after) it.
    rest = ordered.filter((key) => {
      const t = Date.parse(key.createdAt);
      if (sort === 'createdAt.asc') return inclusive ? t >= at : t > at;
      return inclusive ? t <= at : t < at;
    });
  }
  const items = rest.slice(0, limit);
  const hasMore = rest.length > items.length;
  const boundary = list.cursor === 'next' ? rest[items.length] : items.at(-1);
  const startAt = hasMore && boundary ? new Date(Date.parse(boundary.createdAt)).toISOString() : null;
  return { apiKeys: { items, hasMore, startAt } };
}

/**
 * Serves the fake at origin + path for every GET (until nock.cleanAll), optionally only for requests carrying
 * `reqheaders`; returns the queries it answered, in order.
 */
export function serveFakeList(
  origin: string,
  path: string,
  list: FakeSmashsendList,
  options: { reqheaders?: Record<string, string> } = {},
): ListQuery[] {
  const queries: ListQuery[] = [];
  nock(origin, options)
    .persist()
    .get(path)
    .query(true)
    .reply((uri) => {
      const query = Object.fromEntries(new URL(uri, origin).searchParams.entries()) as ListQuery;
      queries.push(query);
      return [200, listAnswer(list, query)];
    });
  return queries;
}
