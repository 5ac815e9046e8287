// The one place where connector errors become what a Zap builder reads. The connector states facts (kind, reason,
// status, vendor, method, path, host, the vendor's words); ERROR_TABLE below decides, from those facts and from whether
// the failed request may have written something, which Zapier error it is and what to do. Nothing here (or anywhere)
// reads an error's message text to decide.

import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionVendors } from './clients';
import {
  ConnectionKeyError,
  ConnectorError,
  type Revocation,
  InputError,
  TimeBudgetError,
  type ErrorKind,
  type ErrorReason,
  type SmashsendRotation,
  type Vendor,
} from '@keyring/connector';

/** Wait used for a 429 without Retry-After: each vendor's documented rate-limit window. */
export const DEFAULT_RETRY_AFTER_SECONDS: Record<Vendor, number> = {
  SMASHSEND: 60, // 60 requests per minute
  SmartLead: 60, // documented both as 10 per 2 s and 60 per minute: wait for the longer window
  SMARTe: 60, // per-organisation limits by contract; a minute is the common window
};

/** A step, as its definition names it in the Zap editor (pass the definition itself, not a retyped label). */
export interface StepDefinition {
  key: string;
  display: { label?: string };
}

/**
 * Declared by every step that writes. When its write gets no readable answer the change may have happened, so the
 * advice says so and names `checkWith`, the search that shows the key's current state. A write a blind retry would
 * repeat (a create makes a second key, a reset resets again) says to check first; a `repeatable` one (an update sets
 * the same values again, a delete or suspend finds it done) says that repeating the step is safe.
 */
interface WriteContext {
  /** The search that shows whether the write happened, e.g. `findSmashsendApiKey`. */
  checkWith: StepDefinition;
  /**
   * What may have happened when the write got no answer; default "The key may have been created anyway" (or, for a
   * repeatable write, "The change may have been made anyway").
   */
  mayHaveHappened?: string;
  /**
   * For a step that writes at several vendors (Revoke Leaked API Key): what to say instead when the write that got no
   * answer was this vendor's, e.g. SmartLead's reset, whose new value only that vendor's own search can show.
   */
  byVendor?: Partial<Record<Vendor, { checkWith: StepDefinition; mayHaveHappened: string }>>;
  /** Repeating the write changes nothing more than doing it once. */
  repeatable?: boolean;
  /**
   * The write acts on a key that must exist (delete, update, reset, suspend, reactivate): a 404 means the key is not
   * there, a precondition that says nothing bad about the Zap, so the step halts (HaltedError) instead of failing.
   */
  onExistingKey?: boolean;
}

/** An input field as the Zap builder sees it: its key, and the label the editor shows. */
interface LabelledField {
  key: string;
  label?: string;
}

export interface ErrorContext {
  /** Present only on steps that write (see WriteContext). Reads never get write advice. */
  writes?: WriteContext;
  /** The operation's own input fields: input errors name a field by its label, not its key. */
  fields?: readonly LabelledField[];
  /** For steps that page through a list: what the user can do when paging stopped at the step's time budget. */
  timeBudgetAdvice?: string;
  /** In the connection test: the label of the connection field that holds this vendor's key. */
  connectionTest?: { keyField: string };
  /**
   * The vendors whose keys this connection holds (withVendorErrors fills it from the bundle). A 401 marks the whole
   * connection expired (ExpiredAuthError) only when the failing vendor is its only one; unknown means "not only".
   */
  connectionVendors?: readonly Vendor[];
  /**
   * The step's input holds a secret (the leaked-key steps' `secret`): its errors are marked `doNotContextify`, since
   * core otherwise appends "What happened: … with bundle {inputData: …}" to a HaltedError or an ExpiredAuthError (which
   * it does not mark), and the message a Zap builder reads would carry the secret in full.
   */
  secretInput?: boolean;
}

/** The facts the table decides on. */
export interface Situation {
  kind: ErrorKind;
  reason?: ErrorReason;
  status?: number;
  /** The step writes (declared a WriteContext) and the failed request was not a read (GET). */
  writes: boolean;
  /** That write is repeatable (see WriteContext); false when absent. */
  repeatable?: boolean;
  /** That write acts on a key that must exist (see WriteContext); false when absent. */
  onExistingKey?: boolean;
  connectionTest: boolean;
  /** The failing vendor is the only vendor of the connection (see ErrorContext.connectionVendors). */
  soleVendor: boolean;
}

