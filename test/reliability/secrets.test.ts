// Secrets: with Zapier's request logging on, every operation (and its failures) is run against the sandbox, and no
// connection key and no full key value the vendors returned may appear in any log line, error message or masked
// output. Two log sinks are read: what `LOG_TO_STDOUT=1 DETAILED_LOG_TO_STDOUT=1` prints (console.log, as
// `zapier-platform invoke` shows it), and the NDJSON stream core sends to Zapier's log service in production
// (LOGGING_ENDPOINT / LOGGING_TOKEN pointed at a local server). Masks show at most the last 4 characters.

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxHandle } from '../../sandbox/server';
import { runOperation } from '../support/app';
import { withEnv } from '../support/env';
import { LEAKED, OPERATIONS, SS_CURRENT, operation, type Operation } from '../support/operations';
import { neverSigns, outcomeOf, type Outcome } from '../support/outcome';
import { SEEDED_SECRETS, authSecrets, sandboxAuth, useSandbox } from '../support/sandbox';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';

const env = useSandbox({ resetEachTest: false });

/** The production log stream: every line core would send to Zapier's log service. */
let logServer: http.Server;
let logEndpoint = '';
const streamed: string[] = [];
beforeAll(async () => {
  logServer = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      streamed.push(...body.split('\n').filter((line) => line.trim() !== ''));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => logServer.listen(0, '127.0.0.1', resolve));
  logEndpoint = `http://127.0.0.1:${(logServer.address() as AddressInfo).port}/logs`;
});
afterAll(() => new Promise((resolve) => logServer.close(resolve)));

/** Fields that hold a key's value in outputs. */
const SECRET_FIELDS = ['secretKey', 'api_key', 'apiKey'];
const MASKED = /^\*{8}.{0,4}$/;

/** Operations whose output carries the new key's full value by design (the only time the user can get it). */
const SHOWS_NEW_SECRET = new Set([
  'create_smartlead_client_api_key',
  'reset_smartlead_client_api_key',
  'create_smashsend_api_key',
  'rotate_smashsend_api_key',
  'create_smarte_api_key',
]);

interface Run {
  label: string;
  op: Operation;
  input?: Record<string, unknown>;
  setup?: (sandbox: SandboxHandle) => void;
}

/**
 * A failure whose vendor body echoes the connection key in its message and key values under their usual field names
 * (a vendor that puts another key's value in free text cannot be censored by anyone, and none is known to).
 */
function echoingFault(op: Operation, sandbox: SandboxHandle, status: number): void {
  const key = authSecrets(sandbox)[['smartlead', 'smashsend', 'smarte'].indexOf(op.vendor)];
  const body = {
    message: `Invalid key ${key}`,
    error: { message: `key ${key} refused`, details: [`api_key ${key} is not valid`] },
    api_key: key,
    secretKey: SEEDED_SECRETS[4],
    data: { apiKey: SEEDED_SECRETS[7] },
  };
  sandbox.injectFault({ vendor: op.vendor, path: op.faultPath, method: op.method, kind: 'status', status, body });
}

const byKey = (key: string): Operation => OPERATIONS.find((op) => op.key === key)!;

/** A SMASHSEND-shaped secret no vendor knows: the leaked-key steps show it to SMASHSEND, which answers 401. */
const UNKNOWN_SECRET = 'sk_live_unknownLeakedSecret000000000000001';
/** Values that are secrets only because a Zap hands them to the leaked-key steps: checked like every key. */
const GIVEN_SECRETS = [UNKNOWN_SECRET];
const revoke = (name: string) => operation(`revoke_leaked_api_key (${name})`);
const findBySecret = operation('find_api_key_by_secret (SMASHSEND)');

