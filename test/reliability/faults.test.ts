// The fault matrix, the one owner of "which vendor fault becomes which Zapier error": every operation × every way a
// vendor can fail, played over real HTTP by the sandbox's fault injection (a refused connection is a just-closed
// port). Each cell must give the Zapier error the table says (class, code, status or delay), with a message that names
// the vendor, what happened, the vendor's own message where it sent one, and what to do; never a TypeError,
// "undefined", "[object Object]", a stack, a page of HTML or a key. Every injected fault must be hit. Expected
// exceptions (a success, or a search miss) are listed per operation, with the reason. Each cell runs as a cold container
// (nothing remembered about the connection's key), so a delete asks GET /v1/api-keys/current first in every cell. The
// connection holds all three vendors' keys, except in the rows named "…-only connection": only there does a 401 expire
// the connection. Cells where the source is known to be wrong run as `it.failing` (printed BUG) until it is fixed.

import { forgetRememberedKeys } from '../../lib/clients';
import { AUTH_FIELD_LABEL } from '../../lib/errors';
import { DEFAULT_WRONG_SHAPE_BODY } from '../../sandbox/faults';
import { defaultErrorMessage, type FaultBehaviour, type SandboxHandle } from '../../sandbox/server';
import { registeredOperationKeys, runOperation, without, type Auth } from '../support/app';
import { withEnv } from '../support/env';
import { closedPort } from '../support/net';
import { LEAKED, OPERATIONS, SM_UPDATE, SM_VIEW, SS_CURRENT, SS_KEYS, SL_KEYS, WS, operation, type Operation } from '../support/operations';
import { masked, neverSigns, outcomeOf, type Outcome } from '../support/outcome';
import { authSecrets, faultAt, sandboxAuth, useSandbox } from '../support/sandbox';
import { pad } from '../support/table';
import { AUTH_FIELD, VENDOR_NAME, baseUrlEnvOf, type Vendor } from '../support/vendors';

const env = useSandbox({ resetEachTest: false });
// Every cell starts as a cold container would: the connection key's id is not remembered from an earlier cell.
beforeEach(() => forgetRememberedKeys());

/** The per-request timeout in the timeout column: short, so that a delay fault of a few hundred ms trips it. */
const TIMEOUT_MS = 400;
const SLOW_MS = 1_500;
/** A delay well inside the default per-request timeout (10 s): the step is only slower. */
const SHORT_DELAY_MS = 300;
const RETRY_AFTER = 7;

/** Phrases the message must contain, and (`lacks`) text it must not show. */
interface Says {
  says: string[];
  lacks?: string[];
}

/** What a cell expects: an error the user sees (class, code, status, delay and phrases of the message), or a result. */
type Expectation =
  | ({ error: 'AppError'; code: string; status?: number } & Says)
  | ({ error: 'ExpiredAuthError' } & Says)
  /**
   * A precondition: the step stops, nothing written (never counted toward turning the Zap off). `noWrites`: the
   * sandbox's counters must show no request but reads (a halt that comes before the step's write).
   */
  | ({ error: 'HaltedError'; noWrites?: true } & Says)
  | ({ error: 'ThrottledError'; delay: number } & Says)
  | { result: unknown; why: string }
  /** The step succeeds with the same result as without the fault (a write's result is new each time: it just succeeds). */
  | { sameResult: true; why: string };

type FaultId =
  | '400'
  | '401'
  | '403'
  | '404'
  | '422'
  | '429 + Retry-After'
  | '429'
  | '500'
  | '502'
  | '503'
  | 'HTML page'
  | 'HTML 200'
  | 'empty body'
  | 'malformed JSON'
  | 'wrong shape'
  | 'timeout'
  | 'short delay'
  | 'refused'
  | 'reset';

/** A row of the matrix: an operation, and which request its faults hit, and the connection it runs with. */
type Row = Operation & {
  notApplicable?: FaultId[];
  /** The connection's vendors (all three by default): with one alone, a 401 expires the connection. */
  only?: Vendor;
  /** Cells where the source is known to give the wrong answer: run as it.failing, with why (reported). */
  knownBugs?: Partial<Record<FaultId, string>>;
};

interface Fault {
  id: FaultId;
  /** The sandbox fault; undefined for "refused" (the base URL points at a closed port instead). */
  spec?: FaultBehaviour;
  expect: (op: Row, where: string, V: string) => Expectation;
}

