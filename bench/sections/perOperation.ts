// Benchmark section 2 (--only ops): each operation in one process, the app vs a bare z.request and a bare fetch.

import { log, prepare, print, rotate, timed, type Context } from '../lib/context';
import { definitionCost, WAYS, type Way } from '../lib/harness';
import { connectionFor, label, OPERATIONS, type OperationSpec } from '../lib/operations';
import { median, ms, ratio, round, spread, summarise, table, verdict, type Summary } from '../lib/stats';
import { OPERATION_TARGET } from '../lib/targets';

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

export interface OperationsResult {
  runs: number;
  operations: OperationResult[];
  /** Core's per-step work on the definition (warm, ms): ours, and the one-trigger baseline app's. */
  definitionCostMs: { app: number; minimal: number };
}

export async function perOperation(ctx: Context): Promise<OperationsResult> {
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

export function printOperations(result: OperationsResult): void {
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
