// `npm run bench [-- --quick] [-- --only cold,ops,requests,growth,memory,size] [-- --cold-rounds N] [-- --op-runs N]
//  [-- --keep]`   (--keep leaves the temporary build directory in place, e.g. to profile a child by hand)
//
// The performance benchmark, against the local vendor sandbox (started and stopped here): cold start, per-operation
// time against a bare z.request and a bare fetch, vendor calls per operation, growth with the workspace size, and
// the build zip's size. Prints tables and writes bench/results.json. It reports; it asserts no timing (exit 1 only
// when something could not run at all).

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { numberField, runChild, type ChildJob } from './lib/children';
import { definitionCost, loadHarness, WAYS, type Harness, type Way } from './lib/harness';
import { connectionFor, label, OPERATIONS, type Credentials, type Endpoints, type OperationSpec } from './lib/operations';
import { startSandboxProcess, type SandboxProcess } from './lib/sandbox';
import { measureZip, type ZipReport } from './lib/size';
import { bytes, median, ms, ratio, round, spread, summarise, table, verdict, type Summary } from './lib/stats';
import {
  devOnlyPackages,
  prepareRepoLayout,
  prepareWorkspace,
  removeWorkspace,
  type Variant,
  type VariantName,
  type Workspace,
} from './lib/workspace';

// Core wraps the global fetch with its logger the first time it runs a step: keep Node's own for the baseline.
const bareFetch = globalThis.fetch;

const REPO = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results.json');
const COLD_TARGET = 1.05;
const OPERATION_TARGET = 1.1;
const SECTIONS = ['cold', 'ops', 'requests', 'growth', 'memory', 'size'] as const;
type Section = (typeof SECTIONS)[number];

interface Settings {
  quick: boolean;
  coldRounds: number;
  opWarmup: number;
  opRuns: number;
  growthSizes: number[];
  growthRuns: number;
  smarteSizes: number[];
  /** Fresh processes per variant at each SMARTe size up to 1 000 keys (one above). */
  memoryRuns: number;
  /** A poll running longer than this is stopped (Zapier stops a step at 30 s anyway). */
  pollLimitMs: number;
  repoLayoutZip: boolean;
}

