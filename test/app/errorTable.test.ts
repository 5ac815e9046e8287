// lib/errors.ts's one table, on its own: every kind × reason × (read or write) × (step or connection test) has a row,
// and each gives the Zapier error and the advice a Zap builder needs — a write's lost answer says how to check with
// the search the step names, a read never does; a DNS failure names the host and says what to check, not to retry.

import { errors as zapierErrors, type ZObject } from 'zapier-platform-core';
import {
  AuthError,
  ConnectionKeyError,
  BadResponseError,
  ConnectorError,
  ForbiddenError,
  HttpError,
  InputError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeBudgetError,
  ValidationError,
  type BadResponseReason,
  type ErrorDetails,
  type ErrorKind,
  type HttpMethod,
  type NetworkReason,
} from '@keyring/connector';
import { ERROR_TABLE, explain, lookup, toZapierError, type Advice, type ErrorContext } from '../../lib/errors';
import { findSmashsendApiKey } from '../../searches/findSmashsendApiKey';
import { createSmartleadClientApiKey } from '../../creates/createSmartleadClientApiKey';
import { zapierError } from '../support/outcome';

const z = { errors: zapierErrors } as unknown as ZObject;

const KINDS: ErrorKind[] = [
  'input',
  'auth',
  'forbidden',
  'not_found',
  'validation',
  'rate_limited',
  'server',
  'http',
  'bad_response',
  'network',
  'connection_key',
];
const NETWORK_REASONS: NetworkReason[] = ['timeout', 'reset', 'refused', 'dns', 'other', 'time_budget'];
const BAD_RESPONSE_REASONS: BadResponseReason[] = ['empty', 'html', 'malformed', 'shape', 'missing_secret', 'cursor', 'crowded_instant'];
const STATUSES: Record<ErrorKind, Array<number | undefined>> = {
  input: [undefined],
  auth: [401, 200],
  forbidden: [403],
  not_found: [404],
  validation: [400, 409, 422, 200],
  rate_limited: [429],
  server: [500, 502, 503, 504],
  http: [302, 405],
  bad_response: [200],
  network: [undefined],
  connection_key: [undefined],
};

const WRITES: ErrorContext = { writes: { checkWith: findSmashsendApiKey } };
const REPEATABLE: ErrorContext = {
  writes: { checkWith: findSmashsendApiKey, repeatable: true, mayHaveHappened: 'The key may have been deleted anyway' },
};
const CONNECTION_TEST: ErrorContext = { connectionTest: { keyField: 'SMASHSEND API Key' } };
const ON_EXISTING_KEY: ErrorContext = {
  writes: {
    checkWith: findSmashsendApiKey,
    repeatable: true,
    onExistingKey: true,
    mayHaveHappened: 'The key may have been deleted anyway',
  },
};
const SOLE_VENDOR: ErrorContext = { connectionVendors: ['SMASHSEND'] };
const THREE_VENDORS: ErrorContext = { connectionVendors: ['SMASHSEND', 'SmartLead', 'SMARTe'] };

function details(method: HttpMethod, status?: number): ErrorDetails {
  return {
    vendor: 'SMASHSEND',
    method,
    path: '/v1/workspaces/wrk_1/api-keys',
    host: 'api.smashsend.com',
    ...(status === undefined ? {} : { status }),
  };
}

