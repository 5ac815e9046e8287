// Connector clients for a Zap step: the connection's fields and keys, the base URL from the environment (real hosts
// by default; the sandbox or a test server when *_BASE_URL is set), z.request as the transport, and the workspace ids
// and the connection key's id discovered from SMASHSEND keys. A client that cannot be built (a bad *_BASE_URL) throws the connector's InputError:
// every step builds its clients inside withVendorErrors, which turns it into a Zapier error.

import { createHash } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { SmarteClient, SmartLeadClient, SmashsendClient, type Vendor } from '@keyring/connector';
import { baseUrlSetting, requestTimeoutMs } from './settings';
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

export function authDataOf(bundle: Bundle): AuthData {
  return bundle.authData as AuthData;
}

/** The connection's key for a vendor, or undefined when the connection has none. */
export function vendorKey(bundle: Bundle, vendor: Vendor): string | undefined {
  const value = authDataOf(bundle)[AUTH_FIELD[vendor]];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The vendors whose keys the connection holds, in a fixed order. */
export function connectionVendors(bundle: Bundle): Vendor[] {
  return (['SMASHSEND', 'SmartLead', 'SMARTe'] as const).filter((vendor) => vendorKey(bundle, vendor) !== undefined);
}

function requireKey(z: ZObject, bundle: Bundle, vendor: Vendor): string {
  const key = vendorKey(bundle, vendor);
  if (key === undefined) {
    throw new z.errors.Error(`This step needs a ${vendor} API key: reconnect and add it.`, 'missing_key');
  }
  return key;
}

function optionsFor(z: ZObject, vendor: Vendor) {
  const baseUrl = baseUrlSetting(vendor);
  return { transport: zRequestTransport(z, vendor), timeoutMs: requestTimeoutMs(), ...(baseUrl ? { baseUrl } : {}) };
}

export function smartleadClient(z: ZObject, bundle: Bundle): SmartLeadClient {
  const key = requireKey(z, bundle, 'SmartLead');
  return new SmartLeadClient(key, optionsFor(z, 'SmartLead'));
}

/**
 * What SMASHSEND said about each key (by a hash of the key): its workspace and its own id (GET /v1/api-keys/current),
 * kept for the life of the process: a warm Lambda container then skips those calls on every later step with the same
 * connection. A key belongs to one workspace and keeps its id for good, so an entry never goes stale; the map is
 * bounded all the same.
 */
const rememberedKeys = new Map<string, { workspaceId?: string; connectionKeyId?: string }>();
const MAX_REMEMBERED_KEYS = 500;

/** Forgets what SMASHSEND said about keys: a new Lambda container's state, for tests that count requests. */
export function forgetRememberedKeys(): void {
  rememberedKeys.clear();
}

function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('base64');
}

function remember(hash: string, fact: { workspaceId?: string; connectionKeyId?: string }): void {
  const known = rememberedKeys.get(hash);
  if (known === undefined && rememberedKeys.size >= MAX_REMEMBERED_KEYS)
    rememberedKeys.delete(rememberedKeys.keys().next().value as string);
  rememberedKeys.set(hash, { ...known, ...fact });
}

export function smashsendClient(z: ZObject, bundle: Bundle): SmashsendClient {
  const key = requireKey(z, bundle, 'SMASHSEND');
  // Hashed when first needed, once: a new container's first step with the workspace id in the connection hashes
  // nothing (there is nothing to look up yet, and a process's first digest costs ~0.4 ms).
  let hash: string | undefined;
  const hashed = () => (hash ??= keyHash(key));
  const known = rememberedKeys.size === 0 ? undefined : rememberedKeys.get(hashed());
  const workspaceId = authDataOf(bundle).smashsend_workspace_id?.trim() || known?.workspaceId;
  return new SmashsendClient(key, {
    ...optionsFor(z, 'SMASHSEND'),
    workspaceId,
    connectionKeyId: known?.connectionKeyId,
    onWorkspaceDiscovered: (id) => remember(hashed(), { workspaceId: id }),
    onConnectionKeyDiscovered: (id) => remember(hashed(), { connectionKeyId: id }),
  });
}

export function smarteClient(z: ZObject, bundle: Bundle): SmarteClient {
  const key = requireKey(z, bundle, 'SMARTe');
  return new SmarteClient(key, optionsFor(z, 'SMARTe'));
}
