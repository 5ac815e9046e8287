// `npm run bench [-- --quick] [-- --only cold,ops,requests,growth,memory,size,connector,audit] [-- --cold-rounds N]
//  [-- --op-runs N] [-- --keep]`   (--keep leaves the temporary build directory in place, e.g. to profile a child)
//
// The performance benchmark, against the local vendor sandbox (started and stopped here): cold start, per-operation
// time against a bare z.request and a bare fetch, vendor calls per operation, growth with the workspace size, the
// build zip's size, the connector from plain Node against a bare fetch, and `keyring audit` over 10 000 keys. Prints tables and writes
// bench/results.json. It reports; it asserts no timing (exit 1 only when something could not run at all).
// One file per section under bench/sections/; this one reads the options, starts the sandbox and runs the sections.

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, print, REPO, type Context, type Settings } from './lib/context';
import { loadHarness } from './lib/harness';
import { SANDBOX_VENDORS, baseUrlEnvOf } from '../test/support/vendors';
import { OPERATIONS, type Endpoints } from './lib/operations';
import { startSandboxProcess, type SandboxProcess } from './lib/sandbox';
import { round } from './lib/stats';
import { prepareWorkspace, removeWorkspace } from './lib/workspace';
import { auditWallTime, printAudit } from './sections/audit';
import { coldStart, printCold } from './sections/coldStart';
import { connectorVsFetch, printConnector } from './sections/connector';
import { growth, printGrowth } from './sections/growth';
import { perOperation, printOperations } from './sections/perOperation';
import { printRequests, requestsPerOperation } from './sections/requests';
import { printSmarte, smarteScaling } from './sections/smarteMemory';
import { printSummary } from './sections/summary';
import { printSize, size } from './sections/zipSize';

// Core wraps the global fetch with its logger the first time it runs a step: keep Node's own for the baseline.
const bareFetch = globalThis.fetch;

const RESULTS = path.join(__dirname, 'results.json');

const SECTIONS = ['cold', 'ops', 'requests', 'growth', 'memory', 'size', 'connector', 'audit'] as const;
type Section = (typeof SECTIONS)[number];

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
        connectorWarmup: 2,
        opRuns: 5,
        connectorRuns: 5,
        growthSizes: [10, 1000],
        growthRuns: 1,
        smarteSizes: [1000],
        memoryRuns: 1,
        pollLimitMs: 45_000,
        repoLayoutZip: false,
        auditSizes: [1000],
        auditRuns: 1,
      }
    : {
        quick,
        coldRounds: 30,
        opWarmup: 10,
        connectorWarmup: 50,
        opRuns: 50,
        connectorRuns: 150,
        growthSizes: [10, 1000, 10000],
        growthRuns: 3,
        smarteSizes: [1000, 2000, 10000],
        memoryRuns: 3,
        pollLimitMs: 45_000,
        repoLayoutZip: true,
        auditSizes: [10000],
        auditRuns: 3,
      };
  const numberArg = (name: string): number | undefined => {
    const arg = argv.find((candidate) => candidate === name || candidate.startsWith(`${name}=`));
    if (arg === undefined) return undefined;
    const value = Number(arg.includes('=') ? arg.split('=')[1] : argv[argv.indexOf(arg) + 1]);
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  settings.coldRounds = numberArg('--cold-rounds') ?? settings.coldRounds;
  settings.opRuns = numberArg('--op-runs') ?? settings.opRuns;
  settings.connectorRuns = numberArg('--connector-runs') ?? settings.connectorRuns;
  return { settings, only, keep: argv.includes('--keep') };
}

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
    for (const vendor of SANDBOX_VENDORS) process.env[baseUrlEnvOf(vendor)] = urls[vendor];
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
    const connector = await section('connector', 'the connector from plain Node', () => connectorVsFetch(ctx), printConnector);
    const audit = await section('audit', 'keyring audit', () => auditWallTime(ctx), printAudit);
    printSummary({ cold, ops, requests, grown, smarte, zips, connector, audit });
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
