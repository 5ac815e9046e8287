// The caller's API key never shows up in an error (message, vendorMessage, fieldErrors, path), even when the vendor
// echoes it back — in a write's answer or in the read a write makes first to check its target — nor in the refusal of a
// write to the client's own key; and on the wire it travels only where the vendor expects it.

import {
  ConnectionKeyError,
  ConnectorError,
  InputError,
  SmartLeadClient,
  SmarteClient,
  SmashsendClient,
  rotateSmashsendApiKey,
  type Vendor,
} from '@keyring/connector';
import * as smarteFx from '../fixtures/smarte';
import * as smartleadFx from '../fixtures/smartlead';
import * as smashsendFx from '../fixtures/smashsend';
import {
  SMARTE_KEY,
  SMARTLEAD_KEY,
  SMASHSEND_KEY,
  answer,
  fakeTransport,
  failure,
  vendorAnswers,
  type SeenRequest,
} from '../support/connector';
import { useNock } from '../support/nock';
import { SMARTE, SMARTLEAD, SMASHSEND } from '../support/vendors';
import type { Transport, TransportResponse } from '@keyring/connector';

useNock();

const WS = smashsendFx.WORKSPACE_ID;

interface Subject {
  vendor: Vendor;
  key: string;
  /** Runs one call through the given transport. */
  run: (transport: Transport) => Promise<unknown>;
  /** The answers to the reads the call makes before the request under test (a write's check of its target). */
  before: TransportResponse[];
}

const subjects: Subject[] = [
  {
    vendor: 'SmartLead',
    key: SMARTLEAD_KEY,
    run: (transport) => new SmartLeadClient(SMARTLEAD_KEY, { transport }).resetClientApiKey(45),
    before: [],
  },
  {
    // GET /v1/api-keys/current names another key: the answer under test is the DELETE's.
    vendor: 'SMASHSEND',
    key: SMASHSEND_KEY,
    run: (transport) => new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport }).deleteApiKey('aki_abc123def456'),
    before: [answer(200, smashsendFx.connectionKey)],
  },
  {
    // The view finds the user's key, not the client's own: the answer under test is the update's.
    vendor: 'SMARTe',
    key: SMARTE_KEY,
    run: (transport) => new SmarteClient(SMARTE_KEY, { transport }).suspendKey('dev.udi_user@smarte.pro'),
    before: [answer(200, smarteFx.viewOne)],
  },
];

/** Every string an error exposes: its message and all its own fields. */
function everythingIn(error: ConnectorError): string {
  return JSON.stringify({ ...error, message: error.message, stack: error.stack });
}

function echoes(key: string): Array<[string, TransportResponse]> {
  return [
    ['a 401 {message} quoting the key', answer(401, { message: `Invalid API key ${key}` })],
    [
      'a 401 {statusCode, error, message}',
      answer(401, { statusCode: 401, error: `Unauthorized: ${key}`, message: `Key "${key}" is not valid.` }),
    ],
    ['a 403 {error: "…"}', answer(403, { error: `Key ${key} may not do this` })],
    ['a 404 plain-text body', answer(404, `Cannot PUT /api?api_key=${key}`)],
    [
      'a 400 NestJS {message: [..]} quoting the key in a field error',
      answer(400, { statusCode: 400, error: 'Bad Request', message: [`apiKey ${key} is malformed`, 'email must be an email'] }),
    ],
    [
      'a 422 {error: {code, message, details}} quoting the key in details',
      answer(422, {
        error: { code: 'VALIDATION', message: `Bad key ${key}`, details: [{ field: 'api_key', message: `value ${key} rejected` }] },
      }),
    ],
    [
      'a 429 {error: {code, message, status}}',
      answer(429, { error: { code: 'rate_limit_exceeded', message: `Too many requests for ${key}`, status: 429 } }, { 'retry-after': '3' }),
    ],
    ['a 500 {message}', answer(500, { message: `Upstream failed for key=${key}` })],
    [
      'a 200 {ok: false, error}',
      answer(200, { ok: false, error: { code: 'E', message: `Key ${key} is suspended`, details: [`key ${key}`] } }),
    ],
    ['a 200 {success: false, error}', answer(200, { success: false, error: `Key ${key} is suspended` })],
  ];
}

