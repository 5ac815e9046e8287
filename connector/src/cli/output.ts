// How the `keyring` command shows things: plain tables, one-line errors with short advice per kind of failure (the
// connector's messages state facts; what to do about them is said here, once), and progress on a terminal.

import { BadResponseError, ConnectorError, NetworkError, RateLimitError, type Vendor } from '../errors';
import { KEY_ENV, BASE_URL_ENV } from './config';
import { UsageError, oneLine, type Io } from './io';

/** A table cell: '-' for nothing, else the value on one line. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  return oneLine(String(value));
}

/** The width a table aims at without --wide: a usual terminal's, with room to spare. */
const TABLE_WIDTH = 100;

/** Length in code points (an emoji in a name counts once, and is never cut in half). */
const length = (text: string) => Array.from(text).length;

function cut(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** The option of the commands that print tables. */
export const WIDE_OPTION = { type: 'boolean', help: 'every field in full: whole names and dates (wider than 100 columns)' } as const;

interface TableOptions {
  /** Every cell in full, however wide the table gets. */
  wide?: boolean;
  /** The columns that may be cut (with `…`) to fit TABLE_WIDTH, in the order they are cut: [index, least width]. */
  cuttable?: ReadonlyArray<readonly [number, number]>;
}

/**
 * A table with a header row; columns padded to their widest cell. Unless `wide`, the cuttable columns give up width,
 * one after the other, until the table fits TABLE_WIDTH columns (or each is at its least width); cut cells end in `…`.
 */
export function table(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>, options: TableOptions = {}): string {
  const cells = [header.map(cell), ...rows.map((row) => row.map(cell))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => length(row[i] ?? ''))));
  if (!options.wide) {
    const total = () => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1);
    // The cuttable columns in the order given: each down to its least width (never narrower than its header) before the next.
    for (const [i, least] of options.cuttable ?? []) {
      const floor = Math.max(least, length(header[i] ?? ''));
      const over = total() - TABLE_WIDTH;
      if (over <= 0) break;
      const width = widths[i] ?? 0;
      if (width > floor) widths[i] = Math.max(floor, width - over);
    }
  }
  return (
    cells
      .map((row) =>
        row
          .map((text, i) => {
            const width = widths[i] ?? 0;
            const shown = cut(text, width);
            return i === row.length - 1 ? shown : shown + ' '.repeat(width - length(shown));
          })
          .join('  '),
      )
      .join('\n') + '\n'
  );
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** What to do, by kind of failure (the message already says what happened). */
function advice(error: ConnectorError, write: boolean): string {
  const vendor: Vendor = error.vendor;
  switch (error.kind) {
    case 'input':
      return '';
    case 'auth':
      return `Check ${KEY_ENV[vendor]}: the key is wrong, revoked or deleted.`;
    case 'forbidden':
      return `${KEY_ENV[vendor]} is not allowed to do this: use a key with more rights.`;
    case 'not_found':
      return `Check the id (keyring list ${vendor.toLowerCase()} shows them).`;
    case 'validation':
      return 'Check the values given.';
    case 'rate_limited': {
      const wait = error instanceof RateLimitError ? error.retryAfterSeconds : undefined;
      return wait === undefined ? 'Wait a minute, then try again.' : `Wait ${wait} s, then try again.`;
    }
    case 'network':
    case 'bad_response':
    case 'server':
      // Not a passing fault: SMASHSEND's timestamp cursor cannot get past an instant that holds more keys than a page.
      if (error instanceof BadResponseError && error.reason === 'crowded_instant') {
        return `Contact ${vendor} support, naming that instant, or delete the keys created then that you no longer need, so that fewer share it.`;
      }
      // A write whose answer was lost may have happened: a blind retry could make a second key.
      if (write && !(error instanceof NetworkError && (error.reason === 'refused' || error.reason === 'dns'))) {
        return `The change may have been made anyway: check with keyring list ${vendor.toLowerCase()} before trying again.`;
      }
      if (error.kind === 'network') return `Try again later; check the network and ${BASE_URL_ENV[vendor]} if it is set.`;
      return 'Try again later.';
    case 'http':
      return '';
    case 'connection_key':
      return `Add --allow-connection-key if you mean it, then update ${KEY_ENV[vendor]} (keyring uses that key).`;
  }
}

/** One line for any failure, never a stack: "keyring: <what happened> <what to do>". */
export function errorLine(error: unknown, options: { write?: boolean } = {}): string {
  if (error instanceof UsageError) return error.message.startsWith('keyring ') ? `${error.message}\n` : `keyring: ${error.message}\n`;
  if (error instanceof ConnectorError) {
    const what = error.message;
    const todo = advice(error, options.write === true);
    return `keyring: ${what}${todo ? ` ${todo}` : ''}\n`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `keyring: unexpected problem: ${detail.split('\n')[0] ?? ''}\n`;
}

/** A progress line on stderr, rewritten in place; only on a terminal (a log file would collect every step). */
export function progress(io: Io): { show(text: string): void; clear(): void } {
  const on = io.stderr.isTTY === true;
  let shown = false;
  return {
    show(text) {
      if (!on) return;
      io.stderr.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    clear() {
      if (on && shown) io.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}