function parseArgs(argv: readonly string[]): { settings: Settings; only: Set<Section>; keep: boolean } {
  const quick = argv.includes('--quick');
  const onlyArg = argv.find((arg) => arg.startsWith('--only'));
  const onlyValue = onlyArg?.includes('=') ? onlyArg.split('=')[1] : onlyArg ? argv[argv.indexOf(onlyArg) + 1] : undefined;
  const only = new Set<Section>(
    onlyValue ? onlyValue.split(',').filter((name): name is Section => (SECTIONS as readonly string[]).includes(name)) : SECTIONS,
  );
  const settings: Settings = quick
    ? {
        quick,
        coldRounds: 4,
        opWarmup: 2,
        opRuns: 5,
        growthSizes: [10, 1000],
        growthRuns: 1,
        smarteSizes: [1000],
        memoryRuns: 1,
        pollLimitMs: 45_000,
        repoLayoutZip: false,
      }
    : {
        quick,
        coldRounds: 30,
        opWarmup: 10,
        opRuns: 50,
        growthSizes: [10, 1000, 10000],
        growthRuns: 3,
        smarteSizes: [1000, 2000, 10000],
        memoryRuns: 3,
        pollLimitMs: 45_000,
        repoLayoutZip: true,
      };
  const numberArg = (name: string): number | undefined => {
    const arg = argv.find((candidate) => candidate === name || candidate.startsWith(`${name}=`));
    if (arg === undefined) return undefined;
    const value = Number(arg.includes('=') ? arg.split('=')[1] : argv[argv.indexOf(arg) + 1]);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  settings.coldRounds = numberArg('--cold-rounds') ?? settings.coldRounds;
  settings.opRuns = numberArg('--op-runs') ?? settings.opRuns;
  return { settings, only, keep: argv.includes('--keep') };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function countOf(result: unknown): number {
  return Array.isArray(result) ? result.length : 1;
}

// ---------------------------------------------------------------------------------------------------------------

interface Context {
  settings: Settings;
  workspace: Workspace;
  sandbox: SandboxProcess;
  urls: Endpoints;
  auth: Credentials;
  harness: Harness;
}

/** Untimed: re-seed when the operation changes state, then its set-up. */
async function prepare(ctx: Context, spec: OperationSpec): Promise<void> {
  if (!spec.mutates) return;
  await ctx.sandbox.reset();
  if (spec.setup) {
    const { http, context } = ctx.harness.setupContext(spec, ctx.auth);
    await spec.setup(http, context);
  }
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

// ---- 1. Cold start --------------------------------------------------------------------------------------------

interface ColdVariantResult {
  variant: VariantName;
  /** Process start → first operation done, as the child measured it (ms). */
  total: Summary;
  /** CPU time (user + system, all threads) of the child at that point (ms). */
  cpu: Summary;
  wall: Summary;
  phases: { bootstrap: number; coreRequire: number; appRequire: number; firstOperation: number };
  samples: number[];
}

interface ColdResult {
  rounds: number;
  operation: string;
  variants: ColdVariantResult[];
  ratio: number;
  pairedRatio: number;
  cpuRatio: number;
  /** What the app adds over the baseline, from the phase medians: require app + extra first-operation time (ms). */
  appAddsMs: number;
  /** 1 + appAddsMs / baseline median: the ratio without the noise of core's own loading (the same in every variant). */
  phaseRatio: number;
  target: number;
}

async function coldStart(ctx: Context): Promise<ColdResult> {
  const variants = (['app', 'minimal'] as const).map((name) => ctx.workspace.variants[name]).filter((v): v is Variant => v !== undefined);
  const job: ChildJob = { mode: 'cold', kind: 'triggers', key: 'new_smashsend_api_key', auth: ctx.auth, urls: ctx.urls };
  const samples = new Map<
    VariantName,
    Array<{ bootstrapped: number; coreLoaded: number; appLoaded: number; done: number; cpu: number; wall: number }>
  >();
  await ctx.sandbox.reset();
  for (let round = 0; round < ctx.settings.coldRounds; round += 1) {
    for (const variant of rotate(variants, round)) {
      const { result, wallMs } = await runChild(variant, job);
      if (!result) throw new Error(`${variant.name} cold start gave no result`);
      if (numberField(result, 'items') !== 3)
        throw new Error(`${variant.name} cold start returned ${String(result.items)} keys, expected 3`);
      const list = samples.get(variant.name) ?? [];
      list.push({
        bootstrapped: numberField(result, 'bootstrapped'),
        coreLoaded: numberField(result, 'coreLoaded'),
        appLoaded: numberField(result, 'appLoaded'),
        done: numberField(result, 'done'),
        cpu: numberField(result, 'cpu'),
        wall: wallMs,
      });
      samples.set(variant.name, list);
    }
    log(`  cold start round ${round + 1}/${ctx.settings.coldRounds}`);
  }
  const results: ColdVariantResult[] = variants.map((variant) => {
    const list = samples.get(variant.name) ?? [];
    return {
      variant: variant.name,
      total: summarise(list.map((s) => s.done)),
      cpu: summarise(list.map((s) => s.cpu)),
      wall: summarise(list.map((s) => s.wall)),
      phases: {
        bootstrap: round(median(list.map((s) => s.bootstrapped))),
        coreRequire: round(median(list.map((s) => s.coreLoaded - s.bootstrapped))),
        appRequire: round(median(list.map((s) => s.appLoaded - s.coreLoaded))),
        firstOperation: round(median(list.map((s) => s.done - s.appLoaded))),
      },
      samples: list.map((s) => round(s.done)),
    };
  });
  const of = (name: VariantName) => results.find((r) => r.variant === name);
  const app = of('app');
  const minimal = of('minimal');
  if (!app || !minimal) throw new Error('cold start: app and baseline results are both needed');
  const paired = app.samples.map((value, index) => value / minimal.samples[index]);
  const appAddsMs = round(app.phases.appRequire + app.phases.firstOperation - minimal.phases.appRequire - minimal.phases.firstOperation);
  return {
    rounds: ctx.settings.coldRounds,
    operation: 'triggers.new_smashsend_api_key (workspace id in the connection)',
    variants: results,
    ratio: ratio(app.total.median, minimal.total.median),
    pairedRatio: round(median(paired), 3),
    cpuRatio: ratio(app.cpu.median, minimal.cpu.median),
    appAddsMs,
    phaseRatio: round(1 + appAddsMs / minimal.total.median, 3),
    target: COLD_TARGET,
  };
}

const VARIANT_LABEL: Record<VariantName, string> = {
  app: 'app (dist/index.js, as built)',
  minimal: 'baseline (core + bare z.request)',
};

function printCold(result: ColdResult): void {
  print(`\n1. Cold start: fresh process → app loaded → first poll done (${result.operation}), ${result.rounds} alternating rounds`);
  print(
    table(
      ['variant', 'median ms', 'p10–p90 ms', 'CPU ms', 'bootstrap', 'require core', 'require app', 'first op', 'wall ms'],
      result.variants.map((v) => [
        VARIANT_LABEL[v.variant],
        ms(v.total.median),
        spread(v.total),
        ms(v.cpu.median),
        ms(v.phases.bootstrap),
        ms(v.phases.coreRequire),
        ms(v.phases.appRequire),
        ms(v.phases.firstOperation),
        ms(v.wall.median),
      ]),
    ),
  );
  print(
    `ratio app / baseline (medians): ${verdict(result.ratio, result.target)}; paired ${result.pairedRatio.toFixed(3)}; CPU time ${result.cpuRatio.toFixed(3)}; ` +
      `the app adds ${ms(result.appAddsMs)} ms (require app + extra first-op time, phase medians): ${result.phaseRatio.toFixed(3)}`,
  );
}

// ---- 2. Per operation -----------------------------------------------------------------------------------------

interface OperationResult {
  operation: string;
  vendor: string;
  app: Summary;
  zRequest: Summary;
  fetch: Summary;
  ratio: number;
  /** Median of app/z.request over the runs, each pair taken back to back (less sensitive to drift). */
  pairedRatio: number;
  target: number;
  calls: { app: number; zRequest: number };
}

interface OperationsResult {
  runs: number;
  operations: OperationResult[];
  /** Core's per-step work on the definition (warm, ms): ours, and the one-trigger baseline app's. */
  definitionCostMs: { app: number; minimal: number };
}

async function perOperation(ctx: Context): Promise<OperationsResult> {
  const results: OperationResult[] = [];
  // Warm every operation every way first (JIT, connections), counting each way's vendor calls on the way.
  const calls = new Map<OperationSpec, { app: number; zRequest: number }>();
  for (let warm = 0; warm < ctx.settings.opWarmup; warm += 1) {
    for (const spec of OPERATIONS) {
      await ctx.sandbox.reset();
      const counted = { app: 0, zRequest: 0 };
      for (const way of WAYS) {
        await prepare(ctx, spec);
        await ctx.sandbox.resetRequestCounts();
        await ctx.harness.run(way, spec, connectionFor(spec, ctx.auth));
        if (way !== 'fetch') counted[way] = (await ctx.sandbox.requestCounts()).total;
      }
      calls.set(spec, counted);
    }
  }
  for (const spec of OPERATIONS) {
    await ctx.sandbox.reset();
    const times: Record<Way, number[]> = { app: [], zRequest: [], fetch: [] };
    for (let run = 0; run < ctx.settings.opRuns; run += 1) {
      for (const way of rotate(WAYS, run)) {
        await prepare(ctx, spec);
        times[way].push(await timed(() => ctx.harness.run(way, spec, connectionFor(spec, ctx.auth))));
      }
    }
    const app = summarise(times.app);
    const zRequest = summarise(times.zRequest);
    const pairedRatio = round(median(times.app.map((value, index) => value / times.zRequest[index])), 3);
    results.push({
      operation: label(spec),
      vendor: spec.vendor,
      app,
      zRequest,
      fetch: summarise(times.fetch),
      ratio: ratio(app.median, zRequest.median),
      pairedRatio,
      target: OPERATION_TARGET,
      calls: calls.get(spec) ?? { app: 0, zRequest: 0 },
    });
    log(`  ${label(spec)}: app ${ms(app.median)} ms, z.request ${ms(zRequest.median)} ms`);
  }
  await ctx.sandbox.reset();
  const app = ctx.workspace.variants.app;
  const minimal = ctx.workspace.variants.minimal;
  return {
    runs: ctx.settings.opRuns,
    operations: results,
    definitionCostMs: {
      app: app ? round(definitionCost(app.dir), 3) : Number.NaN,
      minimal: minimal ? round(definitionCost(minimal.dir), 3) : Number.NaN,
    },
  };
}

function printOperations(result: OperationsResult): void {
  const { operations: results, runs } = result;
  print(`\n2. Per operation, in one process through core's app tester (median of ${runs} interleaved runs each, ms)`);
  print(
    table(
      ['operation', 'app', 'p10–p90', 'z.request', 'fetch', 'app / z.request', 'paired', 'calls app/z'],
      results.map((r) => [
        r.operation,
        ms(r.app.median),
        spread(r.app),
        ms(r.zRequest.median),
        ms(r.fetch.median),
        verdict(r.ratio, r.target),
        r.pairedRatio.toFixed(2),
        `${r.calls.app}/${r.calls.zRequest}`,
      ]),
    ),
  );
  const worst = [...results].sort((a, b) => b.ratio - a.ratio)[0];
  if (worst) print(`highest ratio: ${worst.operation} ${worst.ratio.toFixed(2)} (target <= ${OPERATION_TARGET.toFixed(2)})`);
  print(
    `z.request runs the hand-written perform in a copy of our definition (same core work per step). Core's per-step work on the definition ` +
      `itself: ${ms(result.definitionCostMs.app)} ms for ours vs ${ms(result.definitionCostMs.minimal)} ms for a one-trigger app (warm median).`,
  );
}

// ---- 3. Requests per operation --------------------------------------------------------------------------------

interface RequestRow {
  operation: string;
  connection: string;
  calls: number;
  minimum: number;
  ok: boolean;
  /** For the discovery case (where `calls` is counted in a fresh process): a step in a warm process. */
  warmCalls?: number;
  routes: Record<string, number>;
}

async function countCalls(
  ctx: Context,
  spec: OperationSpec,
  auth: Partial<Credentials>,
): Promise<{ calls: number; routes: Record<string, number> }> {
  await prepare(ctx, spec);
  await ctx.sandbox.resetRequestCounts();
  await ctx.harness.run('app', spec, auth);
  const counts = await ctx.sandbox.requestCounts();
  return { calls: counts.total, routes: counts.byRoute };
}

/** The step as the first one in a fresh process (a cold container): nothing the app caches in memory helps it. */
async function countCallsInFreshProcess(
  ctx: Context,
  spec: OperationSpec,
  auth: Partial<Credentials>,
): Promise<{ calls: number; routes: Record<string, number> }> {
  const app = ctx.workspace.variants.app;
  if (!app || spec.kind !== 'triggers' || spec.mutates)
    throw new Error(`${label(spec)}: only a read-only trigger is counted in a fresh process`);
  await ctx.sandbox.resetRequestCounts();
  await runChild(app, { mode: 'cold', kind: 'triggers', key: spec.key, auth, urls: ctx.urls });
  const counts = await ctx.sandbox.requestCounts();
  return { calls: counts.total, routes: counts.byRoute };
}

async function requestsPerOperation(ctx: Context): Promise<RequestRow[]> {
  const rows: RequestRow[] = [];
  for (const spec of OPERATIONS) {
    await ctx.sandbox.reset();
    const auth = connectionFor(spec, ctx.auth);
    // Without the workspace id, the first step in a container has to discover it; this process has run the step
    // before (and the app may keep the id in memory), so that first step runs in a fresh one.
    const { calls, routes } =
      spec.connection === 'noWorkspace' ? await countCallsInFreshProcess(ctx, spec, auth) : await countCalls(ctx, spec, auth);
    const row: RequestRow = {
      operation: label(spec),
      connection: spec.connection === 'noWorkspace' ? 'no workspace id' : 'workspace id set',
      calls,
      minimum: spec.minimumCalls,
      ok: calls === spec.minimumCalls,
      routes,
    };
    // …and does a later step in a warm process (after one step there) ask for it again?
    if (spec.connection === 'noWorkspace') {
      await countCalls(ctx, spec, auth);
      row.warmCalls = (await countCalls(ctx, spec, auth)).calls;
    }
    rows.push(row);
  }
  await ctx.sandbox.reset();
  return rows;
}

function printRequests(rows: readonly RequestRow[]): void {
  print('\n3. Vendor calls per operation, counted at the sandbox');
  print(
    table(
      ['operation', 'connection', 'calls', 'minimum', '', 'warm process', 'routes'],
      rows.map((r) => [
        r.operation,
        r.warmCalls === undefined ? r.connection : `${r.connection} (fresh process)`,
        String(r.calls),
        String(r.minimum),
        r.ok ? 'ok' : 'MISMATCH',
        r.warmCalls === undefined ? '' : String(r.warmCalls),
        Object.entries(r.routes)
          .map(([route, count]) => `${count}× ${route}`)
          .join(', '),
      ]),
    ),
  );
}

// ---- 4. Growth ------------------------------------------------------------------------------------------------

interface GrowthRow {
  workspaceKeys: number;
  position: number;
  calls: number;
  expectedCalls: number;
  app: number;
  zRequest: number;
  fetch: number;
  appPerCall: number;
  /** What the app adds per call over a bare fetch (the sandbox's own time per call grows with the key count). */
  overheadPerCall: number;
  ratio: number;
}

interface PollRow {
  workspaceKeys: number;
  calls: number;
  app: number;
  zRequest: number;
  items: number;
}

interface GrowthResult {
  find: GrowthRow[];
  poll: PollRow[];
}

const SEEDED_SMASHSEND_KEYS = 3;
const SEEDED_SMARTE_KEYS = 3;

async function growth(ctx: Context): Promise<GrowthResult> {
  const findSpec = OPERATIONS.find((spec) => spec.key === 'find_smashsend_api_key');
  const pollSpec = OPERATIONS.find((spec) => spec.key === 'new_smashsend_api_key');
  if (!findSpec || !pollSpec) throw new Error('growth: operations missing');
  const find: GrowthRow[] = [];
  const poll: PollRow[] = [];
  for (const size of ctx.settings.growthSizes) {
    await ctx.sandbox.reset();
    if (size > SEEDED_SMASHSEND_KEYS) await ctx.sandbox.generateSmashsendKeys(size - SEEDED_SMASHSEND_KEYS);
    // Generated keys are older than the seeded ones, "Generated Key 00001" the oldest: last in newest-first order.
    const input = { displayName: size > SEEDED_SMASHSEND_KEYS ? 'Generated Key 00001' : 'Sandbox Admin Key' };
    await ctx.sandbox.resetRequestCounts();
    const found = await ctx.harness.run('app', findSpec, ctx.auth, input);
    const calls = (await ctx.sandbox.requestCounts()).total;
    if (countOf(found) !== 1) throw new Error(`growth: the search at ${size} keys found ${countOf(found)} keys`);
    const times: Record<Way, number[]> = { app: [], zRequest: [], fetch: [] };
    for (let run = 0; run < ctx.settings.growthRuns; run += 1) {
      for (const way of rotate(WAYS, run)) times[way].push(await timed(() => ctx.harness.run(way, findSpec, ctx.auth, input)));
    }
    const [app, zRequest, fetchTime] = [median(times.app), median(times.zRequest), median(times.fetch)];
    find.push({
      workspaceKeys: size,
      position: size,
      calls,
      expectedCalls: Math.ceil(size / 100),
      app: round(app),
      zRequest: round(zRequest),
      fetch: round(fetchTime),
      appPerCall: round(app / calls),
      overheadPerCall: round((app - fetchTime) / calls),
      ratio: ratio(app, zRequest),
    });
    await ctx.sandbox.resetRequestCounts();
    const items = countOf(await ctx.harness.run('app', pollSpec, ctx.auth));
    const pollCalls = (await ctx.sandbox.requestCounts()).total;
    const pollTimes: Record<'app' | 'zRequest', number[]> = { app: [], zRequest: [] };
    for (let run = 0; run < Math.max(3, ctx.settings.growthRuns); run += 1) {
      for (const way of rotate(['app', 'zRequest'] as const, run))
        pollTimes[way].push(await timed(() => ctx.harness.run(way, pollSpec, ctx.auth)));
    }
    poll.push({
      workspaceKeys: size,
      calls: pollCalls,
      app: round(median(pollTimes.app)),
      zRequest: round(median(pollTimes.zRequest)),
      items,
    });
    log(`  growth ${size} keys: search ${calls} calls ${ms(app)} ms; poll ${pollCalls} call(s)`);
  }
  await ctx.sandbox.reset();
  return { find, poll };
}

interface SmartePollRow {
  keys: number;
  variant: string;
  runs: number;
  items?: number;
  /** The poll in a fresh process (median); undefined when it ran past the limit. */
  pollMs?: number;
  timedOut: boolean;
  rssBeforeMb?: number;
  rssPeakMb?: number;
  heapBeforeMb?: number;
  heapPeakMb?: number;
}

const SMARTE_WAYS = [
  { label: 'app', variant: 'app', key: 'new_smarte_api_key' },
  { label: 'baseline z.request', variant: 'minimal', key: 'new_smarte_api_key' },
  { label: 'baseline z.request, raw: true', variant: 'minimal', key: 'new_smarte_api_key_raw' },
] as const;

async function smarteScaling(ctx: Context): Promise<{ limitMs: number; rows: SmartePollRow[] }> {
  const rows: SmartePollRow[] = [];
  const mb = (value: number) => round(value / 1024 / 1024, 1);
  const nested = (result: Record<string, unknown>, group: string, field: string) =>
    numberField(result[group] as Record<string, unknown>, field);
  for (const keys of ctx.settings.smarteSizes) {
    await ctx.sandbox.reset();
    await ctx.sandbox.generateSmarteKeys(keys - SEEDED_SMARTE_KEYS);
    const runs = keys <= 1000 ? ctx.settings.memoryRuns : 1;
    const collected = new Map<string, Array<Awaited<ReturnType<typeof runChild>>>>();
    for (let run = 0; run < runs; run += 1) {
      for (const way of rotate(SMARTE_WAYS, run)) {
        const variant = ctx.workspace.variants[way.variant];
        if (!variant) continue;
        const job: ChildJob = {
          mode: 'memory',
          kind: 'triggers',
          key: way.key,
          auth: ctx.auth,
          urls: ctx.urls,
          nodeArgs: ['--expose-gc'],
          timeoutMs: ctx.settings.pollLimitMs,
        };
        collected.set(way.label, [...(collected.get(way.label) ?? []), await runChild(variant, job)]);
      }
    }
    for (const way of SMARTE_WAYS) {
      const list = collected.get(way.label) ?? [];
      const finished = list.flatMap((child) => (child.result ? [child.result] : []));
      const timedOut = list.some((child) => child.timedOut);
      if (finished.length === 0) {
        const peaks = list.flatMap((child) => (child.peakRssAtStop === undefined ? [] : [child.peakRssAtStop]));
        rows.push({ keys, variant: way.label, runs: list.length, timedOut, ...(peaks.length > 0 ? { rssPeakMb: mb(median(peaks)) } : {}) });
        continue;
      }
      const times = finished.map((result) =>
        Array.isArray(result.times) && typeof result.times[0] === 'number' ? result.times[0] : Number.NaN,
      );
      rows.push({
        keys,
        variant: way.label,
        runs: list.length,
        items: numberField(finished[0], 'items'),
        pollMs: round(median(times)),
        timedOut,
        rssBeforeMb: mb(median(finished.map((r) => nested(r, 'before', 'rss')))),
        rssPeakMb: mb(median(finished.map((r) => nested(r, 'peak', 'rss')))),
        heapBeforeMb: mb(median(finished.map((r) => nested(r, 'before', 'heapUsed')))),
        heapPeakMb: mb(median(finished.map((r) => nested(r, 'peak', 'heapUsed')))),
      });
    }
    log(
      `  SMARTe view-all at ${keys} keys: ${rows
        .filter((row) => row.keys === keys)
        .map((row) => `${row.variant} ${row.timedOut ? 'timed out' : `${ms(row.pollMs ?? Number.NaN)} ms`}`)
        .join(', ')}`,
    );
  }
  await ctx.sandbox.reset();
  return { limitMs: ctx.settings.pollLimitMs, rows };
}

function printGrowth(result: GrowthResult): void {
  print('\n4. Growth: find_smashsend_api_key for the oldest key (position = workspace size), ms (median)');
  print(
    table(
      ['keys', 'calls', 'expected', '', 'app', 'z.request', 'fetch', 'app ms/call', 'app − fetch per call', 'app / z.request'],
      result.find.map((r) => [
        String(r.workspaceKeys),
        String(r.calls),
        String(r.expectedCalls),
        r.calls === r.expectedCalls ? 'ok' : 'MISMATCH',
        ms(r.app),
        ms(r.zRequest),
        ms(r.fetch),
        ms(r.appPerCall),
        ms(r.overheadPerCall),
        r.ratio.toFixed(2),
      ]),
    ),
  );
  print('   new_smashsend_api_key poll at the same sizes');
  print(
    table(
      ['keys', 'calls', '', 'items', 'app', 'z.request'],
      result.poll.map((r) => [
        String(r.workspaceKeys),
        String(r.calls),
        r.calls === 1 ? 'ok' : 'MISMATCH',
        String(r.items),
        ms(r.app),
        ms(r.zRequest),
      ]),
    ),
  );
}

function printSmarte(result: { limitMs: number; rows: SmartePollRow[] }): void {
  print('\n   SMARTe view-all poll (new_smarte_api_key): one poll in a fresh process (median), peak memory of that process');
  print(
    table(
      ['keys', 'way', 'items', 'poll ms', 'rss before MB', 'rss peak MB', 'heap before MB', 'heap peak MB'],
      result.rows.map((r) => [
        String(r.keys),
        r.variant,
        r.items === undefined ? '—' : String(r.items),
        r.pollMs === undefined ? `> ${(result.limitMs / 1000).toFixed(0)} s (stopped)` : ms(r.pollMs),
        r.rssBeforeMb === undefined ? '—' : r.rssBeforeMb.toFixed(1),
        r.rssPeakMb === undefined ? '—' : r.rssPeakMb.toFixed(1),
        r.heapBeforeMb === undefined ? '—' : r.heapBeforeMb.toFixed(1),
        r.heapPeakMb === undefined ? '—' : r.heapPeakMb.toFixed(1),
      ]),
    ),
  );
  print(
    '   (core scrubs every secret-looking value found in a logged response body out of that body: quadratic in the key count; raw: true logs no body)',
  );
}

// ---- 5. Size --------------------------------------------------------------------------------------------------

async function size(ctx: Context): Promise<Record<string, ZipReport>> {
  const devOnly = devOnlyPackages(REPO);
  const reports: Record<string, ZipReport> = {};
  // Both modes build the two zips the comparison needs; the full run adds today's repository layout.
  for (const name of ['app', 'minimal'] as const) {
    const variant = ctx.workspace.variants[name];
    if (!variant) continue;
    log(`  building the ${name} zip`);
    reports[name] = await measureZip(REPO, variant.dir, devOnly);
  }
  if (ctx.settings.repoLayoutZip) {
    log('  building the zip as the repository does today (whole node_modules)');
    reports['repo-layout'] = await measureZip(REPO, prepareRepoLayout(REPO, ctx.workspace), devOnly);
  }
  return reports;
}

const ZIP_LABEL: Record<string, string> = {
  app: 'app, production node_modules only',
  minimal: 'baseline: core only',
  'repo-layout': 'app, next to the whole node_modules (npm run zip today)',
};

function printSize(reports: Record<string, ZipReport>): void {
  print('\n5. Build zip (zapier-platform build --skip-validation --skip-dep-install)');
  print(
    table(
      ['zip', 'size', 'unpacked', 'files', 'app files', 'packages', 'dev-only files', 'of which package.json'],
      Object.entries(reports).map(([name, r]) => [
        ZIP_LABEL[name] ?? name,
        bytes(r.bytes),
        bytes(r.unpackedBytes),
        String(r.files),
        String(r.appFiles),
        String(r.packages),
        String(r.devFiles),
        String(r.devPackageJsonFiles),
      ]),
    ),
  );
  const app = reports.app;
  const minimal = reports.minimal;
  if (app && minimal) print(`app / baseline zip: ${(app.bytes / minimal.bytes).toFixed(2)}× (${bytes(app.bytes - minimal.bytes)} more)`);
  if (app) print(`largest packages in the app zip: ${app.largest.map((p) => `${p.name} ${bytes(p.compressedBytes)}`).join(', ')}`);
}

// ---- Summary --------------------------------------------------------------------------------------------------

function printSummary(all: {
  cold?: ColdResult;
  ops?: OperationsResult;
  requests?: RequestRow[];
  grown?: GrowthResult;
  smarte?: { limitMs: number; rows: SmartePollRow[] };
  zips?: Record<string, ZipReport>;
}): void {
  const lines: string[] = [];
  if (all.cold) {
    lines.push(
      `cold start app / baseline: ${verdict(all.cold.ratio, all.cold.target)} (app adds ${ms(all.cold.appAddsMs)} ms: ${all.cold.phaseRatio.toFixed(3)})`,
    );
  }
  if (all.ops) {
    const misses = all.ops.operations.filter((r) => r.ratio > r.target);
    const worst = [...all.ops.operations].sort((a, b) => b.ratio - a.ratio)[0];
    lines.push(
      `per operation app / z.request: ${all.ops.operations.length - misses.length}/${all.ops.operations.length} within ${OPERATION_TARGET.toFixed(2)}` +
        (worst ? `, highest ${worst.ratio.toFixed(2)} (${worst.operation}, paired ${worst.pairedRatio.toFixed(2)})` : ''),
    );
  }
  if (all.requests) {
    const bad = all.requests.filter((r) => !r.ok);
    const warm = all.requests
      .filter((r) => r.warmCalls !== undefined)
      .map((r) => `${r.operation}: ${r.calls} in a fresh process, ${String(r.warmCalls)} warm`);
    lines.push(
      `vendor calls: ${bad.length === 0 ? `all ${all.requests.length} at the minimum` : `MISMATCH in ${bad.map((r) => r.operation).join(', ')}`}${warm.length > 0 ? ` (${warm.join('; ')})` : ''}`,
    );
  }
  if (all.grown) {
    const findOk = all.grown.find.every((r) => r.calls === r.expectedCalls);
    const pollOk = all.grown.poll.every((r) => r.calls === 1);
    const last = all.grown.find[all.grown.find.length - 1];
    lines.push(
      `growth: search calls = ceil(position / 100) ${findOk ? 'ok' : 'MISMATCH'}; poll stays 1 call ${pollOk ? 'ok' : 'MISMATCH'}` +
        (last ? `; ${last.workspaceKeys} keys: ${ms(last.app)} ms, ${ms(last.appPerCall)} ms/call` : ''),
    );
  }
  if (all.smarte) {
    const biggest = Math.max(...all.smarte.rows.map((r) => r.keys));
    for (const row of all.smarte.rows.filter((r) => r.keys === biggest)) {
      const time = row.pollMs === undefined ? `> ${(all.smarte.limitMs / 1000).toFixed(0)} s` : `${ms(row.pollMs)} ms`;
      lines.push(
        `SMARTe view-all, ${biggest} keys, ${row.variant}: ${time}, peak rss ${row.rssPeakMb === undefined ? '—' : `${row.rssPeakMb} MB`}`,
      );
    }
  }
  if (all.zips?.app && all.zips.minimal) {
    lines.push(
      `zip: app ${bytes(all.zips.app.bytes)} vs core-only ${bytes(all.zips.minimal.bytes)} (${(all.zips.app.bytes / all.zips.minimal.bytes).toFixed(2)}×)`,
    );
  }
  print('\nSummary');
  for (const line of lines) print(`- ${line}`);
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { settings, only, keep } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < 22) log(`warning: Node ${process.versions.node}; Zapier runs this app on Node 22 (run through npm run bench)`);
  print(`Keyring benchmark, ${settings.quick ? 'QUICK mode (few runs, small sizes: a smoke run, not figures)' : 'full mode'}`);
  print(
    `node ${process.versions.node}, ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );

  log('preparing the build (scripts/build.ts, production node_modules) in a temporary directory');
  const workspace = await prepareWorkspace(REPO);
  let sandbox: SandboxProcess | undefined;
  const results: Record<string, unknown> = {};
  const sectionSeconds: Record<string, number> = {};
  let failed = false;
  try {
    sandbox = await startSandboxProcess(REPO, bareFetch);
    const urls: Endpoints = sandbox.baseUrls;
    process.env.SMASHSEND_BASE_URL = urls.smashsend;
    process.env.SMARTLEAD_BASE_URL = urls.smartlead;
    process.env.SMARTE_BASE_URL = urls.smarte;
    const appVariant = workspace.variants.app;
    if (!appVariant) throw new Error('the app variant was not built');
    const ctx: Context = {
      settings,
      workspace,
      sandbox,
      urls,
      auth: sandbox.credentials,
      harness: loadHarness(appVariant.dir, OPERATIONS, () => urls, bareFetch),
    };
    results.meta = {
      mode: settings.quick ? 'quick' : 'full',
      date: new Date().toISOString(),
      node: process.versions.node,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverageAtStart: os.loadavg(),
      sandbox: 'its own process (sandbox/cli.ts), loopback HTTP, rate limits off',
      settings,
    };
    const section = async <T>(name: Section, title: string, run: () => Promise<T>, show: (value: T) => void): Promise<T | undefined> => {
      if (!only.has(name)) return undefined;
      log(`${title}…`);
      const sectionStart = performance.now();
      let value: T | undefined;
      try {
        value = await run();
        results[name] = value;
        show(value);
      } catch (error) {
        failed = true;
        results[name] = { error: error instanceof Error ? error.message : String(error) };
        print(`\n${title}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
      }
      sectionSeconds[name] = round((performance.now() - sectionStart) / 1000, 1);
      return value;
    };

    const cold = await section('cold', 'cold start', () => coldStart(ctx), printCold);
    const ops = await section('ops', 'per operation', () => perOperation(ctx), printOperations);
    const requests = await section('requests', 'requests per operation', () => requestsPerOperation(ctx), printRequests);
    const grown = await section('growth', 'growth', () => growth(ctx), printGrowth);
    const smarte = await section('memory', 'SMARTe view-all time and memory', () => smarteScaling(ctx), printSmarte);
    const zips = await section('size', 'build zip size', () => size(ctx), printSize);
    printSummary({ cold, ops, requests, grown, smarte, zips });
  } finally {
    await sandbox?.close();
    if (keep) log(`kept the build directory ${workspace.root}`);
    else removeWorkspace(workspace);
  }

  results.meta = {
    ...(results.meta as Record<string, unknown>),
    loadAverageAtEnd: os.loadavg(),
    seconds: round((performance.now() - started) / 1000, 1),
    sectionSeconds,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  print(
    `\nsections (s): ${Object.entries(sectionSeconds)
      .map(([name, seconds]) => `${name} ${seconds}`)
      .join(', ')}`,
  );
  print(
    `wrote ${path.relative(process.cwd(), RESULTS)} in ${((performance.now() - started) / 1000).toFixed(0)} s (load average now ${os.loadavg()[0].toFixed(2)})`,
  );
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