/** A real connector error of each kind (the classes the connector throws), with the given facts. */
function errorOf(kind: ErrorKind, method: HttpMethod, status?: number, reason?: string): ConnectorError {
  const d = details(method, status);
  const message = `SMASHSEND failed (${status ?? '-'} on ${method} ${d.path}).`;
  switch (kind) {
    case 'input':
      return new InputError('SMASHSEND', 'displayName', 'must not be empty');
    case 'auth':
      return new AuthError(message, d);
    case 'forbidden':
      return new ForbiddenError(message, d);
    case 'not_found':
      return new NotFoundError(message, d);
    case 'validation':
      return new ValidationError(message, d);
    case 'rate_limited':
      return new RateLimitError(message, d, undefined);
    case 'server':
      return new ServerError(message, d);
    case 'http':
      return new HttpError(message, d);
    case 'bad_response':
      return new BadResponseError(message, d, reason as BadResponseReason);
    case 'network':
      return reason === 'time_budget' ? new TimeBudgetError(message, d, 2, 200) : new NetworkError(message, d, reason as NetworkReason);
    case 'connection_key':
      return new ConnectionKeyError('SMASHSEND', 'aki_abc123def456', 'yes', 'delete', { method, path: d.path, evidence: 'current' });
  }
}

/** Every situation the connector can produce: kind × reason × status × method (a read is a GET) × context. */
const SITUATIONS = KINDS.flatMap((kind) => {
  const reasons: Array<string | undefined> =
    kind === 'network' ? NETWORK_REASONS : kind === 'bad_response' ? BAD_RESPONSE_REASONS : [undefined];
  return reasons.flatMap((reason) =>
    STATUSES[kind].flatMap((status) =>
      (['GET', 'POST'] as const).flatMap((method) =>
        (
          [
            ['read step', {}],
            ['write step', WRITES],
            ['repeatable write step', REPEATABLE],
            ['connection test', CONNECTION_TEST],
            ['write step on an existing key', ON_EXISTING_KEY],
            ['step of a one-vendor connection', SOLE_VENDOR],
            ['step of a three-vendor connection', THREE_VENDORS],
          ] as const
        ).map(([where, context]) => ({ kind, reason, status, method, where, context: context as ErrorContext })),
      ),
    ),
  );
});