const RUNS: Run[] = [
  // Every operation as a Zap runs it (values masked by default)…
  ...OPERATIONS.map((op) => ({ label: op.name, op })),
  // …with the full values asked for (the lists then carry every seeded secret through core's logs)…
  ...OPERATIONS.filter((op) => (op.key.startsWith('find_') || op.key.startsWith('new_')) && op.key !== 'find_api_key_by_secret').map(
    (op) => ({
      label: `${op.name} (include_secret)`,
      op,
      input: { ...op.input, include_secret: true },
    }),
  ),
  // …the connection test…
  { label: 'connection test', op: { ...byKey('smartlead_client_list'), name: 'connection test', kind: 'authentication', key: 'test' } },
  // …and failures whose bodies echo the key and key values back (401, 400, 500), plus a timeout and a reset.
  ...(['smartlead_client_list', 'create_smashsend_api_key', 'find_smarte_api_key', 'reset_smartlead_client_api_key'] as const).flatMap(
    (key) =>
      [400, 401, 500].map((status) => ({
        label: `${key} × ${status} echoing the key`,
        op: byKey(key),
        setup: (s: SandboxHandle) => echoingFault(byKey(key), s, status),
      })),
  ),
  {
    label: 'rotate × delete 500 echoing the key',
    op: byKey('rotate_smashsend_api_key'),
    setup: (s) => echoingFault({ ...byKey('rotate_smashsend_api_key'), method: 'DELETE', faultPath: '/api-keys/' }, s, 500),
  },
  // The leaked-key steps: the secret itself is their input, and SMASHSEND is shown it as the Bearer token.
  {
    label: "revoke_leaked_api_key: the connection's own SMASHSEND key (its twin's secret comes back, then it is deleted)",
    op: revoke('SMASHSEND'),
    input: { secret: SANDBOX_CREDENTIALS.smashsendApiKey },
  },
  {
    label: 'revoke_leaked_api_key (SmartLead delete, replace off)',
    op: revoke('SmartLead'),
    input: { secret: LEAKED.smartlead, replace: false },
  },
  {
    label: "find_api_key_by_secret: another workspace's SMASHSEND key",
    op: findBySecret,
    input: { secret: SANDBOX_CREDENTIALS.smashsendOtherWorkspaceApiKey },
  },
  {
    label: "revoke_leaked_api_key: another workspace's SMASHSEND key (halts)",
    op: revoke('SMASHSEND'),
    input: { secret: SANDBOX_CREDENTIALS.smashsendOtherWorkspaceApiKey },
  },
  { label: 'find_api_key_by_secret: a secret no vendor knows', op: findBySecret, input: { secret: UNKNOWN_SECRET } },
  { label: 'revoke_leaked_api_key: a secret no vendor knows (halts)', op: revoke('SMASHSEND'), input: { secret: UNKNOWN_SECRET } },
  // SMASHSEND echoing the Bearer token it was shown in its error body (the leaked secret, or the connection's key).
  ...([401, 500] as const).flatMap((status) =>
    (['find_api_key_by_secret (SMASHSEND)', 'revoke_leaked_api_key (SMASHSEND)'] as const).map((name) => ({
      label: `${name} × ${status} echoing the leaked secret`,
      op: operation(name),
      setup: (sandbox: SandboxHandle) =>
        void sandbox.injectFault({
          vendor: 'smashsend',
          path: SS_CURRENT,
          kind: 'status',
          status,
          body: { statusCode: status, error: 'Echo', message: `Invalid key ${LEAKED.smashsend}`, secretKey: LEAKED.smashsend },
        }),
    })),
  ),
  {
    label: "revoke_leaked_api_key × the connection's own key's delete failing after its twin (the twin's secret comes back)",
    op: revoke('SMASHSEND'),
    input: { secret: SANDBOX_CREDENTIALS.smashsendApiKey },
    setup: (s) =>
      void s.injectFault({ vendor: 'smashsend', method: 'DELETE', path: '/api-keys/aki_sbxadmin0001', kind: 'status', status: 503 }),
  },
  {
    label: 'revoke_leaked_api_key × the twin failing (the leaked key is deleted all the same)',
    op: revoke('SMASHSEND'),
    setup: (s) => void s.injectFault({ vendor: 'smashsend', method: 'POST', path: '/api-keys', kind: 'status', status: 500 }),
  },
  {
    label: 'create_smarte_api_key × reset',
    op: byKey('create_smarte_api_key'),
    setup: (s) => void s.injectFault({ vendor: 'smarte', path: '/createsignalapikey', kind: 'drop' }),
  },
];

/** Full key values seen in outputs (new keys): added to the secrets every log line is checked against. */
const returnedSecrets = new Set<string>();
const logLines: string[] = [];
const logStreamEchoes: string[] = [];
const outputs: Array<{ label: string; text: string; user: string }> = [];
const maskProblems: string[] = [];
/** What each successful revocation delivered in new_secret. */
const revokeOutputs: Array<{ label: string; newSecret: string | undefined }> = [];

function collectSecrets(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(collectSecrets);
  if (typeof value !== 'object' || value === null) return;
  for (const [name, inner] of Object.entries(value)) {
    if (SECRET_FIELDS.includes(name) && typeof inner === 'string' && inner.length >= 8 && !MASKED.test(inner) && !/(\.\.\.|…)$/.test(inner))
      returnedSecrets.add(inner);
    collectSecrets(inner);
  }
}

/** The key-hygiene operations' `key_hint`: null or a mask (or, on a SMASHSEND row, SMASHSEND's own truncated hint). */
const HINT = MASKED;
/** SMASHSEND's own list value: a short prefix cut with "..." (never the whole key), shown as the vendor gives it. */
const TRUNCATED = /^.{0,12}(\.\.\.|…)$/;