/** What a Zap builder is told to do. Texts in ADVICE. */
export type Advice =
  | 'reconnect'
  | 'check_key_field'
  | 'use_allowed_key'
  | 'wait'
  | 'retry'
  | 'retry_safe'
  | 'check_write'
  | 'check_or_repeat'
  | 'check_host'
  | 'value_unknown'
  | 'time_budget'
  | 'report'
  | 'crowded_instant'
  | 'reconnect_vendor'
  | 'see_state'
  | 'allow_connection_key'
  | 'none';

type ZapierErrorType = 'Error' | 'ExpiredAuthError' | 'ThrottledError' | 'HaltedError';

export interface Row {
  kind: ErrorKind;
  /** Matches only these reasons (any reason when absent). */
  reason?: readonly ErrorReason[];
  /** Matches only these statuses (any status when absent). */
  status?: readonly number[];
  /** Matches only when the situation's `writes` is this (either when absent). */
  writes?: boolean;
  /** Matches only when the situation's `repeatable` is this (either when absent). */
  repeatable?: boolean;
  /** Matches only when the situation's `onExistingKey` is this (either when absent). */
  onExistingKey?: boolean;
  /** Matches only when the situation's `connectionTest` is this (either when absent). */
  connectionTest?: boolean;
  /** Matches only when the situation's `soleVendor` is this (either when absent). */
  soleVendor?: boolean;
  /** The Zapier error; `Error` (z.errors.Error, an AppError) by default. */
  as?: ZapierErrorType;
  /** The AppError's code; the error's kind by default. */
  code?: string;
  advice: Advice;
}

/** The table: the first row that matches decides. Every kind ends with a catch-all row. */
export const ERROR_TABLE: readonly Row[] = [
  // The connection test is a plain failure (never "reconnect", never a throttled retry): the user is connecting now.
  { kind: 'auth', connectionTest: true, advice: 'check_key_field' },
  // ExpiredAuthError stops every Zap of the connection until it is reconnected: right only when the failing vendor is
  // the connection's only one. Otherwise a plain error names that vendor's key field, and the other vendors' Zaps run on.
  { kind: 'auth', soleVendor: true, as: 'ExpiredAuthError', advice: 'reconnect' },
  { kind: 'auth', advice: 'reconnect_vendor' },
  { kind: 'forbidden', connectionTest: true, advice: 'check_key_field' },
  { kind: 'forbidden', advice: 'use_allowed_key' },
  { kind: 'rate_limited', connectionTest: true, advice: 'wait' },
  { kind: 'rate_limited', as: 'ThrottledError', advice: 'wait' },
  { kind: 'network', reason: ['time_budget'], code: 'time_budget', advice: 'time_budget' },
  // An unknown host is a setting or a network to fix: retrying the same name finds nothing.
  { kind: 'network', reason: ['dns'], advice: 'check_host' },
  // A refused connection never reached the vendor: even a write can be retried as it is.
  { kind: 'network', reason: ['refused'], writes: true, advice: 'retry_safe' },
  // A timeout or a reset may come after the vendor acted: a write says so, and how to check (or that a repeat is safe).
  { kind: 'network', writes: true, repeatable: true, advice: 'check_or_repeat' },
  { kind: 'network', writes: true, advice: 'check_write' },
  { kind: 'network', advice: 'retry' },
  // A gateway's 502 or 504 can come after the vendor behind it acted (its answer was lost on the way back).
  { kind: 'server', status: [502, 504], writes: true, repeatable: true, advice: 'check_or_repeat' },
  { kind: 'server', status: [502, 504], writes: true, advice: 'check_write' },
  { kind: 'server', advice: 'retry' },
  { kind: 'bad_response', reason: ['missing_secret'], advice: 'value_unknown' },
  { kind: 'bad_response', reason: ['cursor'], advice: 'report' },
  // Not a fault to report: the vendor's list simply cannot be paged past an instant that holds more keys than a page.
  { kind: 'bad_response', reason: ['crowded_instant'], advice: 'crowded_instant' },
  // A write answered 2xx with a body that could not be read (empty, HTML, malformed, odd shape) was most likely done.
  { kind: 'bad_response', writes: true, repeatable: true, advice: 'check_or_repeat' },
  { kind: 'bad_response', writes: true, advice: 'check_write' },
  { kind: 'bad_response', advice: 'retry' },
  // These messages say what to change themselves: the vendor's words, the field and its rule, what was not found.
  { kind: 'input', advice: 'none' },
  { kind: 'validation', advice: 'none' },
  // The key a write acts on is not there: a precondition, not a fault of the Zap (HaltedError never turns a Zap off).
  { kind: 'not_found', writes: true, onExistingKey: true, as: 'HaltedError', advice: 'see_state' },
  { kind: 'not_found', advice: 'none' },
  // Refused before any write: the target is the key the connection itself runs on.
  { kind: 'connection_key', as: 'HaltedError', advice: 'allow_connection_key' },
  { kind: 'http', advice: 'none' },
];

