// Runs the `keyring` command as a user would: the package's built bin (connector/dist/cli.js, from `npm run
// build:connector`; `npm run check` builds it first, packing it for `lint:package`) in a child process with only the
// environment given (no shell variable leaks in), against the sandbox the test file starts (sandbox.ts); or started
// and watched while it runs (to signal it at a given moment); or in-process through main() with a fake terminal (a
// child's stdin is no terminal).

import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Io, SignalName } from '../../connector/src/cli/io';
import { recordingProxy, type ArrivedRequest } from './net';
import { sandboxEnv, type SandboxHandle } from './sandbox';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'connector/dist/cli.js');

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:connector first.`);
});

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Exactly this environment (plus PATH): no variable of the test's own shell leaks in. */
function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  return clean;
}

/** What a child's stdin holds: `input` (e.g. the secrets of `keyring identify`), then its end. */
export interface KeyringInput {
  input?: string;
}

/**
 * `keyring <args>` with exactly this environment (plus PATH), stdin `input` or empty (never a terminal), and what it
 * printed.
 */
export function keyring(args: string[], env: Record<string, string | undefined>, options: KeyringInput = {}): Promise<Run> {
  const clean = cleanEnv(env);
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: clean, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      resolve({ code, stdout, stderr });
    });
    // A command that exits without reading its stdin must not fail the test on the pipe's error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * A request as it reached the vendor, in one line: method, raw path, the query without SmartLead's `api_key` (the
 * connection key), and the body when there is one: `POST /signals/v1/key/view {"email":"a@b.example"}`.
 */
function requestLine(request: ArrivedRequest): string {
  const query = new URLSearchParams(request.rawTarget.slice(request.rawPath.length));
  query.delete('api_key');
  const search = query.toString();
  return [`${request.method} ${request.rawPath}${search ? `?${search}` : ''}`, request.body].filter((part) => part !== '').join(' ');
}

/**
 * `keyring <args>` (as keyring() runs it) with every vendor reached through a recording proxy in front of the sandbox:
 * what it printed, and every request exactly as it reached the vendor, in order (requestLine).
 */
export async function keyringRecorded(
  args: string[],
  env: Record<string, string | undefined>,
  sandbox: SandboxHandle,
  options: KeyringInput = {},
): Promise<Run & { requests: string[] }> {
  const proxy = await recordingProxy(sandbox.url);
  try {
    const through = { SMASHSEND_BASE_URL: proxy.origin, SMARTLEAD_BASE_URL: proxy.origin, SMARTE_BASE_URL: proxy.origin };
    const run = await keyring(args, { ...env, ...through }, options);
    return { ...run, requests: proxy.arrived.map(requestLine) };
  } finally {
    await proxy.close();
  }
}

export interface RunningKeyring {
  /** What it printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once the stream matches `pattern` (at once if it does already), with the match; rejects if keyring exits first. */
  printed(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpMatchArray>;
  signal(name: SignalName): void;
  /** Its exit: the status (null when killed by a signal it did not handle) and everything it printed. */
  readonly exited: Promise<Run & { signal: NodeJS.Signals | null }>;
}

/**
 * Starts `keyring <args>` (stdin not a terminal: `input` and its end, or nothing) and lets the test watch its output
 * and signal it while it runs.
 */
export function startKeyring(args: string[], env: Record<string, string | undefined>, options: KeyringInput = {}): RunningKeyring {
  const stdin = options.input === undefined ? 'ignore' : 'pipe';
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: [stdin, 'pipe', 'pipe'] });
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.input);
  const output = { stdout: '', stderr: '' };
  const watchers = new Set<() => void>();
  const exited = new Promise<Run & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      watchers.forEach((watch) => watch());
      resolve({ code, signal, ...output });
    });
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
      output[stream] += chunk;
      watchers.forEach((watch) => watch());
    });
  }
  return {
    get stdout() {
      return output.stdout;
    },
    get stderr() {
      return output.stderr;
    },
    printed(stream, pattern) {
      return new Promise((resolve, reject) => {
        const watch = () => {
          const match = output[stream].match(pattern);
          if (match) {
            watchers.delete(watch);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            watchers.delete(watch);
            reject(new Error(`keyring exited before its ${stream} matched ${String(pattern)}; stderr: ${output.stderr}`));
          }
        };
        watchers.add(watch);
        watch();
      });
    },
    signal(name) {
      child.kill(name);
    },
    exited,
  };
}

/**
 * Waits until `condition` holds, looking again after each turn of a short timer: for a state the test cannot be told
 * of by an event (e.g. the sandbox's request counts). No deadline of its own: the test's timeout is the only limit.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A fake terminal for main(): what was printed, the answers it types to questions, and the signal it can send. */
export interface FakeTerminal extends Io {
  out: string[];
  err: string[];
  /** How many questions were read. */
  readonly asked: number;
  /** Whether the terminal echoes what is typed now, and whether stdin was read while it did not. */
  readonly echo: boolean;
  readonly readWithoutEcho: boolean;
  /** Sends SIGINT or SIGTERM to the running write (as the real process would hand it over); false if none listens. */
  interrupt(signal: SignalName): boolean;
}

/**
 * An Io whose stdin is a terminal (or not) that types `answers` one per question (undefined: the end of the input;
 * once they run out, questions wait forever, until interrupted), and whose stderr is a terminal (or not). `stdinText`
 * is what reading stdin to its end gives (the secrets of identify and revoke; typed without echo when stdin is a
 * terminal); with `controllingTerminal`, the process has one (/dev/tty), and the answers are typed there instead.
 */
export function fakeTerminal(
  env: Record<string, string | undefined>,
  options: {
    stdinTTY?: boolean;
    stderrTTY?: boolean;
    answers?: Array<string | undefined>;
    stdinText?: string;
    controllingTerminal?: boolean;
  } = {},
): FakeTerminal {
  const out: string[] = [];
  const err: string[] = [];
  const answers = [...(options.answers ?? [])];
  let asked = 0;
  let echo = true;
  let readWithoutEcho = false;
  let listener: ((signal: SignalName) => void) | undefined;
  const readLine = () => {
    asked += 1;
    return answers.length > 0 ? Promise.resolve(answers.shift()) : new Promise<string | undefined>(() => undefined);
  };
  const stdinTTY = options.stdinTTY ?? true;
  return {
    out,
    err,
    get asked() {
      return asked;
    },
    get echo() {
      return echo;
    },
    get readWithoutEcho() {
      return readWithoutEcho;
    },
    stdout: {
      write: (text: string, callback?: (error?: Error | null) => void) => {
        out.push(text);
        callback?.();
        return true;
      },
    },
    stderr: { write: (text: string) => err.push(text), isTTY: options.stderrTTY ?? false },
    env,
    stdin: {
      isTTY: stdinTTY,
      readLine,
      readAll: (maxBytes) => {
        readWithoutEcho ||= !echo;
        return Promise.resolve((options.stdinText ?? '').slice(0, maxBytes + 1));
      },
      hideInput: () => {
        if (!stdinTTY) return undefined;
        echo = false;
        return () => (echo = true);
      },
    },
    controllingTerminal: () => (options.controllingTerminal ? { isTTY: true, readLine } : undefined),
    trapSignals: (heard) => {
      listener = heard;
      return () => (listener = undefined);
    },
    interrupt(signal) {
      listener?.(signal);
      return listener !== undefined;
    },
  };
}

/** The environment that points every vendor at the sandbox, with the sandbox's keys (and SMASHSEND's workspace). */
export function keyringEnv(sandbox: SandboxHandle): Record<string, string> {
  return sandboxEnv(sandbox, { workspace: true });
}

/** Every occurrence of `needle` in `text`. */
export function occurrences(text: string, needle: string): number {
  return needle === '' ? 0 : text.split(needle).length - 1;
}

let fileDir: string | undefined;
afterAll(() => {
  if (fileDir !== undefined) rmSync(fileDir, { recursive: true, force: true });
  fileDir = undefined;
});

/** A file (mode 600) in this test file's own temporary folder, removed after the file: e.g. a key for <NAME>_FILE. */
export function tempFile(name: string, content: string): string {
  fileDir ??= mkdtempSync(path.join(tmpdir(), 'keyring-cli-'));
  const file = path.join(fileDir, name);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

/**
 * The write requests the sandbox received, by route: every POST, PUT and DELETE but SMARTe's key view (a POST that
 * reads). Empty when nothing was written.
 */
export function writesReceived(sandbox: SandboxHandle): Record<string, number> {
  const writes = Object.entries(sandbox.requestCounts().byRoute).filter(
    ([route, count]) => count > 0 && /^(POST|PUT|DELETE) /.test(route) && route !== 'POST /signals/v1/key/view',
  );
  return Object.fromEntries(writes);
}
