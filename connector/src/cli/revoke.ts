// `keyring revoke`: what the Zapier step "Revoke Leaked API Key" does, for every secret given on stdin (one per line)
// or in the file --secret-file names. Each secret is identified first (reads only: connector/src/leak.ts), then the
// plan — which key each is and what happens to it — is shown and consented to as for every write, then each key is made
// harmless (connector/src/leak.ts's revokeLeakedKey, never re-done here): SMASHSEND deleted and, unless --no-replace, a
// twin of the same name and role created; SmartLead reset (deleted with --no-replace); SMARTe suspended (no replacement
// exists there). A new secret goes to stdout alone the moment it exists, flushed; what happened goes to stderr.
//
// The consent: the secrets usually come on stdin, so stdin is no terminal to ask on; the question is then asked on the
// controlling terminal (/dev/tty), when stderr, where the plan is shown, is one too (main.ts); where there is none (CI,
// cron, a pipeline in the background) --yes is needed, refused before anything is read or sent. Revoking the key
// keyring itself uses is the point when it leaked: the plan and the question name it, and no --allow-connection-key is
// needed; that key is revoked last (the others need it), and the summary says what to update.

import { ConnectorError, type Vendor } from '../errors';
import { RevocationFailedError, identifySecret, revokeLeakedKey, type IdentifiedKey, type LeakClients, type Revocation } from '../leak';
import type { WriteCommand } from './command';
import { KEY_ENV, fileEnvOf } from './config';
import { InterruptedError, type Consent, type Plan } from './consent';
import { EXIT, oneLine, writeFlushed, type ExitStatus, type Io } from './io';
import { errorWords, unknownReason } from './identify';
import { identifiedRow, unidentifiedRow } from './keys';
import { SECRET_OPTIONS, hintOf, leakClients, readSecrets, redacting, secretFileOption, vendorsOption } from './secrets';

interface Flags {
  json: boolean;
  replace: boolean;
  dryRun: boolean;
  file: string | undefined;
  vendors: Vendor[] | undefined;
}

/** One secret given, and what became of it. */
interface Item {
  secret: string;
  hint: string;
  /** The key it is (null: no configured vendor knows it); undefined when it could not be identified. */
  key?: IdentifiedKey | null;
  identifyError?: unknown;
  revocation?: Revocation;
  /** The revocation failed (a RevocationFailedError carries what was made before). */
  failure?: unknown;
  /** Its new secret is on stdout. */
  printed?: boolean;
  /** Writing its new secret to stdout failed. */
  lost?: unknown;
}

/** How a key is named in the plan and in the notes. */
function keyName(key: IdentifiedKey): string {
  const name = oneLine(key.name);
  switch (key.vendor) {
    case 'SMASHSEND':
      return `SMASHSEND key ${key.key_id} ("${name}", ${key.key_hint})`;
    case 'SmartLead': {
      const client = key.client_id === undefined || key.client_id === null ? '' : `, client ${String(key.client_id)}`;
      return `SmartLead key ${key.key_id} ("${name}"${client}, ${key.key_hint})`;
    }
    case 'SMARTe':
      return `SMARTe key of ${name} (${key.key_id}, ${key.key_hint})`;
  }
}

/** The plan's line for one secret: what will happen to its key, or why nothing will. */
function step(item: Item, replace: boolean, asked: readonly Vendor[]): string {
  const key = item.key;
  if (key === undefined) return `nothing for the secret ${item.hint}: it could not be identified (${errorWords(item.identifyError)})`;
  if (key === null) return `nothing for the secret ${item.hint}: ${unknownReason(asked)}`;
  if (!key.revocable) return `nothing for ${keyName(key)}: it cannot be revoked here: ${key.reason ?? 'not revocable'}`;
  const name = keyName(key);
  switch (key.vendor) {
    case 'SMASHSEND':
      if (!replace) return `delete ${name} (no twin: --no-replace)`;
      return key.connection_key
        ? `delete ${name} and create a twin (same name and role, ${oneLine(key.role ?? '?')}): keyring itself uses it, so the twin comes first and the delete is the last call made with it; the twin's secret is printed once, on stdout`
        : `delete ${name} and create a twin (same name and role, ${oneLine(key.role ?? '?')}); the twin's secret is printed once, on stdout`;
    case 'SmartLead':
      return replace
        ? `reset ${name}: a new value for the same key, printed once on stdout; the leaked value stops working at once`
        : `delete ${name} (no new value: --no-replace)`;
    case 'SMARTe':
      return `suspend ${name}: it stops working; SMARTe cannot issue a replacement`;
  }
}

