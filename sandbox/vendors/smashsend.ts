// SMASHSEND API keys under `/smashsend`: check, current key, current user, and the workspace's key list (cursor
// paging), create, update, delete. Auth: `Authorization: Bearer <secret>`; a deleted key stops authenticating.
// Errors: `{statusCode, error, message}`. Another workspace than the key's answers 403; VIEWER keys may only read.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newSmashsendKeyId, newSmashsendSecret } from '../random';
import type { RateLimits } from '../rateLimit';
import { SMASHSEND_SEED } from '../seed';
import { SMASHSEND_ROLES, type SmashsendApiKeyRecord, type SmashsendRole, type SmashsendUser } from '../types';
import { describeFastifyError, pathAfterPrefix, reasonPhrase, singleHeader } from './common';

export const SMASHSEND_PREFIX = '/smashsend';
export const SMASHSEND_DEFAULT_LIMIT = 15;
export const SMASHSEND_MAX_LIMIT = 100;
export type SmashsendSort = 'createdAt.desc' | 'createdAt.asc';

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Invalid API key. Please double-check and try again.',
  403: 'API key does not have sufficient permissions.',
  404: 'Not found.',
  429: 'Rate limit exceeded. Please wait a moment and try again.',
  500: 'Internal server error.',
};

export interface SmashsendErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export const smashsendErrorBody = (status: number, message?: string): SmashsendErrorBody => ({
  statusCode: status,
  error: reasonPhrase(status),
  message: message ?? DEFAULT_MESSAGES[status] ?? reasonPhrase(status),
});

/** A key as lists, updates and deletes show it: secret cut to its first 12 characters + "...", no workspaceId. */
export interface SmashsendApiKeyView {
  id: string;
  displayName: string;
  role: SmashsendRole;
  status: SmashsendApiKeyRecord['status'];
  secretKey: string;
  createdAt: string;
  updatedAt: string;
}

export function viewKey(key: SmashsendApiKeyRecord, fullSecret = false): SmashsendApiKeyView {
  return {
    id: key.id,
    displayName: key.displayName,
    role: key.role,
    status: key.status,
    secretKey: fullSecret ? key.secretKey : `${key.secretKey.slice(0, 12)}...`,
    createdAt: key.createdAt,
    updatedAt: key.updatedAt,
  };
}

// ---- paging cursor ----
//
// The cursor names the first key of the next page (inclusive). Keys are ordered by (createdAt, id), descending or
// ascending. In the common case the cursor is just that key's createdAt (an ISO date): every key with that exact
// createdAt is then still ahead. When the page boundary falls inside a run of equal createdAt values, the cursor is
// `<createdAt>~<id>` (still starts with the ISO date) so that no key is skipped or repeated.

/** ISO date, or date-time with zone, optionally followed by `~<key id>`. */
const START_AT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?(~[A-Za-z0-9_-]+)?$';

interface Cursor {
  ms: number;
  id?: string;
}

function parseCursor(startAt: string): Cursor | undefined {
  const [date = '', id] = startAt.split('~', 2);
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : { ms, id };
}

const timeOf = (key: SmashsendApiKeyRecord): number => Date.parse(key.createdAt);

/** Ascending order of (createdAt, id); a cursor without id sits before every key of its instant. */
function compareToCursor(key: SmashsendApiKeyRecord, cursor: Cursor): number {
  const dt = timeOf(key) - cursor.ms;
  if (dt !== 0) return dt;
  if (cursor.id === undefined) return 0;
  return key.id < cursor.id ? -1 : key.id > cursor.id ? 1 : 0;
}

