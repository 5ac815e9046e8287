// SMASHSEND workspace API keys: check the key, discover the workspace, list (one page, or every page through the
// `startAt` cursor), create, update and delete. Auth is `Authorization: Bearer <key>`.

import * as v from 'valibot';
import { AuthError, BadResponseError, ConnectorError, InputError } from './errors';
import { TimeBudgetError, type PagingBudget } from './paging';
import { VendorHttp, type ClientOptions } from './http';
import { optionalOneOf, optionalText, requireId, requireIntInRange, requireOneOf, requireText } from './validate';
import {
  hintMatch,
  refuseConnectionKey,
  secretMatcher,
  type ConnectionKeyEvidence,
  type ConnectionKeyMatch,
  type SecretMatcher,
} from './connectionKey';

export const SMASHSEND_BASE_URL = 'https://api.smashsend.com';
const VENDOR = 'SMASHSEND';

/** The roles offered when creating or updating a key; the API may return others, which are kept as they are. */
export const SMASHSEND_ROLES = ['EDITOR', 'VIEWER', 'API_USER'] as const;
export type SmashsendRole = (typeof SMASHSEND_ROLES)[number];
export const SMASHSEND_SORTS = ['createdAt.desc', 'createdAt.asc'] as const;
export type SmashsendSort = (typeof SMASHSEND_SORTS)[number];
export const SMASHSEND_MAX_PAGE_SIZE = 100;

export const smashsendApiKeySchema = v.looseObject({
  id: v.string(),
  displayName: v.string(),
  role: v.string(),
  status: v.nullish(v.string()),
  /** Truncated in lists; in full only in the create answer. */
  secretKey: v.nullish(v.string()),
  createdAt: v.string(),
  updatedAt: v.nullish(v.string()),
});
export type SmashsendApiKey = v.InferOutput<typeof smashsendApiKeySchema>;

/** A key as the create answer gives it: with its full secretKey. */
export type SmashsendNewApiKey = SmashsendApiKey & { secretKey: string };

const checkSchema = v.looseObject({ status: v.string(), displayName: v.nullish(v.string()), role: v.nullish(v.string()) });
export type SmashsendKeyCheck = v.InferOutput<typeof checkSchema>;

const pageSchema = v.pipe(
  v.looseObject({
    apiKeys: v.looseObject({
      items: v.array(smashsendApiKeySchema),
      hasMore: v.nullish(v.boolean()),
      startAt: v.nullish(v.string()),
    }),
  }),
  v.transform(({ apiKeys }) => ({ items: apiKeys.items, hasMore: apiKeys.hasMore === true, startAt: apiKeys.startAt ?? null })),
);
export interface SmashsendPage {
  items: SmashsendApiKey[];
  hasMore: boolean;
  /** The cursor to pass back for the next page; null on the last page. */
  startAt: string | null;
}

/** Discovered workspace ids end up in request paths, so they must look like ids. */
const workspaceIdSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/));

const userSchema = v.looseObject({ user: v.looseObject({ workspaceId: workspaceIdSchema }) });

const oneKeySchema = v.pipe(
  v.looseObject({ apiKey: smashsendApiKeySchema }),
  v.transform((body) => body.apiKey),
);
const deleteSchema = v.pipe(
  v.looseObject({ apiKey: smashsendApiKeySchema, isDeleted: v.nullish(v.boolean()) }),
  v.transform((body) => ({ ...body.apiKey, isDeleted: body.isDeleted ?? true })),
);
export type SmashsendDeletedApiKey = SmashsendApiKey & {
  isDeleted: boolean;
  /** The deleted key was (or could not be told apart from) the client's own key: it was deleted because that was allowed. */
  connectionKey: boolean;
};

export interface ListApiKeysOptions {
  /** 1–100 (the vendor's default is 15). In pages()/allApiKeys(): the new keys a page brings (100 by default). */
  limit?: number;
  sort?: SmashsendSort;
  /** The cursor from the previous page's `startAt`. */
  startAt?: string;
}

