// `keyring identify`: what the Zapier search "Find API Key by Secret" does, for every secret given on stdin (one per
// line) or in the file --secret-file names: which key of which configured vendor it is, whether it still works, whether
// it is keyring's own, and whether keyring could revoke it (connector/src/leak.ts tells; the words are here). The
// secret is never shown, only its hint. Reads only.

import type { Vendor } from '../errors';
import { identifySecret } from '../leak';
import type { ReadCommand } from './command';
import { EXIT, type ExitStatus, type Io } from './io';
import { identifiedRow, identifiedTable, unidentifiedRow, type IdentifiedRow } from './keys';
import { errorLine } from './output';
import { SECRET_OPTIONS, hintOf, leakClients, readSecrets, redacting, secretFileOption, vendorsOption } from './secrets';

/** Why a secret was not found: no vendor asked knows it (a deleted SMASHSEND key is not known either). */
export function unknownReason(asked: readonly Vendor[]): string {
  return `no configured vendor (${asked.join(', ')}) knows this secret`;
}

/** A failure's words without `keyring: `, for a row's reason or a note. */
export function errorWords(error: unknown, options: { write?: boolean } = {}): string {
  return errorLine(error, options)
    .replace(/^keyring: /, '')
    .trim();
}

async function identify(io: Io, flags: { json: boolean; file: string | undefined; vendors: Vendor[] | undefined }): Promise<ExitStatus> {
  const { clients, asked } = leakClients(io, 'identify', flags.vendors);
  const secrets = await readSecrets(io, 'identify', flags.file);
  const out = redacting(io, secrets);
  const rows: IdentifiedRow[] = [];
  let failed = false;
  let unknown = false;
  for (const secret of secrets) {
    let row: IdentifiedRow;
    try {
      const key = await identifySecret(clients, secret);
      unknown ||= key === null;
      row = key === null ? unidentifiedRow(hintOf(secret), unknownReason(asked)) : identifiedRow(key);
    } catch (error) {
      failed = true;
      const words = errorWords(error);
      out.stderr.write(`keyring: the secret ${hintOf(secret)} could not be identified: ${words}\n`);
      row = unidentifiedRow(hintOf(secret), `it could not be identified: ${words}`);
    }
    rows.push(row);
    // JSON Lines: each secret's row the moment it is known (a long list is not held back).
    if (flags.json) out.stdout.write(`${JSON.stringify(row)}\n`);
  }
  if (!flags.json) out.stdout.write(identifiedTable(rows));
  return failed ? EXIT.failed : unknown ? EXIT.unknown : EXIT.ok;
}

export const IDENTIFY: ReadCommand = {
  name: 'identify',
  writes: false,
  forms: [{ usage: '[--secret-file <path>] [--vendors <list>]', summary: 'which key a secret is (secrets on stdin, one per line)' }],
  about: `Tells which key a secret is, as the Zapier search "Find API Key by Secret" does: the vendor, the key's id,
name, status and creation date, its hint, whether it still works (LIVE), whether it is the key keyring itself
uses (OWN), and whether keyring revoke could revoke it (and why not). Give the secrets on stdin, one per line
(blank lines are skipped, a repeat is taken once), or in a file with --secret-file; never as an argument, which
shows in ps and in the shell history. On a terminal keyring asks for them and turns the echo off while they are
typed or pasted (where stty can); end with Ctrl-D. A secret is never shown, only its hint (the last 4).

SmartLead and SMARTe are asked first (their key lists carry the values, compared here in constant time);
SMASHSEND is shown the secret itself (GET /v1/api-keys/current with it), first when it looks like one of its
keys (sk_live_, sk_test_), else last. A deleted SMASHSEND key is unknown to SMASHSEND: "no configured vendor
knows this secret". --vendors limits who is asked.`,
  options: SECRET_OPTIONS,
  json: 'one JSON object per secret, one per line (JSON Lines): vendor, key_id, name, status, created_at, key_hint, live, connection_key, revocable, reason, role, workspace_id, client_id (vendor null when no configured vendor knows the secret)',
  maxPositionals: 0,
  exitStatus: `0 when every secret was identified, 1 on a vendor error (the other secrets are still reported),
2 on a usage error (nothing sent), 4 when no configured vendor knows a secret.`,
  secretsOnStdin: (args) => args.options['secret-file'] === undefined,
  prepare({ options, json }) {
    const file = secretFileOption('identify', options['secret-file']);
    const vendors = vendorsOption('identify', options.vendors);
    return (io) => identify(io, { json, file, vendors });
  },
};
