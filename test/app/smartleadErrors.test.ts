// What every SmartLead operation shows when SmartLead fails: a revoked key, a rate limit, a refusal, a server
// error, or an answer that is not usable JSON. Same vendor answer, same user-facing error, whichever the step.

import nock from 'nock';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../lib/errors';
import { AUTH, run, without, type Auth } from '../support/app';
import { useNock } from '../support/nock';
import { expectZapierError, type ExpectedZapierError } from '../support/outcome';
import { SMARTLEAD } from '../support/vendors';
import * as fx from '../fixtures/smartlead';

useNock();

const KEYS = '/api/v1/client/api-key';
/** A connection that holds SmartLead's key alone: only there does a SmartLead 401 expire the whole connection. */
const smartleadOnly = without(AUTH, 'smashsend_api_key', 'smashsend_workspace_id', 'smarte_api_key');

const operations = [
  { kind: 'triggers', key: 'smartlead_client_list', method: 'GET', path: '/api/v1/client/', input: {} },
  { kind: 'triggers', key: 'smartlead_client_api_key_list', method: 'GET', path: KEYS, input: {} },
  { kind: 'triggers', key: 'new_smartlead_client_api_key', method: 'GET', path: KEYS, input: {} },
  {
    kind: 'creates',
    key: 'create_smartlead_client_api_key',
    method: 'POST',
    path: KEYS,
    input: { clientId: 301, keyName: 'Production Key' },
  },
  { kind: 'creates', key: 'reset_smartlead_client_api_key', method: 'PUT', path: `${KEYS}/reset/45`, input: { keyId: 45 } },
  { kind: 'creates', key: 'delete_smartlead_client_api_key', method: 'DELETE', path: `${KEYS}/45`, input: { keyId: 45 } },
  { kind: 'searches', key: 'find_smartlead_client_api_key', method: 'GET', path: KEYS, input: { keyName: 'Production Key' } },
] as const;

/**
 * The key phrases of the advice after an answer that leaves a write's outcome unknown (an unreadable 2xx, a gateway's
 * 502): what may have happened, and the search to check with (the whole sentences are the error table's, in
 * errorTable.test.ts); for a read, that a retry may help.
 */
const FIND = '"Find SmartLead Client API Key" step';
const afterBadAnswer: Record<string, string[]> = {
  create_smartlead_client_api_key: ['The key may have been created anyway', FIND],
  reset_smartlead_client_api_key: ['The key may have been reset anyway', FIND],
  // A delete is safe to repeat: the advice says so, and which search shows the key's state.
  delete_smartlead_client_api_key: ['The key may have been deleted anyway', 'Repeating this step is safe', FIND],
};

describe.each(operations)('$key', ({ kind, key, method, path, input }) => {
  const where = `${method} ${path}`;
  const badAnswerAdvice = afterBadAnswer[key] ?? ['A retry may help.'];
  const answer = (status: number, body?: string | object, headers?: Record<string, string>) =>
    nock(SMARTLEAD).intercept(path, method).query(true).reply(status, body, headers);
  const attempt = (expected: ExpectedZapierError, auth: Auth = AUTH) => expectZapierError(run(kind, key, input, auth), expected);

  // Issue 16: a revoked SmartLead key must not stop the SMASHSEND and SMARTe Zaps of the same connection.
  it('401 in a three-vendor connection → an auth error naming the SmartLead API Key field, not an expired connection', async () => {
    answer(401, fx.error401);
    const error = await attempt({
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: [
        `SmartLead rejected the API key (401 on ${where}): Invalid or missing API key`,
        "Reconnect with a working key in the SmartLead API Key field; the connection's other vendors keep working.",
      ],
    });
    expect(error.name).not.toBe('ExpiredAuthError'); // the "Done when", stated as such
    expect(error.message).not.toContain('Reconnect your SmartLead API key in this connection');
  });

  it('401 in a SmartLead-only connection → an expired connection (ExpiredAuthError) that names SmartLead', async () => {
    answer(401, fx.error401);
    await attempt(
      {
        name: 'ExpiredAuthError',
        says: [
          `SmartLead rejected the API key (401 on ${where}): Invalid or missing API key`,
          'Reconnect your SmartLead API key in this connection.',
        ],
      },
      smartleadOnly,
    );
  });

  it('429 with Retry-After → throttled for that long', async () => {
    answer(429, { message: 'Too many requests' }, { 'Retry-After': '7' });
    await attempt({
      name: 'ThrottledError',
      delay: 7,
      says: [`rate limit reached (429 on ${where}): Too many requests`, 'Retry after 7 s'],
    });
  });

  it("429 without Retry-After → throttled for SmartLead's default window", async () => {
    answer(429, { error: 'Rate limit exceeded' });
    await attempt({
      name: 'ThrottledError',
      delay: DEFAULT_RETRY_AFTER_SECONDS.SmartLead,
      says: [`(429 on ${where}): Rate limit exceeded`, 'Wait a moment'],
    });
  });

  it("422 → SmartLead's own message", async () => {
    answer(422, { error: { code: 'VALIDATION_ERROR', message: 'Invalid request' } });
    await attempt({ name: 'AppError', code: 'validation', status: 422, says: `rejected the request (422 on ${where}): Invalid request` });
  });

  it('500 → a server error where a retry may help', async () => {
    answer(500, { message: 'Internal server error' });
    await attempt({
      name: 'AppError',
      code: 'server',
      status: 500,
      says: [`server error (500 on ${where}): Internal server error`, 'A retry may help.'],
    });
  });

  it('a 502 HTML error page → a server error where a retry may help (reads) or that says how to check (writes: a gateway may answer after SmartLead acted)', async () => {
    answer(502, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
    await attempt({
      name: 'AppError',
      code: 'server',
      status: 502,
      says: [`server error (an HTML error page) (502 on ${where})`, ...badAnswerAdvice],
    });
  });

  it('a 200 HTML page → an unusable answer where a retry may help (reads) or that says how to check (writes)', async () => {
    answer(200, '<!DOCTYPE html><html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' });
    await attempt({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`sent an HTML page instead of JSON (200 on ${where})`, ...badAnswerAdvice],
    });
  });

  it('malformed JSON → an unusable answer where a retry may help (reads) or that says how to check (writes)', async () => {
    answer(200, '{"ok": true, "data": [', { 'Content-Type': 'application/json' });
    await attempt({
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: [`sent malformed JSON (200 on ${where})`, ...badAnswerAdvice],
    });
  });

  it('never shows the connection key that SmartLead echoes back', async () => {
    answer(400, { message: `Bad api_key ${'sl_test_smartlead_auth_0123456789'}` });
    await attempt({
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: `(400 on ${where}): Bad api_key [redacted]`,
      secrets: ['sl_test_smartlead_auth_0123456789'],
    });
  });
});
