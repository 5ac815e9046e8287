// Benchmark section 3 (--only requests): vendor calls per operation, counted at the sandbox.

import { runChild } from '../lib/children';
import { prepare, print, type Context } from '../lib/context';
import { connectionFor, label, OPERATIONS, type Credentials, type OperationSpec } from '../lib/operations';
import { table } from '../lib/stats';

export interface RequestRow {
  operation: string;
  connection: string;
  calls: number;
  minimum: number;
  ok: boolean;
  /** For the discovery case (where `calls` is counted in a fresh process): a step in a warm process. */
  warmCalls?: number;
  routes: Record<string, number>;
}

/**
 * The step in a warm process (a warm container): it runs once first, uncounted, so that what the app remembers per
 * connection (the connection key's id, learnt by the safety lookup of the steps that can disable a key) is known, as
 * it is for every step after a container's first.
 */
async function countCalls(
  ctx: Context,
  spec: OperationSpec,
  auth: Partial<Credentials>,
): Promise<{ calls: number; routes: Record<string, number> }> {
  await prepare(ctx, spec);
  await ctx.harness.run('app', spec, auth);
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

export async function requestsPerOperation(ctx: Context): Promise<RequestRow[]> {
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

export function printRequests(rows: readonly RequestRow[]): void {
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
