// `keyring list <vendor>`: the vendor's keys as a table (or JSON), key values shown only as hints (the connector's one
// `keyHint` rule, the same as the audit's and the Zapier app's). SMASHSEND is read page by page.

import { keyHint } from '../mask';
import type { ReadCommand } from './command';
import { requireClient, vendorArg, type VendorArg } from './config';
import { EXIT, type ExitStatus, type Io } from './io';
import { json, progress, table } from './output';

export const LIST: ReadCommand = {
  name: 'list',
  writes: false,
  forms: [{ usage: '<smashsend|smartlead|smarte>', summary: "a vendor's keys, values masked" }],
  about: `Lists the vendor's API keys (every page), key values masked to their last 4 characters
(SMASHSEND's own truncated hint, e.g. sk_live_rdM4..., as SMASHSEND sends it).
Needs that vendor's key in the environment (SMASHSEND_API_KEY, SMARTLEAD_API_KEY or SMARTE_API_KEY, or their _FILE).`,
  options: {},
  json: "the keys as a JSON array (the vendor's fields, key values as above)",
  maxPositionals: 1,
  exitStatus: '0 on success, 1 on a vendor error, 2 on a usage error.',
  prepare({ positionals, json }) {
    const vendor = vendorArg('list', positionals[0]);
    return (io) => list(io, vendor, { json });
  },
};

async function list(io: Io, vendor: VendorArg, flags: { json: boolean }): Promise<ExitStatus> {
  const out = (header: string[], rows: unknown[][], records: unknown[]) =>
    io.stdout.write(flags.json ? json(records) : rows.length === 0 ? 'No keys.\n' : table(header, rows));
  if (vendor === 'smashsend') {
    const client = requireClient(io, 'smashsend', 'list smashsend');
    const status = progress(io);
    const keys = [];
    for await (const page of client.pages({ sort: 'createdAt.desc' })) {
      keys.push(...page.items.map((key) => ({ ...key, secretKey: keyHint('SMASHSEND', key.secretKey) })));
      status.show(`SMASHSEND: ${keys.length} keys read…`);
    }
    status.clear();
    out(
      ['ID', 'NAME', 'ROLE', 'STATUS', 'CREATED', 'KEY'],
      keys.map((k) => [k.id, k.displayName, k.role, k.status, k.createdAt, k.secretKey]),
      keys,
    );
  } else if (vendor === 'smartlead') {
    const keys = (await requireClient(io, 'smartlead', 'list smartlead').listClientApiKeys()).map((key) => ({
      ...key,
      api_key: keyHint('SmartLead', key.api_key),
    }));
    out(
      ['ID', 'CLIENT', 'NAME', 'STATUS', 'CREATED', 'KEY'],
      keys.map((k) => [k.id, k.client_id, k.key_name, k.status, k.created_at, k.api_key]),
      keys,
    );
  } else {
    const keys = (await requireClient(io, 'smarte', 'list smarte').listKeys()).map((key) => ({
      ...key,
      apiKey: keyHint('SMARTe', key.apiKey),
    }));
    out(
      ['KEY ID', 'EMAIL', 'ROLE', 'STATUS', 'KEY'],
      keys.map((k) => [k.keyId, k.email, k.role, k.status, k.apiKey]),
      keys,
    );
  }
  return EXIT.ok;
}
