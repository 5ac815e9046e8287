// Every operation the benchmark runs, with the two baselines it is compared against: the minimal perform a user
// would hand-write (the same vendor calls, nothing else), run once through a bare `z.request` and once through a
// bare `fetch`. Each baseline is written once against a tiny `Http` function so both transports send exactly the
// same requests. Each operation also says how plain Node does it with the connector (its `connector` call).
// Types only from Zapier: bench/connectorChild.ts loads this file in a process without it.

import type { Bundle, ZObject } from 'zapier-platform-core';
import { LEAKED, operation } from '../../test/support/operations';
import {
  auditApiKeys,
  identifySecret,
  isOlderThan,
  revokeLeakedKey,
  rotateSmashsendApiKey,
  type SmarteClient,
  type SmartLeadClient,
  type SmashsendClient,
} from '@keyring/connector';
import { newestFirst, smartleadKeyRow, smashsendKeyRow } from '@keyring/connector/internal';

export interface Endpoints {
  smashsend: string;
  smartlead: string;
  smarte: string;
}

export interface Credentials {
  smashsend_api_key: string;
  smashsend_workspace_id: string;
  smartlead_api_key: string;
  smarte_api_key: string;
}

interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: Record<string, unknown>;
}

/** One vendor call; resolves with the parsed JSON body, rejects on a non-2xx status. */
export type Http = (request: HttpRequest) => Promise<unknown>;

/** A bare z.request: core encodes the JSON body, parses the JSON answer and throws for 4xx/5xx (its defaults). */
function httpViaZ(z: ZObject): Http {
  return async ({ method = 'GET', url, query, headers, body }) =>
    (await z.request<unknown>({ url, method, params: query, headers, body })).data;
}

/** A bare fetch (the global one as Node provides it, captured before core wraps it with its logger). */
export function httpViaFetch(fetchFunction: typeof fetch): Http {
  return async ({ method = 'GET', url, query, headers = {}, body }) => {
    const search = query ? `?${new URLSearchParams(query).toString()}` : '';
    const response = await fetchFunction(url + search, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
}

/** What a baseline perform sees: the vendor URLs (from the environment, as the app reads them) and the connection. */
export interface BaselineContext {
  urls: Endpoints;
  auth: Credentials;
  input: Record<string, unknown>;
}

type Baseline = (http: Http, context: BaselineContext) => Promise<unknown>;

/** The connector's three clients, built for one call (fetch transport, the sandbox's base URLs). */
export interface ConnectorClients {
  smashsend: SmashsendClient;
  smartlead: SmartLeadClient;
  smarte: SmarteClient;
}

/** The operation as plain Node does it with the connector: the same vendor calls, typed and checked. */
type ConnectorCall = (clients: ConnectorClients, context: BaselineContext) => Promise<unknown>;

type OperationKind = 'triggers' | 'creates' | 'searches' | 'authentication';

export interface OperationSpec {
  /** The app's key (for authentication: "test"). */
  key: string;
  kind: OperationKind;
  vendor: 'SMASHSEND' | 'SmartLead' | 'SMARTe' | 'all three';
  input?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  /** Told apart from other specs of the same key in every table (e.g. the vendor a leaked secret belongs to). */
  variant?: string;
  /** 'noWorkspace': the connection has no smashsend_workspace_id, so it must be discovered first. */
  connection?: 'noWorkspace';
  /** The fewest vendor calls that can do this operation. */
  minimumCalls: number;
  /** Re-seed the sandbox before every run (the operation changes vendor state). */
  mutates?: boolean;
  /** Untimed preparation after the re-seed (e.g. suspend a key so that it can be reactivated). */
  setup?: (http: Http, context: BaselineContext) => Promise<void>;
  baseline: Baseline;
  connector: ConnectorCall;
}

type Json = Record<string, unknown>;

/** The operation's sample input for the sandbox's seed: the same the tests run (test/support/operations.ts). */
const sampleInput = (key: string): Record<string, unknown> => operation(key).input;

function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`baseline: ${what} is not an object`);
  return value as Json;
}

function list(value: unknown, what: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`baseline: ${what} is not a list`);
  return value.map((item) => record(item, what));
}

// ---- SMASHSEND: Bearer key, workspace in the path ----

const bearer = (c: BaselineContext) => ({ authorization: `Bearer ${c.auth.smashsend_api_key}` });
const smashsendKeys = (c: BaselineContext) => `${c.urls.smashsend}/v1/workspaces/${c.auth.smashsend_workspace_id}/api-keys`;

interface SmashsendPage {
  items: Json[];
  hasMore: boolean;
  startAt: string | null;
}

async function smashsendPage(http: Http, c: BaselineContext, startAt?: string): Promise<SmashsendPage> {
  const query: Record<string, string> = { limit: '100', sort: 'createdAt.desc' };
  if (startAt) query.startAt = startAt;
  const apiKeys = record(record(await http({ url: smashsendKeys(c), query, headers: bearer(c) }), 'list answer').apiKeys, 'apiKeys');
  return {
    items: list(apiKeys.items, 'apiKeys.items'),
    hasMore: apiKeys.hasMore === true,
    startAt: typeof apiKeys.startAt === 'string' ? apiKeys.startAt : null,
  };
}

