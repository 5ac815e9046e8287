// The key-hygiene operations' tests under nock (api_key_reached_age, audit_api_keys): a fixed "now", the connections
// with one vendor's key, and the rows the fixtures show at that instant (ages, hints) — stated once for both.

import { AUTH } from './app';

/** "Now" for every hygiene test: ages and thresholds are computed from it. */
export const NOW = Date.parse('2025-12-31T12:00:00.000Z');
export const DAY = 86_400_000;
/** Freezes Date.now() at NOW (jest.restoreAllMocks puts it back). */
export const atNow = () => jest.spyOn(Date, 'now').mockReturnValue(NOW);

/** SmartLead's key list request: its key in the query. */
export const slQuery = { api_key: AUTH.smartlead_api_key };
export const ONLY_SMASHSEND = { smashsend_api_key: AUTH.smashsend_api_key, smashsend_workspace_id: AUTH.smashsend_workspace_id };
export const ONLY_SMARTLEAD = { smartlead_api_key: AUTH.smartlead_api_key };

/**
 * The rows every full audit of the fixtures shows, in the audit's order: SMASHSEND, SmartLead, SMARTe, each vendor's keys
 * newest first (undated keys after the dated ones, in the vendor's order). SMASHSEND's hints are its own truncated
 * hints, exactly as its list sent them; the connection's SmartLead key is the account's, never one of its client keys.
 * Without `stale` (it depends on the threshold).
 */
export const ROWS = [
  {
    id: 'SMASHSEND:aki_abc123def456',
    vendor: 'SMASHSEND',
    key_id: 'aki_abc123def456',
    name: 'Zapier Integration',
    status: 'ACTIVE',
    created_at: '2024-03-15T10:00:00.000Z',
    age_days: 656,
    key_hint: 'sk_live_abc123...',
    client_id: null,
    connection_key: false,
  },
  {
    id: 'SMASHSEND:aki_xyz789ghi012',
    vendor: 'SMASHSEND',
    key_id: 'aki_xyz789ghi012',
    name: 'CRM Sync',
    status: 'ACTIVE',
    created_at: '2024-03-10T14:30:00.000Z',
    age_days: 660,
    key_hint: 'sk_live_xyz789...',
    client_id: null,
    connection_key: false,
  },
  {
    id: 'SmartLead:45',
    vendor: 'SmartLead',
    key_id: '45',
    name: 'Production Key',
    status: 'active',
    created_at: '2025-12-01T10:00:00.000Z',
    age_days: 30,
    key_hint: '********xxxx',
    client_id: 301,
    connection_key: false,
  },
  {
    id: 'SmartLead:44',
    vendor: 'SmartLead',
    key_id: '44',
    name: 'Staging Key',
    status: 'inactive',
    created_at: '2025-11-15T08:30:00.000Z',
    age_days: 46,
    key_hint: '********ssss',
    client_id: 301,
    connection_key: false,
  },
  {
    id: 'SmartLead:12',
    vendor: 'SmartLead',
    key_id: '12',
    name: 'Legacy Key',
    status: 'active',
    created_at: null,
    age_days: null,
    key_hint: '********llll',
    client_id: 302,
    connection_key: false,
  },
  {
    id: 'SMARTe:222c424f-6e56-4ab1-94eb-8a0e41490831',
    vendor: 'SMARTe',
    key_id: '222c424f-6e56-4ab1-94eb-8a0e41490831',
    name: 'dev.udi_user@smarte.pro',
    status: 'active',
    created_at: null,
    age_days: null,
    key_hint: '********3vs=',
    client_id: null,
    connection_key: false,
  },
  {
    id: 'SMARTe:6d7800ad-81b0-4b60-9a0f-821a1944346b',
    vendor: 'SMARTe',
    key_id: '6d7800ad-81b0-4b60-9a0f-821a1944346b',
    name: 'dev.udi@smarte.pro',
    status: 'active',
    created_at: null,
    age_days: null,
    key_hint: '********xJHY',
    client_id: null,
    connection_key: false,
  },
];

/** The fixture rows with these ids, in the order given, as the age trigger shows them: each older than the age (stale). */
export function rows(...ids: string[]): Array<(typeof ROWS)[number] & { stale: true }> {
  return ids.map((id) => {
    const found = ROWS.find((row) => row.id === id);
    if (!found) throw new Error(`no fixture row ${id}`);
    return { ...found, stale: true };
  });
}
