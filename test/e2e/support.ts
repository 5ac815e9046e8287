// End-to-end support: the real app (createAppTester) against the vendor sandbox over loopback, no nock mocks. A file
// calls useSandbox() once: the sandbox starts on a free port before its tests, the app's *_BASE_URL variables point at
// it, every test starts from the seed, and the server is closed (and the variables restored) after.

import { createServer, type AddressInfo } from 'node:net';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { startSandbox, type SandboxHandle, type Vendor as SandboxVendor } from '../../sandbox/server';

export { App };
export const appTester = createAppTester(App);

export const BASE_URL_VARS: Record<SandboxVendor, string> = {
  smartlead: 'SMARTLEAD_BASE_URL',
  smashsend: 'SMASHSEND_BASE_URL',
  smarte: 'SMARTE_BASE_URL',
};

/** The route keys of the sandbox's request counter that the tests read. */
export const ROUTE = {
  smashsendList: 'GET /v1/workspaces/:workspaceId/api-keys',
  smashsendCreate: 'POST /v1/workspaces/:workspaceId/api-keys',
  smashsendDelete: 'DELETE /v1/workspaces/:workspaceId/api-keys/:apiKeyId',
  smashsendCheck: 'GET /v1/api-keys/check',
  smashsendMe: 'GET /v1/users/me',
  smashsendCurrent: 'GET /v1/api-keys/current',
  smartleadList: 'GET /api/v1/client/api-key',
  smarteView: 'POST /signals/v1/key/view',
} as const;

export type Auth = Record<string, string>;

/** A connection holding the sandbox's three keys and the SMASHSEND workspace id. */
export function sandboxAuth(sandbox: SandboxHandle): Auth {
  return {
    smashsend_api_key: sandbox.credentials.smashsendApiKey,
    smashsend_workspace_id: sandbox.credentials.smashsendWorkspaceId,
    smartlead_api_key: sandbox.credentials.smartleadApiKey,
    smarte_api_key: sandbox.credentials.smarteApiKey,
  };
}

/** The connection without the given fields. */
export function without(auth: Auth, ...fields: string[]): Auth {
  return Object.fromEntries(Object.entries(auth).filter(([key]) => !fields.includes(key)));
}

/** Points the app at the given base URLs (restores nothing: useSandbox does that). */
export function pointAppAt(baseUrls: Partial<Record<SandboxVendor, string>>): void {
  for (const [vendor, url] of Object.entries(baseUrls) as [SandboxVendor, string][]) process.env[BASE_URL_VARS[vendor]] = url;
}

export interface SandboxOptions {
  rateLimits?: boolean;
}

/**
 * Starts the sandbox for this file (port 0) and returns a getter for its handle. Every test starts from the seed with
 * the app pointed at the sandbox; after the file the server is closed, and the base URL variables are as they were (test/setup/isolateHttp.ts
 * puts the http(s) modules back).
 */
export function useSandbox(options: SandboxOptions = {}): () => SandboxHandle {
  let sandbox: SandboxHandle | undefined;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    for (const name of Object.values(BASE_URL_VARS)) saved[name] = process.env[name];
    sandbox = await startSandbox({ port: 0, rateLimits: options.rateLimits ?? false });
  });
  beforeEach(() => {
    sandbox!.reset();
    sandbox!.setRateLimits(options.rateLimits ?? false);
    pointAppAt(sandbox!.baseUrls);
  });
  afterAll(async () => {
    await sandbox?.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  return () => {
    if (!sandbox) throw new Error('the sandbox is not running (use it inside a test or hook)');
    return sandbox;
  };
}

/** Sets environment variables for this file's tests (from beforeAll) and puts the old values back after them. */
export function useEnv(vars: Record<string, string>): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [name, value] of Object.entries(vars)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

type Perform = (z: unknown, bundle: unknown) => unknown;
export type OperationKind = 'triggers' | 'creates' | 'searches';

/** The registered operation's perform, looked up in the app definition (so an unregistered key fails the test). */
export function performOf(kind: OperationKind, key: string): Perform {
  const registry = App[kind] as Record<string, { operation: { perform?: unknown } }> | undefined;
  const perform = registry?.[key]?.operation.perform;
  if (typeof perform !== 'function') throw new Error(`${kind}.${key} is not registered in index.ts`);
  return perform as Perform;
}

/** Runs an operation as Zapier would, over loopback to wherever the *_BASE_URL variables point. */
export function run(
  kind: OperationKind,
  key: string,
  inputData: Record<string, unknown>,
  authData: Auth,
  meta: Record<string, unknown> = {},
) {
  return appTester(performOf(kind, key), { authData, inputData, meta });
}

/** Runs the connection test. */
export function testConnection(authData: Auth) {
  return appTester(App.authentication!.test as Perform, { authData, inputData: {} });
}

export { zapierError, type ZapierErrorShape } from '../helpers/zapierError';

/** A loopback port that nothing listens on (bound, then closed), for "connection refused". */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}

/** How the app masks a key value: eight stars and the last four characters. */
export const masked = (secret: string): string => `********${secret.slice(-4)}`;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