/**
 * Every secret field of a masked output must be null or "********" plus at most 4 characters; a SMASHSEND read may
 * instead show SMASHSEND's own truncated hint (at most 12 characters and "...").
 */
function checkMasked(label: string, value: unknown, smashsend: boolean): void {
  if (Array.isArray(value)) return value.forEach((item) => checkMasked(label, item, smashsend));
  if (typeof value !== 'object' || value === null) return;
  for (const [name, inner] of Object.entries(value)) {
    // A key-hygiene row's hint follows the one rule: a mask, or for a SMASHSEND key SMASHSEND's own truncated hint.
    const rowHint = (text: string) => HINT.test(text) || ((value as { vendor?: unknown }).vendor === 'SMASHSEND' && TRUNCATED.test(text));
    if (name === 'key_hint' && inner !== null && !(typeof inner === 'string' && rowHint(inner)))
      maskProblems.push(`${label}: key_hint is not a mask or a truncated hint (${String(inner).length} characters)`);
    const allowed = (text: string) => MASKED.test(text) || (smashsend && TRUNCATED.test(text));
    if (SECRET_FIELDS.includes(name) && inner !== null && inner !== undefined && !(typeof inner === 'string' && allowed(inner))) {
      maskProblems.push(`${label}: ${name} is not masked (${String(inner).length} characters)`);
    }
    checkMasked(label, inner, smashsend);
  }
}

function capture(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(
        args
          .map((arg) => (typeof arg === 'string' ? arg : arg instanceof Error ? `${arg.message}\n${arg.stack}` : JSON.stringify(arg)))
          .join(' '),
      );
    }),
  );
  return { lines, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

describe.each([
  ['detailed stdout logs + the production log stream', { LOG_TO_STDOUT: '1', DETAILED_LOG_TO_STDOUT: '1' }],
  ['plain stdout logs', { LOG_TO_STDOUT: '1', DETAILED_LOG_TO_STDOUT: undefined }],
] as const)('%s', (_name, logging) => {
  it.each(RUNS.map((run) => [run.label, run] as const))('%s', async (_label, run) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    await run.op.setup?.(sandbox); // the operation's own preparation (a suspended key to reactivate), not logged here
    run.setup?.(sandbox);
    const streamedBefore = streamed.length;
    const { lines, restore } = capture();
    let outcome: Outcome;
    try {
      outcome = await withEnv(
        {
          ...logging,
          KEYRING_TIMEOUT_MS: undefined,
          LOGGING_ENDPOINT: logEndpoint,
          LOGGING_TOKEN: logging.DETAILED_LOG_TO_STDOUT ? 'reliability-test-token' : undefined,
        },
        () => outcomeOf(runOperation(run.op, sandboxAuth(sandbox), run.input ?? run.op.input)),
      );
    } finally {
      restore();
    }
    expect(lines.length).toBeGreaterThan(0); // logging really was on
    // A jest worker shares node's http module between test files: an earlier file's core may log the log stream's own
    // POST. Those lines are checked for leaks too, but not counted as the app's log lines.
    for (const line of lines) (line.startsWith(`POST ${logEndpoint}`) ? logStreamEchoes : logLines).push(line);
    logLines.push(...streamed.slice(streamedBefore));
    if (outcome.ok && run.op.key === 'revoke_leaked_api_key') {
      // The new secret is this step's one secret to deliver, in new_secret alone: every other field is checked.
      const { new_secret: newSecret, ...rest } = outcome.result as { new_secret?: string };
      if (newSecret !== undefined) returnedSecrets.add(newSecret);
      revokeOutputs.push({ label: run.label, newSecret });
      checkMasked(run.label, rest, false);
      outputs.push({ label: run.label, text: JSON.stringify(rest), user: '' });
    } else if (outcome.ok) {
      collectSecrets(outcome.result);
      const text = JSON.stringify(outcome.result);
      // SMASHSEND has no reveal: its outputs are checked even when a Zap passes include_secret.
      const reveals = run.input?.include_secret && run.op.vendor !== 'smashsend';
      if (!SHOWS_NEW_SECRET.has(run.op.key) && !reveals) checkMasked(run.label, outcome.result, run.op.vendor === 'smashsend');
      outputs.push({ label: run.label, text: SHOWS_NEW_SECRET.has(run.op.key) || reveals ? '' : text, user: '' });
    } else {
      outputs.push({ label: run.label, text: outcome.fullText ?? '', user: outcome.message ?? '' });
    }
  });
});

