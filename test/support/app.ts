// The app as Zapier runs it (core's createAppTester over the definition in index.ts): look an operation up by its
// key, run it with a connection, run the connection test. Every layer (nock unit tests, e2e, reliability) runs the
// app through these.

// core ends its process (process.exit(1)) once it has run 250 invocations while holding over 450 MB: a safeguard for
// Zapier's Lambda containers. A jest worker that has loaded many test files passes 450 MB, and the reliability
// suites run hundreds of invocations per file, so the check would end the whole test run. It is not under test.
jest.mock('zapier-platform-core/src/tools/memory-checker', () => () => undefined);

import { createAppTester } from 'zapier-platform-core';
import App from '../../index';

export { App };
export const appTester = createAppTester(App);

export type Auth = Record<string, string>;
export type OperationKind = 'triggers' | 'creates' | 'searches';
type Perform = (z: unknown, bundle: unknown) => unknown;

/** A connection with fake keys (long enough for Zapier's censoring), for tests where nock plays the vendors. */
export const AUTH = {
  smashsend_api_key: 'sk_test_smashsend_auth_0123456789',
  smashsend_workspace_id: 'wrk_ENGTK86JEXXckyDVJthKkPer',
  smartlead_api_key: 'sl_test_smartlead_auth_0123456789',
  smarte_api_key: 'WG+test_smarte_auth_0123456789=',
};

export function bundleWith(inputData: Record<string, unknown> = {}, authData: Auth = AUTH, meta: Record<string, unknown> = {}) {
  return { authData, inputData, meta };
}

/** The registered function (core's tester finds its path in the app from it), so an unregistered key fails the test. */
export function performOf(kind: OperationKind | 'authentication', key: string): Perform {
  const perform =
    kind === 'authentication'
      ? App.authentication?.test
      : (App[kind] as Record<string, { operation: { perform?: unknown } }> | undefined)?.[key]?.operation.perform;
  if (typeof perform !== 'function') throw new Error(`${kind}.${key} is not registered in index.ts`);
  return perform as Perform;
}

/** Runs an operation as Zapier would, against wherever the app points (nock's real hosts, or the sandbox). */
export function run(
  kind: OperationKind | 'authentication',
  key: string,
  inputData: Record<string, unknown> = {},
  authData: Auth = AUTH,
  meta: Record<string, unknown> = {},
): Promise<unknown> {
  return appTester(performOf(kind, key), bundleWith(inputData, authData, meta));
}

/** Runs the connection test. */
export function testConnection(authData: Auth = AUTH): Promise<unknown> {
  return run('authentication', 'test', {}, authData);
}

/** The connection without the given fields. */
export function without(auth: Auth, ...fields: string[]): Auth {
  return Object.fromEntries(Object.entries(auth).filter(([key]) => !fields.includes(key)));
}

/** Every operation key registered in index.ts, sorted: tables that must cover every operation compare with it. */
export function registeredOperationKeys(): string[] {
  const keys: string[] = [];
  for (const kind of ['triggers', 'creates', 'searches'] as const) keys.push(...Object.keys(App[kind] ?? {}));
  return keys.sort();
}

/** Runs a catalogued operation (test/support/operations.ts) with the given connection, and its sample input unless given. */
export function runOperation(
  op: { kind: OperationKind | 'authentication'; key: string; input: Record<string, unknown>; meta?: Record<string, unknown> },
  authData: Auth,
  input: Record<string, unknown> = op.input,
): Promise<unknown> {
  return run(op.kind, op.key, input, authData, op.meta ?? {});
}
