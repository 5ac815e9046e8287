// What every benchmark section shares: the run's settings, its context (build, sandbox, harness), output helpers
// (tables on stdout, progress on stderr) and the untimed preparation of an operation.

import path from 'node:path';
import type { Harness } from './harness';
import type { Credentials, Endpoints, OperationSpec } from './operations';
import type { SandboxProcess } from './sandbox';
import type { Workspace } from './workspace';

export const REPO = path.resolve(__dirname, '../..');

export interface Settings {
  quick: boolean;
  coldRounds: number;
  opWarmup: number;
  /**
   * Section 6's warm-up, rounds over every operation every way before any is timed: its plain-Node process must reach
   * a steady state first (undici's fetch keeps getting faster for thousands of calls, so timing sooner favours whichever
   * way is warmer, and more so for the operations timed last).
   */
  connectorWarmup: number;
  opRuns: number;
  /**
   * Section 6's timed runs per operation and transport: three times section 2's, since its calls take a third of a
   * millisecond and its verdict is on the worst of 31 medians, which 50 runs left ±0.05 from run to run.
   */
  connectorRuns: number;
  growthSizes: number[];
  growthRuns: number;
  smarteSizes: number[];
  /** Fresh processes per variant at each SMARTe size up to 1 000 keys (one above). */
  memoryRuns: number;
  /** A poll running longer than this is stopped (Zapier stops a step at 30 s anyway). */
  pollLimitMs: number;
  repoLayoutZip: boolean;
  /** SMASHSEND workspace sizes `keyring audit` reads (the seeded 3 keys are always measured too). */
  auditSizes: number[];
  /** Runs of `keyring audit` (and of a bare node) at each size. */
  auditRuns: number;
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

export function countOf(result: unknown): number {
  return Array.isArray(result) ? result.length : 1;
}

export interface Context {
  settings: Settings;
  workspace: Workspace;
  sandbox: SandboxProcess;
  urls: Endpoints;
  auth: Credentials;
  harness: Harness;
}

/** Untimed: re-seed when the operation changes state, then its set-up. */
export async function prepare(ctx: Context, spec: OperationSpec): Promise<void> {
  if (!spec.mutates) return;
  await ctx.sandbox.reset();
  if (spec.setup) {
    const { http, context } = ctx.harness.setupContext(spec, ctx.auth);
    await spec.setup(http, context);
  }
}

export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