/** An ISO-8601 timestamp with a zone, as SMASHSEND's cursor and createdAt are; group 1 is the fraction of a second. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.(\d+))?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Epoch milliseconds of an ISO-8601 timestamp (finer digits cut off), or undefined for anything else (an opaque cursor). */
function timestampMs(value: string): number | undefined {
  if (!ISO_TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Like timestampMs, but only for a value that names one millisecond exactly (no finer digits). */
function millisecondStamp(value: string): number | undefined {
  const fraction = ISO_TIMESTAMP.exec(value)?.[1] ?? '';
  return fraction.length <= 3 ? timestampMs(value) : undefined;
}

/**
 * One list request of a walk. With a timestamp cursor: what the cursor was taken from (the vendor's own cursor, 1 ms
 * before the previous page's last key, or that key's instant) and that key's instant (whether stamped to the ms).
 */
interface PageRequest {
  startAt?: string;
  limit: number;
  basis?: 'vendor' | 'shifted' | 'instant';
  lastMs?: number;
  precise?: boolean;
}

/** A page's size: `limit` new keys plus the repeats expected at its top, within the vendor's maximum. */
function pageSize(limit: number, repeats: number): number {
  return Math.min(SMASHSEND_MAX_PAGE_SIZE, limit + repeats);
}

/** Failures of GET /v1/api-keys/current that say nothing about whether SMASHSEND answers it: thrown, never cached. */
const TRANSIENT_OR_FATAL = new Set(['auth', 'network', 'rate_limited', 'server']);

export interface SmashsendClientOptions extends ClientOptions {
  /** The workspace; discovered from the key (GET /v1/api-keys/current, then /v1/users/me) when not given. */
  workspaceId?: string;
  /** Told the workspace id once discovered, so a caller can remember it for the next client with the same key. */
  onWorkspaceDiscovered?: (workspaceId: string) => void;
  /** The id (`aki_…`) of the key this client authenticates with, when the caller knows it already (see `connectionKeyId`). */
  connectionKeyId?: string;
  /** Told that id once SMASHSEND has answered it, so a caller can remember it for the next client with the same key. */
  onConnectionKeyDiscovered?: (apiKeyId: string) => void;
}

/** `GET /v1/api-keys/current`: the key sent as the Bearer token, as SMASHSEND answers it (the official SDK's `getCurrent()`). */
const currentSchema = v.pipe(
  v.looseObject({
    apiKey: v.looseObject({
      id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/)),
      workspaceId: workspaceIdSchema,
      displayName: v.nullish(v.string()),
      role: v.nullish(v.string()),
      status: v.nullish(v.string()),
      createdAt: v.nullish(v.string()),
    }),
  }),
  v.transform((body) => body.apiKey),
);
export type SmashsendCurrentKey = v.InferOutput<typeof currentSchema>;

/** Whether keys are the client's own, decided from what is known (the key's id, else SMASHSEND's truncated hint). */
export interface SmashsendConnectionKeyMatcher {
  /** How the answer is found: `current` (the id SMASHSEND answered), or only the `hint` a list shows. */
  evidence: ConnectionKeyEvidence;
  match(key: { id: string; secretKey?: string | null }): ConnectionKeyMatch;
}

export class SmashsendClient {
  private readonly http: VendorHttp;
  /** The workspace discovery in flight (or settled), shared by concurrent calls; unset after a failure. */
  private discovery: Promise<string> | undefined;
  /**
   * The workspace id once known (given, or discovered): a call then builds its path at once, so its request goes out
   * in the same tick (an `await` of the known id let a request started after it, by a step asking two vendors at
   * once, reach the wire first).
   */
  private knownWorkspaceId: string | undefined;
  private readonly onWorkspaceDiscovered: ((workspaceId: string) => void) | undefined;
  private readonly onConnectionKeyDiscovered: ((apiKeyId: string) => void) | undefined;
  private readonly connection: ClientOptions;
  private readonly key: string;
  /** Tells this client's own key (sameSecret). */
  private readonly isOwnKey: SecretMatcher;
  /** The current key's answer, asked once per client; undefined inside when SMASHSEND does not answer that call. */
  private current: Promise<SmashsendCurrentKey | undefined> | undefined;
  private knownConnectionKeyId: string | undefined;