function compareKeys(a: SmashsendApiKeyRecord, b: SmashsendApiKeyRecord): number {
  const dt = timeOf(a) - timeOf(b);
  if (dt !== 0) return dt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface SmashsendPage {
  items: SmashsendApiKeyView[];
  hasMore: boolean;
  startAt: string | null;
}

export class SmashsendStore {
  user!: SmashsendUser;
  keys: SmashsendApiKeyRecord[] = [];
  private generated = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    const seed = structuredClone(SMASHSEND_SEED);
    this.user = seed.user;
    this.keys = seed.keys;
    this.generated = 0;
  }

  get workspaceId(): string {
    return this.user.workspaceId;
  }

  findBySecret(secret: string): SmashsendApiKeyRecord | undefined {
    return this.keys.find((k) => k.secretKey === secret && k.status === 'ACTIVE');
  }

  findById(id: string): SmashsendApiKeyRecord | undefined {
    return this.keys.find((k) => k.id === id);
  }

  private uniqueId(): string {
    let id = newSmashsendKeyId();
    while (this.findById(id)) id = newSmashsendKeyId();
    return id;
  }

  create(displayName: string, role: SmashsendRole, createdAt = new Date().toISOString()): SmashsendApiKeyRecord {
    const key: SmashsendApiKeyRecord = {
      id: this.uniqueId(),
      displayName,
      role,
      status: 'ACTIVE',
      secretKey: newSmashsendSecret(),
      workspaceId: this.workspaceId,
      createdAt,
      updatedAt: createdAt,
    };
    this.keys.push(key);
    return key;
  }

  /**
   * Adds `count` API_USER keys. Without `createdAt` each gets its own instant, one minute apart, all before the
   * seed keys (continuing from earlier calls, so instants stay distinct); with it they all share that instant.
   */
  generate(count: number, createdAt?: string): SmashsendApiKeyRecord[] {
    const base = Date.parse('2023-01-01T00:00:00.000Z');
    const made: SmashsendApiKeyRecord[] = [];
    for (let i = 0; i < count; i += 1) {
      this.generated += 1;
      const at = createdAt ?? new Date(base + this.generated * 60_000).toISOString();
      made.push(this.create(`Generated Key ${String(this.generated).padStart(5, '0')}`, 'API_USER', at));
    }
    return made;
  }

  update(key: SmashsendApiKeyRecord, changes: { displayName?: string; role?: SmashsendRole }): SmashsendApiKeyRecord {
    if (changes.displayName === undefined && changes.role === undefined) return key;
    if (changes.displayName !== undefined) key.displayName = changes.displayName;
    if (changes.role !== undefined) key.role = changes.role;
    key.updatedAt = new Date().toISOString();
    return key;
  }

  remove(key: SmashsendApiKeyRecord): void {
    this.keys = this.keys.filter((k) => k !== key);
  }

  list(limit: number, sort: SmashsendSort, cursor?: Cursor): SmashsendPage {
    const dir = sort === 'createdAt.asc' ? 1 : -1;
    const ordered = [...this.keys].sort((a, b) => dir * compareKeys(a, b));
    const first = cursor ? ordered.findIndex((k) => dir * compareToCursor(k, cursor) >= 0) : 0;
    if (first < 0) return { items: [], hasMore: false, startAt: null };
    const page = ordered.slice(first, first + limit);
    const next = ordered[first + limit];
    const last = page[page.length - 1];
    let startAt: string | null = null;
    if (next && last) startAt = timeOf(last) === timeOf(next) ? `${next.createdAt}~${next.id}` : next.createdAt;
    return { items: page.map((k) => viewKey(k)), hasMore: next !== undefined, startAt };
  }
}

export interface SmashsendPluginOptions {
  store: SmashsendStore;
  rateLimits: RateLimits;
}

interface WorkspaceParams {
  workspaceId: string;
}
interface KeyParams extends WorkspaceParams {
  apiKeyId: string;
}
interface ListQuery {
  limit?: string;
  sort?: SmashsendSort;
  startAt?: string;
}
interface CreateBody {
  displayName: string;
  role: SmashsendRole;
}
interface UpdateBody {
  displayName?: string;
  role?: SmashsendRole;
}

/** Non-empty and not only whitespace. */
const displayNameSchema = { type: 'string', pattern: '\\S' } as const;
const roleSchema = { type: 'string', enum: [...SMASHSEND_ROLES] } as const;

const send = (reply: FastifyReply, status: number, message?: string): FastifyReply =>
  reply.code(status).send(smashsendErrorBody(status, message));