/** The row for a situation (every kind has a catch-all row, so there always is one). */
export function lookup(situation: Situation): Row {
  const row = ERROR_TABLE.find(
    (candidate) =>
      candidate.kind === situation.kind &&
      (candidate.reason === undefined || (situation.reason !== undefined && candidate.reason.includes(situation.reason))) &&
      (candidate.status === undefined || (situation.status !== undefined && candidate.status.includes(situation.status))) &&
      (candidate.writes === undefined || candidate.writes === situation.writes) &&
      (candidate.repeatable === undefined || candidate.repeatable === (situation.repeatable ?? false)) &&
      (candidate.onExistingKey === undefined || candidate.onExistingKey === (situation.onExistingKey ?? false)) &&
      (candidate.connectionTest === undefined || candidate.connectionTest === situation.connectionTest) &&
      (candidate.soleVendor === undefined || candidate.soleVendor === situation.soleVendor),
  );
  if (row === undefined) throw new Error(`ERROR_TABLE has no row for kind ${situation.kind}`);
  return row;
}

/** The advice texts. */
const ADVICE: Record<Advice, (error: ConnectorError, context: ErrorContext) => string> = {
  reconnect: (error) => `Reconnect your ${error.vendor} API key in this connection.`,
  reconnect_vendor: (error) =>
    `Reconnect with a working key in the ${AUTH_FIELD_LABEL[error.vendor]} field; the connection's other vendors keep working.`,
  see_state: (error, context) =>
    `Nothing was changed. The "${stepLabel(writesOf(error, context)?.checkWith)}" step (or the ${error.vendor} dashboard) shows the key's current state.`,
  allow_connection_key: (error) =>
    error instanceof ConnectionKeyError && error.match === 'unknown'
      ? `Pick another key, or turn on "${ALLOW_CONNECTION_KEY_LABEL}" if you mean it (reconnect afterwards if it was this connection's key).`
      : `Pick another key, or turn on "${ALLOW_CONNECTION_KEY_LABEL}" if you mean it, then reconnect with a working ${error.vendor} key${error.vendor === 'SMASHSEND' ? ' (the new one, after a rotation)' : ''}.`,
  check_key_field: (error, context) =>
    error.kind === 'forbidden'
      ? `Check the ${keyFieldOf(error, context)} field: use a key that is allowed to do this.`
      : `Check the ${keyFieldOf(error, context)} field.`,
  use_allowed_key: (error) => `Reconnect with a ${error.vendor} API key that is allowed to do this.`,
  wait: (error) =>
    error.retryAfterSeconds === undefined ? 'Wait a moment before trying again.' : `Retry after ${error.retryAfterSeconds} s.`,
  retry: () => 'A retry may help.',
  retry_safe: (error) => `Nothing reached ${error.vendor}, so nothing was changed: a retry is safe.`,
  check_write: (error, context) =>
    `${writesOf(error, context)?.mayHaveHappened ?? 'The key may have been created anyway'}: use the "${stepLabel(writesOf(error, context)?.checkWith)}" step (or the ${error.vendor} dashboard) to check before trying again.`,
  check_or_repeat: (error, context) =>
    `${writesOf(error, context)?.mayHaveHappened ?? 'The change may have been made anyway'}. Repeating this step is safe; the "${stepLabel(writesOf(error, context)?.checkWith)}" step (or the ${error.vendor} dashboard) shows the key's current state.`,
  check_host: (error) =>
    `Check the ${error.vendor} base URL setting${error.host ? ` (${error.host})` : ''} and the network connection; retrying will not help until the name resolves.`,
  value_unknown: (error) =>
    `The change may have been made, but the key's value is unknown: do not rely on it; check the key at ${error.vendor} before trying again.`,
  time_budget: (_error, context) => context.timeBudgetAdvice ?? 'Try again later.',
  report: (error) => `If it keeps happening, report it to ${error.vendor}.`,
  crowded_instant: (error) =>
    `The list cannot be read past that instant while more keys share it than one page holds: contact ${error.vendor} support, naming that instant, or delete the keys created then that you no longer need (in the ${error.vendor} dashboard) so that fewer share it.`,
  none: () => '',
};

