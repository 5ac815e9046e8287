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

/** What both transports send: JSON asked for, the request's headers, and its body as JSON with its type. */
function requestParts(request: TransportRequest): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body === undefined) return { headers, body: undefined };
  headers['content-type'] = 'application/json';
  return { headers, body: JSON.stringify(request.body) };
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
  const { headers, body } = requestParts(request);
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

/** The most codings one answer may stack (as fetch: more is refused rather than inflated layer after layer). */
const MAX_CODINGS = 5;

/**
 * The body as text, as fetch reads it: inflated when the server compressed it (it should not have: none is asked for;
 * each coding of `Content-Encoding` undone in reverse order, leniently, so that an empty or cut-short body gives what
 * it holds), nothing inflated for a status without a body (204, 205, 304), UTF-8 without a leading byte-order mark. A
 * body that cannot be inflated is reported as fetch reports it ('terminated'), and so is one too long for a string.
 */
function bodyText(zlib: NodeHttp['zlib'], raw: Buffer, contentEncoding: string, status: number): string {
  let body = raw;
  const codings = contentEncoding
    .toLowerCase()
    .split(',')
    .map((coding) => coding.trim())
    .filter((coding) => coding !== '' && coding !== 'identity');
  try {
    if (codings.length > MAX_CODINGS) throw new Error(`too many content codings (${codings.length})`);
    if (body.length > 0 && status !== 204 && status !== 205 && status !== 304) {
      const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
      const brotli = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };
      for (const coding of codings.reverse()) {
        if (coding === 'gzip' || coding === 'x-gzip') body = zlib.gunzipSync(body, lenient);
        // zlib-wrapped deflate, or raw deflate as some servers send it (told apart by the first byte, as fetch does).
        else if (coding === 'deflate')
          body = ((body[0] ?? 0) & 0x0f) === 0x08 ? zlib.inflateSync(body, lenient) : zlib.inflateRawSync(body, lenient);
        else if (coding === 'br') body = zlib.brotliDecompressSync(body, brotli);
        // Any other coding: the body as sent, as fetch gives it.
      }
    }
    const text = body.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw new TypeError('terminated', { cause: error });
  }
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
    // As fetch: credentials in a URL are refused (node:http would send them as a Basic Authorization header).
    if (url.username !== '' || url.password !== '')
      throw new TypeError('Request cannot be constructed from a URL that includes credentials');
    const secure = url.protocol === 'https:';
    const { headers, body } = requestParts(request);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    let settled = false;
    let answer: import('node:http').IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      reject(error);
    };
    /** The whole answer is in: its status, the headers the connector reads, its body as text. */
    const finish = (response: import('node:http').IncomingMessage) => {
      if (settled) return;
      let text: string;
      try {
        text = bodyText(zlib, Buffer.concat(chunks), String(response.headers['content-encoding'] ?? ''), response.statusCode ?? 0);
      } catch (error) {
        fail(error);
        return;
      }
      settled = true;
      clearTimeout(timer);
      const record: Record<string, string> = {};
      for (const name of READ_HEADERS) {
        // Every value of a repeated header, joined as fetch joins them (node:http would keep the first only).
        const values = response.headersDistinct[name];
        if (values !== undefined) record[name] = values.join(', ');
      }
      resolve({ status: response.statusCode ?? 0, headers: record, body: text });
    };
    // The two-argument form (options, callback): what every wrapper of http.request understands (zapier-platform-core's
    // patch for one passes on only those two, and would drop the options of the three-argument form).
    const outgoing = (secure ? https : http).request({ ...nodeUrl.urlToHttpOptions(url), method: request.method, headers }, (response) => {
      answer = response;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
      });
      response.on('end', () => finish(response));
      // The connection dropped before the body ended.
      response.on('error', fail);
      response.on('close', () => {
        if (response.complete) finish(response);
        else fail(Object.assign(new Error('The connection was closed before the answer ended'), { code: 'ECONNRESET' }));
      });
    });
    const timer = setTimeout(() => fail(timeoutReason(request.timeoutMs)), request.timeoutMs);
    outgoing.on('error', (error) => {
      // Bytes after a complete answer (a 204 that carries a body, a Content-Length shorter than the body) make Node's
      // parser fail the request once the answer is in: fetch ignores them, and so does this transport.
      if (answer?.complete !== true) fail(error);
      // Otherwise the answer's own end (or close) settles it, once its buffered body is read.
    });
    outgoing.end(body);
  });
};
