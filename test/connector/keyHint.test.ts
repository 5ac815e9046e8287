// keyHint, the one rule for how a key's value is shown wherever a key is listed (the app's reads and key-hygiene rows,
// the audit, `keyring list`): SMASHSEND's own truncated hint as SMASHSEND sent it, every other value masked.

import { keyHint } from '@keyring/connector/internal';

describe('keyHint', () => {
  it("SMASHSEND: the vendor's own truncated hint, unchanged (three dots or an ellipsis)", () => {
    expect(keyHint('SMASHSEND', 'sk_live_rdM4...')).toBe('sk_live_rdM4...');
    expect(keyHint('SMASHSEND', 'sk_live_rdM4…')).toBe('sk_live_rdM4…');
  });

  it('SMASHSEND: a value that does not look cut short could be a whole key, so it is masked to eight stars and the last four', () => {
    expect(keyHint('SMASHSEND', 'sk_live_fullsecretvalue0123456789')).toBe('********6789');
    expect(keyHint('SMASHSEND', 'short')).toBe('********');
  });

  it('SmartLead and SMARTe: eight stars and the last four characters, even a value that looks cut short', () => {
    expect(keyHint('SmartLead', 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s')).toBe('********hJ1s');
    expect(keyHint('SMARTe', 'WGxSecretValueOfSmarte0001=')).toBe('********001=');
    expect(keyHint('SmartLead', 'cl_live_P7dK2mQ9...')).toBe('********');
    expect(keyHint('SMARTe', 'short')).toBe('********');
  });

  it('no value: returned as it is', () => {
    expect(keyHint('SMASHSEND', null)).toBeNull();
    expect(keyHint('SmartLead', undefined)).toBeUndefined();
    expect(keyHint('SMARTe', '')).toBe('');
  });
});