/** The label of the input that lets a step write to the connection's own key (lib/inputs.ts's allowConnectionKeyField). */
const ALLOW_CONNECTION_KEY_LABEL = "Allow This Connection's Own Key";

/** Each vendor's key field as the connection form shows it (authentication.ts uses these labels). */
export const AUTH_FIELD_LABEL: Record<Vendor, string> = {
  SMASHSEND: 'SMASHSEND API Key',
  SmartLead: 'SmartLead API Key',
  SMARTe: 'SMARTe Admin API Key',
};

/** The step's write context, or the failing vendor's own part of it (WriteContext.byVendor). */
function writesOf(error: ConnectorError, context: ErrorContext): Pick<WriteContext, 'checkWith' | 'mayHaveHappened'> | undefined {
  return context.writes?.byVendor?.[error.vendor] ?? context.writes;
}

/** A step's label as the Zap editor shows it (every visible step has one; its key otherwise). */
function stepLabel(step: StepDefinition | undefined): string {
  return step?.display.label ?? step?.key ?? 'find';
}

function keyFieldOf(error: ConnectorError, context: ErrorContext): string {
  return context.connectionTest?.keyField ?? `${error.vendor} API key`;
}

/** What a Zap builder is shown for an error: which Zapier error, its code, and the full message (what happened + what to do). */
export interface Explanation {
  as: ZapierErrorType;
  code: string;
  status?: number;
  /** Seconds to wait, for a ThrottledError. */
  delay?: number;
  message: string;
}

/** Zapier's own errors (core's z.errors): these pass through unchanged. */
const ZAPIER_ERROR_NAMES = new Set([
  'AppError',
  'ThrottledError',
  'ExpiredAuthError',
  'HaltedError',
  'RefreshAuthError',
  'ResponseError',
  'CheckError',
]);

/** The situation an error is in: its facts, plus whether this step's failed request may have written something. */
function situationOf(error: ConnectorError, context: ErrorContext = {}): Situation {
  // A read a writing step makes first (a GET, or SMARTe's key view, a POST that only reads) changed nothing.
  const writes = context.writes !== undefined && error.method !== undefined && !error.readOnly;
  return {
    kind: error.kind,
    ...(error.reason === undefined ? {} : { reason: error.reason }),
    ...(error.status === undefined ? {} : { status: error.status }),
    writes,
    ...(writes && context.writes?.repeatable === true ? { repeatable: true } : {}),
    ...(writes && context.writes?.onExistingKey === true ? { onExistingKey: true } : {}),
    connectionTest: context.connectionTest !== undefined,
    soleVendor: context.connectionVendors?.length === 1 && context.connectionVendors[0] === error.vendor,
  };
}

/** The table applied to one connector error. */
export function explain(error: ConnectorError, context: ErrorContext = {}): Explanation {
  const row = lookup(situationOf(error, context));
  const advice = ADVICE[row.advice](error, context);
  const message = advice === '' ? whatHappened(error, context) : `${whatHappened(error, context)} ${advice}`;
  const as = row.as ?? 'Error';
  return {
    as,
    code: row.code ?? error.kind,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(as === 'ThrottledError' ? { delay: error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS[error.vendor] } : {}),
    message,
  };
}

/** The connector's account of what happened, in the Zap builder's words where they differ (field labels, the step limit). */
function whatHappened(error: ConnectorError, context: ErrorContext): string {
  if (error instanceof InputError) {
    const names = [error.field, ...error.orFields].map((key) => labelOf(key, context.fields));
    return `${names.join(' or ')} ${error.rule}.`;
  }
  if (error instanceof TimeBudgetError) {
    const keys = `${error.itemsRead} API key${error.itemsRead === 1 ? '' : 's'}`;
    const pages = `${error.pagesRead} page${error.pagesRead === 1 ? '' : 's'}`;
    return `${error.vendor} stopped paging after ${pages} / ${keys} to stay within Zapier's 30 s step limit (${error.method} ${error.path}).`;
  }
  return error.message;
}

/** A field's label as the Zap editor shows it; the key itself when the operation has no such field. */
function labelOf(key: string, fields: readonly LabelledField[] = []): string {
  return fields.find((field) => field.key === key)?.label ?? key;
}

