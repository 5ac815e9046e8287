// Hidden trigger behind the SMASHSEND "API Key" dropdowns: pages of 100 keys, newest first, secrets masked. Zapier asks
// for page 0, 1, 2, …; SMASHSEND pages by a timestamp cursor, so each page leaves where the next one starts in
// z.cursor and page n costs one request. Where z.cursor is not available (local invoke, tests) or holds nothing for
// the page asked, page n is reached by walking the list from the start (n + 1 requests).

import { defineTrigger, type ZObject } from 'zapier-platform-core';
import type { SmashsendApiKey, SmashsendClient } from '@keyring/connector';
import { SMASHSEND_MAX_PAGE_SIZE } from '@keyring/connector/internal';
import { smashsendClient } from '../lib/clients';
import { startStepClock } from '../lib/stepClock';
import { withVendorErrors } from '../lib/errors';
import { presentSmashsendApiKey, smashsendApiKeyOutputFields, smashsendApiKeySample } from '../lib/smashsendFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';

/**
 * Where a page starts, as the page before it left it in z.cursor. `end`: SMASHSEND said no more keys follow. Otherwise
 * the page is asked from 1 ms after `lastMs`, the creation instant of the last key shown: keys created in that same
 * millisecond are then never skipped, whether SMASHSEND's `startAt` includes its instant or not. `shown` holds, by
 * instant, the ids already shown of keys created at `lastMs` or 1 ms later: the only keys that request can bring back.
 */
type PageStart = { page: number; end: true } | { page: number; lastMs: number; shown: Record<string, string[]> };

/** A page's keys and where the next page starts (undefined when it cannot be told: the next page walks). */
interface Page {
  keys: SmashsendApiKey[];
  next: PageStart | undefined;
}

/** Ids of the keys shown so far, by creation instant (epoch ms). */
type ShownByInstant = Map<number, string[]>;

/** Epoch ms of a creation date written with its zone, as SMASHSEND writes them; undefined for anything else. */
function instantOf(createdAt: string): number | undefined {
  if (!/T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(createdAt)) return undefined;
  const ms = Date.parse(createdAt);
  return Number.isFinite(ms) ? ms : undefined;
}

function remember(shown: ShownByInstant, keys: readonly SmashsendApiKey[]): void {
  for (const key of keys) {
    const ms = instantOf(key.createdAt);
    if (ms !== undefined) shown.set(ms, [...(shown.get(ms) ?? []), key.id]);
  }
}

/** Where the page after `page` starts, from the last key of `page` and every key shown so far. */
function startAfter(page: number, last: SmashsendApiKey | undefined, hasMore: boolean, shown: ShownByInstant): PageStart | undefined {
  if (!hasMore) return { page: page + 1, end: true };
  const lastMs = last === undefined ? undefined : instantOf(last.createdAt);
  if (lastMs === undefined) return undefined;
  const near = [lastMs, lastMs + 1].filter((ms) => shown.has(ms));
  return { page: page + 1, lastMs, shown: Object.fromEntries(near.map((ms) => [String(ms), [...new Set(shown.get(ms))]])) };
}

/** The page start z.cursor holds for `page`, or undefined: none, another page's, unreadable, or no z.cursor here. */
async function savedStart(z: ZObject, page: number): Promise<PageStart | undefined> {
  let start: unknown;
  try {
    start = JSON.parse((await z.cursor.get()) ?? '');
  } catch {
    return undefined; // no z.cursor here (local runs: "No deploy key found"), or nothing usable in it
  }
  if (typeof start !== 'object' || start === null || (start as PageStart).page !== page) return undefined;
  if ('end' in start && start.end === true) return { page, end: true };
  const { lastMs, shown } = start as { lastMs?: unknown; shown?: unknown };
  if (!Number.isSafeInteger(lastMs) || typeof shown !== 'object' || shown === null) return undefined;
  const ids = Object.values(shown);
  if (!ids.every((list) => Array.isArray(list) && list.every((id) => typeof id === 'string'))) return undefined;
  return { page, lastMs: lastMs as number, shown: shown as Record<string, string[]> };
}

/** Leaves where the next page starts; where z.cursor is not available, the next page walks instead. */
async function saveStart(z: ZObject, start: PageStart | undefined): Promise<void> {
  if (start === undefined) return;
  try {
    await z.cursor.set(JSON.stringify(start));
  } catch {
    // no z.cursor here: nothing to keep
  }
}

/**
 * One request, from where the page before left off. Undefined when that request brings only keys already shown while
 * SMASHSEND says more follow (more keys share one millisecond than a page holds): the walk then does what it can.
 */
async function pageFrom(client: SmashsendClient, start: Extract<PageStart, { lastMs: number }>): Promise<Page | undefined> {
  const answer = await client.listApiKeys({
    sort: 'createdAt.desc',
    limit: SMASHSEND_MAX_PAGE_SIZE,
    startAt: new Date(start.lastMs + 1).toISOString(),
  });
  const seen = new Set(Object.values(start.shown).flat());
  const keys = answer.items.filter((key) => !seen.has(key.id) && Boolean(seen.add(key.id)));
  if (keys.length === 0 && answer.hasMore) return undefined;
  const shown: ShownByInstant = new Map(Object.entries(start.shown).map(([ms, ids]) => [Number(ms), ids]));
  remember(shown, answer.items);
  return { keys, next: startAfter(start.page, answer.items.at(-1), answer.hasMore, shown) };
}

/** Page `page` by following SMASHSEND's cursor from the start (page + 1 requests), within the step's paging deadline. */
async function walkTo(client: SmashsendClient, page: number, deadline: number): Promise<Page> {
  const shown: ShownByInstant = new Map();
  let index = 0;
  for await (const { items, hasMore } of client.pages({ sort: 'createdAt.desc', deadline })) {
    remember(shown, items);
    if (index === page) return { keys: items, next: startAfter(page, items.at(-1), hasMore, shown) };
    index += 1;
  }
  return { keys: [], next: { page: page + 1, end: true } }; // past the last page
}

export const smashsendApiKeyList = defineTrigger({
  key: 'smashsend_api_key_list',
  noun: 'API Key',
  display: {
    label: 'List SMASHSEND API Keys',
    description: 'Triggers when a new API key is created in your SMASHSEND workspace (hidden: it fills the API Key dropdowns).',
    hidden: true,
  },
  operation: {
    throttle: SMASHSEND_THROTTLE,
    type: 'polling',
    canPaginate: true,
    inputFields: [],
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const clock = startStepClock();
          const wanted = Math.max(0, Math.trunc(Number(bundle.meta?.page ?? 0)) || 0);
          const client = smashsendClient(z, bundle);
          const start = wanted > 0 ? await savedStart(z, wanted) : undefined;
          if (start !== undefined && 'end' in start) return [];
          const page = (start && (await pageFrom(client, start))) ?? (await walkTo(client, wanted, clock.pagingDeadline()));
          await saveStart(z, page.next);
          return page.keys.map((key) => presentSmashsendApiKey(key));
        },
        {
          // Far pages walked cost many requests: the walk stops at the step's time budget with a clear error.
          timeBudgetAdvice: 'Type or map the API key ID (it starts with aki_) instead of picking it from the list.',
        },
      ),
    outputFields: [...smashsendApiKeyOutputFields],
    sample: smashsendApiKeySample,
  },
});
