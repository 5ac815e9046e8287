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
  /** Response headers with lower-case names. */
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

/** Builds `url?query` with every value percent-encoded. */
export function withQuery(url: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();
  return search ? `${url}?${search}` : url;
}

/** The default transport: Node's global `fetch`, with the request's timeout. */
export const fetchTransport: Transport = async (request) => {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(withQuery(request.url, request.query), {
    method: request.method,
    headers,
    body,
    signal: AbortSignal.timeout(request.timeoutMs),
    // Never follow a redirect: a custom auth header (SMARTe's Api-Key) would go wherever it points.
    redirect: 'manual',
  });
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name.toLowerCase()] = value;
  });
  return { status: response.status, headers: responseHeaders, body: await response.text() };
};
