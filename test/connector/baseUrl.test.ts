// Base URL rules: https anywhere, plain http only on loopback, no query/fragment/credentials, and a path prefix
// joined to the vendor path without a double slash. Checked by checkBaseUrl and by every client constructor.

import { InputError, SmartLeadClient, SmarteClient, SmashsendClient, type ClientOptions } from '@keyring/connector';
import { checkBaseUrl } from '@keyring/connector/internal';
import * as smarteFx from '../fixtures/smarte';
import * as smartleadFx from '../fixtures/smartlead';
import * as smashsendFx from '../fixtures/smashsend';
import { answer, fakeTransport } from '../support/connector';

const httpsRule = 'baseUrl must use https (plain http is allowed only on a loopback address).';
const absoluteRule = 'baseUrl must be an absolute URL such as https://api.example.com.';
const partsRule = 'baseUrl must not contain a query, a fragment or credentials.';

describe('checkBaseUrl', () => {
  it.each([
    ['https://api.smashsend.com', 'https://api.smashsend.com'],
    ['https://api.smashsend.com/', 'https://api.smashsend.com'],
    ['https://signals-qa.smarte.pro', 'https://signals-qa.smarte.pro'],
    ['https://proxy.example.com/smartlead/', 'https://proxy.example.com/smartlead'],
    ['https://proxy.example.com/smartlead//', 'https://proxy.example.com/smartlead'],
    ['http://127.0.0.1:1234', 'http://127.0.0.1:1234'],
    ['http://127.0.0.1:1234/smashsend/', 'http://127.0.0.1:1234/smashsend'],
    ['http://127.8.9.10:80', 'http://127.8.9.10'],
    ['http://localhost', 'http://localhost'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]', 'http://[::1]'],
    ['http://[::1]:8080/smarte', 'http://[::1]:8080/smarte'],
    ['HTTPS://API.SMASHSEND.COM', 'https://api.smashsend.com'],
  ])('accepts %s as %s', (url, normalised) => {
    expect(checkBaseUrl('SMASHSEND', url)).toBe(normalised);
  });

  it.each([
    ['plain http on a public host', 'http://example.com', httpsRule],
    ['plain http on a private address', 'http://192.168.1.10', httpsRule],
    ['plain http on 0.0.0.0', 'http://0.0.0.0:8080', httpsRule],
    ['plain http on a host that starts like localhost', 'http://localhost.example.com', httpsRule],
    ['plain http on a host that starts like 127.0.0.1', 'http://127.0.0.1.nip.io', httpsRule],
    ['ftp on loopback', 'ftp://127.0.0.1', httpsRule],
    ['a relative URL', '/smashsend', absoluteRule],
    ['no URL at all', 'api.smashsend.com', absoluteRule],
    ['an empty string', '', absoluteRule],
    ['a query', 'https://api.smashsend.com?x=1', partsRule],
    ['a fragment', 'https://api.smashsend.com/#top', partsRule],
    ['credentials', 'https://user:pass@api.smashsend.com', partsRule],
  ])('refuses %s', (_name, url, message) => {
    let caught: unknown;
    try {
      checkBaseUrl('SmartLead', url);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect(caught).toMatchObject({ kind: 'input', vendor: 'SmartLead', field: 'baseUrl', message });
  });

  // Connector bug: an empty query or fragment marker ("…/?", "…/#") has url.search === '' and url.hash === '', so it
  // passes the check and survives in the returned base, which then swallows every vendor path into the query.
  it.each([
    ['an empty query marker', 'https://api.smashsend.com/?'],
    ['an empty fragment marker', 'https://api.smashsend.com/#'],
  ])('refuses (or strips) %s', (_name, url) => {
    let result: string | undefined;
    try {
      result = checkBaseUrl('SMASHSEND', url);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return;
    }
    expect(result).toBe('https://api.smashsend.com');
  });
});

describe('client constructors apply the base URL rules', () => {
  const makers: Array<[string, (options: ClientOptions) => unknown]> = [
    ['SmartLeadClient', (options) => new SmartLeadClient('sl_key', options)],
    ['SmashsendClient', (options) => new SmashsendClient('sk_key', options)],
    ['SmarteClient', (options) => new SmarteClient('WG+key', options)],
  ];

  it.each(makers)('%s refuses http://example.com', (_name, make) => {
    expect(() => make({ baseUrl: 'http://example.com' })).toThrow(InputError);
    expect(() => make({ baseUrl: 'http://example.com' })).toThrow(httpsRule);
  });

  it.each(makers)('%s refuses a URL with credentials', (_name, make) => {
    expect(() => make({ baseUrl: 'https://u:p@proxy.example.com' })).toThrow(partsRule);
  });

  it.each(makers)('%s accepts https, http://127.0.0.1:port, http://localhost and http://[::1]', (_name, make) => {
    for (const baseUrl of ['https://proxy.example.com', 'http://127.0.0.1:4010', 'http://localhost', 'http://[::1]:4010']) {
      expect(() => make({ baseUrl })).not.toThrow();
    }
  });
});

describe('the base URL is joined to the vendor path', () => {
  it('SmartLead: defaults to https://server.smartlead.ai', async () => {
    const fake = fakeTransport(answer(200, smartleadFx.clients));
    await new SmartLeadClient('sl_key', { transport: fake.transport }).listClients();
    expect(fake.requests[0].url).toBe('https://server.smartlead.ai/api/v1/client/');
  });

  it('SMASHSEND: a path prefix with a trailing slash gives one slash', async () => {
    const fake = fakeTransport(answer(200, smashsendFx.checkOk));
    await new SmashsendClient('sk_key', { baseUrl: 'http://127.0.0.1:1234/smashsend/', transport: fake.transport }).checkApiKey();
    expect(fake.requests[0].url).toBe('http://127.0.0.1:1234/smashsend/v1/api-keys/check');
  });

  it('SMARTe: the QA host', async () => {
    const fake = fakeTransport(answer(200, smarteFx.viewAll));
    await new SmarteClient('WG+key', { baseUrl: 'https://signals-qa.smarte.pro/', transport: fake.transport }).listKeys();
    expect(fake.requests[0].url).toBe('https://signals-qa.smarte.pro/signals/v1/key/view');
  });

  it('SmartLead: http://[::1] with a prefix', async () => {
    const fake = fakeTransport(answer(200, smartleadFx.reset));
    await new SmartLeadClient('sl_key', { baseUrl: 'http://[::1]:9000/sl', transport: fake.transport }).resetClientApiKey(45);
    expect(fake.requests[0].url).toBe('http://[::1]:9000/sl/api/v1/client/api-key/reset/45');
  });
});

describe('timeoutMs', () => {
  const clients = [
    (options: ClientOptions) => new SmashsendClient('sk_key', options),
    (options: ClientOptions) => new SmartLeadClient('sl_key', options),
    (options: ClientOptions) => new SmarteClient('WG+key', options),
  ];

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2_147_483_648])(
    '%p is refused when the client is made, naming the field, before any request',
    (timeoutMs) => {
      const fake = fakeTransport(answer(200, {}));
      for (const make of clients) {
        expect(() => make({ timeoutMs, transport: fake.transport })).toThrow(
          new InputError('SMASHSEND', 'timeoutMs', 'must be a number of milliseconds from 1 to 2147483647'),
        );
      }
      expect(fake.requests).toEqual([]);
    },
  );

  it('a whole or fractional number of milliseconds from 1 up is accepted', () => {
    for (const timeoutMs of [1, 1500.5, 2_147_483_647]) {
      for (const make of clients) expect(() => make({ timeoutMs })).not.toThrow();
    }
  });
});
