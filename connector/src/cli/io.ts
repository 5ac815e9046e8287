// What every `keyring` command works with: its output streams, the environment, the terminal it may ask on, the
// signals a write hears, the exit statuses and the usage error. Commands take these as arguments (not process
// globals), so the one place that touches the process is cli/index.ts.

export interface Io {
  /** Data only: tables, JSON, a dry run's plan, and the one new secret of a rotation. */
  stdout: { write(text: string, callback?: (error?: Error | null) => void): unknown };
  /** Everything meant for the person: progress, notes, warnings, questions, errors. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where a question is answered. Absent, or not a terminal: a write needs --yes (nothing to ask on). */
  stdin?: AnswerSource & {
    /**
     * The input up to its end (the secrets `keyring identify` and `keyring revoke` read), or, when it is longer than
     * `maxBytes`, its first `maxBytes` + 1 bytes (the caller refuses it).
     */
    readAll?(maxBytes: number): Promise<string>;
    /**
     * On a terminal: stops it echoing what is typed (the line editing and Ctrl-C, Ctrl-D stay as they are); returns the
     * function that turns the echo back on, or undefined when it cannot be turned off.
     */
    hideInput?(): (() => void) | undefined;
  };
  /**
   * The controlling terminal (/dev/tty): where a question is answered when stdin carries data instead of answers (the
   * secrets `keyring revoke` reads). Undefined when the process has none (CI, cron, a detached process).
   */
  controllingTerminal?(): AnswerSource | undefined;
  /**
   * Lets a write command hear SIGINT and SIGTERM while it runs, instead of dying mid-write; returns the function that
   * stops listening. Absent: the process's default (it dies at once).
   */
  trapSignals?: (listener: (signal: SignalName) => void) => () => void;
}

/** Where a question's answer is typed. */
export interface AnswerSource {
  /** A person can type here (a terminal). */
  isTTY?: boolean;
  /** The next line typed (without its newline); undefined at the end of the input. */
  readLine(): Promise<string | undefined>;
}

export type SignalName = 'SIGINT' | 'SIGTERM';

/** Exit statuses, documented in `keyring --help` and the README. */
export const EXIT = {
  ok: 0,
  /** A vendor error, or `keyring check` found a key that does not work. */
  failed: 1,
  /**
   * Bad arguments or settings (nothing was sent), or a write without its consent: --yes off a terminal (nothing was
   * sent), --allow-connection-key for the key keyring itself uses (found by the reads; nothing was written).
   */
  usage: 2,
  /** `keyring audit --older-than N` found keys older than N days. */
  stale: 3,
  /** `keyring identify`, `keyring revoke`: no configured vendor knows a secret given (nothing was written for it). */
  unknown: 4,
  /**
   * A write's question was answered no (anything but y or yes): nothing was written. Not 4: that is `identify` and
   * `revoke`'s "no configured vendor knows the secret".
   */
  declined: 5,
  /** Interrupted by SIGINT (Ctrl-C) during a write: 128 + 2, as a shell reports a process killed by it. */
  sigint: 130,
  /** Interrupted by SIGTERM during a write: 128 + 15. */
  sigterm: 143,
} as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

export const SIGNAL_EXIT: Record<SignalName, ExitStatus> = { SIGINT: EXIT.sigint, SIGTERM: EXIT.sigterm };

/** A mistake in the command line or the environment, found before any request: exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Writes to stdout and resolves once the text is handed to the system (rejects if it cannot be): a secret must not wait in a buffer. */
export function writeFlushed(stdout: Io['stdout'], text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Text on one line, without control characters: no vendor-sent or user-typed text can move the cursor or fake a line. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** User-typed text quoted back in a message: one line, clipped (it could be anything, even pasted by mistake). */
export function quote(text: string): string {
  const line = oneLine(text);
  return `"${line.length > 40 ? `${line.slice(0, 40)}…` : line}"`;
}