/** The connection a row runs with: the sandbox's three keys, or one vendor's alone. */
function connectionOf(op: Row, sandbox: SandboxHandle): Auth {
  const all = sandboxAuth(sandbox);
  if (op.only === undefined) return all;
  const others = (Object.keys(AUTH_FIELD) as Vendor[]).filter((vendor) => vendor !== op.only).map((vendor) => AUTH_FIELD[vendor]);
  return without(all, ...others, ...(op.only === 'SMASHSEND' ? [] : ['smashsend_workspace_id']));
}

/**
 * Where the request is named and what the vendor said: the sandbox's default error message for the status (its own
 * words, read from the sandbox), after the "(status on METHOD path)" the connector names the request with.
 */
function vendorSaid(op: Operation, status: number, where: string): string {
  return `(${status} on ${where}): ${defaultErrorMessage(op.vendor, status).replace(/[.\s]+$/, '')}.`;
}

/** The field a wrong-shape answer lacks, as the message names it: SMASHSEND's list or key, SmartLead's and SMARTe's data. */
function expectedField(op: Operation): string {
  if (op.vendor !== 'smashsend') return 'data';
  return op.method === 'GET' && op.path !== SS_CURRENT ? 'apiKeys' : 'apiKey';
}

/** The advice where a retry may help; never after a 4xx other than 429 (the same request would fail the same way). */
const RETRY = 'A retry may help.';

/**
 * The advice after an answer that leaves a write's outcome unknown: how to check (or, for a write that is safe to
 * repeat, that a repeat is safe and which search shows the key's state); on a read, "A retry may help."
 */
function afterUnknownWrite(op: Operation): string {
  if (!op.checkWith || op.method === 'GET' || op.readOnly) return RETRY;
  return op.repeatable
    ? `${op.mayHaveHappened}. Repeating this step is safe; the "${op.checkWith}" step (or the ${VENDOR_NAME[op.vendor]} dashboard) shows the key's current state.`
    : `${op.mayHaveHappened}: use the "${op.checkWith}" step (or the ${VENDOR_NAME[op.vendor]} dashboard) to check before trying again.`;
}

