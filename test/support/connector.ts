// The connector's tests (no Zapier): fake keys, a recording fake transport, a nock recorder for the real
// fetch transport, and a reader for the errors the connector throws.

import nock from 'nock';
import { ConnectorError, type Transport, type TransportRequest, type TransportResponse } from '@keyring/connector';

/** Fake keys, distinctive enough that a leak is easy to find in any message. */
export const SMARTLEAD_KEY = 'sl_test_secret_0123456789abcdef';
export const SMASHSEND_KEY = 'sk_test_secret_0123456789abcdef';
export const SMARTE_KEY = 'WG+test/secret_0123456789abcdef=';

/** A TransportResponse carrying `body` as JSON (or as the given text). */
export function answer(status: number, body?: unknown, headers: Record<string, string> = {}): TransportResponse {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers, body: text };
}

export interface FakeTransport {
  transport: Transport;
  /** Every request the connector handed to the transport, in order. */
  requests: TransportRequest[];
}

/**
 * A transport that records what the connector hands it and answers from the given list, in order
 * (an Error in the list is thrown, as a real transport rejects when no response arrived).
 * A call beyond the list answers 599 so the test fails loudly on the extra request.
 */
export function fakeTransport(...answers: Array<TransportResponse | Error>): FakeTransport {
  const requests: TransportRequest[] = [];
  const queue = [...answers];
  const transport: Transport = async (request) => {
    requests.push(request);
    const next = queue.shift();
    if (next === undefined) return answer(599, { message: `unexpected request ${request.method} ${request.url}` });
    // Not `instanceof Error`: a DOMException (as AbortSignal.timeout gives) comes from another realm under jest.
    if (isResponse(next)) return next;
    throw next;
  };
  return { transport, requests };
}

function isResponse(value: TransportResponse | Error): value is TransportResponse {
  return typeof (value as Partial<TransportResponse>).status === 'number' && typeof (value as Partial<TransportResponse>).body === 'string';
}

/** A transport for input checks: any call is recorded, so the test can assert that none happened. */
export function forbiddenTransport(): FakeTransport {
  return fakeTransport();
}

/** What a vendor received over the wire (through the default fetch transport, intercepted by nock). */
export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Intercepts one request to `origin` + `path` (any query) with nock, answers `reply`, and records what arrived.
 * The query is checked by the test through the recorded request, so a wrong query fails with a readable diff.
 */
export function vendorAnswers(origin: string, method: string, path: string, reply: Reply, seen: SeenRequest[] = []): SeenRequest[] {
  nock(origin)
    .intercept(path, method)
    .query(true)
    .reply(function (uri, requestBody) {
      const url = new URL(uri, origin);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(this.req.headers)) headers[name.toLowerCase()] = String(value);
      seen.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams.entries()),
        headers,
        body: requestBody === '' ? undefined : typeof requestBody === 'string' ? JSON.parse(requestBody) : requestBody,
      });
      const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const contentType = typeof reply.body === 'string' || reply.body === undefined ? {} : { 'content-type': 'application/json' };
      return [reply.status, body, { ...contentType, ...reply.headers }];
    });
  return seen;
}

/** Awaits a promise that must reject, and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Awaits a promise that must reject with a ConnectorError of the given class, and returns it typed. */
export async function failure<E extends ConnectorError>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await rejectionOf(promise);
  if (!(error instanceof type)) {
    throw new Error(`expected a ${type.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toBeInstanceOf(Error);
  return error;
}

/** The fields every ConnectorError carries, for one toEqual. */
export function describeError(error: ConnectorError) {
  return { kind: error.kind, vendor: error.vendor, status: error.status, method: error.method, path: error.path };
}

/** Collects an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
