// The connector states facts, never advice: across every way a vendor call can fail (each status, each unusable 2xx
// answer, each network failure, a create without its secret, a paging stop), a ConnectorError's message says what
// happened — vendor, what, where, the vendor's own words — and nothing about what to do. Advice is the app's job.

import {
  BadResponseError,
  ConnectionKeyError,
  ConnectorError,
  NetworkError,
  SmartLeadClient,
  SmarteClient,
  SmashsendClient,
  TimeBudgetError,
  type TransportResponse,
} from '@keyring/connector';
import { answer, fakeTransport, rejectionOf } from '../support/connector';

const WS = 'wrk_facts';

/** Words that give advice. A vendor's own message may contain them: it is taken out before the check. */
const ADVICE = /\b(retry|retries|retrying|check|try|trying|wait|reconnect|please|should|safe|may help|contact|report)\b/i;

function adviceIn(error: ConnectorError): string | undefined {
  const own = error.vendorMessage === undefined ? error.message : error.message.split(error.vendorMessage).join('');
  return ADVICE.exec(own)?.[0];
}

/** SMASHSEND's GET /v1/api-keys/current and SMARTe's view, each naming a key that is not the client's own. */
const CURRENT_OTHER = answer(200, { apiKey: { id: 'aki_other', workspaceId: WS } });
const VIEW_OTHER = answer(200, { data: { keyId: 'k1', email: 'a@example.com', status: 'active', apiKey: 'WG+another' } });

/**
 * One call per vendor: a read and a write, so that both paths of every vendor are covered; and the writes that first
 * check their target (is it the client's own key?), with the fault on that check and, after a clean check, on the write.
 */
const CALLS: Array<{
  name: string;
  run: (transport: ReturnType<typeof fakeTransport>['transport']) => Promise<unknown>;
  /** Answers to the requests before the one that gets the fault. */
  before?: TransportResponse[];
  /** Faults of ANSWERS that this call reads as success (no error to check). */
  accepts?: string[];
}> = [
  { name: 'SmartLead list', run: (transport) => new SmartLeadClient('sl_key', { transport }).listClients() },
  { name: 'SmartLead reset', run: (transport) => new SmartLeadClient('sl_key', { transport }).resetClientApiKey(45) },
  { name: 'SMASHSEND list', run: (transport) => new SmashsendClient('sk_key', { transport, workspaceId: WS }).listApiKeys() },
  {
    name: 'SMASHSEND create',
    run: (transport) => new SmashsendClient('sk_key', { transport, workspaceId: WS }).createApiKey({ displayName: 'x', role: 'API_USER' }),
  },
  { name: 'SMARTe view', run: (transport) => new SmarteClient('WG+key', { transport }).listKeys() },
  { name: 'SMARTe create', run: (transport) => new SmarteClient('WG+key', { transport }).createKey('a@example.com') },
  {
    name: 'SMASHSEND delete, the check (GET /v1/api-keys/current)',
    run: (transport) => new SmashsendClient('sk_key', { transport, workspaceId: WS }).deleteApiKey('aki_1'),
  },
  {
    name: 'SMASHSEND delete, after the check',
    run: (transport) => new SmashsendClient('sk_key', { transport, workspaceId: WS }).deleteApiKey('aki_1'),
    before: [CURRENT_OTHER],
  },
  {
    name: 'SMASHSEND role change, after the check',
    run: (transport) => new SmashsendClient('sk_key', { transport, workspaceId: WS }).updateApiKey('aki_1', { role: 'VIEWER' }),
    before: [CURRENT_OTHER],
  },
  {
    name: 'SMARTe suspend, the view',
    run: (transport) => new SmarteClient('WG+key', { transport }).suspendKey('a@example.com'),
  },
  {
    name: 'SMARTe suspend, after the view',
    run: (transport) => new SmarteClient('WG+key', { transport }).suspendKey('a@example.com'),
    before: [VIEW_OTHER],
    // SMARTe's update answer without `data` is read as done (smarte.test.ts: "given {}"): no error to check.
    accepts: ['200 wrong shape'],
  },
];

const said = { message: 'The vendor said no' };
const ANSWERS: Array<[string, TransportResponse | Error]> = [
  ['400', answer(400, said)],
  ['401', answer(401, said)],
  ['403', answer(403, said)],
  ['404', answer(404, said)],
  ['405', answer(405, said)],
  ['409', answer(409, said)],
  ['422', answer(422, said)],
  ['429 with Retry-After', answer(429, said, { 'retry-after': '7' })],
  ['429', answer(429, said)],
  ['500', answer(500, said)],
  ['502 HTML', answer(502, '<html>Bad gateway</html>', { 'content-type': 'text/html' })],
  ['503', answer(503, 'Service Unavailable')],
  ['504', answer(504, said)],
  ['302', answer(302, '', { location: 'https://elsewhere.example/' })],
  ['200 HTML', answer(200, '<html></html>')],
  ['200 empty', answer(200, '')],
  ['200 malformed', answer(200, '{"data":')],
  ['200 wrong shape', answer(200, { unexpected: true })],
  ['200 {ok:false}', answer(200, { ok: false, error: 'The vendor said no' })],
  ['timeout', new DOMException('The operation was aborted due to timeout', 'TimeoutError')],
  ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
  ['reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ['dns', new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.example'), { code: 'ENOTFOUND' }) })],
  ['other', new Error('boom')],
];