  constructor(apiKey: string, options: SmashsendClientOptions = {}) {
    const key = requireText(VENDOR, 'apiKey', apiKey, 1000);
    this.key = key;
    this.isOwnKey = secretMatcher(key);
    this.connection = { baseUrl: options.baseUrl, transport: options.transport, timeoutMs: options.timeoutMs };
    this.http = new VendorHttp(VENDOR, SMASHSEND_BASE_URL, { headers: { authorization: `Bearer ${key}` }, secret: key }, options);
    const workspaceId = optionalText(VENDOR, 'workspaceId', options.workspaceId);
    if (workspaceId !== undefined) this.knownWorkspaceId = requireId(VENDOR, 'workspaceId', workspaceId);
    const connectionKeyId = optionalText(VENDOR, 'connectionKeyId', options.connectionKeyId);
    if (connectionKeyId !== undefined) this.knownConnectionKeyId = requireId(VENDOR, 'connectionKeyId', connectionKeyId);
    this.onWorkspaceDiscovered = options.onWorkspaceDiscovered;
    this.onConnectionKeyDiscovered = options.onConnectionKeyDiscovered;
  }

  /**
   * A client for another key (e.g. a rotation's new key, to check it with its own secret) that talks to SMASHSEND the
   * same way: same base URL, transport and timeout.
   */
  withApiKey(apiKey: string): SmashsendClient {
    return new SmashsendClient(apiKey, this.connection);
  }

  /**
   * GET /v1/api-keys/check — the key's name and role; an answer whose status is not SUCCEED is an AuthError.
   * `timeoutMs` shortens this call's timeout (never lengthens it).
   */
  async checkApiKey(options: { timeoutMs?: number } = {}): Promise<SmashsendKeyCheck> {
    const path = '/v1/api-keys/check';
    const check = await this.http.call({ method: 'GET', path, schema: checkSchema, timeoutMs: options.timeoutMs });
    if (check.status !== 'SUCCEED') {
      const status = (this.http.redact(check.status) ?? '').slice(0, 40);
      throw new AuthError(`SMASHSEND did not accept the API key (GET ${path} answered status "${status}").`, {
        vendor: VENDOR,
        status: 200,
        method: 'GET',
        path,
      });
    }
    return check;
  }

  /** The workspace id: the one given, or discovered once per client from the key. */
  workspaceId(): Promise<string> {
    if (this.knownWorkspaceId !== undefined) return Promise.resolve(this.knownWorkspaceId);
    this.discovery ??= this.discoverWorkspaceId().then(
      (id) => {
        this.onWorkspaceDiscovered?.(id);
        // Only once the discovery has fully succeeded, so that the calls that use it and workspaceId() agree.
        this.knownWorkspaceId = id;
        return id;
      },
      (error: unknown) => {
        this.discovery = undefined; // let a later call try again
        throw error;
      },
    );
    return this.discovery;
  }

  /**
   * GET /v1/api-keys/current (the official SDK's `getCurrent()`): the key this client authenticates with — its id and
   * workspace — asked once per client (the workspace discovery and the connection-key checks share the answer).
   * Undefined when SMASHSEND does not answer that call usably (403, 404, an odd answer): callers then fall back. A key
   * that is plainly bad (401), a network fault, a rate limit or a server error is thrown, and the next call asks again.
   */
  currentApiKey(): Promise<SmashsendCurrentKey | undefined> {
    this.current ??= this.http.call({ method: 'GET', path: '/v1/api-keys/current', schema: currentSchema }).then(
      (key) => {
        if (this.knownConnectionKeyId === undefined) {
          this.knownConnectionKeyId = key.id;
          this.onConnectionKeyDiscovered?.(key.id);
        }
        return key;
      },
      (error: unknown) => {
        if (error instanceof ConnectorError && TRANSIENT_OR_FATAL.has(error.kind)) {
          this.current = undefined; // let a later call try again
          throw error;
        }
        return undefined; // 403, 404, another status, an odd answer: SMASHSEND does not tell, for this key
      },
    );
    return this.current;
  }

  /**
   * GET /v1/api-keys/current for a key not known to be live (a leaked secret, shown to SMASHSEND to learn which key it
   * is): every failure is thrown as it is and nothing is kept, so that a caller can tell SMASHSEND saying no (401, or the
   * 403 a dead key may get) apart from SMASHSEND not being asked at all (anything else).
   */
  lookupCurrentApiKey(): Promise<SmashsendCurrentKey> {
    return this.http.call({ method: 'GET', path: '/v1/api-keys/current', schema: currentSchema });
  }

  /**
   * The id (`aki_…`) of the key this client authenticates with: the one given (`connectionKeyId`), or SMASHSEND's answer
   * to GET /v1/api-keys/current (no request when the workspace discovery asked it already). Undefined when SMASHSEND
   * does not answer that call.
   */
  async connectionKeyId(): Promise<string | undefined> {
    if (this.knownConnectionKeyId !== undefined) return this.knownConnectionKeyId;
    return (await this.currentApiKey())?.id;
  }

