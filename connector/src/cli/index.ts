#!/usr/bin/env node
// The `keyring` executable: runs the command line against the real process (argv, environment, stdin, stdout, stderr,
// signals) and exits with its status. Nothing here may print a stack: main() catches everything it can, this catches
// the rest.

import { createInterface } from 'node:readline';
import { isatty } from 'node:tty';
import { SIGNAL_EXIT, type Io, type SignalName } from './io';
import { main } from './main';

// A reader that went away (`keyring list smashsend | head`) is not an error worth a stack.
process.stdout.on('error', () => process.exit(process.exitCode ?? 0));

/** One line from stdin (a question's answer); undefined at the end of the input. */
function readLine(): Promise<string | undefined> {
  return new Promise((resolve) => {
    // Not a terminal interface: the terminal keeps its own line editing, and Ctrl-C stays a SIGINT for trapSignals.
    const lines = createInterface({ input: process.stdin, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

/** SIGINT and SIGTERM go to `listener` while a write runs; a second one ends the process at once. */
function trapSignals(listener: (signal: SignalName) => void): () => void {
  let heard = false;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => {
      if (heard) {
        process.stderr.write(`keyring: ${signal} again: stopped at once; check with keyring list what was changed.\n`);
        process.exit(SIGNAL_EXIT[signal]);
      }
      heard = true;
      listener(signal);
    };
    process.on(signal, handler);
    return { signal, handler };
  });
  return () => handlers.forEach(({ signal, handler }) => process.off(signal, handler));
}

const io: Io = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: { isTTY: isatty(0), readLine },
  trapSignals,
};

main(process.argv.slice(2), io).then(
  (status) => {
    process.exitCode = status;
    // Interrupted: a request no longer awaited (a delete in flight) must not keep the process alive until it ends;
    // what was written (the new secret, the notes) is flushed first.
    if (status === SIGNAL_EXIT.SIGINT || status === SIGNAL_EXIT.SIGTERM) {
      process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
    }
  },
  (error: unknown) => {
    process.stderr.write(`keyring: unexpected problem: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exitCode = 1;
  },
);