/** Pages newest first until `match` finds something on a page (the same strategy as the app's search). */
async function smashsendFirstPageMatch(http: Http, c: BaselineContext, match: (key: Json) => boolean): Promise<Json[]> {
  let startAt: string | undefined;
  for (;;) {
    const page = await smashsendPage(http, c, startAt);
    const found = page.items.filter(match);
    if (found.length > 0 || !page.hasMore || page.startAt === null) return found;
    startAt = page.startAt;
  }
}

/** The connection key's id per key, remembered for the process as the app remembers it (lib/clients.ts). */
const connectionKeyIds = new Map<string, unknown>();

/**
 * Forgets those ids: for a comparison with a client built per call (the connector from plain Node, which asks
 * GET /v1/api-keys/current once per client), the baseline asks once per call too.
 */
export function forgetConnectionKeyIds(): void {
  connectionKeyIds.clear();
}

/**
 * The safety lookup every step that can disable a key makes (issue #16): GET /v1/api-keys/current names the key this
 * connection signs in with — once per key and process, as the app asks it — and the baseline refuses it as the app does.
 */
async function refuseOwnSmashsendKey(http: Http, c: BaselineContext, id: unknown): Promise<void> {
  const key = String(c.auth.smashsend_api_key);
  if (!connectionKeyIds.has(key)) {
    const answer = record(await http({ url: `${c.urls.smashsend}/v1/api-keys/current`, headers: bearer(c) }), 'current');
    connectionKeyIds.set(key, record(answer.apiKey, 'apiKey').id);
  }
  if (connectionKeyIds.get(key) === id) throw new Error("baseline: that is the connection's own key");
}

const sameName = (wanted: unknown) => (key: Json) => String(key.displayName).trim().toLowerCase() === String(wanted).trim().toLowerCase();

// ---- SmartLead: ?api_key= ----

const smartleadQuery = (c: BaselineContext, extra: Record<string, string> = {}) => ({ ...extra, api_key: c.auth.smartlead_api_key });
const dataOf = (body: unknown) => (Array.isArray(body) ? body : record(body, 'SmartLead answer').data);

// ---- SMARTe: Api-Key header, every call a POST ----

const smarteHeaders = (c: BaselineContext) => ({ 'api-key': c.auth.smarte_api_key });
const withId = (key: Json) => ({ ...key, id: key.keyId });

async function smarteView(http: Http, c: BaselineContext, body: Json): Promise<unknown> {
  return record(await http({ method: 'POST', url: `${c.urls.smarte}/signals/v1/key/view`, body, headers: smarteHeaders(c) }), 'view answer')
    .data;
}

// ---- Key hygiene and leaked keys: the rows a hand-written perform would build ----

const DAY = 86_400_000;
/** Epoch ms of a vendor's date, NaN when absent or unreadable. */
const timeOf = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : Number.NaN);
const masked = (value: unknown) => (typeof value === 'string' && value !== '' ? `********${value.slice(-4)}` : null);

interface RowFacts {
  vendor: string;
  keyId: unknown;
  name: unknown;
  status: unknown;
  createdAt: unknown;
  hint: string | null;
  own: boolean;
  clientId?: unknown;
}

/** One key as the hygiene steps show it: its age and staleness at `now`, a hint, whether it is the connection's own. */
function keyRow(facts: RowFacts, now: number, olderThanDays?: number): Json {
  const time = timeOf(facts.createdAt);
  const dated = !Number.isNaN(time);
  return {
    id: `${facts.vendor}:${String(facts.keyId)}`,
    vendor: facts.vendor,
    key_id: String(facts.keyId),
    name: facts.name,
    status: facts.status ?? null,
    created_at: dated ? new Date(time).toISOString() : null,
    age_days: dated ? Math.max(0, Math.floor((now - time) / DAY)) : null,
    stale: dated && olderThanDays !== undefined && now - time > olderThanDays * DAY,
    key_hint: facts.hint,
    client_id: typeof facts.clientId === 'number' ? facts.clientId : null,
    connection_key: facts.own,
  };
}

/** Newest first by created_at (undated rows last, in their order). */
function newestRowsFirst(rows: Json[]): Json[] {
  return rows
    .map((row, index) => ({ row, index, time: timeOf(row.created_at) }))
    .sort((a, b) => (Number.isNaN(b.time) ? -Infinity : b.time) - (Number.isNaN(a.time) ? -Infinity : a.time) || a.index - b.index)
    .map(({ row }) => row);
}

/** The connection key's id (GET /v1/api-keys/current, once per key and process, as refuseOwnSmashsendKey asks it). */
async function smashsendConnectionKeyId(http: Http, c: BaselineContext): Promise<unknown> {
  const key = String(c.auth.smashsend_api_key);
  if (!connectionKeyIds.has(key)) {
    const answer = record(await http({ url: `${c.urls.smashsend}/v1/api-keys/current`, headers: bearer(c) }), 'current');
    connectionKeyIds.set(key, record(answer.apiKey, 'apiKey').id);
  }
  return connectionKeyIds.get(key);
}

