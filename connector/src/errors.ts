// One error model for all three vendors: every failure the connector reports is a ConnectorError subclass carrying
// facts only — kind, reason, vendor, status, method, path, host, the vendor's own message, Retry-After. Its message
// says what happened (like openai-node's APIError: the status and the server's text), never what to do: advice
// depends on who reads it (the Zapier app has its own table). Messages never carry an API key or a secret: the client
// redacts its key from anything the vendor echoes.

import type { HttpMethod } from './transport';

export type Vendor = 'SmartLead' | 'SMASHSEND' | 'SMARTe';

export type ErrorKind =
  | 'input'
  | 'auth'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'server'
  | 'http'
  | 'bad_response'
  | 'network'
  /** A write refused before it was sent: its target is the key the client authenticates with (connectionKey.ts). */
  | 'connection_key';

/** Why one request got no answer. */
export type RequestFailure = 'timeout' | 'reset' | 'refused' | 'dns' | 'other';

/** Why no answer arrived: one request failed, or (`time_budget`) a paging walk stopped at its caller's deadline (paging.ts). */
export type NetworkReason = RequestFailure | 'time_budget';

/**
 * Why a 2xx answer could not be used: `missing_secret` is a create/reset answer without the new key's value;
 * `cursor` is a list that says more pages follow but gives no cursor that moves on; `crowded_instant` is a SMASHSEND
 * list where more keys share one creation instant than one page holds, so its timestamp cursor cannot get past them.
 */
export type BadResponseReason = 'empty' | 'html' | 'malformed' | 'shape' | 'missing_secret' | 'cursor' | 'crowded_instant';

export type ErrorReason = NetworkReason | BadResponseReason;

export interface ErrorDetails {
  vendor: Vendor;
  status?: number;
  vendorMessage?: string;
  method?: HttpMethod;
  path?: string;
  /** The host the request went to (e.g. `api.smashsend.com`, or the sandbox's `127.0.0.1:4010`). */
  host?: string;
  /** The request only reads, whatever its method (SMARTe's key view is a POST): a lost answer changed nothing. */
  readOnly?: boolean;
}

/**
 * "SMASHSEND rejected the API key (401 on GET /v1/api-keys/check): Invalid API key." — the vendor, what happened,
 * where, and the vendor's own words. Facts only: no advice.
 */
export function describeFailure(details: ErrorDetails, what: string): string {
  const where =
    details.status === undefined ? `${details.method} ${details.path}` : `${details.status} on ${details.method} ${details.path}`;
  let message = `${details.vendor} ${what} (${where})`;
  if (details.vendorMessage) message += `: ${details.vendorMessage.replace(/[.\s]+$/, '')}`;
  return `${message}.`;
}

export abstract class ConnectorError extends Error {
  abstract readonly kind: ErrorKind;
  /** For the kinds that have several causes (network, bad_response): which one. */
  readonly reason: ErrorReason | undefined;
  readonly vendor: Vendor;
  readonly status: number | undefined;
  /** The vendor's own message, as it sent it (redacted). */
  readonly vendorMessage: string | undefined;
  readonly method: HttpMethod | undefined;
  readonly path: string | undefined;
  readonly host: string | undefined;
  /** The failed request only reads: a GET, or a POST that reads (SMARTe's key view). Nothing can have been written. */
  readonly readOnly: boolean;
  /** Seconds the vendor asked to wait (`Retry-After`), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /** Whether trying the same call again later may succeed. */
  abstract readonly retryable: boolean;

  constructor(message: string, details: ErrorDetails, facts: { reason?: ErrorReason; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = new.target.name;
    this.vendor = details.vendor;
    this.status = details.status;
    this.vendorMessage = details.vendorMessage;
    this.method = details.method;
    this.path = details.path;
    this.host = details.host;
    this.readOnly = details.readOnly === true || details.method === 'GET';
    this.reason = facts.reason;
    this.retryAfterSeconds = facts.retryAfterSeconds;
  }
}

/** An input failed the connector's checks; no request was sent. `field` is the input's key, e.g. `keyName`. */
export class InputError extends ConnectorError {
  readonly kind = 'input';
  readonly retryable = false;
  constructor(
    vendor: Vendor,
    readonly field: string,
    readonly rule: string,
    /** Other inputs the rule names ("displayName or role must be given"): any one of them would do. */
    readonly orFields: readonly string[] = [],
  ) {
    super(`${[field, ...orFields].join(' or ')} ${rule}.`, { vendor });
  }
}

/** 401: the API key is missing, wrong or revoked. */
export class AuthError extends ConnectorError {
  readonly kind = 'auth';
  readonly retryable = false;
}

/** 403: the key is valid but not allowed to do this. */
export class ForbiddenError extends ConnectorError {
  readonly kind = 'forbidden';
  readonly retryable = false;
}

/** 404: the thing asked for does not exist (or the path is wrong). */
export class NotFoundError extends ConnectorError {
  readonly kind = 'not_found';
  readonly retryable = false;
}

/** 400 or 422 (or a 2xx body that says it failed): the vendor refused the input. */
export class ValidationError extends ConnectorError {
  readonly kind = 'validation';
  readonly retryable = false;
  constructor(
    message: string,
    details: ErrorDetails,
    /** The vendor's per-field messages, when it gave any. */
    readonly fieldErrors: string[] = [],
  ) {
    super(message, details);
  }
}

/** 429: too many requests. */
export class RateLimitError extends ConnectorError {
  readonly kind = 'rate_limited';
  readonly retryable = true;
  constructor(message: string, details: ErrorDetails, retryAfterSeconds: number | undefined) {
    super(message, details, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  }
}

/** 5xx: the vendor failed. */
export class ServerError extends ConnectorError {
  readonly kind = 'server';
  readonly retryable = true;
}

/** Any other unexpected HTTP status (other 4xx, unfollowed 3xx). */
export class HttpError extends ConnectorError {
  readonly kind = 'http';
  readonly retryable = false;
}

/** A response arrived but could not be used: HTML, empty, malformed JSON, JSON of an unexpected shape, … */
export class BadResponseError extends ConnectorError {
  readonly kind = 'bad_response';
  declare readonly reason: BadResponseReason;
  readonly retryable: boolean;
  constructor(message: string, details: ErrorDetails, reason: BadResponseReason) {
    super(message, details, { reason });
    // Asking again gives the same answer without the secret (the write already happened) or the same stuck cursor.
    this.retryable = reason !== 'missing_secret' && reason !== 'cursor' && reason !== 'crowded_instant';
  }
}

/** No response arrived: timeout, refused or reset connection, unknown host. */
export class NetworkError extends ConnectorError {
  readonly kind = 'network';
  declare readonly reason: NetworkReason;
  readonly retryable = true;
  constructor(message: string, details: ErrorDetails, reason: NetworkReason) {
    super(message, details, { reason });
  }
}
