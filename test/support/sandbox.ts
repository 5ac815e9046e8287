// The vendor sandbox for a test file: started on 127.0.0.1, port 0 (other suites run at the same time), the app's
// *_BASE_URL variables pointed at it, the app's settings put back and the server closed after the file. Also the
// connection and the shell environment that reach it, and the secrets it holds (which nothing may ever show).

import { startSandbox, type FaultBehaviour, type FaultSpec, type SandboxHandle } from '../../sandbox/server';
import { SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_OTHER_WORKSPACE_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { APP_SETTINGS, setEnv } from './env';
import { BASE_URL_ENV, KEY_ENV, VENDOR_NAME, baseUrlEnvOf, type SandboxVendor } from './vendors';
import type { Auth } from './app';

export type { SandboxHandle };

export interface SandboxOptions {
  /** The sandbox's rate limits (off by default: most suites send many requests quickly). */
  rateLimits?: boolean;
  /**
   * Before each test: back to the seed, rate limits as set here, the app pointed at the sandbox (the default). Off
   * for suites that set the sandbox up per case themselves (or point the app at a proxy for the whole file).
   */
  resetEachTest?: boolean;
}

export interface SandboxFixture {
  readonly sandbox: SandboxHandle;
  /** Points the app's base URLs at the sandbox, or at another origin that serves the same paths (a proxy). */
  pointAt(origin?: string): void;
  /** Points one vendor's base URL somewhere else (a closed port, say) until the next pointAt or reset. */
  pointVendorAt(vendor: SandboxVendor, url: string): void;
}

/** Starts the sandbox for this file and returns a handle to it (use it inside tests and hooks). */
export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
  let handle: SandboxHandle | undefined;
  let restore: (() => void) | undefined;
  const fixture: SandboxFixture = {
    get sandbox(): SandboxHandle {
      if (!handle) throw new Error('the sandbox is not running (use it inside a test or hook)');
      return handle;
    },
    pointAt(origin?: string): void {
      for (const vendor of Object.keys(fixture.sandbox.baseUrls) as SandboxVendor[]) {
        process.env[baseUrlEnvOf(vendor)] = origin ?? fixture.sandbox.baseUrls[vendor];
      }
    },
    pointVendorAt(vendor: SandboxVendor, url: string): void {
      process.env[baseUrlEnvOf(vendor)] = url;
    },
  };
  beforeAll(async () => {
    restore = setEnv(Object.fromEntries(APP_SETTINGS.map((name) => [name, process.env[name]])));
    handle = await startSandbox({ port: 0, rateLimits: options.rateLimits ?? false });
    fixture.pointAt();
  });
  if (options.resetEachTest ?? true) {
    beforeEach(() => {
      fixture.sandbox.reset();
      fixture.sandbox.setRateLimits(options.rateLimits ?? false);
      fixture.pointAt();
    });
  }
  afterAll(async () => {
    await handle?.close();
    restore?.();
  });
  return fixture;
}

/** A connection holding the sandbox's three keys and the SMASHSEND workspace id. */
export function sandboxAuth(sandbox: SandboxHandle): Auth {
  const c = sandbox.credentials;
  return {
    smashsend_api_key: c.smashsendApiKey,
    smashsend_workspace_id: c.smashsendWorkspaceId,
    smartlead_api_key: c.smartleadApiKey,
    smarte_api_key: c.smarteApiKey,
  };
}

/** What a user's shell holds to reach the sandbox with `keyring` or the connector: each vendor's key and base URL. */
export function sandboxEnv(sandbox: SandboxHandle, options: { workspace?: boolean } = {}): Record<string, string> {
  const c = sandbox.credentials;
  const keys: Record<SandboxVendor, string> = { smashsend: c.smashsendApiKey, smartlead: c.smartleadApiKey, smarte: c.smarteApiKey };
  const env: Record<string, string> = {};
  for (const vendor of Object.keys(keys) as SandboxVendor[]) {
    env[KEY_ENV[VENDOR_NAME[vendor]]] = keys[vendor];
    env[BASE_URL_ENV[VENDOR_NAME[vendor]]] = sandbox.baseUrls[vendor];
  }
  if (options.workspace) env.SMASHSEND_WORKSPACE_ID = c.smashsendWorkspaceId;
  return env;
}

/** The connection keys: none may ever show in a message or a log line. */
export function authSecrets(sandbox: SandboxHandle): string[] {
  const c = sandbox.credentials;
  return [c.smartleadApiKey, c.smashsendApiKey, c.smarteApiKey];
}

/**
 * Every full key value the sandbox holds at start (seed), which lists and views may send back; last, the key of
 * another SMASHSEND workspace (which no list of the main one shows).
 */
export const SEEDED_SECRETS: string[] = [
  ...SMARTLEAD_SEED.keys.map((k) => k.api_key),
  ...SMASHSEND_SEED.keys.map((k) => k.secretKey),
  ...SMARTE_SEED.keys.map((k) => k.apiKey),
  ...SMASHSEND_OTHER_WORKSPACE_SEED.keys.map((k) => k.secretKey),
];

/** The route keys of the sandbox's request counter that the tests read. */
export const ROUTE = {
  smashsendList: 'GET /v1/workspaces/:workspaceId/api-keys',
  smashsendCreate: 'POST /v1/workspaces/:workspaceId/api-keys',
  smashsendUpdate: 'POST /v1/workspaces/:workspaceId/api-keys/:apiKeyId',
  smashsendDelete: 'DELETE /v1/workspaces/:workspaceId/api-keys/:apiKeyId',
  smashsendCheck: 'GET /v1/api-keys/check',
  smashsendMe: 'GET /v1/users/me',
  smashsendCurrent: 'GET /v1/api-keys/current',
  smartleadList: 'GET /api/v1/client/api-key',
  smarteView: 'POST /signals/v1/key/view',
  smarteUpdate: 'POST /signals/v1/key/update',
} as const;

/** A sandbox fault aimed at one request (by vendor, method and a fragment of its path and query). */
export function faultAt(
  target: { vendor: SandboxVendor; method: string; faultPath: string },
  behaviour: FaultBehaviour,
  count = 1,
): FaultSpec {
  return { vendor: target.vendor, path: target.faultPath, method: target.method, count, ...behaviour };
}
