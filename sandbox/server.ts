// Starts the vendor sandbox: one fastify server on 127.0.0.1 that plays SMASHSEND (/v1/…), SmartLead (/api/v1/…) and
// SMARTe signals (/signals/v1/…) at the root of its origin, as the vendors' own hosts do, so any client works with
// base URL = the sandbox origin; fault injection and a control API under /_sandbox.

import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { controlPlugin } from './control';
import { applyFault, type FaultSpec, type QueuedFault } from './faults';
import { SANDBOX_CREDENTIALS, type SandboxCredentials } from './seed';
import {
  SandboxState,
  VENDOR_ROOTS,
  vendorOfUrl,
  type GenerateResult,
  type RequestCounts,
  type SmartleadCreatedAt,
  type SmashsendCreatedAt,
} from './state';
import { VENDORS, type Vendor } from './types';
import { smarteErrorBody, smartePlugin } from './vendors/smarte';
import { smartleadErrorBody, smartleadPlugin } from './vendors/smartlead';
import { smashsendErrorBody, smashsendPlugin, type SmashsendGenerateOptions } from './vendors/smashsend';

export type { FaultSpec, FaultBehaviour } from './faults';
export type { Vendor } from './types';

export interface StartSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Vendor rate limits (SmartLead 10 / 2 s, SMASHSEND 60 / min per key); default true. */
  rateLimits?: boolean;
  /** fastify's request logging to stdout; default false. */
  logger?: boolean;
}

export interface SandboxHandle {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Each vendor's base URL: the origin for all three (their paths do not collide). */
  baseUrls: Record<Vendor, string>;
  credentials: SandboxCredentials;
  /** Queues a fault for the next `count` (default 1) matching requests. */
  injectFault(spec: FaultSpec): QueuedFault;
  /** Removes queued faults; returns how many there were. */
  clearFaults(): number;
  pendingFaults(): QueuedFault[];
  /** Re-seeds all vendors; clears faults, counters and rate-limit windows. */
  reset(): void;
  requestCounts(): RequestCounts;
  resetRequestCounts(): void;
  /**
   * Adds "Generated Key NNNNN" keys: each its own minute from 2023-01-01 by default; all at `createdAt` (a burst in
   * one millisecond); or from `from`, `stepMs` apart, `burst` keys per instant. Throws a RangeError for bad options.
   */
  generateSmashsendKeys(count: number, opts?: SmashsendGenerateOptions): GenerateResult;
  generateSmarteKeys(count: number): GenerateResult;
  /** Sets a SMASHSEND key's creation time (to test ages); a never-updated key's updatedAt follows. Throws for an unknown id or a bad date. */
  setSmashsendKeyCreatedAt(apiKeyId: string, createdAt: string): SmashsendCreatedAt;
  /** Sets a SmartLead client key's `created_at`. Throws for an unknown id or a bad date. */
  setSmartleadKeyCreatedAt(id: number, createdAt: string): SmartleadCreatedAt;
  /** Archives (or re-activates) a SMASHSEND key, as its dashboard would (updatedAt now). Throws for an unknown id. */
  setSmashsendKeyStatus(apiKeyId: string, status: 'ACTIVE' | 'ARCHIVED'): { id: string; status: string; updatedAt: string };
  /** Deactivates (or re-activates) a SmartLead client key. Throws for an unknown id. */
  setSmartleadKeyStatus(id: number, status: 'active' | 'inactive'): { id: number; status: string };
  setRateLimits(enabled: boolean): void;
  /** Stops the server, destroying open connections (hanging requests included). Safe to call twice. */
  close(): Promise<void>;
}

/** A control change's result, or an Error naming the key the sandbox does not have. */
function found<T>(result: T | undefined, what: string): T {
  if (result === undefined) throw new Error(`The sandbox has no ${what}`);
  return result;
}

const ERROR_BODIES: Record<Vendor, (status: number) => unknown> = {
  smartlead: (status) => smartleadErrorBody(status),
  smashsend: (status) => smashsendErrorBody(status),
  smarte: (status) => smarteErrorBody(status),
};

/**
 * The message a vendor's error body carries for a status when nothing more specific is said (a `status` fault without
 * a `body`): tests read the vendor's words from here rather than restating them.
 */