  /** Whether `secret` is the key this client authenticates with (compared in constant time; never logged). */
  isOwnSecret(secret: string): boolean {
    return this.isOwnKey(secret);
  }

  /**
   * Tells keys that are this client's own from the others: by id when SMASHSEND answers GET /v1/api-keys/current (at
   * most that one request, none when it is known), else by the truncated hint a list shows (`sk_live_rdM4...`, compared
   * with the start of this client's key in constant time); 'unknown' for a key without a usable hint.
   */
  async connectionKeyMatcher(): Promise<SmashsendConnectionKeyMatcher> {
    return this.matcherFor(await this.connectionKeyId());
  }

  /**
   * Like connectionKeyMatcher, but never asks: by id when it is known already (given, or answered while the workspace
   * was discovered), else by the truncated hint each listed key shows. For a walk that reads every key anyway (an
   * audit), which then asks (connectionKeyMatcher) only when the hints leave it open.
   */
  connectionKeyMatcherWithoutRequest(): SmashsendConnectionKeyMatcher {
    return this.matcherFor(this.knownConnectionKeyId);
  }

  /** By the connection key's id when it is known, else by the truncated hint a list shows. */
  private matcherFor(id: string | undefined): SmashsendConnectionKeyMatcher {
    if (id !== undefined) return { evidence: 'current', match: (key) => (key.id === id ? 'yes' : 'no') };
    return { evidence: 'hint', match: (key) => hintMatch(key.secretKey, this.key) };
  }

  /**
   * GET /v1/api-keys/current first (the official SDK's own call: the key names its workspace), then GET /v1/users/me.
   */
  private async discoverWorkspaceId(): Promise<string> {
    // A key that is plainly bad stays bad (thrown); anything else (an API without this call, an odd answer, a server
    // error on this one call) gets the fallback.
    let current: SmashsendCurrentKey | undefined;
    try {
      current = await this.currentApiKey();
    } catch (error) {
      if (!(error instanceof ConnectorError && error.kind === 'server')) throw error;
    }
    if (current !== undefined) return current.workspaceId;
    const me = await this.http.call({
      method: 'GET',
      path: '/v1/users/me',
      schema: userSchema,
    });
    return me.user.workspaceId;
  }

  /** GET /v1/workspaces/{ws}/api-keys — one page. */
  async listApiKeys(options: ListApiKeysOptions = {}): Promise<SmashsendPage> {
    const query = {
      limit: options.limit === undefined ? undefined : requireIntInRange(VENDOR, 'limit', options.limit, 1, SMASHSEND_MAX_PAGE_SIZE),
      sort: optionalOneOf(VENDOR, 'sort', options.sort, SMASHSEND_SORTS),
      startAt: optionalText(VENDOR, 'startAt', options.startAt, 100),
    };
    const ws = this.knownWorkspaceId ?? (await this.workspaceId());
    return this.http.call({ method: 'GET', path: `/v1/workspaces/${ws}/api-keys`, query, schema: pageSchema });
  }