// The table: one row per fault, and what every operation must show for it (exceptions per operation below).
const FAULTS: Fault[] = [
  {
    id: '400',
    spec: { kind: 'status', status: 400 },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'validation',
      status: 400,
      says: [`${V} rejected the request (400 on ${where})`, vendorSaid(op, 400, where)],
      lacks: [RETRY],
    }),
  },
  {
    id: '401',
    spec: { kind: 'status', status: 401 },
    // ExpiredAuthError stops every Zap of the connection: only where the failing vendor is its only one. Otherwise the
    // error names that vendor's key field, and the other vendors' Zaps keep running.
    expect: (op, where, V) =>
      op.only === undefined
        ? {
            error: 'AppError',
            code: 'auth',
            status: 401,
            says: [
              `${V} rejected the API key (401 on ${where})`,
              vendorSaid(op, 401, where),
              `Reconnect with a working key in the ${AUTH_FIELD_LABEL[VENDOR_NAME[op.vendor]]} field; the connection's other vendors keep working.`,
            ],
            lacks: [RETRY, 'Reconnect your'],
          }
        : {
            error: 'ExpiredAuthError',
            says: [
              `${V} rejected the API key (401 on ${where})`,
              vendorSaid(op, 401, where),
              `Reconnect your ${V} API key in this connection.`,
            ],
            lacks: [RETRY],
          },
  },
  {
    id: '403',
    spec: { kind: 'status', status: 403 },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'forbidden',
      status: 403,
      says: [
        `${V} refused access: the API key lacks permission for this (403 on ${where})`,
        vendorSaid(op, 403, where),
        `Reconnect with a ${V} API key that is allowed to do this.`,
      ],
      lacks: [RETRY],
    }),
  },
  {
    id: '404',
    spec: { kind: 'status', status: 404 },
    // On a write to a key that must exist, a 404 is a precondition: the step halts, naming the search that shows the key.
    expect: (op, where, V) => {
      const said = [
        op.notFound ? `${V} has no ${op.notFound} (404 on ${where})` : `${V} found nothing at ${where} (404 on ${where})`,
        vendorSaid(op, 404, where),
      ];
      return op.onExistingKey
        ? {
            error: 'HaltedError',
            says: [...said, `Nothing was changed. The "${op.checkWith}" step (or the ${V} dashboard) shows the key's current state.`],
            lacks: [RETRY],
          }
        : { error: 'AppError', code: 'not_found', status: 404, says: said, lacks: [RETRY] };
    },
  },
  {
    id: '422',
    spec: { kind: 'status', status: 422 },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'validation',
      status: 422,
      says: [`${V} rejected the request (422 on ${where})`, vendorSaid(op, 422, where)],
      lacks: [RETRY],
    }),
  },
  {
    id: '429 + Retry-After',
    spec: { kind: 'status', status: 429, retryAfter: RETRY_AFTER },
    expect: (op, where, V) => ({
      error: 'ThrottledError',
      delay: RETRY_AFTER,
      says: [`${V} rate limit reached (429 on ${where})`, vendorSaid(op, 429, where), `Retry after ${RETRY_AFTER} s.`],
    }),
  },
  {
    id: '429',
    spec: { kind: 'status', status: 429 },
    expect: (op, where, V) => ({
      error: 'ThrottledError',
      delay: 60,
      says: [`${V} rate limit reached (429 on ${where})`, vendorSaid(op, 429, where), 'Wait a moment before trying again.'],
    }),
  },
  {
    id: '500',
    spec: { kind: 'status', status: 500 },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'server',
      status: 500,
      says: [`${V} had a server error (500 on ${where})`, vendorSaid(op, 500, where), RETRY],
    }),
  },
  // A gateway's 502 may come after the vendor acted: a write says how to check rather than to retry.
  {
    id: '502',
    spec: { kind: 'status', status: 502 },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'server',
      status: 502,
      says: [`${V} had a server error (502 on ${where})`, vendorSaid(op, 502, where), afterUnknownWrite(op)],
    }),
  },
  {
    id: '503',
    spec: { kind: 'status', status: 503 },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'server',
      status: 503,
      says: [`${V} had a server error (503 on ${where})`, vendorSaid(op, 503, where), RETRY],
    }),
  },
  {
    id: 'HTML page',
    spec: { kind: 'html' },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'server',
      status: 502,
      says: [`${V} had a server error (an HTML error page) (502 on ${where}).`, afterUnknownWrite(op)],
      lacks: ['<', 'nginx'],
    }),
  },
  // An HTML page with a 200 (a captive portal, a misrouted proxy): a bad answer, not a server error.
  {
    id: 'HTML 200',
    spec: { kind: 'html', status: 200 },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`${V} sent an HTML page instead of JSON (200 on ${where}).`, afterUnknownWrite(op)],
      lacks: ['<', 'nginx'],
    }),
  },
  {
    id: 'empty body',
    spec: { kind: 'empty' },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`${V} sent an empty response (200 on ${where})`, afterUnknownWrite(op)],
    }),
  },
  {
    id: 'malformed JSON',
    spec: { kind: 'malformed' },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`${V} sent malformed JSON (200 on ${where})`, afterUnknownWrite(op)],
    }),
  },
  {
    id: 'wrong shape',
    spec: { kind: 'wrongShape' },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`${V} sent an unexpected response (200 on ${where}): ${expectedField(op)} is missing.`, afterUnknownWrite(op)],
      lacks: [JSON.stringify(DEFAULT_WRONG_SHAPE_BODY)],
    }),
  },
  {
    id: 'timeout',
    spec: { kind: 'delay', delayMs: SLOW_MS },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'network',
      says: [`${V} did not answer within ${TIMEOUT_MS / 1000} s (${where})`, afterUnknownWrite(op)],
    }),
  },
  // A delay well inside the timeout is only slower: the step gives what it gives without the fault.
  {
    id: 'short delay',
    spec: { kind: 'delay', delayMs: SHORT_DELAY_MS },
    expect: () => ({ sameResult: true, why: `a ${SHORT_DELAY_MS} ms delay is well inside the 10 s timeout` }),
  },
  // Refused: the request never reached the vendor, so even a write can be retried as it is (and a write says so).
  // A step that makes another request first (the delete's GET /v1/api-keys/current, the suspension's view) is refused there.
  {
    id: 'refused',
    expect: (op, where, V) => {
      const first = op.before?.[0];
      // The first request a refused connection meets: a read (a GET, or SMARTe's view) changed nothing either way.
      const reads = first ? first.method === 'GET' || first.readOnly === true : op.method === 'GET' || op.readOnly === true;
      return {
        error: 'AppError',
        code: 'network',
        says: [
          `${V} refused the connection (${first ? `${first.method} ${first.path}` : where})`,
          op.checkWith && !reads ? `Nothing reached ${V}, so nothing was changed: a retry is safe.` : RETRY,
        ],
      };
    },
  },
  {
    id: 'reset',
    spec: { kind: 'drop' },
    expect: (op, where, V) => ({
      error: 'AppError',
      code: 'network',
      says: [`${V} dropped the connection (reset) (${where})`, afterUnknownWrite(op)],
    }),
  },
];

