// The connector's transport on z.request: exactly what it asks of core, and how it reads the answer back.

import type { ZObject } from 'zapier-platform-core';
import { zRequestTransport } from '../../lib/transport';
import type { TransportRequest } from '@keyring/connector';

interface Answer {
  status: number;
  headers: Map<string, string>;
  content?: string;
  data?: unknown;
  text?: () => Promise<string>;
}

/** A z whose request records its options and answers like core does (raw answers have text(), others content). */
function fakeZ(answer: { status: number; headers?: Record<string, string>; body: string }) {
  const calls: Record<string, unknown>[] = [];
  const request = async (options: Record<string, unknown>): Promise<Answer> => {
    calls.push(options);
    const headers = new Map(Object.entries(answer.headers ?? {}));
    if (!options.raw) {
      // like core: `data` is the parsed body, or undefined when it is not JSON
      let data: unknown;
      try {
        data = JSON.parse(answer.body);
      } catch {
        data = undefined;
      }
      return { status: answer.status, headers, content: answer.body, data };
    }
    // like core's raw answer: `content` is a getter that throws
    return Object.defineProperty({ status: answer.status, headers, text: async () => answer.body }, 'content', {
      get: () => {
        throw new Error('no content on a raw response');
      },
    });
  };
  // A typed boundary: only z.request is used by the transport.
  return { z: { request } as unknown as ZObject, calls };
}

const base: TransportRequest = {
  method: 'POST',
  url: 'https://signals.smarte.pro/signals/v1/key/view',
  query: { a: '1' },
  headers: { 'api-key': 'WG+test_key_0123456789' },
  body: { email: 'x@example.com' },
  timeoutMs: 10_000,
};

describe('zRequestTransport', () => {
  it('asks core for the call as is: no redirects, no status or 429 handling of its own, the timeout, a JSON body', async () => {
    const { z, calls } = fakeZ({ status: 429, headers: { 'Retry-After': '7' }, body: '{"error":"slow down"}' });
    const answer = await zRequestTransport(z, 'SMARTe')(base);
    expect(calls).toEqual([
      {
        url: base.url,
        method: 'POST',
        params: { a: '1' },
        headers: { accept: 'application/json', 'api-key': 'WG+test_key_0123456789', 'content-type': 'application/json' },
        timeout: 10_000,
        skipThrowForStatus: true,
        redirect: 'manual',
        throwForThrottlingEarly: false,
        body: '{"email":"x@example.com"}',
      },
    ]);
    // core's parsed body comes along, so the connector need not parse it again
    expect(answer).toEqual({ status: 429, headers: { 'retry-after': '7' }, body: '{"error":"slow down"}', json: { error: 'slow down' } });
  });

  it('fetches a long list raw, so core logs the call but not a body it would take minutes to censor', async () => {
    const { z, calls } = fakeZ({ status: 200, body: '{"data":[]}' });
    const answer = await zRequestTransport(z, 'SMARTe')({ ...base, bulk: true });
    expect(calls[0]).toMatchObject({ raw: true, url: base.url });
    expect(answer).toEqual({ status: 200, headers: {}, body: '{"data":[]}' });
  });

  it('refuses {{…}} in a query value before any request, naming the field', async () => {
    const { z, calls } = fakeZ({ status: 200, body: '[]' });
    await expect(zRequestTransport(z, 'SmartLead')({ ...base, query: { keyName: 'Key {{x}}' } })).rejects.toMatchObject({
      kind: 'input',
      message: 'keyName must not contain text in double curly braces ({{…}}): Zapier cannot send it in a query.',
    });
    expect(calls).toEqual([]);
  });
});
