// Every error kind, through one method per vendor over the default fetch transport: given this vendor answer, the
// caller gets this ConnectorError (class, kind, vendor, status, method, path, and the user-facing message). The writes
// that first ask whether their target is the client's own key (SMASHSEND's delete: GET /v1/api-keys/current; SMARTe's
// suspend: the view of that key) get a plain answer to that read, naming another key, so the answer under test is the
// write's.

import {
  AuthError,
  BadResponseError,
  ConnectorError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  RateLimitError,
  ServerError,
  SmartLeadClient,
  SmarteClient,
  SmashsendClient,
  ValidationError,
  type Vendor,
} from '@keyring/connector';
import * as smarteFx from '../fixtures/smarte';
import * as smartleadFx from '../fixtures/smartlead';
import * as smashsendFx from '../fixtures/smashsend';
import { SMARTE_KEY, SMARTLEAD_KEY, SMASHSEND_KEY, describeError, failure, rejectionOf, vendorAnswers } from '../support/connector';
import { useNock } from '../support/nock';
import { SMARTE, SMARTLEAD, SMASHSEND } from '../support/vendors';

useNock();

const WS = smashsendFx.WORKSPACE_ID;

interface VendorCall {
  vendor: Vendor;
  origin: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  run: () => Promise<unknown>;
  /** How the 404 message names the missing thing. */
  notFound: string;
  /** The read the write makes first (nock), answered as for a key that is not the client's own. */
  before?: () => void;
}

/** SMASHSEND's GET /v1/api-keys/current, naming another key than the one deleted. */
const smashsendCurrent = () => vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/current', { status: 200, body: smashsendFx.connectionKey });
/** SMARTe's view of the user's key, whose value is not the client's own. */
const smarteView = () => vendorAnswers(SMARTE, 'POST', '/signals/v1/key/view', { status: 200, body: smarteFx.viewOne });

/** One call per vendor, each with a 404 meaning and no "empty body is fine" rule. */
const calls: VendorCall[] = [
  {
    vendor: 'SmartLead',
    origin: SMARTLEAD,
    method: 'PUT',
    path: '/api/v1/client/api-key/reset/45',
    run: () => new SmartLeadClient(SMARTLEAD_KEY).resetClientApiKey(45),
    notFound: 'SmartLead has no client API key 45',
  },
  {
    vendor: 'SMASHSEND',
    origin: SMASHSEND,
    method: 'DELETE',
    path: `/v1/workspaces/${WS}/api-keys/aki_abc123def456`,
    run: () => new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS }).deleteApiKey('aki_abc123def456'),
    notFound: `SMASHSEND has no API key aki_abc123def456 in workspace ${WS}`,
    before: smashsendCurrent,
  },
  {
    vendor: 'SMARTe',
    origin: SMARTE,
    method: 'POST',
    path: '/signals/v1/key/update',
    run: () => new SmarteClient(SMARTE_KEY).suspendKey('dev.udi_user@smarte.pro'),
    notFound: 'SMARTe has no key for dev.udi_user@smarte.pro',
    before: smarteView,
  },
];

type ErrorClass = abstract new (...args: never[]) => ConnectorError;

interface ErrorCase {
  name: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  type: ErrorClass;
  kind: ConnectorError['kind'];
  retryable: boolean;
  /** Extra checks on the error. */
  check?: (error: ConnectorError) => void;
}