describe('ERROR_TABLE', () => {
  it.each(SITUATIONS)('$kind $reason $status on $method in a $where: a row, a Zapier error and a message', (s) => {
    const error = errorOf(s.kind, s.method, s.status, s.reason);
    const explanation = explain(error, s.context);
    expect(explanation.message.startsWith(s.kind === 'input' ? 'displayName' : 'SMASHSEND')).toBe(true);
    // Only a 401 in a connection whose only vendor failed expires the connection (every Zap on it stops).
    if (explanation.as === 'ExpiredAuthError') expect(s.where).toBe('step of a one-vendor connection');
    // Halting is for preconditions only: the connection's own key, or a key a write acts on that is not there.
    if (explanation.as === 'HaltedError') {
      expect(
        s.kind === 'connection_key' || (s.kind === 'not_found' && s.where === 'write step on an existing key' && s.method !== 'GET'),
      ).toBe(true);
      expect(explanation.message).toMatch(/Nothing was changed|nothing was changed/);
    }
    const writes = s.where === 'write step' && s.method !== 'GET';
    // A read never gets write advice; a write's unknown outcome names the search by its display label.
    if (!writes) expect(explanation.message).not.toContain('may have been created');
    if (explanation.message.includes('may have been created')) {
      expect(explanation.message).toContain(
        'use the "Find SMASHSEND API Key" step (or the SMASHSEND dashboard) to check before trying again.',
      );
    }
    // A repeatable write is never told to check before trying again: it may have happened, and a repeat is safe.
    const repeatable = (s.where === 'repeatable write step' || s.where === 'write step on an existing key') && s.method !== 'GET';
    if (!repeatable) expect(explanation.message).not.toContain('Repeating this step is safe');
    if (s.where === 'repeatable write step' || s.where === 'write step on an existing key')
      expect(explanation.message).not.toContain('check before trying again');
    if (explanation.message.includes('Repeating this step is safe')) {
      expect(explanation.message).toContain(
        `The key may have been deleted anyway. Repeating this step is safe; the "${findSmashsendApiKey.display.label}" step (or the SMASHSEND dashboard) shows the key's current state.`,
      );
    }
    // A Zap builder is never told to reconnect while connecting, nor throttled there.
    // (The connection test writes nothing, so it never meets a connection_key refusal.)
    if (s.where === 'connection test' && s.kind !== 'connection_key') expect(explanation.as).toBe('Error');
    const zapier = toZapierError(z, error, s.context);
    expect(zapier.name).toBe(
      { Error: 'AppError', ExpiredAuthError: 'ExpiredAuthError', ThrottledError: 'ThrottledError', HaltedError: 'HaltedError' }[
        explanation.as
      ],
    );
  });

  it('every kind ends with a catch-all row, so no error goes without a row', () => {
    for (const kind of KINDS) {
      const rows = ERROR_TABLE.filter((row) => row.kind === kind);
      const last = rows[rows.length - 1];
      expect(last).toBeDefined();
      expect(last).toMatchObject({ kind });
      expect(
        last?.reason ?? last?.status ?? last?.writes ?? last?.connectionTest ?? last?.soleVendor ?? last?.onExistingKey,
      ).toBeUndefined();
    }
  });

  const advice = (
    kind: ErrorKind,
    reason: string | undefined,
    status: number | undefined,
    writes: boolean,
    connectionTest = false,
    soleVendor = true,
  ): Advice =>
    lookup({
      kind,
      ...(reason ? { reason: reason as NetworkReason } : {}),
      ...(status ? { status } : {}),
      writes,
      connectionTest,
      soleVendor,
    }).advice;

  it.each<[ErrorKind, string | undefined, number | undefined, Advice, Advice]>([
    // kind, reason, status, advice on a read, advice on a write
    ['network', 'timeout', undefined, 'retry', 'check_write'],
    ['network', 'reset', undefined, 'retry', 'check_write'],
    ['network', 'other', undefined, 'retry', 'check_write'],
    ['network', 'refused', undefined, 'retry', 'retry_safe'],
    ['network', 'dns', undefined, 'check_host', 'check_host'],
    ['network', 'time_budget', undefined, 'time_budget', 'time_budget'],
    ['server', undefined, 500, 'retry', 'retry'],
    ['server', undefined, 502, 'retry', 'check_write'],
    ['server', undefined, 503, 'retry', 'retry'],
    ['server', undefined, 504, 'retry', 'check_write'],
    ['bad_response', 'empty', 200, 'retry', 'check_write'],
    ['bad_response', 'html', 200, 'retry', 'check_write'],
    ['bad_response', 'malformed', 200, 'retry', 'check_write'],
    ['bad_response', 'shape', 200, 'retry', 'check_write'],
    ['bad_response', 'missing_secret', 200, 'value_unknown', 'value_unknown'],
    ['bad_response', 'cursor', 200, 'report', 'report'],
    ['bad_response', 'crowded_instant', 200, 'crowded_instant', 'crowded_instant'],
    ['auth', undefined, 401, 'reconnect', 'reconnect'],
    ['forbidden', undefined, 403, 'use_allowed_key', 'use_allowed_key'],
    ['rate_limited', undefined, 429, 'wait', 'wait'],
    ['validation', undefined, 400, 'none', 'none'],
    ['not_found', undefined, 404, 'none', 'none'],
    ['input', undefined, undefined, 'none', 'none'],
  ])('%s %s %s: %s on a read, %s on a write', (kind, reason, status, onRead, onWrite) => {
    expect(advice(kind, reason, status, false)).toBe(onRead);
    expect(advice(kind, reason, status, true)).toBe(onWrite);
  });

  it.each<[ErrorKind, string | undefined, number | undefined, Advice]>([
    // kind, reason, status, advice on a repeatable write (an update, a delete, a suspend or a reactivation)
    ['network', 'timeout', undefined, 'check_or_repeat'],
    ['network', 'reset', undefined, 'check_or_repeat'],
    ['network', 'other', undefined, 'check_or_repeat'],
    ['network', 'refused', undefined, 'retry_safe'],
    ['network', 'dns', undefined, 'check_host'],
    ['server', undefined, 500, 'retry'],
    ['server', undefined, 502, 'check_or_repeat'],
    ['server', undefined, 504, 'check_or_repeat'],
    ['bad_response', 'empty', 200, 'check_or_repeat'],
    ['bad_response', 'html', 200, 'check_or_repeat'],
    ['bad_response', 'malformed', 200, 'check_or_repeat'],
    ['bad_response', 'shape', 200, 'check_or_repeat'],
    ['not_found', undefined, 404, 'none'],
    ['validation', undefined, 400, 'none'],
  ])('%s %s %s: %s on a repeatable write', (kind, reason, status, onRepeatableWrite) => {
    const situation = {
      kind,
      ...(reason ? { reason: reason as NetworkReason } : {}),
      ...(status ? { status } : {}),
      connectionTest: false,
      soleVendor: true,
    };
    expect(lookup({ ...situation, writes: true, repeatable: true }).advice).toBe(onRepeatableWrite);
    // Only a write can be repeatable: on a read (or a write step's GET) the same fault gets a read's advice.
    expect(lookup({ ...situation, writes: false, repeatable: true }).advice).toBe(advice(kind, reason, status, false));
  });

  it("a 401 expires the connection only when its vendor is the connection's only one; otherwise it names the key field", () => {
    const error = errorOf('auth', 'GET', 401);
    expect(explain(error, SOLE_VENDOR)).toMatchObject({ as: 'ExpiredAuthError' });
    for (const context of [THREE_VENDORS, { connectionVendors: ['SmartLead', 'SMASHSEND'] } as ErrorContext, {}]) {
      const explanation = explain(error, context);
      expect(explanation).toMatchObject({ as: 'Error', code: 'auth', status: 401 });
      expect(explanation.message).toBe(
        "SMASHSEND failed (401 on GET /v1/workspaces/wrk_1/api-keys). Reconnect with a working key in the SMASHSEND API Key field; the connection's other vendors keep working.",
      );
      expect(toZapierError(z, error, context).name).toBe('AppError');
    }
    // A SmartLead key that another vendor's connection holds too: only SmartLead is named.
    const smartlead = new AuthError('SmartLead rejected the API key (401 on GET /api/v1/client/api-key).', {
      vendor: 'SmartLead',
      status: 401,
      method: 'GET',
      path: '/api/v1/client/api-key',
    });
    expect(explain(smartlead, THREE_VENDORS).message).toContain('in the SmartLead API Key field');
    expect(explain(smartlead, { connectionVendors: ['SmartLead'] }).as).toBe('ExpiredAuthError');
  });

  it('a 404 on a write that acts on an existing key halts, names the search that shows the key, and says nothing changed', () => {
    const error = errorOf('not_found', 'DELETE', 404);
    const explanation = explain(error, ON_EXISTING_KEY);
    expect(explanation).toMatchObject({ as: 'HaltedError', code: 'not_found', status: 404 });
    expect(explanation.message).toBe(
      'SMASHSEND failed (404 on DELETE /v1/workspaces/wrk_1/api-keys). Nothing was changed. The "Find SMASHSEND API Key" step (or the SMASHSEND dashboard) shows the key\'s current state.',
    );
    expect(toZapierError(z, error, ON_EXISTING_KEY).name).toBe('HaltedError');
    // A create's 404 (no key to act on) and a read's 404 stay plain errors.
    expect(explain(errorOf('not_found', 'POST', 404), WRITES).as).toBe('Error');
    expect(explain(errorOf('not_found', 'GET', 404), ON_EXISTING_KEY).as).toBe('Error');
  });

  it("the connection's own key halts with what to do instead, for a clear match and for an unknown one", () => {
    const yes = errorOf('connection_key', 'DELETE');
    expect(explain(yes, ON_EXISTING_KEY)).toEqual({
      as: 'HaltedError',
      code: 'connection_key',
      message:
        'SMASHSEND API key aki_abc123def456 is the key this connection authenticates with: refused to delete it, nothing was changed. Pick another key, or turn on "Allow This Connection\'s Own Key" if you mean it, then reconnect with a working SMASHSEND key (the new one, after a rotation).',
    });
    const unknown = new ConnectionKeyError('SMASHSEND', 'aki_abc123def456', 'unknown', 'delete', { evidence: 'hint' });
    expect(explain(unknown).message).toBe(
      'SMASHSEND gave no way to tell whether API key aki_abc123def456 is the key this connection authenticates with: refused to delete it, nothing was changed. Pick another key, or turn on "Allow This Connection\'s Own Key" if you mean it (reconnect afterwards if it was this connection\'s key).',
    );
    expect(toZapierError(z, unknown).name).toBe('HaltedError');
  });

  it('in the connection test a rejected or under-privileged key points at the key field', () => {
    expect(advice('auth', undefined, 401, false, true)).toBe('check_key_field');
    expect(advice('forbidden', undefined, 403, false, true)).toBe('check_key_field');
  });
});

