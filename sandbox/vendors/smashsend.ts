// SMASHSEND API keys at `/v1`: check, current key, current user, and the workspace's key list (a plain-timestamp
// cursor), create, update, delete. Auth: `Authorization: Bearer <secret>`; a deleted key stops authenticating.
// Errors: `{statusCode, error, message}`. Another workspace than the key's answers 403 (whether it exists or not);
// VIEWER keys may only read. Two workspaces: the main one and another tenant's, whose key authenticates but acts
// only there.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newSmashsendKeyId, newSmashsendSecret } from '../random';
import type { RateLimits } from '../rateLimit';
import { SMASHSEND_OTHER_WORKSPACE_SEED, SMASHSEND_SEED } from '../seed';
import { SMASHSEND_ROLES, type SmashsendApiKeyRecord, type SmashsendRole, type SmashsendUser } from '../types';
import { describeFastifyError, requestPath, reasonPhrase, singleHeader } from './common';

/** Where SMASHSEND's routes live on the sandbox's origin (as on api.smashsend.com). */
export const SMASHSEND_ROOT = '/v1';
const SMASHSEND_DEFAULT_LIMIT = 15;
const SMASHSEND_MAX_LIMIT = 100;
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

/** A key as every answer shows it (the official SDK's `ApiKeyInfo`): with its workspaceId. */
interface SmashsendApiKeyView {
  id: string;
  displayName: string;
  role: SmashsendRole;
  status: SmashsendApiKeyRecord['status'];
  /** Full on create; cut to its first 12 characters + "..." everywhere else (absent from `/current`). */
  secretKey: string;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
}

function viewKey(key: SmashsendApiKeyRecord, fullSecret = false): SmashsendApiKeyView {
  return {
    id: key.id,
    displayName: key.displayName,
    role: key.role,
    status: key.status,
    secretKey: fullSecret ? key.secretKey : `${key.secretKey.slice(0, 12)}...`,
    workspaceId: key.workspaceId,
    createdAt: key.createdAt,
    updatedAt: key.updatedAt,
  };
}

// ---- paging cursor ----
//
// The cursor is a plain ISO-8601 timestamp with millisecond precision, as the official SDK sends and reads it
// (`startAt=<Date.toISOString()>`). Reading served here: the next page *includes* keys created at that instant
// ("created at or before" newest-first, "at or after" oldest-first), and the returned `startAt` is the creation
// instant of the first key not yet returned. A client that passes it back unchanged therefore never misses a key;
// when a page boundary falls inside one millisecond, the keys of that millisecond already shown come again
// (repeats, never gaps). If more than `limit` keys share one millisecond, the cursor cannot move past them: the same
// page comes back (a client must notice; see sandbox/README.md). Keys made through the API never share a millisecond
// (see `nextCreatedAt`): only `generate` and re-dating make ties, on purpose.

/** ISO date, or date-time with zone (what `Date.toISOString()` gives, and hand-written dates). */
const START_AT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}))?$';

/** The instant as the cursor shows it: `toISOString()` (ms precision, `Z`). */
const cursorOf = (ms: number): string => new Date(ms).toISOString();

interface Dated {
  key: SmashsendApiKeyRecord;
  ms: number;
}

const byTimeThenId = (a: Dated, b: Dated): number => a.ms - b.ms || (a.key.id < b.key.id ? -1 : a.key.id > b.key.id ? 1 : 0);

