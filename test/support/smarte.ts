// SMARTe test helpers: the exact request SMARTe must receive, the failure answers every SMARTe step must explain, the view
// a suspension makes before it writes, and the connections a 401 is judged in. (A server that never answers is in net.ts.)

import nock from 'nock';
import { AUTH, without, type Auth } from './app';
import type { ExpectedZapierError } from './outcome';
import { SMARTE } from './vendors';
import * as fx from '../fixtures/smarte';

export const VIEW = '/signals/v1/key/view';
export const CREATE = '/signals/v1/key/createsignalapikey';
export const UPDATE = '/signals/v1/key/update';

/** SMARTe as the steps must call it: the connection's key in `Api-Key`, a JSON body, nothing else for auth. */
export function smarte() {
  return nock(SMARTE, {
    reqheaders: { 'api-key': AUTH.smarte_api_key, 'content-type': 'application/json' },
    badheaders: ['authorization'],
  });
}

/** Any SMARTe request at all: for checks that must fail before one is sent. */
export function anySmarteRequest() {
  return nock(SMARTE).post(/.*/).reply(200, fx.viewAll);
}

/**
 * A connection that holds SMARTe's key alone: only there does a 401 from SMARTe expire the whole connection
 * (ExpiredAuthError). AUTH holds all three vendors' keys, where a 401 names SMARTe's key field instead.
 */
export const SMARTE_ONLY: Auth = without(AUTH, 'smashsend_api_key', 'smashsend_workspace_id', 'smartlead_api_key');

/**
 * The connection's own admin key as SMARTe's view shows it: a user record whose `apiKey` is the connection's key
 * (AUTH.smarte_api_key). Suspending it would lock the connection out.
 */
export const CONNECTION_KEY_RECORD = {
  keyId: '0e6f7a1b-3c2d-4e5f-8a9b-0c1d2e3f4a5b',
  email: 'admin@smarte.pro',
  role: 'admin',
  status: 'active',
  apiKey: AUTH.smarte_api_key,
};

/**
 * nock: SMARTe's view of one user's key, POST /signals/v1/key/view `{email}`, answered with `data` (the docs' user key
 * by default, whose value is not the connection's): the read suspend_smarte_api_key makes before it writes.
 */
export function viewsKey(email: string, data: unknown = { ...fx.userKey, email }) {
  return smarte().post(VIEW, { email }).reply(200, { message: 'Key details fetched successfully', data });
}

/** The docs' fake key values, as the steps show them masked. */
export const MASKED = { userKey: '********3vs=', otherKey: '********xJHY', created: '********P0w=' };

/** `include_secret` as Zapier may deliver it: a boolean, or text mapped from an earlier step. */
export const SHOW_SECRET = [true, 'true', 'yes'];
export const HIDE_SECRET = [false, 'false', 'no', undefined];

export interface FailureCase {
  what: string;
  /** The connection the step runs with: AUTH (all three vendors) unless given. */
  auth?: Auth;
  status: number;
  body: string | object;
  headers?: Record<string, string>;
  expected: ExpectedZapierError;
}

const RETRY = ['A retry may help.'];

/**
 * What every SMARTe call must turn each failing answer into, on the given path: the error's name, code, status (delay)
 * and key phrases (the whole advice sentences are the error table's, errorTable.test.ts). `afterBadAnswer` holds the
 * phrases of the advice after a 2xx answer that cannot be read: a retry for reads; for writes, what may have happened
 * and the search to check with.
 */
export function failures(path: string, afterBadAnswer: string[] = RETRY): FailureCase[] {
  const where = `POST ${path}`;
  const badAnswer = afterBadAnswer === RETRY ? 'a bad answer a retry may fix' : 'a bad answer that says how to check';
  return [
    {
      // The other vendors' Zaps on the connection keep running: no ExpiredAuthError, SMARTe's key field named.
      what: "401 in a three-vendor connection → an auth error naming SMARTe's key field, not an expired connection",
      status: 401,
      body: { message: 'Invalid API key' },
      expected: {
        name: 'AppError',
        code: 'auth',
        status: 401,
        says: [
          `SMARTe rejected the API key (401 on ${where}): Invalid API key`,
          "Reconnect with a working key in the SMARTe Admin API Key field; the connection's other vendors keep working.",
        ],
      },
    },
    {
      what: '401 in a SMARTe-only connection → an expired connection (ExpiredAuthError) naming SMARTe',
      auth: SMARTE_ONLY,
      status: 401,
      body: { message: 'Invalid API key' },
      expected: {
        name: 'ExpiredAuthError',
        says: [`SMARTe rejected the API key (401 on ${where}): Invalid API key`, 'Reconnect your SMARTe API key in this connection.'],
      },
    },
    {
      what: "429 with Retry-After → throttled for that long, with SMARTe's message",
      status: 429,
      body: fx.rateLimited,
      headers: { 'Retry-After': '30' },
      expected: {
        name: 'ThrottledError',
        delay: 30,
        says: [`rate limit reached (429 on ${where}): Rate limit exceeded for your organisation`, 'Retry after 30 s'],
      },
    },
    {
      what: "429 without Retry-After → throttled for SMARTe's 60 s default",
      status: 429,
      body: fx.rateLimited,
      expected: { name: 'ThrottledError', delay: 60, says: [`(429 on ${where})`, 'Wait a moment before trying again'] },
    },
    {
      what: "400 → SMARTe's own message",
      status: 400,
      body: { error: { code: 'bad_request', message: 'Invalid request payload', status: 400 } },
      expected: {
        name: 'AppError',
        code: 'validation',
        status: 400,
        says: `rejected the request (400 on ${where}): Invalid request payload`,
      },
    },
    {
      what: '500 → a server error a retry may fix',
      status: 500,
      body: { message: 'Internal server error' },
      expected: {
        name: 'AppError',
        code: 'server',
        status: 500,
        says: [`server error (500 on ${where}): Internal server error`, ...RETRY],
      },
    },
    {
      // A gateway's 502 may come after SMARTe acted: for a write, the same advice as for an unreadable answer.
      what: `502 HTML page → a server error: ${badAnswer}`,
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
      headers: { 'Content-Type': 'text/html' },
      expected: {
        name: 'AppError',
        code: 'server',
        status: 502,
        says: [`server error (an HTML error page) (502 on ${where})`, ...afterBadAnswer],
      },
    },
    {
      what: `200 HTML page → ${badAnswer}`,
      status: 200,
      body: '<!doctype html><html><body>Maintenance</body></html>',
      expected: {
        name: 'AppError',
        code: 'bad_response',
        status: 200,
        says: [`sent an HTML page instead of JSON (200 on ${where})`, ...afterBadAnswer],
      },
    },
    {
      what: `200 malformed JSON → ${badAnswer}`,
      status: 200,
      body: '{"message": "Key details fetched successfully", "data": [',
      expected: { name: 'AppError', code: 'bad_response', status: 200, says: [`sent malformed JSON (200 on ${where})`, ...afterBadAnswer] },
    },
  ];
}