describe.each(subjects)('$vendor redacts its key from what the vendor echoes', (subject) => {
  it.each(echoes(subject.key))('given %s', async (_name, response) => {
    const fake = fakeTransport(...subject.before, response);
    const error = await failure(subject.run(fake.transport), ConnectorError);
    expect(fake.requests).toHaveLength(subject.before.length + 1);
    expect(everythingIn(error)).not.toContain(subject.key);
    expect(error.message).toContain('[redacted]');
    expect(error.vendorMessage).toContain('[redacted]');
    expect(error.path ?? '').not.toContain(subject.key);
  });

  it('given a transport failure whose message holds the URL and the key, the error does not carry it', async () => {
    const cause = Object.assign(
      new Error(`request to https://vendor.example/x?api_key=${subject.key} failed, reason: connect ECONNREFUSED`),
      { code: 'ECONNREFUSED' },
    );
    const error = await failure(subject.run(fakeTransport(...subject.before, cause).transport), ConnectorError);
    expect(error.kind).toBe('network');
    expect(everythingIn(error)).not.toContain(subject.key);
  });

  // Connector bug: vendor messages are clipped to 300 characters *before* the key is redacted, so a key that
  // straddles the cut is no longer whole when redact() looks for it, and its first characters leak.
  it('given a long vendor message that ends with the key, leaks no part of the key', async () => {
    const fake = fakeTransport(...subject.before, answer(401, { message: `${'a'.repeat(285)}${subject.key}` }));
    const error = await failure(subject.run(fake.transport), ConnectorError);
    expect(error.message).not.toContain(subject.key.slice(0, 10));
    expect(error.vendorMessage ?? '').not.toContain(subject.key.slice(0, 10));
  });
});

/**
 * The read a write makes first (SMASHSEND's GET /v1/api-keys/current, SMARTe's view of the key), echoing the key: what
 * the write then throws — that read's own error, or the refusal or "no key" the write makes of an unusable answer —
 * never carries the key, and a vendor message in it is redacted.
 */
interface Check {
  vendor: Vendor;
  key: string;
  run: (transport: Transport) => Promise<unknown>;
  path: string;
  /** The kind of error the write throws, for each echo of `echoes()`. */
  kinds: Record<string, ConnectorError['kind']>;
}

const checks: Check[] = [
  {
    vendor: 'SMASHSEND',
    key: SMASHSEND_KEY,
    run: (transport) => new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport }).deleteApiKey('aki_abc123def456'),
    path: '/v1/api-keys/current',
    // 401, 429 and 5xx are thrown; any other answer says SMASHSEND does not tell, and the delete is refused as unknown.
    kinds: {
      'a 401 {message} quoting the key': 'auth',
      'a 401 {statusCode, error, message}': 'auth',
      'a 403 {error: "…"}': 'connection_key',
      'a 404 plain-text body': 'connection_key',
      'a 400 NestJS {message: [..]} quoting the key in a field error': 'connection_key',
      'a 422 {error: {code, message, details}} quoting the key in details': 'connection_key',
      'a 429 {error: {code, message, status}}': 'rate_limited',
      'a 500 {message}': 'server',
      'a 200 {ok: false, error}': 'connection_key',
      'a 200 {success: false, error}': 'connection_key',
    },
  },
  {
    vendor: 'SMARTe',
    key: SMARTE_KEY,
    run: (transport) => new SmarteClient(SMARTE_KEY, { transport }).suspendKey('dev.udi_user@smarte.pro'),
    path: '/signals/v1/key/view',
    // Every failure of the view is thrown, but a 404: no key for that email (the connector's own NotFoundError).
    kinds: {
      'a 401 {message} quoting the key': 'auth',
      'a 401 {statusCode, error, message}': 'auth',
      'a 403 {error: "…"}': 'forbidden',
      'a 404 plain-text body': 'not_found',
      'a 400 NestJS {message: [..]} quoting the key in a field error': 'validation',
      'a 422 {error: {code, message, details}} quoting the key in details': 'validation',
      'a 429 {error: {code, message, status}}': 'rate_limited',
      'a 500 {message}': 'server',
      'a 200 {ok: false, error}': 'validation',
      'a 200 {success: false, error}': 'validation',
    },
  },
];