// Rows: every operation (fault on the request it makes first), plus the later requests that matter.
const ROWS: Row[] = [
  ...OPERATIONS,
  {
    ...OPERATIONS.find((op) => op.key === 'rotate_smashsend_api_key')!,
    name: 'rotate_smashsend_api_key (create step)',
    method: 'POST',
    faultPath: '/api-keys',
    // A refusal needs a closed port, which would refuse the list too: the operation's own row covers it.
    notApplicable: ['refused'],
  },
  {
    ...OPERATIONS.find((op) => op.key === 'find_smashsend_api_key')!,
    name: 'find_smashsend_api_key (page 2)',
    input: { displayName: 'Generated Key 00001' },
    faultPath: 'startAt=',
    setup: (sandbox) => void sandbox.generateSmashsendKeys(150),
    notApplicable: ['refused'],
  },
  {
    // Both vendors asked at once: the one that fails makes the step fail with its own error, never a partial list.
    ...OPERATIONS.find((op) => op.name === 'api_key_reached_age (SmartLead)')!,
    name: 'api_key_reached_age (SmartLead fails, SMASHSEND answers)',
    input: { age_days: 30 },
  },
  {
    ...OPERATIONS.find((op) => op.name === 'audit_api_keys (SMARTe)')!,
    name: 'audit_api_keys (SMARTe fails, the others answer)',
    input: { older_than_days: 30 },
  },
  {
    ...OPERATIONS.find((op) => op.name === 'audit_api_keys (SMASHSEND)')!,
    name: 'audit_api_keys (SMASHSEND page 2)',
    faultPath: 'startAt=',
    setup: (sandbox) => void sandbox.generateSmashsendKeys(150),
    notApplicable: ['refused'],
  },
  {
    // GET /v1/api-keys/current, which a delete asks first. An answer that cannot tell whether the target is the
    // connection's own key halts, nothing deleted (EXCEPTIONS); a rejected key, a rate limit, a server or network fault
    // fails as on any read. A refusal is the delete row's own cell (this is its first request).
    ...operation('delete_smashsend_api_key'),
    name: 'delete_smashsend_api_key (current key)',
    method: 'GET',
    path: '/v1/api-keys/current',
    faultPath: '/v1/api-keys/current',
    before: undefined,
    notFound: undefined,
    onExistingKey: undefined,
    notApplicable: ['refused'],
  },
  {
    // SMARTe's view of the one key, which a suspension makes before its update: a read (nothing written yet), so a fault
    // there needs no checking; no key for the email halts (EXCEPTIONS). A refusal is the suspend row's own cell.
    ...operation('suspend_smarte_api_key'),
    name: 'suspend_smarte_api_key (view)',
    path: SM_VIEW,
    faultPath: SM_VIEW,
    before: undefined,
    notFound: undefined,
    checkWith: undefined,
    mayHaveHappened: undefined,
    repeatable: undefined,
    onExistingKey: undefined,
    notApplicable: ['refused'],
  },
  // One vendor alone in the connection: a 401 expires it (ExpiredAuthError); every other cell as with three vendors.
  {
    ...operation('delete_smartlead_client_api_key'),
    name: 'delete_smartlead_client_api_key (SmartLead-only connection)',
    only: 'SmartLead',
  },
  { ...operation('delete_smashsend_api_key'), name: 'delete_smashsend_api_key (SMASHSEND-only connection)', only: 'SMASHSEND' },
  { ...operation('suspend_smarte_api_key'), name: 'suspend_smarte_api_key (SMARTe-only connection)', only: 'SMARTe' },
  // The leaked-key steps with SMASHSEND alone in the connection: the lookup sends the LEAKED secret as the Bearer token,
  // so a 401 there says the secret is not a live SMASHSEND key — never that the connection expired (EXCEPTIONS).
  { ...operation('find_api_key_by_secret (SMASHSEND)'), name: 'find_api_key_by_secret (SMASHSEND-only connection)', only: 'SMASHSEND' },
  { ...operation('revoke_leaked_api_key (SMASHSEND)'), name: 'revoke_leaked_api_key (SMASHSEND-only connection)', only: 'SMASHSEND' },
  // The revoking write of each vendor, after the lookup found the key: a 404 there means the key went away in between
  // (another run revoked it), a precondition like every write to a key that must exist: the step halts.
  {
    ...operation('revoke_leaked_api_key (SMASHSEND)'),
    name: 'revoke_leaked_api_key (SMASHSEND delete)',
    method: 'DELETE',
    path: `${SS_KEYS}/aki_xyz789ghi012`,
    faultPath: '/api-keys/aki_xyz789ghi012',
    // The leaked secret's lookup, then the delete's own check of the connection's key.
    before: [
      { method: 'GET', path: SS_CURRENT },
      { method: 'GET', path: SS_CURRENT },
    ],
    notFound: `API key aki_xyz789ghi012 in workspace ${WS}`,
    onExistingKey: true,
    notApplicable: ['refused'],
  },
  {
    ...operation('revoke_leaked_api_key (SmartLead)'),
    name: 'revoke_leaked_api_key (SmartLead reset)',
    // A reset's lost answer: the leaked value finds nothing any more, only SmartLead's own search shows the new value.
    checkWith: 'Find SmartLead Client API Key',
    mayHaveHappened:
      'The key may have been reset anyway (its leaked value then no longer works); its new value is shown with "Include Full Key Value" on',
    method: 'PUT',
    path: `${SL_KEYS}/reset/45`,
    faultPath: '/reset/45',
    before: [{ method: 'GET', path: SL_KEYS }],
    notFound: 'client API key 45',
    onExistingKey: true,
    notApplicable: ['refused'],
  },
  {
    ...operation('revoke_leaked_api_key (SMARTe)'),
    name: 'revoke_leaked_api_key (SMARTe suspend)',
    path: SM_UPDATE,
    faultPath: SM_UPDATE,
    readOnly: undefined,
    // The lookup's view of every key, then the suspension's view of that one key.
    before: [
      { method: 'POST', path: SM_VIEW, readOnly: true },
      { method: 'POST', path: SM_VIEW, readOnly: true },
    ],
    notFound: 'key for dev.udi_user@smarte.pro',
    onExistingKey: true,
    notApplicable: ['refused'],
  },
  {
    ...operation('api_key_status_changed (SMASHSEND)'),
    name: 'api_key_status_changed (SMASHSEND page 2)',
    faultPath: 'startAt=',
    setup: (sandbox) => void sandbox.generateSmashsendKeys(150),
    notApplicable: ['refused'],
  },
  {
    // Every vendor asked at once: the one that fails makes the step fail with its own error, never a partial list.
    ...operation('api_key_status_changed (SmartLead)'),
    name: 'api_key_status_changed (SmartLead fails, the others answer)',
    input: {},
  },
  {
    name: 'connection test (SmartLead part)',
    kind: 'authentication',
    key: 'test',
    vendor: 'smartlead',
    input: {},
    method: 'GET',
    path: '/api/v1/client/',
    faultPath: '/api/v1/client/?',
  },
];