/** What to do once keyring's own key is revoked. */
function ownKeyAfterwards(key: IdentifiedKey, replaced: boolean): string {
  const variable = KEY_ENV[key.vendor];
  const where = `${variable} (or the file ${fileEnvOf(variable)} names)`;
  if (replaced) return `update ${where} with the new secret`;
  return `set ${where} to another ${key.vendor === 'SMARTe' ? 'admin ' : ''}key: keyring can no longer use this one`;
}

/** Whether a revocation of this key issues a new secret. */
function issuesSecret(key: IdentifiedKey, replace: boolean): boolean {
  return replace && key.vendor !== 'SMARTe';
}

function plan(items: readonly Item[], flags: Flags, asked: readonly Vendor[]): Plan {
  const own = items.find((item) => item.key?.revocable === true && item.key.connection_key)?.key;
  return {
    steps: items.map((item) => step(item, flags.replace, asked)),
    ...(own
      ? {
          ownKey: {
            match: 'yes' as const,
            keyId: own.key_id,
            variable: KEY_ENV[own.vendor],
            afterwards: ownKeyAfterwards(own, issuesSecret(own, flags.replace)),
            plainConsent: true,
          },
        }
      : {}),
    data: {
      replace: flags.replace,
      keys: items.map((item) =>
        item.key
          ? identifiedRow(item.key)
          : unidentifiedRow(
              item.hint,
              item.key === null ? unknownReason(asked) : `it could not be identified: ${errorWords(item.identifyError)}`,
            ),
      ),
    },
  };
}

/**
 * The revocation's writes, refused once a signal was heard (an InterruptedError, nothing sent): a signal lets the
 * write in flight finish (its answer may be the only copy of a new secret) and starts no further one.
 */
function guarded<T extends object>(client: T | undefined, writes: readonly string[], consent: Consent): T | undefined {
  if (client === undefined) return undefined;
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property !== 'string' || !writes.includes(property)) return method.bind(target);
      return (...args: unknown[]) => {
        const heard = consent.interruption();
        return heard === undefined ? method.apply(target, args) : Promise.reject(new InterruptedError(heard.signal));
      };
    },
  });
}

function guardedClients(clients: LeakClients, consent: Consent): LeakClients {
  const smashsend = guarded(clients.smashsend, ['createApiKey', 'deleteApiKey', 'updateApiKey'], consent);
  const smartlead = guarded(clients.smartlead, ['resetClientApiKey', 'deleteClientApiKey', 'createClientApiKey'], consent);
  const smarte = guarded(clients.smarte, ['suspendKey', 'reactivateKey', 'createKey'], consent);
  return { ...(smashsend ? { smashsend } : {}), ...(smartlead ? { smartlead } : {}), ...(smarte ? { smarte } : {}) };
}

type Outcome = 'revoked' | 'unknown' | 'not_revocable' | 'failed' | 'interrupted';

/** What a --json line closes with: what happened to the key, in one order for every line. */
interface Tail {
  outcome: Outcome;
  action: Revocation['action'] | null;
  revoked: boolean;
  replacement: Revocation['replacement'] | null;
  warning: string | null;
  error: string | null;
}

/** The tail of a secret whose key was not revoked. */
function notRevoked(outcome: Outcome, error: string, replacement: Revocation['replacement'] | null = null): Tail {
  return { outcome, action: null, revoked: false, replacement, warning: null, error };
}

/**
 * stdout: a new secret alone on its line the moment it exists; in --json one line per secret (JSON Lines), opened with
 * the new secret the moment it exists (flushed) and closed with what happened, so that nothing but a kill that cannot
 * be caught leaves a line unclosed, and even then it holds the secret.
 */
class Output {
  constructor(
    private readonly io: Io,
    private readonly asJson: boolean,
  ) {}

  /** The fields a line opens with: which key, and its new secret. */
  private head(item: Item, newKeyId: string | null, newSecret: string | null): Record<string, unknown> {
    const key = item.key ?? undefined;
    return {
      key_hint: item.hint,
      vendor: key?.vendor ?? null,
      key_id: key?.key_id ?? null,
      name: key?.name ?? null,
      connection_key: key?.connection_key ?? false,
      new_key_id: newKeyId,
      new_secret: newSecret,
    };
  }

