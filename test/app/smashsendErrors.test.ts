// Every SMASHSEND operation maps the same vendor failure to the same Zapier error: what the Zap builder reads for a
// revoked key, a refused permission, a rate limit (with and without Retry-After), a refused input, a server error,
// an HTML page and malformed JSON.

import nock from 'nock';
import { AUTH, run, without, type Auth } from '../support/app';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { expectZapierError, zapierError, type ExpectedZapierError } from '../support/outcome';
import { BEARER, KEYS, keyPath, listQuery, nockCurrentKey, runDropdownPage } from '../support/smashsend';
import { SMASHSEND } from '../support/vendors';
import * as fx from '../fixtures/smashsend';

useNock();
const unmatched = recordUnmatchedRequests();

const ID = 'aki_abc123def456';

const FIND = '"Find SMASHSEND API Key" step';

interface Operation {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** The operation's failing request, as nock should see it. */
  intercept: (scope: nock.Scope) => nock.Interceptor;
  run: (auth?: Auth) => Promise<unknown>;
  /** Requests that come first and succeed (e.g. the delete's GET /v1/api-keys/current): their interceptors. */
  before?: () => nock.Scope;
  /**
   * The key phrases of the advice when an answer leaves a write's outcome unknown (a gateway's 502, an unreadable 2xx);
   * reads: a retry. The whole sentences are the error table's (errorTable.test.ts).
   */
  afterBadAnswer?: string[];
}

/** Updates and deletes are safe to repeat: a lost or unreadable answer says it may have happened, and how to see. */
const repeatSafe = (mayHaveHappened: string) => [mayHaveHappened, 'Repeating this step is safe', FIND];

const operations: Operation[] = [
  {
    name: 'smashsend_api_key_list',
    method: 'GET',
    path: KEYS,
    intercept: (scope) => scope.get(KEYS).query(listQuery()),
    run: (auth = AUTH) => (auth === AUTH ? runDropdownPage(0) : run('triggers', 'smashsend_api_key_list', {}, auth, { page: 0 })),
  },
  {
    name: 'find_smashsend_api_key',
    method: 'GET',
    path: KEYS,
    intercept: (scope) => scope.get(KEYS).query(listQuery()),
    run: (auth) => run('searches', 'find_smashsend_api_key', { displayName: 'CRM Sync' }, auth),
  },
  {
    name: 'update_smashsend_api_key',
    method: 'POST',
    path: keyPath(ID),
    intercept: (scope) => scope.post(keyPath(ID), { displayName: 'Renamed' }),
    run: (auth) => run('creates', 'update_smashsend_api_key', { apiKeyId: ID, displayName: 'Renamed' }, auth),
    afterBadAnswer: repeatSafe('The key may have been updated anyway'),
  },
  {
    name: 'delete_smashsend_api_key',
    method: 'DELETE',
    path: keyPath(ID),
    intercept: (scope) => scope.delete(keyPath(ID)),
    before: () => nockCurrentKey(),
    run: (auth) => run('creates', 'delete_smashsend_api_key', { apiKeyId: ID }, auth),
    afterBadAnswer: repeatSafe('The key may have been deleted anyway (a repeat would then report it as not found)'),
  },
  {
    name: 'rotate_smashsend_api_key (reading the list)',
    method: 'GET',
    path: KEYS,
    intercept: (scope) => scope.get(KEYS).query(listQuery()),
    run: (auth) => run('creates', 'rotate_smashsend_api_key', { apiKeyId: ID }, auth),
  },
];

interface Failure {
  name: string;
  reply: (interceptor: nock.Interceptor) => nock.Scope;
  /** The error, given the request ("GET /v1/…") and the advice phrases after an unusable answer. */
  expected: (where: string, afterBadAnswer: string[]) => ExpectedZapierError;
}

