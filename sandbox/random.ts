// Random secrets and ids in the formats the vendors use (crypto-grade, since sandbox keys end up in logs under test).

import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** SmartLead client key: `cl_live_` + 24 alphanumerics. */
export const newSmartleadClientKey = (): string => `cl_live_${pick(ALNUM, 24)}`;

/** SMASHSEND secret: `sk_live_` + 32 alphanumerics. */
export const newSmashsendSecret = (): string => `sk_live_${pick(ALNUM, 32)}`;

/** SMASHSEND key id: `aki_` + 12 lower-case alphanumerics, like the docs' `aki_abc123def456`. */
export const newSmashsendKeyId = (): string => `aki_${pick(LOWER_ALNUM, 12)}`;

/** SMARTe key: 32 random bytes in base64 (44 characters, may contain `+`, `/`, `=` like the docs' samples). */
export const newSmarteApiKey = (): string => randomBytes(32).toString('base64');

export const newUuid = (): string => randomUUID();
