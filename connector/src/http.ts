// The one place where a vendor call is made and its answer judged: it sends through the transport, turns every
// status, body and network fault into a ConnectorError, and validates 2xx bodies against the operation's schema.

import * as v from 'valibot';
import {
  AuthError,
  BadResponseError,
  ConnectorError,
  ForbiddenError,
  HttpError,
  InputError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
  describeFailure,
  type ErrorDetails,
  type RequestFailure,
  type Vendor,
} from './errors';
import { safeParse } from './schema';
import { extractVendorMessage, parseRetryAfter } from './vendorMessage';
import { httpTransport, type HttpMethod, type Transport, type TransportResponse } from './transport';

/** Options every client takes. */
export interface ClientOptions {
  /** The vendor's base URL; https, or http on a loopback address (for the sandbox and tests). */
  baseUrl?: string;
  /** How requests are sent; defaults to httpTransport (node:http and node:https); fetchTransport sends through fetch. */
  transport?: Transport;
  /** Per-request timeout in milliseconds (default 10 000: well inside Zapier's 30 s step limit). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface CallSpec<T> {
  method: HttpMethod;
  /** Path below the base URL, ids already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Validates (and may reshape) a 2xx JSON body. */
  schema: v.GenericSchema<unknown, T>;
  /** What a 404 means here, e.g. "client API key 45"; the message then says that it was not found. */
  notFound?: string;
  /** Value to use when a 2xx body is empty (e.g. a delete answered 204). Without it, an empty body is an error. */
  whenEmpty?: () => T;
  /**
   * A shorter timeout for this one call (never longer than the client's): lets a caller that has only part of
   * its time budget left (e.g. the last request of a Zapier step) give up in time instead of being killed.
   */
  timeoutMs?: number;
  /** The answer may be a long list: passed on to the transport (see TransportRequest.bulk). */
  bulk?: boolean;
  /** A POST (or other non-GET) that only reads, e.g. SMARTe's key view: its errors say so (`readOnly`). */
  readOnly?: boolean;
}

export interface VendorAuth {
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** The credential: redacted from every message the connector builds. */
  secret: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The environment variable that overrides each vendor's base URL, for the app and the `keyring` command alike. */
export const BASE_URL_ENV: Record<Vendor, string> = {
  SMASHSEND: 'SMASHSEND_BASE_URL',
  SmartLead: 'SMARTLEAD_BASE_URL',
  SMARTe: 'SMARTE_BASE_URL',
};

/**
 * Checks a base URL override: https anywhere, or http only on loopback, so that a mistaken setting can
 * never send a key in clear over the network. Returns the URL without a trailing slash.
 */
export function checkBaseUrl(vendor: Vendor, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new InputError(vendor, 'baseUrl', 'must be an absolute URL such as https://api.example.com');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(vendor, 'baseUrl', 'must use https (plain http is allowed only on a loopback address)');
  }
  if (baseUrl.includes('?') || baseUrl.includes('#') || url.username || url.password) {
    throw new InputError(vendor, 'baseUrl', 'must not contain a query, a fragment or credentials');
  }
  return url.toString().replace(/\/+$/, '');
}

/** Base URLs already checked, with their hosts: a client is often built per call (the Zapier app builds one per step). */
const checkedBaseUrls = new Map<string, { baseUrl: string; host: string }>();

function checkedBaseUrl(vendor: Vendor, raw: string): { baseUrl: string; host: string } {
  const cacheKey = `${vendor} ${raw}`;
  let checked = checkedBaseUrls.get(cacheKey);
  if (checked === undefined) {
    const baseUrl = checkBaseUrl(vendor, raw);
    checked = { baseUrl, host: new URL(baseUrl).host };
    // A handful in practice (one per vendor, and a sandbox's); never a growing list.
    if (checkedBaseUrls.size >= 64) checkedBaseUrls.clear();
    checkedBaseUrls.set(cacheKey, checked);
  }
  return checked;
}

