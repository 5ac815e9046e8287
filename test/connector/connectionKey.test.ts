// The connection's own key, as facts (connector/src/connectionKey.ts): whether two secrets are the same (in constant
// time, any lengths), whether SMASHSEND's truncated hint or a key's whole value is the client's own key ('yes', 'no',
// or 'unknown' when the answer cannot tell), and the ConnectionKeyError a refused write throws: what happened and
// nothing else — no advice, no secret.

import fc from 'fast-check';
import { ConnectionKeyError, ConnectorError, sameSecret } from '@keyring/connector';
import { hintMatch, refuseConnectionKey, secretMatcher, valueMatch } from '../../connector/src/connectionKey';

const SECRET = 'sk_live_rdM4qX9vT2wP7nB5kL8mJ3hG6fD1sA0z';

describe('sameSecret', () => {
  it('is true for equal values and false for values that differ', () => {
    expect(sameSecret(SECRET, `${SECRET}`)).toBe(true);
    expect(sameSecret(SECRET, `${SECRET.slice(0, -1)}y`)).toBe(false);
    expect(sameSecret(SECRET, `X${SECRET.slice(1)}`)).toBe(false);
    expect(sameSecret('WG+test/secret=', 'WG+test/secret=')).toBe(true);
    expect(sameSecret('clé', 'clé')).toBe(true);
    expect(sameSecret('', '')).toBe(true);
  });

  it('is false, without throwing, for values of different lengths (a prefix, an extra character, an empty value)', () => {
    expect(sameSecret(SECRET, SECRET.slice(0, 12))).toBe(false);
    expect(sameSecret(SECRET, `${SECRET}0`)).toBe(false);
    expect(sameSecret(SECRET, '')).toBe(false);
    expect(sameSecret('', SECRET)).toBe(false);
  });
});

// Constant time, as far as a test can see it: how many characters a comparison reads, and where. The same count
// whatever the first difference and whatever the secret's length, and never a read past a string's end (V8 serves
// those on a slower path, which would tell a short secret apart).
describe('comparing a value with a secret reads every character of the value, and never past an end', () => {
  const comparers: Array<[string, (value: string, secret: string) => unknown]> = [
    ['sameSecret', (value, secret) => sameSecret(value, secret)],
    ['secretMatcher', (value, secret) => secretMatcher(secret)(value)],
  ];
  const values: Array<[string, string]> = [
    ['the same value', SECRET],
    ['a value that differs at its first character', `X${SECRET.slice(1)}`],
    ['a value that differs at its last character', `${SECRET.slice(0, -1)}y`],
    ['a shorter value', SECRET.slice(0, 12)],
  ];
  const secrets: Array<[string, string]> = [
    ['the secret', SECRET],
    ['a shorter secret', SECRET.slice(0, 10)],
    ['a longer secret', `${SECRET}${SECRET}`],
    ['an empty secret', ''],
  ];
  const cases = comparers.flatMap(([by, compare]) =>
    values.flatMap(([valueName, value]) =>
      secrets.map(([secretName, secret]) => [by, valueName, secretName, compare, value, secret] as const),
    ),
  );

  it.each(cases)('%s: %s against %s', (_by, _valueName, _secretName, compare, value, secret) => {
    const reads = charactersRead(() => compare(value, secret));
    expect(reads).toHaveLength(2 * value.length);
    expect(reads.filter((read) => read.index >= read.from.length)).toEqual([]);
  });

  it("hintMatch reads as many characters whatever the hint's first difference", () => {
    for (const prefix of [SECRET.slice(0, 12), `X${SECRET.slice(1, 12)}`, `${SECRET.slice(0, 11)}y`]) {
      const reads = charactersRead(() => hintMatch(`${prefix}...`, SECRET));
      expect(reads).toHaveLength(2 * prefix.length);
      expect(reads.filter((read) => read.index >= read.from.length)).toEqual([]);
    }
  });
});

/** Every character a comparison reads: the string it reads from, and where (String.prototype.charCodeAt, watched). */
function charactersRead(compare: () => unknown): Array<{ from: string; index: number }> {
  const read = jest.spyOn(String.prototype, 'charCodeAt');
  let calls: unknown[][];
  let contexts: unknown[];
  try {
    compare();
    calls = [...read.mock.calls];
    contexts = [...read.mock.contexts];
  } finally {
    read.mockRestore();
  }
  return calls.map(([index], call) => ({ from: String(contexts[call]), index: Number(index) }));
}

describe('secretMatcher', () => {
  it('tells exactly the one secret, as sameSecret does, for any two strings (unicode, empty, any lengths)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 80 });
    fc.assert(
      fc.property(text, text, (secret, value) => {
        const isSecret = secretMatcher(secret);
        expect(isSecret(value)).toBe(value === secret);
        expect(isSecret(secret)).toBe(true);
        expect(isSecret(value)).toBe(sameSecret(value, secret));
      }),
      { numRuns: 500 },
    );
  });
});