const SMARTE_UPDATE_RECORD = (email: string, status: string) => ({
  id: email,
  keyId: null,
  email,
  role: null,
  status,
  apiKey: null,
  message: null,
});

/** SMASHSEND's answer to GET /v1/api-keys/current could not tell the connection key's id: the delete refuses the target. */
const CANNOT_TELL: Expectation = {
  error: 'HaltedError',
  says: [
    `SMASHSEND gave no way to tell whether API key aki_xyz789ghi012 is the key this connection authenticates with: refused to delete it, nothing was changed.`,
    `Pick another key, or turn on "Allow This Connection's Own Key" if you mean it (reconnect afterwards if it was this connection's key).`,
  ],
};

// ---- the leaked-key steps ----

/**
 * SMASHSEND's lookup of a leaked secret (GET /v1/api-keys/current with the secret itself as the Bearer token): a 401 says
 * the secret is not (or no longer) a live SMASHSEND key, and so does a 403 (a dead key may get one: VENDOR-NOTES). That is
 * an answer about the secret, not about the connection: the other vendors are asked, none knows it, so the search finds
 * nothing and the revocation halts having written nothing — with SMASHSEND alone in the connection too (no expired
 * connection). Any other fault there means SMASHSEND could not be asked, and fails as on any read.
 */