it("core's censoring catches secretKey, apiKey and api_key in response bodies (so no app-side scrubbing is needed)", () => {
  const contents = streamed.map((line) => (JSON.parse(line) as { data?: { response_content?: string } }).data?.response_content ?? '');
  for (const field of ['secretKey', 'apiKey', 'api_key']) {
    const withField = contents.filter((content) => content.includes(`"${field}":"`));
    expect(withField.length).toBeGreaterThan(0);
    // Every full value under these names is replaced by core's ":censored:<length>:<hash>:" (lists' truncated values too).
    for (const content of withField) {
      for (const match of content.matchAll(new RegExp(`"${field}":"([^"]*)"`, 'g'))) expect(match[1]).toMatch(/^:censored:\d+:[0-9a-f]+:$/);
    }
  }
});

/**
 * What core's scrubber (@zapier/secret-scrubber's censor) writes in place of a value: its length and the start of a
 * salted SHA-256 (the salt is the package's default: no ZAPIER_SCRUBBER_SALT is set here).
 */
function censored(value: string): string {
  const hash = createHash('sha256').update(`${value}averysecretsalt`, 'binary').digest('hex');
  return `:censored:${value.length}:${hash.slice(0, 10)}:`;
}

it("the leaked secret SMASHSEND is shown as the Bearer token is censored in core's request log (the production stream)", () => {
  const lookups = streamed
    .map((line) => JSON.parse(line) as { message?: string; data?: { request_url?: string; request_headers?: string } })
    .filter((line) => line.data?.request_url?.endsWith(SS_CURRENT));
  const authorizations = lookups.map((line) => /^authorization: (.*)$/m.exec(line.data?.request_headers ?? '')?.[1]);
  expect(authorizations.length).toBeGreaterThan(0);
  // Each one is core's ":censored:<length>:<hash>:", never the header itself…
  for (const value of authorizations) expect(value).toMatch(/^:censored:\d+:[0-9a-f]+:$/);
  // …the leaked secret's among them (core's censor of "Bearer <secret>"), and the secret nowhere in any lookup's line.
  expect(authorizations).toContain(censored(`Bearer ${LEAKED.smashsend}`));
  for (const line of lookups) expect(JSON.stringify(line)).not.toContain(LEAKED.smashsend);
  // The detailed stdout log prints each lookup (request line, headers, answer): its headers are core's refusal to print
  // them ("ERR - refusing to log possibly uncensored headers"), or censored; the secret shows in none.
  const printed = logLines.filter((line) => line.startsWith('GET ') && line.split('\n')[0].endsWith(SS_CURRENT));
  expect(printed.length).toBeGreaterThan(0);
  for (const line of printed) {
    expect(line).not.toMatch(/^authorization: (?!:censored:)/im);
    expect(line).not.toContain(LEAKED.smashsend);
  }
});

it('a revocation delivers its new secret in new_secret, exactly where a replacement was issued', () => {
  const delivered = (label: string) =>
    revokeOutputs.filter((output) => output.label === label).map((output) => output.newSecret !== undefined);
  // Each run twice: once per logging mode.
  expect(delivered('revoke_leaked_api_key (SMASHSEND)')).toEqual([true, true]);
  expect(delivered('revoke_leaked_api_key (SmartLead)')).toEqual([true, true]);
  expect(delivered('revoke_leaked_api_key (SMARTe)')).toEqual([false, false]); // suspended: SMARTe cannot replace a key
  expect(delivered('revoke_leaked_api_key (SmartLead delete, replace off)')).toEqual([false, false]);
  expect(
    delivered("revoke_leaked_api_key × the connection's own key's delete failing after its twin (the twin's secret comes back)"),
  ).toEqual([true, true]);
  expect(delivered('revoke_leaked_api_key × the twin failing (the leaked key is deleted all the same)')).toEqual([false, false]);
});

it('no key and no returned key value appears in any log line, error message or masked output', () => {
  const secrets = [...new Set([...authSecrets(env.sandbox), ...SEEDED_SECRETS, ...GIVEN_SECRETS, ...returnedSecrets])];
  expect(returnedSecrets.size).toBeGreaterThanOrEqual(5); // creates, reset and rotate returned new values
  const leaks: string[] = [];
  for (const line of [...logLines, ...logStreamEchoes])
    for (const secret of secrets) if (line.includes(secret)) leaks.push(`log line leaks …${secret.slice(-4)}: ${line.slice(0, 300)}`);
  for (const output of outputs) {
    for (const secret of secrets) if (output.text.includes(secret)) leaks.push(`${output.label} leaks …${secret.slice(-4)}`);
    if (output.user) leaks.push(...neverSigns(output.user, output.text, secrets).map((p) => `${output.label}: ${p}`));
  }
  expect(streamed.length).toBeGreaterThan(0); // the production stream was read
  console.log(
    `secrets checked: ${logLines.length} log lines (${streamed.length} from the production stream), ${outputs.length} outputs, ${secrets.length} secret values, leaks: ${leaks.length + maskProblems.length}`,
  );
  expect(leaks).toEqual([]);
  expect(maskProblems).toEqual([]);
});
