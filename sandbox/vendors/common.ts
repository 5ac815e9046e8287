// Helpers the three vendor plugins share: turning fastify's own errors into a status and message, and reading
// raw query/header values without trusting their type.

import { STATUS_CODES } from 'node:http';
import type { FastifyRequest } from 'fastify';

/** The status and message a vendor should answer for an error fastify raised (schema validation, bad JSON, …). */
export function describeFastifyError(error: unknown): { status: number; message: string } {
  if (!(error instanceof Error)) return { status: 500, message: 'Internal server error' };
  // fastify's errors carry `validation` (schema failures) and `statusCode` (bad JSON, body too large, …).
  const { validation, statusCode } = error as Error & { validation?: unknown; statusCode?: unknown };
  if (validation) return { status: 400, message: error.message };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, message: error.message };
  }
  return { status: 500, message: 'Internal server error' };
}

/** The standard reason phrase, e.g. 404 → "Not Found". */
export const reasonPhrase = (status: number): string => STATUS_CODES[status] ?? 'Error';

/** A query-string parameter when it was given exactly once. */
export function singleQueryValue(request: FastifyRequest, name: string): string | undefined {
  const query: unknown = request.query;
  if (typeof query !== 'object' || query === null) return undefined;
  const value: unknown = (query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A request header when it was given exactly once. */
export function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** The request's path without the query string, for "Cannot GET …" messages. */
export function requestPath(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}