const NOT_A_LIVE_SMASHSEND_KEY = ['401', '403'] as const;
const FOUND_NOTHING: Expectation = {
  result: [],
  why: 'SMASHSEND answered the leaked secret 401/403: not a live SMASHSEND key (and no other vendor knows it)',
};
const unknownSecret = (vendors: string): Expectation => ({
  error: 'HaltedError',
  noWrites: true,
  says: [
    `No vendor of this connection (${vendors}) knows the secret ending in ${LEAKED.smashsend.slice(-4)}: nothing was revoked.`,
    'the "Find API Key by Secret" step shows where a secret belongs.',
  ],
});
const leakedLookup = (expected: Expectation) =>
  Object.fromEntries(NOT_A_LIVE_SMASHSEND_KEY.map((id) => [id, expected])) as Partial<Record<FaultId, Expectation>>;

/** Cells where the source is known to give the wrong answer, by row name (beside a row's own knownBugs): reported. */
const KNOWN_BUGS: Record<string, Partial<Record<FaultId, string>>> = {};

/**
 * Expected exceptions: cells where the right answer is not the fault's usual error (a success, a search miss, a halt).
 * A one-vendor row has its operation's exceptions.
 */
const EXCEPTIONS: Record<string, Partial<Record<FaultId, Expectation>>> = {
  // 400, 403, 404, 422 or an unreadable 200 on GET /v1/api-keys/current: SMASHSEND does not tell, so the delete halts.
  'delete_smashsend_api_key (current key)': Object.fromEntries(
    (['400', '403', '404', '422', 'HTML 200', 'empty body', 'malformed JSON', 'wrong shape'] as const).map((id) => [id, CANNOT_TELL]),
  ),
  // No key for the email at SMARTe: nothing to suspend, so nothing is sent to update.
  'suspend_smarte_api_key (view)': {
    '404': {
      error: 'HaltedError',
      says: [
        `SMARTe has no key for dev.udi@smarte.pro (POST ${SM_VIEW}).`,
        `Nothing was changed. The "Find SMARTe API Key" step (or the SMARTe dashboard) shows the key's current state.`,
      ],
    },
  },
  delete_smartlead_client_api_key: {
    'empty body': { result: { id: 46, deleted: true }, why: 'an empty 2xx answers a delete: SmartLead documents no delete body' },
    'wrong shape': { result: { id: 46, deleted: true }, why: 'any 2xx JSON answers a delete; only a key record is shown back' },
  },
  find_smarte_api_key: { '404': { result: [], why: 'a 404 on a view by email is a search miss' } },
  'find_api_key_by_secret (SMASHSEND)': leakedLookup(FOUND_NOTHING),
  'find_api_key_by_secret (SMASHSEND-only connection)': leakedLookup(FOUND_NOTHING),
  'revoke_leaked_api_key (SMASHSEND)': leakedLookup(unknownSecret('SMASHSEND, SmartLead, SMARTe')),
  'revoke_leaked_api_key (SMASHSEND-only connection)': leakedLookup(unknownSecret('SMASHSEND')),
  'revoke_leaked_api_key (SMARTe suspend)': {
    'wrong shape': {
      result: {
        vendor: 'SMARTe',
        key_id: '222c424f-6e56-4ab1-94eb-8a0e41490831',
        name: 'dev.udi_user@smarte.pro',
        action: 'suspended',
        key_hint: masked(LEAKED.smarte),
        warning: "SMARTe cannot issue a replacement: the user's key stays suspended (reactivating it would bring back the leaked value).",
      },
      why: "SMARTe's update answer is undocumented: a 2xx is taken as done",
    },
  },

  suspend_smarte_api_key: {
    'wrong shape': {
      result: { ...SMARTE_UPDATE_RECORD('dev.udi@smarte.pro', 'suspended'), warning: '' },
      why: "SMARTe's update answer is undocumented: a 2xx is taken as done",
    },
  },
  reactivate_smarte_api_key: {
    'wrong shape': {
      result: SMARTE_UPDATE_RECORD('dev.udi@smarte.pro', 'active'),
      why: "SMARTe's update answer is undocumented: a 2xx is taken as done",
    },
  },
};

/** In the connection test every vendor failure becomes one plain error that lists it (no expired connection, no throttling). */
function forConnectionTest(expected: Expectation): Expectation {
  if (!('error' in expected)) return expected;
  return {
    error: 'AppError',
    code: 'connection_test_failed',
    says: expected.says.filter((phrase) => !phrase.startsWith('Reconnect')),
    ...(expected.lacks ? { lacks: expected.lacks } : {}),
  };
}

