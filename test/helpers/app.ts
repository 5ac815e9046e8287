// Shared test helpers: the app under createAppTester, a connection with fake keys, and a reader for Zapier errors.

import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';

// Tests always aim at the real hosts (intercepted by nock), whatever the shell has set.
for (const name of ['SMARTLEAD_BASE_URL', 'SMASHSEND_BASE_URL', 'SMARTE_BASE_URL']) delete process.env[name];

export { App };
export const appTester = createAppTester(App);

export const SMASHSEND = 'https://api.smashsend.com';
export const SMARTLEAD = 'https://server.smartlead.ai';
export const SMARTE = 'https://signals.smarte.pro';

/** Fake keys, long enough for Zapier's censoring. */
export const AUTH = {
  smashsend_api_key: 'sk_test_smashsend_auth_0123456789',
  smashsend_workspace_id: 'wrk_ENGTK86JEXXckyDVJthKkPer',
  smartlead_api_key: 'sl_test_smartlead_auth_0123456789',
  smarte_api_key: 'WG+test_smarte_auth_0123456789=',
};

export function bundleWith(inputData: Record<string, unknown> = {}, authData: Record<string, string> = AUTH) {
  return { authData, inputData, meta: {} as Record<string, unknown> };
}

export { zapierError, type ZapierErrorShape } from './zapierError';

export function useNock(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  afterEach(() => nock.cleanAll());
  // Each test file loads its own nock, but all patch the one shared `http` module of the jest worker: a file must
  // take its nock out when done, or the next file in that worker sends its requests past its mocks to the network.
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });
}

type Perform = (z: unknown, bundle: unknown) => unknown;
type OperationKind = 'triggers' | 'creates' | 'searches';

/** The registered operation's perform, looked up in the app definition (so an unregistered operation fails the test). */
export function performOf(kind: OperationKind, key: string): Perform {
  const registry = App[kind] as Record<string, { operation: { perform?: unknown } }> | undefined;
  const perform = registry?.[key]?.operation.perform;
  if (typeof perform !== 'function') throw new Error(`${kind}.${key} is not registered in index.ts`);
  return perform as Perform;
}

/** Runs an operation as Zapier would, with the given input and (by default) a connection holding every fake key. */
export function run(kind: OperationKind, key: string, inputData: Record<string, unknown> = {}, authData: Record<string, string> = AUTH) {
  return appTester(performOf(kind, key), bundleWith(inputData, authData));
}
