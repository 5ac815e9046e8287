// The connector's only door to the network: a tiny transport interface, and a default one on Node's fetch.
// The Zapier app plugs in its own transport built on `z.request`, so Zapier logs and censors every call.

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
 * The default transport: Node's global `fetch`, given up after the request's timeout (headers and body alike).
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
