// SMASHSEND workspace API keys: check the key, discover the workspace, list (one page, or every page through the
// `startAt` cursor), create, update and delete. Auth is `Authorization: Bearer <key>`.

import * as v from 'valibot';
import { AuthError, BadResponseError, ConnectorError, InputError } from './errors';
import { TimeBudgetError, type PagingBudget } from './paging';
import { VendorHttp, type ClientOptions } from './http';
import { optionalOneOf, optionalText, requireId, requireIntInRange, requireOneOf, requireText } from './validate';

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

const oneKeySchema = v.pipe(
  v.looseObject({ apiKey: smashsendApiKeySchema }),
  v.transform((body) => body.apiKey),
);
const deleteSchema = v.pipe(
  v.looseObject({ apiKey: smashsendApiKeySchema, isDeleted: v.nullish(v.boolean()) }),
  v.transform((body) => ({ ...body.apiKey, isDeleted: body.isDeleted ?? true })),
);
export type SmashsendDeletedApiKey = SmashsendApiKey & { isDeleted: boolean };

export interface ListApiKeysOptions {
  /** 1–100 (the vendor's default is 15). */
  limit?: number;
  sort?: SmashsendSort;
  /** The cursor from the previous page's `startAt`. */
  startAt?: string;
}

export interface SmashsendClientOptions extends ClientOptions {
  /** The workspace; discovered from the key (GET /v1/users/me, then /v1/api-keys/current) when not given. */
  workspaceId?: string;
  /** Told the workspace id once discovered, so a caller can remember it for the next client with the same key. */
  onWorkspaceDiscovered?: (workspaceId: string) => void;
}

export class SmashsendClient {
  private readonly http: VendorHttp;
  private workspace: Promise<string> | undefined;
  private readonly onWorkspaceDiscovered: ((workspaceId: string) => void) | undefined;
  private readonly connection: ClientOptions;

  constructor(apiKey: string, options: SmashsendClientOptions = {}) {
    const key = requireText(VENDOR, 'apiKey', apiKey, 1000);
    this.connection = { baseUrl: options.baseUrl, transport: options.transport, timeoutMs: options.timeoutMs };
    this.http = new VendorHttp(VENDOR, SMASHSEND_BASE_URL, { headers: { authorization: `Bearer ${key}` }, secret: key }, options);
    const workspaceId = optionalText(VENDOR, 'workspaceId', options.workspaceId);
    if (workspaceId !== undefined) this.workspace = Promise.resolve(requireId(VENDOR, 'workspaceId', workspaceId));
    this.onWorkspaceDiscovered = options.onWorkspaceDiscovered;
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
    this.workspace ??= this.discoverWorkspaceId().then(
      (id) => {
        this.onWorkspaceDiscovered?.(id);
        return id;
      },
      (error: unknown) => {
        this.workspace = undefined; // let a later call try again
        throw error;
      },
    );
    return this.workspace;
  }

  private async discoverWorkspaceId(): Promise<string> {
    try {
      const me = await this.http.call({
        method: 'GET',
        path: '/v1/users/me',
        schema: v.looseObject({ user: v.looseObject({ workspaceId: workspaceIdSchema }) }),
      });
      return me.user.workspaceId;
    } catch (error) {
      // A key that is plainly bad stays bad; anything else (a user-less API key, an odd answer) gets the fallback.
      if (error instanceof ConnectorError && (error.kind === 'auth' || error.kind === 'network' || error.kind === 'rate_limited'))
        throw error;
    }
    const current = await this.http.call({
      method: 'GET',
      path: '/v1/api-keys/current',
      schema: v.looseObject({ apiKey: v.looseObject({ workspaceId: workspaceIdSchema }) }),
    });
    return current.apiKey.workspaceId;
  }

  /** GET /v1/workspaces/{ws}/api-keys — one page. */
  async listApiKeys(options: ListApiKeysOptions = {}): Promise<SmashsendPage> {
    const query = {
      limit: options.limit === undefined ? undefined : requireIntInRange(VENDOR, 'limit', options.limit, 1, SMASHSEND_MAX_PAGE_SIZE),
      sort: optionalOneOf(VENDOR, 'sort', options.sort, SMASHSEND_SORTS),
      startAt: optionalText(VENDOR, 'startAt', options.startAt, 100),
    };
    const ws = await this.workspaceId();
    return this.http.call({ method: 'GET', path: `/v1/workspaces/${ws}/api-keys`, query, schema: pageSchema });
  }