/** Any failure as the Zapier error a Zap builder sees: never a stack, a TypeError or "[object Object]". */
export function toZapierError(z: ZObject, error: unknown, context: ErrorContext = {}): Error {
  if (error instanceof Error && ZAPIER_ERROR_NAMES.has(error.name)) return error;
  if (!(error instanceof ConnectorError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new z.errors.Error(`Unexpected problem in this step: ${detail}`, 'unexpected');
  }
  const explanation = explain(error, context);
  switch (explanation.as) {
    case 'ExpiredAuthError':
      return new z.errors.ExpiredAuthError(explanation.message);
    case 'ThrottledError':
      return new z.errors.ThrottledError(explanation.message, explanation.delay);
    case 'HaltedError':
      return new z.errors.HaltedError(explanation.message);
    case 'Error':
      return new z.errors.Error(explanation.message, explanation.code, explanation.status);
  }
}

/**
 * Runs an operation's connector work and turns any failure into the right Zapier error; the bundle tells which vendors
 * the connection holds (a 401 expires the whole connection only when its vendor is the only one).
 */
export async function withVendorErrors<T>(z: ZObject, bundle: Bundle, work: () => Promise<T>, context: ErrorContext = {}): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const zapierError = toZapierError(z, error, { connectionVendors: connectionVendors(bundle), ...context });
    if (context.secretInput) Object.assign(zapierError, { doNotContextify: true });
    throw zapierError;
  }
}

/** A step's precondition was not met and nothing was written: halt (never counted toward turning the Zap off). */
export function halted(z: ZObject, message: string): Error {
  return new z.errors.HaltedError(message);
}

/**
 * The `warning` of a step that wrote to the connection's own key because its user allowed it: what to do next. Empty
 * when the key was not the connection's.
 */
export function connectionKeyWarning(vendor: Vendor, connectionKey: boolean, what: 'deleted' | 'role' | 'suspended' | 'rotated'): string {
  if (!connectionKey) return '';
  const field = AUTH_FIELD_LABEL[vendor];
  switch (what) {
    case 'deleted':
      return `This was (or may have been) the key this Zapier connection signs in with: reconnect with another ${vendor} key in the ${field} field, or every ${vendor} step of this connection will fail.`;
    case 'role':
      return `This is (or may be) the key this Zapier connection signs in with: its new role applies to every ${vendor} step of this connection; reconnect with another key if they need more rights.`;
    case 'suspended':
      return `This was (or may have been) the admin key this Zapier connection signs in with: every ${vendor} step of this connection fails until it is reactivated in SMARTe or you reconnect with another admin key in the ${field} field.`;
    case 'rotated':
      return `The old key was the key this Zapier connection signs in with: reconnect with the new secret (this step's Secret Key) in the ${field} field, or every ${vendor} step of this connection will fail.`;
  }
}

/**
 * What the rotate step's `warning` says about a rotation's facts: empty when it went as asked and the new key checked
 * out; otherwise what happened to the new and the old key and what to do. `deleteStep` is the step that deletes a
 * SMASHSEND key, named by its definition's label (the rotate step passes its definition: importing it here would
 * make a cycle, as that step imports this module).
 */
export function smashsendRotationWarning(rotation: SmashsendRotation, deleteStep: StepDefinition): string {
  const facts = rotationFactsWarning(rotation, deleteStep);
  // The old key was this connection's own (deleting it was allowed): once it may be gone, the connection must switch.
  const gone = ['deleted', 'delete_unanswered', 'already_gone'].includes(rotation.oldKeyOutcome);
  const reconnect = connectionKeyWarning('SMASHSEND', rotation.connectionKey && gone, 'rotated');
  return [facts, reconnect].filter((text) => text !== '').join(' ');
}

