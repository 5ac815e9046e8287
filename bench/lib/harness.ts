// Runs operations in this process, three ways: through the built app (core's app tester, as Zapier runs a step),
// through a copy of the app definition whose performs are the minimal hand-written z.request ones (same core
// harness, same definition size: only the perform differs), and through a bare fetch (no core at all).

import { createRequire } from 'node:module';
import path from 'node:path';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { httpViaFetch, zRequestPerform, type BaselineContext, type Credentials, type Endpoints, type OperationSpec } from './operations';

type Core = typeof import('zapier-platform-core');
type Perform = (z: ZObject, bundle: Bundle) => unknown;
type Tester = ReturnType<Core['createAppTester']>;

interface OperationDefinition {
  key: string;
  operation: { perform: unknown; [field: string]: unknown };
  [field: string]: unknown;
}

/** The part of an app definition the harness reads and rewrites. */
interface AppDefinition {
  triggers: Record<string, OperationDefinition>;
  creates: Record<string, OperationDefinition>;
  searches: Record<string, OperationDefinition>;
  authentication: { test: unknown; [field: string]: unknown };
  [field: string]: unknown;
}

function isAppDefinition(value: unknown): value is AppDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const app = value as Record<string, unknown>;
  return ['triggers', 'creates', 'searches', 'authentication'].every((field) => typeof app[field] === 'object' && app[field] !== null);
}

function performOf(app: AppDefinition, spec: OperationSpec): Perform {
  const perform = spec.kind === 'authentication' ? app.authentication.test : app[spec.kind][spec.key]?.operation.perform;
  if (typeof perform !== 'function') throw new Error(`${spec.kind}.${spec.key} is not a function in the app definition`);
  return perform as Perform;
}

/** A copy of the definition with this operation's perform replaced by its baseline (the rest shared, untouched). */
function withBaselinePerform(app: AppDefinition, spec: OperationSpec, urls: () => Endpoints): AppDefinition {
  const copy: AppDefinition = {
    ...app,
    triggers: { ...app.triggers },
    creates: { ...app.creates },
    searches: { ...app.searches },
    authentication: { ...app.authentication },
  };
  const perform = zRequestPerform(spec, urls);
  if (spec.kind === 'authentication') {
    copy.authentication.test = perform;
  } else {
    const original = copy[spec.kind][spec.key];
    copy[spec.kind][spec.key] = { ...original, operation: { ...original.operation, perform } };
  }
  return copy;
}

export type Way = 'app' | 'zRequest' | 'fetch';
export const WAYS: readonly Way[] = ['app', 'zRequest', 'fetch'];

export interface Harness {
  /** Runs the operation one way; resolves with its result. */
  run(way: Way, spec: OperationSpec, auth: Partial<Credentials>, input?: Record<string, unknown>): Promise<unknown>;
  /** The bare-fetch transport, for untimed set-up calls. */
  setupContext(spec: OperationSpec, auth: Credentials): { http: ReturnType<typeof httpViaFetch>; context: BaselineContext };
}

/**
 * Loads the built app from `appDir` (with the zapier-platform-core that app resolves, as Lambda would) and gives a
 * runner for the three ways. `bareFetch` must be the global fetch captured before core first runs (core wraps it).
 */
export function loadHarness(appDir: string, specs: readonly OperationSpec[], urls: () => Endpoints, bareFetch: typeof fetch): Harness {
  // The built app is plain CommonJS in a temporary directory: loaded by path, then checked (the typed boundary).
  const load = createRequire(path.join(appDir, 'index.js'));
  const core = load('zapier-platform-core') as Core;
  const loaded: unknown = load('./index.js');
  if (!isAppDefinition(loaded)) throw new Error(`${appDir}/index.js does not export an app definition`);
  const app = loaded;
  const appTester = core.createAppTester(app);
  // One baseline app per operation spec (two specs may share a key, e.g. with and without the workspace id).
  const baselines = new Map<OperationSpec, { definition: AppDefinition; tester: Tester }>();
  for (const spec of specs) {
    const definition = withBaselinePerform(app, spec, urls);
    baselines.set(spec, { definition, tester: core.createAppTester(definition) });
  }
  const http = httpViaFetch(bareFetch);

  return {
    async run(way, spec, auth, input) {
      const inputData = input ?? spec.input ?? {};
      if (way === 'fetch') return spec.baseline(http, { urls: urls(), auth: auth as Credentials, input: inputData });
      const bundle = { authData: { ...auth }, inputData, meta: { ...spec.meta } };
      if (way === 'app') return appTester(performOf(app, spec), bundle);
      const baseline = baselines.get(spec);
      if (!baseline) throw new Error(`no baseline for ${spec.kind}.${spec.key}`);
      return baseline.tester(performOf(baseline.definition, spec), bundle);
    },
    setupContext(spec, auth) {
      return { http, context: { urls: urls(), auth, input: spec.input ?? {} } };
    },
  };
}

/**
 * Core's own work on the app definition at every step (createApp and prepareApp each deep-copy and deep-freeze the
 * whole definition): median ms over `runs` warm repetitions, for the app in `dir`.
 */
export function definitionCost(dir: string, runs = 200): number {
  // core's internals, reached through its package exports ("./src/*"); untyped, so typed here.
  const load = createRequire(path.join(dir, 'index.js'));
  const createApp = load('zapier-platform-core/src/create-app') as (app: object) => unknown;
  const { prepareApp } = load('zapier-platform-core/src/tools/schema') as { prepareApp: (app: object) => unknown };
  const app = load('./index.js') as object;
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    createApp(app);
    prepareApp(app);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
