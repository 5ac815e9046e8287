// Property tests (fast-check). Parsers: any status with any body (JSON of any shape, text, HTML, nothing, with the
// key echoed anywhere) through every client method never escapes as anything but a ConnectorError, whose message
// names the vendor and never holds the key. Ids: any string as an id is either an InputError before any request, or
// one request whose path has exactly the expected segments (and no query or fragment it did not ask for); a delete's
// client knows its own key's id (no GET /v1/api-keys/current), and refuses that one id before any request. Masks:
// never more than the last 4 characters.

import { object, string } from 'valibot';
import fc from 'fast-check';
import {
  ConnectionKeyError,
  ConnectorError,
  InputError,
  SmarteClient,
  SmartLeadClient,
  SmashsendClient,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@keyring/connector';
import { VendorHttp } from '@keyring/connector/internal';
import { maskSecret, VISIBLE_TAIL } from '../../lib/secrets';

const SMARTLEAD_KEY = 'sl_prop_secret_0123456789abcdef';
const SMASHSEND_KEY = 'sk_prop_secret_0123456789abcdef';
const SMARTE_KEY = 'WG+prop/secret_0123456789abcdef=';
const WS = 'wrk_prop';

const RUNS = 250;
const figures = { counterexamples: 0, parserRuns: 0, parserCalls: 0, idRuns: 0, idsRefused: 0, idsSent: 0, maskRuns: 0 };

/** A transport that records the requests and answers every one with the same response. */
function answering(response: TransportResponse): { transport: Transport; requests: TransportRequest[] } {
  const requests: TransportRequest[] = [];
  return {
    requests,
    transport: async (request) => {
      requests.push(request);
      return response;
    },
  };
}

// ---- arbitrary vendor answers ----

/** Field names the schemas and the message extractor look at, so that generated bodies reach deep code paths. */
const KNOWN_KEYS = [
  'ok',
  'success',
  'data',
  'message',
  'error',
  'errors',
  'details',
  'detail',
  'msg',
  'code',
  'statusCode',
  'field',
  'apiKeys',
  'apiKey',
  'items',
  'hasMore',
  'startAt',
  'id',
  'displayName',
  'role',
  'status',
  'secretKey',
  'createdAt',
  'updatedAt',
  'isDeleted',
  'user',
  'workspaceId',
  'keyId',
  'email',
  'api_key',
  'key_name',
  'client_id',
  'name',
];

/** A text that may hold a key, plainly or JSON-escaped in a way a raw-text search would miss. */
function textWithSecret(secret: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constant(secret),
    fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 400 })).map(([a, b]) => `${a}${secret}${b}`),
    fc.constantFrom('undefined', 'null', '[object Object]', 'SUCCEED', 'EDITOR', 'ACTIVE', '2024-03-15T10:00:00Z'),
  );
}

function jsonWithSecret(secret: string): fc.Arbitrary<unknown> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      textWithSecret(secret),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 6 }),
    ),
  }));
  return value;
}

/** Any answer a vendor (or a proxy before it) could send. */
function responses(secret: string): fc.Arbitrary<TransportResponse> {
  const escapedSecret = secret.replace('/', '\\/').replace(/^(.)/, (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const body = fc.oneof(
    jsonWithSecret(secret).map((json) => JSON.stringify(json) ?? ''),
    jsonWithSecret(secret).map((json) => (JSON.stringify(json) ?? '').split(secret).join(escapedSecret)),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom(
      '',
      '   ',
      'null',
      '[]',
      '{}',
      '"text"',
      '{"ok":true,"data":[{"id":1,"na',
      '<!DOCTYPE html><html><body>502</body></html>',
    ),
  );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom('application/json', 'text/html; charset=utf-8', 'text/plain', ''),
      'retry-after': fc.oneof(
        fc.constantFrom('7', '0', '-3', '1.5', 'Wed, 21 Oct 2015 07:28:00 GMT', 'soon'),
        fc.string({ maxLength: 12 }),
      ),
    },
    { requiredKeys: [] },
  );
  const status = fc.oneof(
    fc.integer({ min: 200, max: 299 }),
    fc.constantFrom(200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503),
    fc.integer({ min: 100, max: 599 }),
  );
  return fc.record({ status, headers, body });
}

interface Call {
  name: string;
  /** Statuses besides 2xx that may resolve: a SMARTe view by email reads 404 as "no key" (a search miss). */
  missOn?: number;
  vendor: 'SmartLead' | 'SMASHSEND' | 'SMARTe';
  secret: string;
  run: (transport: Transport) => Promise<unknown>;
}

