// The `keyring` command line: one table of commands (command.ts) drives parsing (node:util parseArgs), help and
// consent; main runs the command and turns every failure into one line on stderr and an exit status (never a stack).
// A command that writes passes the consent gate first (consent.ts) and hears SIGINT / SIGTERM while it runs.

import { parseArgs } from 'node:util';
import { ConnectionKeyError } from '../connectionKey';
import { ConnectorError } from '../errors';
import { AUDIT } from './audit';
import { CHECK } from './check';
import { helpOf, optionsOf, overviewOf, refusedOptionsOf, type Command } from './command';
import { CREATE } from './create';
import { DELETE } from './delete';
import { FIND } from './find';
import { IDENTIFY } from './identify';
import { Consent, InterruptedError, writeFlags, type AnswerPlace } from './consent';
import { EXIT, SIGNAL_EXIT, UsageError, quote, type ExitStatus, type Io } from './io';
import { LIST } from './list';
import { errorLine } from './output';
import { RESET } from './reset';
import { REVOKE } from './revoke';
import { ROTATE } from './rotate';
import { REACTIVATE, SUSPEND } from './suspend';

// The package's version, written into the built command by tsup (connector/tsup.config.ts); from source, "development".
declare const __KEYRING_VERSION__: string | undefined;
const VERSION = typeof __KEYRING_VERSION__ === 'string' ? __KEYRING_VERSION__ : 'development';

/** Every command, in the order help lists them. A command that writes says so (`writes: true`): see command.ts. */
export const COMMANDS: readonly Command[] = [
  CHECK,
  LIST,
  FIND,
  IDENTIFY,
  AUDIT,
  CREATE,
  ROTATE,
  RESET,
  DELETE,
  SUSPEND,
  REACTIVATE,
  REVOKE,
];

const WRITERS = COMMANDS.filter((command) => command.writes).map((command) => command.name);

const HELP = `Usage: keyring <command> [options]

Manage the API keys of SMASHSEND, SmartLead and SMARTe signals from the shell.

Commands:
${overviewOf(COMMANDS)}

Commands that change keys (${WRITERS.join(', ')}) show what they will do on a
terminal and ask [y/N]; when stdin is not a terminal they need --yes (revoke, whose stdin carries the secrets, asks on
the terminal, /dev/tty, when stderr is one). --dry-run does the reads, prints the plan and changes nothing. A new
key's value goes to stdout alone, once; everything meant for a person goes to stderr. identify and revoke read the
secrets on stdin (or --secret-file), never as arguments, and never show them.

Environment:
  SMASHSEND_API_KEY, SMASHSEND_WORKSPACE_ID (optional: found from the key), SMARTLEAD_API_KEY, SMARTE_API_KEY
  SMASHSEND_API_KEY_FILE, SMARTLEAD_API_KEY_FILE, SMARTE_API_KEY_FILE: a file holding the key instead (safer)
  SMASHSEND_BASE_URL, SMARTLEAD_BASE_URL, SMARTE_BASE_URL: other hosts (https, or http on a loopback address)

Exit status: 0 ok (a find that finds nothing included), 1 a vendor error (or a key that fails its check), 2 a usage
error or a write without its consent (--yes, --allow-connection-key), 3 audit found old keys, 4 no configured vendor
knows a secret (identify, revoke), 5 a question answered no, 130 / 143 a write interrupted by SIGINT / SIGTERM.
Run keyring <command> --help for a command's options; keyring --version for the version.
`;

