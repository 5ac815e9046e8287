// The secrets `keyring identify` and `keyring revoke` work on (a scanner hands over the secret itself, not a key id):
// read from stdin, one per line, or from the file --secret-file names, and never from an argument (arguments show in
// `ps` and in the shell history); on a terminal, typed without echo where `stty` can turn it off. They are checked
// before any request, and kept out of every output: only their hint (`********` and the last 4) is ever shown, and the
// streams these commands write to replace any secret that slips into a message with its hint (`redacting`).

import type { Vendor } from '../errors';
import type { LeakClients } from '../leak';
import { maskSecret } from '../mask';
import { KEY_ENV, VENDOR_ARGS, VENDOR_OF, configuredClients, readBounded, unreadable, type VendorArg } from './config';
import { UsageError, type Io } from './io';

/** The options of the commands that read secrets. */
export const SECRET_OPTIONS = {
  'secret-file': { type: 'string', value: '<path>', help: 'read the secrets from this file (one per line) instead of stdin' },
  vendors: {
    type: 'string',
    value: '<list>',
    help: 'ask only these vendors, comma-separated: smashsend,smartlead,smarte (default: every configured one)',
  },
} as const;

/** More input than this is not a list of secrets (and `< /dev/zero` must not fill the memory). */
const MAX_INPUT_BYTES = 1024 * 1024;
/** No API key of these vendors is shorter or longer. */
const SHORTEST = 8;
const LONGEST = 1024;

/** A secret's hint: `********` and its last 4 characters (a short one masked whole). */
export function hintOf(secret: string): string {
  return maskSecret(secret);
}

/** --secret-file's value, checked (never quoted back: a secret given there by mistake must not be shown). */
export function secretFileOption(command: string, value: string | boolean | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.trim() === '') throw new UsageError(`keyring ${command}: --secret-file needs a path.`);
  return value;
}

/** --vendors, as the connector names them; undefined for every configured vendor. Never quoted back either. */
export function vendorsOption(command: string, value: string | boolean | undefined): Vendor[] | undefined {
  if (typeof value !== 'string') return undefined;
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  const known = names.map((name) => VENDOR_ARGS.find((arg) => arg === name));
  if (names.length === 0 || known.some((arg) => arg === undefined)) {
    throw new UsageError(
      `keyring ${command}: --vendors takes smashsend, smartlead and smarte, comma-separated (what was given is not shown: it could be a secret).`,
    );
  }
  return VENDOR_ARGS.filter((arg) => known.includes(arg)).map((arg) => VENDOR_OF[arg]);
}

/** The clients of the vendors to ask: every configured one, or those --vendors names (each must be configured). */
export function leakClients(io: Io, command: string, vendors: readonly Vendor[] | undefined): { clients: LeakClients; asked: Vendor[] } {
  const all = configuredClients(io);
  const asked: Vendor[] = [];
  const clients: LeakClients = {};
  for (const arg of VENDOR_ARGS) {
    const vendor = VENDOR_OF[arg];
    if (vendors !== undefined && !vendors.includes(vendor)) continue;
    if (all[arg] === undefined) {
      if (vendors === undefined) continue;
      throw new UsageError(`keyring ${command}: --vendors names ${arg}, but ${KEY_ENV[vendor]} is not set.`);
    }
    setClient(clients, arg, all);
    asked.push(vendor);
  }
  return { clients, asked };
}

function setClient(clients: LeakClients, arg: VendorArg, all: LeakClients): void {
  if (arg === 'smashsend') clients.smashsend = all.smashsend;
  else if (arg === 'smartlead') clients.smartlead = all.smartlead;
  else clients.smarte = all.smarte;
}

/**
 * The secrets given, each once, in the order given: the lines of the file --secret-file names, or of stdin (on a
 * terminal, after a prompt, typed without echo where it can be turned off). Blank lines are skipped; a line that
 * cannot be a secret (spaces inside, characters no key has, too short or too long), no secret at all, or too much
 * input is a usage error that names the line, never its content — before any request.
 */
export async function readSecrets(io: Io, command: string, file: string | undefined): Promise<string[]> {
  const source = file === undefined ? 'stdin' : 'the --secret-file file';
  let text: string;
  if (file !== undefined) {
    try {
      text = readBounded(file, MAX_INPUT_BYTES);
    } catch (error) {
      // The path is not shown: a secret given as --secret-file's value by mistake must not be.
      throw new UsageError(`keyring ${command}: the file --secret-file names cannot be read: ${unreadable(error)}.`);
    }
  } else {
    text = await readStdin(io, command);
  }
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES)
    throw new UsageError(`keyring ${command}: ${source} holds more than 1 MiB: that is no list of secrets.`);
  const secrets: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const problem = /\s/.test(line)
      ? 'holds spaces: one secret per line, alone'
      : !/^[\x21-\x7e]+$/.test(line)
        ? 'holds characters no API key has'
        : line.length < SHORTEST
          ? 'is too short to be an API key'
          : line.length > LONGEST
            ? 'is too long to be an API key'
            : undefined;
    if (problem !== undefined)
      throw new UsageError(`keyring ${command}: line ${index + 1} of ${source} ${problem} (not shown). Nothing was sent.`);
    secrets.push(line);
  });
  if (secrets.length === 0) {
    throw new UsageError(
      `keyring ${command} read no secret from ${source}: give one per line on stdin, or in a file with --secret-file <path> (never as an argument).`,
    );
  }
  const unique = [...new Set(secrets)];
  const repeats = secrets.length - unique.length;
  if (repeats > 0)
    io.stderr.write(`${repeats} of the secrets given ${repeats === 1 ? 'was a repeat' : 'were repeats'}: each secret is taken once.\n`);
  return unique;
}

async function readStdin(io: Io, command: string): Promise<string> {
  const stdin = io.stdin;
  if (stdin?.readAll === undefined)
    throw new UsageError(`keyring ${command} has no stdin to read the secrets from: use --secret-file <path>.`);
  if (stdin.isTTY !== true) return stdin.readAll(MAX_INPUT_BYTES);
  const restoreEcho = stdin.hideInput?.();
  io.stderr.write(
    `Paste the secret (one per line; several are fine), then Ctrl-D${restoreEcho ? ' (it is not shown as you type)' : ' (it shows as you type: clear the screen afterwards)'}: `,
  );
  try {
    return await stdin.readAll(MAX_INPUT_BYTES);
  } finally {
    restoreEcho?.();
    io.stderr.write('\n');
  }
}

/**
 * `io` with every secret given replaced by its hint in whatever is written to stdout and stderr: a vendor's message or
 * a runtime error quoting one must not show it. The new secret of a replacement is no secret given, and goes through.
 */
export function redacting(io: Io, secrets: readonly string[]): Io {
  const longestFirst = [...secrets].sort((a, b) => b.length - a.length);
  const redact = (text: string) => longestFirst.reduce((shown, secret) => shown.split(secret).join(hintOf(secret)), text);
  return {
    ...io,
    stdout: { write: (text, callback) => io.stdout.write(redact(text), callback) },
    stderr: { write: (text) => io.stderr.write(redact(text)), isTTY: io.stderr.isTTY },
  };
}
