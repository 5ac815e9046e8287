// `keyring list <vendor>`: the vendor's keys as a table (or JSON), newest first where the vendor dates them, each as the
// connector's key row (the fields of `keyring audit --json` and of the Zapier audit's line items) plus its role; key
// values shown only as hints (the connector's one `keyHint` rule). SMASHSEND is read page by page.

import type { ReadCommand } from './command';
import { vendorArg } from './config';
import { EXIT, type ExitStatus, type Io } from './io';
import { keysTable, vendorKeys } from './keys';
import { WIDE_OPTION, json } from './output';

export const LIST: ReadCommand = {
  name: 'list',
  writes: false,
  forms: [{ usage: '<smashsend|smartlead|smarte> [--wide]', summary: "a vendor's keys, values masked" }],
  about: `Lists the vendor's API keys (every page), newest first where the vendor dates them, key values masked to
their last 4 characters (SMASHSEND's own truncated hint, e.g. sk_live_rdM4..., as SMASHSEND sends it).
The table fits 100 columns (long names cut with …, the day for the date); --wide shows every field in full.
Needs that vendor's key in the environment (SMASHSEND_API_KEY, SMARTLEAD_API_KEY or SMARTE_API_KEY, or their _FILE).`,
  options: { wide: WIDE_OPTION },
  json: 'the keys as a JSON array of key rows (the fields of keyring audit --json), each with its role',
  maxPositionals: 1,
  exitStatus: '0 on success, 1 on a vendor error, 2 on a usage error.',
  prepare({ positionals, options, json: asJson }) {
    const vendor = vendorArg('list', positionals[0]);
    const wide = options.wide === true;
    return async (io: Io): Promise<ExitStatus> => {
      const keys = await vendorKeys(io, vendor, `list ${vendor}`);
      io.stdout.write(asJson ? json(keys) : keysTable(vendor, keys, wide));
      return EXIT.ok;
    };
  },
};