const sl = (transport: Transport) => new SmartLeadClient(SMARTLEAD_KEY, { transport });
const ss = (transport: Transport) => new SmashsendClient(SMASHSEND_KEY, { transport, workspaceId: WS });
const ssDiscover = (transport: Transport) => new SmashsendClient(SMASHSEND_KEY, { transport });
/** The id of the key SMASHSEND_KEY is, as a client that already knows it is told (so a delete asks nothing first). */
const OWN_KEY_ID = 'aki_prop_own';
const ssKnowingItsKey = (transport: Transport) =>
  new SmashsendClient(SMASHSEND_KEY, { transport, workspaceId: WS, connectionKeyId: OWN_KEY_ID });
const sm = (transport: Transport) => new SmarteClient(SMARTE_KEY, { transport });

async function firstPages(iterable: AsyncIterable<unknown>, max: number): Promise<void> {
  let n = 0;
  for await (const _page of iterable) if (++n >= max) return;
}

const CALLS: Call[] = [
  { name: 'SmartLead listClients', vendor: 'SmartLead', secret: SMARTLEAD_KEY, run: (t) => sl(t).listClients() },
  {
    name: 'SmartLead listClientApiKeys',
    vendor: 'SmartLead',
    secret: SMARTLEAD_KEY,
    run: (t) => sl(t).listClientApiKeys({ keyName: 'Prod' }),
  },
  {
    name: 'SmartLead createClientApiKey',
    vendor: 'SmartLead',
    secret: SMARTLEAD_KEY,
    run: (t) => sl(t).createClientApiKey({ clientId: 301, keyName: 'K' }),
  },
  { name: 'SmartLead resetClientApiKey', vendor: 'SmartLead', secret: SMARTLEAD_KEY, run: (t) => sl(t).resetClientApiKey(45) },
  { name: 'SmartLead deleteClientApiKey', vendor: 'SmartLead', secret: SMARTLEAD_KEY, run: (t) => sl(t).deleteClientApiKey(45) },
  { name: 'SMASHSEND checkApiKey', vendor: 'SMASHSEND', secret: SMASHSEND_KEY, run: (t) => ss(t).checkApiKey() },
  { name: 'SMASHSEND workspace discovery', vendor: 'SMASHSEND', secret: SMASHSEND_KEY, run: (t) => ssDiscover(t).workspaceId() },
  { name: 'SMASHSEND pages (3 at most)', vendor: 'SMASHSEND', secret: SMASHSEND_KEY, run: (t) => firstPages(ss(t).pages(), 3) },
  {
    name: 'SMASHSEND createApiKey',
    vendor: 'SMASHSEND',
    secret: SMASHSEND_KEY,
    run: (t) => ss(t).createApiKey({ displayName: 'K', role: 'EDITOR' }),
  },
  {
    name: 'SMASHSEND updateApiKey',
    vendor: 'SMASHSEND',
    secret: SMASHSEND_KEY,
    run: (t) => ss(t).updateApiKey('aki_1', { displayName: 'K' }),
  },
  { name: 'SMASHSEND deleteApiKey', vendor: 'SMASHSEND', secret: SMASHSEND_KEY, run: (t) => ss(t).deleteApiKey('aki_1') },
  { name: 'SMARTe listKeys', vendor: 'SMARTe', secret: SMARTE_KEY, run: (t) => sm(t).listKeys() },
  { name: 'SMARTe findKeyByEmail', missOn: 404, vendor: 'SMARTe', secret: SMARTE_KEY, run: (t) => sm(t).findKeyByEmail('a@b.co') },
  { name: 'SMARTe createKey', vendor: 'SMARTe', secret: SMARTE_KEY, run: (t) => sm(t).createKey('a@b.co') },
  { name: 'SMARTe suspendKey', vendor: 'SMARTe', secret: SMARTE_KEY, run: (t) => sm(t).suspendKey('a@b.co') },
];

/** What is wrong with how a call settled (empty = fine). */
async function settle(call: Call, response: TransportResponse): Promise<string[]> {
  const { transport } = answering(response);
  try {
    const result = await call.run(transport);
    if (response.status === call.missOn) return result === null ? [] : [`resolved ${JSON.stringify(result)} on ${response.status}`];
    return response.status >= 200 && response.status < 300 ? [] : [`resolved on status ${response.status}`];
  } catch (error) {
    if (!(error instanceof ConnectorError))
      return [`escaped as ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`];
    const problems: string[] = [];
    if (error.vendor !== call.vendor || !error.message.startsWith(call.vendor))
      problems.push(`message does not start with ${call.vendor}: ${error.message}`);
    // Our own words (the vendor's message taken out) never say undefined / [object Object].
    const ours = error.vendorMessage ? error.message.split(error.vendorMessage).join('') : error.message;
    if (/\bundefined\b|\[object Object\]/.test(ours)) problems.push(`message: ${error.message}`);
    for (const text of [error.message, error.vendorMessage ?? ''])
      if (text.includes(call.secret)) problems.push(`leaks the key: ${error.message}`);
    return problems;
  }
}

