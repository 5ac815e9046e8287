// `keyring check`: the connection test of every configured key, one line per vendor; exit 0 only if all pass.

import type { Vendor } from '../errors';
import type { ReadCommand } from './command';
import { KEY_ENV, VENDOR_ARGS, VENDOR_OF, configuredClients } from './config';
import { EXIT, type ExitStatus, type Io } from './io';
import { errorLine, json } from './output';

export const CHECK: ReadCommand = {
  name: 'check',
  writes: false,
  forms: [{ usage: '', summary: 'every configured key checked, one line per vendor' }],
  about: `Checks every key set in the environment (SMASHSEND_API_KEY, SMARTLEAD_API_KEY, SMARTE_API_KEY, or their _FILE),
as the connection test does: SMASHSEND's key check, SmartLead's client list, SMARTe's key view. One line per vendor.`,
  options: {},
  json: 'one JSON object per vendor, in an array: {vendor, ok, detail}',
  maxPositionals: 0,
  exitStatus: '0 when every configured key works, 1 when one does not, 2 on a usage error.',
  prepare:
    ({ json }) =>
    (io) =>
      check(io, { json }),
};

interface Result {
  vendor: Vendor;
  ok: boolean;
  /** What was found (ok) or what went wrong and what to do (not ok). */
  detail: string;
}

async function check(io: Io, flags: { json: boolean }): Promise<ExitStatus> {
  const clients = configuredClients(io);
  const checks = VENDOR_ARGS.map(async (arg): Promise<Result | undefined> => {
    const vendor = VENDOR_OF[arg];
    try {
      if (arg === 'smashsend' && clients.smashsend) {
        const key = await clients.smashsend.checkApiKey();
        return { vendor, ok: true, detail: `key "${key.displayName ?? '?'}" (${key.role ?? 'role unknown'})` };
      }
      if (arg === 'smartlead' && clients.smartlead) {
        const list = await clients.smartlead.listClients();
        return { vendor, ok: true, detail: `${list.length} client${list.length === 1 ? '' : 's'}` };
      }
      if (arg === 'smarte' && clients.smarte) {
        const keys = await clients.smarte.listKeys();
        return { vendor, ok: true, detail: `${keys.length} key${keys.length === 1 ? '' : 's'}` };
      }
      return undefined;
    } catch (error) {
      return {
        vendor,
        ok: false,
        detail: errorLine(error)
          .replace(/^keyring: /, '')
          .trim(),
      };
    }
  });
  const results = (await Promise.all(checks)).filter((result): result is Result => result !== undefined);
  if (flags.json) {
    io.stdout.write(json(results));
  } else {
    for (const result of results) {
      io.stdout.write(`${result.vendor.padEnd(10)} ${result.ok ? 'ok    ' : 'FAILED'} ${result.detail}\n`);
    }
    const unset = VENDOR_ARGS.map((arg) => VENDOR_OF[arg]).filter((vendor) => !results.some((r) => r.vendor === vendor));
    for (const vendor of unset) io.stderr.write(`${vendor}: not configured (${KEY_ENV[vendor]} is not set)\n`);
  }
  return results.every((result) => result.ok) ? EXIT.ok : EXIT.failed;
}
