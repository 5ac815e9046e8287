// The CLI (run with tsx): prints the accepted keys and the .env lines, serves, and stops cleanly on SIGTERM; as
// `npm run sandbox -- --port N` it serves on that fixed port, so the printed .env lines survive restarts.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';

const root = join(__dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const describeWithTsx = existsSync(tsx) ? describe : describe.skip;

describeWithTsx('sandbox/cli.ts', () => {
  it('prints the .env lines, answers requests, and exits 0 on SIGTERM', async () => {
    const child = spawn(tsx, [join(root, 'sandbox', 'cli.ts'), '--port', '0', '--no-rate-limits'], {
      cwd: root,
      env: { ...process.env, SANDBOX_PORT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    try {
      const deadline = Date.now() + 15_000;
      while (!stdout.includes('export SMARTE_BASE_URL=') && Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`CLI exited early: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const env = Object.fromEntries(
        stdout
          .split('\n')
          .filter((line) => /^[A-Za-z_]+=/.test(line))
          .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      expect(Object.keys(env)).toEqual([
        'SMARTLEAD_BASE_URL',
        'SMASHSEND_BASE_URL',
        'SMARTE_BASE_URL',
        'authData_smartlead_api_key',
        'authData_smashsend_api_key',
        'authData_smashsend_workspace_id',
        'authData_smarte_api_key',
      ]);
      // Every vendor at the origin's root, as a real client (the official SDK) needs.
      expect(env.SMASHSEND_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect([env.SMARTLEAD_BASE_URL, env.SMARTE_BASE_URL]).toEqual([env.SMASHSEND_BASE_URL, env.SMASHSEND_BASE_URL]);
      expect(env.authData_smartlead_api_key).toBe(SANDBOX_CREDENTIALS.smartleadApiKey);
      expect(env.authData_smashsend_api_key).toBe(SANDBOX_CREDENTIALS.smashsendApiKey);
      expect(env.authData_smashsend_workspace_id).toBe(SANDBOX_CREDENTIALS.smashsendWorkspaceId);
      expect(env.authData_smarte_api_key).toBe(SANDBOX_CREDENTIALS.smarteApiKey);
      // The other SMASHSEND workspace's key is listed among the accepted keys, with no .env line (no connection uses it).
      expect(stdout).toContain(
        `another workspace's key ${SANDBOX_CREDENTIALS.smashsendOtherWorkspaceApiKey}  (workspace ${SANDBOX_CREDENTIALS.smashsendOtherWorkspaceId})`,
      );
      // The same, as a shell's export lines for the connector and the keyring command (each vendor's key and base URL).
      const exported = Object.fromEntries(
        stdout
          .split('\n')
          .filter((line) => line.startsWith('export '))
          .flatMap((line) => line.slice('export '.length).split(' '))
          .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
      );
      expect(exported).toEqual({
        SMARTLEAD_BASE_URL: env.SMARTLEAD_BASE_URL,
        SMARTLEAD_API_KEY: SANDBOX_CREDENTIALS.smartleadApiKey,
        SMASHSEND_BASE_URL: env.SMASHSEND_BASE_URL,
        SMASHSEND_API_KEY: SANDBOX_CREDENTIALS.smashsendApiKey,
        SMARTE_BASE_URL: env.SMARTE_BASE_URL,
        SMARTE_API_KEY: SANDBOX_CREDENTIALS.smarteApiKey,
      });

      const check = await fetch(`${env.SMASHSEND_BASE_URL}/v1/api-keys/check`, {
        headers: { authorization: `Bearer ${env.authData_smashsend_api_key}` },
      });
      expect(await check.json()).toEqual({ status: 'SUCCEED', displayName: 'Sandbox Admin Key', role: 'EDITOR' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('npm run sandbox -- --port N: serves on that port, and the .env lines name it', async () => {
    // A port that was free a moment ago (tests must not assume any fixed number is free on a shared machine).
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    // Its own process group, so that stopping it stops npm and the tsx child under it.
    const child = spawn('npm', ['run', '--silent', 'sandbox', '--', '--port', String(port), '--no-rate-limits'], {
      cwd: root,
      env: { ...process.env, SANDBOX_PORT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const deadline = Date.now() + 30_000;
      while (!stdout.includes('export SMARTE_BASE_URL=') && Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`npm run sandbox exited early: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const origin = `http://127.0.0.1:${port}`;
      expect(stdout).toContain(`Vendor sandbox listening on ${origin} (rate limits off)`);
      for (const name of ['SMARTLEAD_BASE_URL', 'SMASHSEND_BASE_URL', 'SMARTE_BASE_URL']) expect(stdout).toContain(`\n${name}=${origin}\n`);
      const clients = await fetch(`${origin}/api/v1/client/?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`);
      expect(clients.status).toBe(200);
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    }
    await exited;
  }, 40_000);
});
