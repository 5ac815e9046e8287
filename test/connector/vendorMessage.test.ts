// The vendor's own message from every error body shape in VENDOR-NOTES.md, and Retry-After parsing.

import { extractVendorMessage, parseRetryAfter } from '@keyring/connector/internal';
import * as smarteFx from '../fixtures/smarte';
import * as smartleadFx from '../fixtures/smartlead';
import * as smashsendFx from '../fixtures/smashsend';

describe('extractVendorMessage', () => {
  it.each<[string, unknown, { message?: string; fieldErrors: string[] }]>([
    ['SmartLead {message}', smartleadFx.error401, { message: 'Invalid or missing API key', fieldErrors: [] }],
    ['SmartLead {error: "…"}', { error: 'Client not found' }, { message: 'Client not found', fieldErrors: [] }],
    [
      'SmartLead {success: false, error: {code, message}}',
      { success: false, error: { code: 'INVALID_KEY_NAME', message: 'keyName is invalid' } },
      { message: 'keyName is invalid', fieldErrors: [] },
    ],
    [
      'SmartLead {error: {code, message, details: [{field, message}]}}',
      { error: { code: 'VALIDATION_ERROR', message: 'Validation failed', details: [{ field: 'keyName', message: 'must match pattern' }] } },
      { message: 'Validation failed', fieldErrors: ['keyName: must match pattern'] },
    ],
    [
      '{error: {code, message, details: {field: [messages]}}}',
      { error: { code: 'VALIDATION_ERROR', message: 'Validation failed', details: { keyName: ['is too long', 'has bad characters'] } } },
      { message: 'Validation failed', fieldErrors: ['keyName: is too long', 'keyName: has bad characters'] },
    ],
    [
      'SMASHSEND {statusCode, error, message}',
      smashsendFx.error401,
      { message: 'Invalid API key. Please double-check and try again.', fieldErrors: [] },
    ],
    [
      'SMASHSEND NestJS {statusCode, message: [..], error}',
      { statusCode: 400, message: ['displayName should not be empty', 'role must be a string'], error: 'Bad Request' },
      { message: 'Bad Request', fieldErrors: ['displayName should not be empty', 'role must be a string'] },
    ],
    [
      '{message: [..]} alone',
      { message: ['limit must not be greater than 100'] },
      { message: 'limit must not be greater than 100', fieldErrors: ['limit must not be greater than 100'] },
    ],
    [
      'SMARTe {error: {code, message, status}}',
      smarteFx.rateLimited,
      { message: 'Rate limit exceeded for your organisation', fieldErrors: [] },
    ],
    ['a plain-text body', 'Bad Gateway', { message: 'Bad Gateway', fieldErrors: [] }],
    [
      '{errors: [{path, msg}]}',
      { errors: [{ path: 'email', msg: 'is invalid' }] },
      { message: 'email: is invalid', fieldErrors: ['email: is invalid'] },
    ],
    ['{detail}', { detail: 'Not authenticated' }, { message: 'Not authenticated', fieldErrors: [] }],
    ['a blank message falls back to error', { message: '  ', error: 'Bad Request' }, { message: 'Bad Request', fieldErrors: [] }],
    [
      'a field message that already names its field is not prefixed again',
      { details: [{ field: 'keyName', message: 'keyName is too long' }] },
      { message: 'keyName is too long', fieldErrors: ['keyName is too long'] },
    ],
    ['an object without any message', { statusCode: 500 }, { fieldErrors: [] }],
    ['null', null, { fieldErrors: [] }],
    ['a number', 42, { fieldErrors: [] }],
    ['an array', ['a', 'b'], { fieldErrors: [] }],
  ])('%s', (_name, body, expected) => {
    expect(extractVendorMessage(body)).toEqual(expected);
  });

  it('collapses whitespace to one line', () => {
    expect(extractVendorMessage({ message: 'Invalid\n  request\tbody ' }).message).toBe('Invalid request body');
  });

  it('clips a long message to 300 characters ending in …', () => {
    const message = extractVendorMessage({ message: 'x'.repeat(1000) }).message ?? '';
    expect(message).toHaveLength(300);
    expect(message.endsWith('…')).toBe(true);
    expect(message.slice(0, 299)).toBe('x'.repeat(299));
  });

  it('keeps a 300-character message whole', () => {
    expect(extractVendorMessage({ message: 'y'.repeat(300) }).message).toBe('y'.repeat(300));
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-12-01T10:00:00.000Z');

  it.each<[string, string | undefined, number | undefined]>([
    ['delta-seconds', '30', 30],
    ['delta-seconds with spaces', ' 30 ', 30],
    ['fractional seconds (rounded up)', '1.5', 2],
    ['zero (at least one second)', '0', 1],
    ['an HTTP date 2 minutes ahead', 'Mon, 01 Dec 2025 10:02:00 GMT', 120],
    ['an HTTP date 90.5 s ahead (rounded up)', new Date(now + 90_500).toUTCString(), 90],
    ['an HTTP date in the past (at least one second)', 'Mon, 01 Dec 2025 09:00:00 GMT', 1],
    ['absent', undefined, undefined],
    ['empty', '', undefined],
    ['blank', '   ', undefined],
    ['unreadable', 'soon', undefined],
    ['a number with a unit', '30 seconds', undefined],
  ])('%s', (_name, header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });

  it('uses the current time by default', () => {
    const seconds = parseRetryAfter(new Date(Date.now() + 60_000).toUTCString());
    expect(seconds).toBeGreaterThanOrEqual(58);
    expect(seconds).toBeLessThanOrEqual(60);
  });
});
