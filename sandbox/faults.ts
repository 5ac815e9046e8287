// Fault injection: a FIFO queue of misbehaviours, each aimed at the next N requests to one vendor (optionally only
// a path substring and a method), applied before the vendor's own auth, rate limit and handler run.

import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VENDORS, type Vendor } from './types';

/** Which requests a fault hits. */
interface FaultTarget {
  vendor: Vendor;
  /** Substring of the request URL, query string included (e.g. `/api-keys/check`, `startAt=`). */
  path?: string;
  /** HTTP method, case-insensitive. */
  method?: string;
  /** How many matching requests the fault hits (default 1). */
  count?: number;
}

/** What the hit requests get instead of the vendor's answer. */
export type FaultBehaviour =
  /** This status; `body` (JSON value, or a string sent as-is) defaults to the vendor's error body for the status. */
  | { kind: 'status'; status: number; body?: unknown; retryAfter?: number; headers?: Record<string, string> }
  /** An HTML error page, as a proxy or load balancer would send (default 502). */
  | { kind: 'html'; status?: number; html?: string }
  /** No body at all, with `content-type: application/json` (default 200). */
  | { kind: 'empty'; status?: number }
  /** 200 with JSON cut off mid-way (default `{"ok":true,"data":[{"id":1,"na`). */
  | { kind: 'malformed'; body?: string }
  /** 200 with valid JSON of the wrong shape (default `{"unexpected":true}`). */
  | { kind: 'wrongShape'; body?: unknown }
  /** Wait `delayMs` then answer normally; with `hang: true` never answer (until the client or `close()` ends the socket). */
  | { kind: 'delay'; delayMs?: number; hang?: boolean }
  /** Reset the connection without answering. */
  | { kind: 'drop' };

type FaultKind = FaultBehaviour['kind'];
export type FaultSpec = FaultTarget & FaultBehaviour;

export interface QueuedFault {
  id: number;
  /** Matching requests still to hit. */
  remaining: number;
  spec: FaultSpec;
}

const FAULT_KINDS: readonly FaultKind[] = ['status', 'html', 'empty', 'malformed', 'wrongShape', 'delay', 'drop'];

const DEFAULT_MALFORMED_BODY = '{"ok":true,"data":[{"id":1,"na';
export const DEFAULT_WRONG_SHAPE_BODY = { unexpected: true };

/** JSON schema of a fault for `POST /_sandbox/faults` (unknown fields are refused so typos do not pass silently). */
export const faultSpecSchema = {
  type: 'object',
  required: ['vendor', 'kind'],
  additionalProperties: false,
  properties: {
    vendor: { type: 'string', enum: [...VENDORS] },
    path: { type: 'string' },
    method: { type: 'string', minLength: 1 },
    count: { type: 'integer', minimum: 1 },
    kind: { type: 'string', enum: [...FAULT_KINDS] },
    status: { type: 'integer', minimum: 200, maximum: 599 },
    body: {},
    retryAfter: { type: 'integer', minimum: 0 },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    html: { type: 'string' },
    delayMs: { type: 'integer', minimum: 0 },
    hang: { type: 'boolean' },
  },
  allOf: [
    { if: { properties: { kind: { const: 'status' } } }, then: { required: ['status'] } },
    {
      if: { properties: { kind: { const: 'delay' } }, not: { properties: { hang: { const: true } }, required: ['hang'] } },
      then: { required: ['delayMs'] },
    },
  ],
} as const;

/** Throws a RangeError for a spec the queue cannot honour (the HTTP route checks the same through its schema). */
function checkSpec(spec: FaultSpec): void {
  if (!VENDORS.includes(spec.vendor)) throw new RangeError(`unknown vendor ${String(spec.vendor)}`);
  if (!FAULT_KINDS.includes(spec.kind)) throw new RangeError(`unknown fault kind ${String(spec.kind)}`);
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) {
    throw new RangeError('count must be an integer >= 1');
  }
  const status = 'status' in spec ? spec.status : undefined;
  if (status !== undefined && (!Number.isInteger(status) || status < 200 || status > 599)) {
    throw new RangeError('status must be an integer from 200 to 599');
  }
  if (spec.kind === 'delay' && spec.hang !== true && (spec.delayMs === undefined || spec.delayMs < 0)) {
    throw new RangeError('a delay fault needs delayMs >= 0 (or hang: true)');
  }
}