describe('hintMatch', () => {
  it.each([
    ['three dots', 'sk_live_rdM4...'],
    ['an ellipsis', 'sk_live_rdM4…'],
    ['exactly 10 characters before the dots', 'sk_live_rd...'],
    ['the whole secret before the dots', `${SECRET}...`],
  ])("a hint that starts the secret (%s): 'yes'", (_name, hint) => {
    expect(hintMatch(hint, SECRET)).toBe('yes');
  });

  it.each([
    ['another key’s hint', 'sk_live_abc123...'],
    ['another key’s hint with an ellipsis', 'sk_live_xyz789…'],
    ['a hint that differs only in case', 'sk_live_RDM4...'],
    ['a hint longer than the secret', `${SECRET}extra...`],
  ])("a hint that does not start the secret (%s): 'no'", (_name, hint) => {
    expect(hintMatch(hint, SECRET)).toBe('no');
  });

  it.each([
    ['only the sk_live_ prefix', 'sk_live_...'],
    ['9 characters', 'sk_live_r...'],
    ['nothing before the dots', '...'],
    ['nothing before the ellipsis', '…'],
  ])("a hint too short to tell keys apart (%s): 'unknown', even when it starts the secret", (_name, hint) => {
    expect(hintMatch(hint, SECRET)).toBe('unknown');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
    ['a value not cut short', 'sk_live_rdM4'],
    ['the whole secret itself', SECRET],
    ['two dots', 'sk_live_rdM4..'],
    ['dots inside, not at the end', 'sk_live_rdM4...x'],
    ['a masked value', '********A0z'],
  ])("a value that is not a hint (%s): 'unknown'", (_name, hint) => {
    expect(hintMatch(hint, SECRET)).toBe('unknown');
  });
});

describe('valueMatch', () => {
  it("the same value: 'yes'; another value, of any length: 'no'", () => {
    expect(valueMatch(SECRET, secretMatcher(SECRET))).toBe('yes');
    expect(valueMatch(`${SECRET.slice(0, -1)}y`, secretMatcher(SECRET))).toBe('no');
    expect(valueMatch(SECRET.slice(0, 12), secretMatcher(SECRET))).toBe('no');
    expect(valueMatch(`${SECRET}0`, secretMatcher(SECRET))).toBe('no');
  });

  it("a truncated hint is a value like any other: 'no', never a match", () => {
    expect(valueMatch('sk_live_rdM4...', secretMatcher(SECRET))).toBe('no');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
  ])("no value to compare (%s): 'unknown'", (_name, value) => {
    expect(valueMatch(value, secretMatcher(SECRET))).toBe('unknown');
  });
});

/** Words that give advice (as factsOnly.test.ts checks every other ConnectorError). */
const ADVICE = /\b(retry|retries|check|try|wait|reconnect|please|should|safe|contact|report|allow\w*|add|update|instead|use)\b/i;

describe('ConnectionKeyError', () => {
  const path = '/v1/workspaces/wrk_1/api-keys/aki_connection0001';

  it("'yes': says which key, that it is the one this connection authenticates with, what was refused, and that nothing changed", () => {
    const error = new ConnectionKeyError('SMASHSEND', 'aki_connection0001', 'yes', 'delete', {
      method: 'DELETE',
      path,
      evidence: 'current',
    });
    expect(error.message).toBe(
      'SMASHSEND API key aki_connection0001 is the key this connection authenticates with: refused to delete it, nothing was changed.',
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ConnectionKeyError',
      kind: 'connection_key',
      retryable: false,
      vendor: 'SMASHSEND',
      status: undefined,
      vendorMessage: undefined,
      reason: undefined,
      method: 'DELETE',
      path,
      keyId: 'aki_connection0001',
      match: 'yes',
      action: 'delete',
      evidence: 'current',
    });
  });

  it("'unknown': says the vendor gave no way to tell, what was refused, and that nothing changed", () => {
    const error = new ConnectionKeyError('SMARTe', 'admin@smarte.pro', 'unknown', 'suspend', {
      method: 'POST',
      path: '/signals/v1/key/update',
      evidence: 'none',
    });
    expect(error.message).toBe(
      'SMARTe gave no way to tell whether API key admin@smarte.pro is the key this connection authenticates with: refused to suspend it, nothing was changed.',
    );
    expect(error).toMatchObject({ kind: 'connection_key', match: 'unknown', evidence: 'none', vendor: 'SMARTe', method: 'POST' });
  });

  it.each([
    ['yes', 'SMASHSEND', 'change the role of', 'current'],
    ['yes', 'SMARTe', 'suspend', 'value'],
    ['unknown', 'SMASHSEND', 'rotate and delete', 'hint'],
    ['unknown', 'SMARTe', 'suspend', 'none'],
  ] as const)('%s (%s, %s): facts only, no advice and no secret', (match, vendor, action, evidence) => {
    const error = new ConnectionKeyError(vendor, 'aki_target', match, action, { evidence });
    expect(error.message).toMatch(new RegExp(`^${vendor} `));
    expect(ADVICE.exec(error.message)?.[0]).toBeUndefined();
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('sk_live_rdM4');
  });
});

describe('refuseConnectionKey', () => {
  const options = { evidence: 'current' as const, method: 'DELETE' as const, path: '/v1/x' };

  it("lets a clear 'no' through, with or without the opt-in", () => {
    expect(() => refuseConnectionKey('SMASHSEND', 'aki_1', 'no', 'delete', options)).not.toThrow();
    expect(() => refuseConnectionKey('SMASHSEND', 'aki_1', 'no', 'delete', { ...options, allowConnectionKey: true })).not.toThrow();
  });

  it.each(['yes', 'unknown'] as const)("refuses '%s' with a ConnectionKeyError carrying the facts given", (match) => {
    let caught: unknown;
    try {
      refuseConnectionKey('SMASHSEND', 'aki_1', match, 'delete', options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectionKeyError);
    expect(caught).toMatchObject({ keyId: 'aki_1', match, action: 'delete', evidence: 'current', method: 'DELETE', path: '/v1/x' });
  });

  it.each(['yes', 'unknown'] as const)("lets '%s' through only with allowConnectionKey: true", (match) => {
    expect(() => refuseConnectionKey('SMARTe', 'a@b.co', match, 'suspend', { ...options, allowConnectionKey: true })).not.toThrow();
    expect(() => refuseConnectionKey('SMARTe', 'a@b.co', match, 'suspend', { ...options, allowConnectionKey: false })).toThrow(
      ConnectionKeyError,
    );
  });
});