  /** The new secret, handed to the system before this resolves. */
  async secret(item: Item, newKeyId: string, newSecret: string): Promise<void> {
    if (item.printed) return;
    const text = this.asJson ? JSON.stringify(this.head(item, newKeyId, newSecret)).replace(/\}$/, '') : `${newSecret}\n`;
    try {
      await writeFlushed(this.io.stdout, text);
      item.printed = true;
    } catch (error) {
      item.lost = error;
      throw error;
    }
  }

  /** In --json, the line's other fields (the whole line when no secret opened it). */
  finish(item: Item, tail: Tail): void {
    if (!this.asJson) return;
    if (item.printed) {
      this.io.stdout.write(`,${JSON.stringify(tail).slice(1)}\n`);
    } else {
      this.io.stdout.write(`${JSON.stringify({ ...this.head(item, null, null), ...tail })}\n`);
    }
  }
}

/** The words of a replacement's failure. */
function why(error: Error | undefined): string {
  if (error === undefined) return '';
  if (error instanceof InterruptedError) return ` (interrupted by ${error.signal} before it was started)`;
  // The connector's own refusals (a role a new key cannot get) are plain facts; a vendor's failure gets its advice.
  const words = error instanceof ConnectorError ? errorWords(error, { write: true }) : oneLine(error.message);
  return ` (${words.replace(/\.$/, '')})`;
}

/** What stderr says of a revocation that made the leaked key harmless, and the warnings (also --json's `warning`). */
function revokedNotes(r: Revocation): { summary: string; warnings: string[] } {
  const key = r.key;
  const name = keyName(key);
  const warnings: string[] = [];
  let summary: string;
  switch (r.action) {
    case 'rotated':
      if (r.replacement === 'issued')
        summary = `Revoked ${name}: deleted; its twin ${r.newKeyId ?? '?'} passed SMASHSEND's check, and its secret is on stdout.`;
      else if (r.replacement === 'unverified') {
        summary = `Revoked ${name}: deleted; its twin ${r.newKeyId ?? '?'} was created, and its secret is on stdout.`;
        warnings.push(
          `The twin ${r.newKeyId ?? '?'} did not pass SMASHSEND's check${why(r.replacementError)}: check it before relying on it.`,
        );
      } else {
        summary = `Revoked ${name}: deleted.`;
        warnings.push(
          `No twin was created${why(r.replacementError)}: make one with keyring create smashsend --name "${oneLine(key.name)}" --role ${oneLine(key.role ?? '<role>')}.`,
        );
      }
      break;
    case 'deleted':
      summary = `Revoked ${name}: deleted (${key.vendor === 'SMASHSEND' ? 'no twin' : 'no new value'}: --no-replace).`;
      break;
    case 'reset':
      summary = `Revoked ${name}: reset; its new value is on stdout.`;
      break;
    case 'suspended':
      summary = `Revoked ${name}: suspended.`;
      warnings.push(`SMARTe cannot issue a replacement: ${oneLine(key.name)} has no working SMARTe key now.`);
      break;
  }
  if (r.connectionKey) warnings.push(`${key.key_id} was the key keyring used: ${ownKeyAfterwards(key, r.newSecret !== null)}.`);
  return { summary, warnings };
}

/** Revokes one identified, revocable key; says what happened on stderr (and in --json on stdout). */
async function revokeOne(item: Item, clients: LeakClients, out: Output, io: Io, replace: boolean): Promise<Outcome> {
  const key = item.key as IdentifiedKey;
  try {
    item.revocation = await revokeLeakedKey(clients, key, {
      replace,
      onSecret: (newKeyId, newSecret) => out.secret(item, newKeyId, newSecret),
    });
  } catch (error) {
    item.failure = error;
  }
  const r = item.revocation;
  if (r !== undefined) {
    // Handed over by onSecret already; once more if that was skipped (never lost silently).
    if (r.newKeyId !== null && r.newSecret !== null && !item.printed && item.lost === undefined) {
      await out.secret(item, r.newKeyId, r.newSecret).catch(() => undefined);
    }
    const { summary, warnings } = revokedNotes(r);
    if (item.lost !== undefined) {
      warnings.push(
        `The new secret of ${r.newKeyId ?? '?'} could not be written to stdout (${errorWords(item.lost)}): it is lost; revoke that key too and make another.`,
      );
    }
    io.stderr.write([summary, ...warnings].map((line) => `${line}\n`).join(''));
    out.finish(item, {
      outcome: 'revoked',
      action: r.action,
      revoked: true,
      replacement: r.replacement,
      warning: warnings.length > 0 ? warnings.join(' ') : null,
      error: null,
    });
    return item.lost === undefined ? 'revoked' : 'failed';
  }
  const error = item.failure;
  if (error instanceof RevocationFailedError) {
    // A replacement exists, the leaked key may still work: the replacement's secret first, then the failure.
    const partial = error.partial;
    if (partial.newKeyId !== null && partial.newSecret !== null)
      await out.secret(item, partial.newKeyId, partial.newSecret).catch(() => undefined);
    const interrupted = error.cause instanceof InterruptedError ? error.cause.signal : undefined;
    const twin = `twin ${partial.newKeyId ?? '?'} exists (its secret is on stdout)`;
    const then = key.connection_key
      ? `update ${KEY_ENV[key.vendor]} with the new secret, then delete it: keyring delete ${key.vendor.toLowerCase()} ${key.key_id}`
      : `delete it: keyring delete ${key.vendor.toLowerCase()} ${key.key_id}`;
    const line = interrupted
      ? `Interrupted by ${interrupted} before ${keyName(key)} was deleted: its ${twin}, and the leaked key still works: ${then}.`
      : `keyring: ${keyName(key)} may still work: revoking it failed after its twin was created: ${errorWords(error.cause, { write: true })} Its ${twin}; ${then}.`;
    io.stderr.write(`${line}\n`);
    out.finish(item, notRevoked(interrupted ? 'interrupted' : 'failed', line.replace(/^keyring: /, ''), partial.replacement));
    return interrupted ? 'interrupted' : 'failed';
  }
  if (error instanceof InterruptedError) {
    io.stderr.write(`Not revoked: ${keyName(key)} (interrupted by ${error.signal} before its revocation was started).\n`);
    out.finish(item, notRevoked('interrupted', `interrupted by ${error.signal}`));
    return 'interrupted';
  }
  const words = errorWords(error, { write: true });
  io.stderr.write(`keyring: revoking ${keyName(key)} failed: ${words}\n`);
  out.finish(item, notRevoked('failed', words));
  return 'failed';
}