export class FaultQueue {
  private queue: QueuedFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): QueuedFault {
    checkSpec(spec);
    const fault: QueuedFault = { id: this.nextId++, remaining: spec.count ?? 1, spec: { ...spec } };
    this.queue.push(fault);
    return { ...fault };
  }

  /** Consumes one hit of the first queued fault matching this request, if any. */
  take(vendor: Vendor, method: string, url: string): FaultSpec | undefined {
    const fault = this.queue.find(
      (f) =>
        f.spec.vendor === vendor &&
        (f.spec.method === undefined || f.spec.method.toUpperCase() === method.toUpperCase()) &&
        (f.spec.path === undefined || url.includes(f.spec.path)),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.queue = this.queue.filter((f) => f !== fault);
    return fault.spec;
  }

  list(): QueuedFault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  /** Removes every queued fault and says how many there were. */
  clear(): number {
    const n = this.queue.length;
    this.queue = [];
    return n;
  }
}

/** Resolves true after `ms`, or false as soon as the socket closes (so no timer outlives the connection). */
function sleepWhileOpen(ms: number, socket: Socket): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      socket.off('close', onClose);
      resolve(true);
    }, ms);
    socket.once('close', onClose);
  });
}

const htmlPage = (status: number): string =>
  `<!DOCTYPE html>\n<html>\n<head><title>${status} Error</title></head>\n<body>\n<center><h1>${status} Error</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n`;

const asPayload = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body));

/**
 * Plays a fault on a request from an onRequest hook. Returns 'continue' when the request should then be handled
 * normally (a finished delay), 'handled' when the fault answered (or deliberately never will).
 */
export async function applyFault(
  fault: FaultBehaviour,
  request: FastifyRequest,
  reply: FastifyReply,
  vendorErrorBody: (status: number) => unknown,
): Promise<'continue' | 'handled'> {
  const json = 'application/json; charset=utf-8';
  switch (fault.kind) {
    case 'status': {
      if (fault.headers) reply.headers(fault.headers);
      if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
      const body = fault.body === undefined ? vendorErrorBody(fault.status) : fault.body;
      const isText = typeof body === 'string';
      if (!reply.hasHeader('content-type')) reply.type(isText ? 'text/plain; charset=utf-8' : json);
      reply.code(fault.status).send(asPayload(body));
      return 'handled';
    }
    case 'html': {
      const status = fault.status ?? 502;
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(fault.html ?? htmlPage(status));
      return 'handled';
    }
    case 'empty':
      reply
        .code(fault.status ?? 200)
        .type(json)
        .send('');
      return 'handled';
    case 'malformed':
      reply
        .code(200)
        .type(json)
        .send(fault.body ?? DEFAULT_MALFORMED_BODY);
      return 'handled';
    case 'wrongShape':
      reply
        .code(200)
        .type(json)
        .send(asPayload(fault.body ?? DEFAULT_WRONG_SHAPE_BODY));
      return 'handled';
    case 'delay': {
      const socket = request.raw.socket;
      if (fault.hang === true) {
        // Never answer: the socket stays open until the client gives up or close() destroys every connection.
        reply.hijack();
        return 'handled';
      }
      const stillOpen = await sleepWhileOpen(fault.delayMs ?? 0, socket);
      if (stillOpen) return 'continue';
      reply.hijack();
      return 'handled';
    }
    case 'drop':
      reply.hijack();
      request.raw.socket.resetAndDestroy();
      return 'handled';
  }
}
