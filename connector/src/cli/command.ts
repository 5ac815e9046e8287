// What a `keyring` command is, as the one table in main.ts lists it: its forms, options, how many positionals it
// takes and whether it writes. The table drives parsing, help and consent together: a command that writes gets
// --yes and --dry-run, the consent gate before it runs and the consent section of its help, so no write command can
// be added without them; and --allow-connection-key when it can change the key keyring itself uses (each write says
// whether it can: one that cannot is not offered the option, and refuses it by name).

import type { Consent } from './consent';
import { WRITE_OPTIONS } from './consent';
import type { ExitStatus, Io } from './io';

interface OptionSpec {
  type: 'boolean' | 'string';
  /** How help shows the option's value, e.g. `<days>`. */
  value?: string;
  help: string;
}

/** A command line, parsed: what `prepare` checks. */
export interface CommandArgs {
  positionals: readonly string[];
  /** The command's own options as given (booleans true when present). */
  options: Readonly<Record<string, string | boolean | undefined>>;
  json: boolean;
}

interface CommandSpec {
  name: string;
  /** Each form of the command after `keyring <name>` (its own options included), with one line for `keyring --help`. */
  forms: ReadonlyArray<{ usage: string; summary: string }>;
  /** What it does, for `keyring <name> --help`. */
  about: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** What --json prints. */
  json: string;
  maxPositionals: number;
  /** Its exit statuses, for its help. */
  exitStatus: string;
  /**
   * A command that reads secrets (identify, revoke): whether, for these arguments, they come on stdin (else from a
   * file). Its arguments are never quoted back in a message: a secret typed as one must not be shown again.
   */
  secretsOnStdin?: (args: CommandArgs) => boolean;
}

export interface ReadCommand extends CommandSpec {
  writes: false;
  /** Checks the arguments (a UsageError or InputError, before anything is sent) and returns the run. */
  prepare(args: CommandArgs): (io: Io) => Promise<ExitStatus>;
}

export interface WriteCommand extends CommandSpec {
  writes: true;
  /** As for a read; the run gets the consent to ask (`approve`) after its reads and before its first write. */
  prepare(args: CommandArgs): (io: Io, consent: Consent) => Promise<ExitStatus>;
  /** The error line of a failure (default: errorLine, with a write's caution when the failed request was not a GET). */
  errorLine?: (error: unknown) => string;
  /** Its own consent paragraph for its help, when the common one does not say it right. */
  consentHelp?: string;
  /**
   * Whether --allow-connection-key means something for it: true when it can change the key keyring itself uses, which
   * then needs that option wherever no question is asked; otherwise why the option does not apply. It is then not
   * offered: not in the command's help, and given, a usage error saying that reason, before anything is read or sent.
   */
  connectionKeyOption: true | { notApplicable: string };
}

export type Command = ReadCommand | WriteCommand;

/** The consent options a write command takes: all of them, or all but --allow-connection-key where it does not apply. */
function writeOptionsOf(command: WriteCommand): Array<[string, (typeof WRITE_OPTIONS)[keyof typeof WRITE_OPTIONS]]> {
  return Object.entries(WRITE_OPTIONS).filter(([name]) => name !== 'allow-connection-key' || command.connectionKeyOption === true);
}

/** Every option a command accepts, as parseArgs takes them: its own, --json and --help, and for a write the consent options. */
export function optionsOf(command: Command): Record<string, { type: 'boolean' | 'string'; short?: string }> {
  const own = Object.fromEntries(Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type }]));
  const writes = command.writes ? Object.fromEntries(writeOptionsOf(command).map(([name, spec]) => [name, { type: spec.type }])) : {};
  return { ...own, ...writes, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
}

/**
 * The consent options a write command is not offered, each with why it does not apply to it: main.ts parses them (so
 * that one given is found wherever it stands, however it is written) only to refuse them by name.
 */
export function refusedOptionsOf(command: Command): Record<string, string> {
  if (!command.writes || command.connectionKeyOption === true) return {};
  return { 'allow-connection-key': command.connectionKeyOption.notApplicable };
}

/** The consent paragraph of a write's help. */
const COMMON_CONSENT = `It changes keys. On a terminal it first shows what it is about to do and asks [y/N] (anything but y or yes
is no); when stdin is not a terminal it needs --yes, and refuses without it before any request.`;

/** What the common consent paragraph adds for a write that can change the key keyring itself uses. */
const CONNECTION_KEY_CONSENT = `Changing the
key keyring itself uses needs a yes to the question that names it, or --allow-connection-key off a terminal
(and with --yes); update that key's variable afterwards.`;

/** `keyring <name> --help`, from the table. */
export function helpOf(command: Command): string {
  const usages = command.forms.map((form, i) => {
    const parts = [`keyring ${command.name}`, form.usage, command.writes ? '[--yes | --dry-run]' : '', '[--json]'];
    return `${i === 0 ? 'Usage: ' : '       '}${parts.filter((part) => part !== '').join(' ')}`;
  });
  const options: Array<[string, string]> = [
    ...Object.entries(command.options).map(([name, spec]): [string, string] => [
      `--${name}${spec.value ? ` ${spec.value}` : ''}`,
      spec.help,
    ]),
    ['--json', command.json],
    ...(command.writes ? writeOptionsOf(command).map(([name, spec]): [string, string] => [`--${name}`, spec.help]) : []),
    ['-h, --help', ''],
  ];
  const width = Math.max(...options.map(([flag]) => flag.length)) + 2;
  const consent = command.writes ? `\n\n${command.consentHelp ?? commonConsent(command)}` : '';
  return `${usages.join('\n')}

${command.about}${consent}

Options:
${options.map(([flag, help]) => `  ${help ? flag.padEnd(width) + help : flag}`.trimEnd()).join('\n')}

Exit status: ${command.exitStatus}
`;
}

/** The common consent paragraph, with what it says about the key keyring itself uses where that applies. */
function commonConsent(command: WriteCommand): string {
  return command.connectionKeyOption === true ? `${COMMON_CONSENT} ${CONNECTION_KEY_CONSENT}` : COMMON_CONSENT;
}

/** The command list of `keyring --help`: every form of every command, one line each. */
export function overviewOf(commands: readonly Command[]): string {
  const rows = commands.flatMap((command) => command.forms.map((form) => [`${command.name} ${form.usage}`.trim(), form.summary] as const));
  const width = Math.max(...rows.map(([usage]) => usage.length)) + 2;
  return rows.map(([usage, summary]) => `  ${usage.padEnd(width)}${summary}`).join('\n');
}
