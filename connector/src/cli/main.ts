// The `keyring` command line: reads the command and its options (node:util parseArgs), runs it, and turns every
// failure into one line on stderr and an exit status (never a stack). Help for every command.

import { parseArgs } from 'node:util';
import { ConnectorError } from '../errors';
import { AUDIT_HELP, audit } from './audit';
import { CHECK_HELP, check } from './check';
import { vendorArg } from './config';
import { EXIT, UsageError, quote, type ExitStatus, type Io } from './io';
import { LIST_HELP, list } from './list';
import { errorLine } from './output';
import { ROTATE_HELP, rotate, rotateErrorLine } from './rotate';

// The package's version, written into the built command by tsup (connector/tsup.config.ts); from source, "development".
declare const __KEYRING_VERSION__: string | undefined;
export const VERSION = typeof __KEYRING_VERSION__ === 'string' ? __KEYRING_VERSION__ : 'development';

export const HELP = `Usage: keyring <command> [options]

Manage the API keys of SMASHSEND, SmartLead and SMARTe signals from the shell.

Commands:
  check                                    check every configured key (one line per vendor)
  list <smashsend|smartlead|smarte>        a vendor's keys, values masked
  audit [--older-than <days>]              every key of every configured vendor, with its age
  rotate smashsend <apiKeyId> [--keep-old] a new key of the same name and role; the old one deleted
  rotate smartlead <keyId>                 a reset: a new value for the same key

Environment:
  SMASHSEND_API_KEY, SMASHSEND_WORKSPACE_ID (optional: found from the key), SMARTLEAD_API_KEY, SMARTE_API_KEY
  SMASHSEND_API_KEY_FILE, SMARTLEAD_API_KEY_FILE, SMARTE_API_KEY_FILE: a file holding the key instead (safer)
  SMASHSEND_BASE_URL, SMARTLEAD_BASE_URL, SMARTE_BASE_URL: other hosts (https, or http on a loopback address)

Exit status: 0 ok, 1 a vendor error (or a key that fails its check), 2 a usage error, 3 audit found old keys.
Run keyring <command> --help for a command's options; keyring --version for the version.
`;

const COMMANDS = {
  check: { help: CHECK_HELP, options: {} },
  list: { help: LIST_HELP, options: {} },
  audit: { help: AUDIT_HELP, options: { 'older-than': { type: 'string' } } },
  rotate: { help: ROTATE_HELP, options: { 'keep-old': { type: 'boolean' } } },
} as const;
type Command = keyof typeof COMMANDS;

function isCommand(name: string | undefined): name is Command {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/**
 * A negative number after an option that takes a value (`--older-than -3`) is that option's value, not another option:
 * parseArgs would call it "ambiguous", so it is joined (`--older-than=-3`) and checked like any other value, with the
 * same message whichever way it was written.
 */
function joinNegativeValues(args: readonly string[], options: Readonly<Record<string, { type: string }>>): string[] {
  const takesValue = new Set(Object.keys(options).filter((option) => options[option]?.type === 'string'));
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    if (arg.startsWith('--') && takesValue.has(arg.slice(2)) && next !== undefined && /^-[0-9.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i += 1;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** Runs one command line; resolves to the exit status. Writes only through `io`. */
export async function main(argv: readonly string[], io: Io): Promise<ExitStatus> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (name === undefined) {
      io.stderr.write(HELP);
      return EXIT.usage;
    }
    io.stdout.write(isCommand(topic) ? COMMANDS[topic].help : HELP);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (!isCommand(name)) {
    io.stderr.write(`keyring: unknown command ${quote(name)}: check, list, audit or rotate (see keyring --help).\n`);
    return EXIT.usage;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: joinNegativeValues(rest, COMMANDS[name].options),
        options: { ...COMMANDS[name].options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      // parseArgs says what was wrong ("Unknown option '--x'"); its own text may span lines.
      const what = error instanceof Error ? (error.message.split(/\n|\. /)[0] ?? '') : String(error);
      throw new UsageError(`keyring ${name}: ${what.replace(/\.$/, '')} (see keyring ${name} --help).`);
    }
    const { values, positionals } = parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
    if (values.help === true) {
      io.stdout.write(COMMANDS[name].help);
      return EXIT.ok;
    }
    const json = values.json === true;
    const tooMany = (count: number) => {
      if (positionals.length > count)
        throw new UsageError(`keyring ${name}: unexpected ${quote(positionals[count] ?? '')} (see keyring ${name} --help).`);
    };
    switch (name) {
      case 'check':
        tooMany(0);
        return await check(io, { json });
      case 'list':
        tooMany(1);
        return await list(io, vendorArg('list', positionals[0]), { json });
      case 'audit':
        tooMany(0);
        return await audit(io, { json, olderThan: values['older-than'] as string | undefined });
      case 'rotate':
        tooMany(2);
        try {
          return await rotate(io, vendorArg('rotate', positionals[0]), positionals[1], { json, keepOld: values['keep-old'] === true });
        } catch (error) {
          if (error instanceof UsageError) throw error;
          io.stderr.write(rotateErrorLine(error));
          return exitFor(error);
        }
    }
  } catch (error) {
    io.stderr.write(errorLine(error));
    return exitFor(error);
  }
}

function exitFor(error: unknown): ExitStatus {
  if (error instanceof UsageError) return EXIT.usage;
  // An input the connector refused before sending anything (e.g. a key id that is not an id) is a usage error.
  if (error instanceof ConnectorError && error.kind === 'input') return EXIT.usage;
  return EXIT.failed;
}
