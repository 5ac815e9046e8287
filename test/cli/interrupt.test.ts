// No secret is ever lost: `keyring rotate` interrupted (SIGINT, SIGTERM) as a user's Ctrl-C or a CI runner's stop would
// interrupt it, a child process against the sandbox. The sandbox holds one request (a delay fault); the test waits for
// events only (the new secret on stdout, the sandbox's count of requests received), then signals the process and checks
// that the secret on stdout is a key that works, stderr says which keys exist, the exit status is 128 + the signal,
// and no request was sent after the signal.

import { SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { keyringEnv, startKeyring, until, writesReceived } from '../support/cli';
import { call, recordingProxy } from '../support/net';
import { ROUTE, faultAt, useSandbox } from '../support/sandbox';
import type { SandboxVendor } from '../support/vendors';

const env = useSandbox();

const OLD = 'aki_xyz789ghi012';
const OLD_SECRET = SMASHSEND_SEED.keys.find((key) => key.id === OLD)?.secretKey ?? '';
const EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
/** Long enough never to end during a test: the held request ends when keyring exits and its connection closes. */
const HELD = { kind: 'delay', delayMs: 600_000 } as const;

/** Holds the next request of that method to that path at the sandbox. */
function hold(vendor: SandboxVendor, method: string, faultPath: string): void {
  env.sandbox.injectFault(faultAt({ vendor, method, faultPath }, HELD));
}

/** Whether a SMASHSEND secret authenticates at the sandbox now. */
async function authenticates(secret: string): Promise<boolean> {
  return (await call(`${env.sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } })).status === 200;
}

describe.each(['SIGINT', 'SIGTERM'] as const)('keyring rotate smashsend, %s', (signal) => {
  it(`while the delete is in flight: the secret stays on stdout, stderr names the new key and the old key's unknown state, exit ${EXIT[signal]}`, async () => {
    hold('smashsend', 'DELETE', `/api-keys/${OLD}`);
    const run = startKeyring(['rotate', 'smashsend', OLD, '--yes'], keyringEnv(env.sandbox));
    const [line] = await run.printed('stdout', /^sk_live_\w+\n/);
    await until(() => env.sandbox.requestCounts().byRoute[ROUTE.smashsendDelete] === 1);
    const atSignal = env.sandbox.requestCounts();
    run.signal(signal);
    const done = await run.exited;

    expect(done.code).toBe(EXIT[signal]);
    expect(env.sandbox.requestCounts()).toEqual(atSignal); // nothing sent after the signal: only the delete was in flight
    expect(done.stdout).toBe(line);
    const newId = /^Created (aki_\w+) /m.exec(done.stderr)?.[1] ?? '';
    expect(newId).not.toBe('');
    expect(done.stderr.split('\n')[0]).toBe(
      `keyring: ${signal} received: stopping without starting any further change (send it again to stop at once).`,
    );
    expect(done.stderr.split('\n').slice(-3)).toEqual([
      `Interrupted by ${signal}: no further change was started.`,
      `Keys now: the new key ${newId} exists, its secret is on stdout; the old key ${OLD} may or may not be deleted: its delete was in flight (keyring list smashsend shows whether it is still there).`,
      '',
    ]);
    expect(await authenticates(line.trim())).toBe(true);
  });

  it(`--json, while the check is in flight: the document is closed with what was done (interrupted: ${signal}), the old key kept`, async () => {
    hold('smashsend', 'GET', '/api-keys/check');
    const run = startKeyring(['rotate', 'smashsend', OLD, '--yes', '--json'], keyringEnv(env.sandbox));
    await run.printed('stdout', /"secret": "sk_live_\w+"/);
    await until(() => env.sandbox.requestCounts().byRoute[ROUTE.smashsendCheck] === 1);
    const atSignal = env.sandbox.requestCounts();
    run.signal(signal);
    const done = await run.exited;

    expect(done.code).toBe(EXIT[signal]);
    expect(env.sandbox.requestCounts()).toEqual(atSignal);
    expect(writesReceived(env.sandbox)).toEqual({ [ROUTE.smashsendCreate]: 1 }); // no delete
    const out = JSON.parse(done.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      replacedKeyId: OLD,
      newKeyVerified: false,
      newKeyCheck: 'interrupted',
      oldKeyDeleted: false,
      oldKeyOutcome: 'kept_unverified',
      interrupted: signal,
    });
    expect(done.stderr).toContain(
      `Keys now: the new key ${String(out.key_id)} exists, its secret is on stdout; the old key ${OLD} is kept (not deleted).\n`,
    );
    expect(await authenticates(String(out.secret))).toBe(true);
    expect(await authenticates(OLD_SECRET)).toBe(true);
  });
});

describe('interrupted before any write', () => {
  it('during the reads (the key list held): exit 130, nothing written, stdout empty', async () => {
    hold('smashsend', 'GET', '/api-keys?');
    const run = startKeyring(['rotate', 'smashsend', OLD, '--yes'], keyringEnv(env.sandbox));
    await until(() => env.sandbox.requestCounts().byRoute[ROUTE.smashsendList] === 1);
    run.signal('SIGINT');
    const done = await run.exited;
    expect(done).toMatchObject({
      code: 130,
      stdout: '',
      stderr: [
        'keyring: SIGINT received: stopping without starting any further change (send it again to stop at once).',
        'keyring: interrupted by SIGINT before anything was changed: nothing was written.',
        '',
      ].join('\n'),
    });
    expect(writesReceived(env.sandbox)).toEqual({});
  });
});

describe('keyring rotate smartlead (one write)', () => {
  it('SIGINT while the reset is in flight: its answer is still awaited, the new value reaches stdout, exit 130', async () => {
    // The reset reaches SmartLead (the sandbox), and its answer is held by a proxy until keyring has heard the signal.
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sent = () => undefined as void;
    const resetSent = new Promise<void>((resolve) => (sent = resolve));
    const proxy = await recordingProxy(env.sandbox.url, {
      onRequest: (request) => (request.method === 'PUT' ? sent() : undefined),
      holdAnswer: (request) => (request.method === 'PUT' ? released : undefined),
    });
    try {
      const run = startKeyring(['rotate', 'smartlead', '45', '--yes'], { ...keyringEnv(env.sandbox), SMARTLEAD_BASE_URL: proxy.origin });
      await resetSent;
      run.signal('SIGINT');
      await run.printed('stderr', /SIGINT received/);
      release();
      const done = await run.exited;
      expect(done.code).toBe(130);
      expect(done.stdout).toMatch(/^cl_live_\w{16,}\n$/);
      expect(done.stderr.split('\n').slice(-3)).toEqual([
        'Reset SmartLead client API key 45 ("Production Key"): its old value no longer works.',
        'Interrupted by SIGINT while the reset was in flight: it was done, and the new value is on stdout.',
        '',
      ]);
      expect(proxy.arrived.map((request) => request.method)).toEqual(['GET', 'PUT']); // nothing after the signal
      // A client key authenticates on the client's campaign list: the value on stdout does, key 45's old value no longer.
      const campaigns = (value: string) => call(`${env.sandbox.url}/api/v1/campaigns?api_key=${encodeURIComponent(value)}`);
      expect((await campaigns(done.stdout.trim())).status).toBe(200);
      expect((await campaigns(SMARTLEAD_SEED.keys.find((key) => key.id === 45)?.api_key ?? '')).status).toBe(401);
    } finally {
      release();
      await proxy.close();
    }
  });
});
