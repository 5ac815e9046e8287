// Shared by the reliability suites: the app run against the local vendor sandbox over real HTTP, the table of every
// operation (what it sends first, what a 404 means for it, which search checks a write), a reader for the error the
// Zap builder sees, the "never" checks (no TypeError, undefined, [object Object], stack or key), and a recording
// proxy that shows exactly which path and query reached the vendor.

// core kills its process (process.exit(1)) once it has run 250 invocations and the process holds over 450 MB: a
// safeguard for Zapier's Lambda containers. A jest worker that has loaded many test files passes 450 MB, and these
// suites run hundreds of invocations per file, so the check would end the whole test run. It is not under test here.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { startSandbox, type FaultBehaviour, type FaultSpec, type SandboxHandle } from '../../sandbox/server';
import { SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { vendorOfUrl } from '../../sandbox/state';

export { App };
export const appTester = createAppTester(App);

export type SandboxVendor = 'smartlead' | 'smashsend' | 'smarte';
export type VendorName = 'SmartLead' | 'SMASHSEND' | 'SMARTe';
export const VENDOR_NAME: Record<SandboxVendor, VendorName> = { smartlead: 'SmartLead', smashsend: 'SMASHSEND', smarte: 'SMARTe' };
export const BASE_URL_ENV: Record<SandboxVendor, string> = {
  smartlead: 'SMARTLEAD_BASE_URL',
  smashsend: 'SMASHSEND_BASE_URL',
  smarte: 'SMARTE_BASE_URL',
};

export const WS = SMASHSEND_SEED.user.workspaceId;
export const SS_KEYS = `/v1/workspaces/${WS}/api-keys`;
export const SL_KEYS = '/api/v1/client/api-key';
export const SM_VIEW = '/signals/v1/key/view';
export const SM_CREATE = '/signals/v1/key/createsignalapikey';
export const SM_UPDATE = '/signals/v1/key/update';

/** Starts a sandbox (no rate limits) for the file and points the app's *_BASE_URL at it (or at `origin` if given). */
export function useSandbox(): { readonly sandbox: SandboxHandle; pointAt(origin?: string): void } {
  let handle: SandboxHandle | undefined;
  const saved: Record<string, string | undefined> = {};
  const state = {
    get sandbox(): SandboxHandle {
      if (!handle) throw new Error('sandbox not started');
      return handle;
    },
    /** Base URLs at the sandbox, or at another origin that serves the same paths (a proxy). */
    pointAt(origin?: string): void {
      for (const [vendor, name] of Object.entries(BASE_URL_ENV) as Array<[SandboxVendor, string]>) {
        process.env[name] = origin ?? state.sandbox.baseUrls[vendor];
      }
    },
  };
  beforeAll(async () => {
    for (const name of [...Object.values(BASE_URL_ENV), 'KEYRING_TIMEOUT_MS', 'KEYRING_STEP_BUDGET_MS']) saved[name] = process.env[name];
    handle = await startSandbox({ rateLimits: false });
    state.pointAt();
  });
  afterAll(async () => {
    await handle?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return state;
}

/** The connection: every sandbox credential. */
export function sandboxAuth(sandbox: SandboxHandle): Record<string, string> {
  const c = sandbox.credentials;
  return {
    smartlead_api_key: c.smartleadApiKey,
    smashsend_api_key: c.smashsendApiKey,
    smashsend_workspace_id: c.smashsendWorkspaceId,
    smarte_api_key: c.smarteApiKey,
  };
}

/** The connection keys: none may ever show in a message or a log line. */
export function authSecrets(sandbox: SandboxHandle): string[] {
  const c = sandbox.credentials;
  return [c.smartleadApiKey, c.smashsendApiKey, c.smarteApiKey];
}

/** Every full key value the sandbox holds at start (seed), which lists and views may send back. */
export const SEEDED_SECRETS: string[] = [
  ...SMARTLEAD_SEED.keys.map((k) => k.api_key),
  ...SMASHSEND_SEED.keys.map((k) => k.secretKey),
  ...SMARTE_SEED.keys.map((k) => k.apiKey),
];

export type OperationKind = 'triggers' | 'creates' | 'searches' | 'authentication';

export interface Operation {
  /** Row name in the tables (the operation key, plus which request is faulted when it is not the first). */
  name: string;
  kind: OperationKind;
  key: string;
  vendor: SandboxVendor;
  input: Record<string, unknown>;
  meta?: Record<string, unknown>;
  /** The request a fault is aimed at: method, the path the connector names in messages, and the sandbox fault filter. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  faultPath: string;
  /** What a 404 on that request means, as the message says it ("has no client API key 45"); else "found nothing at". */
  notFound?: string;
  /** Writes: the search named when it is unknown whether the write happened, and what may have happened. */
  checkWith?: string;
  mayHaveHappened?: string;
  /** Sandbox set-up before the operation runs (after reset). */
  setup?: (sandbox: SandboxHandle) => void;
}

const created = 'The key may have been created anyway';

/** Every operation of the app, with valid input for the sandbox's seed, and the request it makes first. */
export const OPERATIONS: Operation[] = [
  // SmartLead
  {
    name: 'smartlead_client_list',
    kind: 'triggers',
    key: 'smartlead_client_list',
    vendor: 'smartlead',
    input: {},
    method: 'GET',
    path: '/api/v1/client/',
    faultPath: '/api/v1/client/?',
  },
  {
    name: 'smartlead_client_api_key_list',
    kind: 'triggers',
    key: 'smartlead_client_api_key_list',
    vendor: 'smartlead',
    input: {},
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'new_smartlead_client_api_key',
    kind: 'triggers',
    key: 'new_smartlead_client_api_key',
    vendor: 'smartlead',
    input: {},
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'create_smartlead_client_api_key',
    kind: 'creates',
    key: 'create_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { clientId: 301, keyName: 'Reliability Key' },
    method: 'POST',
    path: SL_KEYS,
    faultPath: SL_KEYS,
    notFound: 'client 301',
    checkWith: 'Find SmartLead Client API Key',
    mayHaveHappened: created,
  },
  {
    name: 'reset_smartlead_client_api_key',
    kind: 'creates',
    key: 'reset_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { keyId: 45 },
    method: 'PUT',
    path: `${SL_KEYS}/reset/45`,
    faultPath: '/reset/45',
    notFound: 'client API key 45',
    checkWith: 'Find SmartLead Client API Key',
    mayHaveHappened: 'The key may have been reset anyway, so its old value may no longer work',
  },
  {
    name: 'delete_smartlead_client_api_key',
    kind: 'creates',
    key: 'delete_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { keyId: 46 },
    method: 'DELETE',
    path: `${SL_KEYS}/46`,
    faultPath: '/api-key/46',
    notFound: 'client API key 46',
  },
  {
    name: 'find_smartlead_client_api_key',
    kind: 'searches',
    key: 'find_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { keyName: 'Production' },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  // SMASHSEND (the connection names its workspace, so no discovery request comes first)
  {
    name: 'new_smashsend_api_key',
    kind: 'triggers',
    key: 'new_smashsend_api_key',
    vendor: 'smashsend',
    input: {},
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'smashsend_api_key_list',
    kind: 'triggers',
    key: 'smashsend_api_key_list',
    vendor: 'smashsend',
    input: {},
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'create_smashsend_api_key',
    kind: 'creates',
    key: 'create_smashsend_api_key',
    vendor: 'smashsend',
    input: { displayName: 'Reliability Key', role: 'API_USER' },
    method: 'POST',
    path: SS_KEYS,
    faultPath: '/api-keys',
    checkWith: 'Find SMASHSEND API Key',
    mayHaveHappened: created,
  },
  {
    name: 'update_smashsend_api_key',
    kind: 'creates',
    key: 'update_smashsend_api_key',
    vendor: 'smashsend',
    input: { apiKeyId: 'aki_xyz789ghi012', displayName: 'CRM Sync v2' },
    method: 'POST',
    path: `${SS_KEYS}/aki_xyz789ghi012`,
    faultPath: '/api-keys/aki_xyz789ghi012',
    notFound: `API key aki_xyz789ghi012 in workspace ${WS}`,
  },
  {
    name: 'delete_smashsend_api_key',
    kind: 'creates',
    key: 'delete_smashsend_api_key',
    vendor: 'smashsend',
    input: { apiKeyId: 'aki_xyz789ghi012' },
    method: 'DELETE',
    path: `${SS_KEYS}/aki_xyz789ghi012`,
    faultPath: '/api-keys/aki_xyz789ghi012',
    notFound: `API key aki_xyz789ghi012 in workspace ${WS}`,
  },
  {
    name: 'rotate_smashsend_api_key',
    kind: 'creates',
    key: 'rotate_smashsend_api_key',
    vendor: 'smashsend',
    input: { apiKeyId: 'aki_xyz789ghi012' },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
    checkWith: 'Find SMASHSEND API Key',
    mayHaveHappened: created,
  },
  {
    name: 'find_smashsend_api_key',
    kind: 'searches',
    key: 'find_smashsend_api_key',
    vendor: 'smashsend',
    input: { displayName: 'CRM Sync' },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  // SMARTe
  {
    name: 'new_smarte_api_key',
    kind: 'triggers',
    key: 'new_smarte_api_key',
    vendor: 'smarte',
    input: {},
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
  {
    name: 'smarte_api_key_list',
    kind: 'triggers',
    key: 'smarte_api_key_list',
    vendor: 'smarte',
    input: {},
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
  {
    name: 'create_smarte_api_key',
    kind: 'creates',
    key: 'create_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'new.user@smarte.pro' },
    method: 'POST',
    path: SM_CREATE,
    faultPath: SM_CREATE,
    checkWith: 'Find SMARTe API Key',
    mayHaveHappened: created,
  },
  {
    name: 'suspend_smarte_api_key',
    kind: 'creates',
    key: 'suspend_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'dev.udi@smarte.pro' },
    method: 'POST',
    path: SM_UPDATE,
    faultPath: SM_UPDATE,
    notFound: 'key for dev.udi@smarte.pro',
  },
  {
    name: 'reactivate_smarte_api_key',
    kind: 'creates',
    key: 'reactivate_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'dev.udi@smarte.pro' },
    method: 'POST',
    path: SM_UPDATE,
    faultPath: SM_UPDATE,
    notFound: 'key for dev.udi@smarte.pro',
  },
  {
    name: 'find_smarte_api_key',
    kind: 'searches',
    key: 'find_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'dev.udi@smarte.pro' },
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
  // Several vendors: one row per vendor, with that vendor alone chosen (one request each)
  {
    name: 'api_key_reached_age (SMASHSEND)',
    kind: 'triggers',
    key: 'api_key_reached_age',
    vendor: 'smashsend',
    input: { age_days: 30, vendors: ['SMASHSEND'] },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'api_key_reached_age (SmartLead)',
    kind: 'triggers',
    key: 'api_key_reached_age',
    vendor: 'smartlead',
    input: { age_days: 30, vendors: ['SmartLead'] },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'audit_api_keys (SMASHSEND)',
    kind: 'creates',
    key: 'audit_api_keys',
    vendor: 'smashsend',
    input: { older_than_days: 30, vendors: ['SMASHSEND'] },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'audit_api_keys (SmartLead)',
    kind: 'creates',
    key: 'audit_api_keys',
    vendor: 'smartlead',
    input: { older_than_days: 30, vendors: ['SmartLead'] },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'audit_api_keys (SMARTe)',
    kind: 'creates',
    key: 'audit_api_keys',
    vendor: 'smarte',
    input: { older_than_days: 30, vendors: ['SMARTe'] },
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
];

/** Every operation's perform, registered in index.ts: the table must name them all. */
export function registeredOperationKeys(): string[] {
  const keys: string[] = [];
  for (const kind of ['triggers', 'creates', 'searches'] as const) keys.push(...Object.keys(App[kind] ?? {}));
  return keys.sort();
}

/** The registered function: core's tester finds its method path in the app from it. */
export function performOf(op: Pick<Operation, 'kind' | 'key'>): unknown {
  if (op.kind === 'authentication') return App.authentication?.test;
  const registry = App[op.kind] as Record<string, { operation: { perform?: unknown } }> | undefined;
  const perform = registry?.[op.key]?.operation.perform;
  if (typeof perform !== 'function') throw new Error(`${op.kind}.${op.key} is not registered in index.ts`);
  return perform;
}

/** Runs an operation (or the connection test) as Zapier would. */
export function runOperation(
  op: Pick<Operation, 'kind' | 'key' | 'input' | 'meta'>,
  authData: Record<string, string>,
  input: Record<string, unknown> = op.input,
): Promise<unknown> {
  return appTester(performOf(op) as never, { authData, inputData: input, meta: op.meta ?? {} } as never);
}

export interface Outcome {
  ok: boolean;
  result?: unknown;
  /** The error's class name as thrown (AppError, ExpiredAuthError, ThrottledError, TypeError…). */
  name?: string;
  /** What the Zap builder reads: core's JSON envelope unwrapped, "What happened" trailer cut. */
  message?: string;
  /** Everything the error carries as text (envelope, trailer, stack): checked for leaks. */
  fullText?: string;
  code?: string;
  status?: number;
  delay?: number;
}

/** Settles an operation into what the user would see. */
export async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, result: await promise };
  } catch (error) {
    if (!(error instanceof Error)) return { ok: false, name: typeof error, message: String(error), fullText: String(error) };
    const fullText = `${error.message}\n${error.stack ?? ''}`;
    if (error.name === 'AppError' || error.name === 'ThrottledError') {
      try {
        const parsed = JSON.parse(error.message) as { message: string; code?: string; status?: number; delay?: number };
        return { ok: false, name: error.name, fullText, ...parsed };
      } catch {
        // not core's envelope: fall through
      }
    }
    return { ok: false, name: error.name, message: error.message.split('\nWhat happened:')[0], fullText };
  }
}

/**
 * What must never reach a Zap builder: returns the problems found (empty = clean). `userText` is the message the user
 * reads; `anyText` is every text the error or result carries (checked for secrets only).
 */
export function neverSigns(userText: string, anyText: string, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  if (/TypeError|ReferenceError|SyntaxError|RangeError/.test(userText)) problems.push('names a JavaScript error');
  if (/\bundefined\b/.test(userText)) problems.push('says "undefined"');
  if (/\bnull\b/.test(userText)) problems.push('says "null"');
  if (userText.includes('[object Object]')) problems.push('says [object Object]');
  if (/\n\s+at \S+ \(|\n\s+at \//.test(userText)) problems.push('shows a stack');
  if (userText.trim() === '') problems.push('is empty');
  for (const secret of secrets) if (secret && anyText.includes(secret)) problems.push(`leaks a secret ending ${secret.slice(-4)}`);
  return problems;
}

/** A loopback port that was just closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Sets env vars for the duration of `work`, then puts them back. */
export async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** One request as it reached the vendor, byte for byte in its request line. */
export interface ArrivedRequest {
  method: string;
  /** The raw request target, e.g. `/api/v1/client/api-key/reset/45?api_key=…`. */
  rawTarget: string;
  vendor: SandboxVendor | undefined;
  /** rawTarget's path, not decoded. */
  rawPath: string;
  /** The query as the vendor's framework would decode it. */
  query: Record<string, string[]>;
  body: string;
}

export interface RecordingProxy {
  origin: string;
  arrived: ArrivedRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of the sandbox that records each request's raw request line and body, then
 * forwards it unchanged: the one place that shows what path and query really reached the vendor.
 */
export async function recordingProxy(target: string, onRequest?: (request: ArrivedRequest) => void): Promise<RecordingProxy> {
  const arrived: ArrivedRequest[] = [];
  const sockets = new Set<Socket>();
  const targetUrl = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rawTarget = req.url ?? '';
      const vendor = vendorOfUrl(rawTarget);
      const queryStart = rawTarget.indexOf('?');
      const rawPath = queryStart === -1 ? rawTarget : rawTarget.slice(0, queryStart);
      const query: Record<string, string[]> = {};
      if (queryStart !== -1) {
        for (const [name, value] of new URLSearchParams(rawTarget.slice(queryStart + 1))) (query[name] ??= []).push(value);
      }
      const record: ArrivedRequest = {
        method: req.method ?? '',
        rawTarget,
        vendor,
        rawPath,
        query,
        body: body.toString('utf8'),
      };
      arrived.push(record);
      onRequest?.(record);
      const forward = http.request(
        { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: rawTarget, headers: req.headers },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Fault specs as the sandbox takes them, for one operation's target request. */
export function faultAt(op: Pick<Operation, 'vendor' | 'method' | 'faultPath'>, behaviour: FaultBehaviour, count = 1): FaultSpec {
  return { vendor: op.vendor, path: op.faultPath, method: op.method, count, ...behaviour };
}

/** Text width helper for the summary tables. */
export function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}
