// Fault injection: every fault kind, targeting (vendor, path, method, count), FIFO order, and the HTTP control route.

import { useSandbox } from '../support/sandbox';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { call, jsonInit } from '../support/net';

const smashCheck = (): string => `${env.sandbox.url}/v1/api-keys/check`;
const smashAuth = { authorization: `Bearer ${SANDBOX_CREDENTIALS.smashsendApiKey}` };
const smartleadClients = (): string => `${env.sandbox.url}/api/v1/client/?api_key=${SANDBOX_CREDENTIALS.smartleadApiKey}`;
const smarteView = () =>
  call(`${env.sandbox.url}/signals/v1/key/view`, jsonInit('POST', {}, { 'api-key': SANDBOX_CREDENTIALS.smarteApiKey }));
const CHECK_OK = { status: 'SUCCEED', displayName: 'Sandbox Admin Key', role: 'EDITOR' };

const env = useSandbox();

describe('status', () => {
  it('answers the given status with the vendor’s error body by default, once', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'status', status: 503 });
    const faulted = await call(smashCheck(), { headers: smashAuth });
    expect(faulted.status).toBe(503);
    expect(faulted.json).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'Service Unavailable' });
    const next = await call(smashCheck(), { headers: smashAuth });
    expect(next.json).toEqual(CHECK_OK);
  });

  it('uses each vendor’s error shape', async () => {
    env.sandbox.injectFault({ vendor: 'smartlead', kind: 'status', status: 500 });
    env.sandbox.injectFault({ vendor: 'smarte', kind: 'status', status: 429 });
    expect((await call(smartleadClients())).json).toEqual({ message: 'Internal server error' });
    const smarte = await smarteView();
    expect(smarte.status).toBe(429);
    expect(smarte.json).toEqual({
      error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded for your organisation. Please retry later.', status: 429 },
    });
  });

  it('sends a custom body, Retry-After and headers', async () => {
    env.sandbox.injectFault({
      vendor: 'smashsend',
      kind: 'status',
      status: 429,
      retryAfter: 7,
      body: { statusCode: 429, error: 'Too Many Requests', message: 'slow down' },
      headers: { 'x-ratelimit-remaining': '0' },
    });
    const answer = await call(smashCheck(), { headers: smashAuth });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(answer.json).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'slow down' });
  });

  it('sends a string body as text', async () => {
    env.sandbox.injectFault({ vendor: 'smartlead', kind: 'status', status: 500, body: 'upstream exploded' });
    const answer = await call(smartleadClients());
    expect(answer.text).toBe('upstream exploded');
    expect(answer.headers.get('content-type')).toContain('text/plain');
  });

  it('fires before auth, so even a bad key gets the fault', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'status', status: 502 });
    expect((await call(smashCheck())).status).toBe(502);
  });
});

it('html: an HTML error page, 502 by default', async () => {
  env.sandbox.injectFault({ vendor: 'smarte', kind: 'html' });
  env.sandbox.injectFault({ vendor: 'smarte', kind: 'html', status: 504 });
  const first = await smarteView();
  expect(first.status).toBe(502);
  expect(first.headers.get('content-type')).toContain('text/html');
  expect(first.text).toContain('<html>');
  expect(first.json).toBeUndefined();
  expect((await smarteView()).status).toBe(504);
});

it('empty: the status (200 by default) with no body', async () => {
  env.sandbox.injectFault({ vendor: 'smashsend', kind: 'empty' });
  env.sandbox.injectFault({ vendor: 'smashsend', kind: 'empty', status: 500 });
  const first = await call(smashCheck(), { headers: smashAuth });
  expect(first.status).toBe(200);
  expect(first.text).toBe('');
  expect(first.headers.get('content-type')).toContain('application/json');
  const second = await call(smashCheck(), { headers: smashAuth });
  expect(second.status).toBe(500);
  expect(second.text).toBe('');
});

it('malformed: 200 with truncated JSON', async () => {
  env.sandbox.injectFault({ vendor: 'smartlead', kind: 'malformed' });
  const answer = await call(smartleadClients());
  expect(answer.status).toBe(200);
  expect(answer.text).toBe('{"ok":true,"data":[{"id":1,"na');
  expect(() => JSON.parse(answer.text) as unknown).toThrow();
});

it('wrongShape: 200 with JSON of the wrong shape (default or given)', async () => {
  env.sandbox.injectFault({ vendor: 'smartlead', kind: 'wrongShape' });
  env.sandbox.injectFault({ vendor: 'smartlead', kind: 'wrongShape', body: { ok: true, data: 'not a list' } });
  expect((await call(smartleadClients())).json).toEqual({ unexpected: true });
  expect((await call(smartleadClients())).json).toEqual({ ok: true, data: 'not a list' });
});

describe('delay', () => {
  it('waits delayMs, then answers normally', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'delay', delayMs: 300 });
    const started = Date.now();
    const answer = await call(smashCheck(), { headers: smashAuth });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(answer.json).toEqual(CHECK_OK);
  });

  it('with hang: true never answers; the client gives up and the server keeps serving', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'delay', hang: true });
    await expect(fetch(smashCheck(), { headers: smashAuth, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await call(smashCheck(), { headers: smashAuth })).json).toEqual(CHECK_OK);
  });

  it('a delay cut short by the client does not answer later', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'delay', delayMs: 5_000 });
    await expect(fetch(smashCheck(), { headers: smashAuth, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await call(smashCheck(), { headers: smashAuth })).status).toBe(200);
  });
});