const failures: Failure[] = [
  {
    name: '401',
    reply: (i) => i.reply(401, fx.error401),
    // The test connection holds all three vendors' keys: a 401 names SMASHSEND's field and expires nothing.
    expected: (where) => ({
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: [
        `rejected the API key (401 on ${where}): Invalid API key. Please double-check and try again`,
        "Reconnect with a working key in the SMASHSEND API Key field; the connection's other vendors keep working.",
      ],
    }),
  },
  {
    name: '403',
    reply: (i) => i.reply(403, fx.error403),
    expected: (where) => ({
      name: 'AppError',
      code: 'forbidden',
      status: 403,
      says: [`(403 on ${where}): API key does not have sufficient permissions`, 'Reconnect with a SMASHSEND API key that is allowed'],
    }),
  },
  {
    name: '429 with Retry-After',
    reply: (i) => i.reply(429, fx.error429, { 'Retry-After': '17' }),
    expected: (where) => ({
      name: 'ThrottledError',
      delay: 17,
      says: [`rate limit reached (429 on ${where}): Rate limit exceeded`, 'Retry after 17 s'],
    }),
  },
  {
    name: '429 without Retry-After (60 s default)',
    reply: (i) => i.reply(429, fx.error429),
    expected: (where) => ({ name: 'ThrottledError', delay: 60, says: [`(429 on ${where})`, 'Wait a moment before trying again'] }),
  },
  {
    name: '400',
    reply: (i) => i.reply(400, { statusCode: 400, error: 'Bad Request', message: 'displayName must be shorter than 100 characters' }),
    expected: (where) => ({
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: `rejected the request (400 on ${where}): displayName must be shorter than 100 characters`,
    }),
  },
  {
    name: '500',
    reply: (i) => i.reply(500, { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong' }),
    expected: (where) => ({
      name: 'AppError',
      code: 'server',
      status: 500,
      says: [`server error (500 on ${where}): Something went wrong`, 'A retry may help.'],
    }),
  },
  {
    name: '502 HTML page',
    reply: (i) => i.reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'Content-Type': 'text/html' }),
    expected: (where, afterBadAnswer) => ({
      name: 'AppError',
      code: 'server',
      status: 502,
      says: [`server error (an HTML error page) (502 on ${where})`, ...afterBadAnswer],
    }),
  },
  {
    name: '200 HTML page',
    reply: (i) => i.reply(200, '<!doctype html><html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' }),
    expected: (where, afterBadAnswer) => ({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`sent an HTML page instead of JSON (200 on ${where})`, ...afterBadAnswer],
    }),
  },
  {
    name: '200 malformed JSON',
    reply: (i) => i.reply(200, '{"apiKeys": {"items": [', { 'Content-Type': 'application/json' }),
    expected: (where, afterBadAnswer) => ({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`sent malformed JSON (200 on ${where})`, ...afterBadAnswer],
    }),
  },
];

describe.each(operations)('$name', (operation) => {
  it.each(failures)('$name', async (failure) => {
    const before = operation.before?.();
    const scope = failure.reply(operation.intercept(nock(SMASHSEND, BEARER)));
    await expectZapierError(
      operation.run(),
      failure.expected(`${operation.method} ${operation.path}`, operation.afterBadAnswer ?? ['A retry may help.']),
    );
    scope.done();
    before?.done();
    expect(unmatched).toEqual([]); // nothing was tried after the failure (rotate: no create, no delete)
  });

  it('401 in a SMASHSEND-only connection: an expired connection (ExpiredAuthError) that says to reconnect', async () => {
    operation.before?.();
    const scope = operation.intercept(nock(SMASHSEND, BEARER)).reply(401, fx.error401);
    const smashsendOnly = without(AUTH, 'smartlead_api_key', 'smarte_api_key');
    await expectZapierError(operation.run(smashsendOnly), {
      name: 'ExpiredAuthError',
      says: [`rejected the API key (401 on ${operation.method} ${operation.path})`, 'Reconnect your SMASHSEND API key in this connection.'],
    });
    scope.done();
  });
});

describe('the unmatched-request record these tests rely on', () => {
  it('sees a request that no interceptor matched', async () => {
    nockCurrentKey();
    await zapierError(run('creates', 'delete_smashsend_api_key', { apiKeyId: ID }));
    expect(unmatched).toEqual([`DELETE ${keyPath(ID)}`]);
  });
});
