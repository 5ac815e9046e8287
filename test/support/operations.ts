// The catalogue of the app's operations: each with its vendor, valid sample input for the sandbox's seed, the request
// it makes first (where faults are aimed), what a 404 there means, and, for writes, the search that checks one. The
// reliability matrices, the e2e coverage checks and the bench's inputs all read it; a test that it names every
// operation index.ts registers keeps it whole (test/reliability/faults.test.ts).

import type { SandboxHandle } from '../../sandbox/server';
import { SMARTE_SEED, SMARTLEAD_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import type { OperationKind } from './app';
import type { SandboxVendor } from './vendors';

export const WS = SMASHSEND_SEED.user.workspaceId;
export const SS_KEYS = `/v1/workspaces/${WS}/api-keys`;
export const SL_KEYS = '/api/v1/client/api-key';
export const SM_VIEW = '/signals/v1/key/view';
export const SM_CREATE = '/signals/v1/key/createsignalapikey';
export const SM_UPDATE = '/signals/v1/key/update';
/** SMASHSEND's answer about the key sent as the Bearer token: the leaked-key steps send the secret itself there. */
export const SS_CURRENT = '/v1/api-keys/current';

/**
 * Leaked secrets from the seed, one per vendor, each shaped as its vendor's (so each is looked up at its own vendor
 * first): SMASHSEND key aki_xyz789ghi012 "CRM Sync", SmartLead client key 45 "Production Key", SMARTe key of
 * dev.udi_user@smarte.pro (its value has `/` and `=`; the other user's has neither and would be looked up as SmartLead's).
 */
export const LEAKED = {
  smashsend: SMASHSEND_SEED.keys.find((key) => key.id === 'aki_xyz789ghi012')!.secretKey,
  smartlead: SMARTLEAD_SEED.keys.find((key) => key.id === 45)!.api_key,
  smarte: SMARTE_SEED.keys.find((key) => key.email === 'dev.udi_user@smarte.pro')!.apiKey,
} as const;

/** Suspends a SMARTe key by calling the sandbox as SMARTe (not through the app), for steps that need a suspended key. */
export async function suspendAtSmarte(sandbox: SandboxHandle, email: string): Promise<void> {
  const response = await fetch(`${sandbox.baseUrls.smarte}${SM_UPDATE}`, {
    method: 'POST',
    headers: { 'api-key': sandbox.credentials.smarteApiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email, action: 'suspend' }),
  });
  if (!response.ok) throw new Error(`the sandbox did not suspend ${email}: ${response.status} ${await response.text()}`);
}

export interface Operation {
  /** Row name in the tables (the operation key, plus which request is faulted when it is not the first). */
  name: string;
  kind: OperationKind | 'authentication';
  key: string;
  vendor: SandboxVendor;
  input: Record<string, unknown>;
  meta?: Record<string, unknown>;
  /** The request a fault is aimed at: method, the path the connector names in messages, and the sandbox fault filter. */
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  faultPath: string;
  /**
   * The requests the step makes before that one, in a cold container (nothing remembered about the connection's key),
   * when they all succeed: the delete's GET /v1/api-keys/current (is the target the connection's own key?), the
   * suspension's view of the key. A refused connection fails on the first of them.
   */
  before?: ReadonlyArray<{ method: 'GET' | 'POST'; path: string; /** A POST that only reads (SMARTe's key view). */ readOnly?: true }>;
  /** The request a fault is aimed at only reads although it is a POST (SMARTe's key view in a step that writes later). */
  readOnly?: true;
  /** What a 404 on that request means, as the message says it ("has no client API key 45"); else "found nothing at". */
  notFound?: string;
  /** Writes: the search named when it is unknown whether the write happened, and what may have happened. */
  checkWith?: string;
  mayHaveHappened?: string;
  /** A write that is safe to repeat (update, delete, suspend, reactivate): its advice says so instead of "check first". */
  repeatable?: boolean;
  /**
   * A write to a key that must exist (update, delete, reset, suspend, reactivate): a 404 on it is a precondition, so the
   * step halts (HaltedError), saying nothing was changed and naming `checkWith`.
   */
  onExistingKey?: boolean;
  /** Sandbox set-up before the operation runs (after reset). */
  setup?: (sandbox: SandboxHandle) => void | Promise<void>;
}