describe.each(checks)('$vendor: the read before a write ($path) echoes the key', (check) => {
  it.each(echoes(check.key))('given %s, the error does not carry it and nothing is written', async (name, response) => {
    const fake = fakeTransport(response);
    const error = await failure(check.run(fake.transport), ConnectorError);
    expect(fake.requests).toHaveLength(1);
    expect(error.kind).toBe(check.kinds[name]);
    expect(everythingIn(error)).not.toContain(check.key);
    if (error.vendorMessage !== undefined) {
      expect(error.path).toBe(check.path);
      expect(error.vendorMessage).toContain('[redacted]');
      expect(error.message).toContain('[redacted]');
    }
  });
});

describe('a write refused for the client’s own key never carries that key', () => {
  it('SMARTe: the view answers the admin key’s value itself; the ConnectionKeyError has only the email', async () => {
    const admin = { ...smarteFx.userKey, email: 'admin@smarte.pro', role: 'admin', apiKey: SMARTE_KEY };
    const fake = fakeTransport(answer(200, { message: 'Key details fetched successfully', data: admin }));
    const error = await failure(new SmarteClient(SMARTE_KEY, { transport: fake.transport }).suspendKey(admin.email), ConnectionKeyError);
    expect(error.match).toBe('yes');
    expect(everythingIn(error)).not.toContain(SMARTE_KEY);
    expect(everythingIn(error)).not.toContain(SMARTE_KEY.slice(0, 10));
  });

  it('SMASHSEND by the id /current answers: the error names the key’s id, nothing of its secret', async () => {
    const fake = fakeTransport(answer(200, smashsendFx.currentKey));
    const error = await failure(
      new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport }).deleteApiKey('aki_abc123def456'),
      ConnectionKeyError,
    );
    expect(error.match).toBe('yes');
    expect(everythingIn(error)).not.toContain(SMASHSEND_KEY.slice(0, 10));
    expect(everythingIn(error)).not.toContain(smashsendFx.currentKey.apiKey.secretKey);
  });

  it('SMASHSEND by the hint a list shows (the start of the secret): the rotation’s refusal carries neither hint nor secret', async () => {
    const hint = `${SMASHSEND_KEY.slice(0, 12)}...`;
    const listed = smashsendFx.listedKey(1, { id: 'aki_own', secretKey: hint });
    const fake = fakeTransport(
      answer(200, smashsendFx.listPageOf([listed], null)),
      answer(404, { statusCode: 404, error: 'Not Found', message: 'Cannot GET /v1/api-keys/current' }),
    );
    const error = await failure(
      rotateSmashsendApiKey(new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport }), 'aki_own'),
      ConnectionKeyError,
    );
    expect(error).toMatchObject({ match: 'yes', evidence: 'hint' });
    expect(fake.requests).toHaveLength(2); // the list and /current: nothing created, nothing deleted
    expect(everythingIn(error)).not.toContain(SMASHSEND_KEY.slice(0, 10));
  });
});

describe('SMASHSEND checkApiKey redacts a key echoed in its status', () => {
  // Connector bug: the non-SUCCEED AuthError quotes `check.status` (first 40 characters) without redaction.
  it('given a status that quotes the key, the AuthError does not contain it', async () => {
    const fake = fakeTransport(answer(200, { status: `INVALID ${SMASHSEND_KEY}` }));
    const error = await failure(new SmashsendClient(SMASHSEND_KEY, { transport: fake.transport }).checkApiKey(), ConnectorError);
    expect(error.kind).toBe('auth');
    expect(error.message).not.toContain(SMASHSEND_KEY);
  });
});