/** A secret that is not revoked, whatever the consent: said on stderr (and in --json on stdout). */
function reportUnrevocable(item: Item, out: Output, io: Io, asked: readonly Vendor[]): Outcome {
  const key = item.key;
  if (key === undefined) {
    const words = errorWords(item.identifyError);
    io.stderr.write(`keyring: the secret ${item.hint} could not be identified: ${words} Nothing was revoked.\n`);
    out.finish(item, notRevoked('failed', `it could not be identified: ${words}`));
    return 'failed';
  }
  if (key === null) {
    io.stderr.write(`keyring: ${unknownReason(asked)} (${item.hint}): nothing was revoked.\n`);
    out.finish(item, notRevoked('unknown', unknownReason(asked)));
    return 'unknown';
  }
  const reason = key.reason ?? 'not revocable';
  io.stderr.write(`keyring: ${keyName(key)} cannot be revoked here: ${reason}. Nothing was written.\n`);
  out.finish(item, notRevoked('not_revocable', reason));
  return 'not_revocable';
}

/** The exit status of the outcomes: a failure (1) before an unknown secret (4) before 0. */
function statusOf(outcomes: readonly Outcome[]): ExitStatus {
  if (outcomes.some((outcome) => outcome === 'failed' || outcome === 'not_revocable')) return EXIT.failed;
  if (outcomes.includes('unknown')) return EXIT.unknown;
  return EXIT.ok;
}

function identifiedOutcome(item: Item): Outcome {
  if (item.key === undefined) return 'failed';
  if (item.key === null) return 'unknown';
  return item.key.revocable ? 'revoked' : 'not_revocable';
}

async function revoke(io: Io, consent: Consent, flags: Flags): Promise<ExitStatus> {
  const { clients, asked } = leakClients(io, 'revoke', flags.vendors);
  const secrets = await consent.untilInterrupted(readSecrets(io, 'revoke', flags.file));
  const safe = redacting(io, secrets);
  // The reads: every secret identified before anything is written (a signal here: nothing written, main says so).
  const found: Item[] = [];
  for (const secret of secrets) {
    const item: Item = { secret, hint: hintOf(secret) };
    try {
      item.key = await consent.untilInterrupted(identifySecret(clients, secret));
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      item.identifyError = error;
    }
    found.push(item);
  }
  // keyring's own key last: revoking it first would cut the others off.
  const items = [
    ...found.filter((item) => item.key?.connection_key !== true),
    ...found.filter((item) => item.key?.connection_key === true),
  ];
  const toRevoke = items.filter((item) => item.key?.revocable === true);
  if (toRevoke.length > 0 || flags.dryRun) {
    const approved = await consent.approve(plan(items, flags, asked));
    if (flags.dryRun) return statusOf(items.map(identifiedOutcome));
    if (!approved) return consent.notApproved();
  }
  const out = new Output(safe, flags.json);
  const writer = guardedClients(clients, consent);
  const outcomes: Outcome[] = [];
  for (const item of items) {
    if (item.key?.revocable !== true) {
      outcomes.push(reportUnrevocable(item, out, safe, asked));
    } else if (consent.interruption() !== undefined) {
      const signal = consent.interruption()?.signal ?? 'SIGINT';
      safe.stderr.write(`Not revoked: ${keyName(item.key)} (interrupted by ${signal} before its revocation was started).\n`);
      out.finish(item, notRevoked('interrupted', `interrupted by ${signal}`));
      outcomes.push('interrupted');
    } else {
      outcomes.push(await revokeOne(item, writer, out, safe, flags.replace));
    }
  }
  const interruption = consent.interruption();
  if (interruption !== undefined) {
    safe.stderr.write(`Interrupted by ${interruption.signal}: no further change was started (the lines above say what was done).\n`);
    return interruption.status;
  }
  return statusOf(outcomes);
}

