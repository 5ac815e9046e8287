// Benchmark section 4 (--only growth): find_smashsend_api_key and the new-key poll as the workspace grows.

import { countOf, log, print, rotate, timed, type Context } from '../lib/context';
import { WAYS, type Way } from '../lib/harness';
import { OPERATIONS } from '../lib/operations';
import { median, ms, ratio, round, table } from '../lib/stats';

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

export interface GrowthResult {
  find: GrowthRow[];
  poll: PollRow[];
}

const SEEDED_SMASHSEND_KEYS = 3;

export async function growth(ctx: Context): Promise<GrowthResult> {
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

export function printGrowth(result: GrowthResult): void {
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