describe.each(CALLS)('$name', ({ run, before = [], accepts = [] }) => {
  it.each(ANSWERS.filter(([fault]) => !accepts.includes(fault)))(
    '%s: the message states what happened, with no advice',
    async (_fault, reply) => {
      const error = await rejectionOf(run(fakeTransport(...before, reply).transport));
      expect(error).toBeInstanceOf(ConnectorError);
      const connectorError = error as ConnectorError;
      expect(connectorError.message).toMatch(/^(SmartLead|SMASHSEND|SMARTe) /);
      expect(adviceIn(connectorError)).toBeUndefined();
    },
  );
});

describe('the facts every error carries', () => {
  it('a DNS failure names the host it could not find, as a message and as a field', async () => {
    const dns = ANSWERS.find(([fault]) => fault === 'dns')![1];
    const error = await rejectionOf(
      new SmashsendClient('sk_key', { transport: fakeTransport(dns).transport, baseUrl: 'https://api.smashsend.example' }).checkApiKey(),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      kind: 'network',
      reason: 'dns',
      host: 'api.smashsend.example',
      method: 'GET',
      path: '/v1/api-keys/check',
    });
    expect((error as Error).message).toContain('its host api.smashsend.example was not found');
  });

  it('a 429 carries Retry-After as retryAfterSeconds, and not as advice in the message', async () => {
    const error = (await rejectionOf(
      new SmartLeadClient('sl_key', { transport: fakeTransport(answer(429, said, { 'retry-after': '7' })).transport }).listClients(),
    )) as ConnectorError;
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterSeconds: 7, host: 'server.smartlead.ai' });
    expect(error.message).toBe('SmartLead rate limit reached (429 on GET /api/v1/client/): The vendor said no.');
  });

  it('a create answered without the new key value: reason missing_secret, and no advice', async () => {
    const { transport } = fakeTransport(answer(200, { data: { keyId: 'k1', email: 'a@example.com', status: 'active', apiKey: null } }));
    const error = await rejectionOf(new SmarteClient('WG+key', { transport }).createKey('a@example.com'));
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error).toMatchObject({ kind: 'bad_response', reason: 'missing_secret', status: 200, retryable: false });
    expect(adviceIn(error as ConnectorError)).toBeUndefined();
  });

  it.each<[string, () => Promise<unknown>]>([
    [
      'SMASHSEND delete of its own key',
      () =>
        new SmashsendClient('sk_key', {
          transport: fakeTransport(answer(200, { apiKey: { id: 'aki_1', workspaceId: WS } })).transport,
          workspaceId: WS,
        }).deleteApiKey('aki_1'),
    ],
    [
      'SMASHSEND role change when /current is not answered',
      () =>
        new SmashsendClient('sk_key', { transport: fakeTransport(answer(404, said)).transport, workspaceId: WS }).updateApiKey('aki_1', {
          role: 'VIEWER',
        }),
    ],
    [
      'SMARTe suspend of its own admin key',
      () =>
        new SmarteClient('WG+key', {
          transport: fakeTransport(answer(200, { data: { keyId: 'k1', email: 'a@example.com', status: 'active', apiKey: 'WG+key' } }))
            .transport,
        }).suspendKey('a@example.com'),
    ],
  ])('a write refused for the client’s own key (%s): ConnectionKeyError, facts only', async (_name, call) => {
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(ConnectionKeyError);
    expect(error).toMatchObject({ kind: 'connection_key', retryable: false });
    expect(adviceIn(error as ConnectorError)).toBeUndefined();
  });

  it('a paging walk stopped at its deadline: TimeBudgetError, kind network, reason time_budget, with no advice', async () => {
    const client = new SmashsendClient('sk_key', { transport: fakeTransport().transport, workspaceId: WS });
    const error = await rejectionOf(
      (async () => {
        for await (const _page of client.pages({ deadline: 0, now: () => 1 })) void _page;
      })(),
    );
    expect(error).toBeInstanceOf(TimeBudgetError);
    expect(error).toMatchObject({ kind: 'network', reason: 'time_budget', pagesRead: 0, itemsRead: 0 });
    expect(adviceIn(error as ConnectorError)).toBeUndefined();
  });
});
