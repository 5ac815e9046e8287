// The app's environment settings: the *_BASE_URL overrides (and the check that refuses a bad one), and the
// test-only bounds on the per-request timeout and the step's time budget. Reading them has no side effect: index.ts
// calls checkBaseUrlSettings() once when the app loads.

import { DEFAULT_TIMEOUT_MS, InputError, type Vendor } from '@keyring/connector';
import { BASE_URL_ENV, checkBaseUrl } from '@keyring/connector/internal';

/** The variables the connector names (the `keyring` command reads the same ones). */
export { BASE_URL_ENV };

/** The base URL set for a vendor (trimmed), or undefined for the vendor's real host. */
export function baseUrlSetting(vendor: Vendor, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[BASE_URL_ENV[vendor]]?.trim() || undefined;
}

/**
 * Refuses a bad *_BASE_URL (https anywhere, plain http only on loopback, no query, fragment or credentials).
 * index.ts calls it when the app loads: a mistaken setting must stop the app at start, before any step could send a
 * key in clear over the network. The clients check again when they are built (the environment can change after load).
 */
export function checkBaseUrlSettings(env: NodeJS.ProcessEnv = process.env): void {
  for (const [vendor, name] of Object.entries(BASE_URL_ENV) as Array<[Vendor, string]>) {
    const value = env[name]?.trim();
    if (!value) continue;
    try {
      checkBaseUrl(vendor, value);
    } catch (error) {
      // The value itself is not echoed: it may hold credentials.
      const rule = error instanceof InputError ? error.rule : 'must be a usable base URL';
      throw new Error(`${name} ${rule}: fix or unset it (API keys must never cross the network in clear).`);
    }
  }
}

/** Test-only override of the per-request timeout (ms); bounded so that no setting can leave a step unbounded. */
export const TIMEOUT_ENV = 'KEYRING_TIMEOUT_MS';
const MIN_TIMEOUT_MS = 100;
/** Never longer than the connector's default: 10 s keeps every request well inside Zapier's 30 s step limit. */
const MAX_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

/** What a step may spend: Zapier kills a step at 30 s; 5 s are kept for start-up, core's own work and the answer's trip back. */
export const STEP_BUDGET_ENV = 'KEYRING_STEP_BUDGET_MS';
export const DEFAULT_STEP_BUDGET_MS = 25_000;
const MIN_STEP_BUDGET_MS = 1_000;

function boundedSetting(value: string | undefined, fallback: number, min: number, max: number): number {
  const number = Number(value?.trim() || Number.NaN);
  if (!Number.isFinite(number)) return fallback;
  return Math.min(max, Math.max(min, Math.round(number)));
}

/** The per-request timeout: KEYRING_TIMEOUT_MS (tests use a few hundred ms), bounded to 100 ms–10 s; 10 s by default. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return boundedSetting(env[TIMEOUT_ENV], DEFAULT_TIMEOUT_MS, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
}

/** The step's time budget: KEYRING_STEP_BUDGET_MS (for tests), bounded to 1–25 s; 25 s by default. */
export function stepBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  return boundedSetting(env[STEP_BUDGET_ENV], DEFAULT_STEP_BUDGET_MS, MIN_STEP_BUDGET_MS, DEFAULT_STEP_BUDGET_MS);
}
