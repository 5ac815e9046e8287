// Consent for the commands that write: nothing is changed unless the person agreed. Off a terminal a write needs
// --yes (refused before any request without it); on a terminal the command shows its plan, after its reads and before
// its first write, and asks [y/N]; --dry-run prints the plan and changes nothing. A command whose stdin carries data
// (the secrets `keyring revoke` reads) asks on another terminal, the controlling one (/dev/tty: main.ts's AnswerPlace). Writing to the key keyring itself
// uses is named in the plan and the question, and needs --allow-connection-key wherever no question is asked. While a
// write runs, SIGINT and SIGTERM abort its signal (the command finishes what it must, then exits 130 or 143).

import { EXIT, SIGNAL_EXIT, UsageError, oneLine, type AnswerSource, type ExitStatus, type Io, type SignalName } from './io';
import { json } from './output';
import { untilAborted } from '../abort';

/** The options every write command takes (added to its own by the command table). */
export const WRITE_OPTIONS = {
  yes: { type: 'boolean', help: 'go ahead without asking (needed when stdin is not a terminal)' },
  'dry-run': { type: 'boolean', help: 'do the reads, print the plan on stdout, change nothing' },
  'allow-connection-key': { type: 'boolean', help: 'allow changing the key keyring itself uses (asked on a terminal instead)' },
} as const;

export interface WriteFlags {
  yes: boolean;
  dryRun: boolean;
  allowConnectionKey: boolean;
}

export function writeFlags(values: Readonly<Record<string, string | boolean | undefined>>): WriteFlags {
  return { yes: values.yes === true, dryRun: values['dry-run'] === true, allowConnectionKey: values['allow-connection-key'] === true };
}

/** What a write is about to do, found by its reads: shown in the question, printed by --dry-run. Never a secret. */
export interface Plan {
  /** The steps, in order, one line each. */
  steps: readonly string[];
  /**
   * The write disables the key keyring itself authenticates with ('yes'), or keyring cannot tell ('unknown'): that
   * key's id, the variable that holds it, and what to do afterwards (default: update the variable with the new secret).
   */
  ownKey?: {
    match: 'yes' | 'unknown';
    keyId: string;
    variable: string;
    afterwards?: string;
    /**
     * Changing that key is what the command is for (`keyring revoke` of a leaked key): the consent every write needs
     * covers it, no --allow-connection-key. The plan and the question still name it.
     */
    plainConsent?: boolean;
  };
  /** The plan's facts for --dry-run --json (besides `dryRun`, `command` and `steps`). */
  data: Record<string, unknown>;
}

/** The write was interrupted (SIGINT, SIGTERM) before it changed anything. */
export class InterruptedError extends Error {
  constructor(readonly signal: SignalName) {
    super(`interrupted by ${signal} before anything was changed`);
    this.name = 'InterruptedError';
  }
}

/** Where the question is answered, when not on stdin (a command whose stdin carries data). */
export interface AnswerPlace {
  /** The terminal to read the answer from; undefined when there is none. */
  source: AnswerSource | undefined;
  /** Why no question can be asked, when `source` is no terminal (for the refusal). */
  missing: string;
}

export class Consent {
  private readonly controller = new AbortController();
  private heard: SignalName | undefined;
  private stopped: 'dry_run' | 'declined' | undefined;
  private readonly answers: AnswerSource | undefined;

  /**
   * Refuses (a UsageError, before any request) a write without --yes or --dry-run when no terminal can be asked: stdin,
   * or `place` for a command whose stdin carries data.
   */
  constructor(
    private readonly io: Io,
    /** The command as typed, e.g. `rotate smashsend`. */
    private readonly command: string,
    private readonly flags: WriteFlags,
    private readonly asJson: boolean,
    place?: AnswerPlace,
  ) {
    this.answers = place ? place.source : io.stdin;
    if (!flags.yes && !flags.dryRun && !this.onTerminal) {
      const missing = place?.missing ?? 'stdin is not a terminal to ask on';
      throw new UsageError(`keyring ${command} changes keys and ${missing}: add --yes to go ahead (--dry-run shows the plan first).`);
    }
  }

  /** Aborted on SIGINT or SIGTERM while the command runs (see `whileTrapped`). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The signal heard, if any, and the exit status it calls for. */
  interruption(): { signal: SignalName; status: ExitStatus } | undefined {
    return this.heard === undefined ? undefined : { signal: this.heard, status: SIGNAL_EXIT[this.heard] };
  }

  private get onTerminal(): boolean {
    return this.answers?.isTTY === true;
  }

