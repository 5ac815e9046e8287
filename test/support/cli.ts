// Runs the `keyring` command as a user would: the package's built bin (connector/dist/cli.js, from `npm run
// build:connector`, which `npm run check` runs first) in a child process with only the environment given (no shell
// variable leaks in), against the sandbox the test file starts (sandbox.ts).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** `keyring <args>` with exactly this environment (plus PATH), and what it printed. */
export function keyring(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: ROOT, env: clean, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? null : 0;
      resolve({ code, stdout, stderr });
    });
  });
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