const created = 'The key may have been created anyway';

/** Every operation of the app, with valid input for the sandbox's seed, and the request it makes first. */
export const OPERATIONS: Operation[] = [
  // SmartLead
  {
    name: 'smartlead_client_list',
    kind: 'triggers',
    key: 'smartlead_client_list',
    vendor: 'smartlead',
    input: {},
    method: 'GET',
    path: '/api/v1/client/',
    faultPath: '/api/v1/client/?',
  },
  {
    name: 'smartlead_client_api_key_list',
    kind: 'triggers',
    key: 'smartlead_client_api_key_list',
    vendor: 'smartlead',
    input: {},
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'new_smartlead_client_api_key',
    kind: 'triggers',
    key: 'new_smartlead_client_api_key',
    vendor: 'smartlead',
    input: {},
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'create_smartlead_client_api_key',
    kind: 'creates',
    key: 'create_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { clientId: 301, keyName: 'Sample Key' },
    method: 'POST',
    path: SL_KEYS,
    faultPath: SL_KEYS,
    notFound: 'client 301',
    checkWith: 'Find SmartLead Client API Key',
    mayHaveHappened: created,
  },
  {
    name: 'reset_smartlead_client_api_key',
    kind: 'creates',
    key: 'reset_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { keyId: 45 },
    method: 'PUT',
    path: `${SL_KEYS}/reset/45`,
    faultPath: '/reset/45',
    notFound: 'client API key 45',
    checkWith: 'Find SmartLead Client API Key',
    mayHaveHappened: 'The key may have been reset anyway, so its old value may no longer work',
    onExistingKey: true,
  },
  {
    name: 'delete_smartlead_client_api_key',
    kind: 'creates',
    key: 'delete_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { keyId: 46 },
    method: 'DELETE',
    path: `${SL_KEYS}/46`,
    faultPath: '/api-key/46',
    notFound: 'client API key 46',
    checkWith: 'Find SmartLead Client API Key',
    mayHaveHappened: 'The key may have been deleted anyway (a repeat would then report it as not found)',
    repeatable: true,
    onExistingKey: true,
  },
  {
    name: 'find_smartlead_client_api_key',
    kind: 'searches',
    key: 'find_smartlead_client_api_key',
    vendor: 'smartlead',
    input: { keyName: 'Production' },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  // SMASHSEND (the connection names its workspace, so no discovery request comes first; a delete asks GET
  // /v1/api-keys/current first, to refuse the connection's own key, unless the process remembers its id)
  {
    name: 'new_smashsend_api_key',
    kind: 'triggers',
    key: 'new_smashsend_api_key',
    vendor: 'smashsend',
    input: {},
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'smashsend_api_key_list',
    kind: 'triggers',
    key: 'smashsend_api_key_list',
    vendor: 'smashsend',
    input: {},
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'create_smashsend_api_key',
    kind: 'creates',
    key: 'create_smashsend_api_key',
    vendor: 'smashsend',
    input: { displayName: 'Sample Key', role: 'API_USER' },
    method: 'POST',
    path: SS_KEYS,
    faultPath: '/api-keys',
    checkWith: 'Find SMASHSEND API Key',
    mayHaveHappened: created,
  },
  {
    name: 'update_smashsend_api_key',
    kind: 'creates',
    key: 'update_smashsend_api_key',
    vendor: 'smashsend',
    input: { apiKeyId: 'aki_xyz789ghi012', displayName: 'CRM Sync v2' },
    method: 'POST',
    path: `${SS_KEYS}/aki_xyz789ghi012`,
    faultPath: '/api-keys/aki_xyz789ghi012',
    notFound: `API key aki_xyz789ghi012 in workspace ${WS}`,
    checkWith: 'Find SMASHSEND API Key',
    mayHaveHappened: 'The key may have been updated anyway',
    repeatable: true,
    onExistingKey: true,
  },
  {
    name: 'delete_smashsend_api_key',
    kind: 'creates',
    key: 'delete_smashsend_api_key',
    vendor: 'smashsend',
    input: { apiKeyId: 'aki_xyz789ghi012' },
    method: 'DELETE',
    path: `${SS_KEYS}/aki_xyz789ghi012`,
    faultPath: '/api-keys/aki_xyz789ghi012',
    before: [{ method: 'GET', path: '/v1/api-keys/current' }],
    notFound: `API key aki_xyz789ghi012 in workspace ${WS}`,
    checkWith: 'Find SMASHSEND API Key',
    mayHaveHappened: 'The key may have been deleted anyway (a repeat would then report it as not found)',
    repeatable: true,
    onExistingKey: true,
  },
  {
    name: 'rotate_smashsend_api_key',
    kind: 'creates',
    key: 'rotate_smashsend_api_key',
    vendor: 'smashsend',
    input: { apiKeyId: 'aki_xyz789ghi012' },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
    checkWith: 'Find SMASHSEND API Key',
    mayHaveHappened: created,
  },
  {
    name: 'find_smashsend_api_key',
    kind: 'searches',
    key: 'find_smashsend_api_key',
    vendor: 'smashsend',
    input: { displayName: 'CRM Sync' },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  // SMARTe
  {
    name: 'new_smarte_api_key',
    kind: 'triggers',
    key: 'new_smarte_api_key',
    vendor: 'smarte',
    input: {},
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
  {
    name: 'smarte_api_key_list',
    kind: 'triggers',
    key: 'smarte_api_key_list',
    vendor: 'smarte',
    input: {},
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
  {
    name: 'create_smarte_api_key',
    kind: 'creates',
    key: 'create_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'new.user@smarte.pro' },
    method: 'POST',
    path: SM_CREATE,
    faultPath: SM_CREATE,
    checkWith: 'Find SMARTe API Key',
    mayHaveHappened: created,
  },
  {
    name: 'suspend_smarte_api_key',
    kind: 'creates',
    key: 'suspend_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'dev.udi@smarte.pro' },
    method: 'POST',
    path: SM_UPDATE,
    faultPath: SM_UPDATE,
    // SMARTe's view of that one key comes first: no key, or the connection's own admin key, halts before the update.
    before: [{ method: 'POST', path: SM_VIEW, readOnly: true }],
    notFound: 'key for dev.udi@smarte.pro',
    checkWith: 'Find SMARTe API Key',
    mayHaveHappened: 'The key may have been suspended anyway (a repeat would then be refused as already suspended)',
    repeatable: true,
    onExistingKey: true,
  },
  {
    name: 'reactivate_smarte_api_key',
    kind: 'creates',
    key: 'reactivate_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'dev.udi@smarte.pro' },
    method: 'POST',
    path: SM_UPDATE,
    faultPath: SM_UPDATE,
    notFound: 'key for dev.udi@smarte.pro',
    checkWith: 'Find SMARTe API Key',
    mayHaveHappened: 'The key may have been reactivated anyway (a repeat would then be refused as not suspended)',
    repeatable: true,
    onExistingKey: true,
    // Only a suspended key can be reactivated, and the seed's keys are all active: suspend it at SMARTe first.
    setup: (sandbox) => suspendAtSmarte(sandbox, 'dev.udi@smarte.pro'),
  },
  {
    name: 'find_smarte_api_key',
    kind: 'searches',
    key: 'find_smarte_api_key',
    vendor: 'smarte',
    input: { email: 'dev.udi@smarte.pro' },
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
  // Several vendors: one row per vendor, with that vendor alone chosen (one request each)
  {
    name: 'api_key_reached_age (SMASHSEND)',
    kind: 'triggers',
    key: 'api_key_reached_age',
    vendor: 'smashsend',
    input: { age_days: 30, vendors: ['SMASHSEND'] },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'api_key_reached_age (SmartLead)',
    kind: 'triggers',
    key: 'api_key_reached_age',
    vendor: 'smartlead',
    input: { age_days: 30, vendors: ['SmartLead'] },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'audit_api_keys (SMASHSEND)',
    kind: 'creates',
    key: 'audit_api_keys',
    vendor: 'smashsend',
    input: { older_than_days: 30, vendors: ['SMASHSEND'] },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'audit_api_keys (SmartLead)',
    kind: 'creates',
    key: 'audit_api_keys',
    vendor: 'smartlead',
    input: { older_than_days: 30, vendors: ['SmartLead'] },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'audit_api_keys (SMARTe)',
    kind: 'creates',
    key: 'audit_api_keys',
    vendor: 'smarte',
    input: { older_than_days: 30, vendors: ['SMARTe'] },
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
  // Leaked-key response: the secret decides which vendor is asked first (SMASHSEND's own shape: GET /v1/api-keys/current
  // with the secret as the Bearer token; SmartLead's: the client-key list; SMARTe's: the key view), so one row per vendor.
  {
    name: 'find_api_key_by_secret (SMASHSEND)',
    kind: 'searches',
    key: 'find_api_key_by_secret',
    vendor: 'smashsend',
    input: { secret: LEAKED.smashsend },
    method: 'GET',
    path: SS_CURRENT,
    faultPath: SS_CURRENT,
  },
  {
    name: 'find_api_key_by_secret (SmartLead)',
    kind: 'searches',
    key: 'find_api_key_by_secret',
    vendor: 'smartlead',
    input: { secret: LEAKED.smartlead },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'find_api_key_by_secret (SMARTe)',
    kind: 'searches',
    key: 'find_api_key_by_secret',
    vendor: 'smarte',
    input: { secret: LEAKED.smarte },
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
    readOnly: true,
  },
  // Revoke: the same lookups come first (reads: nothing written yet), then the vendor's write (delete, reset, suspend).
  {
    name: 'revoke_leaked_api_key (SMASHSEND)',
    kind: 'creates',
    key: 'revoke_leaked_api_key',
    vendor: 'smashsend',
    input: { secret: LEAKED.smashsend },
    method: 'GET',
    path: SS_CURRENT,
    faultPath: SS_CURRENT,
    checkWith: 'Find API Key by Secret',
    mayHaveHappened: 'The key may have been revoked anyway',
  },
  {
    name: 'revoke_leaked_api_key (SmartLead)',
    kind: 'creates',
    key: 'revoke_leaked_api_key',
    vendor: 'smartlead',
    input: { secret: LEAKED.smartlead },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
    checkWith: 'Find API Key by Secret',
    mayHaveHappened: 'The key may have been revoked anyway',
  },
  {
    name: 'revoke_leaked_api_key (SMARTe)',
    kind: 'creates',
    key: 'revoke_leaked_api_key',
    vendor: 'smarte',
    input: { secret: LEAKED.smarte },
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
    readOnly: true,
    checkWith: 'Find API Key by Secret',
    mayHaveHappened: 'The key may have been revoked anyway',
  },
  // A status change can happen to any key: every vendor's whole list (one vendor chosen per row: one request each).
  {
    name: 'api_key_status_changed (SMASHSEND)',
    kind: 'triggers',
    key: 'api_key_status_changed',
    vendor: 'smashsend',
    input: { vendors: ['SMASHSEND'] },
    method: 'GET',
    path: SS_KEYS,
    faultPath: '/api-keys?',
  },
  {
    name: 'api_key_status_changed (SmartLead)',
    kind: 'triggers',
    key: 'api_key_status_changed',
    vendor: 'smartlead',
    input: { vendors: ['SmartLead'] },
    method: 'GET',
    path: SL_KEYS,
    faultPath: `${SL_KEYS}?`,
  },
  {
    name: 'api_key_status_changed (SMARTe)',
    kind: 'triggers',
    key: 'api_key_status_changed',
    vendor: 'smarte',
    input: { vendors: ['SMARTe'] },
    method: 'POST',
    path: SM_VIEW,
    faultPath: SM_VIEW,
  },
];

/** The catalogue's row for an operation key (its first row, where the key has one per vendor). */
export function operation(key: string): Operation {
  const found = OPERATIONS.find((op) => op.key === key || op.name === key);
  if (!found) throw new Error(`no operation ${key} in the catalogue (test/support/operations.ts)`);
  return found;
}
