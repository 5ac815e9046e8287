// Benchmark section 4, continued (--only memory): the SMARTe view-all poll in a fresh process, time and peak memory.

import { numberField, runChild, type ChildJob } from '../lib/children';
import { log, print, rotate, type Context } from '../lib/context';
import { median, ms, round, table } from '../lib/stats';

const SEEDED_SMARTE_KEYS = 3;

export interface SmartePollRow {
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

export async function smarteScaling(ctx: Context): Promise<{ limitMs: number; rows: SmartePollRow[] }> {
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

export function printSmarte(result: { limitMs: number; rows: SmartePollRow[] }): void {
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
