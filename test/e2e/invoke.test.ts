// End to end through the Zapier CLI: `zapier-platform invoke` (auth test and label, a trigger, a create, a search) as
// child processes, against a sandbox started in this test process.
//
// How invoke is wired (zapier-platform-cli 19):
// - It loads the app with require(<cwd>) (index.js → dist/), so the compiled app is needed (built here if missing or
//   older than the sources, into a temp folder: the repo's dist/ is never written).
// - authData comes from environment variables named `authData_<field>`, and the app reads *_BASE_URL from the
//   environment: both are passed in the child's env, so no .env file is written anywhere.
// - invoke also runs dotenv on `<cwd>/.env` with override, so a developer's .env (real keys!) would win over that env.
//   The CLI therefore runs in a temp folder holding only package.json, index.js, .zapierapprc and links to dist/ (or
//   the temp build) and node_modules/. The folder, the sandbox and any child still running are removed in afterAll;
//   a child that outlives its time limit is killed.

import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { SandboxHandle } from '../../sandbox/server';
import { sandboxAuth, useSandbox } from '../support/sandbox';
import { SANDBOX_VENDORS, baseUrlEnvOf } from '../support/vendors';
import { SMARTE_SEED } from '../../sandbox/seed';
import { masked } from '../support/outcome';
import { ROUTE } from '../support/sandbox';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'node_modules', '.bin');
const CHILD_TIME_LIMIT_MS = 60_000;

const fixture = useSandbox({ resetEachTest: false });
let appDir: string;
const children = new Set<ChildProcess>();

