// The `keyring` command's settings, all from the environment: each vendor's key (a vendor without one is not
// configured), from its variable or from the file its <NAME>_FILE variable names, SMASHSEND's optional workspace, and
// the *_BASE_URL overrides under the connector's https-or-loopback rule.

import { closeSync, openSync, readSync } from 'node:fs';
import { InputError, type Vendor } from '../errors';
import { BASE_URL_ENV, checkBaseUrl, type ClientOptions } from '../http';
import { SmashsendClient } from '../smashsend';
import { SmartLeadClient } from '../smartlead';
import { SmarteClient } from '../smarte';
import { UsageError, oneLine, type Io } from './io';

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
const WORKSPACE_ENV = 'SMASHSEND_WORKSPACE_ID';

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

/**
 * The vendor named on the command line, for a command that only some vendors have: a usage error that lists its
 * vendors, or, for a vendor it does not have, says why and what to do instead (`instead`).
 */
export function vendorFor<const V extends VendorArg>(
  command: string,
  value: string | undefined,
  allowed: readonly V[],
  instead: Partial<Record<VendorArg, string>>,
): V {
  const choices = allowed.length === 1 ? (allowed[0] ?? '') : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`;
  const vendor = VENDOR_ARGS.find((candidate) => candidate === value?.trim().toLowerCase());
  if (vendor === undefined) {
    const given = value === undefined ? 'needs a vendor' : `does not know the vendor "${value.slice(0, 40)}"`;
    throw new UsageError(`keyring ${command} ${given}: ${choices} (see keyring ${command} --help).`);
  }
  const match = allowed.find((candidate) => candidate === vendor);
  if (match === undefined)
    throw new UsageError(`${instead[vendor] ?? `keyring ${command} is for ${choices} only.`} (see keyring ${command} --help).`);
  return match;
}

function setting(io: Io, name: string): string | undefined {
  const value = io.env[name]?.trim();
  return value ? value : undefined;
}

/** The variable that names a file holding a key instead (as Docker and systemd secrets are mounted). */
export function fileEnvOf(name: string): string {
  return `${name}_FILE`;
}

/** A key file larger than this is not a key file (and /dev/zero must not fill the memory). */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * A key from `NAME`, or from the file `NAME_FILE` names (surrounding whitespace, the trailing newline included, trimmed).
 * Both set, an unreadable, empty or oversized file, or one of several lines: a usage error naming the variable and the
 * path, never the content.
 */
function secretSetting(io: Io, name: string): string | undefined {
  const direct = setting(io, name);
  const fileVar = fileEnvOf(name);
  const file = setting(io, fileVar);
  if (file === undefined) return direct;
  if (direct !== undefined) throw new UsageError(`${name} and ${fileVar} are both set: unset one of them (the file is safer).`);
  const where = `${fileVar} (${oneLine(file)})`;
  let text: string;
  try {
    text = readBounded(file, MAX_KEY_FILE_BYTES);
  } catch (error) {
    throw new UsageError(`${where} cannot be read: ${unreadable(error)}. Point it at a file holding only the key.`);
  }
  const value = text.trim();
  if (value === '') throw new UsageError(`${where} is empty: it must hold the key.`);
  if (/[\r\n]/.test(value) || text.length > MAX_KEY_FILE_BYTES) {
    throw new UsageError(`${where} holds more than a key: it must hold the key alone, on one line.`);
  }
  return value;
}

/** Why a file cannot be read, in words. */
export function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'a directory';
  return code ?? 'unreadable';
}

/**
 * The file's text, read with a bound: at most `maxBytes` + 1 bytes (a FIFO such as <(pass show key) works; a huge file
 * is cut, and the caller refuses it).
 */
export function readBounded(file: string, maxBytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0 || length + read >= buffer.length) return buffer.toString('utf8', 0, length + read);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** Base URL and nothing else: the connector's default transport (node:http(s)) and its default timeout. */
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
  const apiKey = secretSetting(io, KEY_ENV[VENDOR_OF[key]]);
  return apiKey === undefined ? undefined : BUILDERS[key](io, apiKey);
}

/** The client of one vendor, or a usage error naming the variable to set. */
export function requireClient<K extends VendorArg>(io: Io, key: K, command: string): ClientOf<K> {
  const client = build(io, key);
  if (client === undefined) {
    const name = KEY_ENV[VENDOR_OF[key]];
    throw new UsageError(`keyring ${command} needs ${name}: set it, or ${fileEnvOf(name)} to a file holding the key.`);
  }
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
    throw new UsageError(
      `No vendor key is set: set ${KEY_ENV.SMASHSEND}, ${KEY_ENV.SmartLead} or ${KEY_ENV.SMARTe} (or the same name with _FILE, naming a file that holds the key).`,
    );
  }
  return clients;
}
