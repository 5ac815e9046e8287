// Connector clients for a Zap step: the connection's fields and keys, the base URL from the environment (real hosts
// by default; the sandbox or a test server when *_BASE_URL is set), z.request as the transport, and the workspace ids
// discovered from SMASHSEND keys. A client that cannot be built (a bad *_BASE_URL) throws the connector's InputError:
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
  return new SmashsendClient(key, { ...optionsFor(z, 'SMASHSEND'), workspaceId, onWorkspaceDiscovered });
}

export function smarteClient(z: ZObject, bundle: Bundle): SmarteClient {
  const key = requireKey(z, bundle, 'SMARTe');
  return new SmarteClient(key, optionsFor(z, 'SMARTe'));
}