/** Every SMASHSEND key, page after page (newest first). */
async function smashsendAllKeys(http: Http, c: BaselineContext): Promise<Json[]> {
  const keys: Json[] = [];
  let startAt: string | undefined;
  for (;;) {
    const page = await smashsendPage(http, c, startAt);
    keys.push(...page.items);
    if (!page.hasMore || page.startAt === null) return keys;
    startAt = page.startAt;
  }
}

const smartleadKeys = async (http: Http, c: BaselineContext) =>
  list(dataOf(await http({ url: `${c.urls.smartlead}/api/v1/client/api-key`, query: smartleadQuery(c) })), 'SmartLead keys');
const smarteKeys = async (http: Http, c: BaselineContext) => list(await smarteView(http, c, {}), 'SMARTe keys');

const smashsendFacts = (key: Json, own: boolean): RowFacts => ({
  vendor: 'SMASHSEND',
  keyId: key.id,
  name: key.displayName,
  status: key.status,
  createdAt: key.createdAt,
  hint: typeof key.secretKey === 'string' ? key.secretKey : null,
  own,
});
const smartleadFacts = (key: Json, c: BaselineContext): RowFacts => ({
  vendor: 'SmartLead',
  keyId: key.id,
  name: key.key_name,
  status: key.status,
  createdAt: key.created_at,
  hint: masked(key.api_key),
  own: key.api_key === c.auth.smartlead_api_key,
  clientId: key.client_id,
});
const smarteFacts = (key: Json, c: BaselineContext): RowFacts => ({
  vendor: 'SMARTe',
  keyId: key.keyId,
  name: key.email,
  status: key.status,
  createdAt: undefined,
  hint: masked(key.apiKey),
  own: key.apiKey === c.auth.smarte_api_key,
});

/**
 * The key a leaked secret is, at the vendor its shape suggests: the one the app asks first, and where each sample secret
 * is (asking the others is not written here: a secret found elsewhere fails the baseline, rather than compare less work).
 */
async function identifyBaseline(http: Http, c: BaselineContext, secret: string): Promise<Json> {
  if (secret.startsWith('sk_live_') || secret.startsWith('sk_test_')) {
    const current = record(
      record(await http({ url: `${c.urls.smashsend}/v1/api-keys/current`, headers: { authorization: `Bearer ${secret}` } }), 'current')
        .apiKey,
      'apiKey',
    );
    const revocable = current.workspaceId === c.auth.smashsend_workspace_id;
    return {
      vendor: 'SMASHSEND',
      key_id: current.id,
      name: current.displayName,
      role: current.role,
      status: current.status,
      live: true,
      revocable,
      key_hint: masked(secret),
      connection_key: secret === c.auth.smashsend_api_key,
    };
  }
  if (/[+/=]/.test(secret)) {
    const key = (await smarteKeys(http, c)).find((candidate) => candidate.apiKey === secret);
    if (!key) throw new Error('baseline: the secret is not a SMARTe key');
    const live = String(key.status).toLowerCase() === 'active';
    return {
      vendor: 'SMARTe',
      key_id: key.keyId,
      name: key.email,
      status: key.status,
      live,
      revocable: live,
      key_hint: masked(secret),
      connection_key: secret === c.auth.smarte_api_key,
    };
  }
  const key = (await smartleadKeys(http, c)).find((candidate) => candidate.api_key === secret);
  if (!key) throw new Error('baseline: the secret is not a SmartLead client key');
  return {
    vendor: 'SmartLead',
    key_id: String(key.id),
    name: key.key_name,
    status: key.status,
    live: key.status === 'active',
    revocable: true,
    key_hint: masked(secret),
    connection_key: false,
  };
}

/** Revokes the identified key as the app does by default (replace on): SMASHSEND delete + twin + its check, SmartLead reset, SMARTe suspend. */
async function revokeBaseline(http: Http, c: BaselineContext, key: Json): Promise<Json> {
  switch (key.vendor) {
    case 'SMASHSEND': {
      await http({ method: 'DELETE', url: `${smashsendKeys(c)}/${String(key.key_id)}`, headers: bearer(c) });
      const twin = record(
        record(
          await http({ method: 'POST', url: smashsendKeys(c), body: { displayName: key.name, role: key.role }, headers: bearer(c) }),
          'answer',
        ).apiKey,
        'apiKey',
      );
      await http({ url: `${c.urls.smashsend}/v1/api-keys/check`, headers: { authorization: `Bearer ${String(twin.secretKey)}` } });
      return { ...key, action: 'rotated', new_key_id: twin.id, new_secret: twin.secretKey, warning: '' };
    }
    case 'SmartLead': {
      const reset = record(
        dataOf(
          await http({
            method: 'PUT',
            url: `${c.urls.smartlead}/api/v1/client/api-key/reset/${String(key.key_id)}`,
            query: smartleadQuery(c),
          }),
        ),
        'reset answer',
      );
      return { ...key, action: 'reset', new_key_id: String(reset.id), new_secret: reset.api_key, warning: '' };
    }
    default:
      await http({
        method: 'POST',
        url: `${c.urls.smarte}/signals/v1/key/update`,
        body: { email: key.name, action: 'suspend' },
        headers: smarteHeaders(c),
      });
      return { ...key, action: 'suspended', warning: '' };
  }
}