/** First index in `ordered` (by `ms`, ascending when `dir` is 1, descending when -1) whose instant is not before `ms`. */
function firstAtOrAfter(ordered: readonly Dated[], ms: number, dir: 1 | -1): number {
  let lo = 0;
  let hi = ordered.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dir * ((ordered[mid]?.ms ?? 0) - ms) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SmashsendPage {
  items: SmashsendApiKeyView[];
  hasMore: boolean;
  startAt: string | null;
}

/** How `generate` dates the keys it adds. */
export interface SmashsendGenerateOptions {
  /** Every key at this instant (a burst sharing one millisecond). */
  createdAt?: string;
  /** The first key's instant; the others follow `stepMs` apart (default 60 000), `burst` keys per instant. */
  from?: string;
  stepMs?: number;
  /** Keys sharing each instant (default 1). */
  burst?: number;
}

const GENERATE_EPOCH = Date.parse('2023-01-01T00:00:00.000Z');
const MINUTE = 60_000;

/**
 * One SMASHSEND workspace: its owner (what `/v1/users/me` answers for its keys) and its keys, with what paging and
 * dating need (the keys in order, how many hold each millisecond, the last instant a create was given).
 */
class SmashsendWorkspace {
  readonly keys = new Map<string, SmashsendApiKeyRecord>();
  /** Keys in (createdAt, id) order, built on demand and dropped on every change. */
  private sorted: { asc: Dated[]; desc: Dated[] } | undefined;
  /** How many keys hold each creation millisecond. */
  private readonly instants = new Map<number, number>();
  /** The creation instant the last API create was given (see `nextCreatedAt`). */
  private lastCreatedMs = Number.NEGATIVE_INFINITY;

  constructor(readonly user: SmashsendUser) {}

  get id(): string {
    return this.user.workspaceId;
  }

  add(key: SmashsendApiKeyRecord): void {
    this.keys.set(key.id, key);
    this.hold(Date.parse(key.createdAt), 1);
    this.sorted = undefined;
  }

  remove(key: SmashsendApiKeyRecord): void {
    this.keys.delete(key.id);
    this.hold(Date.parse(key.createdAt), -1);
    this.sorted = undefined;
  }

  redate(key: SmashsendApiKeyRecord, createdAt: string): void {
    this.hold(Date.parse(key.createdAt), -1);
    this.hold(Date.parse(createdAt), 1);
    key.createdAt = createdAt;
    this.sorted = undefined;
  }

  /** Counts one more (`by` 1) or one fewer (-1) key at the instant `ms`. */
  private hold(ms: number, by: 1 | -1): void {
    const n = (this.instants.get(ms) ?? 0) + by;
    if (n > 0) this.instants.set(ms, n);
    else this.instants.delete(ms);
  }

  /**
   * The creation instant of a key made through the API, as a server that serialises its writes gives them: the
   * clock, but never at or before the last one it gave (a burst of concurrent creates comes out 1 ms apart), and never
   * a millisecond a key of the workspace already holds. So keys made through the API never share a millisecond, with
   * each other or with any other key, and a client passing the plain `startAt` cursor back always reaches the end.
   * Ties come only when asked for: `generate` with `createdAt` or `burst`, or re-dating a key (`setCreatedAt`).
   */
  nextCreatedAt(): string {
    let ms = Math.max(Date.now(), this.lastCreatedMs + 1);
    while (this.instants.has(ms)) ms += 1;
    this.lastCreatedMs = ms;
    return cursorOf(ms);
  }

  private order(sort: SmashsendSort): Dated[] {
    if (!this.sorted) {
      const asc = [...this.keys.values()].map((key) => ({ key, ms: Date.parse(key.createdAt) })).sort(byTimeThenId);
      this.sorted = { asc, desc: [...asc].reverse() };
    }
    return sort === 'createdAt.asc' ? this.sorted.asc : this.sorted.desc;
  }

  /** One page from the instant `startMs` on (inclusive); see "paging cursor" above. */
  list(limit: number, sort: SmashsendSort, startMs?: number): SmashsendPage {
    const ordered = this.order(sort);
    const first = startMs === undefined ? 0 : firstAtOrAfter(ordered, startMs, sort === 'createdAt.asc' ? 1 : -1);
    const page = ordered.slice(first, first + limit);
    const next = ordered[first + limit];
    return {
      items: page.map(({ key }) => viewKey(key)),
      hasMore: next !== undefined,
      startAt: next === undefined ? null : cursorOf(next.ms),
    };
  }
}

/**
 * Every SMASHSEND workspace the sandbox holds: the main one (`SMASHSEND_SEED`, the one the sandbox credential manages,
 * where `generate` adds keys) and another tenant's (`SMASHSEND_OTHER_WORKSPACE_SEED`). Key ids and secrets are unique
 * across all of them; a key acts only in its own workspace.
 */
export class SmashsendStore {
  private readonly workspaces = new Map<string, SmashsendWorkspace>();
  private main!: SmashsendWorkspace;
  private readonly byId = new Map<string, SmashsendApiKeyRecord>();
  private readonly bySecret = new Map<string, SmashsendApiKeyRecord>();
  private generated = 0;
  /** Minutes of the default generation timeline already used. */
  private slots = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.workspaces.clear();
    this.byId.clear();
    this.bySecret.clear();
    for (const seed of structuredClone([SMASHSEND_SEED, SMASHSEND_OTHER_WORKSPACE_SEED])) {
      const workspace = new SmashsendWorkspace(seed.user);
      this.workspaces.set(workspace.id, workspace);
      for (const key of seed.keys) this.add(key);
    }
    this.main = this.workspace(SMASHSEND_SEED.user.workspaceId);
    this.generated = 0;
    this.slots = 0;
  }

  /** The main workspace's id. */
  get workspaceId(): string {
    return this.main.id;
  }

  /** How many keys the main workspace holds. */
  get size(): number {
    return this.main.keys.size;
  }

  private workspace(id: string): SmashsendWorkspace {
    const workspace = this.workspaces.get(id);
    if (!workspace) throw new Error(`The sandbox has no SMASHSEND workspace ${id}`);
    return workspace;
  }

  /** The owner of a key's workspace: what `/v1/users/me` answers for that key. */
  userOf(key: SmashsendApiKeyRecord): SmashsendUser {
    return this.workspace(key.workspaceId).user;
  }

  private add(key: SmashsendApiKeyRecord): void {
    this.workspace(key.workspaceId).add(key);
    this.byId.set(key.id, key);
    this.bySecret.set(key.secretKey, key);
  }

  /** The key a secret authenticates: an existing, ACTIVE key whose full secret it is, in whichever workspace. */
  findBySecret(secret: string): SmashsendApiKeyRecord | undefined {
    const key = this.bySecret.get(secret);
    return key?.status === 'ACTIVE' ? key : undefined;
  }

  /** A key by id in any workspace (the control API's view). */
  findById(id: string): SmashsendApiKeyRecord | undefined {
    return this.byId.get(id);
  }

  /** A key by id in one workspace only (what the API's workspace routes see). */
  findInWorkspace(workspaceId: string, id: string): SmashsendApiKeyRecord | undefined {
    const key = this.byId.get(id);
    return key?.workspaceId === workspaceId ? key : undefined;
  }

  private uniqueId(): string {
    let id = newSmashsendKeyId();
    while (this.byId.has(id)) id = newSmashsendKeyId();
    return id;
  }

  /**
   * A new ACTIVE key with a new secret in a workspace, created at `createdAt`, or by default when the API would
   * (`nextCreatedAt`: never in a millisecond another key of that workspace holds).
   */
  create(workspaceId: string, displayName: string, role: SmashsendRole, createdAt?: string): SmashsendApiKeyRecord {
    const at = createdAt ?? this.workspace(workspaceId).nextCreatedAt();
    const key: SmashsendApiKeyRecord = {
      id: this.uniqueId(),
      displayName,
      role,
      status: 'ACTIVE',
      secretKey: newSmashsendSecret(),
      workspaceId,
      createdAt: at,
      updatedAt: at,
    };
    this.add(key);
    return key;
  }

  /**
   * Adds `count` API_USER keys named "Generated Key NNNNN" to the main workspace (numbering continues across calls). By
   * default each gets its own minute on a timeline from 2023-01-01 (before the seed keys; continued by later calls),
   * `burst` keys per minute; `createdAt` puts them all at one instant; `from` / `stepMs` / `burst` date them explicitly.
   */
  generate(count: number, opts: SmashsendGenerateOptions = {}): SmashsendApiKeyRecord[] {
    const burst = opts.createdAt !== undefined ? count : (opts.burst ?? 1);
    const instants = Math.ceil(count / burst);
    let start: number;
    let step: number;
    if (opts.createdAt !== undefined) [start, step] = [Date.parse(opts.createdAt), 0];
    else if (opts.from !== undefined) [start, step] = [Date.parse(opts.from), opts.stepMs ?? MINUTE];
    else {
      [start, step] = [GENERATE_EPOCH + (this.slots + 1) * MINUTE, MINUTE];
      this.slots += instants;
    }
    const made: SmashsendApiKeyRecord[] = [];
    for (let i = 0; i < count; i += 1) {
      this.generated += 1;
      const at = cursorOf(start + Math.floor(i / burst) * step);
      made.push(this.create(this.main.id, `Generated Key ${String(this.generated).padStart(5, '0')}`, 'API_USER', at));
    }
    return made;
  }

  update(key: SmashsendApiKeyRecord, changes: { displayName?: string; role?: SmashsendRole }): SmashsendApiKeyRecord {
    if (changes.displayName === undefined && changes.role === undefined) return key;
    if (changes.displayName !== undefined) key.displayName = changes.displayName;
    if (changes.role !== undefined) key.role = changes.role;
    // Never before the key's creation or last update (a key made in a burst may be dated a few ms ahead of the clock).
    key.updatedAt = cursorOf(Math.max(Date.now(), Date.parse(key.createdAt), Date.parse(key.updatedAt)));
    return key;
  }

  /** Re-dates a key (control API, to test ages). A key never updated keeps `updatedAt` equal to `createdAt`. */
  setCreatedAt(key: SmashsendApiKeyRecord, createdAt: string): SmashsendApiKeyRecord {
    const at = cursorOf(Date.parse(createdAt));
    const neverUpdated = key.updatedAt === key.createdAt;
    this.workspace(key.workspaceId).redate(key, at);
    if (neverUpdated || Date.parse(key.updatedAt) < Date.parse(at)) key.updatedAt = at;
    return key;
  }

  remove(key: SmashsendApiKeyRecord): void {
    this.workspace(key.workspaceId).remove(key);
    this.byId.delete(key.id);
    this.bySecret.delete(key.secretKey);
  }

  /** One page of a workspace's keys from the instant `startMs` on (inclusive); see "paging cursor" above. */
  list(workspaceId: string, limit: number, sort: SmashsendSort, startMs?: number): SmashsendPage {
    return this.workspace(workspaceId).list(limit, sort, startMs);
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

  app.setNotFoundHandler((request, reply) => send(reply, 404, `Cannot ${request.method} ${requestPath(request)}`));

  app.get('/api-keys/check', async (request) => {
    const key = caller(request);
    return { status: 'SUCCEED', displayName: key.displayName, role: key.role };
  });

  app.get('/api-keys/current', async (request) => {
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

  app.get('/users/me', async (request) => ({ user: { ...store.userOf(caller(request)) } }));

  app.get<{ Params: WorkspaceParams; Querystring: ListQuery }>(
    '/workspaces/:workspaceId/api-keys',
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
      const startMs = request.query.startAt === undefined ? undefined : Date.parse(request.query.startAt);
      if (startMs !== undefined && Number.isNaN(startMs)) return send(reply, 400, 'startAt must be an ISO 8601 date');
      return { apiKeys: store.list(request.params.workspaceId, limit, request.query.sort ?? 'createdAt.desc', startMs) };
    },
  );

  app.post<{ Params: WorkspaceParams; Body: CreateBody }>(
    '/workspaces/:workspaceId/api-keys',
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
    async (request) => ({
      apiKey: viewKey(store.create(request.params.workspaceId, request.body.displayName, request.body.role), true),
    }),
  );

  app.post<{ Params: KeyParams; Body: UpdateBody }>(
    '/workspaces/:workspaceId/api-keys/:apiKeyId',
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
      const key = store.findInWorkspace(request.params.workspaceId, request.params.apiKeyId);
      if (!key) return send(reply, 404, 'API key not found.');
      return { apiKey: viewKey(store.update(key, request.body)) };
    },
  );

  app.delete<{ Params: KeyParams }>(
    '/workspaces/:workspaceId/api-keys/:apiKeyId',
    { onRequest: guardWorkspace },
    async (request, reply) => {
      const key = store.findInWorkspace(request.params.workspaceId, request.params.apiKeyId);
      if (!key) return send(reply, 404, 'API key not found.');
      store.remove(key);
      return { apiKey: viewKey(key), isDeleted: true };
    },
  );
}