/** The longest timeout a timer can hold (2^31 − 1 ms, about 24.8 days): anything longer would fire at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** A client's timeout: a number of milliseconds from 1 to MAX_TIMEOUT_MS, or the default when not given. */
function checkTimeout(vendor: Vendor, timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new InputError(vendor, 'timeoutMs', `must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  return timeoutMs;
}

export class VendorHttp {
  private readonly baseUrl: string;
  /** Where requests go (`api.smashsend.com`): a fact every error carries, so a DNS failure can name it. */
  readonly host: string;
  private readonly transport: Transport;
  private readonly timeoutMs: number;

  constructor(
    readonly vendor: Vendor,
    defaultBaseUrl: string,
    private readonly auth: VendorAuth,
    options: ClientOptions = {},
  ) {
    const checked = checkedBaseUrl(vendor, options.baseUrl ?? defaultBaseUrl);
    this.baseUrl = checked.baseUrl;
    this.host = checked.host;
    this.transport = options.transport ?? httpTransport;
    this.timeoutMs = checkTimeout(vendor, options.timeoutMs);
  }

  async call<T>(spec: CallSpec<T>): Promise<T> {
    const query: Record<string, string> = {};
    const asked = spec.query;
    for (const name in asked) {
      const value = asked[name];
      if (value !== undefined && Object.prototype.hasOwnProperty.call(asked, name)) query[name] = String(value);
    }
    Object.assign(query, this.auth.query);
    const details: ErrorDetails = {
      vendor: this.vendor,
      method: spec.method,
      path: spec.path,
      host: this.host,
      ...(spec.readOnly === true ? { readOnly: true } : {}),
    };
    const timeoutMs = Number.isFinite(spec.timeoutMs)
      ? Math.max(1, Math.min(this.timeoutMs, Math.floor(spec.timeoutMs as number)))
      : this.timeoutMs;

    let response: TransportResponse;
    try {
      response = await this.transport({
        method: spec.method,
        url: this.baseUrl + spec.path,
        query,
        headers: { ...this.auth.headers },
        body: spec.body,
        timeoutMs,
        ...(spec.bulk ? { bulk: true } : {}),
      });
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      throw this.networkError(error, details, timeoutMs);
    }

    const withStatus: ErrorDetails = { ...details, status: response.status };
    if (response.status >= 200 && response.status < 300) {
      return this.parseSuccess(spec, response, withStatus);
    }
    throw this.statusError(spec, response, withStatus);
  }

  private parseSuccess<T>(spec: CallSpec<T>, response: TransportResponse, details: ErrorDetails): T {
    const text = response.body.trim();
    if (text === '') {
      if (spec.whenEmpty) return spec.whenEmpty();
      throw new BadResponseError(describeFailure(details, 'sent an empty response'), details, 'empty');
    }
    if (looksLikeHtml(text, response.headers)) {
      throw new BadResponseError(describeFailure(details, 'sent an HTML page instead of JSON'), details, 'html');
    }
    let json: unknown = response.json;
    try {
      if (json === undefined) json = JSON.parse(text);
    } catch {
      throw new BadResponseError(describeFailure(details, 'sent malformed JSON'), details, 'malformed');
    }
    // Some vendor pages answer 200 with {ok:false} or {success:false} and an error body.
    if (isRecord(json) && (json.ok === false || json.success === false)) {
      throw this.statusError(spec, { ...response, status: 400 }, details, 'reported a failure');
    }
    const result = safeParse(spec.schema, json);
    if (!result.success) {
      throw new BadResponseError(
        describeFailure({ ...details, vendorMessage: summariseIssues(result.issues) }, 'sent an unexpected response'),
        details,
        'shape',
      );
    }
    return result.output;
  }

  private statusError(
    spec: CallSpec<unknown>,
    response: TransportResponse,
    details: ErrorDetails,
    failure = 'rejected the request',
  ): ConnectorError {
    // Redact before anything is parsed or clipped, so that no part of an echoed key survives.
    const text = (this.redact(response.body) ?? '').trim();
    let vendorMessage: string | undefined;
    let fieldErrors: string[] = [];
    if (text !== '' && !looksLikeHtml(text, response.headers)) {
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // A plain-text error body: use it as the message.
      }
      const extracted = extractVendorMessage(json);
      vendorMessage = this.redact(extracted.message);
      fieldErrors = extracted.fieldErrors.map((f) => this.redact(f) ?? '');
      if (vendorMessage && fieldErrors.length > 0 && !fieldErrors.every((f) => vendorMessage?.includes(f))) {
        vendorMessage = `${vendorMessage}: ${fieldErrors.join('; ')}`;
      }
    }
    const d: ErrorDetails = { ...details, vendorMessage };
    const status = response.status;
    if (status === 401) return new AuthError(describeFailure(d, 'rejected the API key'), d);
    if (status === 403) return new ForbiddenError(describeFailure(d, 'refused access: the API key lacks permission for this'), d);
    if (status === 404) {
      const what = spec.notFound ? `has no ${spec.notFound}` : `found nothing at ${spec.method} ${spec.path}`;
      return new NotFoundError(describeFailure(d, what), d);
    }
    if (status === 400 || status === 409 || status === 422) return new ValidationError(describeFailure(d, failure), d, fieldErrors);
    if (status === 429) {
      return new RateLimitError(describeFailure(d, 'rate limit reached'), d, parseRetryAfter(response.headers['retry-after']));
    }
    if (status >= 500) {
      const what = looksLikeHtml(text, response.headers) ? 'had a server error (an HTML error page)' : 'had a server error';
      return new ServerError(describeFailure(d, what), d);
    }
    return new HttpError(describeFailure(d, `answered with unexpected status ${status}`), d);
  }

  private networkError(error: unknown, details: ErrorDetails, timeoutMs: number): NetworkError {
    const reason = classifyNetworkError(error);
    const seconds = Math.round(timeoutMs / 100) / 10;
    const what: Record<RequestFailure, string> = {
      timeout: `did not answer within ${seconds} s`,
      refused: 'refused the connection',
      reset: 'dropped the connection (reset)',
      dns: `could not be reached: its host ${this.host} was not found (DNS lookup failed)`,
      other: 'could not be reached',
    };
    return new NetworkError(describeFailure(details, what[reason]), details, reason);
  }

  /**
   * Checks that a create/reset answer carries the new key value: a user must never believe they hold a key
   * they don't. Throws a BadResponseError with reason `missing_secret` (the change may have been made).
   */
  requireSecret<T extends object, K extends string>(
    record: T,
    field: K,
    method: HttpMethod,
    path: string,
    what: string,
  ): T & Record<K, string> {
    const value: unknown = (record as Record<string, unknown>)[field];
    // A value cut short for display ("sk_live_abc1...") or masked ("****") is not the key either.
    if (typeof value === 'string' && value.trim() !== '' && !/(\.\.\.|…)$|\*{3}/.test(value)) return record as T & Record<K, string>;
    const details: ErrorDetails = { vendor: this.vendor, status: 200, method, path, host: this.host };
    throw new BadResponseError(describeFailure(details, `answered without ${field}, the value of ${what}`), details, 'missing_secret');
  }

  /** Removes the credential from text the vendor sent back. */
  redact(text: string | undefined): string | undefined {
    if (text === undefined || this.auth.secret === '') return text;
    return text.split(this.auth.secret).join('[redacted]');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeHtml(text: string, headers: Record<string, string>): boolean {
  return /^\s*</.test(text) || (headers['content-type'] ?? '').includes('text/html');
}

interface IssueAt {
  path: string[];
  issue: v.BaseIssue<unknown>;
}

/**
 * For a union ("a list, or {data: list}"), the sub-issue that got deepest says best what was wrong. A sub-issue's
 * path is relative to the union's value, so the union's own path goes in front.
 */
function deepest(issue: v.BaseIssue<unknown>, prefix: string[] = []): IssueAt {
  const path = [...prefix, ...(issue.path ?? []).map((item) => String(item.key))];
  let best: IssueAt = { path, issue };
  for (const sub of issue.issues ?? []) {
    const candidate = deepest(sub, path);
    if (candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

/** "data.0.id is missing; data.1.status: expected string" without ever echoing the received values (they may be secrets). */
function summariseIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((top) => deepest(top))
    .map(({ path: segments, issue }) => {
      const path = segments.join('.') || 'the body';
      if (issue.received === 'undefined') return `${path} is missing`;
      return `${path}: expected ${issue.expected ?? 'a different value'}`;
    })
    .join('; ');
}

/** Sorts a transport's rejection into timeout / refused / reset / dns / other, from the codes Node, undici and node-fetch use. */
export function classifyNetworkError(error: unknown): RequestFailure {
  const seen = new Set<unknown>();
  const parts: string[] = [];
  let current: unknown = error;
  while (isRecord(current) || current instanceof Error) {
    if (seen.has(current)) break;
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const key of ['name', 'code', 'type', 'errno', 'message']) {
      if (typeof record[key] === 'string') parts.push(record[key] as string);
    }
    current = record.cause;
  }
  const text = parts.join(' ');
  if (/TimeoutError|AbortError|ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_.*TIMEOUT|request-timeout|timed? ?out/i.test(text)) return 'timeout';
  if (/ECONNREFUSED|refused/i.test(text)) return 'refused';
  if (/ECONNRESET|EPIPE|socket hang up|UND_ERR_SOCKET|other side closed|terminated/i.test(text)) return 'reset';
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(text)) return 'dns';
  return 'other';
}