/** One key's status as API Key Status Changed shows it: a new status is a new id. */
function statusRow(vendor: string, keyId: unknown, name: unknown, status: unknown, changedAt: unknown, hint: string | null): Json {
  const time = timeOf(changedAt);
  const state = typeof status === 'string' && status.trim() !== '' ? status.trim() : 'unknown';
  return {
    id: `${vendor}:${String(keyId)}:${state}`,
    vendor,
    key_id: String(keyId),
    name,
    status: state,
    changed_at: Number.isNaN(time) ? null : new Date(time).toISOString(),
    key_hint: hint,
  };
}

/** Newest change first where the vendor dates changes, the others after in their order. */
function newestChangeFirst(rows: Json[]): Json[] {
  return rows
    .map((row, index) => ({ row, index, time: timeOf(row.changed_at) }))
    .sort((a, b) => (Number.isNaN(b.time) ? -Infinity : b.time) - (Number.isNaN(a.time) ? -Infinity : a.time) || a.index - b.index)
    .map(({ row }) => row);
}

const LEAK_VENDORS = [
  { vendor: 'SMASHSEND', secret: LEAKED.smashsend },
  { vendor: 'SmartLead', secret: LEAKED.smartlead },
  { vendor: 'SMARTe', secret: LEAKED.smarte },
] as const;

const AGE_DAYS = 30;

