// The default fetch transport against real loopback servers, and network failures: a timeout (fake and real), a
// refused connection (a port just closed), a reset (a server that destroys the socket), DNS and others.

import http from 'node:http';
import net from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import {
  BadResponseError,
  ConnectorError,
  HttpError,
  NetworkError,
  SmartLeadClient,
  SmarteClient,
  SmashsendClient,
  fetchTransport,
  httpTransport,
} from '@keyring/connector';
import { classifyNetworkError, withQuery } from '@keyring/connector/internal';
import * as smashsendFx from '../fixtures/smashsend';
import { answer, describeError, fakeTransport, failure } from '../support/connector';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface LoopbackServer {
  url: string;
  port: number;
  received: Received[];
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records each request and lets `respond` answer it (or not). */
async function loopback(respond: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<LoopbackServer> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      respond(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was listening a moment ago and is now closed. */
async function closedPort(): Promise<number> {
  const server = await loopback(() => undefined);
  await server.close();
  return server.port;
}

const servers: LoopbackServer[] = [];
async function serve(respond: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void): Promise<LoopbackServer> {
  const server = await loopback(respond);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Both transports the package ships, held to the same behaviour on real servers. */
const TRANSPORTS = [
  ['fetchTransport', fetchTransport],
  ['httpTransport', httpTransport],
] as const;

describe.each(TRANSPORTS)('%s on a real loopback server', (_name, transport) => {
  it('sends the method, the encoded query, accept and the JSON body with its content type', async () => {
    const server = await serve((_req, res) => json(res, 201, { ok: true }, { 'X-Request-Id': 'req-1' }));
    const response = await transport({
      method: 'POST',
      url: `${server.url}/api/v1/client/api-key`,
      query: { keyName: 'a b&c=d', api_key: 'k/+=' },
      headers: { 'x-extra': 'yes' },
      body: { clientId: 301, keyName: 'Production Key' },
      timeoutMs: 2000,
    });
    expect(server.received).toHaveLength(1);
    const request = server.received[0];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/client/api-key?keyName=a+b%26c%3Dd&api_key=k%2F%2B%3D');
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-extra']).toBe('yes');
    expect(request.body).toBe('{"clientId":301,"keyName":"Production Key"}');
    // Only the headers the connector reads: content-type (and retry-after, below).
    expect(response).toEqual({ status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
  });

  it('sends no body and no content type without a body, and no "?" without a query', async () => {
    const server = await serve((_req, res) => json(res, 200, []));
    await transport({
      method: 'GET',
      url: `${server.url}/v1/api-keys/check`,
      query: {},
      headers: { authorization: 'Bearer k' },
      timeoutMs: 2000,
    });
    expect(server.received[0]).toMatchObject({ method: 'GET', url: '/v1/api-keys/check', body: '' });
    expect(server.received[0].headers).not.toHaveProperty('content-type');
    expect(server.received[0].headers.authorization).toBe('Bearer k');
  });

  it('resolves (does not reject) for error statuses, with the raw body text', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain', 'Retry-After': '7' });
      res.end('Service Unavailable');
    });
    const response = await transport({ method: 'DELETE', url: `${server.url}/x`, query: {}, headers: {}, timeoutMs: 2000 });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.body).toBe('Service Unavailable');
  });

  it('reads a compressed body (sent though none was asked for) inflated, and UTF-8 without its byte-order mark', async () => {
    const text = '\ufeff{"name":"Clé ✓"}';
    const server = await serve((req, res) => {
      const gzip = req.url === '/gzip';
      res.writeHead(200, { 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
      res.end(gzip ? gzipSync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8'));
    });
    for (const path of ['/gzip', '/plain']) {
      const response = await transport({ method: 'GET', url: `${server.url}${path}`, query: {}, headers: {}, timeoutMs: 2000 });
      expect(response.body).toBe('{"name":"Clé ✓"}');
    }
  });

  it.each([
    ['a 204 labelled gzip', 204, 'gzip', undefined, ''],
    ['an empty 200 labelled gzip', 200, 'gzip', Buffer.alloc(0), ''],
    ['a gzip body cut short', 200, 'gzip', gzipSync('{"a":1}').subarray(0, 12), '{'],
    ['a brotli body', 200, 'br', brotliCompressSync('{"b":2}'), '{"b":2}'],
  ])('reads %s as fetch does, without an error', async (_case, status, encoding, sent, expected) => {
    const server = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': encoding });
      res.end(sent);
    });
    const response = await transport({ method: 'GET', url: `${server.url}/x`, query: {}, headers: {}, timeoutMs: 2000 });
    expect(response).toMatchObject({ status, body: expected });
  });

  it.each([
    ['several codings, undone in reverse order', 'gzip, gzip', gzipSync(gzipSync('{"c":3}')), '{"c":3}'],
    ['raw deflate (no zlib header), as some servers send it', 'deflate', deflateRawSync('{"d":4}'), '{"d":4}'],
    ['zlib-wrapped deflate', 'deflate', deflateSync('{"e":5}'), '{"e":5}'],
    ['a coding neither knows: the body as sent', 'compress', Buffer.from('{"f":6}'), '{"f":6}'],
  ])('reads %s', async (_case, encoding, sent, expected) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      res.end(sent);
    });
    const response = await transport({ method: 'GET', url: `${server.url}/x`, query: {}, headers: {}, timeoutMs: 2000 });
    expect(response.body).toBe(expected);
  });

  it('rejects a body that cannot be inflated as a connection cut short (reason reset), never a garbled success', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(Buffer.from('this is not gzip at all'));
    });
    const error = await transport({ method: 'GET', url: `${server.url}/x`, query: {}, headers: {}, timeoutMs: 2000 }).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(classifyNetworkError(error)).toBe('reset');
  });

  it('joins the values of a repeated header, as fetch does', async () => {
    const server = await serve((_req, res) => {
      res.setHeader('retry-after', ['5', '7']);
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const response = await transport({ method: 'GET', url: `${server.url}/x`, query: {}, headers: {}, timeoutMs: 2000 });
    expect(response.headers['retry-after']).toBe('5, 7');
  });

  it('refuses a URL with credentials before anything is sent', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const url = server.url.replace('http://', 'http://user:pass@');
    // (fetch's TypeError comes from another realm under jest: matched by its message.)
    await expect(transport({ method: 'GET', url: `${url}/x`, query: {}, headers: {}, timeoutMs: 2000 })).rejects.toThrow(/credentials/);
    expect(server.received).toEqual([]);
  });

  it.each([
    ['a 204 that carries a body', 'HTTP/1.1 204 No Content\r\nContent-Type: application/json\r\n\r\n{"ok":true}', 204, ''],
    [
      'a Content-Length shorter than the body',
      'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}garbage',
      200,
      '{}',
    ],
  ])('reads %s as fetch does: the answer, the extra bytes ignored', async (_case, raw, status, body) => {
    const server = net.createServer((socket) => {
      socket.once('data', () => socket.end(raw));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await transport({ method: 'DELETE', url: `http://127.0.0.1:${port}/x`, query: {}, headers: {}, timeoutMs: 2000 });
      expect(response).toMatchObject({ status, body });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("gives '' as the body of a 204", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    expect(await transport({ method: 'DELETE', url: `${server.url}/x`, query: {}, headers: {}, timeoutMs: 2000 })).toMatchObject({
      status: 204,
      body: '',
    });
  });
});

describe('httpTransport under a wrapper of http.request', () => {
  it('sends its method, headers and body through a wrapper that passes on only (options, callback), as zapier-platform-core patches it', async () => {
    const server = await serve((_req, res) => json(res, 201, { ok: true }));
    const original = http.request;
    const wrapped = jest.fn((options: http.RequestOptions, callback?: (response: http.IncomingMessage) => void) =>
      original(options, callback),
    );
    http.request = wrapped as unknown as typeof http.request;
    try {
      const response = await httpTransport({
        method: 'POST',
        url: `${server.url}/signals/v1/key/create`,
        query: { a: '1' },
        headers: { 'api-key': 'WG+wrapped' },
        body: { email: 'a@example.com' },
        timeoutMs: 2000,
      });
      expect(response).toEqual({ status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
    } finally {
      http.request = original;
    }
    expect(wrapped).toHaveBeenCalledTimes(1);
    expect(server.received[0]).toMatchObject({ method: 'POST', url: '/signals/v1/key/create?a=1', body: '{"email":"a@example.com"}' });
    expect(server.received[0]?.headers['api-key']).toBe('WG+wrapped');
  });
});

describe('withQuery', () => {
  it('percent-encodes every value', () => {
    expect(withQuery('https://server.smartlead.ai/api/v1/client/api-key', { keyName: 'Prod Key/1', api_key: 'a+b=' })).toBe(
      'https://server.smartlead.ai/api/v1/client/api-key?keyName=Prod+Key%2F1&api_key=a%2Bb%3D',
    );
  });

  it('leaves the URL alone when there is no query', () => {
    expect(withQuery('https://api.smashsend.com/v1/api-keys/check', {})).toBe('https://api.smashsend.com/v1/api-keys/check');
  });

  it('sends exactly what URLSearchParams sends, for any names and values (plain ones are joined without it)', () => {
    const text = fc.oneof(fc.stringMatching(/^[A-Za-z0-9*._-]{0,12}$/), fc.string({ unit: 'binary', maxLength: 12 }));
    fc.assert(
      fc.property(fc.dictionary(text, text, { maxKeys: 4 }), (query) => {
        const search = new URLSearchParams(query).toString();
        expect(withQuery('https://api.example.com/x', query)).toBe(
          search === '' ? 'https://api.example.com/x' : `https://api.example.com/x?${search}`,
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe.each(TRANSPORTS)('a client over a real loopback server (%s)', (_name, transport) => {
  it('SMASHSEND: a base URL with a path prefix is joined without a double slash, and the answer parsed', async () => {
    const server = await serve((_req, res) => json(res, 200, smashsendFx.checkOk));
    const client = new SmashsendClient('sk_loop', { baseUrl: `${server.url}/smashsend/`, transport });
    expect(await client.checkApiKey()).toEqual(smashsendFx.checkOk);
    expect(server.received[0].url).toBe('/smashsend/v1/api-keys/check');
    expect(server.received[0].headers.authorization).toBe('Bearer sk_loop');
  });

  it('SmartLead: the key arrives in the query, next to the filters', async () => {
    const server = await serve((_req, res) => json(res, 200, []));
    await new SmartLeadClient('sl_loop', { baseUrl: server.url, transport }).listClientApiKeys({ keyName: 'Prod Key' });
    expect(server.received[0].url).toBe('/api/v1/client/api-key?keyName=Prod+Key&api_key=sl_loop');
  });

  it('given a 200 HTML page from a real server, fails with BadResponseError html', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Sign in</body></html>');
    });
    const error = await failure(new SmarteClient('WG+loop', { baseUrl: server.url, transport }).listKeys(), BadResponseError);
    expect(error.reason).toBe('html');
  });
});

describe.each(TRANSPORTS)('redirects (%s)', (_name, transport) => {
  /** Server A answers 302 to server B, another origin (another host name and port); B records what reaches it. */
  async function redirectToOtherOrigin(): Promise<{ from: LoopbackServer; to: LoopbackServer }> {
    const to = await serve((_req, res) => json(res, 200, { status: 'SUCCEED', message: 'ok', data: [] }));
    const from = await serve((_req, res) => {
      res.writeHead(302, { location: `http://localhost:${to.port}/elsewhere` });
      res.end();
    });
    return { from, to };
  }

  // Connector bug: fetchTransport lets fetch follow redirects (the default), although errors.ts documents 3xx as
  // "unfollowed". fetch drops Authorization on a cross-origin redirect but not SMARTe's custom Api-Key header,
  // so the admin key is sent to whatever host the Location names (even over plain http).
  it("a redirect to another origin never receives SMARTe's Api-Key header", async () => {
    const { from, to } = await redirectToOtherOrigin();
    // Whatever the outcome of the call, the key must not have reached the other origin.
    await new SmarteClient('WG+redirected_admin_key', { baseUrl: from.url, transport }).listKeys().catch(() => undefined);
    const leaked = to.received.filter((request) => JSON.stringify(request.headers).includes('WG+redirected_admin_key'));
    expect(leaked).toEqual([]);
  });

  it('a 302 is not followed: it is an HttpError naming the status', async () => {
    const { from, to } = await redirectToOtherOrigin();
    const error = await failure(new SmashsendClient('sk_key', { baseUrl: from.url, transport }).checkApiKey(), HttpError);
    expect(describeError(error)).toEqual({ kind: 'http', vendor: 'SMASHSEND', status: 302, method: 'GET', path: '/v1/api-keys/check' });
    expect(to.received).toEqual([]);
  });
});

describe('network failures become NetworkError', () => {
  it('a transport rejecting with a TimeoutError: reason timeout, with the timeout in the message', async () => {
    const fake = fakeTransport(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const error = await failure(new SmartLeadClient('sl_key', { transport: fake.transport }).listClients(), NetworkError);
    expect(error.reason).toBe('timeout');
    expect(describeError(error)).toEqual({
      kind: 'network',
      vendor: 'SmartLead',
      status: undefined,
      method: 'GET',
      path: '/api/v1/client/',
    });
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('SmartLead did not answer within 10 s (GET /api/v1/client/).');
  });

  it("a transport rejecting with AbortSignal.timeout's own reason: reason timeout", async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reason: unknown = signal.reason;
    expect(reason).toHaveProperty('name', 'TimeoutError');
    const fake = fakeTransport(reason as Error);
    const error = await failure(new SmarteClient('WG+key', { transport: fake.transport, timeoutMs: 1500 }).listKeys(), NetworkError);
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe('SMARTe did not answer within 1.5 s (POST /signals/v1/key/view).');
  });

  it('a DNS failure: reason dns', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND server.smartlead.ai'), { code: 'ENOTFOUND' });
    const fake = fakeTransport(new TypeError('fetch failed', { cause }));
    const error = await failure(new SmartLeadClient('sl_key', { transport: fake.transport }).listClients(), NetworkError);
    expect(error.reason).toBe('dns');
    expect(error.host).toBe('server.smartlead.ai');
    // The host is named, so a reader can tell a typo in a base URL from a network without DNS.
    expect(error.message).toBe(
      'SmartLead could not be reached: its host server.smartlead.ai was not found (DNS lookup failed) (GET /api/v1/client/).',
    );
  });

  it('anything else: reason other', async () => {
    const fake = fakeTransport(new Error('boom'));
    const error = await failure(new SmartLeadClient('sl_key', { transport: fake.transport }).listClients(), NetworkError);
    expect(error.reason).toBe('other');
    expect(error.message).toBe('SmartLead could not be reached (GET /api/v1/client/).');
  });

  it('a transport that throws a ConnectorError has it passed through unchanged', async () => {
    const own = new NetworkError('custom', { vendor: 'SMARTe' }, 'timeout');
    const fake = fakeTransport(own);
    expect(await failure(new SmarteClient('WG+key', { transport: fake.transport }).listKeys(), ConnectorError)).toBe(own);
  });

  it('the connector does not retry a failed exchange itself (a Zapier step has 30 s)', async () => {
    const fake = fakeTransport(new DOMException('aborted', 'TimeoutError'), answer(200, smashsendFx.checkOk));
    await failure(new SmashsendClient('sk_key', { transport: fake.transport }).checkApiKey(), NetworkError);
    expect(fake.requests).toHaveLength(1);
  });
});

describe.each(TRANSPORTS)('a real server failing, through %s, becomes a NetworkError', (_name, transport) => {
  it('a real server that never answers, with timeoutMs 200: reason timeout, the client closing the connection on its own 200 ms timer', async () => {
    // The server never answers: the request can only end by the client giving up. It must give up on a timer armed
    // for timeoutMs (not some longer default), and close the connection (not leave it open while it rejects).
    let connectionClosed!: Promise<void>;
    const server = await serve((_req, res) => {
      connectionClosed = new Promise((resolve) => res.once('close', resolve));
    });
    const timers = jest.spyOn(globalThis, 'setTimeout');
    try {
      // The client knows its own key's id, so the DELETE is the one request (no GET /v1/api-keys/current first).
      const client = new SmashsendClient('sk_key', {
        baseUrl: server.url,
        workspaceId: 'wrk_1',
        connectionKeyId: 'aki_own',
        timeoutMs: 200,
        transport,
      });
      const error = await failure(client.deleteApiKey('aki_1'), NetworkError);
      expect(timers.mock.calls.map(([, ms]) => ms)).toContain(200);
      expect(server.received).toHaveLength(1);
      await connectionClosed; // the server sees the client end the exchange (a hang here: the socket was left open)
      expect(error.reason).toBe('timeout');
      expect(describeError(error)).toEqual({
        kind: 'network',
        vendor: 'SMASHSEND',
        status: undefined,
        method: 'DELETE',
        path: '/v1/workspaces/wrk_1/api-keys/aki_1',
      });
      expect(error.message).toBe('SMASHSEND did not answer within 0.2 s (DELETE /v1/workspaces/wrk_1/api-keys/aki_1).');
    } finally {
      timers.mockRestore();
    }
  });

  it('a real server that never answers the check before a delete (GET /v1/api-keys/current): a timeout there, and no DELETE', async () => {
    const server = await serve(() => undefined);
    const client = new SmashsendClient('sk_key', { baseUrl: server.url, workspaceId: 'wrk_1', timeoutMs: 200, transport });
    const error = await failure(client.deleteApiKey('aki_1'), NetworkError);
    expect(error.reason).toBe('timeout');
    expect(describeError(error)).toEqual({
      kind: 'network',
      vendor: 'SMASHSEND',
      status: undefined,
      method: 'GET',
      path: '/v1/api-keys/current',
    });
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/api-keys/current']);
  });

  it('a port that was just closed: reason refused', async () => {
    const port = await closedPort();
    const error = await failure(new SmarteClient('WG+key', { baseUrl: `http://127.0.0.1:${port}`, transport }).listKeys(), NetworkError);
    expect(error.reason).toBe('refused');
    expect(describeError(error)).toEqual({
      kind: 'network',
      vendor: 'SMARTe',
      status: undefined,
      method: 'POST',
      path: '/signals/v1/key/view',
    });
    expect(error.message).toBe('SMARTe refused the connection (POST /signals/v1/key/view).');
  });

  it('a server that destroys the socket: reason reset', async () => {
    const server = await serve((req) => req.socket.destroy());
    const error = await failure(new SmartLeadClient('sl_key', { baseUrl: server.url, transport }).resetClientApiKey(45), NetworkError);
    expect(error.reason).toBe('reset');
    expect(describeError(error)).toEqual({
      kind: 'network',
      vendor: 'SmartLead',
      status: undefined,
      method: 'PUT',
      path: '/api/v1/client/api-key/reset/45',
    });
    expect(error.message).toBe('SmartLead dropped the connection (reset) (PUT /api/v1/client/api-key/reset/45).');
  });

  it('a server that half-answers and then drops the connection: a NetworkError, not a hang', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"apiKeys":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const error = await failure(
      new SmashsendClient('sk_key', { baseUrl: server.url, workspaceId: 'wrk_1', transport }).listApiKeys(),
      NetworkError,
    );
    expect(error.reason).toBe('reset');
  });
});

describe('classifyNetworkError', () => {
  const withCause = (message: string, cause: unknown) => new TypeError(message, { cause });
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

  it.each<[string, unknown, string]>([
    ['DOMException TimeoutError', new DOMException('signal timed out', 'TimeoutError'), 'timeout'],
    ['DOMException AbortError', new DOMException('This operation was aborted', 'AbortError'), 'timeout'],
    ['ETIMEDOUT', coded('ETIMEDOUT'), 'timeout'],
    ['undici connect timeout in a cause', withCause('fetch failed', coded('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error')), 'timeout'],
    ['node-fetch request-timeout type', { type: 'request-timeout', message: 'network timeout at: https://x' }, 'timeout'],
    ['ECONNREFUSED in a cause', withCause('fetch failed', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9')), 'refused'],
    ['ECONNRESET', coded('ECONNRESET', 'read ECONNRESET'), 'reset'],
    ['EPIPE', coded('EPIPE'), 'reset'],
    ['socket hang up', new Error('socket hang up'), 'reset'],
    ['undici other side closed', withCause('fetch failed', coded('UND_ERR_SOCKET', 'other side closed')), 'reset'],
    ['terminated', new TypeError('terminated'), 'reset'],
    ['ENOTFOUND', withCause('fetch failed', coded('ENOTFOUND', 'getaddrinfo ENOTFOUND x')), 'dns'],
    ['EAI_AGAIN', coded('EAI_AGAIN'), 'dns'],
    ['a plain error', new Error('boom'), 'other'],
    ['a string', 'ECONNREFUSED', 'other'],
    ['undefined', undefined, 'other'],
  ])('%s → %s', (_name, error, reason) => {
    expect(classifyNetworkError(error)).toBe(reason);
  });

  it('stops on a cause cycle', () => {
    const a: Error & { cause?: unknown } = new Error('first');
    const b: Error & { cause?: unknown } = Object.assign(new Error('second'), { code: 'ECONNRESET' });
    a.cause = b;
    b.cause = a;
    expect(classifyNetworkError(a)).toBe('reset');
  });
});
