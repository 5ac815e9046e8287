// Loopback network helpers: a port that refuses, a server that never answers, a recording proxy that shows exactly
// what reached the vendor, and a one-shot fetch for talking to the sandbox directly.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { vendorOfUrl } from '../../sandbox/state';
import type { SandboxVendor } from './vendors';

/** Listens on 127.0.0.1, port 0; resolves with the origin. */
async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Tracks a server's sockets, so close() ends kept-alive and hanging connections at once. */
function closer(server: http.Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => server.close(resolve));
  };
}

/** A loopback port that nothing listens on (bound, then closed), for "connection refused". */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  const origin = await listen(server);
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return Number(new URL(origin).port);
}

export interface SilentServer {
  baseUrl: string;
  /** Resolves when a request has arrived (so the client's timeout timer is running). */
  requestArrived: Promise<void>;
  close(): Promise<void>;
}

/** A loopback HTTP server that accepts requests and never answers them (nock cannot time out without a real wait). */
export async function silentServer(): Promise<SilentServer> {
  let arrived!: () => void;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  const server = http.createServer(() => arrived());
  const close = closer(server);
  return { baseUrl: await listen(server), requestArrived, close };
}

/** One request as it reached the vendor, byte for byte in its request line. */
export interface ArrivedRequest {
  method: string;
  /** The raw request target, e.g. `/api/v1/client/api-key/reset/45?api_key=…`. */
  rawTarget: string;
  vendor: SandboxVendor | undefined;
  /** rawTarget's path, not decoded. */
  rawPath: string;
  /** The query as the vendor's framework would decode it. */
  query: Record<string, string[]>;
  /** The request headers as they arrived (node's lower-cased names). */
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingProxy {
  origin: string;
  arrived: ArrivedRequest[];
  close(): Promise<void>;
}

/** How a proxy loses the vendor's answer to a request after the vendor acted on it. */
export type LostAnswer = 'reset' | 'timeout';

export interface ProxyOptions {
  /** Told of every request as it arrives. */
  onRequest?: (request: ArrivedRequest) => void;
  /**
   * Lets the vendor act on a request, then loses its answer: resets the connection once the answer is in, or holds it
   * until the client gives up. Undefined (the default) forwards the answer.
   */
  loseAnswer?: (request: ArrivedRequest) => LostAnswer | undefined;
  /**
   * Lets the vendor act on a request, then holds its answer until the promise returned settles (undefined: no hold),
   * so that a test can act while the request is in flight and the vendor has already done it.
   */
  holdAnswer?: (request: ArrivedRequest) => Promise<void> | undefined;
}

/**
 * A loopback HTTP proxy in front of the sandbox that records each request's raw request line and body, then
 * forwards it unchanged: the one place that shows what path and query really reached the vendor (and, with
 * `loseAnswer`, the place where an answer goes missing after the vendor acted).
 */
export async function recordingProxy(target: string, options: ProxyOptions = {}): Promise<RecordingProxy> {
  const arrived: ArrivedRequest[] = [];
  const targetUrl = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const rawTarget = req.url ?? '';
      const queryStart = rawTarget.indexOf('?');
      const query: Record<string, string[]> = {};
      if (queryStart !== -1) {
        for (const [name, value] of new URLSearchParams(rawTarget.slice(queryStart + 1))) (query[name] ??= []).push(value);
      }
      const record: ArrivedRequest = {
        method: req.method ?? '',
        rawTarget,
        vendor: vendorOfUrl(rawTarget),
        rawPath: queryStart === -1 ? rawTarget : rawTarget.slice(0, queryStart),
        query,
        headers: req.headers,
        body: body.toString('utf8'),
      };
      arrived.push(record);
      options.onRequest?.(record);
      const lose = options.loseAnswer?.(record);
      const forward = http.request(
        { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: rawTarget, headers: req.headers },
        (upstream) => {
          if (lose) {
            upstream.resume(); // the vendor has acted; its answer never reaches the client
            upstream.on('end', () => {
              if (lose === 'reset') req.socket.resetAndDestroy();
            });
            return;
          }
          const held = options.holdAnswer?.(record);
          const answer = () => {
            res.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(res);
          };
          if (held === undefined) answer();
          else void held.then(answer, answer);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  const close = closer(server);
  return { origin: await listen(server), arrived, close };
}

/** An answer read once: status, headers, text, and the parsed body when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** Calls a running server over loopback with Node's global fetch and reads the answer once. */
export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** A JSON request init: method, JSON body, extra headers. */
export function jsonInit(method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}