interface Finished {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (killing it after `limitMs`), never rejecting: the test reads the outcome. */
function runChild(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  limitMs = CHILD_TIME_LIMIT_MS,
): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${limitMs} ms]`;
      child.kill('SIGKILL');
    }, limitMs);
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ command: `${command} ${args.join(' ')}`, code, signal, stdout, stderr });
    };
    child.on('error', (error) => {
      stderr += `\n[spawn failed: ${error.message}]`;
      done(null, null);
    });
    child.on('close', done);
  });
}

/** The environment children get: this one minus anything that could redirect the app, plus Node 22 first on PATH. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('authData_') || name.endsWith('_BASE_URL')) continue;
    env[name] = value;
  }
  env.PATH = `${BIN}${delimiter}${process.env.PATH ?? ''}`;
  return env;
}

const BUILD_INPUTS = [
  'index.ts',
  'authentication.ts',
  'package.json',
  'scripts/build.ts',
  'connector',
  'lib',
  'triggers',
  'creates',
  'searches',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** The repo's dist/ when it is at least as new as every source it is built from. */
function repoDistIsFresh(): boolean {
  const built = join(ROOT, 'dist', 'index.js');
  if (!existsSync(built)) return false;
  const newestSource = Math.max(
    ...BUILD_INPUTS.map((name) => join(ROOT, name))
      .filter(existsSync)
      .map(newestMtime),
  );
  return statSync(built).mtimeMs >= newestSource;
}

/** A temp folder the CLI can run the app from (see the header). */
async function prepareAppDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'keyring-invoke-'));
  for (const file of ['package.json', 'index.js', '.zapierapprc']) {
    if (existsSync(join(ROOT, file))) copyFileSync(join(ROOT, file), join(dir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (repoDistIsFresh()) {
    symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'), 'dir');
  } else {
    const build = await runChild(
      join(BIN, 'tsx'),
      ['scripts/build.ts', join(dir, 'dist', 'index.js')],
      { cwd: ROOT, env: baseEnv() },
      120_000,
    );
    if (!existsSync(join(dir, 'dist', 'index.js')))
      throw new Error(`building the app for invoke failed:\n${build.stdout}\n${build.stderr}`);
  }
  return dir;
}

/** `zapier-platform invoke …` in the app folder, with the sandbox's keys as authData and its base URLs. */
function invoke(args: string[], extraEnv: Record<string, string> = {}): Promise<Finished> {
  const sandbox = fixture.sandbox;
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    DISABLE_ZAPIER_ANALYTICS: '1',
    ZAPIER_AUTH_LOCATION: join(appDir, 'no-zapierrc'), // never read a developer's deploy key
    ...Object.fromEntries(SANDBOX_VENDORS.map((vendor) => [baseUrlEnvOf(vendor), sandbox.baseUrls[vendor]])),
    ...Object.fromEntries(Object.entries(sandboxAuth(sandbox)).map(([field, value]) => [`authData_${field}`, value])),
    ...extraEnv,
  };
  return runChild(join(BIN, 'zapier-platform'), ['invoke', ...args, '--non-interactive'], { cwd: appDir, env });
}

/** The JSON invoke printed, or a failure that shows what the CLI said. */
function outputOf(result: Finished): unknown {
  if (result.code !== 0)
    throw new Error(`${result.command} exited ${result.code ?? result.signal}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`${result.command} printed no JSON:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

let round1: {
  authTest: Finished;
  authLabel: Finished;
  search: Finished;
  create: Finished;
  countsAfter: ReturnType<SandboxHandle['requestCounts']>;
};
let round2: { trigger: Finished; dropdownPage1: Finished; failingTrigger: Finished; timedOutSearch: Finished };

beforeAll(async () => {
  appDir = await prepareAppDir();
  // Independent calls run side by side (each CLI start costs ~2.5 s of CPU).
  const [authTest, authLabel, search, create] = await Promise.all([
    invoke(['auth', 'test']),
    invoke(['auth', 'label']),
    invoke(['search', 'find_smarte_api_key', '-i', JSON.stringify({ email: 'DEV.UDI@smarte.pro' })]),
    invoke(['create', 'create_smashsend_api_key', '-i', JSON.stringify({ displayName: 'Invoke Key', role: 'API_USER' })]),
  ]);
  round1 = { authTest, authLabel, search, create, countsAfter: fixture.sandbox.requestCounts() };
  // Then the trigger, which must list the key just created first; the dropdown's page 1 (invoke's z.cursor holds
  // nothing: the page walks from the start); a trigger whose vendor fails; and a search whose vendor never answers,
  // with the request timeout lowered through KEYRING_TIMEOUT_MS. Each fault hits one vendor.
  fixture.sandbox.injectFault({ vendor: 'smartlead', path: '/api/v1/client/api-key', kind: 'status', status: 503 });
  fixture.sandbox.injectFault({ vendor: 'smarte', path: '/signals/v1/key/view', kind: 'delay', hang: true });
  const [trigger, dropdownPage1, failingTrigger, timedOutSearch] = await Promise.all([
    invoke(['trigger', 'new_smashsend_api_key']),
    invoke(['trigger', 'smashsend_api_key_list', '--page', '1']),
    invoke(['trigger', 'new_smartlead_client_api_key']),
    invoke(['search', 'find_smarte_api_key', '-i', JSON.stringify({ email: 'dev.udi@smarte.pro' })], { KEYRING_TIMEOUT_MS: '1000' }),
  ]);
  round2 = { trigger, dropdownPage1, failingTrigger, timedOutSearch };
}, 180_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

/** The label of the sandbox connection: SMASHSEND's key name and workspace (cut to 12), the other keys' hints. */
function sandboxLabel(): string {
  const c = fixture.sandbox.credentials;
  return `SMASHSEND Sandbox Admin Key (${c.smashsendWorkspaceId.slice(0, 12)}…) · SmartLead ${masked(c.smartleadApiKey)} · SMARTe ${masked(c.smarteApiKey)}`;
}

describe('zapier-platform invoke against the sandbox', () => {
  it('auth test: checks all three keys at the sandbox and prints the test result with the label', () => {
    expect(outputOf(round1.authTest)).toEqual({
      vendors: ['SMASHSEND', 'SmartLead', 'SMARTe'],
      smashsend_display_name: 'Sandbox Admin Key',
      smashsend_role: 'EDITOR',
      label: sandboxLabel(),
    });
    expect(round1.countsAfter.byRoute[ROUTE.smashsendCheck]).toBeGreaterThanOrEqual(1);
    expect(round1.countsAfter.byRoute['GET /api/v1/client']).toBeGreaterThanOrEqual(1);
  });

  it('auth label: renders the connection label from the test result (never a key)', () => {
    expect(round1.authLabel.code).toBe(0);
    expect(round1.authLabel.stdout.trim()).toBe(sandboxLabel());
    for (const secret of [
      fixture.sandbox.credentials.smashsendApiKey,
      fixture.sandbox.credentials.smartleadApiKey,
      fixture.sandbox.credentials.smarteApiKey,
    ]) {
      expect(round1.authLabel.stdout).not.toContain(secret);
    }
  });

  it('search find_smarte_api_key: finds the user by email (any case), key masked', () => {
    const key = SMARTE_SEED.keys.find((k) => k.email === 'dev.udi@smarte.pro')!;
    expect(outputOf(round1.search)).toEqual([{ ...key, id: key.keyId, apiKey: masked(key.apiKey) }]);
  });

  it('create create_smashsend_api_key: the new key with its full secret, made at the sandbox', () => {
    expect(outputOf(round1.create)).toEqual({
      id: expect.stringMatching(/^aki_[a-z0-9]{12}$/),
      displayName: 'Invoke Key',
      role: 'API_USER',
      status: 'ACTIVE',
      secretKey: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
      workspaceId: fixture.sandbox.credentials.smashsendWorkspaceId,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(round1.countsAfter.byRoute[ROUTE.smashsendCreate]).toBe(1);
  });

  it('trigger new_smashsend_api_key: the key just created comes first, secrets as SMASHSEND’s truncated hints', () => {
    const created = outputOf(round1.create) as { id: string };
    const keys = outputOf(round2.trigger) as Array<{ id: string; displayName: string; secretKey: string }>;
    expect(keys.map((key) => key.displayName)).toEqual(['Invoke Key', 'Zapier Integration', 'CRM Sync', 'Sandbox Admin Key']);
    expect(keys[0].id).toBe(created.id);
    expect(keys.every((key) => /^sk_live_.{4}\.\.\.$/.test(key.secretKey))).toBe(true);
  });

  it('trigger smashsend_api_key_list --page 1: without a kept cursor, the page is walked to (past the 4 keys: empty)', () => {
    expect(outputOf(round2.dropdownPage1)).toEqual([]);
  });

  it('a step whose vendor fails exits non-zero with the app’s message naming the vendor', () => {
    expect(round2.failingTrigger.code).not.toBe(0);
    expect(round2.failingTrigger.stdout.trim()).toBe('');
    expect(round2.failingTrigger.stderr.replace(/\s+›\s+/g, ' ')).toContain(
      'SmartLead had a server error (503 on GET /api/v1/client/api-key): Service unavailable. A retry may help.',
    );
  });

  it('a vendor that never answers: the step gives up after KEYRING_TIMEOUT_MS and says so', () => {
    expect(round2.timedOutSearch.code).not.toBe(0);
    expect(round2.timedOutSearch.stderr.replace(/\s+›\s+/g, ' ')).toContain(
      'SMARTe did not answer within 1 s (POST /signals/v1/key/view). A retry may help.',
    );
  });

  it('no child process is left running', () => {
    expect(children.size).toBe(0);
  });
});