  /**
   * Every page, following the `startAt` cursor (100 keys a page unless `limit` says otherwise), each key exactly once.
   *
   * SMASHSEND's cursor is a plain timestamp (the official SDK sends `startAt=<Date.toISOString()>`). Whether the next
   * page starts *at* that instant or just after it is not documented, nor which instant the answer gives (the page's
   * last key's, or the next key's), and keys created in one burst share a millisecond. So with a timestamp cursor:
   * - When the vendor's cursor is past the page's last key (t), it names where the next page starts: it is followed,
   *   and the first such answer must begin at that instant (which proves the instant is included) to be trusted.
   * - Otherwise (or once not trusted) the cursor is computed from t: 1 ms before t in the walk's direction (t + 1 ms
   *   newest first, t − 1 ms oldest first) holds every key created at t under either reading; once an answer shows
   *   that the vendor includes the instant it is given, t itself (fewer repeats).
   * Keys already read that come back are dropped (by id), and such a page asks for that many more keys (up to 100)
   * so that it still brings `limit` new ones. A page of only repeats while SMASHSEND says more follow means more keys
   * share one instant than a page holds: it stops with a BadResponseError, never looping and never skipping keys.
   * A cursor that is not a timestamp is passed back unchanged; one seen before stops the walk the same way.
   * Stops with a TimeBudgetError when `deadline` has passed before a page request (checked before every request).
   */
  async *pages(options: Omit<ListApiKeysOptions, 'startAt'> & PagingBudget = {}): AsyncGenerator<SmashsendPage, void, undefined> {
    const { deadline, now = Date.now } = options;
    const limit =
      options.limit === undefined ? SMASHSEND_MAX_PAGE_SIZE : requireIntInRange(VENDOR, 'limit', options.limit, 1, SMASHSEND_MAX_PAGE_SIZE);
    const sort = optionalOneOf(VENDOR, 'sort', options.sort, SMASHSEND_SORTS);
    // 1 ms before an instant in the walk's direction: later when newest first (the documented default), earlier when oldest first.
    const shift = sort === 'createdAt.asc' ? -1 : 1;
    const seen = new Set<string>();
    /** How many keys read so far were created in each millisecond: the repeats a cursor at that instant brings back. */
    const seenPerMs = new Map<number, number>();
    const followed = new Set<string>();
    let reading: 'unknown' | 'inclusive' | 'exclusive' = 'unknown';
    let vendorCursor: 'untested' | 'trusted' | 'distrusted' = 'untested';

    /** The request for the page after one whose last key was created at `lastMs`, with the cursor computed from it. */
    const fromLastKey = (lastMs: number, precise: boolean): PageRequest => {
      const shifted = !(reading === 'inclusive' && precise);
      const cursorMs = shifted ? lastMs + shift : lastMs;
      const repeats = (seenPerMs.get(lastMs) ?? 0) + (shifted ? (seenPerMs.get(cursorMs) ?? 0) : 0);
      const basis = shifted ? 'shifted' : 'instant';
      return { startAt: new Date(cursorMs).toISOString(), limit: pageSize(limit, repeats), basis, lastMs, precise };
    };

    let request: PageRequest = { limit };
    let pagesRead = 0;
    let itemsRead = 0;
    const path = async () => `/v1/workspaces/${await this.workspaceId()}/api-keys`;
    for (;;) {
      if (deadline !== undefined && now() >= deadline) {
        const keys = `${itemsRead} API key${itemsRead === 1 ? '' : 's'}`;
        const where = await path();
        throw new TimeBudgetError(
          `SMASHSEND paging stopped after ${pagesRead} page${pagesRead === 1 ? '' : 's'} (${keys}) to stay within its time budget (GET ${where}).`,
          { vendor: VENDOR, method: 'GET', path: where },
          pagesRead,
          itemsRead,
        );
      }
      const answer = await this.listApiKeys({ sort, limit: request.limit, startAt: request.startAt });
      const { basis, lastMs, precise } = request;
      if (basis === 'vendor' && vendorCursor === 'untested' && lastMs !== undefined) {
        // Only an inclusive reading can answer with a key created at the instant asked for; anything else might have
        // skipped keys created at that instant: ask again from the page's last key, and compute cursors from now on.
        const first = answer.items[0];
        if (first !== undefined && millisecondStamp(first.createdAt) === timestampMs(request.startAt ?? '')) {
          vendorCursor = 'trusted';
          reading = 'inclusive';
        } else {
          vendorCursor = 'distrusted';
          request = fromLastKey(lastMs, precise === true);
          continue;
        }
      }
      if (basis === 'shifted' && reading === 'unknown' && lastMs !== undefined) {
        // Keys created exactly at the cursor's instant were read already: whether they came back says which reading
        // the vendor uses. Only a key stamped to the millisecond proves "inclusive".
        const cursorMs = lastMs + shift;
        if (answer.items.some((key) => seen.has(key.id) && millisecondStamp(key.createdAt) === cursorMs)) reading = 'inclusive';
        else if ((seenPerMs.get(cursorMs) ?? 0) > 0) reading = 'exclusive';
      }
      const fresh: SmashsendApiKey[] = [];
      for (const key of answer.items) {
        if (seen.has(key.id)) continue;
        seen.add(key.id);
        fresh.push(key);
        const ms = timestampMs(key.createdAt);
        if (ms !== undefined) seenPerMs.set(ms, (seenPerMs.get(ms) ?? 0) + 1);
      }
      if (lastMs !== undefined && answer.items.length > 0 && fresh.length === 0 && answer.hasMore) {
        // Only repeats: if this answer just showed that the instant itself is included, asking from t (not 1 ms
        // before it) brings fewer repeats; otherwise the keys of one instant fill the whole page and paging is stuck.
        if (basis === 'shifted' && reading === 'inclusive' && precise === true) {
          request = fromLastKey(lastMs, true);
          continue;
        }
        const where = await path();
        throw new BadResponseError(
          `SMASHSEND said more API keys follow, but more keys were created at ${new Date(lastMs).toISOString()} than one page of ${request.limit} holds, so its startAt cursor cannot get past them; stopped paging after ${itemsRead} API keys to avoid a loop or a gap (GET ${where}).`,
          { vendor: VENDOR, status: 200, method: 'GET', path: where },
          'crowded_instant',
        );
      }
      pagesRead += 1;
      itemsRead += fresh.length;
      yield { items: fresh, hasMore: answer.hasMore, startAt: answer.startAt };
      if (!answer.hasMore) return;

      const lastKey = answer.items.at(-1);
      const nextLastMs = lastKey === undefined ? undefined : timestampMs(lastKey.createdAt);
      const vendorMs = answer.startAt === null ? undefined : millisecondStamp(answer.startAt);
      if (lastKey !== undefined && nextLastMs !== undefined && answer.startAt !== null && timestampMs(answer.startAt) !== undefined) {
        const lastPrecise = millisecondStamp(lastKey.createdAt) === nextLastMs;
        const ahead = vendorMs !== undefined && (nextLastMs - vendorMs) * shift > 0;
        request =
          ahead && vendorCursor !== 'distrusted'
            ? {
                startAt: new Date(vendorMs).toISOString(),
                limit: pageSize(limit, seenPerMs.get(vendorMs) ?? 0),
                basis: 'vendor',
                lastMs: nextLastMs,
                precise: lastPrecise,
              }
            : fromLastKey(nextLastMs, lastPrecise);
        continue;
      }
      // Not a timestamp (or nothing to compute one from): the vendor's cursor, passed back as it is.
      if (answer.startAt === null || followed.has(answer.startAt)) {
        const where = await path();
        throw new BadResponseError(
          'SMASHSEND said more API keys follow but gave no new startAt cursor; stopped paging to avoid a loop.',
          { vendor: VENDOR, status: 200, method: 'GET', path: where },
          'cursor',
        );
      }
      followed.add(answer.startAt);
      request = { startAt: answer.startAt, limit };
    }
  }

