// `keyring rotate smashsend <apiKeyId> [--keep-old]` (the connector's rotation workflow) and `keyring rotate smartlead
// <keyId>` (a reset). The new secret goes to stdout once (in --json, in `secret`); everything else goes to stderr. Once
// the new key exists the exit status is 0 whatever happened to the old key: a script must not drop the new secret.

import { ConnectorError } from '../errors';
import { KeyNotInListError, UnsupportedRoleError, rotateSmashsendApiKey, type SmashsendRotation } from '../rotation';
import { requireClient, type VendorArg } from './config';
import { EXIT, UsageError, type ExitStatus, type Io } from './io';
import { errorLine, json } from './output';

export const ROTATE_HELP = `Usage: keyring rotate smashsend <apiKeyId> [--keep-old] [--json]
       keyring rotate smartlead <keyId> [--json]

smashsend: creates a key with the same name and role, checks it with its own secret, then deletes the old
key (kept with --keep-old, or when the new key does not check out). smartlead: resets the key (a new value
for the same key id; the old value stops working at once). SMARTe keys cannot be rotated.

The new secret is printed once, alone, on stdout; what happened is told on stderr. Keep stdout safe.

Options:
  --keep-old   (smashsend) keep the old key live for an overlap; delete it later in SMASHSEND
  --json       stdout gets {vendor, id, name, secret, ...} with the facts of the rotation
  -h, --help

Exit status: 0 once a new key exists (read stderr, or oldKeyDeleted / newKeyVerified in --json, for the old
key), 1 on a vendor error before that (nothing changed, or see the message), 2 on a usage error.
`;

/** What stderr says about a SMASHSEND rotation's facts (the connector states them; the words are the command's). */
function smashsendNotes(r: SmashsendRotation): string[] {
  const old = `old key ${r.oldKey.id}`;
  const notes = [`Created ${r.newKey.id} ("${r.newKey.displayName}", ${r.newKey.role}) to replace ${r.oldKey.id}.`];
  const why = (error: Error | undefined) =>
    error
      ? ` ${errorLine(error)
          .replace(/^keyring: /, '')
          .trim()}`
      : '';
  if (r.newKeyCheck === 'passed') notes.push("The new key passed SMASHSEND's check.");
  else if (r.newKeyCheck === 'rejected')
    notes.push(`Warning: SMASHSEND did not accept the new key when it was checked.${why(r.checkError)}`);
  else if (r.newKeyCheck === 'failed') notes.push(`Warning: the new key could not be checked.${why(r.checkError)}`);
  else notes.push('Warning: the new key was not checked (no time left).');
  const deleteLater = `Delete it in SMASHSEND once nothing uses it.`;
  switch (r.oldKeyOutcome) {
    case 'deleted':
      notes.push(`Deleted the ${old}.`);
      break;
    case 'kept':
      notes.push(`Kept the ${old} live, as asked (--keep-old). ${deleteLater}`);
      break;
    case 'kept_unverified':
      notes.push(`Kept the ${old} live so that nothing breaks: check the new key before deleting either.`);
      break;
    case 'kept_no_time':
      notes.push(`Warning: the ${old} is still live (no time left to delete it). ${deleteLater}`);
      break;
    case 'not_deleted':
      notes.push(`Warning: the ${old} is still live: SMASHSEND answered the delete with isDeleted false. ${deleteLater}`);
      break;
    case 'delete_failed':
      notes.push(`Warning: the ${old} is still live: deleting it failed.${why(r.deleteError)}`);
      break;
    case 'delete_unanswered':
      notes.push(`Warning: the ${old} may still be live: the delete got no usable answer.${why(r.deleteError)}`);
      break;
    case 'already_gone':
      notes.push(`The ${old} was not found when deleting it: it was probably deleted already.`);
      break;
  }
  return notes;
}

export async function rotate(
  io: Io,
  vendor: VendorArg,
  id: string | undefined,
  flags: { json: boolean; keepOld: boolean },
): Promise<ExitStatus> {
  if (vendor === 'smarte')
    throw new UsageError('SMARTe keys cannot be rotated: SMARTe has no reset or delete for keys (see keyring rotate --help).');
  if (id === undefined) throw new UsageError(`keyring rotate ${vendor} needs the key's id (keyring list ${vendor} shows them).`);
  if (flags.keepOld && vendor !== 'smashsend')
    throw new UsageError('--keep-old is for smashsend only: a SmartLead reset has no old key to keep.');
  if (vendor === 'smashsend') {
    const client = requireClient(io, 'smashsend', 'rotate smashsend');
    const r = await rotateSmashsendApiKey(client, id, { deleteOldKey: !flags.keepOld });
    io.stdout.write(
      flags.json
        ? json({
            vendor: 'SMASHSEND',
            id: r.newKey.id,
            name: r.newKey.displayName,
            role: r.newKey.role,
            secret: r.newKey.secretKey,
            replacedKeyId: r.oldKey.id,
            newKeyVerified: r.newKeyVerified,
            newKeyCheck: r.newKeyCheck,
            oldKeyDeleted: r.oldKeyDeleted,
            oldKeyOutcome: r.oldKeyOutcome,
          })
        : `${r.newKey.secretKey}\n`,
    );
    for (const note of smashsendNotes(r)) io.stderr.write(`${note}\n`);
    return EXIT.ok;
  }
  const client = requireClient(io, 'smartlead', 'rotate smartlead');
  const key = await client.resetClientApiKey(id);
  io.stdout.write(
    flags.json
      ? json({ vendor: 'SmartLead', id: key.id, name: key.key_name, clientId: key.client_id ?? null, secret: key.api_key })
      : `${key.api_key}\n`,
  );
  io.stderr.write(`Reset SmartLead client API key ${key.id} ("${key.key_name}"): its old value no longer works.\n`);
  return EXIT.ok;
}

/** Rotations are writes: a lost answer may mean the change happened. */
export function rotateErrorLine(error: unknown): string {
  const line = errorLine(error, { write: error instanceof ConnectorError && error.method !== 'GET' });
  if (error instanceof KeyNotInListError || error instanceof UnsupportedRoleError)
    return line.replace(/\n$/, ' Nothing was created or deleted.\n');
  return line;
}
