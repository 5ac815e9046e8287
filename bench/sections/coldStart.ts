// Benchmark section 1 (--only cold): cold start, a fresh process through app load to the first poll, app vs baseline.

import { numberField, runChild, type ChildJob } from '../lib/children';
import { log, print, rotate, type Context } from '../lib/context';
import { median, ms, ratio, round, spread, summarise, table, verdict, type Summary } from '../lib/stats';
import { COLD_TARGET } from '../lib/targets';
import type { Variant, VariantName } from '../lib/workspace';

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

export interface ColdResult {
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
  /**
   * The floor (core with our definition as data, the baseline's perform): what a definition this size adds with none of
   * our code (loading it as data, ~1 ms, and core's own work on it at each invocation), in ms and as a ratio to the
   * baseline (phase medians, as appAddsMs); absent when the floor variant was not built.
   */
  floor?: {
    addsMs: number;
    phaseRatio: number;
    ratio: number;
    /** What our code adds over the floor (ms), and as a ratio to the floor's start: the app against its own definition. */
    ourCodeMs: number;
    overFloorRatio: number;
  };
  target: number;
}

export async function coldStart(ctx: Context): Promise<ColdResult> {
  const variants = (['app', 'minimal', 'floor'] as const)
    .map((name) => ctx.workspace.variants[name])
    .filter((v): v is Variant => v !== undefined);
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
  const adds = (variant: ColdVariantResult) =>
    round(variant.phases.appRequire + variant.phases.firstOperation - minimal.phases.appRequire - minimal.phases.firstOperation);
  const appAddsMs = adds(app);
  const floor = of('floor');
  return {
    rounds: ctx.settings.coldRounds,
    operation: 'triggers.new_smashsend_api_key (workspace id in the connection)',
    variants: results,
    ratio: ratio(app.total.median, minimal.total.median),
    pairedRatio: round(median(paired), 3),
    cpuRatio: ratio(app.cpu.median, minimal.cpu.median),
    appAddsMs,
    phaseRatio: round(1 + appAddsMs / minimal.total.median, 3),
    ...(floor
      ? {
          floor: {
            addsMs: adds(floor),
            phaseRatio: round(1 + adds(floor) / minimal.total.median, 3),
            ratio: ratio(floor.total.median, minimal.total.median),
            ourCodeMs: round(appAddsMs - adds(floor)),
            overFloorRatio: round(1 + (appAddsMs - adds(floor)) / (minimal.total.median + adds(floor)), 3),
          },
        }
      : {}),
    target: COLD_TARGET,
  };
}

const VARIANT_LABEL: Record<VariantName, string> = {
  app: 'app (dist/index.js, as built)',
  minimal: 'baseline (core + bare z.request)',
  floor: 'floor (our definition as data, baseline perform)',
};

export function printCold(result: ColdResult): void {
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
    `app / baseline: the app adds ${ms(result.appAddsMs)} ms (require app + extra first-op time, phase medians): ${verdict(result.phaseRatio, result.target)}; ` +
      `medians of the totals ${result.ratio.toFixed(3)}, paired ${result.pairedRatio.toFixed(3)}, CPU time ${result.cpuRatio.toFixed(3)} ` +
      `(the totals carry the noise of node's start and core's loading, the same work in every variant: the verdict is on the phases)`,
  );
  if (result.floor) {
    print(
      `floor / baseline (medians): ${result.floor.ratio.toFixed(3)}; a definition the size of ours, as data with none of our code, adds ${ms(result.floor.addsMs)} ms: ` +
        `${result.floor.phaseRatio.toFixed(3)} with none of our code; our code (bundle load, our perform's first run) adds the other ` +
        `${ms(result.floor.ourCodeMs)} ms: ${result.floor.overFloorRatio.toFixed(3)} over the floor (not a target: the target is over the baseline)`,
    );
  }
}
