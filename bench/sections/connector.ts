// Benchmark section 6 (--only connector): each operation from plain Node with the connector (its default fetch
// transport) against the same vendor calls made with a bare fetch, in a separate process that loads nothing of Zapier.

import { spawn, type ChildProcess } from 'node:child_process';
import type { ConnectorJob, ConnectorReply, ConnectorWay } from '../connectorChild';
import { log, prepare, print, REPO, rotate, type Context } from '../lib/context';
import { connectionFor, label, OPERATIONS, type OperationSpec } from '../lib/operations';
import { median, ms, ratio, round, spread, summarise, table, type Summary } from '../lib/stats';

const WAYS: readonly ConnectorWay[] = ['connector', 'fetch'];

interface ConnectorRow {
  operation: string;
  vendor: string;
  connector: Summary;
  fetch: Summary;
  /** connector / fetch, medians. */
  ratio: number;
  /** Median of connector/fetch over the runs, each pair taken back to back. */
  pairedRatio: number;
  /** Vendor calls each way, counted at the sandbox (the same calls both ways, or the comparison means nothing). */
  calls: Record<ConnectorWay, number>;
}

export interface ConnectorResult {
  runs: number;
  rows: ConnectorRow[];
  /** Whether any Zapier package was loaded in the plain Node process (it must not be). */
  zapierLoaded: boolean;
}

/** The plain Node process, and a way to run one timed call in it. */
interface PlainNode {
  run(spec: OperationSpec, way: ConnectorWay): Promise<{ ms: number; zapierLoaded: boolean }>;
  close(): Promise<void>;
}

async function startPlainNode(ctx: Context): Promise<PlainNode> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bench/connectorChild.ts'], {
    cwd: REPO,
    // No NODE_ENV and no *_BASE_URL: the clients get their base URLs as a user's code would pass them.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the plain Node process exited (${code}) before it was ready`)));
  });
  return {
    run: (spec, way) =>
      new Promise((resolve, reject) => {
        const job: ConnectorJob = { index: OPERATIONS.indexOf(spec), way, auth: connectionFor(spec, ctx.auth), urls: ctx.urls };
        child.once('message', (reply: ConnectorReply) =>
          reply.ok ? resolve(reply) : reject(new Error(`${label(spec)} (${way}) in plain Node: ${reply.error}`)),
        );
        child.send(job);
      }),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function connectorVsFetch(ctx: Context): Promise<ConnectorResult> {
  const plain = await startPlainNode(ctx);
  const rows: ConnectorRow[] = [];
  let zapierLoaded = false;
  try {
    // Warm every operation both ways first (JIT, connections), counting each way's vendor calls on the way.
    const calls = new Map<OperationSpec, Record<ConnectorWay, number>>();
    for (let warm = 0; warm < ctx.settings.opWarmup; warm += 1) {
      for (const spec of OPERATIONS) {
        const counted: Record<ConnectorWay, number> = { connector: 0, fetch: 0 };
        for (const way of WAYS) {
          await prepare(ctx, spec);
          await ctx.sandbox.resetRequestCounts();
          await plain.run(spec, way);
          counted[way] = (await ctx.sandbox.requestCounts()).total;
        }
        calls.set(spec, counted);
      }
    }
    for (const spec of OPERATIONS) {
      await ctx.sandbox.reset();
      const times: Record<ConnectorWay, number[]> = { connector: [], fetch: [] };
      for (let run = 0; run < ctx.settings.opRuns; run += 1) {
        for (const way of rotate(WAYS, run)) {
          await prepare(ctx, spec);
          const reply = await plain.run(spec, way);
          zapierLoaded ||= reply.zapierLoaded;
          times[way].push(reply.ms);
        }
      }
      const connector = summarise(times.connector);
      const fetch = summarise(times.fetch);
      rows.push({
        operation: label(spec),
        vendor: spec.vendor,
        connector,
        fetch,
        ratio: ratio(connector.median, fetch.median),
        pairedRatio: round(median(times.connector.map((value, index) => value / times.fetch[index])), 3),
        calls: calls.get(spec) ?? { connector: 0, fetch: 0 },
      });
      log(`  ${label(spec)}: connector ${ms(connector.median)} ms, fetch ${ms(fetch.median)} ms`);
    }
  } finally {
    await plain.close();
    await ctx.sandbox.reset();
  }
  return { runs: ctx.settings.opRuns, rows, zapierLoaded };
}

export function printConnector(result: ConnectorResult): void {
  print(
    `\n6. The connector from plain Node (fetch transport) vs a bare fetch, per operation (median of ${result.runs} interleaved runs each, ms)`,
  );
  print(
    table(
      ['operation', 'connector', 'p10–p90', 'fetch', 'p10–p90', 'connector / fetch', 'paired', 'calls c/f'],
      result.rows.map((r) => [
        r.operation,
        ms(r.connector.median),
        spread(r.connector),
        ms(r.fetch.median),
        spread(r.fetch),
        r.ratio.toFixed(2),
        r.pairedRatio.toFixed(2),
        `${r.calls.connector}/${r.calls.fetch}${r.calls.connector === r.calls.fetch ? '' : ' MISMATCH'}`,
      ]),
    ),
  );
  print(
    `the same vendor calls both ways; the connector adds input checks, response validation, error mapping and the timeout. ` +
      `Zapier loaded in that process: ${result.zapierLoaded ? 'YES (it should not be)' : 'no'}.`,
  );
}

/** For the summary: the range and median of the per-operation ratios. */
export function connectorSummary(result: ConnectorResult): string {
  const ratios = result.rows.map((r) => r.ratio).sort((a, b) => a - b);
  if (ratios.length === 0) return 'connector / bare fetch: no operations';
  return `connector / bare fetch (plain Node): median ${median(ratios).toFixed(2)}, ${ratios[0]!.toFixed(2)}–${ratios[ratios.length - 1]!.toFixed(2)} over ${ratios.length} operations`;
}