export const REVOKE: WriteCommand = {
  name: 'revoke',
  writes: true,
  connectionKeyOption: {
    notApplicable: 'revoking the key keyring itself uses is what revoke is for: --yes, or a yes to the question that names it, is enough',
  },
  forms: [
    {
      usage: '[--no-replace] [--secret-file <path>] [--vendors <list>]',
      summary: 'a leaked secret made harmless, and replaced (secrets on stdin)',
    },
  ],
  about: `Revokes leaked keys, as the Zapier step "Revoke Leaked API Key" does, given the secrets themselves on stdin,
one per line (blank lines are skipped, a repeat is taken once), or in a file with --secret-file; never as an
argument, which shows in ps and in the shell history. On a terminal keyring asks for them and turns the echo off
while they are typed or pasted (where stty can); end with Ctrl-D. Each secret is identified first (as keyring
identify does), then each key is made harmless: SMASHSEND: deleted, and a twin of the same name and role created
and checked with its own secret; SmartLead: reset (a new value for the same key); SMARTe: suspended (SMARTe has no
way to replace a key). With --no-replace SMASHSEND and SmartLead keys are deleted, nothing replaces them.

A new secret goes to stdout alone, one line per replaced key, the moment it exists (flushed); everything else goes
to stderr. Keep stdout safe. A secret given is never shown, only its hint. A secret no configured vendor knows, or a
key keyring cannot revoke (another SMASHSEND workspace's, the SmartLead account key, a SMARTe key suspended
already), is reported and left alone; the others are still revoked. If the leaked key is the one keyring itself
uses, revoking it is the point: the question names it, it is revoked last (a SMASHSEND twin is made before the
delete), and stderr says to update its variable with the new secret. Interrupted (Ctrl-C, SIGTERM), it finishes
the request in flight, starts no further change, says what exists now, and exits 130 (SIGINT) or 143 (SIGTERM).`,
  consentHelp: `It changes keys. It first identifies every secret (reads only), then shows what it is about to do and asks
[y/N] (anything but y or yes is no). The secrets come on stdin, so the question is asked on the terminal
(/dev/tty) when stderr is a terminal too; when there is none (CI, cron, a background pipeline) it needs --yes,
and refuses without it before reading anything or sending any request. --dry-run identifies and prints the plan,
changes nothing. Revoking the key keyring itself uses needs no further consent: that is what revoke is for.`,
  options: {
    'no-replace': { type: 'boolean', help: 'do not replace the keys: SMASHSEND and SmartLead keys are deleted' },
    ...SECRET_OPTIONS,
  },
  json: 'one JSON object per secret, one per line (JSON Lines): key_hint, vendor, key_id, name, connection_key, new_key_id, new_secret (the line opens with them the moment the new secret exists), outcome (revoked, unknown, not_revocable, failed or interrupted), action (deleted, rotated, reset or suspended), revoked, replacement, warning, error. --dry-run --json: one plan document with the identified keys',
  maxPositionals: 0,
  exitStatus: `0 when every secret's key was revoked (read the warnings: a replacement may have failed), 1 on a
vendor error or a key that cannot be revoked here (the others are still revoked), 2 on a usage error or a
missing --yes (nothing read or sent), 4 when no configured vendor knows a secret (nothing written for it),
5 when the question is answered no (nothing written), 130 / 143 when interrupted by SIGINT / SIGTERM. With
--dry-run: 0, 1 or 4 as a real run would start.`,
  secretsOnStdin: (args) => args.options['secret-file'] === undefined,
  prepare({ options, json }) {
    const file = secretFileOption('revoke', options['secret-file']);
    const vendors = vendorsOption('revoke', options.vendors);
    const flags = { json, file, vendors, replace: options['no-replace'] !== true, dryRun: options['dry-run'] === true };
    return (io, consent) => revoke(io, consent, flags);
  },
};
