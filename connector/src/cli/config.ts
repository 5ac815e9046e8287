// The `keyring` command's settings, all from the environment: each vendor's key (a vendor without one is not
// configured), SMASHSEND's optional workspace, and the *_BASE_URL overrides under the connector's https-or-loopback rule.

import { InputError, type Vendor } from '../errors';
import { BASE_URL_ENV, checkBaseUrl, type ClientOptions } from '../http';
import { SmashsendClient } from '../smashsend';
import { SmartLeadClient } from '../smartlead';
import { SmarteClient } from '../smarte';
import { UsageError, type Io } from './io';

/** The vendors as the command line names them, in report order. */
export const VENDOR_ARGS = ['smashsend', 'smartlead', 'smarte'] as const;
export type VendorArg = (typeof VENDOR_ARGS)[number];

export const VENDOR_OF: Record<VendorArg, Vendor> = { smashsend: 'SMASHSEND', smartlead: 'SmartLead', smarte: 'SMARTe' };
export const KEY_ENV: Record<Vendor, string> = {
  SMASHSEND: 'SMASHSEND_API_KEY',
  SmartLead: 'SMARTLEAD_API_KEY',
  SMARTe: 'SMARTE_API_KEY',
};
export { BASE_URL_ENV };
export const WORKSPACE_ENV = 'SMASHSEND_WORKSPACE_ID';

export interface Clients {
  smashsend?: SmashsendClient;
  smartlead?: SmartLeadClient;
  smarte?: SmarteClient;
}
type ClientOf<K extends VendorArg> = NonNullable<Clients[K]>;

/** The vendor named on the command line, or a usage error that lists the choices. */
export function vendorArg(command: string, value: string | undefined): VendorArg {
  const vendor = VENDOR_ARGS.find((candidate) => candidate === value?.trim().toLowerCase());
  if (vendor === undefined) {
    const given = value === undefined ? 'needs a vendor' : `does not know the vendor "${value.slice(0, 40)}"`;
    throw new UsageError(`keyring ${command} ${given}: smashsend, smartlead or smarte (see keyring ${command} --help).`);
  }
  return vendor;
}

function setting(io: Io, name: string): string | undefined {
  const value = io.env[name]?.trim();
  return value ? value : undefined;
}

/** Base URL and nothing else: the connector's fetch transport and its default timeout. */
function options(io: Io, vendor: Vendor): ClientOptions {
  const name = BASE_URL_ENV[vendor];
  const baseUrl = setting(io, name);
  if (baseUrl === undefined) return {};
  try {
    return { baseUrl: checkBaseUrl(vendor, baseUrl) };
  } catch (error) {
    // The value is not echoed: it may hold credentials.
    const rule = error instanceof InputError ? error.rule : 'must be a usable base URL';
    throw new UsageError(`${name} ${rule}: fix or unset it (API keys must never cross the network in clear).`);
  }
}

const BUILDERS: { [K in VendorArg]: (io: Io, apiKey: string) => ClientOf<K> } = {
  smashsend: (io, apiKey) => {
    const workspaceId = setting(io, WORKSPACE_ENV);
    return new SmashsendClient(apiKey, { ...options(io, 'SMASHSEND'), ...(workspaceId ? { workspaceId } : {}) });
  },
  smartlead: (io, apiKey) => new SmartLeadClient(apiKey, options(io, 'SmartLead')),
  smarte: (io, apiKey) => new SmarteClient(apiKey, options(io, 'SMARTe')),
};

/** The client of one vendor, or undefined when its key is not set. */
function build<K extends VendorArg>(io: Io, key: K): ClientOf<K> | undefined {
  const apiKey = setting(io, KEY_ENV[VENDOR_OF[key]]);
  return apiKey === undefined ? undefined : BUILDERS[key](io, apiKey);
}

/** The client of one vendor, or a usage error naming the variable to set. */
export function requireClient<K extends VendorArg>(io: Io, key: K, command: string): ClientOf<K> {
  const client = build(io, key);
  if (client === undefined) throw new UsageError(`keyring ${command} needs ${KEY_ENV[VENDOR_OF[key]]}: set it in the environment.`);
  return client;
}

/** A client for every vendor whose key is set; a usage error when none is. */
export function configuredClients(io: Io): Clients {
  const clients: Clients = {};
  const smashsend = build(io, 'smashsend');
  const smartlead = build(io, 'smartlead');
  const smarte = build(io, 'smarte');
  if (smashsend) clients.smashsend = smashsend;
  if (smartlead) clients.smartlead = smartlead;
  if (smarte) clients.smarte = smarte;
  if (Object.keys(clients).length === 0) {
    throw new UsageError(`No vendor key is set: set ${KEY_ENV.SMASHSEND}, ${KEY_ENV.SmartLead} or ${KEY_ENV.SMARTe} in the environment.`);
  }
  return clients;
}
