// Leaked-key response, written once for every caller (the Zapier steps, the `keyring identify` and `keyring revoke`
// commands): tell which key a secret is, across the configured vendors, and make that key harmless — replacing it
// where the vendor allows. Detectors (secret scanning, webhooks) hand over the secret itself, never a key id.
//
// The secret is compared in constant time and leaves this module only where it must: SMASHSEND is the one vendor that
// has to be shown the secret (GET /v1/api-keys/current with it as the Bearer token), so a secret is shown to SMASHSEND
// only when its shape says it is one of SMASHSEND's, or once SmartLead and SMARTe (whose lists carry key values,
// compared here) do not know it. Facts only: the caller words them.

import { secretMatcher } from './connectionKey';
import { ConnectorError, ValidationError, describeFailure, type Vendor } from './errors';
import { keyHint } from './mask';
import { SMASHSEND_ROLES, type SmashsendClient, type SmashsendNewApiKey, type SmashsendRole } from './smashsend';
import type { SmartLeadClient } from './smartlead';
import type { SmarteClient, SmarteKey } from './smarte';

/** The vendors in the one fixed order every listing uses. */
const VENDOR_ORDER: readonly Vendor[] = ['SMASHSEND', 'SmartLead', 'SMARTe'];

/** The clients of the vendors a secret may belong to; a vendor without a client is not asked. */
export interface LeakClients {
  smashsend?: SmashsendClient;
  smartlead?: SmartLeadClient;
  smarte?: SmarteClient;
}

/** The key a secret belongs to, as every caller shows it (the names are the Zapier outputs'). */
export interface IdentifiedKey {
  vendor: Vendor;
  /** SMASHSEND `aki_…`, SmartLead's number (as text), SMARTe's keyId; `account` for the SmartLead account key. */
  key_id: string;
  /** SMASHSEND's display name, SmartLead's key name, SMARTe's user email. */
  name: string;
  status: string | null;
  /** ISO 8601 UTC with milliseconds; null when the vendor gives no date. */
  created_at: string | null;
  /** The secret's hint (`********` and its last 4 characters): never the secret. */
  key_hint: string;
  /** It still works: SMASHSEND answered with it; SmartLead `active`; SMARTe `active`. */
  live: boolean;
  /** It is the key the caller's own client authenticates with (the Zapier connection's, or `keyring`'s). */
  connection_key: boolean;
  /** This caller can make it harmless (delete, reset or suspend it). */
  revocable: boolean;
  /** Why not, when not revocable; null otherwise. */
  reason: string | null;
  /** SMASHSEND: the key's role (its twin gets it) and workspace. */
  role?: string | null;
  workspace_id?: string;
  /** SmartLead: the client the key belongs to. */
  client_id?: number | string | null;
}

export interface IdentifyOptions {
  /** Only these vendors (default: every vendor with a client), asked in the order the secret's shape suggests. */
  vendors?: readonly Vendor[];
}

/** `sk_live_…` / `sk_test_…` is SMASHSEND's; base64 with `+`, `/` or `=` looks like SMARTe's; anything else SmartLead's. */
function suggestedVendor(secret: string): Vendor {
  if (/^sk_(live|test)_/.test(secret)) return 'SMASHSEND';
  if (/[+/=]/.test(secret)) return 'SMARTe';
  return 'SmartLead';
}

/**
 * The order to ask vendors in: the one the shape suggests first (but never it alone), then the others in the fixed
 * order — except that SMASHSEND, which has to be shown the secret, comes last unless the shape suggests it.
 */
function lookupOrder(secret: string, vendors: readonly Vendor[]): Vendor[] {
  const first = suggestedVendor(secret);
  const rest = VENDOR_ORDER.filter((vendor) => vendor !== first && vendor !== 'SMASHSEND');
  const order = [first, ...rest, ...(first === 'SMASHSEND' ? [] : ['SMASHSEND' as const])];
  return order.filter((vendor) => vendors.includes(vendor));
}

