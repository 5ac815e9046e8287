// What every SmartLead operation shows when SmartLead fails: a revoked key, a rate limit, a refusal, a server
// error, or an answer that is not usable JSON. Same vendor answer, same user-facing error, whichever the step.

import nock from 'nock';
import { DEFAULT_RETRY_AFTER_SECONDS } from '../../lib/errors';
import { run } from '../support/app';
import { useNock } from '../support/nock';
import { zapierError } from '../support/outcome';
import { SMARTLEAD } from '../support/vendors';
import * as fx from '../fixtures/smartlead';

useNock();

const KEYS = '/api/v1/client/api-key';

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

/** The advice after an answer that leaves a write's outcome unknown (an unreadable 2xx, a gateway's 502): how to check, or that a repeat is safe. */
const afterBadAnswer: Record<string, string> = {
  create_smartlead_client_api_key:
    'The key may have been created anyway: use the "Find SmartLead Client API Key" step (or the SmartLead dashboard) to check before trying again.',
  reset_smartlead_client_api_key:
    'The key may have been reset anyway, so its old value may no longer work: use the "Find SmartLead Client API Key" step (or the SmartLead dashboard) to check before trying again.',
  // A delete is safe to repeat: the advice says so, and which search shows the key's state.
  delete_smartlead_client_api_key:
    'The key may have been deleted anyway (a repeat would then report it as not found). Repeating this step is safe; the "Find SmartLead Client API Key" step (or the SmartLead dashboard) shows the key\'s current state.',
};

describe.each(operations)('$key', ({ kind, key, method, path, input }) => {
  const where = `${method} ${path}`;
  const badAnswerAdvice = afterBadAnswer[key] ?? 'A retry may help.';
  const answer = (status: number, body?: string | object, headers?: Record<string, string>) =>
    nock(SMARTLEAD).intercept(path, method).query(true).reply(status, body, headers);
  const attempt = () => zapierError(run(kind, key, input));

  it('401 → an expired connection that names SmartLead', async () => {
    answer(401, fx.error401);
    expect(await attempt()).toEqual({
      name: 'ExpiredAuthError',
      message: `SmartLead rejected the API key (401 on ${where}): Invalid or missing API key. Reconnect your SmartLead API key in this connection.`,
    });
  });

  it('429 with Retry-After → throttled for that long', async () => {
    answer(429, { message: 'Too many requests' }, { 'Retry-After': '7' });
    expect(await attempt()).toEqual({
      name: 'ThrottledError',
      message: `SmartLead rate limit reached (429 on ${where}): Too many requests. Retry after 7 s.`,
      delay: 7,
    });
  });

  it("429 without Retry-After → throttled for SmartLead's default window", async () => {
    answer(429, { error: 'Rate limit exceeded' });
    expect(await attempt()).toEqual({
      name: 'ThrottledError',
      message: `SmartLead rate limit reached (429 on ${where}): Rate limit exceeded. Wait a moment before trying again.`,
      delay: DEFAULT_RETRY_AFTER_SECONDS.SmartLead,
    });
  });

  it("422 → SmartLead's own message", async () => {
    answer(422, { error: { code: 'VALIDATION_ERROR', message: 'Invalid request' } });
    expect(await attempt()).toEqual({
      name: 'AppError',
      message: `SmartLead rejected the request (422 on ${where}): Invalid request.`,
      code: 'validation',
      status: 422,
    });
  });

  it('500 → a server error where a retry may help', async () => {
    answer(500, { message: 'Internal server error' });
    expect(await attempt()).toEqual({
      name: 'AppError',
      message: `SmartLead had a server error (500 on ${where}): Internal server error. A retry may help.`,
      code: 'server',
      status: 500,
    });
  });

  it('a 502 HTML error page → a server error where a retry may help (reads) or that says how to check (writes: a gateway may answer after SmartLead acted)', async () => {
    answer(502, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
    expect(await attempt()).toEqual({
      name: 'AppError',
      message: `SmartLead had a server error (an HTML error page) (502 on ${where}). ${badAnswerAdvice}`,
      code: 'server',
      status: 502,
    });
  });

  it('a 200 HTML page → an unusable answer where a retry may help (reads) or that says how to check (writes)', async () => {
    answer(200, '<!DOCTYPE html><html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' });
    expect(await attempt()).toEqual({
      name: 'AppError',
      message: `SmartLead sent an HTML page instead of JSON (200 on ${where}). ${badAnswerAdvice}`,
      code: 'bad_response',
      status: 200,
    });
  });

  it('malformed JSON → an unusable answer where a retry may help (reads) or that says how to check (writes)', async () => {
    answer(200, '{"ok": true, "data": [', { 'Content-Type': 'application/json' });
    expect(await attempt()).toEqual({
      name: 'AppError',
      message: `SmartLead sent malformed JSON (200 on ${where}). ${badAnswerAdvice}`,
      code: 'bad_response',
      status: 200,
    });
  });

  it('never shows the connection key that SmartLead echoes back', async () => {
    answer(400, { message: `Bad api_key ${'sl_test_smartlead_auth_0123456789'}` });
    const error = await attempt();
    expect(error.message).toBe(`SmartLead rejected the request (400 on ${where}): Bad api_key [redacted].`);
  });
});