  /** Every key in the workspace, page after page: `for await (const key of client.allApiKeys())`. */
  async *allApiKeys(options: Omit<ListApiKeysOptions, 'startAt'> & PagingBudget = {}): AsyncGenerator<SmashsendApiKey, void, undefined> {
    for await (const page of this.pages(options)) yield* page.items;
  }

  /** POST /v1/workspaces/{ws}/api-keys — the answer carries the full secretKey, shown only this once. */
  async createApiKey(input: { displayName: string; role: SmashsendRole | string }): Promise<SmashsendNewApiKey> {
    const body = {
      displayName: requireText(VENDOR, 'displayName', input.displayName),
      role: requireOneOf(VENDOR, 'role', input.role, SMASHSEND_ROLES),
    };
    const ws = this.knownWorkspaceId ?? (await this.workspaceId());
    const path = `/v1/workspaces/${ws}/api-keys`;
    const key = await this.http.call({ method: 'POST', path, body, schema: oneKeySchema });
    return this.http.requireSecret(key, 'secretKey', 'POST', path, 'the new API key');
  }

  /**
   * Whether the key `id` is this client's own, refusing (a ConnectionKeyError, before any write) unless allowed. The
   * only request is GET /v1/api-keys/current, at most once per client. With nothing but an id to go on, a SMASHSEND
   * that does not answer that call leaves the match 'unknown', which is refused too.
   */
  private async guardConnectionKey(id: string, action: string, method: 'POST' | 'DELETE', path: string, allow: boolean | undefined) {
    const matcher = await this.connectionKeyMatcher();
    const match = matcher.match({ id });
    refuseConnectionKey(VENDOR, id, match, action, { allowConnectionKey: allow, evidence: matcher.evidence, method, path });
    return match !== 'no';
  }

