// The connector's only door to the network: a tiny transport interface and two transports, the default one on
// node:http(s) and one on Node's fetch (the same requests and answers; tests/connector/transport.test.ts holds both to
// the same behaviour on real servers). The Zapier app plugs in its own transport built on `z.request`, so Zapier logs
// and censors every call.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL without the query string. */
  url: string;
  /** Query parameters; the transport encodes them. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** A JSON-serialisable body, sent as `application/json`. */
  body?: unknown;
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /**
   * The answer may be a long list (thousands of keys). A transport that logs bodies may skip this one: Zapier's
   * log censoring is quadratic in the number of secret values in a body (10 000 SMARTe keys took over 45 s).
   */
  bulk?: boolean;
}

export interface TransportResponse {
  status: number;
  /**
   * Response headers with lower-case names. The connector reads only `content-type` and `retry-after`, so a transport
   * may give just those (fetchTransport does: copying every header of every answer was a cost per call, for nothing).
   */
  headers: Record<string, string>;
  /** The raw body text ('' when there is none). */
  body: string;
  /** The body already parsed as JSON, when the transport had it parsed anyway (saves parsing a long list again). */
  json?: unknown;
}

/**
 * Performs one HTTP exchange. It must resolve for every HTTP status (the connector alone decides
 * what a status means) and reject only when no response arrived: timeout, refused, reset, DNS.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** A query value URLSearchParams would send unchanged (so it can be joined as it is). */
const PLAIN_QUERY_VALUE = /^[A-Za-z0-9*._-]*$/;

/**
 * Builds `url?query` with every value percent-encoded exactly as URLSearchParams encodes it (spaces as "+"), without
 * building a URLSearchParams for the usual plain values (ids, limits, sorts, timestamps: a measurable cost per call).
 */
export function withQuery(url: string, query: Record<string, string>): string {
  let search = '';
  for (const name in query) {
    if (!Object.prototype.hasOwnProperty.call(query, name)) continue;
    const value = query[name] as string;
    const pair =
      PLAIN_QUERY_VALUE.test(name) && PLAIN_QUERY_VALUE.test(value) ? `${name}=${value}` : new URLSearchParams([[name, value]]).toString();
    search = search === '' ? pair : `${search}&${pair}`;
  }
  return search === '' ? url : `${url}?${search}`;
}

/** The response headers the connector reads (TransportResponse.headers), as a record. */
const READ_HEADERS = ['content-type', 'retry-after'] as const;

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  for (const name of READ_HEADERS) {
    const value = headers.get(name);
    if (value !== null) record[name] = value;
  }
  return record;
}

/** A timeout's reason, as AbortSignal.timeout gives it (classifyNetworkError reads its name). */
function timeoutReason(timeoutMs: number): DOMException {
  return new DOMException(`The operation was aborted due to timeout (${timeoutMs} ms)`, 'TimeoutError');
}

/**
 * A transport on Node's global `fetch`, given up after the request's timeout (headers and body alike): for a program
 * whose tests intercept fetch (undici's MockAgent), or that wants fetch's own machinery.
 * One timer per call, cleared the moment the body is read (AbortSignal.timeout would leave it pending until it fires).
 */
export const fetchTransport: Transport = async (request) => {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutReason(request.timeoutMs)), request.timeoutMs);
  try {
    const response = await fetch(withQuery(request.url, request.query), {
      method: request.method,
      headers,
      body,
      signal: controller.signal,
      // Never follow a redirect: a custom auth header (SMARTe's Api-Key) would go wherever it points.
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, headers: headerRecord(response.headers), body: text };
  } finally {
    clearTimeout(timer);
  }
};

/** node:http, node:https, node:zlib and node:url, loaded on httpTransport's first call: a program that never uses it never loads them. */
interface NodeHttp {
  http: typeof import('node:http');
  https: typeof import('node:https');
  zlib: typeof import('node:zlib');
  url: typeof import('node:url');
}
let nodeHttp: Promise<NodeHttp> | undefined;
function loadNodeHttp(): Promise<NodeHttp> {
  // process.getBuiltinModule (Node 20.16+, 22.3+) loads a built-in from CommonJS and ESM alike, synchronously; older
  // Node 20 releases import them.
  const builtin = (process as Partial<Pick<NodeJS.Process, 'getBuiltinModule'>>).getBuiltinModule?.bind(process);
  nodeHttp ??= builtin
    ? Promise.resolve({ http: builtin('node:http'), https: builtin('node:https'), zlib: builtin('node:zlib'), url: builtin('node:url') })
    : Promise.all([import('node:http'), import('node:https'), import('node:zlib'), import('node:url')]).then(
        ([http, https, zlib, url]) => ({
          http,
          https,
          zlib,
          url,
        }),
      );
  return nodeHttp;
}

/**
 * What a body compressed by the server (it should not be: none is asked for) is inflated with: leniently, as fetch
 * does (an empty or cut-short body gives what it holds, not an error). A status without a body has nothing to inflate.
 */
function inflaterOf(zlib: NodeHttp['zlib'], encoding: string, status: number): NodeJS.ReadWriteStream | undefined {
  if (status === 204 || status === 205 || status === 304) return undefined;
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip(lenient);
  if (encoding === 'deflate') return zlib.createInflate(lenient);
  if (encoding === 'br') {
    const flush = zlib.constants.BROTLI_OPERATION_FLUSH;
    return zlib.createBrotliDecompress({ flush, finishFlush: flush });
  }
  return undefined;
}

/**
 * The default transport, on node:http and node:https (their global agents, which keep connections alive and let a
 * process exit when idle): it sends what fetchTransport sends (accept, the JSON body and its type, the
 * query as URLSearchParams encodes it), follows no redirect, gives up after the request's timeout (headers and body
 * alike, a TimeoutError), reads the body as UTF-8 (a leading byte-order mark dropped, compressed bodies inflated, as
 * fetch does), and resolves for every status. Faster than fetch, warm or cold: no WHATWG streams, no undici to load
 * (bench/: a call costs about a quarter less on loopback, and 100 pages read in a fresh process about 60 ms less).
 */
export const httpTransport: Transport = async (request) => {
  const { http, https, zlib, url: nodeUrl } = await loadNodeHttp();
  return new Promise<TransportResponse>((resolve, reject) => {
    const url = new URL(withQuery(request.url, request.query));
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      reject(error);
    };
    // The two-argument form (options, callback): what every wrapper of http.request understands (zapier-platform-core's
    // patch for one passes on only those two, and would drop the options of the three-argument form).
    const outgoing = (secure ? https : http).request({ ...nodeUrl.urlToHttpOptions(url), method: request.method, headers }, (response) => {
      const encoding = String(response.headers['content-encoding'] ?? '')
        .trim()
        .toLowerCase();
      const inflater = inflaterOf(zlib, encoding, response.statusCode ?? 0);
      const source: NodeJS.ReadableStream = inflater ? response.pipe(inflater) : response;
      inflater?.on('error', fail);
      source.setEncoding('utf8');
      let text = '';
      source.on('data', (chunk: string) => {
        text += chunk;
      });
      source.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const record: Record<string, string> = {};
        for (const name of READ_HEADERS) {
          const value = response.headers[name];
          if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: response.statusCode ?? 0, headers: record, body: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
      });
      // The connection dropped before the body ended.
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(Object.assign(new Error('The connection was closed before the answer ended'), { code: 'ECONNRESET' }));
      });
    });
    const timer = setTimeout(() => fail(timeoutReason(request.timeoutMs)), request.timeoutMs);
    outgoing.on('error', fail);
    outgoing.end(body);
  });
};
