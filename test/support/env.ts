// Environment variables for a test, always put back: one primitive (setEnv) and the two ways tests use it.

import { STEP_BUDGET_ENV, TIMEOUT_ENV } from '../../lib/settings';
import { BASE_URL_ENV } from './vendors';

/** Sets (or, for undefined, removes) the variables, and returns the function that puts the old values back. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** Sets the variables for the duration of `work`, then puts them back. */
export async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const restore = setEnv(vars);
  try {
    return await work();
  } finally {
    restore();
  }
}

/** Sets the variables for this file's tests (from beforeAll) and puts the old values back after them. */
export function useEnv(vars: Record<string, string | undefined>): void {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    restore = setEnv(vars);
  });
  afterAll(() => restore?.());
}

/** The app's settings a test may change: every *_BASE_URL and the test-only time bounds. */
export const APP_SETTINGS = [...Object.values(BASE_URL_ENV), TIMEOUT_ENV, STEP_BUDGET_ENV];

/** Every app setting unset: the app at its defaults, aimed at the real hosts (where nock intercepts). */
export const DEFAULT_SETTINGS: Record<string, undefined> = Object.fromEntries(APP_SETTINGS.map((name) => [name, undefined]));