  /**
   * POST /v1/workspaces/{ws}/api-keys/{id} — rename and/or change the role. A role change to the key this client
   * authenticates with is refused (ConnectionKeyError, nothing sent) unless `allowConnectionKey`; a rename is not.
   */
  async updateApiKey(
    apiKeyId: string,
    changes: { displayName?: string; role?: SmashsendRole | string },
    options: { allowConnectionKey?: boolean } = {},
  ): Promise<SmashsendApiKey & { connectionKey: boolean }> {
    const id = requireId(VENDOR, 'apiKeyId', apiKeyId);
    const body: { displayName?: string; role?: SmashsendRole } = {};
    const displayName = optionalText(VENDOR, 'displayName', changes.displayName);
    const role = optionalOneOf(VENDOR, 'role', changes.role, SMASHSEND_ROLES);
    if (displayName !== undefined) body.displayName = displayName;
    if (role !== undefined) body.role = role;
    if (displayName === undefined && role === undefined) {
      throw new InputError(VENDOR, 'displayName', 'must be given: there is nothing to change otherwise', ['role']);
    }
    const ws = this.knownWorkspaceId ?? (await this.workspaceId());
    const path = `/v1/workspaces/${ws}/api-keys/${id}`;
    const connectionKey =
      role === undefined ? false : await this.guardConnectionKey(id, 'change the role of', 'POST', path, options.allowConnectionKey);
    const updated = await this.http.call({
      method: 'POST',
      path,
      body,
      schema: oneKeySchema,
      notFound: `API key ${id} in workspace ${ws}`,
    });
    return { ...updated, connectionKey };
  }

  /**
   * The keys named `displayName` (whole name, ignoring case and surrounding spaces), newest first: SMASHSEND has no name
   * filter, so pages are read newest first until one holds a match (or the budget's deadline). A blank name is refused
   * (an InputError naming displayName) before any request; a name mapped as a number is that text.
   */
  async findApiKeysByName(displayName: string, budget: PagingBudget = {}): Promise<SmashsendApiKey[]> {
    const wanted = requireText(VENDOR, 'displayName', displayName).toLowerCase();
    for await (const page of this.pages({ sort: 'createdAt.desc', ...budget })) {
      const matches = page.items.filter((key) => key.displayName.trim().toLowerCase() === wanted);
      if (matches.length > 0) return matches;
    }
    return [];
  }

  /**
   * The key with this id (`aki_…`), read from the list newest first, page after page until one holds it; undefined when
   * none does. SMASHSEND has no request for one key. Past the budget's deadline, a TimeBudgetError.
   */
  async findApiKeyById(apiKeyId: string, budget: PagingBudget = {}): Promise<SmashsendApiKey | undefined> {
    const id = requireId(VENDOR, 'apiKeyId', apiKeyId);
    for await (const key of this.allApiKeys({ sort: 'createdAt.desc', ...budget })) {
      if (key.id === id) return key;
    }
    return undefined;
  }

  /**
   * DELETE /v1/workspaces/{ws}/api-keys/{id}. The key this client authenticates with is refused (ConnectionKeyError,
   * nothing sent) unless `allowConnectionKey`; the answer's `connectionKey` says whether it was (or may have been) that
   * key. `timeoutMs` shortens this call's timeout (e.g. at the end of a time budget). `connectionKey`, with
   * `allowConnectionKey`: whether the caller already knows it is that key (it compared the secret itself), so that
   * nothing is asked to tell it; without `allowConnectionKey` it is ignored (the check that refuses is always made).
   */
  async deleteApiKey(
    apiKeyId: string,
    options: { timeoutMs?: number; allowConnectionKey?: boolean; connectionKey?: boolean } = {},
  ): Promise<SmashsendDeletedApiKey> {
    const id = requireId(VENDOR, 'apiKeyId', apiKeyId);
    const ws = this.knownWorkspaceId ?? (await this.workspaceId());
    const path = `/v1/workspaces/${ws}/api-keys/${id}`;
    const connectionKey =
      options.allowConnectionKey === true && typeof options.connectionKey === 'boolean'
        ? options.connectionKey
        : await this.guardConnectionKey(id, 'delete', 'DELETE', path, options.allowConnectionKey);
    const deleted = await this.http.call({
      method: 'DELETE',
      path,
      schema: deleteSchema,
      notFound: `API key ${id} in workspace ${ws}`,
      timeoutMs: options.timeoutMs,
    });
    return { ...deleted, connectionKey };
  }
}