function isoOrNull(value: string | null | undefined): string | null {
  const time = typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function hintOf(vendor: Vendor, secret: string): string {
  // The whole secret is at hand here: always the mask, never SMASHSEND's longer prefix hint.
  return String(keyHint(vendor === 'SMASHSEND' ? 'SmartLead' : vendor, secret));
}

/**
 * Which configured vendor knows `secret`, and the key it is; null when none does (or it is a dead SMASHSEND key,
 * which SMASHSEND no longer answers for). Vendor faults are thrown (a report must not say "unknown" when a vendor
 * could not be asked).
 */
export async function identifySecret(clients: LeakClients, leaked: string, options: IdentifyOptions = {}): Promise<IdentifiedKey | null> {
  // As a client takes a key: without surrounding whitespace (a pasted secret often ends in a newline), so that every
  // comparison — the vendors' values, the client's own key — is made with what SMASHSEND is shown.
  const secret = leaked.trim();
  const configured = VENDOR_ORDER.filter((vendor) => clientOf(clients, vendor) !== undefined);
  const wanted = options.vendors ? configured.filter((vendor) => options.vendors?.includes(vendor)) : configured;
  for (const vendor of lookupOrder(secret, wanted)) {
    const found = await identifyAt(clients, vendor, secret);
    if (found !== null) return found;
  }
  return null;
}

function clientOf(clients: LeakClients, vendor: Vendor): SmashsendClient | SmartLeadClient | SmarteClient | undefined {
  return vendor === 'SMASHSEND' ? clients.smashsend : vendor === 'SmartLead' ? clients.smartlead : clients.smarte;
}

function identifyAt(clients: LeakClients, vendor: Vendor, secret: string): Promise<IdentifiedKey | null> {
  switch (vendor) {
    case 'SMASHSEND':
      return clients.smashsend ? identifySmashsend(clients.smashsend, secret) : Promise.resolve(null);
    case 'SmartLead':
      return clients.smartlead ? identifySmartlead(clients.smartlead, secret) : Promise.resolve(null);
    case 'SMARTe':
      return clients.smarte ? identifySmarte(clients.smarte, secret) : Promise.resolve(null);
  }
}

/** GET /v1/api-keys/current with the secret itself: SMASHSEND names the key (401: not, or no longer, a SMASHSEND key). */
async function identifySmashsend(client: SmashsendClient, secret: string): Promise<IdentifiedKey | null> {
  const leaked = client.withApiKey(secret);
  let current;
  try {
    current = await leaked.lookupCurrentApiKey();
  } catch (error) {
    // 401 (or the 403 a dead key may get): not, or no longer, a live SMASHSEND key. Any other failure — a 404, a 400, an
    // answer that cannot be read — means SMASHSEND could not be asked, which must never pass for "no vendor knows it".
    if (error instanceof ConnectorError && (error.kind === 'auth' || error.kind === 'forbidden')) return null;
    throw error;
  }
  const ownWorkspace = await client.workspaceId();
  const revocable = current.workspaceId === ownWorkspace;
  return {
    vendor: 'SMASHSEND',
    key_id: current.id,
    name: current.displayName ?? '',
    status: current.status ?? null,
    created_at: isoOrNull(current.createdAt),
    key_hint: hintOf('SMASHSEND', secret),
    live: true,
    connection_key: client.isOwnSecret(secret),
    revocable,
    reason: revocable
      ? null
      : `it belongs to SMASHSEND workspace ${current.workspaceId}, not to this connection's workspace ${ownWorkspace}: only that workspace can delete it`,
    role: current.role ?? null,
    workspace_id: current.workspaceId,
  };
}

/** SmartLead's client-key list carries each key's value; the account key (the connection's) is not among them. */
async function identifySmartlead(client: SmartLeadClient, secret: string): Promise<IdentifiedKey | null> {
  if (client.isOwnSecret(secret)) {
    return {
      vendor: 'SmartLead',
      key_id: 'account',
      name: 'SmartLead account API key',
      status: null,
      created_at: null,
      key_hint: hintOf('SmartLead', secret),
      live: true,
      connection_key: true,
      revocable: false,
      reason: "it is the SmartLead account key, which SmartLead's API cannot reset: regenerate it in SmartLead's settings, then reconnect",
    };
  }
  const keys = await client.listClientApiKeys();
  // Every value is compared (no early exit), each in constant time.
  const isLeaked = secretMatcher(secret);
  let match: (typeof keys)[number] | undefined;
  for (const key of keys) if (typeof key.api_key === 'string' && isLeaked(key.api_key) && match === undefined) match = key;
  if (match === undefined) return null;
  const live = (match.status ?? 'active').toLowerCase() === 'active';
  return {
    vendor: 'SmartLead',
    key_id: String(match.id),
    name: match.key_name,
    status: match.status ?? null,
    created_at: isoOrNull(match.created_at),
    key_hint: hintOf('SmartLead', secret),
    live,
    connection_key: false,
    revocable: true,
    reason: null,
    client_id: match.client_id ?? null,
  };
}

/**
 * The SMARTe record each key identified here was read from, so that revoking it does not view it again (the suspension's
 * own check reads the same record). A key built elsewhere has none: its suspension views it first.
 */
const smarteRecords = new WeakMap<IdentifiedKey, SmarteKey>();

/** The SMARTe record `key` was identified from, while the key still names it (a caller may have changed the object). */
function viewedRecord(key: IdentifiedKey): SmarteKey | undefined {
  const record = smarteRecords.get(key);
  return record !== undefined && record.email === key.name && record.keyId === key.key_id ? record : undefined;
}

/** SMARTe's key view carries each key's value. */
async function identifySmarte(client: SmarteClient, secret: string): Promise<IdentifiedKey | null> {
  const keys = await client.listKeys();
  let match: (typeof keys)[number] | undefined;
  const isLeaked = secretMatcher(secret);
  for (const key of keys) if (typeof key.apiKey === 'string' && isLeaked(key.apiKey) && match === undefined) match = key;
  if (match === undefined) return null;
  const live = match.status.toLowerCase() === 'active';
  const identified: IdentifiedKey = {
    vendor: 'SMARTe',
    key_id: match.keyId,
    name: match.email,
    status: match.status,
    created_at: null, // SMARTe keys carry no dates
    key_hint: hintOf('SMARTe', secret),
    live,
    connection_key: client.isOwnSecret(secret),
    revocable: live,
    reason: live ? null : `it is ${match.status} already: it no longer works`,
  };
  smarteRecords.set(identified, match);
  return identified;
}

/** What a revocation did to the leaked key. */
export type RevokeAction = 'deleted' | 'rotated' | 'reset' | 'suspended';

/** What became of the replacement, when one was asked for. */
export type ReplacementOutcome =
  /** None was asked for (`replace: false`). */
  | 'not_asked'
  /** The vendor has no way to replace this key (SMARTe: a user has one key; suspension is all there is). */
  | 'not_possible'
  /** Created and, for SMASHSEND, checked with its own secret. */
  | 'issued'
  /** Created, but its check with its own secret failed or was refused: its secret is delivered all the same. */
  | 'unverified'
  /** Creating it failed: the leaked key is revoked all the same, with no twin. */
  | 'failed';

export interface Revocation {
  /** The leaked key, as identified before anything was written. */
  key: IdentifiedKey;
  action: RevokeAction;
  /** The leaked key no longer works (deleted, reset or suspended). */
  revoked: boolean;
  replacement: ReplacementOutcome;
  /** The replacement's id (SMASHSEND's twin; SmartLead's reset keeps the same id) and its secret, shown only this once. */
  newKeyId: string | null;
  newSecret: string | null;
  /** The failure behind a `failed` or `unverified` replacement. */
  replacementError?: Error;
  /** The leaked key was the caller's own: the caller must switch to `newSecret` (or reconnect with another key). */
  connectionKey: boolean;
}

export interface RevokeOptions {
  /** Issue a replacement where the vendor can (default true): SMASHSEND a twin of the same name and role, SmartLead a reset. */
  replace?: boolean;
  /**
   * Called, and awaited, as soon as a new secret exists (before anything else is done): the moment to store it. If it
   * throws, the revocation goes on (the leaked key must be made harmless); the result carries the secret all the same.
   */
  onSecret?: (newKeyId: string, newSecret: string) => void | Promise<void>;
}

/** The key cannot be revoked by this caller (`IdentifiedKey.revocable` false): nothing was written. */
export class NotRevocableError extends Error {
  override readonly name = 'NotRevocableError';
  constructor(readonly key: IdentifiedKey) {
    super(`${key.vendor} API key ${key.key_id} (${key.key_hint}) cannot be revoked here: ${key.reason ?? 'not revocable'}.`);
  }
}

/**
 * Makes an identified leaked key harmless, the leaked key first: SMASHSEND deletes it, then (with `replace`) creates a
 * twin of the same name and role and checks it with its own secret — except for the caller's own SMASHSEND key, whose
 * twin is created first so that the delete is the last call made with it; SmartLead resets it (a new value for the same
 * record), or deletes it without `replace`; SMARTe suspends it (no replacement exists there). A failed replacement never
 * leaves the leaked key live, and once a new secret exists it is always returned (later faults become facts).
 * Throws, having written nothing, for a key that is not revocable; a failure to revoke the leaked key is thrown too.
 */
export async function revokeLeakedKey(clients: LeakClients, key: IdentifiedKey, options: RevokeOptions = {}): Promise<Revocation> {
  if (!key.revocable) throw new NotRevocableError(key);
  const replace = options.replace ?? true;
  switch (key.vendor) {
    case 'SMASHSEND':
      return revokeSmashsend(requireClient(clients.smashsend, key), key, replace, options);
    case 'SmartLead':
      return revokeSmartlead(requireClient(clients.smartlead, key), key, replace, options);
    case 'SMARTe': {
      const client = requireClient(clients.smarte, key);
      await client.suspendKey(key.name, { allowConnectionKey: true, viewed: viewedRecord(key) });
      const base = { key, action: 'suspended' as const, revoked: true, newKeyId: null, newSecret: null, connectionKey: key.connection_key };
      return { ...base, replacement: replace ? 'not_possible' : 'not_asked' };
    }
  }
}

function requireClient<T>(client: T | undefined, key: IdentifiedKey): T {
  if (client === undefined) throw new NotRevocableError({ ...key, revocable: false, reason: `no ${key.vendor} client was given` });
  return client;
}

async function revokeSmartlead(client: SmartLeadClient, key: IdentifiedKey, replace: boolean, options: RevokeOptions): Promise<Revocation> {
  const base = { key, revoked: true, connectionKey: key.connection_key };
  if (!replace) {
    await client.deleteClientApiKey(key.key_id);
    return { ...base, action: 'deleted', replacement: 'not_asked', newKeyId: null, newSecret: null };
  }
  const reset = await client.resetClientApiKey(key.key_id);
  const result: Revocation = { ...base, action: 'reset', replacement: 'issued', newKeyId: String(reset.id), newSecret: reset.api_key };
  await deliver(options, result);
  return result;
}

/** The role the twin gets, in SMASHSEND's spelling; undefined for a role a new key cannot be given. */
function twinRole(role: string | null | undefined): SmashsendRole | undefined {
  return SMASHSEND_ROLES.find((candidate) => candidate.toLowerCase() === (role ?? '').trim().toLowerCase());
}

async function revokeSmashsend(client: SmashsendClient, key: IdentifiedKey, replace: boolean, options: RevokeOptions): Promise<Revocation> {
  const role = twinRole(key.role);
  const base = { key, connectionKey: key.connection_key };
  let twin: SmashsendNewApiKey | undefined;
  let replacementError: Error | undefined;
  const createTwin = async () => {
    if (role === undefined) {
      replacementError = new Error(
        `role "${String(key.role).slice(0, 40)}" cannot be given to a new key (only ${SMASHSEND_ROLES.join(', ')})`,
      );
      return;
    }
    try {
      twin = await client.createApiKey({ displayName: key.name, role });
    } catch (error) {
      replacementError = error instanceof Error ? error : new Error(String(error));
    }
  };
  const partial = (): Revocation => ({
    ...base,
    action: replace ? 'rotated' : 'deleted',
    revoked: false,
    replacement: !replace ? 'not_asked' : twin ? 'issued' : 'failed',
    newKeyId: twin?.id ?? null,
    newSecret: twin?.secretKey ?? null,
    ...(replacementError ? { replacementError } : {}),
  });

  // The caller's own key: the twin first (its client still works), the delete last.
  if (replace && key.connection_key) {
    await createTwin();
    if (twin) await deliver(options, partial());
  }
  try {
    // Whether it is the caller's own key is known already (the secret was compared): nothing more to ask.
    const deleted = await client.deleteApiKey(key.key_id, { allowConnectionKey: true, connectionKey: key.connection_key });
    // SMASHSEND may answer that it kept the key: then it is live, as after any failed delete.
    if (!deleted.isDeleted) {
      const path = `/v1/workspaces/${key.workspace_id ?? ''}/api-keys/${key.key_id}`;
      const details = { vendor: 'SMASHSEND' as const, status: 200, method: 'DELETE' as const, path };
      throw new ValidationError(describeFailure(details, `answered isDeleted false: API key ${key.key_id} is still live`), details);
    }
  } catch (error) {
    // The leaked key may still be live: say so, with any twin already made (its secret must not be lost).
    if (twin) throw new RevocationFailedError(partial(), error);
    throw error;
  }
  if (replace && !key.connection_key) {
    await createTwin();
    if (twin) await deliver(options, { ...partial(), revoked: true });
  }
  const result: Revocation = { ...partial(), revoked: true };
  if (twin) {
    try {
      await client.withApiKey(twin.secretKey).checkApiKey();
    } catch (error) {
      return { ...result, replacement: 'unverified', replacementError: error instanceof Error ? error : new Error(String(error)) };
    }
  }
  return result;
}

/** Hands a new secret over at once. A failing hand-over never stops the revocation: the result still carries the secret. */
async function deliver(options: RevokeOptions, revocation: Revocation): Promise<void> {
  if (revocation.newKeyId === null || revocation.newSecret === null) return;
  try {
    await options.onSecret?.(revocation.newKeyId, revocation.newSecret);
  } catch {
    // the leaked key must still be revoked; the secret is returned in the result
  }
}

/**
 * Revoking the leaked key failed after a replacement was already issued: `partial` carries the replacement (its secret
 * shown only this once), `cause` the failure. The leaked key may still be live.
 */
export class RevocationFailedError extends Error {
  override readonly name = 'RevocationFailedError';
  constructor(
    readonly partial: Revocation,
    override readonly cause: unknown,
  ) {
    super(
      `${partial.key.vendor} API key ${partial.key.key_id} (${partial.key.key_hint}) may still be live: revoking it failed after its replacement ${partial.newKeyId ?? ''} was created: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}
