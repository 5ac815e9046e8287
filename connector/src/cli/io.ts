// What every `keyring` command works with: its output streams, the environment, the exit statuses and the usage error.
// Commands take these as arguments (not process globals), so the one place that touches the process is cli/index.ts.

export interface Io {
  /** Data only: tables, JSON, and the one new secret of a rotation. */
  stdout: { write(text: string): unknown };
  /** Everything meant for the person: progress, notes, warnings, errors. */
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** Exit statuses, documented in `keyring --help` and the README. */
export const EXIT = {
  ok: 0,
  /** A vendor error, or `keyring check` found a key that does not work. */
  failed: 1,
  /** Bad arguments or settings: nothing was sent. */
  usage: 2,
  /** `keyring audit --older-than N` found keys older than N days. */
  stale: 3,
} as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in the command line or the environment, found before any request: exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
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
