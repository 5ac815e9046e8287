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

/** A table with a header row; columns padded to their widest cell. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const cells = [header.map(cell), ...rows.map((row) => row.map(cell))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells.map((row) => row.map((text, i) => (i === row.length - 1 ? text : text.padEnd(widths[i] ?? 0))).join('  ')).join('\n') + '\n';
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
