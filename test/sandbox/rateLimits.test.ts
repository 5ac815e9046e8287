// Vendor rate limits: SmartLead 10 per 2 s and SMASHSEND 60 per minute, per key, answering 429 with Retry-After
// and the vendor's body; off by option, by handle and by the control API.

import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { call, jsonInit } from '../support/net';

let sandbox: SandboxHandle;
const smartleadClients = (): string => `${sandbox.url}/api/v1/client/?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`;
const smashCheck = (secret: string = SANDBOX_CREDENTIALS.smashsendApiKey) =>
  call(`${sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } });

async function statuses(n: number, request: () => Promise<{ status: number }>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) out.push((await request()).status);
  return out;
}

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.setRateLimits(true);
  sandbox.reset();
});

describe('SmartLead: 10 requests per 2 s per key', () => {
  it('answers the 11th with 429, Retry-After and {message}, then recovers after Retry-After', async () => {
    expect(await statuses(10, () => call(smartleadClients()))).toEqual(Array(10).fill(200));
    const limited = await call(smartleadClients());
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(limited.json).toEqual({ message: expect.stringContaining('Rate limit exceeded') });
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await call(smartleadClients())).status).toBe(200);
  });

  it('checks the key before counting: bad keys get 401, not 429', async () => {
    await statuses(10, () => call(smartleadClients()));
    const bad = await call(`${sandbox.url}/api/v1/client/?api_key=wrong_wrong_wrong`);
    expect(bad.status).toBe(401);
  });
});

describe('SMASHSEND: 60 requests per minute per key', () => {
  it('answers the 61st with 429 and the vendor body; another key is unaffected', async () => {
    expect(await statuses(60, () => smashCheck())).toEqual(Array(60).fill(200));
    const limited = await smashCheck();
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Rate limit exceeded. Please wait a moment and try again.',
    });
    expect((await smashCheck('sk_live_abc123Zr8Tq2Wm6Yx4Vn9Kp3Lj7Hd5Fg')).status).toBe(200);
  });

  it('reset() clears the windows', async () => {
    await statuses(61, () => smashCheck());
    sandbox.reset();
    expect((await smashCheck()).status).toBe(200);
  });
});

describe('switching off', () => {
  it('setRateLimits(false) lets everything through', async () => {
    sandbox.setRateLimits(false);
    expect(new Set(await statuses(70, () => smashCheck()))).toEqual(new Set([200]));
    expect(new Set(await statuses(15, () => call(smartleadClients())))).toEqual(new Set([200]));
  });

  it('PUT /_sandbox/rate-limits switches at runtime', async () => {
    const off = await call(`${sandbox.url}/_sandbox/rate-limits`, jsonInit('PUT', { enabled: false }));
    expect(off.json).toEqual({ enabled: false });
    expect(new Set(await statuses(15, () => call(smartleadClients())))).toEqual(new Set([200]));
    const on = await call(`${sandbox.url}/_sandbox/rate-limits`, jsonInit('PUT', { enabled: true }));
    expect(on.json).toEqual({ enabled: true });
    expect((await call(`${sandbox.url}/_sandbox/rate-limits`)).json).toEqual({ enabled: true });
    const after = await statuses(11, () => call(smartleadClients()));
    expect(after.slice(-1)).toEqual([429]);
    expect((await call(`${sandbox.url}/_sandbox/rate-limits`, jsonInit('PUT', { enabled: 'no' }))).status).toBe(400);
  });

  it('startSandbox({ rateLimits: false }) starts with them off', async () => {
    const other = await startSandbox({ rateLimits: false });
    try {
      const url = `${other.url}/api/v1/client/?api_key=${other.credentials.smartleadApiKey}`;
      expect(new Set(await statuses(15, () => call(url)))).toEqual(new Set([200]));
    } finally {
      await other.close();
    }
  });
});