  /**
   * Every page, following the `startAt` cursor (100 keys a page unless `limit` says otherwise).
   * Stops with a BadResponseError if the vendor says there is more but gives no new cursor, and with a
   * TimeBudgetError when `deadline` has passed before a page request (checked before every page, the first included).
   */
  async *pages(options: Omit<ListApiKeysOptions, 'startAt'> & PagingBudget = {}): AsyncGenerator<SmashsendPage, void, undefined> {
    const { deadline, now = Date.now, ...listOptions } = options;
    let startAt: string | undefined;
    const seen = new Set<string>();
    let pagesRead = 0;
    let itemsRead = 0;
    for (;;) {
      if (deadline !== undefined && now() >= deadline) {
        const ws = await this.workspaceId();
        const keys = `${itemsRead} API key${itemsRead === 1 ? '' : 's'}`;
        throw new TimeBudgetError(
          `SMASHSEND paging stopped after ${pagesRead} page${pagesRead === 1 ? '' : 's'} (${keys}) to stay within its time budget (GET /v1/workspaces/${ws}/api-keys).`,
          { vendor: VENDOR, method: 'GET', path: `/v1/workspaces/${ws}/api-keys` },
          pagesRead,
          itemsRead,
        );
      }
      const page = await this.listApiKeys({ ...listOptions, limit: listOptions.limit ?? SMASHSEND_MAX_PAGE_SIZE, startAt });
      pagesRead += 1;
      itemsRead += page.items.length;
      yield page;
      if (!page.hasMore) return;
      if (page.startAt === null || seen.has(page.startAt)) {
        const ws = await this.workspaceId();
        throw new BadResponseError(
          'SMASHSEND said more API keys follow but gave no new startAt cursor; stopped paging to avoid a loop.',
          { vendor: VENDOR, status: 200, method: 'GET', path: `/v1/workspaces/${ws}/api-keys` },
          'cursor',
        );
      }
      seen.add(page.startAt);
      startAt = page.startAt;
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
    const ws = await this.workspaceId();
    const path = `/v1/workspaces/${ws}/api-keys`;
    const key = await this.http.call({ method: 'POST', path, body, schema: oneKeySchema });
    return this.http.requireSecret(key, 'secretKey', 'POST', path, 'the new API key');
  }

  /** POST /v1/workspaces/{ws}/api-keys/{id} — rename and/or change the role. */
  async updateApiKey(apiKeyId: string, changes: { displayName?: string; role?: SmashsendRole | string }): Promise<SmashsendApiKey> {
    const id = requireId(VENDOR, 'apiKeyId', apiKeyId);
    const body: { displayName?: string; role?: SmashsendRole } = {};
    const displayName = optionalText(VENDOR, 'displayName', changes.displayName);
    const role = optionalOneOf(VENDOR, 'role', changes.role, SMASHSEND_ROLES);
    if (displayName !== undefined) body.displayName = displayName;
    if (role !== undefined) body.role = role;
    if (displayName === undefined && role === undefined) {
      throw new InputError(VENDOR, 'displayName', 'must be given: there is nothing to change otherwise', ['role']);
    }
    const ws = await this.workspaceId();
    return this.http.call({
      method: 'POST',
      path: `/v1/workspaces/${ws}/api-keys/${id}`,
      body,
      schema: oneKeySchema,
      notFound: `API key ${id} in workspace ${ws}`,
    });
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

  /** DELETE /v1/workspaces/{ws}/api-keys/{id}. `timeoutMs` shortens this call's timeout (e.g. at the end of a time budget). */
  async deleteApiKey(apiKeyId: string, options: { timeoutMs?: number } = {}): Promise<SmashsendDeletedApiKey> {
    const id = requireId(VENDOR, 'apiKeyId', apiKeyId);
    const ws = await this.workspaceId();
    return this.http.call({
      method: 'DELETE',
      path: `/v1/workspaces/${ws}/api-keys/${id}`,
      schema: deleteSchema,
      notFound: `API key ${id} in workspace ${ws}`,
      timeoutMs: options.timeoutMs,
    });
  }
}
