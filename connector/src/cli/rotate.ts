// `keyring rotate smashsend <apiKeyId> [--keep-old]` (the connector's rotation workflow) and `keyring rotate smartlead
// <keyId>` (a reset: reset.ts, as `keyring reset smartlead`). Both write, so both ask first (consent.ts), after their reads. The new secret goes to stdout the
// moment the vendor returns it (flushed, before the check and the delete; in --json, the document is opened with it
// and closed at the end), so that neither a fault nor an interruption can lose it; everything else goes to stderr.
// Once the new key exists the exit status is 0 whatever happened to the old key (130 / 143 when interrupted).

import { ConnectorError, NotFoundError } from '../errors';
import { isoDate } from '../keyRow';
import {
  KeyNotInListError,
  RotationAbortedError,
  UnsupportedRoleError,
  rotateSmashsendApiKey,
  type SmashsendRotation,
  type SmashsendRotationPlan,
} from '../rotation';
import { requireId, requirePositiveInt } from '../validate';
import type { WriteCommand } from './command';
import { KEY_ENV, fileEnvOf, requireClient, vendorArg } from './config';
import { InterruptedError, type Consent, type Plan } from './consent';
import { EXIT, UsageError, oneLine, writeFlushed, type ExitStatus, type Io, type SignalName } from './io';
import { shownSmashsendKey } from './keys';
import { errorLine } from './output';
import { resetSmartlead } from './reset';

/**
 * What a rotation prints on stdout: the secret alone on a line, or one JSON document that is opened, flushed, with
 * the secret the moment it exists and closed with the facts at the end (or at an interruption). Only a kill that
 * cannot be caught (SIGKILL) leaves the document open, the secret in it all the same.
 */
class SecretOutput {
  private opened = false;
  constructor(
    private readonly io: Io,
    private readonly asJson: boolean,
  ) {}

  /** Writes the secret (in --json, the document's first fields) and resolves once it is handed to the system. */
  async open(secret: string, fields: Record<string, unknown>): Promise<void> {
    this.opened = true;
    // The document's text up to its last field, without the closing brace: `close` adds the rest.
    const text = this.asJson ? JSON.stringify({ ...fields, secret }, null, 2).replace(/\n\}$/, '') : `${secret}\n`;
    await writeFlushed(this.io.stdout, text);
  }

  /** In --json, the document's other fields and its closing brace (nothing when `open` never ran). */
  close(fields: Record<string, unknown>): void {
    if (!this.opened || !this.asJson) return;
    const rest = JSON.stringify(fields, null, 2).replace(/^\{/, '');
    this.io.stdout.write(rest === '}' ? '\n}\n' : `,${rest}\n`);
  }
}

/** The words of a connector error, without the `keyring: ` prefix, for a note. */
function why(error: Error | undefined): string {
  return error
    ? ` ${errorLine(error)
        .replace(/^keyring: /, '')
        .trim()}`
    : '';
}

/** What the question and --dry-run show of a SMASHSEND rotation (the connector gives the facts; the words are here). */
function smashsendPlan(p: SmashsendRotationPlan): Plan {
  const old = p.oldKey;
  const name = oneLine(p.newKey.displayName);
  const steps = [
    `create a SMASHSEND API key "${name}" (${p.newKey.role}) to replace ${old.id} ("${oneLine(old.displayName)}", ${oneLine(old.role)}, created ${isoDate(old.createdAt) ?? 'at an unknown date'}); its secret is printed once, on stdout`,
    'check the new key with its own secret',
    p.deleteOldKey
      ? `delete ${old.id} once the new key has passed its check (a delete cannot be undone)`
      : `keep ${old.id} live (--keep-old): delete it with keyring delete smashsend ${old.id} once nothing uses it`,
  ];
  return {
    steps,
    ...(p.connectionKey === 'no' ? {} : { ownKey: { match: p.connectionKey, keyId: old.id, variable: KEY_ENV.SMASHSEND } }),
    data: {
      vendor: 'SMASHSEND',
      key: shownSmashsendKey(old, p.connectionKey === 'yes'),
      newKey: { name: p.newKey.displayName, role: p.newKey.role },
      deleteOldKey: p.deleteOldKey,
      connectionKey: p.connectionKey,
    },
  };
}