describe('parsers: any status and body → a result (2xx) or a ConnectorError that names the vendor, never the key', () => {
  it.each(CALLS.map((call) => [call.name, call] as const))('%s', async (_name, call) => {
    await fc.assert(
      fc.asyncProperty(responses(call.secret), async (response) => {
        figures.parserCalls += 1;
        const problems = await settle(call, response);
        if (problems.length > 0) figures.counterexamples += 1;
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    figures.parserRuns += RUNS;
  });

  it('VendorHttp itself, with any schema outcome: only ConnectorErrors', async () => {
    await fc.assert(
      fc.asyncProperty(
        responses(SMARTLEAD_KEY),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') as fc.Arbitrary<'GET'>,
        async (response, method) => {
          figures.parserCalls += 1;
          const { transport } = answering(response);
          const http = new VendorHttp(
            'SmartLead',
            'https://server.smartlead.ai',
            { query: { api_key: SMARTLEAD_KEY }, secret: SMARTLEAD_KEY },
            { transport },
          );
          const call: Call = {
            name: 'VendorHttp',
            vendor: 'SmartLead',
            secret: SMARTLEAD_KEY,
            run: () => http.call({ method, path: '/x', schema: object({ name: string() }) }),
          };
          const problems = await settle(call, response);
          if (problems.length > 0) figures.counterexamples += 1;
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: RUNS },
    );
    figures.parserRuns += RUNS;
  });
});

// ---- ids ----

/** Any string an id field could receive: printable, hostile pieces, control characters, unicode. */
const anyId = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({
    unit: fc.constantFrom(..."aZ09_-./?#%&=+;:@ \t\r\n~!*'()[]{}\\".split(''), '%2F', '%2e%2e', '..', '\u0000', 'é', '🔑'),
    maxLength: 20,
  }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.stringMatching(/^\s*[A-Za-z0-9_-]{1,140}\s*$/),
);

/** Positive-integer ids as Zapier may deliver them: numbers or text. */
const anyIntId = fc.oneof(
  anyId,
  fc.integer({ min: -10, max: 1e6 }),
  fc.double(),
  fc.stringMatching(/^\s*[0-9]{1,20}\s*$/),
  fc.constantFrom('1e3', '0x1F', '45.0', '+45', '045'),
);

interface IdCall {
  name: string;
  run: (transport: Transport, id: never) => Promise<unknown>;
  /** The exact URL for the id the connector accepted (its trimmed text). */
  url: (id: string) => string;
  /** What the accepted id must look like once sent. */
  sentId: (input: unknown) => string;
  ids: fc.Arbitrary<unknown>;
  ok: TransportResponse;
}

const json = (body: unknown): TransportResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const ssKey = {
  id: 'aki_1',
  displayName: 'K',
  role: 'EDITOR',
  status: 'ACTIVE',
  secretKey: 'sk_l...',
  createdAt: '2024-03-15T10:00:00Z',
  updatedAt: '2024-03-15T10:00:00Z',
};
const slKey = {
  id: 45,
  client_id: 301,
  key_name: 'K',
  api_key: 'cl_live_0123456789abcdef',
  status: 'active',
  created_at: '2025-12-01T10:00:00.000Z',
};

const ID_CALLS: IdCall[] = [
  {
    name: 'SMASHSEND deleteApiKey(apiKeyId)',
    ids: anyId,
    ok: json({ apiKey: ssKey, isDeleted: true }),
    run: (t, id) => ssKnowingItsKey(t).deleteApiKey(id),
    url: (id) => `https://api.smashsend.com/v1/workspaces/${WS}/api-keys/${id}`,
    sentId: (input) => String(input).trim(),
  },
  {
    name: 'SMASHSEND updateApiKey(apiKeyId)',
    ids: anyId,
    ok: json({ apiKey: ssKey }),
    run: (t, id) => ss(t).updateApiKey(id, { displayName: 'K' }),
    url: (id) => `https://api.smashsend.com/v1/workspaces/${WS}/api-keys/${id}`,
    sentId: (input) => String(input).trim(),
  },
  {
    name: 'SmartLead resetClientApiKey(keyId)',
    ids: anyIntId,
    ok: json({ ok: true, data: slKey }),
    run: (t, id) => sl(t).resetClientApiKey(id),
    url: (id) => `https://server.smartlead.ai/api/v1/client/api-key/reset/${id}`,
    sentId: (input) => String(Number(String(input).trim())),
  },
  {
    name: 'SmartLead deleteClientApiKey(keyId)',
    ids: anyIntId,
    ok: json({ ok: true }),
    run: (t, id) => sl(t).deleteClientApiKey(id),
    url: (id) => `https://server.smartlead.ai/api/v1/client/api-key/${id}`,
    sentId: (input) => String(Number(String(input).trim())),
  },
];

describe('ids: any string is refused before any request, or sent as exactly one path segment', () => {
  it.each(ID_CALLS.map((call) => [call.name, call] as const))('%s', async (_name, call) => {
    await fc.assert(
      fc.asyncProperty(call.ids, async (id) => {
        figures.counterexamples += 1; // taken back below when every expectation held
        const fake = answering(call.ok);
        let error: unknown;
        try {
          await call.run(fake.transport, id as never);
        } catch (caught) {
          error = caught;
        }
        if (error !== undefined) {
          // Refused, and nothing sent: an InputError naming the field, or (a delete) the client's own key.
          if (error instanceof ConnectionKeyError) expect(String(id).trim()).toBe(OWN_KEY_ID);
          else expect(error).toBeInstanceOf(InputError);
          expect(fake.requests).toEqual([]);
          figures.idsRefused += 1;
          figures.counterexamples -= 1;
          return;
        }
        expect(fake.requests).toHaveLength(1);
        const sent = call.sentId(id);
        // What the connector accepts is an id of letters, digits, _ and - only: one segment, nothing to encode.
        expect(sent).toMatch(/^[A-Za-z0-9_-]+$/);
        const request = fake.requests[0];
        expect(request.url).toBe(call.url(sent));
        const url = new URL(request.url);
        expect(url.search).toBe('');
        expect(url.hash).toBe('');
        expect(url.pathname.split('/').at(-1)).toBe(sent);
        expect(url.pathname.split('/')).toHaveLength(
          call
            .url(sent)
            .replace(/^https:\/\/[^/]+/, '')
            .split('/').length,
        );
        figures.idsSent += 1;
        figures.counterexamples -= 1;
      }),
      { numRuns: RUNS * 2 },
    );
    figures.idRuns += RUNS * 2;
  });
});

it("SMASHSEND deleteApiKey of the client's own key id (known, or padded): refused before any request, unless allowed", async () => {
  for (const id of [OWN_KEY_ID, `  ${OWN_KEY_ID}\t`]) {
    const refused = answering(json({ apiKey: ssKey, isDeleted: true }));
    await expect(ssKnowingItsKey(refused.transport).deleteApiKey(id)).rejects.toMatchObject({
      kind: 'connection_key',
      match: 'yes',
      evidence: 'current',
      keyId: OWN_KEY_ID,
    });
    expect(refused.requests).toEqual([]);
  }
  const allowed = answering(json({ apiKey: { ...ssKey, id: OWN_KEY_ID }, isDeleted: true }));
  expect(await ssKnowingItsKey(allowed.transport).deleteApiKey(OWN_KEY_ID, { allowConnectionKey: true })).toMatchObject({
    id: OWN_KEY_ID,
    isDeleted: true,
    connectionKey: true,
  });
  expect(allowed.requests.map((request) => request.url)).toEqual([`https://api.smashsend.com/v1/workspaces/${WS}/api-keys/${OWN_KEY_ID}`]);
});

// ---- masks ----

describe('masks never show more than the last 4 characters', () => {
  it('maskSecret, any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 80 }),
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({ maxLength: 80 }).map((s) => `${s}...`),
        ),
        (value) => {
          figures.maskRuns += 1;
          figures.counterexamples += 1;
          const masked = maskSecret(value);
          if (value === '') {
            expect(masked).toBe('');
            figures.counterexamples -= 1;
            return;
          }
          expect(typeof masked).toBe('string');
          const shown = (masked as string).replace(/^\*{8}/, '');
          expect((masked as string).startsWith('********')).toBe(true);
          expect(shown.length).toBeLessThanOrEqual(VISIBLE_TAIL);
          if (shown !== '') {
            expect(value.endsWith(shown)).toBe(true);
            // Shown only for values long enough that 4 characters are a small part, and never for a vendor's truncation.
            expect(value.length).toBeGreaterThanOrEqual(4 * VISIBLE_TAIL);
            expect(value).not.toMatch(/(\.\.\.|…)$/);
          }
          figures.counterexamples -= 1;
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });
});

afterAll(() => {
  console.log(
    `properties: parsers ${figures.parserRuns} runs over ${CALLS.length + 1} calls (${figures.parserCalls} responses), ids ${figures.idRuns} runs (refused ${figures.idsRefused}, sent as one segment ${figures.idsSent}), masks ${figures.maskRuns} runs; failing cases (shrinking included): ${figures.counterexamples}`,
  );
});