function expectationFor(op: Row, fault: Fault): Expectation {
  const exception = (EXCEPTIONS[op.name] ?? (op.only ? EXCEPTIONS[op.key] : undefined))?.[fault.id];
  if (exception) return exception;
  const expected = fault.expect(op, `${op.method} ${op.path}`, VENDOR_NAME[op.vendor]);
  return op.kind === 'authentication' ? forConnectionTest(expected) : expected;
}

/**
 * The differences between what happened and what the cell expects (empty = handled). `unfaulted` is the same step's
 * result without the fault, for a cell that expects the same result (undefined for a write: it only has to succeed).
 */
function judge(outcome: Outcome, expected: Expectation, secrets: string[], unfaulted?: Outcome): string[] {
  if ('sameResult' in expected) {
    if (!outcome.ok) return [`expected a result (${expected.why}), got ${outcome.name}: ${outcome.message}`];
    if (unfaulted === undefined) return [];
    if (!unfaulted.ok) return [`without the fault the step failed: ${unfaulted.name}: ${unfaulted.message}`];
    return JSON.stringify(outcome.result) === JSON.stringify(unfaulted.result)
      ? []
      : [`expected the result without the fault ${JSON.stringify(unfaulted.result)}, got ${JSON.stringify(outcome.result)}`];
  }
  if ('result' in expected) {
    if (!outcome.ok) return [`expected a result (${expected.why}), got ${outcome.name}: ${outcome.message}`];
    return JSON.stringify(outcome.result) === JSON.stringify(expected.result)
      ? []
      : [`expected ${JSON.stringify(expected.result)}, got ${JSON.stringify(outcome.result)}`];
  }
  if (outcome.ok) return [`expected ${expected.error}, got a result ${JSON.stringify(outcome.result).slice(0, 200)}`];
  const problems: string[] = [];
  if (outcome.name !== expected.error) problems.push(`expected ${expected.error}, got ${outcome.name}`);
  if (expected.error === 'AppError') {
    if (outcome.code !== expected.code) problems.push(`expected code ${expected.code}, got ${outcome.code}`);
    if (expected.status !== undefined && outcome.status !== expected.status)
      problems.push(`expected status ${expected.status}, got ${outcome.status}`);
  }
  if (expected.error === 'HaltedError' && (outcome.code !== undefined || outcome.status !== undefined))
    problems.push(`expected a HaltedError without code or status, got ${outcome.code} ${outcome.status}`);
  if (expected.error === 'ThrottledError' && outcome.delay !== expected.delay)
    problems.push(`expected delay ${expected.delay}, got ${outcome.delay}`);
  const message = outcome.message ?? '';
  for (const phrase of expected.says) if (!message.includes(phrase)) problems.push(`message lacks "${phrase}"`);
  for (const text of expected.lacks ?? []) if (message.includes(text)) problems.push(`message shows "${text}"`);
  problems.push(...neverSigns(message, outcome.fullText ?? '', secrets));
  return problems.map((p) => `${p}\n    message: ${message}`);
}

const cells = ROWS.flatMap((op) => FAULTS.filter((fault) => !op.notApplicable?.includes(fault.id)).map((fault) => ({ op, fault })));
const grid = new Map<string, string>();
let tried = 0;
let handled = 0;

/** Short label of a cell's expectation, for the printed grid. */
function label(expected: Expectation): string {
  if ('sameResult' in expected) return 'ok';
  if ('result' in expected) return Array.isArray(expected.result) && expected.result.length === 0 ? '[]' : 'ok';
  if (expected.error === 'ExpiredAuthError') return 'expired';
  if (expected.error === 'HaltedError') return 'halt';
  if (expected.error === 'ThrottledError') return `thr${expected.delay}`;
  return expected.code
    .replace('connection_test_failed', 'conn')
    .replace('bad_response', 'bad')
    .replace('validation', 'val')
    .replace('not_found', 'nf')
    .replace('forbidden', 'forb')
    .replace('network', 'net');
}

it('the table covers every operation registered in index.ts', () => {
  expect([...new Set(OPERATIONS.map((op) => op.key))].sort()).toEqual(registeredOperationKeys());
  expect(SS_KEYS).toContain('/api-keys');
  expect(SL_KEYS).toBe('/api/v1/client/api-key');
});

