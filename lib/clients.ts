// Connector clients for a Zap step: the connection's key, the base URL from the environment (real hosts by
// default; the sandbox or a test server when *_BASE_URL is set), and z.request as the transport.

import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  DEFAULT_TIMEOUT_MS,
  InputError,
  SmarteClient,
  SmartLeadClient,
  SmashsendClient,
  checkBaseUrl,
  type Vendor,
} from '@keyring/connector';
import { toZapierError } from './errors';
import { zRequestTransport } from './transport';

/** The connection's fields (authentication.ts). */
export interface AuthData {
  smashsend_api_key?: string;
  smashsend_workspace_id?: string;
  smartlead_api_key?: string;
  smarte_api_key?: string;
}

export const AUTH_FIELD: Record<Vendor, keyof AuthData> = {
  SMASHSEND: 'smashsend_api_key',
  SmartLead: 'smartlead_api_key',
  SMARTe: 'smarte_api_key',
};

export const BASE_URL_ENV: Record<Vendor, string> = {
  SMASHSEND: 'SMASHSEND_BASE_URL',
  SmartLead: 'SMARTLEAD_BASE_URL',
  SMARTe: 'SMARTE_BASE_URL',
};

/**
 * Refuses a bad *_BASE_URL when the app loads (https anywhere, plain http only on loopback, no query, fragment or
 * credentials): a mistaken setting must stop the app at start, before any step could send a key in clear over the
 * network. The clients check again when they are built (the environment can change after load).
 */
export function checkBaseUrlSettings(env: NodeJS.ProcessEnv = process.env): void {
  for (const [vendor, name] of Object.entries(BASE_URL_ENV) as Array<[Vendor, string]>) {
    const value = env[name]?.trim();
    if (!value) continue;
    try {
      checkBaseUrl(vendor, value);
    } catch (error) {
      // The value itself is not echoed: it may hold credentials.
      const rule = error instanceof InputError ? error.rule : 'must be a usable base URL';
      throw new Error(`${name} ${rule}: fix or unset it (API keys must never cross the network in clear).`);
    }
  }
}

checkBaseUrlSettings();

/** Test-only override of the per-request timeout (ms); bounded so that no setting can leave a step unbounded. */
export const TIMEOUT_ENV = 'KEYRING_TIMEOUT_MS';
export const MIN_TIMEOUT_MS = 100;
/** Never longer than the connector's default: 10 s keeps every request well inside Zapier's 30 s step limit. */
export const MAX_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

/** What a step may spend: Zapier kills a step at 30 s; 5 s are kept for start-up, core's own work and the answer's trip back. */
export const STEP_BUDGET_ENV = 'KEYRING_STEP_BUDGET_MS';
export const DEFAULT_STEP_BUDGET_MS = 25_000;
export const MIN_STEP_BUDGET_MS = 1_000;

function boundedSetting(value: string | undefined, fallback: number, min: number, max: number): number {
  const number = Number(value?.trim() || Number.NaN);
  if (!Number.isFinite(number)) return fallback;
  return Math.min(max, Math.max(min, Math.round(number)));
}

/** The per-request timeout: KEYRING_TIMEOUT_MS (tests use a few hundred ms), bounded to 100 ms–10 s; 10 s by default. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return boundedSetting(env[TIMEOUT_ENV], DEFAULT_TIMEOUT_MS, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
}

/** The step's time budget: KEYRING_STEP_BUDGET_MS (for tests), bounded to 1–25 s; 25 s by default. */
export function stepBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  return boundedSetting(env[STEP_BUDGET_ENV], DEFAULT_STEP_BUDGET_MS, MIN_STEP_BUDGET_MS, DEFAULT_STEP_BUDGET_MS);
}

/** A step's clock, started when its perform starts. */
export interface StepClock {
  startedAt: number;
  /** Epoch ms by which the step's vendor work must be over. */
  endsAt: number;
  /** The per-request timeout of this step's clients. */
  timeoutMs: number;
  /**
   * The last moment a page request may start so that it (one timeout at most) and `requestsAfter` more requests
   * still end by `endsAt`. Paging that reaches it stops with a clear error instead of being killed by Zapier.
   */
  pagingDeadline(requestsAfter?: number): number;
  /** Milliseconds left until `endsAt` (may be negative). */
  remainingMs(): number;
}

export function startStepClock(now: () => number = Date.now): StepClock {
  const startedAt = now();
  const endsAt = startedAt + stepBudgetMs();
  const timeoutMs = requestTimeoutMs();
  return {
    startedAt,
    endsAt,
    timeoutMs,
    pagingDeadline: (requestsAfter = 0) => endsAt - (requestsAfter + 1) * timeoutMs,
    remainingMs: () => endsAt - now(),
  };
}

export function authDataOf(bundle: Bundle): AuthData {
  return bundle.authData as AuthData;
}

/** The connection's key for a vendor, or undefined when the connection has none. */
export function vendorKey(bundle: Bundle, vendor: Vendor): string | undefined {
  const value = authDataOf(bundle)[AUTH_FIELD[vendor]];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function requireKey(z: ZObject, bundle: Bundle, vendor: Vendor): string {
  const key = vendorKey(bundle, vendor);
  if (key === undefined) {
    throw new z.errors.Error(`This step needs a ${vendor} API key: reconnect and add it.`, 'missing_key');
  }
  return key;
}

function optionsFor(z: ZObject, vendor: Vendor) {
  const baseUrl = process.env[BASE_URL_ENV[vendor]]?.trim();
  return { transport: zRequestTransport(z, vendor), timeoutMs: requestTimeoutMs(), ...(baseUrl ? { baseUrl } : {}) };
}

/** Builds a client; a bad *_BASE_URL setting surfaces as a Zapier error, not a crash. */
function build<T>(z: ZObject, make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw toZapierError(z, error);
  }
}

export function smartleadClient(z: ZObject, bundle: Bundle): SmartLeadClient {
  const key = requireKey(z, bundle, 'SmartLead');
  return build(z, () => new SmartLeadClient(key, optionsFor(z, 'SmartLead')));
}

/**
 * Workspace ids discovered from keys (by a hash of the key), kept for the life of the process: a warm Lambda
 * container then skips the discovery call on every later step with the same connection. A key belongs to one
 * workspace for good, so an entry never goes stale; the map is bounded all the same.
 */
const discoveredWorkspaces = new Map<string, string>();
const MAX_REMEMBERED_WORKSPACES = 500;

function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

export function smashsendClient(z: ZObject, bundle: Bundle): SmashsendClient {
  const key = requireKey(z, bundle, 'SMASHSEND');
  const hash = keyHash(key);
  const workspaceId = authDataOf(bundle).smashsend_workspace_id?.trim() || discoveredWorkspaces.get(hash);
  const onWorkspaceDiscovered = (id: string) => {
    if (discoveredWorkspaces.size >= MAX_REMEMBERED_WORKSPACES)
      discoveredWorkspaces.delete(discoveredWorkspaces.keys().next().value as string);
    discoveredWorkspaces.set(hash, id);
  };
  return build(z, () => new SmashsendClient(key, { ...optionsFor(z, 'SMASHSEND'), workspaceId, onWorkspaceDiscovered }));
}

export function smarteClient(z: ZObject, bundle: Bundle): SmarteClient {
  const key = requireKey(z, bundle, 'SMARTe');
  return build(z, () => new SmarteClient(key, optionsFor(z, 'SMARTe')));
}