function fieldErrorsOf(error: ConnectorError): string[] {
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${error.name}`);
  return error.fieldErrors;
}
function retryAfterOf(error: ConnectorError): number | undefined {
  if (!(error instanceof RateLimitError)) throw new Error(`expected a RateLimitError, got ${error.name}`);
  return error.retryAfterSeconds;
}
function reasonOf(error: ConnectorError): string {
  if (!(error instanceof BadResponseError)) throw new Error(`expected a BadResponseError, got ${error.name}`);
  return error.reason;
}

const cases: ErrorCase[] = [
  {
    name: '400 {message}',
    status: 400,
    body: { message: 'Invalid request parameters' },
    type: ValidationError,
    kind: 'validation',
    retryable: false,
    check: (e) => {
      expect(e.vendorMessage).toBe('Invalid request parameters');
      expect(fieldErrorsOf(e)).toEqual([]);
    },
  },
  {
    name: '400 NestJS {statusCode, message: [..], error}',
    status: 400,
    body: { statusCode: 400, message: ['displayName should not be empty', 'role must be one of EDITOR, VIEWER'], error: 'Bad Request' },
    type: ValidationError,
    kind: 'validation',
    retryable: false,
    check: (e) => {
      expect(fieldErrorsOf(e)).toEqual(['displayName should not be empty', 'role must be one of EDITOR, VIEWER']);
      expect(e.vendorMessage).toBe('Bad Request: displayName should not be empty; role must be one of EDITOR, VIEWER');
    },
  },
  {
    name: '422 {message} (SmartLead keyName rule)',
    status: 422,
    body: smartleadFx.error422,
    type: ValidationError,
    kind: 'validation',
    retryable: false,
    check: (e) => {
      expect(e.vendorMessage).toBe(smartleadFx.error422.message);
      expect(fieldErrorsOf(e)).toEqual([]);
    },
  },
  {
    name: '422 {error: {code, message, details}}',
    status: 422,
    body: {
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Request validation failed',
        details: [{ field: 'keyName', message: 'must match pattern' }],
      },
    },
    type: ValidationError,
    kind: 'validation',
    retryable: false,
    check: (e) => {
      expect(fieldErrorsOf(e)).toEqual(['keyName: must match pattern']);
      expect(e.vendorMessage).toBe('Request validation failed: keyName: must match pattern');
    },
  },
  {
    name: '401',
    status: 401,
    body: smashsendFx.error401,
    type: AuthError,
    kind: 'auth',
    retryable: false,
    check: (e) => expect(e.vendorMessage).toBe(smashsendFx.error401.message),
  },
  {
    name: '403',
    status: 403,
    body: smashsendFx.error403,
    type: ForbiddenError,
    kind: 'forbidden',
    retryable: false,
    check: (e) => expect(e.vendorMessage).toBe(smashsendFx.error403.message),
  },
  { name: '404', status: 404, body: { message: 'Not found' }, type: NotFoundError, kind: 'not_found', retryable: false },
  {
    name: '429 with Retry-After: 30',
    status: 429,
    body: smashsendFx.error429,
    headers: { 'Retry-After': '30' },
    type: RateLimitError,
    kind: 'rate_limited',
    retryable: true,
    check: (e) => {
      expect(retryAfterOf(e)).toBe(30);
      // The wait is a fact for the caller to act on; the message says what happened, not what to do.
      expect(e.message).not.toContain('Retry after');
    },
  },
  {
    name: '429 with an HTTP-date Retry-After 2 minutes ahead',
    status: 429,
    body: smarteFx.rateLimited,
    // A getter, so the date is taken when the test runs rather than when the table is built.
    get headers() {
      return { 'Retry-After': new Date(Date.now() + 120_000).toUTCString() };
    },
    type: RateLimitError,
    kind: 'rate_limited',
    retryable: true,
    check: (e) => {
      const seconds = retryAfterOf(e);
      // The date has whole-second precision and a little time passes before the answer is read.
      expect(seconds).toBeGreaterThanOrEqual(115);
      expect(seconds).toBeLessThanOrEqual(120);
      expect(e.vendorMessage).toBe('Rate limit exceeded for your organisation');
    },
  },
  {
    name: '429 without Retry-After',
    status: 429,
    body: smashsendFx.error429,
    type: RateLimitError,
    kind: 'rate_limited',
    retryable: true,
    check: (e) => {
      expect(retryAfterOf(e)).toBeUndefined();
      expect(e.message).not.toContain('Wait a moment before trying again.');
    },
  },
  { name: '500', status: 500, body: { message: 'Internal server error' }, type: ServerError, kind: 'server', retryable: true },
  { name: '502 with a JSON body', status: 502, body: { message: 'Bad gateway' }, type: ServerError, kind: 'server', retryable: true },
  {
    name: '503 with a plain-text body',
    status: 503,
    body: 'Service Unavailable',
    type: ServerError,
    kind: 'server',
    retryable: true,
    check: (e) => expect(e.vendorMessage).toBe('Service Unavailable'),
  },
  {
    name: '502 with an HTML page',
    status: 502,
    body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    headers: { 'content-type': 'text/html' },
    type: ServerError,
    kind: 'server',
    retryable: true,
    check: (e) => {
      expect(e.vendorMessage).toBeUndefined();
      expect(e.message).toContain('had a server error (an HTML error page)');
    },
  },
  {
    name: '200 with an HTML page',
    status: 200,
    body: '<!DOCTYPE html><html><body>Sign in</body></html>',
    type: BadResponseError,
    kind: 'bad_response',
    retryable: true,
    check: (e) => expect(reasonOf(e)).toBe('html'),
  },
  {
    name: '200 labelled text/html without a leading <',
    status: 200,
    body: 'Maintenance in progress',
    headers: { 'content-type': 'text/html; charset=utf-8' },
    type: BadResponseError,
    kind: 'bad_response',
    retryable: true,
    check: (e) => expect(reasonOf(e)).toBe('html'),
  },
  {
    name: '200 with an empty body',
    status: 200,
    body: '',
    type: BadResponseError,
    kind: 'bad_response',
    retryable: true,
    check: (e) => expect(reasonOf(e)).toBe('empty'),
  },
  {
    name: '200 with only whitespace',
    status: 200,
    body: ' \n ',
    type: BadResponseError,
    kind: 'bad_response',
    retryable: true,
    check: (e) => expect(reasonOf(e)).toBe('empty'),
  },
  {
    name: '200 with malformed JSON',
    status: 200,
    body: '{"ok": true, "data": ',
    type: BadResponseError,
    kind: 'bad_response',
    retryable: true,
    check: (e) => expect(reasonOf(e)).toBe('malformed'),
  },
  {
    name: '200 with a wrong shape',
    status: 200,
    body: { data: 'unexpected', apiKey: 'unexpected' },
    type: BadResponseError,
    kind: 'bad_response',
    retryable: true,
    check: (e) => expect(reasonOf(e)).toBe('shape'),
  },
  {
    name: '200 with {ok: false, error: {code, message}}',
    status: 200,
    body: { ok: false, error: { code: 'KEY_LIMIT', message: 'Key limit reached for this client' } },
    type: ValidationError,
    kind: 'validation',
    retryable: false,
    check: (e) => {
      expect(e.vendorMessage).toBe('Key limit reached for this client');
      expect(e.message).toContain('reported a failure');
    },
  },
  {
    name: '200 with {success: false, error: {code, message, details}}',
    status: 200,
    body: {
      success: false,
      error: { code: 'INVALID', message: 'Invalid input', details: [{ field: 'email', message: 'is not allowed' }] },
    },
    type: ValidationError,
    kind: 'validation',
    retryable: false,
    check: (e) => {
      expect(e.vendorMessage).toBe('Invalid input: email: is not allowed');
      expect(fieldErrorsOf(e)).toEqual(['email: is not allowed']);
    },
  },
  {
    name: '409 (a conflict, e.g. a key that already exists)',
    status: 409,
    body: { message: 'Conflict' },
    type: ValidationError,
    kind: 'validation',
    retryable: false,
  },
  {
    name: '405 (an unexpected status)',
    status: 405,
    body: { message: 'Method Not Allowed' },
    type: HttpError,
    kind: 'http',
    retryable: false,
  },
];

describe.each(calls)('$vendor $method $path', (call) => {
  it.each(cases)('given $name, throws the right error', async (c) => {
    call.before?.();
    vendorAnswers(call.origin, call.method, call.path, { status: c.status, body: c.body, headers: c.headers });
    const error = await failure(call.run(), c.type);
    expect(describeError(error)).toEqual({ kind: c.kind, vendor: call.vendor, status: c.status, method: call.method, path: call.path });
    expect(error.retryable).toBe(c.retryable);
    expect(error.name).toBe(c.type.name);
    expect(error.message.startsWith(`${call.vendor} `)).toBe(true);
    expect(error.message).toContain(`(${c.status} on ${call.method} ${call.path})`);
    c.check?.(error);
  });

  it('given 404, the message names the missing thing', async () => {
    call.before?.();
    vendorAnswers(call.origin, call.method, call.path, { status: 404, body: { message: 'Not found' } });
    const error = await failure(call.run(), NotFoundError);
    expect(error.message).toBe(`${call.notFound} (404 on ${call.method} ${call.path}): Not found.`);
  });
});

describe('exact user-facing messages', () => {
  const reset = '/api/v1/client/api-key/reset/45';
  const smartlead = () => new SmartLeadClient(SMARTLEAD_KEY).resetClientApiKey(45);
  const smashsendDelete = `/v1/workspaces/${WS}/api-keys/aki_abc123def456`;
  const smashsend = () => {
    smashsendCurrent();
    return new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS }).deleteApiKey('aki_abc123def456');
  };

  it.each<[string, () => Promise<unknown>, string, string, number, unknown, Record<string, string>, string]>([
    [
      'SmartLead 401',
      smartlead,
      SMARTLEAD,
      reset,
      401,
      smartleadFx.error401,
      {},
      `SmartLead rejected the API key (401 on PUT ${reset}): Invalid or missing API key.`,
    ],
    [
      'SmartLead 422',
      smartlead,
      SMARTLEAD,
      reset,
      422,
      smartleadFx.error422,
      {},
      `SmartLead rejected the request (422 on PUT ${reset}): keyName must match pattern: letters, numbers, spaces, hyphens, and underscores only.`,
    ],
    ['SmartLead 404', smartlead, SMARTLEAD, reset, 404, '', {}, `SmartLead has no client API key 45 (404 on PUT ${reset}).`],
    ['SmartLead 500', smartlead, SMARTLEAD, reset, 500, '', {}, `SmartLead had a server error (500 on PUT ${reset}).`],
    [
      'SmartLead 502 HTML',
      smartlead,
      SMARTLEAD,
      reset,
      502,
      '<html>Bad Gateway</html>',
      {},
      `SmartLead had a server error (an HTML error page) (502 on PUT ${reset}).`,
    ],
    [
      'SmartLead 200 HTML',
      smartlead,
      SMARTLEAD,
      reset,
      200,
      '<html></html>',
      {},
      `SmartLead sent an HTML page instead of JSON (200 on PUT ${reset}).`,
    ],
    ['SmartLead 200 empty', smartlead, SMARTLEAD, reset, 200, '', {}, `SmartLead sent an empty response (200 on PUT ${reset}).`],
    ['SmartLead 200 malformed', smartlead, SMARTLEAD, reset, 200, '{"ok":', {}, `SmartLead sent malformed JSON (200 on PUT ${reset}).`],
    [
      'SmartLead 200 {ok:false}',
      smartlead,
      SMARTLEAD,
      reset,
      200,
      { ok: false, error: 'Key is locked.' },
      {},
      `SmartLead reported a failure (200 on PUT ${reset}): Key is locked.`,
    ],
    ['SmartLead 409', smartlead, SMARTLEAD, reset, 409, 'Conflict', {}, `SmartLead rejected the request (409 on PUT ${reset}): Conflict.`],
    [
      'SmartLead 405',
      smartlead,
      SMARTLEAD,
      reset,
      405,
      'Method Not Allowed',
      {},
      `SmartLead answered with unexpected status 405 (405 on PUT ${reset}): Method Not Allowed.`,
    ],
    [
      'SMASHSEND 401',
      smashsend,
      SMASHSEND,
      smashsendDelete,
      401,
      smashsendFx.error401,
      {},
      `SMASHSEND rejected the API key (401 on DELETE ${smashsendDelete}): Invalid API key. Please double-check and try again.`,
    ],
    [
      'SMASHSEND 403',
      smashsend,
      SMASHSEND,
      smashsendDelete,
      403,
      smashsendFx.error403,
      {},
      `SMASHSEND refused access: the API key lacks permission for this (403 on DELETE ${smashsendDelete}): API key does not have sufficient permissions.`,
    ],
    [
      'SMASHSEND 429 with Retry-After',
      smashsend,
      SMASHSEND,
      smashsendDelete,
      429,
      smashsendFx.error429,
      { 'Retry-After': '30' },
      `SMASHSEND rate limit reached (429 on DELETE ${smashsendDelete}): Rate limit exceeded. Please wait a moment and try again.`,
    ],
    [
      'SMASHSEND 429 without Retry-After',
      smashsend,
      SMASHSEND,
      smashsendDelete,
      429,
      smashsendFx.error429,
      {},
      `SMASHSEND rate limit reached (429 on DELETE ${smashsendDelete}): Rate limit exceeded. Please wait a moment and try again.`,
    ],
    [
      'SMASHSEND 200 wrong shape',
      smashsend,
      SMASHSEND,
      smashsendDelete,
      200,
      { apiKey: { id: 'aki_abc123def456', displayName: 5 } },
      {},
      `SMASHSEND sent an unexpected response (200 on DELETE ${smashsendDelete}): apiKey.displayName: expected string; apiKey.role is missing; apiKey.createdAt is missing.`,
    ],
  ])('%s', async (_name, run, origin, path, status, body, headers, message) => {
    const method = origin === SMARTLEAD ? 'PUT' : 'DELETE';
    vendorAnswers(origin, method, path, { status, body, headers });
    const error = await rejectionOf(run());
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toHaveProperty('message', message);
  });

  it('SMARTe 429 with its {error: {code, message, status}} body', async () => {
    vendorAnswers(SMARTE, 'POST', '/signals/v1/key/view', { status: 429, body: smarteFx.rateLimited, headers: { 'Retry-After': '5' } });
    const error = await failure(new SmarteClient(SMARTE_KEY).listKeys(), RateLimitError);
    expect(error.message).toBe('SMARTe rate limit reached (429 on POST /signals/v1/key/view): Rate limit exceeded for your organisation.');
    expect(error.retryAfterSeconds).toBe(5);
  });

  it('a 404 without a named thing says where nothing was found', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/', { status: 404, body: 'Cannot GET /api/v1/client/' });
    const error = await failure(new SmartLeadClient(SMARTLEAD_KEY).listClients(), NotFoundError);
    expect(error.message).toBe('SmartLead found nothing at GET /api/v1/client/ (404 on GET /api/v1/client/): Cannot GET /api/v1/client/.');
  });
});

describe('wrong-shape messages name the path, never the received value', () => {
  it('SMASHSEND: names apiKey.items.0.id and not the value', async () => {
    const path = `/v1/workspaces/${WS}/api-keys`;
    vendorAnswers(SMASHSEND, 'GET', path, {
      status: 200,
      body: { apiKeys: { items: [{ ...smashsendFx.listPage.apiKeys.items[0], id: 12345 }] } },
    });
    const error = await failure(new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS }).listApiKeys(), BadResponseError);
    expect(error.message).toBe(`SMASHSEND sent an unexpected response (200 on GET ${path}): apiKeys.items.0.id: expected string.`);
    expect(error.message).not.toContain('12345');
  });

  it('SMARTe: names data.status and not the secret apiKey of the record', async () => {
    const record = { ...smarteFx.userKey, status: 7 };
    smarteView();
    vendorAnswers(SMARTE, 'POST', '/signals/v1/key/update', { status: 200, body: { data: record } });
    const error = await failure(new SmarteClient(SMARTE_KEY).suspendKey('dev.udi_user@smarte.pro'), BadResponseError);
    expect(error.message).toBe('SMARTe sent an unexpected response (200 on POST /signals/v1/key/update): data.status: expected string.');
    expect(error.message).not.toContain(smarteFx.userKey.apiKey);
  });

  // Connector bug: for schemas built with v.union (SmartLead's listOf/oneOf, SMARTe's view `data`), the issue
  // summary reports only the union ("the body: expected (Array | Object)"), not the path that actually failed.
  it('SmartLead list: names 0.id when an item has a text id', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/', { status: 200, body: [{ ...smartleadFx.clientRecord, id: 'acme-301' }] });
    const error = await failure(new SmartLeadClient(SMARTLEAD_KEY).listClients(), BadResponseError);
    expect(error.reason).toBe('shape');
    expect(error.message).toContain('0.id');
    expect(error.message).not.toContain('acme-301');
  });

  it('SMARTe view: names data.0.status when a key has no status', async () => {
    const { status: _status, ...withoutStatus } = smarteFx.userKey;
    vendorAnswers(SMARTE, 'POST', '/signals/v1/key/view', { status: 200, body: { data: [withoutStatus] } });
    const error = await failure(new SmarteClient(SMARTE_KEY).listKeys(), BadResponseError);
    expect(error.message).toContain('data.0.status is missing');
    expect(error.message).not.toContain(smarteFx.userKey.apiKey);
  });
});
