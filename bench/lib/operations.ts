// Every operation the benchmark runs, with the two baselines it is compared against: the minimal perform a user
// would hand-write (the same vendor calls, nothing else), run once through a bare `z.request` and once through a
// bare `fetch`. Each baseline is written once against a tiny `Http` function so both transports send exactly the
// same requests. Each operation also says how plain Node does it with the connector (its `connector` call).
// Types only from Zapier: bench/connectorChild.ts loads this file in a process without it.

import type { Bundle, ZObject } from 'zapier-platform-core';
import { operation } from '../../test/support/operations';
import { rotateSmashsendApiKey, type SmarteClient, type SmartLeadClient, type SmashsendClient } from '@keyring/connector';

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
  return spec.connection === 'noWorkspace' ? `${name} (no workspace id)` : name;
}

/** The connection an operation runs with. */
export function connectionFor(spec: OperationSpec, auth: Credentials): Partial<Credentials> {
  if (spec.connection !== 'noWorkspace') return auth;
  const { smashsend_workspace_id: _dropped, ...rest } = auth;
  return rest;
}
