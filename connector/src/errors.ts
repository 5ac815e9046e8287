// One error model for all three vendors: every failure the connector reports is a ConnectorError subclass
// that names the vendor, what happened, the HTTP status, the vendor's own message, the method and the path.
// Messages never carry an API key or a secret: the client redacts its key from anything the vendor echoes.

import type { HttpMethod } from './transport';

export type Vendor = 'SmartLead' | 'SMASHSEND' | 'SMARTe';

export type ErrorKind =
  'input' | 'auth' | 'forbidden' | 'not_found' | 'validation' | 'rate_limited' | 'server' | 'http' | 'bad_response' | 'network';

export interface ErrorDetails {
  vendor: Vendor;
  status?: number;
  vendorMessage?: string;
  method?: HttpMethod;
  path?: string;
}

export abstract class ConnectorError extends Error {
  abstract readonly kind: ErrorKind;
  readonly vendor: Vendor;
  readonly status: number | undefined;
  /** The vendor's own message, as it sent it (redacted). */
  readonly vendorMessage: string | undefined;
  readonly method: HttpMethod | undefined;
  readonly path: string | undefined;
  /** Whether trying the same call again later may succeed. */
  abstract readonly retryable: boolean;

  constructor(message: string, details: ErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.vendor = details.vendor;
    this.status = details.status;
    this.vendorMessage = details.vendorMessage;
    this.method = details.method;
    this.path = details.path;
  }
}

/** An input failed the connector's checks; no request was sent. */
export class InputError extends ConnectorError {
  readonly kind = 'input';
  readonly retryable = false;
  constructor(
    vendor: Vendor,
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field} ${rule}.`, { vendor });
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
  constructor(
    message: string,
    details: ErrorDetails,
    /** Seconds to wait, from `Retry-After` when the vendor sent it. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message, details);
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

export type BadResponseReason = 'html' | 'empty' | 'malformed' | 'shape';

/** A response arrived but could not be used: HTML, empty, malformed JSON, or JSON of an unexpected shape. */
export class BadResponseError extends ConnectorError {
  readonly kind = 'bad_response';
  readonly retryable = true;
  constructor(
    message: string,
    details: ErrorDetails,
    readonly reason: BadResponseReason,
  ) {
    super(message, details);
  }
}

export type NetworkReason = 'timeout' | 'refused' | 'reset' | 'dns' | 'other';

/** No response arrived: timeout, refused or reset connection, unknown host. */
export class NetworkError extends ConnectorError {
  readonly kind = 'network';
  readonly retryable = true;
  constructor(
    message: string,
    details: ErrorDetails,
    readonly reason: NetworkReason,
  ) {
    super(message, details);
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}
