// A fresh Node process, as a cold Lambda container runs a step: load zapier-platform-core, load the app next to this
// file (index.js), run one operation through core's Lambda handler as Zapier calls it (the zip's zapierwrapper.js:
// `createAppHandler(path of index.js)`, then an `execute` event naming the method), report, exit. Not through core's
// app tester: to find the method it walks the whole definition for the perform function (~0.5 ms more for a
// definition our size, on the first call), which a Lambda never does: Zapier sends the method's path.
// The benchmark transpiles this file into each variant's directory (the built app, the core-only baseline), so the
// very same harness runs every variant.
//
// Environment: BENCH_MODE (cold | memory), BENCH_KIND (triggers | creates | searches), BENCH_KEY, BENCH_AUTH and
// BENCH_INPUT (JSON), BENCH_REPEAT (memory mode), plus the vendors' *_BASE_URL.
// Output: one line `BENCH_RESULT {json}` on stdout (core itself prints a memory line per run outside tests).

import { createRequire } from 'node:module';
import type { Bundle } from 'zapier-platform-core';

/** What this child uses of core: its Lambda entry, which core exports (src/index.js) but its type declarations omit. */
interface Core {
  createAppHandler(appPath: string): (event: { command: 'execute'; method: string; bundle: object }) => Promise<{ results?: unknown }>;
}

// Timestamps are milliseconds since this process started (performance.timeOrigin).
const bootstrapped = performance.now();
// Modules are loaded through createRequire rather than `import` so that each load can be timed on its own; the
// results are typed right here (the one untyped boundary of this file).
const load = createRequire(__filename);
const core = load('zapier-platform-core') as Core;
const coreLoaded = performance.now();
// The handler requires the app itself (zapierwrapper.js passes it the path); it is required first here only so that
// loading it is timed on its own: the handler's require is then the cached module, as in a warm container.
const appPath = load.resolve('./index.js');
const app: unknown = load(appPath);
const appLoaded = performance.now();

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`bench child: ${name} is not set`);
  return value;
}

/** The step named by BENCH_KIND and BENCH_KEY, run as Zapier runs it: the handler and an `execute` event. */
function stepRunner(): (bundle: Pick<Bundle, 'authData' | 'inputData'>) => Promise<unknown> {
  const kind = env('BENCH_KIND');
  const key = env('BENCH_KEY');
  const registry = (app as Record<string, Record<string, { operation?: { perform?: unknown } }> | undefined>)[kind];
  if (typeof registry?.[key]?.operation?.perform !== 'function') throw new Error(`bench child: ${kind}.${key} has no perform function`);
  const handler = core.createAppHandler(appPath);
  const method = `${kind}.${key}.operation.perform`;
  return async (bundle) => {
    const output = await handler({ command: 'execute', method, bundle });
    return output.results;
  };
}

function countOf(result: unknown): number {
  return Array.isArray(result) ? result.length : result === undefined || result === null ? 0 : 1;
}

function report(result: Record<string, unknown>): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

async function cold(): Promise<void> {
  const runStep = stepRunner();
  const bundle = {
    authData: JSON.parse(env('BENCH_AUTH')) as Record<string, string>,
    inputData: JSON.parse(env('BENCH_INPUT', '{}')) as Record<string, unknown>,
  };
  const result = await runStep(bundle);
  const done = performance.now();
  // CPU time of the whole process so far (all threads): what a CPU-throttled Lambda pays, and far less sensitive than
  // wall time to other processes competing for the machine.
  const cpu = process.cpuUsage();
  report({ bootstrapped, coreLoaded, appLoaded, done, cpu: (cpu.user + cpu.system) / 1000, items: countOf(result) });
}

interface MemorySample {
  rss: number;
  heapUsed: number;
}

async function memory(): Promise<void> {
  const runStep = stepRunner();
  const bundle = {
    authData: JSON.parse(env('BENCH_AUTH')) as Record<string, string>,
    inputData: JSON.parse(env('BENCH_INPUT', '{}')) as Record<string, unknown>,
  };
  const repeat = Number(env('BENCH_REPEAT', '1'));
  globalThis.gc?.();
  const before: MemorySample = { rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed };
  const peak: MemorySample = { ...before };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed);
  };
  const sampler = setInterval(sample, 2);
  const times: number[] = [];
  let items = 0;
  for (let run = 0; run < repeat; run += 1) {
    const start = performance.now();
    const result = await runStep(bundle);
    times.push(performance.now() - start);
    sample();
    items = countOf(result);
  }
  clearInterval(sampler);
  // maxRSS is the kernel's peak resident set size of this process (KiB), whatever the sampler missed.
  const maxRss = process.resourceUsage().maxRSS * 1024;
  report({ times, items, before, peak: { rss: Math.max(peak.rss, maxRss), heapUsed: peak.heapUsed } });
}

const mode = env('BENCH_MODE');
(mode === 'memory' ? memory() : cold())
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(`bench child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
