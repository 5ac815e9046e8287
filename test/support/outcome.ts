// What a user sees when a step ends: the result, or the error read the way a Zap builder reads it (core's AppError
// and ThrottledError carry JSON in their message), plus the checks for what must never reach a user.

export interface Outcome {
  ok: boolean;
  result?: unknown;
  /** The error's class name as thrown (AppError, ExpiredAuthError, ThrottledError, TypeError…). */
  name?: string;
  /** What the Zap builder reads: core's JSON envelope unwrapped, "What happened" trailer cut. */
  message?: string;
  /** Everything the error carries as text (envelope, trailer, stack): checked for leaks. */
  fullText?: string;
  code?: string;
  status?: number;
  delay?: number;
}

/** Settles a step into what the user would see. */
export async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, result: await promise };
  } catch (error) {
    if (!(error instanceof Error)) return { ok: false, name: typeof error, message: String(error), fullText: String(error) };
    const fullText = `${error.message}\n${error.stack ?? ''}`;
    if (error.name === 'AppError' || error.name === 'ThrottledError') {
      try {
        const parsed = JSON.parse(error.message) as { message: string; code?: string; status?: number; delay?: number };
        return { ok: false, name: error.name, fullText, ...parsed };
      } catch {
        // not core's envelope: fall through
      }
    }
    // core appends "What happened: …" (the bundle and steps) to errors it contextifies; keep the user's message.
    return { ok: false, name: error.name, message: error.message.split('\nWhat happened:')[0], fullText };
  }
}

/** A Zapier error as the Zap builder reads it: class name, message, and code, status and delay where it has them. */
export interface ZapierErrorShape {
  name: string;
  message: string;
  code?: string;
  status?: number;
  delay?: number;
}

/** Awaits a step that must fail, and returns the error's readable parts. */
export async function zapierError(promise: Promise<unknown>): Promise<ZapierErrorShape> {
  return shapeOf(await failedOutcome(promise));
}

/** The settled outcome of a step that must fail. */
async function failedOutcome(promise: Promise<unknown>): Promise<Outcome> {
  const outcome = await outcomeOf(promise);
  if (outcome.ok) throw new Error(`expected the step to fail, but it returned ${JSON.stringify(outcome.result)?.slice(0, 200)}`);
  return outcome;
}

/** A failed outcome's readable parts, with code, status and delay only where the error has them. */
function shapeOf({ name = 'unknown', message = '', code, status, delay }: Outcome): ZapierErrorShape {
  return {
    name,
    message,
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    ...(delay === undefined ? {} : { delay }),
  };
}

/** What a test expects of a failed step: the error's fields, exactly, and the key phrases its message must contain. */
export interface ExpectedZapierError {
  name: string;
  /** Absent means the error must have no code (likewise status and delay): the fields are compared exactly. */
  code?: string;
  status?: number;
  delay?: number;
  /** What the test is about, as phrases the message must contain: a string as written, a RegExp matched. */
  says: string | RegExp | readonly (string | RegExp)[];
  /** Secrets the error must not carry anywhere (message, envelope, stack). */
  secrets?: readonly string[];
}

/**
 * Awaits a step that must fail and checks what the Zap builder sees: name, code, status and delay exactly, every key
 * phrase in the message, and none of the never-signs (a TypeError, "undefined", [object Object], a stack, a secret).
 * The whole sentences are owned by the error table's unit test and the fault matrix; other layers assert phrases.
 */
export async function expectZapierError(promise: Promise<unknown>, expected: ExpectedZapierError): Promise<ZapierErrorShape> {
  const outcome = await failedOutcome(promise);
  const phrases = Array.isArray(expected.says) ? (expected.says as readonly (string | RegExp)[]) : [expected.says as string | RegExp];
  if (phrases.length === 0) throw new Error('expectZapierError needs at least one phrase the message must say');
  const { name = 'unknown', message = '', code, status, delay } = outcome;
  const missing = phrases.filter((phrase) => (typeof phrase === 'string' ? !message.includes(phrase) : message.search(phrase) === -1));
  const problems = neverSigns(message, outcome.fullText ?? message, expected.secrets ?? []);
  // One comparison, so a failure shows the message beside what is missing from it.
  expect({ name, code, status, delay, message, missing, problems }).toEqual({
    name: expected.name,
    code: expected.code,
    status: expected.status,
    delay: expected.delay,
    message,
    missing: [],
    problems: [],
  });
  return shapeOf(outcome);
}

/**
 * What must never reach a Zap builder: returns the problems found (empty = clean). `userText` is the message the user
 * reads; `anyText` is every text the error or result carries (checked for secrets only).
 */
export function neverSigns(userText: string, anyText: string, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  if (/TypeError|ReferenceError|SyntaxError|RangeError/.test(userText)) problems.push('names a JavaScript error');
  if (/\bundefined\b/.test(userText)) problems.push('says "undefined"');
  if (/\bnull\b/.test(userText)) problems.push('says "null"');
  if (userText.includes('[object Object]')) problems.push('says [object Object]');
  if (/\n\s+at \S+ \(|\n\s+at \//.test(userText)) problems.push('shows a stack');
  if (userText.trim() === '') problems.push('is empty');
  for (const secret of secrets) if (secret && anyText.includes(secret)) problems.push(`leaks a secret ending ${secret.slice(-4)}`);
  return problems;
}

/** How a user sees a key that was not just created, stated independently of the code: eight stars and the last four characters. */
export const masked = (secret: string): string => `********${secret.slice(-4)}`;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
