// What the commands with one write share (create, reset, delete, suspend, reactivate), once their reads are done and
// the consent is given: the write is started only if no signal came first (nothing written), and once sent it is
// awaited, even when interrupted meanwhile (its answer says what happened; a create's or a reset's is the only copy of
// the new secret); a new secret goes to stdout alone, flushed at once (in --json, inside the one document); the exit
// status says whether a signal came while the write was in flight.

import { ConnectorError } from '../errors';
import { InterruptedError, type Consent } from './consent';
import { EXIT, writeFlushed, type ExitStatus, type Io } from './io';
import type { ShownKey } from './keys';
import { errorLine, json } from './output';

/** Runs the command's one write, unless a signal was heard first (an InterruptedError: nothing written). */
export async function writeOnce<T>(consent: Consent, write: () => Promise<T>): Promise<T> {
  const before = consent.interruption();
  if (before !== undefined) throw new InterruptedError(before.signal);
  return write();
}

/** A new secret on stdout: alone on its line, or in --json the key row with `secret`; resolves once it is handed over. */
export function printSecret(io: Io, asJson: boolean, key: ShownKey, secret: string): Promise<void> {
  return writeFlushed(io.stdout, asJson ? json({ ...key, secret }) : `${secret}\n`);
}

/** What a write without a secret prints on stdout: the key row in --json, nothing otherwise (stderr tells the person). */
export function printResult(io: Io, asJson: boolean, result: ShownKey & { deleted?: boolean }): void {
  if (asJson) io.stdout.write(json(result));
}

/** The exit status once the write is done: 0, or 130 / 143 (said on stderr) when a signal came while it was in flight. */
export function doneStatus(io: Io, consent: Consent, what: string, outcome = 'it was done'): ExitStatus {
  const interruption = consent.interruption();
  if (interruption === undefined) return EXIT.ok;
  io.stderr.write(`Interrupted by ${interruption.signal} while the ${what} was in flight: ${outcome}.\n`);
  return interruption.status;
}

/**
 * The error line of a write command: a lost answer to the write may mean the change happened; a failure of the reads
 * before it (a GET, SMARTe's view) changed nothing, and says so (`Nothing was <done>.`).
 */
export function writeErrorLine(done: string): (error: unknown) => string {
  return (error) => {
    const read = error instanceof ConnectorError && error.readOnly;
    const line = errorLine(error, { write: error instanceof ConnectorError && !read });
    return read ? line.replace(/\n$/, ` Nothing was ${done}.\n`) : line;
  };
}