describe('explain: what a Zap builder reads', () => {
  it('a timeout on a write says what may have happened and names the checking search by its label', () => {
    const error = new NetworkError(
      'SMASHSEND did not answer within 10 s (POST /v1/workspaces/wrk_1/api-keys).',
      details('POST'),
      'timeout',
    );
    expect(explain(error, WRITES)).toEqual({
      as: 'Error',
      code: 'network',
      message:
        'SMASHSEND did not answer within 10 s (POST /v1/workspaces/wrk_1/api-keys). The key may have been created anyway: use the "Find SMASHSEND API Key" step (or the SMASHSEND dashboard) to check before trying again.',
    });
  });

  it("the same timeout on a read step (or on a write step's GET) says a retry may help", () => {
    const post = new NetworkError('SMASHSEND did not answer within 10 s (POST …).', details('POST'), 'timeout');
    const get = new NetworkError('SMASHSEND did not answer within 10 s (GET …).', details('GET'), 'timeout');
    expect(explain(post).message).toBe('SMASHSEND did not answer within 10 s (POST …). A retry may help.');
    expect(explain(get, WRITES).message).toBe('SMASHSEND did not answer within 10 s (GET …). A retry may help.');
  });

  it('a DNS failure names the host and says to check the base URL or the network, not to retry', () => {
    const error = new NetworkError(
      'SMASHSEND could not be reached: its host api.smashsend.com was not found (DNS lookup failed) (POST /v1/workspaces/wrk_1/api-keys).',
      details('POST'),
      'dns',
    );
    for (const context of [{}, WRITES]) {
      const { message, code } = explain(error, context);
      expect(code).toBe('network');
      expect(message).toContain('api.smashsend.com');
      expect(message).toContain('Check the SMASHSEND base URL setting');
      expect(message).toContain('network connection');
      expect(message).not.toContain('A retry may help');
      expect(message).not.toContain('may have been created');
    }
  });

  it("a timeout on a repeatable write says the change may have happened, that repeating it is safe, and which search shows the key's state", () => {
    const error = new NetworkError(
      'SMASHSEND did not answer within 10 s (DELETE /v1/workspaces/wrk_1/api-keys/aki_1).',
      details('DELETE'),
      'timeout',
    );
    expect(explain(error, REPEATABLE)).toEqual({
      as: 'Error',
      code: 'network',
      message:
        'SMASHSEND did not answer within 10 s (DELETE /v1/workspaces/wrk_1/api-keys/aki_1). The key may have been deleted anyway. Repeating this step is safe; the "Find SMASHSEND API Key" step (or the SMASHSEND dashboard) shows the key\'s current state.',
    });
    // Without its own words, a repeatable write says a change may have been made (never that a key was created).
    expect(explain(error, { writes: { checkWith: findSmashsendApiKey, repeatable: true } }).message).toContain(
      'The change may have been made anyway. Repeating this step is safe;',
    );
    // A refused connection never reached the vendor: a retry is safe, as for any write.
    const refused = new NetworkError('SMASHSEND refused the connection (DELETE /x).', details('DELETE'), 'refused');
    expect(explain(refused, REPEATABLE).message).toBe(
      'SMASHSEND refused the connection (DELETE /x). Nothing reached SMASHSEND, so nothing was changed: a retry is safe.',
    );
  });

  it('a refused connection on a write says a retry is safe', () => {
    const error = new NetworkError('SMASHSEND refused the connection (POST /v1/workspaces/wrk_1/api-keys).', details('POST'), 'refused');
    expect(explain(error, WRITES).message).toBe(
      'SMASHSEND refused the connection (POST /v1/workspaces/wrk_1/api-keys). Nothing reached SMASHSEND, so nothing was changed: a retry is safe.',
    );
  });

  it("a 429 becomes a ThrottledError waiting what Retry-After said, or the vendor's window", async () => {
    const told = new RateLimitError('SMASHSEND rate limit reached (429 on GET /x).', details('GET', 429), 17);
    const untold = new RateLimitError('SMASHSEND rate limit reached (429 on GET /x).', details('GET', 429), undefined);
    expect(await zapierError(Promise.reject(toZapierError(z, told)))).toEqual({
      name: 'ThrottledError',
      message: 'SMASHSEND rate limit reached (429 on GET /x). Retry after 17 s.',
      delay: 17,
    });
    expect(await zapierError(Promise.reject(toZapierError(z, untold)))).toEqual({
      name: 'ThrottledError',
      message: 'SMASHSEND rate limit reached (429 on GET /x). Wait a moment before trying again.',
      delay: 60,
    });
  });

  it('a rejected key in a step of a one-vendor connection is an ExpiredAuthError that says to reconnect', async () => {
    const error = new AuthError('SMASHSEND rejected the API key (401 on GET /x): Invalid API key.', details('GET', 401));
    expect(await zapierError(Promise.reject(toZapierError(z, error, SOLE_VENDOR)))).toEqual({
      name: 'ExpiredAuthError',
      message: 'SMASHSEND rejected the API key (401 on GET /x): Invalid API key. Reconnect your SMASHSEND API key in this connection.',
    });
  });

  it("input errors name the field by its label in the operation's own form, whatever the rule", () => {
    const fields = createSmartleadClientApiKey.operation.inputFields;
    const keyName = new InputError('SmartLead', 'keyName', 'must contain only letters, digits, spaces, hyphens and underscores');
    const clientId = new InputError('SmartLead', 'clientId', 'must be a positive whole number');
    expect(explain(keyName, { fields })).toEqual({
      as: 'Error',
      code: 'input',
      message: 'Key Name must contain only letters, digits, spaces, hyphens and underscores.',
    });
    expect(explain(clientId, { fields }).message).toBe('Client must be a positive whole number.');
    // A field the operation does not have (a connector option) keeps its key.
    expect(explain(new InputError('SmartLead', 'baseUrl', 'must use https'), { fields }).message).toBe('baseUrl must use https.');
  });

  it('an input rule naming several fields names each by its label', () => {
    const error = new InputError('SMASHSEND', 'displayName', 'must be given: there is nothing to change otherwise', ['role']);
    const fields = [
      { key: 'displayName', label: 'New Display Name' },
      { key: 'role', label: 'New Role' },
    ];
    expect(explain(error, { fields }).message).toBe('New Display Name or New Role must be given: there is nothing to change otherwise.');
  });

  it('anything that is not a connector error is an "unexpected problem", never a stack or [object Object]', async () => {
    expect(await zapierError(Promise.reject(toZapierError(z, new TypeError("Cannot read properties of undefined (reading 'x')"))))).toEqual(
      {
        name: 'AppError',
        code: 'unexpected',
        message: "Unexpected problem in this step: Cannot read properties of undefined (reading 'x')",
      },
    );
  });
});