export function defaultErrorMessage(vendor: Vendor, status: number): string {
  switch (vendor) {
    case 'smartlead':
      return smartleadErrorBody(status).message;
    case 'smashsend':
      return smashsendErrorBody(status).message;
    case 'smarte':
      return smarteErrorBody(status).error.message;
  }
}

/** Builds the fastify app (not listening). */
function buildSandboxApp(
  state: SandboxState,
  info: () => { url: string; baseUrls: Record<Vendor, string>; credentials: SandboxCredentials },
  logger = false,
): FastifyInstance {
  const app = Fastify({
    logger,
    // close() must not wait for requests a `hang` fault holds open.
    forceCloseConnections: true,
    // SmartLead documents `GET /api/v1/client/`; accept it with or without the slash, as Express would.
    routerOptions: { ignoreTrailingSlash: true },
    // Bodies are checked strictly ("301" is not a clientId); query and path values are declared as strings.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });

  // JSON bodies: an empty body with a JSON content type reads as "no body" instead of a 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      done(Object.assign(new Error(`Body is not valid JSON: ${reason}`), { statusCode: 400 }), undefined);
    }
  });

  // Count every vendor request, then play a queued fault if one matches (before auth and rate limits).
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const vendor = vendorOfUrl(request.url);
    if (!vendor) return undefined;
    const route = request.routeOptions.url ?? `${VENDOR_ROOTS[vendor]} (no route)`;
    state.counts.record(vendor, `${request.method} ${route}`);
    const fault = state.faults.take(vendor, request.method, request.url);
    if (!fault) return undefined;
    const outcome = await applyFault(fault, request, reply, ERROR_BODIES[vendor]);
    return outcome === 'handled' ? reply : undefined;
  });

  app.register(smartleadPlugin, { prefix: VENDOR_ROOTS.smartlead, store: state.smartlead, rateLimits: state.rateLimits });
  app.register(smashsendPlugin, { prefix: VENDOR_ROOTS.smashsend, store: state.smashsend, rateLimits: state.rateLimits });
  app.register(smartePlugin, { prefix: VENDOR_ROOTS.smarte, store: state.smarte });
  app.register(controlPlugin, { prefix: '/_sandbox', state, info });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No sandbox route ${request.method} ${request.url}; the vendors answer under /v1 (SMASHSEND), /api/v1 (SmartLead), /signals/v1 (SMARTe)`,
    }),
  );

  return app;
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<SandboxHandle> {
  const state = new SandboxState(opts.rateLimits ?? true);
  let origin = '';
  const baseUrls = (): Record<Vendor, string> => Object.fromEntries(VENDORS.map((vendor) => [vendor, origin])) as Record<Vendor, string>;
  const app = buildSandboxApp(state, () => ({ url: origin, baseUrls: baseUrls(), credentials: SANDBOX_CREDENTIALS }), opts.logger ?? false);

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port,
    baseUrls: baseUrls(),
    credentials: SANDBOX_CREDENTIALS,
    injectFault: (spec) => state.faults.add(spec),
    clearFaults: () => state.faults.clear(),
    pendingFaults: () => state.faults.list(),
    reset: () => state.reset(),
    requestCounts: () => state.counts.snapshot(),
    resetRequestCounts: () => state.counts.clear(),
    generateSmashsendKeys: (count, generateOpts) => state.generateSmashsendKeys(count, generateOpts),
    generateSmarteKeys: (count) => state.generateSmarteKeys(count),
    setSmashsendKeyCreatedAt: (apiKeyId, createdAt) =>
      found(state.setSmashsendCreatedAt(apiKeyId, createdAt), `SMASHSEND API key ${apiKeyId}`),
    setSmartleadKeyCreatedAt: (id, createdAt) => found(state.setSmartleadCreatedAt(id, createdAt), `SmartLead client API key ${id}`),
    setSmashsendKeyStatus: (apiKeyId, status) => found(state.setSmashsendStatus(apiKeyId, status), `SMASHSEND API key ${apiKeyId}`),
    setSmartleadKeyStatus: (id, status) => found(state.setSmartleadStatus(id, status), `SmartLead client API key ${id}`),
    setRateLimits: (enabled) => {
      state.rateLimits.enabled = enabled;
      state.rateLimits.clear();
    },
    close: () => {
      closing ??= app.close();
      return closing;
    },
  };
}