  /** Whether a question will be asked (a terminal, no --yes, no --dry-run). */
  private get asking(): boolean {
    return this.onTerminal && !this.flags.yes && !this.flags.dryRun;
  }

  /**
   * Whether the command may go on to write to the key keyring itself uses (the reads find out whether it does): with
   * --allow-connection-key; when the question, which then names that key, will be asked; in a dry run (nothing is
   * written, and the plan says what a real run needs). Otherwise the connector refuses it before any write.
   */
  get allowConnectionKey(): boolean {
    return this.flags.allowConnectionKey || this.flags.dryRun || this.asking;
  }

  /** Runs the command with SIGINT and SIGTERM aborting `signal` instead of killing the process. */
  async whileTrapped<T>(work: () => Promise<T>): Promise<T> {
    const untrap = this.io.trapSignals?.((signal) => {
      if (this.heard !== undefined) return;
      this.heard = signal;
      // Said at once (the request in flight may take a while): what happens now, and how to stop harder.
      this.io.stderr.write(`keyring: ${signal} received: stopping without starting any further change (send it again to stop at once).\n`);
      this.controller.abort(signal);
    });
    try {
      return await work();
    } finally {
      untrap?.();
    }
  }

  /** Settles as `work` does, or rejects with an InterruptedError once a signal is heard (`work` is then left unobserved). */
  untilInterrupted<T>(work: Promise<T>): Promise<T> {
    return untilAborted(work, this.controller.signal, () => new InterruptedError(this.heard ?? 'SIGINT'));
  }

  /**
   * After the reads, before the first write: true to go ahead. A dry run prints the plan on stdout and says no; --yes
   * says yes; on a terminal the plan goes to stderr and the person answers [y/N]. Writing to keyring's own key where
   * no question is asked needs --allow-connection-key (a UsageError otherwise, nothing written).
   */
  async approve(plan: Plan): Promise<boolean> {
    if (this.flags.dryRun) {
      this.io.stdout.write(
        this.asJson ? json({ dryRun: true, command: this.command, steps: plan.steps, ...plan.data }) : this.describe(plan, 'would'),
      );
      this.io.stderr.write('Dry run: nothing was changed.\n');
      this.stopped = 'dry_run';
      return false;
    }
    if (plan.ownKey !== undefined && plan.ownKey.plainConsent !== true && !this.flags.allowConnectionKey && !this.asking) {
      throw new UsageError(
        `${plan.ownKey.keyId} ${plan.ownKey.match === 'yes' ? 'is' : 'may be'} the key keyring itself uses (${plan.ownKey.variable}): add --allow-connection-key if you mean it, then ${afterwards(plan.ownKey)}.`,
      );
    }
    if (!this.asking) return true;
    const question =
      plan.ownKey === undefined
        ? 'Go ahead?'
        : plan.ownKey.match === 'yes'
          ? 'Go ahead, changing the key keyring itself uses?'
          : 'Go ahead, although it may be the key keyring itself uses?';
    this.io.stderr.write(`${this.describe(plan, 'will')}${question} [y/N] `);
    const answer = await this.untilInterrupted(this.answers?.readLine() ?? Promise.resolve(undefined));
    if (/^\s*y(es)?\s*$/i.test(answer ?? '')) return true;
    if (answer === undefined) this.io.stderr.write('\n');
    this.io.stderr.write('Nothing was changed.\n');
    this.stopped = 'declined';
    return false;
  }

  /** The exit status once `approve` said no: 0 after a dry run, 5 after a question answered no. */
  notApproved(): ExitStatus {
    return this.stopped === 'dry_run' ? EXIT.ok : EXIT.declined;
  }

  /** The plan as a person reads it: the steps, then what it means for keyring's own key. */
  private describe(plan: Plan, verb: 'will' | 'would'): string {
    const lines = [`keyring ${this.command} ${verb}:`, ...plan.steps.map((step, i) => `  ${i + 1}. ${oneLine(step)}`)];
    const own = plan.ownKey;
    if (own !== undefined) {
      const which =
        own.match === 'yes'
          ? `${own.keyId} is the key keyring itself uses (${own.variable})`
          : `keyring cannot tell whether ${own.keyId} is the key it uses itself (${own.variable})`;
      const needs =
        verb === 'would' && own.plainConsent !== true ? ' A real run needs a yes on a terminal, or --allow-connection-key with --yes.' : '';
      lines.push(`${which}: afterwards, ${afterwards(own)}.${needs}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** What to do once keyring's own key has been changed. */
function afterwards(own: NonNullable<Plan['ownKey']>): string {
  return own.afterwards ?? `update ${own.variable} with the new secret`;
}
