// The three vendors as the tests name them, and every map between those names, taken from the code that owns it
// (never restated here): the sandbox's vendor ids, the connector's display names, the real hosts, and the
// environment variables the app and the `keyring` command read.

import type { Vendor } from '@keyring/connector';
import { SMARTE_BASE_URL, SMARTLEAD_BASE_URL, SMASHSEND_BASE_URL } from '@keyring/connector/internal';
import { AUTH_FIELD } from '../../lib/clients';
import { BASE_URL_ENV as APP_BASE_URL_ENV } from '../../lib/settings';
import { KEY_ENV, VENDOR_OF } from '../../connector/src/cli/config';
import { VENDORS, type Vendor as SandboxVendor } from '../../sandbox/types';

export type { Vendor, SandboxVendor };
export { VENDORS as SANDBOX_VENDORS, KEY_ENV };

/** The connection field that holds each vendor's key (lib/clients.ts). */
export { AUTH_FIELD };

/** The sandbox's id of a vendor (as the command line also spells it) → the name users read. */
export const VENDOR_NAME: Record<SandboxVendor, Vendor> = VENDOR_OF;

/** The vendors' real hosts, where nock intercepts the app's and the connector's requests. */
export const SMASHSEND = SMASHSEND_BASE_URL;
export const SMARTLEAD = SMARTLEAD_BASE_URL;
export const SMARTE = SMARTE_BASE_URL;

/** The app's *_BASE_URL variable for each vendor (lib/settings.ts). */
export const BASE_URL_ENV: Record<Vendor, string> = APP_BASE_URL_ENV;

/** The same variable, by the sandbox's vendor id. */
export const baseUrlEnvOf = (vendor: SandboxVendor): string => APP_BASE_URL_ENV[VENDOR_OF[vendor]];