function rotationFactsWarning(rotation: SmashsendRotation, deleteStep: StepDefinition): string {
  const deleteItYourself = `Delete it with the "${stepLabel(deleteStep)}" step or in SMASHSEND.`;
  const { oldKey, newKeyCheck, checkError, oldKeyOutcome, deleteError } = rotation;
  const which = `The new key was created, but the old key ${oldKey.id} ("${oldKey.displayName}")`;
  const kept = `The old key ${oldKey.id} ("${oldKey.displayName}") was kept`;
  const checkFailed =
    newKeyCheck === 'rejected'
      ? `The new key was created, but SMASHSEND did not accept it when it was checked with its own secret: ${checkError?.message ?? ''}`
      : `The new key was created, but checking it with its own secret failed: ${checkError?.message ?? ''}`;
  switch (oldKeyOutcome) {
    case 'deleted':
      return '';
    case 'kept':
      if (newKeyCheck === 'passed') return '';
      if (newKeyCheck === 'no_time')
        return `The new key was created, but too little of this step's time (Zapier's 30 s limit) was left to check it. ${kept}, as asked.`;
      return `${checkFailed} ${kept}, as asked: make sure the new key works before deleting the old one.`;
    case 'kept_unverified':
      return `${checkFailed} ${kept} so that nothing breaks: check the new key in SMASHSEND, then delete the key you no longer want with the "${stepLabel(deleteStep)}" step.`;
    case 'kept_no_time':
      return `${which} is still live: too little of this step's time (Zapier's 30 s limit) was left to delete it safely. ${deleteItYourself}`;
    case 'not_deleted':
      return `${which} is still live: SMASHSEND answered the delete with isDeleted false. ${deleteItYourself}`;
    case 'already_gone':
      return `${which} was not found when deleting it, so it was probably deleted already: ${deleteError?.message ?? ''}`;
    case 'delete_unanswered':
      return deleteError instanceof ConnectorError && deleteError.kind === 'bad_response'
        ? `${which} may still be live: SMASHSEND's answer to the delete could not be read: ${deleteError.message} ${deleteItYourself}`
        : `${which} may still be live: the delete got no answer: ${deleteError?.message ?? ''} ${deleteItYourself}`;
    case 'delete_failed':
      return `${which} is still live: deleting it failed: ${deleteError?.message ?? ''} ${deleteItYourself}`;
  }
}

/**
 * Whether a failed write may have been done all the same (its answer lost or unreadable), by the error table: the
 * advice it gives a write is to check, not that it was refused or never sent.
 */
function mayHaveWritten(error: Error | undefined): boolean {
  if (!(error instanceof ConnectorError) || error.readOnly) return false;
  const advice = lookup(situationOf(error, { writes: { checkWith: { key: 'write', display: {} } } })).advice;
  return advice === 'check_write' || advice === 'check_or_repeat' || advice === 'value_unknown';
}

/**
 * The `warning` of Revoke Leaked API Key: empty when the leaked key is revoked and its replacement (if any was asked
 * for and possible) works; otherwise what happened and what to do. `steps` name the steps to use, by their labels.
 */
export function revocationWarning(
  revocation: Revocation,
  steps: { createSmashsend: StepDefinition; deleteSmashsend: StepDefinition; findSmashsend: StepDefinition },
): string {
  const { key, replacement, replacementError, connectionKey, revoked } = revocation;
  const notes: string[] = [];
  const why = replacementError ? `: ${replacementError.message.replace(/[.\s]+$/, '')}` : '';
  if (!revoked) {
    notes.push(
      `The leaked key ${key.key_id} (${key.key_hint}) may still be live: revoking it failed after its replacement was created. Delete it now with the "${stepLabel(steps.deleteSmashsend)}" step or in ${key.vendor}.`,
    );
  }
  if (replacement === 'failed' && mayHaveWritten(replacementError))
    // The create's answer was lost or unreadable: the twin may exist, and SMASHSEND shows a secret only when it creates.
    notes.push(
      `The leaked key was revoked; its replacement may have been created all the same, but its secret did not come back${why}. The "${stepLabel(steps.findSmashsend)}" step finds it by its name ("${key.name}"): delete it, then create one with the "${stepLabel(steps.createSmashsend)}" step.`,
    );
  else if (replacement === 'failed')
    notes.push(
      `The leaked key was revoked, but its replacement could not be created${why}. Create one with the "${stepLabel(steps.createSmashsend)}" step.`,
    );
  if (replacement === 'unverified') notes.push(`The replacement was created, but SMASHSEND did not confirm it with its own secret${why}.`);
  if (replacement === 'not_possible')
    notes.push(
      `${key.vendor} cannot issue a replacement: the user's key stays suspended (reactivating it would bring back the leaked value).`,
    );
  if (connectionKey) {
    const field = AUTH_FIELD_LABEL[key.vendor];
    notes.push(
      revocation.newSecret !== null
        ? `The leaked key was the one this Zapier connection signs in with: reconnect with the new secret (this step's New Secret) in the ${field} field.`
        : `The leaked key was the one this Zapier connection signs in with: reconnect with another ${key.vendor} key in the ${field} field.`,
    );
  }
  return notes.join(' ');
}
