// Runs the `keyring` command as a user would: the package's built bin (connector/dist/cli.js, from `npm run
// build:connector`, which `npm run check` runs first) in a child process with only the environment given (no shell
// variable leaks in), against the sandbox this test file starts on an ephemeral port.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { sandboxEnv as packageSandboxEnv } from '../package/support';

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
export function sandboxEnv(sandbox: SandboxHandle): Record<string, string> {
  return { ...packageSandboxEnv(sandbox), SMASHSEND_WORKSPACE_ID: sandbox.credentials.smashsendWorkspaceId };
}

/** A sandbox for the test file (127.0.0.1, port 0, no rate limits), reset before each test. */
export function useSandbox(): { readonly sandbox: SandboxHandle } {
  let handle: SandboxHandle | undefined;
  beforeAll(async () => {
    handle = await startSandbox({ port: 0, rateLimits: false });
  });
  beforeEach(() => handle?.reset());
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get sandbox() {
      if (!handle) throw new Error('sandbox not started');
      return handle;
    },
  };
}

/** Every occurrence of `needle` in `text`. */
export function occurrences(text: string, needle: string): number {
  return needle === '' ? 0 : text.split(needle).length - 1;
}