export async function smashsendPlugin(app: FastifyInstance, opts: SmashsendPluginOptions): Promise<void> {
  const { store, rateLimits } = opts;
  /** The key that authenticated each request. */
  const callers = new WeakMap<FastifyRequest, SmashsendApiKeyRecord>();
  const caller = (request: FastifyRequest): SmashsendApiKeyRecord => {
    const key = callers.get(request);
    if (!key) throw new Error('SMASHSEND route reached without an authenticated key');
    return key;
  };

  app.setErrorHandler((error, request, reply) => {
    const { status, message } = describeFastifyError(error);
    if (status >= 500) request.log.error(error);
    return send(reply, status, message);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(singleHeader(request, 'authorization') ?? '');
    const key = match?.[1] === undefined ? undefined : store.findBySecret(match[1]);
    if (!key) return send(reply, 401);
    const decision = rateLimits.take('smashsend', key.id);
    if (!decision.allowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      return send(reply, 429);
    }
    callers.set(request, key);
    return undefined;
  });

  /** Workspace routes (after auth, before validation): the key's own workspace only; writes need a non-VIEWER key. */
  const guardWorkspace = async (request: FastifyRequest<{ Params: WorkspaceParams }>, reply: FastifyReply) => {
    const key = caller(request);
    if (request.params.workspaceId !== key.workspaceId) {
      return send(reply, 403, 'API key does not have access to this workspace.');
    }
    if (request.method !== 'GET' && key.role === 'VIEWER') return send(reply, 403);
    return undefined;
  };

  app.setNotFoundHandler((request, reply) => send(reply, 404, `Cannot ${request.method} ${pathAfterPrefix(request, SMASHSEND_PREFIX)}`));

  app.get('/v1/api-keys/check', async (request) => {
    const key = caller(request);
    return { status: 'SUCCEED', displayName: key.displayName, role: key.role };
  });

  app.get('/v1/api-keys/current', async (request) => {
    const key = caller(request);
    return {
      apiKey: {
        id: key.id,
        displayName: key.displayName,
        role: key.role,
        status: key.status,
        workspaceId: key.workspaceId,
        createdAt: key.createdAt,
        updatedAt: key.updatedAt,
      },
    };
  });

  app.get('/v1/users/me', async () => ({ user: { ...store.user } }));

  app.get<{ Params: WorkspaceParams; Querystring: ListQuery }>(
    '/v1/workspaces/:workspaceId/api-keys',
    {
      onRequest: guardWorkspace,
      schema: {
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'string', pattern: '^[0-9]+$' },
            sort: { type: 'string', enum: ['createdAt.desc', 'createdAt.asc'] },
            startAt: { type: 'string', pattern: START_AT_PATTERN },
          },
        },
      },
    },
    async (request, reply) => {
      const limit = request.query.limit === undefined ? SMASHSEND_DEFAULT_LIMIT : Number(request.query.limit);
      if (limit < 1 || limit > SMASHSEND_MAX_LIMIT) {
        return send(reply, 400, `limit must be an integer from 1 to ${SMASHSEND_MAX_LIMIT}`);
      }
      const cursor = request.query.startAt === undefined ? undefined : parseCursor(request.query.startAt);
      if (request.query.startAt !== undefined && !cursor) return send(reply, 400, 'startAt must be an ISO 8601 date');
      return { apiKeys: store.list(limit, request.query.sort ?? 'createdAt.desc', cursor) };
    },
  );

  app.post<{ Params: WorkspaceParams; Body: CreateBody }>(
    '/v1/workspaces/:workspaceId/api-keys',
    {
      onRequest: guardWorkspace,
      schema: {
        body: {
          type: 'object',
          required: ['displayName', 'role'],
          properties: { displayName: displayNameSchema, role: roleSchema },
        },
      },
    },
    async (request) => ({ apiKey: viewKey(store.create(request.body.displayName, request.body.role), true) }),
  );

  app.post<{ Params: KeyParams; Body: UpdateBody }>(
    '/v1/workspaces/:workspaceId/api-keys/:apiKeyId',
    {
      onRequest: guardWorkspace,
      // Both fields are optional, so a request with no body at all is an (empty) update.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
      schema: {
        body: { type: 'object', properties: { displayName: displayNameSchema, role: roleSchema } },
      },
    },
    async (request, reply) => {
      const key = store.findById(request.params.apiKeyId);
      if (!key) return send(reply, 404, 'API key not found.');
      return { apiKey: viewKey(store.update(key, request.body)) };
    },
  );

  app.delete<{ Params: KeyParams }>(
    '/v1/workspaces/:workspaceId/api-keys/:apiKeyId',
    { onRequest: guardWorkspace },
    async (request, reply) => {
      const key = store.findById(request.params.apiKeyId);
      if (!key) return send(reply, 404, 'API key not found.');
      store.remove(key);
      return { apiKey: viewKey(key), isDeleted: true };
    },
  );
}