describe('a rejected key never appears in the InputError either', () => {
  it('an over-long key is refused without echoing it', () => {
    const long = `sk_${'z'.repeat(1000)}`;
    let caught: unknown;
    try {
      new SmashsendClient(long);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).toHaveProperty('message', 'apiKey must be at most 1000 characters long.');
  });

  it.each([
    ['SmartLead', () => new SmartLeadClient('  ')],
    ['SMASHSEND', () => new SmashsendClient('')],
    ['SMARTe', () => new SmarteClient('\n')],
  ])('%s refuses a blank key', (vendor, make) => {
    expect(make).toThrow(InputError);
    expect(make).toThrow('apiKey must not be empty.');
  });
});

/** All header values but the one the vendor expects the key in. */
function otherHeaderValues(request: SeenRequest, keyHeader: string | undefined): string {
  return Object.entries(request.headers)
    .filter(([name]) => name !== keyHeader)
    .map(([, value]) => value)
    .join('\n');
}

describe('on the wire, the key travels only where the vendor expects it', () => {
  it('SmartLead: only in the api_key query parameter, never in a header, the path or the body', async () => {
    const seen = vendorAnswers(SMARTLEAD, 'POST', '/api/v1/client/api-key', { status: 200, body: smartleadFx.created });
    await new SmartLeadClient(SMARTLEAD_KEY).createClientApiKey({ clientId: 301, keyName: 'Production Key' });
    expect(seen[0].query).toEqual({ api_key: SMARTLEAD_KEY });
    expect(otherHeaderValues(seen[0], undefined)).not.toContain(SMARTLEAD_KEY);
    expect(seen[0].path).not.toContain(SMARTLEAD_KEY);
    expect(JSON.stringify(seen[0].body)).not.toContain(SMARTLEAD_KEY);
  });

  it('SMASHSEND: only in the Authorization header', async () => {
    const seen = vendorAnswers(SMASHSEND, 'POST', `/v1/workspaces/${WS}/api-keys`, { status: 200, body: smashsendFx.created });
    await new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS }).createApiKey({
      displayName: 'New Integration API Key',
      role: 'API_USER',
    });
    expect(seen[0].headers.authorization).toBe(`Bearer ${SMASHSEND_KEY}`);
    expect(otherHeaderValues(seen[0], 'authorization')).not.toContain(SMASHSEND_KEY);
    expect(JSON.stringify(seen[0].query)).not.toContain(SMASHSEND_KEY);
    expect(seen[0].path).not.toContain(SMASHSEND_KEY);
    expect(JSON.stringify(seen[0].body)).not.toContain(SMASHSEND_KEY);
  });

  it('SMARTe: only in the Api-Key header', async () => {
    const seen = vendorAnswers(SMARTE, 'POST', '/signals/v1/key/createsignalapikey', { status: 200, body: smarteFx.created });
    await new SmarteClient(SMARTE_KEY).createKey('new.user@smarte.pro');
    expect(seen[0].headers['api-key']).toBe(SMARTE_KEY);
    expect(otherHeaderValues(seen[0], 'api-key')).not.toContain(SMARTE_KEY);
    expect(JSON.stringify(seen[0].query)).not.toContain(SMARTE_KEY);
    expect(seen[0].path).not.toContain(SMARTE_KEY);
    expect(JSON.stringify(seen[0].body)).not.toContain(SMARTE_KEY);
  });

  it('the error path is the vendor path, without the query that holds the SmartLead key', async () => {
    vendorAnswers(SMARTLEAD, 'GET', '/api/v1/client/api-key', { status: 401, body: smartleadFx.error401 });
    const error = await failure(new SmartLeadClient(SMARTLEAD_KEY).listClientApiKeys({ clientId: 301 }), ConnectorError);
    expect(error.path).toBe('/api/v1/client/api-key');
    expect(everythingIn(error)).not.toContain(SMARTLEAD_KEY);
  });
});