function commandNamed(name: string | undefined): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
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
    if (name === undefined) {
      io.stderr.write(HELP);
      return EXIT.usage;
    }
    const topic = name === 'help' ? commandNamed(rest[0]) : undefined;
    io.stdout.write(topic ? helpOf(topic) : HELP);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = commandNamed(name);
  if (command === undefined) {
    const names = COMMANDS.map((c) => c.name);
    io.stderr.write(`keyring: unknown command ${quote(name)}: ${names.slice(0, -1).join(', ')} or ${names.at(-1)} (see keyring --help).\n`);
    return EXIT.usage;
  }
  try {
    const refused = refusedOptionsOf(command);
    // A consent option the command is not offered is parsed too, only to be refused below saying why it does not apply.
    const options = {
      ...optionsOf(command),
      ...Object.fromEntries(Object.keys(refused).map((option) => [option, { type: 'boolean' as const }])),
    };
    const notApplicable = (option: string) =>
      new UsageError(`keyring ${name}: --${option} does not apply: ${refused[option]} (see keyring ${name} --help).`);
    // Given a value (`--allow-connection-key=true`), parseArgs would only say the option takes none: say why it does not apply.
    const optionArgs = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
    for (const option of Object.keys(refused)) {
      if (optionArgs.some((arg) => arg.startsWith(`--${option}=`))) throw notApplicable(option);
    }
    let parsed;
    try {
      parsed = parseArgs({ args: joinNegativeValues(rest, options), options, allowPositionals: true, strict: true });
    } catch (error) {
      // parseArgs says what was wrong ("Unknown option '--x'"); its own text may span lines.
      const what = error instanceof Error ? (error.message.split(/\n|\. /)[0] ?? '') : String(error);
      const shown = command.secretsOnStdin ? withoutSecrets(what) : what;
      throw new UsageError(`keyring ${name}: ${shown.replace(/\.$/, '')} (see keyring ${name} --help).`);
    }
    const { values, positionals } = parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
    for (const option of Object.keys(refused)) {
      if (values[option] !== undefined) throw notApplicable(option);
    }
    if (values.help === true) {
      io.stdout.write(helpOf(command));
      return EXIT.ok;
    }
    if (positionals.length > command.maxPositionals) {
      if (command.secretsOnStdin) {
        // Not quoted back: it may well be the secret itself.
        throw new UsageError(
          `keyring ${name} takes no arguments (not shown here): give the secret on stdin, one per line, or in a file with --secret-file <path>, never as an argument, which shows in ps and the shell history (see keyring ${name} --help).`,
        );
      }
      const extra = positionals[command.maxPositionals] ?? '';
      throw new UsageError(`keyring ${name}: unexpected ${quote(extra)} (see keyring ${name} --help).`);
    }
    const args = { positionals, options: values, json: values.json === true };
    if (!command.writes) return await command.prepare(args)(io);
    const run = command.prepare(args);
    // The gate: off a terminal without --yes (or --dry-run), refused here, before any request (or any input read).
    const place = command.secretsOnStdin?.(args) ? answerPlace(io) : undefined;
    const consent = new Consent(io, [name, ...positionals.slice(0, 1)].join(' '), writeFlags(values), args.json, place);
    try {
      return await consent.whileTrapped(() => run(io, consent));
    } catch (error) {
      if (error instanceof InterruptedError) {
        io.stderr.write(`keyring: ${error.message}: nothing was written.\n`);
        return SIGNAL_EXIT[error.signal];
      }
      if (error instanceof UsageError) throw error;
      io.stderr.write((command.errorLine ?? writeErrorLine)(error));
      return exitFor(error);
    }
  } catch (error) {
    io.stderr.write(errorLine(error));
    return exitFor(error);
  }
}

/**
 * Where a command whose stdin carries the secrets asks its question: the controlling terminal (/dev/tty), and only
 * when stderr, where the plan and the question are shown, is a terminal too (else a person could not see what they
 * answer). Neither: no question can be asked, and the write needs --yes.
 */
function answerPlace(io: Io): AnswerPlace {
  const source = io.stderr.isTTY === true ? io.controllingTerminal?.() : undefined;
  return {
    source,
    missing:
      'no terminal can be asked (stdin carries the secrets; the question needs stderr and the controlling terminal, /dev/tty, to be terminals)',
  };
}

/** A parse error of a command that reads secrets: an option is quoted back only when it looks like an option name. */
function withoutSecrets(message: string): string {
  return message.replace(/'([^']*)'/g, (quoted, inner: string) =>
    /^--?[a-z][a-z-]{0,29}( <value>)?$/i.test(inner) ? quoted : '(not shown: it could be a secret)',
  );
}

/** A write's failure: a lost answer to anything but a read may mean the change happened. */
function writeErrorLine(error: unknown): string {
  return errorLine(error, { write: error instanceof ConnectorError && !error.readOnly });
}

function exitFor(error: unknown): ExitStatus {
  if (error instanceof UsageError) return EXIT.usage;
  // An input the connector refused before sending anything (e.g. a key id that is not an id) is a usage error.
  if (error instanceof ConnectorError && error.kind === 'input') return EXIT.usage;
  // A write to the key keyring itself uses, without its consent (--allow-connection-key): nothing was written.
  if (error instanceof ConnectionKeyError) return EXIT.usage;
  return EXIT.failed;
}
