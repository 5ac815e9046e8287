// Package tests' support: pack @keyring/connector as `npm pack` does for a user, install the tarball into a fresh
// project outside the repository (no workspace links), and run files there with the environment pointed at the sandbox.

import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const REPO = path.resolve(__dirname, '..', '..');
export const CONNECTOR = path.join(REPO, 'connector');

/** The environment for child processes: npm's own `npm_*` variables from `npm test` would steer a nested npm at the repository. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== 'INIT_CWD' && !name.endsWith('_BASE_URL') && !name.endsWith('_API_KEY')) env[name] = value;
  }
  // The project's Node 22 first (tsup, the build tool, wants it), as `npm run` puts it.
  env.PATH = [path.join(REPO, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter);
  return { ...env, ...extra };
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command; on a non-zero exit the error says the command, its exit code and what it printed. */
export async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      maxBuffer: 16 * 1024 * 1024,
      timeout: 120_000,
    });
    return { stdout, stderr };
  } catch (error) {
    const failure = error as { code?: unknown; stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) failed with ${String(failure.code)}\n--- stdout\n${failure.stdout ?? ''}\n--- stderr\n${failure.stderr ?? ''}`,
    );
  }
}

export interface Packed {
  /** The .tgz file. */
  tarball: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  files: string[];
  /** Scratch directory holding the tarball and the clean copy; remove it with cleanup(). */
  dir: string;
}

/**
 * Packs the connector as a user's `npm pack` would, from a clean copy of connector/ (its sources, no dist/): the
 * `prepack` build runs there, so the tarball proves the build works from sources alone, and connector/dist, which
 * other tests and commands use, is never rebuilt under them. The copy's node_modules is the repository's (tsup,
 * TypeScript, valibot's types).
 */
export async function packConnector(): Promise<Packed> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'keyring-pack-'));
  const source = path.join(dir, 'connector');
  await cp(CONNECTOR, source, {
    recursive: true,
    filter: (from) => !['node_modules', 'dist'].includes(path.basename(from)) || path.dirname(from) !== CONNECTOR,
  });
  await symlink(path.join(REPO, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: source });
  // prepack's build output comes before the JSON on stdout.
  const report = JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1)) as { filename: string; files: { path: string }[] }[];
  const [entry] = report;
  if (!entry) throw new Error(`npm pack reported nothing:\n${stdout}`);
  return { tarball: path.join(dir, entry.filename), files: entry.files.map((file) => file.path).sort(), dir };
}

/**
 * A fresh project in a temporary directory, made as a user makes one: `npm init -y` (npm 11 writes `"type":
 * "commonjs"`, so a `.js` or `.ts` file there is CommonJS), with the tarball installed by npm.
 */
export async function installInFreshProject(tarball: string): Promise<string> {
  const project = await mkdtemp(path.join(os.tmpdir(), 'keyring-user-'));
  await run('npm', ['init', '-y'], { cwd: project });
  // valibot comes from npm's cache (the repository's `npm ci` put it there) or the registry.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: project });
  return project;
}

/** Copies files into the project (flat), e.g. the consumer fixtures or the README's examples. */
export async function copyInto(project: string, from: string, names?: string[]): Promise<string[]> {
  const files = names ?? (await readdir(from));
  await mkdir(project, { recursive: true });
  for (const name of files) await cp(path.join(from, name), path.join(project, name));
  return files;
}

/** A Node 20 binary on PATH outside node_modules (the machine's own Node; the project runs 22), if there is one. */
export const NODE_20: string | undefined = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((dir) => dir !== '' && !dir.includes('node_modules'))
  .map((dir) => path.join(dir, 'node'))
  .find((candidate) => {
    try {
      return execFileSync(candidate, ['--version'], { encoding: 'utf8' }).startsWith('v20.');
    } catch {
      return false;
    }
  });

/** The TypeScript compiler of the repository, run on a project outside it. */
export const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

/** tsx, the TypeScript runner the connector's README names (`npx tsx file.mts`), the repository's copy. */
export const TSX = path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export async function removeAll(...dirs: (string | undefined)[]): Promise<void> {
  for (const dir of dirs) if (dir) await rm(dir, { recursive: true, force: true });
}