/** What stderr says about a SMASHSEND rotation's facts (the connector states them; the words are the command's). */
function smashsendNotes(r: SmashsendRotation, signal: SignalName | undefined): string[] {
  const old = `old key ${r.oldKey.id}`;
  const notes = [`Created ${r.newKey.id} ("${oneLine(r.newKey.displayName)}", ${r.newKey.role}) to replace ${r.oldKey.id}.`];
  if (r.newKeyCheck === 'passed') notes.push("The new key passed SMASHSEND's check.");
  else if (r.newKeyCheck === 'rejected')
    notes.push(`Warning: SMASHSEND did not accept the new key when it was checked.${why(r.checkError)}`);
  else if (r.newKeyCheck === 'failed') notes.push(`Warning: the new key could not be checked.${why(r.checkError)}`);
  else if (r.newKeyCheck === 'no_time') notes.push('Warning: the new key was not checked (no time left).');
  if (r.interruption?.by === 'on_created') {
    const cause = r.interruption.cause instanceof Error ? `: ${oneLine(r.interruption.cause.message)}` : '';
    notes.push(
      `Warning: the new secret could not be written to stdout${cause}. Stopped there: the ${old} is kept; delete ${r.newKey.id} in SMASHSEND (its secret is lost).`,
    );
    return notes;
  }
  if (r.interruption !== undefined) {
    notes.push(`Interrupted by ${signal ?? 'a signal'}: no further change was started.`);
    const oldNow =
      r.oldKeyOutcome === 'delete_unanswered'
        ? `the ${old} may or may not be deleted: its delete was in flight (keyring list smashsend shows whether it is still there)`
        : `the ${old} is kept (not deleted)`;
    notes.push(`Keys now: the new key ${r.newKey.id} exists, its secret is on stdout; ${oldNow}.`);
  } else {
    const deleteLater = `Delete it with keyring delete smashsend ${r.oldKey.id} once nothing uses it.`;
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
  }
  // The key keyring itself used is gone (or may be): whatever reads the variable must get the new secret.
  if (r.connectionKey && (r.oldKeyDeleted || r.oldKeyOutcome === 'delete_unanswered' || r.oldKeyOutcome === 'already_gone')) {
    const variable = KEY_ENV.SMASHSEND;
    notes.push(
      `Update ${variable} (or the file ${fileEnvOf(variable)} names) with the new secret: ${r.oldKey.id}, the key keyring used, ${r.oldKeyDeleted ? 'is deleted' : 'may be gone'}.`,
    );
  }
  return notes;
}

async function rotateSmashsend(io: Io, consent: Consent, id: string, flags: { json: boolean; keepOld: boolean }): Promise<ExitStatus> {
  const client = requireClient(io, 'smashsend', 'rotate smashsend');
  const out = new SecretOutput(io, flags.json);
  let r: SmashsendRotation;
  try {
    r = await rotateSmashsendApiKey(client, id, {
      deleteOldKey: !flags.keepOld,
      allowConnectionKey: consent.allowConnectionKey,
      signal: consent.signal,
      confirm: (plan) => consent.approve(smashsendPlan(plan)),
      // The document opens with the new key's row and its secret, the moment it exists.
      onCreated: (key) => out.open(key.secretKey, { ...shownSmashsendKey(key), replacedKeyId: id }),
    });
  } catch (error) {
    if (error instanceof RotationAbortedError && error.by === 'confirm') return consent.notApproved();
    if (error instanceof RotationAbortedError) throw new InterruptedError(consent.interruption()?.signal ?? 'SIGINT');
    throw error;
  }
  const signal = r.interruption?.by === 'signal' ? consent.interruption()?.signal : undefined;
  out.close({
    newKeyVerified: r.newKeyVerified,
    newKeyCheck: r.newKeyCheck,
    oldKeyDeleted: r.oldKeyDeleted,
    oldKeyOutcome: r.oldKeyOutcome,
    connectionKey: r.connectionKey,
    interrupted: signal ?? null,
  });
  for (const note of smashsendNotes(r, signal)) io.stderr.write(`${note}\n`);
  if (r.interruption?.by === 'on_created') return EXIT.failed;
  return signal === undefined ? EXIT.ok : (consent.interruption()?.status ?? EXIT.sigint);
}

