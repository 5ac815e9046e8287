// Fresh Node processes (the transpiled bench/child.ts in each variant's directory): cold starts and peak memory.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Credentials, Endpoints } from './operations';
import type { Variant } from './workspace';

export interface ChildRun {
  /** The child's BENCH_RESULT; undefined when it was stopped at the time limit. */
  result?: Record<string, unknown>;
  /** The kernel's peak resident set size of the child when it was stopped (Linux), in bytes. */
  peakRssAtStop?: number;
  timedOut: boolean;
  /** Spawn to exit, as the parent saw it. */
  wallMs: number;
}

export interface ChildJob {
  mode: 'cold' | 'memory';
  kind: 'triggers';
  key: string;
  auth: Partial<Credentials>;
  urls: Endpoints;
  repeat?: number;
  nodeArgs?: string[];
  /** Stop the child after this long (it is then reported as timed out, not as a failure). */
  timeoutMs?: number;
}

/**
 * A small, explicit environment (no NODE_ENV, no npm_* variables): core then behaves as on Lambda (it is not
 * "testing"), and every variant gets exactly the same environment.
 */
function childEnv(job: ChildJob): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    SMASHSEND_BASE_URL: job.urls.smashsend,
    SMARTLEAD_BASE_URL: job.urls.smartlead,
    SMARTE_BASE_URL: job.urls.smarte,
    BENCH_MODE: job.mode,
    BENCH_KIND: job.kind,
    BENCH_KEY: job.key,
    BENCH_AUTH: JSON.stringify(job.auth),
    BENCH_INPUT: '{}',
    BENCH_REPEAT: String(job.repeat ?? 1),
  };
}

function lastLine(output: string, prefix: string): Record<string, unknown> | undefined {
  const line = output
    .split('\n')
    .reverse()
    .find((text) => text.startsWith(prefix));
  return line === undefined ? undefined : (JSON.parse(line.slice(prefix.length)) as Record<string, unknown>);
}

/** VmHWM from /proc (Linux): the process's peak resident set size so far, in bytes. */
function peakRssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function runChild(variant: Variant, job: ChildJob): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(job.nodeArgs ?? []), variant.child], {
      cwd: variant.dir,
      env: childEnv(job),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let peakRssAtStop: number | undefined;
    const timer =
      job.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            peakRssAtStop = peakRssOf(child.pid);
            child.kill('SIGKILL');
          }, job.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      const wallMs = performance.now() - started;
      const result = lastLine(stdout, 'BENCH_RESULT ');
      if (timedOut) {
        resolve({ peakRssAtStop, timedOut, wallMs });
        return;
      }
      if (code !== 0 || result === undefined) {
        reject(new Error(`${variant.name} child (${job.mode} ${job.key}) exited with ${code}: ${stderr.trim() || stdout.trim()}`));
        return;
      }
      resolve({ result, timedOut, wallMs });
    });
  });
}

export function numberField(result: Record<string, unknown>, name: string): number {
  const value = result[name];
  if (typeof value !== 'number') throw new Error(`child result has no number "${name}"`);
  return value;
}