export const OPERATIONS: OperationSpec[] = [
  // Triggers
  {
    key: 'new_smashsend_api_key',
    kind: 'triggers',
    vendor: 'SMASHSEND',
    minimumCalls: 1,
    baseline: async (http, c) => (await smashsendPage(http, c)).items,
    connector: async (k) => (await k.smashsend.listApiKeys({ limit: 100, sort: 'createdAt.desc' })).items,
  },
  {
    key: 'new_smashsend_api_key',
    kind: 'triggers',
    vendor: 'SMASHSEND',
    connection: 'noWorkspace',
    // Without the workspace id in the connection: GET /v1/api-keys/current first (no cache across steps).
    minimumCalls: 2,
    baseline: async (http, c) => {
      const current = record(
        record(await http({ url: `${c.urls.smashsend}/v1/api-keys/current`, headers: bearer(c) }), 'api-keys/current answer').apiKey,
        'apiKey',
      );
      return (await smashsendPage(http, { ...c, auth: { ...c.auth, smashsend_workspace_id: String(current.workspaceId) } })).items;
    },
    connector: async (k) => (await k.smashsend.listApiKeys({ limit: 100, sort: 'createdAt.desc' })).items,
  },
  {
    key: 'smashsend_api_key_list',
    kind: 'triggers',
    vendor: 'SMASHSEND',
    meta: { page: 0 },
    minimumCalls: 1,
    baseline: async (http, c) => (await smashsendPage(http, c)).items,
    connector: async (k) => (await k.smashsend.listApiKeys({ limit: 100, sort: 'createdAt.desc' })).items,
  },
  {
    key: 'new_smartlead_client_api_key',
    kind: 'triggers',
    vendor: 'SmartLead',
    minimumCalls: 1,
    baseline: async (http, c) => dataOf(await http({ url: `${c.urls.smartlead}/api/v1/client/api-key`, query: smartleadQuery(c) })),
    connector: (k) => k.smartlead.listClientApiKeys(),
  },
  {
    key: 'smartlead_client_list',
    kind: 'triggers',
    vendor: 'SmartLead',
    minimumCalls: 1,
    baseline: async (http, c) => dataOf(await http({ url: `${c.urls.smartlead}/api/v1/client/`, query: smartleadQuery(c) })),
    connector: (k) => k.smartlead.listClients(),
  },
  {
    key: 'smartlead_client_api_key_list',
    kind: 'triggers',
    vendor: 'SmartLead',
    minimumCalls: 1,
    baseline: async (http, c) => dataOf(await http({ url: `${c.urls.smartlead}/api/v1/client/api-key`, query: smartleadQuery(c) })),
    connector: (k) => k.smartlead.listClientApiKeys(),
  },
  {
    key: 'new_smarte_api_key',
    kind: 'triggers',
    vendor: 'SMARTe',
    minimumCalls: 1,
    baseline: async (http, c) => list(await smarteView(http, c, {}), 'keys').map(withId),
    connector: (k) => k.smarte.listKeys(),
  },
  {
    key: 'smarte_api_key_list',
    kind: 'triggers',
    vendor: 'SMARTe',
    minimumCalls: 1,
    baseline: async (http, c) => list(await smarteView(http, c, {}), 'keys').map(withId),
    connector: (k) => k.smarte.listKeys(),
  },
  // Creates
  {
    key: 'create_smashsend_api_key',
    kind: 'creates',
    vendor: 'SMASHSEND',
    input: sampleInput('create_smashsend_api_key'),
    minimumCalls: 1,
    mutates: true,
    baseline: async (http, c) =>
      record(
        await http({
          method: 'POST',
          url: smashsendKeys(c),
          body: { displayName: c.input.displayName, role: c.input.role },
          headers: bearer(c),
        }),
        'answer',
      ).apiKey,
    connector: (k, c) => k.smashsend.createApiKey({ displayName: String(c.input.displayName), role: String(c.input.role) }),
  },
  {
    key: 'update_smashsend_api_key',
    kind: 'creates',
    vendor: 'SMASHSEND',
    input: sampleInput('update_smashsend_api_key'),
    minimumCalls: 1,
    mutates: true,
    baseline: async (http, c) =>
      record(
        await http({
          method: 'POST',
          url: `${smashsendKeys(c)}/${String(c.input.apiKeyId)}`,
          body: { displayName: c.input.displayName },
          headers: bearer(c),
        }),
        'answer',
      ).apiKey,
    connector: (k, c) => k.smashsend.updateApiKey(String(c.input.apiKeyId), { displayName: String(c.input.displayName) }),
  },
  {
    key: 'delete_smashsend_api_key',
    kind: 'creates',
    vendor: 'SMASHSEND',
    input: sampleInput('delete_smashsend_api_key'),
    // The delete, after the safety lookup (is it the connection's own key?): GET /v1/api-keys/current once per key and
    // process, so a warm container (as counted, after a warm-up run) sends the delete alone.
    minimumCalls: 1,
    mutates: true,
    baseline: async (http, c) => {
      await refuseOwnSmashsendKey(http, c, c.input.apiKeyId);
      const body = record(
        await http({ method: 'DELETE', url: `${smashsendKeys(c)}/${String(c.input.apiKeyId)}`, headers: bearer(c) }),
        'answer',
      );
      return { ...record(body.apiKey, 'apiKey'), isDeleted: body.isDeleted };
    },
    connector: (k, c) => k.smashsend.deleteApiKey(String(c.input.apiKeyId)),
  },
  {
    key: 'rotate_smashsend_api_key',
    kind: 'creates',
    vendor: 'SMASHSEND',
    input: sampleInput('rotate_smashsend_api_key'),
    // SMASHSEND has no single-key read: one list page to learn the old key's name and role, a create, the new key's
    // check with its own secret (so that a key that does not work never replaces one that does), a delete. The safety
    // lookup (is it the connection's own key?) is one more call in a cold container only, as for the delete.
    minimumCalls: 4,
    mutates: true,
    baseline: async (http, c) => {
      const [old] = await smashsendFirstPageMatch(http, c, (key) => key.id === c.input.apiKeyId);
      if (!old) throw new Error('baseline: the key to rotate is not in the list');
      await refuseOwnSmashsendKey(http, c, old.id);
      const created = record(
        record(
          await http({ method: 'POST', url: smashsendKeys(c), body: { displayName: old.displayName, role: old.role }, headers: bearer(c) }),
          'answer',
        ).apiKey,
        'apiKey',
      );
      const check = record(
        await http({ url: `${c.urls.smashsend}/v1/api-keys/check`, headers: { authorization: `Bearer ${String(created.secretKey)}` } }),
        'check answer',
      );
      if (check.status !== 'SUCCEED') throw new Error('baseline: the new key did not pass its check');
      await http({ method: 'DELETE', url: `${smashsendKeys(c)}/${String(old.id)}`, headers: bearer(c) });
      return { ...created, replacedKeyId: old.id, oldKeyDeleted: true };
    },
    connector: (k, c) => rotateSmashsendApiKey(k.smashsend, String(c.input.apiKeyId)),
  },
  {
    key: 'create_smartlead_client_api_key',
    kind: 'creates',
    vendor: 'SmartLead',
    input: sampleInput('create_smartlead_client_api_key'),
    minimumCalls: 1,
    mutates: true,
    baseline: async (http, c) =>
      dataOf(
        await http({
          method: 'POST',
          url: `${c.urls.smartlead}/api/v1/client/api-key`,
          query: smartleadQuery(c),
          body: { clientId: c.input.clientId, keyName: c.input.keyName },
        }),
      ),
    connector: (k, c) => k.smartlead.createClientApiKey({ clientId: Number(c.input.clientId), keyName: String(c.input.keyName) }),
  },
  {
    key: 'reset_smartlead_client_api_key',
    kind: 'creates',
    vendor: 'SmartLead',
    input: sampleInput('reset_smartlead_client_api_key'),
    minimumCalls: 1,
    mutates: true,
    baseline: async (http, c) =>
      dataOf(
        await http({
          method: 'PUT',
          url: `${c.urls.smartlead}/api/v1/client/api-key/reset/${String(c.input.keyId)}`,
          query: smartleadQuery(c),
        }),
      ),
    connector: (k, c) => k.smartlead.resetClientApiKey(Number(c.input.keyId)),
  },
  {
    key: 'delete_smartlead_client_api_key',
    kind: 'creates',
    vendor: 'SmartLead',
    input: sampleInput('delete_smartlead_client_api_key'),
    minimumCalls: 1,
    mutates: true,
    baseline: async (http, c) => {
      await http({ method: 'DELETE', url: `${c.urls.smartlead}/api/v1/client/api-key/${String(c.input.keyId)}`, query: smartleadQuery(c) });
      return { id: c.input.keyId, deleted: true };
    },
    connector: (k, c) => k.smartlead.deleteClientApiKey(Number(c.input.keyId)),
  },
  {
    key: 'create_smarte_api_key',
    kind: 'creates',
    vendor: 'SMARTe',
    input: sampleInput('create_smarte_api_key'),
    minimumCalls: 1,
    mutates: true,
    baseline: async (http, c) =>
      withId(
        record(
          record(
            await http({
              method: 'POST',
              url: `${c.urls.smarte}/signals/v1/key/createsignalapikey`,
              body: { email: c.input.email },
              headers: smarteHeaders(c),
            }),
            'answer',
          ).data,
          'data',
        ),
      ),
    connector: (k, c) => k.smarte.createKey(String(c.input.email)),
  },
  {
    key: 'suspend_smarte_api_key',
    kind: 'creates',
    vendor: 'SMARTe',
    input: sampleInput('suspend_smarte_api_key'),
    // The view of the one key first (it exists, and it is not the connection's own admin key), then the update.
    minimumCalls: 2,
    mutates: true,
    baseline: async (http, c) => {
      const viewed = await smarteView(http, c, { email: c.input.email });
      const key = record(Array.isArray(viewed) ? viewed[0] : viewed, 'key');
      if (key.apiKey === c.auth.smarte_api_key) throw new Error("baseline: that is the connection's own key");
      return record(
        await http({
          method: 'POST',
          url: `${c.urls.smarte}/signals/v1/key/update`,
          body: { email: c.input.email, action: 'suspend' },
          headers: smarteHeaders(c),
        }),
        'answer',
      );
    },
    connector: (k, c) => k.smarte.suspendKey(String(c.input.email)),
  },
  {
    key: 'reactivate_smarte_api_key',
    kind: 'creates',
    vendor: 'SMARTe',
    input: sampleInput('reactivate_smarte_api_key'),
    minimumCalls: 1,
    mutates: true,
    setup: async (http, c) => {
      await http({
        method: 'POST',
        url: `${c.urls.smarte}/signals/v1/key/update`,
        body: { email: c.input.email, action: 'suspend' },
        headers: smarteHeaders(c),
      });
    },
    baseline: async (http, c) =>
      record(
        await http({
          method: 'POST',
          url: `${c.urls.smarte}/signals/v1/key/update`,
          body: { email: c.input.email, action: 'activate' },
          headers: smarteHeaders(c),
        }),
        'answer',
      ),
    connector: (k, c) => k.smarte.reactivateKey(String(c.input.email)),
  },
  // Searches
  {
    key: 'find_smashsend_api_key',
    kind: 'searches',
    vendor: 'SMASHSEND',
    input: sampleInput('find_smashsend_api_key'),
    // The paged search: ceil(position / 100) calls; the key is on the first page here (see the growth section).
    minimumCalls: 1,
    baseline: async (http, c) => smashsendFirstPageMatch(http, c, sameName(c.input.displayName)),
    connector: async (k, c) => {
      for await (const page of k.smashsend.pages({ sort: 'createdAt.desc' })) {
        const found = page.items.filter(sameName(c.input.displayName));
        if (found.length > 0) return found;
      }
      return [];
    },
  },
  {
    key: 'find_smartlead_client_api_key',
    kind: 'searches',
    vendor: 'SmartLead',
    input: sampleInput('find_smartlead_client_api_key'),
    minimumCalls: 1,
    baseline: async (http, c) =>
      dataOf(
        await http({ url: `${c.urls.smartlead}/api/v1/client/api-key`, query: smartleadQuery(c, { keyName: String(c.input.keyName) }) }),
      ),
    connector: (k, c) => k.smartlead.listClientApiKeys({ keyName: String(c.input.keyName) }),
  },
  {
    key: 'find_smarte_api_key',
    kind: 'searches',
    vendor: 'SMARTe',
    input: sampleInput('find_smarte_api_key'),
    minimumCalls: 1,
    baseline: async (http, c) => [withId(record(await smarteView(http, c, { email: c.input.email }), 'key'))],
    connector: (k, c) => k.smarte.findKeyByEmail(String(c.input.email)),
  },
  // Key hygiene: every vendor of the connection at once (the connection has all three).
  {
    key: 'api_key_reached_age',
    kind: 'triggers',
    vendor: 'all three',
    input: { age_days: AGE_DAYS },
    // SMASHSEND's page starting at the threshold and SmartLead's list (SMARTe keys carry no date), at once; the connection
    // key's id (GET /v1/api-keys/current) once per key and process, so a warm container sends the two lists alone.
    minimumCalls: 2,
    baseline: async (http, c) => {
      const now = Date.now();
      const days = Number(c.input.age_days);
      const threshold = new Date(now - days * DAY).toISOString();
      const [smashsend, smartlead] = await Promise.all([
        (async () => {
          const query = { limit: '100', sort: 'createdAt.desc', startAt: threshold };
          const apiKeys = record(
            record(await http({ url: smashsendKeys(c), query, headers: bearer(c) }), 'list answer').apiKeys,
            'apiKeys',
          );
          const own = await smashsendConnectionKeyId(http, c);
          return list(apiKeys.items, 'apiKeys.items')
            .filter((key) => now - timeOf(key.createdAt) > days * DAY)
            .map((key) => keyRow(smashsendFacts(key, key.id === own), now, days));
        })(),
        (async () =>
          (await smartleadKeys(http, c))
            .filter((key) => now - timeOf(key.created_at) > days * DAY)
            .map((key) => keyRow(smartleadFacts(key, c), now, days)))(),
      ]);
      return newestRowsFirst([...smashsend, ...smartlead]).slice(0, 100);
    },
    // As the step: SMASHSEND's page, then its connection key (asked after the list, as the app asks it), and SmartLead's
    // list at the same time; the rows the step returns, newest first.
    connector: async (k) => {
      const now = Date.now();
      const context = (own: boolean) => ({ now, olderThanDays: AGE_DAYS, connectionKey: own });
      const [smashsend, smartlead] = await Promise.all([
        (async () => {
          const page = await k.smashsend.listApiKeys({
            sort: 'createdAt.desc',
            startAt: new Date(now - AGE_DAYS * DAY).toISOString(),
            limit: 100,
          });
          const own = await k.smashsend.connectionKeyMatcher();
          return page.items
            .filter((key) => isOlderThan(key.createdAt, AGE_DAYS, now))
            .map((key) => smashsendKeyRow(key, context(own.match(key) === 'yes')));
        })(),
        (async () =>
          (await k.smartlead.listClientApiKeys())
            .filter((key) => isOlderThan(key.created_at, AGE_DAYS, now))
            .map((key) => smartleadKeyRow(key, context(k.smartlead.connectionKeyMatch(key) === 'yes'))))(),
      ]);
      return newestFirst([...smashsend, ...smartlead]).slice(0, 100);
    },
  },
  {
    key: 'api_key_status_changed',
    kind: 'triggers',
    vendor: 'all three',
    // Every SMASHSEND page (one here), SmartLead's list and SMARTe's view, at once.
    minimumCalls: 3,
    baseline: async (http, c) => {
      const [smashsend, smartlead, smarte] = await Promise.all([smashsendAllKeys(http, c), smartleadKeys(http, c), smarteKeys(http, c)]);
      const rows = [
        ...smashsend.map((key) =>
          statusRow(
            'SMASHSEND',
            key.id,
            key.displayName,
            key.status,
            key.updatedAt,
            typeof key.secretKey === 'string' ? key.secretKey : null,
          ),
        ),
        ...smartlead.map((key) => statusRow('SmartLead', key.id, key.key_name, key.status, undefined, masked(key.api_key))),
        ...smarte.map((key) => statusRow('SMARTe', key.keyId, key.email, key.status, undefined, masked(key.apiKey))),
      ];
      return newestChangeFirst(rows);
    },
    connector: async (k) => {
      const smashsend: Json[] = [];
      const [, smartlead, smarte] = await Promise.all([
        (async () => {
          for await (const key of k.smashsend.allApiKeys({ sort: 'createdAt.desc' }))
            smashsend.push(statusRow('SMASHSEND', key.id, key.displayName, key.status, key.updatedAt, key.secretKey ?? null));
        })(),
        k.smartlead.listClientApiKeys(),
        k.smarte.listKeys(),
      ]);
      return newestChangeFirst([
        ...smashsend,
        ...smartlead.map((key) => statusRow('SmartLead', key.id, key.key_name, key.status, undefined, masked(key.api_key))),
        ...smarte.map((key) => statusRow('SMARTe', key.keyId, key.email, key.status, undefined, masked(key.apiKey))),
      ]);
    },
  },
  {
    key: 'audit_api_keys',
    kind: 'creates',
    vendor: 'all three',
    input: { older_than_days: AGE_DAYS },
    // Every SMASHSEND page (one here; its connection key told by the hint each listed key shows), SmartLead's list and
    // SMARTe's view, at once.
    minimumCalls: 3,
    baseline: async (http, c) => {
      const now = Date.now();
      const days = Number(c.input.older_than_days);
      const [smashsend, smartlead, smarte] = await Promise.all([
        (async () => {
          const keys = await smashsendAllKeys(http, c);
          // The connection key by the hint SMASHSEND lists (the start of its secret), as the app tells it.
          const own = String(c.auth.smashsend_api_key);
          const isOwn = (key: Json) => typeof key.secretKey === 'string' && own.startsWith(key.secretKey.replace(/\.\.\.$/, ''));
          return newestRowsFirst(keys.map((key) => keyRow(smashsendFacts(key, isOwn(key)), now, days)));
        })(),
        (async () => newestRowsFirst((await smartleadKeys(http, c)).map((key) => keyRow(smartleadFacts(key, c), now, days))))(),
        (async () => (await smarteKeys(http, c)).map((key) => keyRow(smarteFacts(key, c), now, days)))(),
      ]);
      const keys = [...smashsend, ...smartlead, ...smarte];
      return {
        checked_at: new Date(now).toISOString(),
        total: keys.length,
        stale_count: keys.filter((key) => key.stale === true).length,
        smashsend_count: smashsend.length,
        smartlead_count: smartlead.length,
        smarte_count: smarte.length,
        keys,
      };
    },
    connector: (k) => auditApiKeys({ smashsend: k.smashsend, smartlead: k.smartlead, smarte: k.smarte }, { olderThanDays: AGE_DAYS }),
  },
  // Leaked-key response, one row per vendor: the secret's shape says which vendor is asked first (each is found there).
  ...LEAK_VENDORS.map(({ vendor, secret }): OperationSpec => ({
    key: 'find_api_key_by_secret',
    kind: 'searches',
    vendor,
    variant: vendor,
    input: { secret },
    // SMASHSEND: GET /v1/api-keys/current with the secret; SmartLead: the client-key list; SMARTe: the key view.
    minimumCalls: 1,
    baseline: async (http, c) => [await identifyBaseline(http, c, String(c.input.secret))],
    connector: async (k, c) => identifySecret(k, String(c.input.secret)),
  })),
  ...LEAK_VENDORS.map(({ vendor, secret }): OperationSpec => ({
    key: 'revoke_leaked_api_key',
    kind: 'creates',
    vendor,
    variant: vendor,
    input: { secret },
    // The lookup, then the revocation with its replacement: SMASHSEND deletes, creates the twin and checks it with its
    // own secret (4 calls); SmartLead resets (2); SMARTe suspends (2).
    minimumCalls: vendor === 'SMASHSEND' ? 4 : 2,
    mutates: true,
    baseline: async (http, c) => {
      return revokeBaseline(http, c, await identifyBaseline(http, c, String(c.input.secret)));
    },
    connector: async (k, c) => {
      const key = await identifySecret(k, String(c.input.secret));
      if (key === null) throw new Error('connector: no vendor knows the secret');
      return revokeLeakedKey(k, key);
    },
  })),
  // The connection test: one cheap call per vendor, concurrently, and (the connection has a workspace id) one key of
  // that workspace's list, proving the key can read it.
  {
    key: 'test',
    kind: 'authentication',
    vendor: 'all three',
    minimumCalls: 4,
    baseline: async (http, c) => {
      const [check] = await Promise.all([
        http({ url: `${c.urls.smashsend}/v1/api-keys/check`, headers: bearer(c) }),
        http({ url: smashsendKeys(c), query: { limit: '1' }, headers: bearer(c) }),
        http({ url: `${c.urls.smartlead}/api/v1/client/`, query: smartleadQuery(c) }),
        smarteView(http, c, {}),
      ]);
      return { label: `SMASHSEND (${String(record(check, 'check').displayName)}), SmartLead, SMARTe` };
    },
    connector: async (k) => {
      // As the app's connection test: the SMASHSEND key's check, and one key of its workspace's list (proving the workspace id).
      const [check] = await Promise.all([
        k.smashsend.checkApiKey(),
        k.smashsend.listApiKeys({ limit: 1 }),
        k.smartlead.listClients(),
        k.smarte.listKeys(),
      ]);
      return { label: `SMASHSEND (${check.displayName}), SmartLead, SMARTe` };
    },
  },
];

/** The baseline as a Zapier perform on a bare z.request. */
export function zRequestPerform(spec: OperationSpec, urls: () => Endpoints): (z: ZObject, bundle: Bundle) => Promise<unknown> {
  return (z, bundle) =>
    spec.baseline(httpViaZ(z), { urls: urls(), auth: bundle.authData as unknown as Credentials, input: bundle.inputData });
}

export function label(spec: OperationSpec): string {
  const name = spec.kind === 'authentication' ? 'authentication.test' : spec.key;
  if (spec.connection === 'noWorkspace') return `${name} (no workspace id)`;
  return spec.variant === undefined ? name : `${name} (${spec.variant})`;
}

/** The connection an operation runs with. */
export function connectionFor(spec: OperationSpec, auth: Credentials): Partial<Credentials> {
  if (spec.connection !== 'noWorkspace') return auth;
  const { smashsend_workspace_id: _dropped, ...rest } = auth;
  return rest;
}