it('drop: the connection is reset without an answer', async () => {
  env.sandbox.injectFault({ vendor: 'smarte', kind: 'drop' });
  await expect(smarteView()).rejects.toThrow('fetch failed');
  expect((await smarteView()).status).toBe(200);
});

describe('targeting', () => {
  it('hits only the named vendor', async () => {
    env.sandbox.injectFault({ vendor: 'smartlead', kind: 'status', status: 500 });
    expect((await call(smashCheck(), { headers: smashAuth })).status).toBe(200);
    expect((await call(smartleadClients())).status).toBe(500);
  });

  it('matches a path substring (query included) and a method, case-insensitively', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'status', status: 500, path: 'limit=5', method: 'get' });
    const listUrl = `${env.sandbox.url}/v1/workspaces/${SANDBOX_CREDENTIALS.smashsendWorkspaceId}/api-keys`;
    expect((await call(smashCheck(), { headers: smashAuth })).status).toBe(200);
    expect((await call(`${listUrl}?limit=2`, { headers: smashAuth })).status).toBe(200);
    expect((await call(`${listUrl}?limit=5`, jsonInit('POST', {}, smashAuth))).status).not.toBe(500);
    expect((await call(`${listUrl}?limit=5`, { headers: smashAuth })).status).toBe(500);
  });

  it('hits the next `count` matching requests, then stops', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'status', status: 500, count: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await call(smashCheck(), { headers: smashAuth })).status);
    expect(statuses).toEqual([500, 500, 500, 200, 200]);
  });

  it('plays queued faults in order and lists what is pending', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'status', status: 500, count: 2 });
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'status', status: 502 });
    expect(env.sandbox.pendingFaults().map((f) => [f.spec.kind === 'status' ? f.spec.status : undefined, f.remaining])).toEqual([
      [500, 2],
      [502, 1],
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call(smashCheck(), { headers: smashAuth })).status);
    expect(statuses).toEqual([500, 500, 502, 200]);
    expect(env.sandbox.pendingFaults()).toEqual([]);
  });

  it('clearFaults() drops everything queued', async () => {
    env.sandbox.injectFault({ vendor: 'smashsend', kind: 'drop', count: 5 });
    expect(env.sandbox.clearFaults()).toBe(1);
    expect((await call(smashCheck(), { headers: smashAuth })).status).toBe(200);
  });

  it('refuses an impossible spec from code', () => {
    expect(() => env.sandbox.injectFault({ vendor: 'smashsend', kind: 'status', status: 99 })).toThrow(RangeError);
    expect(() => env.sandbox.injectFault({ vendor: 'smashsend', kind: 'drop', count: 0 })).toThrow(RangeError);
  });
});

describe('control API /_sandbox/faults', () => {
  it('queues, lists and clears faults over HTTP', async () => {
    const created = await call(
      `${env.sandbox.url}/_sandbox/faults`,
      jsonInit('POST', { vendor: 'smashsend', path: '/api-keys/check', kind: 'status', status: 429, retryAfter: 3, count: 2 }),
    );
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      fault: {
        id: expect.any(Number),
        remaining: 2,
        spec: { vendor: 'smashsend', path: '/api-keys/check', kind: 'status', status: 429, retryAfter: 3, count: 2 },
      },
    });
    const limited = await call(smashCheck(), { headers: smashAuth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.json).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Rate limit exceeded. Please wait a moment and try again.',
    });
    expect(((await call(`${env.sandbox.url}/_sandbox/faults`)).json as { faults: unknown[] }).faults).toHaveLength(1);
    expect((await call(`${env.sandbox.url}/_sandbox/faults`, { method: 'DELETE' })).json).toEqual({ cleared: 1 });
    expect((await call(smashCheck(), { headers: smashAuth })).status).toBe(200);
  });

  it.each([
    ['an unknown vendor', { vendor: 'acme', kind: 'drop' }],
    ['an unknown kind', { vendor: 'smarte', kind: 'explode' }],
    ['status without status', { vendor: 'smarte', kind: 'status' }],
    ['delay without delayMs or hang', { vendor: 'smarte', kind: 'delay' }],
    ['a misspelt field', { vendor: 'smarte', kind: 'delay', delay_ms: 5 }],
    ['count 0', { vendor: 'smarte', kind: 'drop', count: 0 }],
  ])('refuses %s with 400', async (_label, body) => {
    const answer = await call(`${env.sandbox.url}/_sandbox/faults`, jsonInit('POST', body));
    expect(answer.status).toBe(400);
  });

  it('accepts a hang without delayMs', async () => {
    const answer = await call(`${env.sandbox.url}/_sandbox/faults`, jsonInit('POST', { vendor: 'smarte', kind: 'delay', hang: true }));
    expect(answer.status).toBe(201);
  });
});
