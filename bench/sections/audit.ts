// Benchmark section 7 (--only audit): `keyring audit` over a SMASHSEND workspace of 10 000 keys in the sandbox (1 000
// in --quick), wall time from spawn to exit, next to the same command over the seeded 3 keys and a bare `node`.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { log, print, REPO, type Context } from '../lib/context';
import { median, ms, round, table } from '../lib/stats';
import { AUDIT_WALL_TARGET_MS, MEMORY_BEFORE_MB } from '../lib/targets';

const SEEDED_SMASHSEND_KEYS = 3;
/** `keyring audit` exits 3 when a key is older than --older-than: a finding, not a failure. */
const AUDIT_EXIT_OK = new Set([0, 3]);

interface AuditRow {
  keys: number;
  runs: number;
  /** Spawn to exit, median (ms). */
  wallMs: number;
  /** Keys in the JSON inventory (must equal `keys`). */
  listed: number;
  /** Vendor calls counted at the sandbox in one run, and the fewest that can read every key (100 a page). */
  calls: number;
  expectedCalls: number;
  exitCode: number;
  /** The command's peak resident set size (MB, the kernel's maxRSS at its exit), median. */
  maxRssMb: number;
}

export interface AuditResult {
  /** How the command was run: the package's built bin, or its source through tsx. */
  command: string;
  /** `node -e 0`, spawn to exit, median (ms): what any command costs before its own work. */
  nodeStartMs: number;
  rows: AuditRow[];
}

/** The `keyring` bin as the package declares it (built first), else its source through tsx. */
function keyringCommand(): { args: string[]; label: string } {
  const connector = path.join(REPO, 'connector');
  const manifest = JSON.parse(readFileSync(path.join(connector, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.keyring;
  if (bin !== undefined) {
    // Built from this tree every time: a dist/ left from an older build would measure older code.
    log('  building @keyring/connector (npm run build --workspace connector)');
    const build = spawnSync('npm', ['run', 'build', '--workspace', 'connector'], { cwd: REPO, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`building @keyring/connector failed: ${build.stderr || build.stdout}`);
    const file = path.join(connector, bin);
    if (!existsSync(file)) throw new Error(`the build left no ${bin} in connector/`);
    return { args: [file], label: `node connector/${path.normalize(bin)} (the package's bin, built)` };
  }
  const source = path.join(connector, 'src', 'cli', 'index.ts');
  if (!existsSync(source))
    throw new Error('no keyring command: connector/package.json has no bin and connector/src/cli/index.ts is missing');
  return { args: ['--import', 'tsx', source], label: 'connector/src/cli/index.ts through tsx (no bin declared)' };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

/**
 * Loaded before the command (`node --import`): at exit, the process's peak RSS (KiB) on stderr, on a line of its own,
 * so that the parent can read it after the command is gone. The kernel's VmHWM of the process's own memory: not
 * getrusage's maxRSS, which Linux carries over an exec from the forked parent (this benchmark, far bigger than the
 * command), so that a small command would report the benchmark's size.
 */
const REPORT_MAX_RSS_CODE = `import { readFileSync } from 'node:fs';
process.on('exit', () => {
  const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stderr.write('\\nBENCH_MAX_RSS_KB ' + (hwm ? hwm[1] : process.resourceUsage().maxRSS) + '\\n');
});`;
const REPORT_MAX_RSS = `data:text/javascript,${encodeURIComponent(REPORT_MAX_RSS_CODE)}`;

function maxRssMbOf(stderr: string): number {
  const kib = /BENCH_MAX_RSS_KB (\d+)/.exec(stderr)?.[1];
  if (kib === undefined) throw new Error('keyring audit: no peak RSS reported');
  return round(Number(kib) / 1024, 1);
}

function timedRun(args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - started }));
  });
}

function listedKeys(stdout: string): number {
  const report = JSON.parse(stdout) as { keys?: unknown };
  if (!Array.isArray(report.keys)) throw new Error('keyring audit --json printed no keys list');
  return report.keys.length;
}

