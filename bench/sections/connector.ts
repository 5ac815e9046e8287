// Benchmark section 6 (--only connector): each operation from plain Node with the connector against the same vendor
// calls made with a bare fetch, in a separate process that loads nothing of Zapier. The connector runs twice: with its
// default transport (node:http(s)), and with its fetch transport (the same HTTP stack as the bare fetch, so that
// ratio is the connector's own cost: input checks, response validation, error facts, the timeout).

import { spawn, type ChildProcess } from 'node:child_process';
import type { ConnectorJob, ConnectorReply, ConnectorWay } from '../connectorChild';
import { log, prepare, print, REPO, rotate, type Context } from '../lib/context';
import { connectionFor, label, OPERATIONS, type OperationSpec } from '../lib/operations';
import { median, ms, ratio, round, spread, summarise, table, type Summary } from '../lib/stats';
import { CONNECTOR_MEDIAN_TARGET, CONNECTOR_WORST_TARGET } from '../lib/targets';

const WAYS: readonly ConnectorWay[] = ['connector', 'connectorFetch', 'fetch'];

interface ConnectorRow {
  operation: string;
  vendor: string;
  connector: Summary;
  connectorFetch: Summary;
  fetch: Summary;
  /** connector (its default transport) / fetch, medians: the figure the targets are about. */
  ratio: number;
  /** Median of connector/fetch over the runs, each pair taken back to back. */
  pairedRatio: number;
  /** connector with its fetch transport / fetch (timed in a pass of their own), medians: the connector's own cost on the same HTTP stack. */
  fetchTransportRatio: number;
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
    // Warm every operation every way first, until the process is in its steady state (Settings.connectorWarmup), each
    // from the seed (an operation may depend on what an earlier one changed), counting each way's vendor calls.
    const calls = new Map<OperationSpec, Record<ConnectorWay, number>>();
    for (let warm = 0; warm < ctx.settings.connectorWarmup; warm += 1) {
      for (const spec of OPERATIONS) {
        await ctx.sandbox.reset();
        const counted: Record<ConnectorWay, number> = { connector: 0, connectorFetch: 0, fetch: 0 };
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
      // Each transport against the bare fetch in a pass of its own, the two ways alternating: run as three ways at once,
      // the bare fetch shared undici with the fetch transport's runs (two calls in three), which made it the warmer path.
      const pass = async (way: ConnectorWay): Promise<{ times: number[]; fetch: number[] }> => {
        const times: Record<ConnectorWay, number[]> = { connector: [], connectorFetch: [], fetch: [] };
        for (let run = 0; run < ctx.settings.connectorRuns; run += 1) {
          for (const each of rotate([way, 'fetch'] as const, run)) {
            await prepare(ctx, spec);
            const reply = await plain.run(spec, each);
            zapierLoaded ||= reply.zapierLoaded;
            times[each].push(reply.ms);
          }
        }
        return { times: times[way], fetch: times.fetch };
      };
      const viaHttp = await pass('connector');
      const viaFetch = await pass('connectorFetch');
      const connector = summarise(viaHttp.times);
      const connectorFetch = summarise(viaFetch.times);
      const fetch = summarise(viaHttp.fetch);
      rows.push({
        operation: label(spec),
        vendor: spec.vendor,
        connector,
        connectorFetch,
        fetch,
        ratio: ratio(connector.median, fetch.median),
        pairedRatio: round(median(viaHttp.times.map((value, index) => value / viaHttp.fetch[index])), 3),
        fetchTransportRatio: ratio(connectorFetch.median, summarise(viaFetch.fetch).median),
        calls: calls.get(spec) ?? { connector: 0, connectorFetch: 0, fetch: 0 },
      });
      log(
        `  ${label(spec)}: connector ${ms(connector.median)} ms (fetch transport ${ms(connectorFetch.median)} ms), fetch ${ms(fetch.median)} ms`,
      );
    }
  } finally {
    await plain.close();
    await ctx.sandbox.reset();
  }
  return { runs: ctx.settings.connectorRuns, rows, zapierLoaded };
}

export function printConnector(result: ConnectorResult): void {
  print(
    `\n6. The connector from plain Node vs a bare fetch, per operation (median of ${result.runs} interleaved runs each, ms): ` +
      `its default transport (node:http(s)), and its fetch transport, each alternating with the bare fetch in a pass of its own ` +
      `(the fetch column: the first pass's)`,
  );
  print(
    table(
      ['operation', 'connector', 'p10–p90', 'via fetch', 'fetch', 'p10–p90', 'connector / fetch', 'paired', 'via fetch / fetch', 'calls'],
      result.rows.map((r) => [
        r.operation,
        ms(r.connector.median),
        spread(r.connector),
        ms(r.connectorFetch.median),
        ms(r.fetch.median),
        spread(r.fetch),
        r.ratio.toFixed(2),
        r.pairedRatio.toFixed(2),
        r.fetchTransportRatio.toFixed(2),
        `${r.calls.connector}/${r.calls.connectorFetch}/${r.calls.fetch}${r.calls.connector === r.calls.fetch && r.calls.connectorFetch === r.calls.fetch ? '' : ' MISMATCH'}`,
      ]),
    ),
  );
  print(
    `the same vendor calls every way; the connector adds input checks, response validation, error mapping and the timeout. ` +
      `Zapier loaded in that process: ${result.zapierLoaded ? 'YES (it should not be)' : 'no'}.`,
  );
}

interface RatioFigures {
  median: number;
  lowest: number;
  worst: number;
  worstOperation: string;
}

function figures(result: ConnectorResult, pick: (row: ConnectorRow) => number): RatioFigures | undefined {
  const sorted = [...result.rows].sort((a, b) => pick(a) - pick(b));
  const worst = sorted[sorted.length - 1];
  if (!worst) return undefined;
  return { median: median(sorted.map(pick)), lowest: pick(sorted[0]!), worst: pick(worst), worstOperation: worst.operation };
}

/** For the summary: the default transport against the targets, and the fetch transport's figures beside it. */
export function connectorSummary(result: ConnectorResult): string {
  const main = figures(result, (r) => r.ratio);
  const viaFetch = figures(result, (r) => r.fetchTransportRatio);
  if (!main || !viaFetch) return 'connector / bare fetch: no operations';
  const holds = main.median <= CONNECTOR_MEDIAN_TARGET && main.worst <= CONNECTOR_WORST_TARGET;
  return (
    `connector / bare fetch (plain Node): median ${main.median.toFixed(2)} (target <= ${CONNECTOR_MEDIAN_TARGET.toFixed(2)}), ` +
    `worst ${main.worst.toFixed(2)} ${main.worstOperation} (target <= ${CONNECTOR_WORST_TARGET.toFixed(2)}): ${holds ? 'ok' : 'MISS'}; ` +
    `through its fetch transport: median ${viaFetch.median.toFixed(2)}, worst ${viaFetch.worst.toFixed(2)} (${viaFetch.worstOperation})`
  );
}
