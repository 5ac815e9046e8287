// Keys as the `keyring` command shows them: the connector's key row (the fields of the Zapier audit's line items and of
// `keyring audit --json`) plus the key's `role` where a command shows one vendor's keys; read per vendor for `list` and
// `find`; and the tables, which fit 100 columns (long names cut with `…`) unless --wide asks for every field in full.

import { newestFirst, smarteKeyRow, smartleadKeyRow, smashsendKeyRow, type KeyRow } from '../keyRow';
import type { IdentifiedKey } from '../leak';
import type { SmarteKey } from '../smarte';
import type { SmartLeadApiKey } from '../smartlead';
import type { SmashsendApiKey } from '../smashsend';
import { requireClient, type VendorArg } from './config';
import type { Io } from './io';
import { progress, table } from './output';

/** A key as `list`, `find` and the writes print it: the key row, and the role the vendor gives it (SmartLead gives none). */
export type ShownKey = KeyRow & { role: string | null };

/** Rows are dated at the moment they are shown; a list has no threshold (`stale` false). */
const at = (connectionKey: boolean) => ({ now: Date.now(), connectionKey });

export function shownSmashsendKey(key: SmashsendApiKey, connectionKey = false): ShownKey {
  return { ...smashsendKeyRow(key, at(connectionKey)), role: key.role };
}

export function shownSmartleadKey(key: SmartLeadApiKey, connectionKey = false): ShownKey {
  return { ...smartleadKeyRow(key, at(connectionKey)), role: null };
}

export function shownSmarteKey(key: SmarteKey, connectionKey = false): ShownKey {
  return { ...smarteKeyRow(key, at(connectionKey)), role: key.role ?? null };
}

/** Every key of one vendor, newest first where dated (SMASHSEND read page by page, with progress on a terminal). */
export async function vendorKeys(io: Io, vendor: VendorArg, command: string): Promise<ShownKey[]> {
  if (vendor === 'smashsend') {
    const client = requireClient(io, 'smashsend', command);
    const status = progress(io);
    const keys: SmashsendApiKey[] = [];
    try {
      for await (const page of client.pages({ sort: 'createdAt.desc' })) {
        keys.push(...page.items);
        status.show(`SMASHSEND: ${keys.length} keys read…`);
      }
    } finally {
      status.clear();
    }
    // Which key is keyring's own: no request when the workspace was discovered, GET /v1/api-keys/current otherwise.
    const own = keys.length === 0 ? undefined : await client.connectionKeyMatcher();
    return newestFirst(keys.map((key) => shownSmashsendKey(key, own?.match(key) === 'yes')));
  }
  if (vendor === 'smartlead') {
    const client = requireClient(io, 'smartlead', command);
    const keys = await client.listClientApiKeys();
    return newestFirst(keys.map((key) => shownSmartleadKey(key, client.connectionKeyMatch(key) === 'yes')));
  }
  const client = requireClient(io, 'smarte', command);
  return (await client.listKeys()).map((key) => shownSmarteKey(key, client.connectionKeyMatch(key) === 'yes'));
}