export async function auditWallTime(ctx: Context): Promise<AuditResult> {
  const { args, label } = keyringCommand();
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  // Only SMASHSEND is configured: the figure is about reading its keys. No NODE_ENV, as on an operator's shell.
  const env = {
    ...baseEnv,
    SMASHSEND_API_KEY: ctx.auth.smashsend_api_key,
    SMASHSEND_WORKSPACE_ID: ctx.auth.smashsend_workspace_id,
    SMASHSEND_BASE_URL: ctx.urls.smashsend,
  };
  const starts: number[] = [];
  for (let run = 0; run < ctx.settings.auditRuns; run += 1) starts.push((await timedRun(['-e', '0'], baseEnv)).wallMs);
  const rows: AuditRow[] = [];
  for (const keys of [SEEDED_SMASHSEND_KEYS, ...ctx.settings.auditSizes]) {
    await ctx.sandbox.reset();
    if (keys > SEEDED_SMASHSEND_KEYS) await ctx.sandbox.generateSmashsendKeys(keys - SEEDED_SMASHSEND_KEYS);
    const times: number[] = [];
    const rss: number[] = [];
    let row: AuditRow | undefined;
    for (let run = 0; run < ctx.settings.auditRuns; run += 1) {
      await ctx.sandbox.resetRequestCounts();
      const done = await timedRun([...args, 'audit', '--json', '--older-than', '90'], env);
      if (done.code === null || !AUDIT_EXIT_OK.has(done.code)) {
        throw new Error(`keyring audit at ${keys} keys exited ${String(done.code)}: ${done.stderr.trim().split('\n')[0] ?? ''}`);
      }
      times.push(done.wallMs);
      const calls = (await ctx.sandbox.requestCounts()).total;
      // Memory from a run of its own: the preload that reports it starts Node's ESM loader, which the timed runs must not pay.
      rss.push(maxRssMbOf((await timedRun(['--import', REPORT_MAX_RSS, ...args, 'audit', '--json', '--older-than', '90'], env)).stderr));
      row = {
        keys,
        runs: ctx.settings.auditRuns,
        wallMs: 0,
        listed: listedKeys(done.stdout),
        calls,
        // Every page, and nothing else: keyring's own key is among those listed, told by the hint SMASHSEND lists with it
        // (GET /v1/api-keys/current only when no hint or several tell it).
        expectedCalls: Math.ceil(keys / 100),
        exitCode: done.code,
        maxRssMb: 0,
      };
    }
    if (!row) throw new Error('keyring audit: no runs');
    rows.push({ ...row, wallMs: round(median(times)), maxRssMb: round(median(rss), 1) });
    log(`  keyring audit over ${keys} SMASHSEND keys: ${ms(median(times))} ms, ${row.calls} calls`);
  }
  await ctx.sandbox.reset();
  return { command: label, nodeStartMs: round(median(starts)), rows };
}

export function printAudit(result: AuditResult): void {
  print(`\n7. keyring audit --json --older-than 90, SMASHSEND only, spawn to exit (median ms): ${result.command}`);
  print(
    table(
      ['keys', 'wall ms', 'peak RSS', 'listed', '', 'calls', 'expected', '', 'exit'],
      result.rows.map((r) => [
        String(r.keys),
        ms(r.wallMs),
        `${r.maxRssMb} MB`,
        String(r.listed),
        r.listed === r.keys ? 'ok' : 'MISMATCH',
        String(r.calls),
        String(r.expectedCalls),
        r.calls === r.expectedCalls ? 'ok' : 'MISMATCH',
        String(r.exitCode),
      ]),
    ),
  );
  print(`   (a bare \`node -e 0\` takes ${ms(result.nodeStartMs)} ms here: every command pays it before its own work)`);
}

export function auditSummary(result: AuditResult): string {
  const largest = result.rows[result.rows.length - 1];
  if (!largest) return 'keyring audit: no runs';
  const ok = result.rows.every((r) => r.listed === r.keys && r.calls === r.expectedCalls);
  // The targets are about 10 000 keys (a --quick run reads fewer: no verdict then).
  const judged = largest.keys === 10_000;
  const wall = judged ? ` (target <= ${AUDIT_WALL_TARGET_MS} ms: ${largest.wallMs <= AUDIT_WALL_TARGET_MS ? 'ok' : 'MISS'})` : '';
  const memory = judged
    ? `, peak RSS ${largest.maxRssMb} MB (before: ${MEMORY_BEFORE_MB.keyringAudit} MB: ${largest.maxRssMb <= MEMORY_BEFORE_MB.keyringAudit ? 'ok' : 'MISS'})`
    : `, peak RSS ${largest.maxRssMb} MB`;
  return (
    `keyring audit over ${largest.keys} SMASHSEND keys: ${ms(largest.wallMs)} ms wall${wall}, ${largest.calls} calls ${ok ? 'ok' : 'MISMATCH'}` +
    `${memory} (node start ${ms(result.nodeStartMs)} ms)`
  );
}