describe.each(ROWS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
  const faults = FAULTS.filter((fault) => !op.notApplicable?.includes(fault.id));
  for (const fault of faults) {
    // A known source bug: the cell states the right answer and must fail until the source is fixed (then: remove it).
    const knownBug = op.knownBugs?.[fault.id] ?? KNOWN_BUGS[op.name]?.[fault.id];
    (knownBug === undefined ? it : it.failing)(fault.id, async () => {
      const sandbox = env.sandbox;
      sandbox.reset();
      await op.setup?.(sandbox);
      const expected = expectationFor(op, fault);
      const connection = connectionOf(op, sandbox);
      // A read's result without the fault, from the same data, for a cell that expects the same result.
      const unfaulted = 'sameResult' in expected && op.kind !== 'creates' ? await outcomeOf(runOperation(op, connection)) : undefined;
      forgetRememberedKeys(); // the faulted run starts cold too
      let vars: Record<string, string | undefined> = {};
      if (fault.spec) sandbox.injectFault(faultAt(op, fault.spec));
      if (fault.id === 'timeout') vars = { KEYRING_TIMEOUT_MS: String(TIMEOUT_MS) };
      if (fault.id === 'refused') vars = { [baseUrlEnvOf(op.vendor)]: `http://127.0.0.1:${await closedPort()}/${op.vendor}` };

      const outcome = await withEnv(vars, () => outcomeOf(runOperation(op, connection)));
      const unused = sandbox.pendingFaults();
      // Reads only: every route a halt before the write may have asked (GETs, SMARTe's view).
      const writes = Object.keys(sandbox.requestCounts().byRoute).filter(
        (route) => !route.startsWith('GET ') && route !== `POST ${SM_VIEW}`,
      );
      const problems = [
        // No secret shows: the connection's keys, nor the leaked secrets the leaked-key steps are given.
        ...judge(outcome, expected, [...authSecrets(sandbox), ...Object.values(LEAKED)], unfaulted),
        ...('noWrites' in expected && expected.noWrites && writes.length > 0
          ? [`a halt that must write nothing sent ${writes.join(', ')}`]
          : []),
        ...(unused.length > 0 ? [`the fault was never hit: ${JSON.stringify(unused.map((f) => f.spec))}`] : []),
      ];
      tried += 1;
      if (problems.length === 0) handled += 1;
      grid.set(`${op.name}|${fault.id}`, problems.length === 0 ? label(expected) : knownBug === undefined ? 'FAIL' : 'BUG');
      expect(problems).toEqual([]);
    });
  }
});

afterAll(() => {
  const width = Math.max(...ROWS.map((op) => op.name.length)) + 1;
  const header =
    pad('', width) +
    FAULTS.map((f) =>
      pad(
        f.id
          .replace(' + Retry-After', '+RA')
          .replace('malformed JSON', 'malformed')
          .replace('wrong shape', 'shape')
          .replace('empty body', 'empty')
          .replace('HTML page', 'html')
          .replace('HTML 200', 'html200')
          .replace('short delay', 'slow'),
        10,
      ),
    ).join('');
  const lines = ROWS.map(
    (op) =>
      pad(op.name, width) +
      FAULTS.map((f) => pad(grid.get(`${op.name}|${f.id}`) ?? (op.notApplicable?.includes(f.id) ? 'n/a' : '-'), 10)).join(''),
  );
  const exceptions = Object.entries(EXCEPTIONS).flatMap(([name, byFault]) =>
    Object.entries(byFault).map(
      ([id, e]) => `  ${name} × ${id}: ${'result' in e! ? `${JSON.stringify(e.result)} (${e.why})` : 'error' in e! ? e.error : ''}`,
    ),
  );
  const bugs = ROWS.flatMap((op) =>
    Object.entries({ ...KNOWN_BUGS[op.name], ...op.knownBugs }).map(([id, why]) => `  ${op.name} × ${id}: ${why}`),
  );
  console.log(
    [
      `faults tried: ${tried}, handled: ${handled} (${ROWS.length} operations/steps × ${FAULTS.length} faults = ${cells.length} cells; n/a = a refusal cannot hit a later request alone)`,
      header,
      ...lines,
      'expected exceptions:',
      ...exceptions,
      ...(bugs.length > 0 ? ['known source bugs (BUG: it.failing until fixed):', ...bugs] : []),
    ].join('\n'),
  );
});
