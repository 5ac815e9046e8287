// The connector's public surface from source, as the app and the package see `@keyring/connector`: exactly the
// pinned values (test/connector/publicSurface.ts); schemas, input rules and the HTTP core stay out of it.

import * as connector from '@keyring/connector';
import * as internal from '@keyring/connector/internal';
import { PUBLIC_VALUES } from './publicSurface';

it('exports exactly the pinned public values', () => {
  expect(Object.keys(connector).sort()).toEqual([...PUBLIC_VALUES].sort());
});

it('keeps schemas, input rules and the HTTP core out of the public surface (they live in the internal entry)', () => {
  for (const name of [
    'requireId',
    'requireText',
    'checkBaseUrl',
    'classifyNetworkError',
    'extractVendorMessage',
    'VendorHttp',
    'withQuery',
  ]) {
    expect({ name, public: name in connector, internal: name in internal }).toEqual({ name, public: false, internal: true });
  }
  expect(Object.keys(connector).filter((name) => /schema/i.test(name))).toEqual([]);
});

it('keeps the connection-key helpers private: only ConnectionKeyError and sameSecret are public', () => {
  for (const name of ['hintMatch', 'valueMatch', 'refuseConnectionKey']) {
    expect({ name, public: name in connector, internal: name in internal }).toEqual({ name, public: false, internal: false });
  }
  expect(['ConnectionKeyError', 'sameSecret'].map((name) => name in connector)).toEqual([true, true]);
});