/** A date in a narrow table: the day (UTC); --wide and JSON show the instant in full. */
function day(createdAt: string | null, wide: boolean): string | null {
  return createdAt === null || wide ? createdAt : createdAt.slice(0, 10);
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** One vendor's keys as `list` and `find` show them (KEY ID, NAME, …; OWN and full dates with --wide). */
export function keysTable(vendor: VendorArg, keys: readonly ShownKey[], wide: boolean): string {
  if (keys.length === 0) return 'No keys.\n';
  const own = wide ? ['OWN'] : [];
  const ownOf = (k: ShownKey) => (wide ? [yesNo(k.connection_key)] : []);
  if (vendor === 'smashsend') {
    return table(
      ['KEY ID', 'NAME', 'ROLE', 'STATUS', 'CREATED', 'AGE', 'KEY HINT', ...own],
      keys.map((k) => [k.key_id, k.name, k.role, k.status, day(k.created_at, wide), k.age_days ?? '?', k.key_hint, ...ownOf(k)]),
      {
        wide,
        cuttable: [
          [0, 16],
          [6, 12],
          [1, 12],
        ],
      },
    );
  }
  if (vendor === 'smartlead') {
    return table(
      ['KEY ID', 'CLIENT', 'NAME', 'STATUS', 'CREATED', 'AGE', 'KEY HINT', ...own],
      keys.map((k) => [k.key_id, k.client_id, k.name, k.status, day(k.created_at, wide), k.age_days ?? '?', k.key_hint, ...ownOf(k)]),
      { wide, cuttable: [[2, 12]] },
    );
  }
  return table(
    ['KEY ID', 'EMAIL', 'ROLE', 'STATUS', 'KEY HINT', ...own],
    keys.map((k) => [k.key_id, k.name, k.role, k.status, k.key_hint, ...ownOf(k)]),
    {
      wide,
      cuttable: [
        [0, 16],
        [1, 16],
      ],
    },
  );
}

/** The audit's keys (in the audit's order), every vendor in one table (CLIENT and OWN, and full dates, with --wide). */
export function auditTable(keys: readonly KeyRow[], threshold: number | undefined, wide: boolean): string {
  if (keys.length === 0) return 'No keys.\n';
  const stale = (k: KeyRow) => (threshold === undefined ? '-' : k.age_days === null ? '?' : yesNo(k.stale));
  return table(
    ['VENDOR', 'KEY ID', 'NAME', 'STATUS', 'CREATED', 'AGE', 'STALE', 'KEY HINT', ...(wide ? ['CLIENT', 'OWN'] : [])],
    keys.map((k) => [
      k.vendor,
      k.key_id,
      k.name,
      k.status,
      day(k.created_at, wide),
      k.age_days ?? '?',
      stale(k),
      k.key_hint,
      ...(wide ? [k.client_id, yesNo(k.connection_key)] : []),
    ]),
    {
      wide,
      cuttable: [
        [1, 16],
        [7, 12],
        [2, 12],
      ],
    },
  );
}

/**
 * What `keyring identify` shows of a secret (and `keyring revoke --dry-run --json` of each): the key it is, as the
 * connector identifies it (the Zapier search's fields, without its `id`), with the role, workspace and client always
 * present (null where the vendor has none); for a secret no configured vendor knows, or one that could not be
 * identified, the vendor and the key's fields are null and `reason` says why.
 */
export type IdentifiedRow = {
  [K in Exclude<keyof IdentifiedKey, AlwaysKnown>]-?: Exclude<IdentifiedKey[K], undefined> | null;
} & Pick<IdentifiedKey, AlwaysKnown>;

/** What a row says even for a secret no vendor knows. */
type AlwaysKnown = 'key_hint' | 'live' | 'connection_key' | 'revocable';

export function identifiedRow(key: IdentifiedKey): IdentifiedRow {
  return {
    vendor: key.vendor,
    key_id: key.key_id,
    name: key.name,
    status: key.status,
    created_at: key.created_at,
    key_hint: key.key_hint,
    live: key.live,
    connection_key: key.connection_key,
    revocable: key.revocable,
    reason: key.reason,
    role: key.role ?? null,
    workspace_id: key.workspace_id ?? null,
    client_id: key.client_id ?? null,
  };
}

/** A secret that is no key of a configured vendor (or could not be identified): its hint, and why. */
export function unidentifiedRow(keyHint: string, reason: string): IdentifiedRow {
  return {
    vendor: null,
    key_id: null,
    name: null,
    status: null,
    created_at: null,
    key_hint: keyHint,
    live: false,
    connection_key: false,
    revocable: false,
    reason,
    role: null,
    workspace_id: null,
    client_id: null,
  };
}

/** `keyring identify`'s table: one row per secret, every field in full (a leak is no time for cut ids), dates as the day. */
export function identifiedTable(rows: readonly IdentifiedRow[]): string {
  return table(
    ['VENDOR', 'KEY ID', 'NAME', 'STATUS', 'CREATED', 'KEY HINT', 'LIVE', 'OWN', 'REVOCABLE', 'REASON'],
    rows.map((r) => [
      r.vendor,
      r.key_id,
      r.name,
      r.status,
      day(r.created_at, false),
      r.key_hint,
      r.vendor === null ? null : yesNo(r.live),
      r.vendor === null ? null : yesNo(r.connection_key),
      yesNo(r.revocable),
      r.reason,
    ]),
    { wide: true },
  );
}
