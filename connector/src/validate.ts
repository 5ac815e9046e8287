// Input checks run before any request. Each failure is an InputError naming the field and the rule.
// Values are never echoed back: they can be long, hostile, or secret.

import { InputError, type Vendor } from './errors';

const MAX_NAME = 255;
const MAX_EMAIL = 254;

/** A non-empty string (trimmed) of at most `max` characters. */
export function requireText(vendor: Vendor, field: string, value: unknown, max = MAX_NAME): string {
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') throw new InputError(vendor, field, 'is required and must be text');
  const trimmed = value.trim();
  if (trimmed === '') throw new InputError(vendor, field, 'must not be empty');
  if (trimmed.length > max) throw new InputError(vendor, field, `must be at most ${max} characters long`);
  return trimmed;
}

/** Like requireText, but absent (undefined, null or blank) gives undefined. */
export function optionalText(vendor: Vendor, field: string, value: unknown, max = MAX_NAME): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  return requireText(vendor, field, value, max);
}

/** A positive integer, given as a number or as digits. */
export function requirePositiveInt(vendor: Vendor, field: string, value: unknown): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (text === '') throw new InputError(vendor, field, 'is required and must be a positive whole number');
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new InputError(vendor, field, 'must be a positive whole number');
  }
  return Number(text);
}

export function optionalPositiveInt(vendor: Vendor, field: string, value: unknown): number | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  return requirePositiveInt(vendor, field, value);
}

/** An opaque id made of letters, digits, underscores and hyphens, so it can never change a request path. */
export function requireId(vendor: Vendor, field: string, value: unknown): string {
  const text = requireText(vendor, field, value, 128);
  if (!/^[A-Za-z0-9_-]+$/.test(text)) {
    throw new InputError(vendor, field, 'must contain only letters, digits, underscores and hyphens');
  }
  return text;
}

/** SmartLead's keyName rule: letters, digits, spaces, hyphens and underscores. */
export function requireKeyName(vendor: Vendor, field: string, value: unknown): string {
  const text = requireText(vendor, field, value);
  if (!/^[A-Za-z0-9 _-]+$/.test(text)) {
    throw new InputError(vendor, field, 'must contain only letters, digits, spaces, hyphens and underscores');
  }
  return text;
}

export function requireEmail(vendor: Vendor, field: string, value: unknown): string {
  const text = requireText(vendor, field, value, MAX_EMAIL);
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(text)) {
    throw new InputError(vendor, field, 'must be an email address such as name@example.com');
  }
  return text;
}

/** One of a fixed set of values; case-insensitive, returned in the set's own spelling. */
export function requireOneOf<T extends string>(vendor: Vendor, field: string, value: unknown, allowed: readonly T[]): T {
  const text = requireText(vendor, field, value);
  const match = allowed.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
  if (match === undefined) throw new InputError(vendor, field, `must be one of ${allowed.join(', ')}`);
  return match;
}

export function optionalOneOf<T extends string>(vendor: Vendor, field: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  return requireOneOf(vendor, field, value, allowed);
}

/** An integer within [min, max]. */
export function requireIntInRange(vendor: Vendor, field: string, value: unknown, min: number, max: number): number {
  const number = typeof value === 'string' && /^-?[0-9]+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new InputError(vendor, field, `must be a whole number from ${min} to ${max}`);
  }
  return number;
}