export const ROTATE: WriteCommand = {
  name: 'rotate',
  writes: true,
  connectionKeyOption: true,
  forms: [
    { usage: 'smashsend <apiKeyId> [--keep-old]', summary: 'a twin key (same name, role); the old deleted' },
    { usage: 'smartlead <keyId>', summary: 'a reset (as keyring reset smartlead)' },
  ],
  about: `smashsend: creates a key with the same name and role, checks it with its own secret, then deletes the old
key (kept with --keep-old, or when the new key does not check out). smartlead: resets the key (a new value
for the same key id; the old value stops working at once). SMARTe keys cannot be rotated.

The new secret is printed once, alone, on stdout, the moment the vendor returns it (before the check and the
delete); what happened is told on stderr. Keep stdout safe. Interrupted (Ctrl-C, SIGTERM) once the new key
exists, it starts no further change, says on stderr which keys exist, and exits 130 (SIGINT) or 143 (SIGTERM).`,
  options: {
    'keep-old': { type: 'boolean', help: '(smashsend) keep the old key live for an overlap; delete it later: keyring delete smashsend' },
  },
  json: "one JSON document: the new key's row (as keyring list --json), secret and replacedKeyId at once, the facts at the end",
  maxPositionals: 2,
  exitStatus: `0 once a new key exists (read stderr, or oldKeyDeleted / newKeyVerified in --json, for the old
key), 1 on a vendor error before that (nothing changed, or see the message), 2 on a usage error or a missing
--yes / --allow-connection-key (nothing changed), 5 when the question is answered no (nothing changed),
130 / 143 when interrupted by SIGINT / SIGTERM (stderr says which keys exist).`,
  prepare({ positionals, options, json }) {
    const vendor = vendorArg('rotate', positionals[0]);
    const id = positionals[1];
    if (vendor === 'smarte')
      throw new UsageError('SMARTe keys cannot be rotated: SMARTe has no reset or delete for keys (see keyring rotate --help).');
    if (id === undefined) throw new UsageError(`keyring rotate ${vendor} needs the key's id (keyring list ${vendor} shows them).`);
    const keepOld = options['keep-old'] === true;
    if (keepOld && vendor !== 'smashsend')
      throw new UsageError('--keep-old is for smashsend only: a SmartLead reset has no old key to keep.');
    if (vendor === 'smashsend') {
      const apiKeyId = requireId('SMASHSEND', 'apiKeyId', id);
      return (io, consent) => rotateSmashsend(io, consent, apiKeyId, { json, keepOld });
    }
    const keyId = requirePositiveInt('SmartLead', 'keyId', id);
    return (io, consent) => resetSmartlead(io, consent, keyId, { json, command: 'rotate smartlead' });
  },
  errorLine: rotateErrorLine,
};

/** Rotations are writes: a lost answer may mean the change happened; a refusal found by the reads changed nothing. */
function rotateErrorLine(error: unknown): string {
  const line = errorLine(error, { write: error instanceof ConnectorError && error.method !== 'GET' });
  if (error instanceof KeyNotInListError || error instanceof UnsupportedRoleError)
    return line.replace(/\n$/, ' Nothing was created or deleted.\n');
  if (error instanceof NotFoundError && error.vendor === 'SmartLead' && error.method === 'GET')
    return line.replace(/\n$/, ' Nothing was reset.\n');
  return line;
}
