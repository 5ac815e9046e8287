#!/usr/bin/env node
// The `keyring` executable: runs the command line against the real process (argv, environment, stdin, stdout, stderr,
// signals) and exits with its status. Nothing here may print a stack: main() catches everything it can, this catches
// the rest.

import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ReadStream, isatty } from 'node:tty';
import { SIGNAL_EXIT, type AnswerSource, type Io, type SignalName } from './io';
import { main } from './main';

// A reader that went away (`keyring list smashsend | head`) is not an error worth a stack.
process.stdout.on('error', () => process.exit(process.exitCode ?? 0));

/** One line from stdin (a question's answer); undefined at the end of the input. */
function readLine(input: NodeJS.ReadableStream = process.stdin): Promise<string | undefined> {
  return new Promise((resolve) => {
    // Not a terminal interface: the terminal keeps its own line editing, and Ctrl-C stays a SIGINT for trapSignals.
    const lines = createInterface({ input, terminal: false });
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

/** stdin to its end, or its first `maxBytes` + 1 bytes (then no more is read). */
async function readAll(maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    length += bytes.length;
    if (length > maxBytes) break;
  }
  return Buffer.concat(chunks)
    .subarray(0, maxBytes + 1)
    .toString('utf8');
}

/** `stty` on the terminal that is stdin; true if it worked. */
function stty(setting: string): boolean {
  return spawnSync('stty', [setting], { stdio: ['inherit', 'ignore', 'ignore'] }).status === 0;
}

/**
 * Turns the terminal's echo off (stty -echo: its line editing, Ctrl-C and Ctrl-D stay) and returns what turns it back
 * on; undefined when stdin is no terminal or stty is missing. Node restores the terminal's settings when it exits, a
 * signal's exit included, so the echo comes back even if keyring is stopped while reading.
 */
function hideInput(): (() => void) | undefined {
  if (!isatty(0) || !stty('-echo')) return undefined;
  return () => void stty('echo');
}

/** The controlling terminal, if the process has one: each answer read from /dev/tty, opened for that answer only. */
function controllingTerminal(): AnswerSource | undefined {
  try {
    closeSync(openSync('/dev/tty', 'r'));
  } catch {
    return undefined; // no controlling terminal (ENXIO), or not allowed to use it
  }
  return {
    isTTY: true,
    readLine: async () => {
      const tty = new ReadStream(openSync('/dev/tty', 'r'));
      try {
        return await readLine(tty);
      } finally {
        tty.destroy();
      }
    },
  };
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
  stdin: { isTTY: isatty(0), readLine: () => readLine(), readAll, hideInput },
  controllingTerminal,
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
