// `keyring find <vendor> <name or email>`: what the Zapier searches do. SMASHSEND: keys whose display name is the one
// given (whole name, ignoring case and surrounding spaces; SMASHSEND cannot filter, so pages are read newest first until
// one holds a match); SmartLead: its own partial match on the key name; SMARTe: the user's key, by email. Keys are
// printed as `list` prints them. Finding nothing is not an error: exit 0, "No keys." (in --json, []).

import { newestFirst } from '../keyRow';
import { requireEmail, requireText } from '../validate';
import type { ReadCommand } from './command';
import { requireClient, vendorArg, type VendorArg } from './config';
import { EXIT, UsageError, type ExitStatus, type Io } from './io';
import { keysTable, shownSmarteKey, shownSmartleadKey, shownSmashsendKey, type ShownKey } from './keys';
import { WIDE_OPTION, json } from './output';

async function find(io: Io, vendor: VendorArg, wanted: string): Promise<ShownKey[]> {
  if (vendor === 'smashsend') {
    const client = requireClient(io, 'smashsend', 'find smashsend');
    const keys = await client.findApiKeysByName(wanted);
    if (keys.length === 0) return [];
    // Which key is keyring's own, only when something was found (GET /v1/api-keys/current, unless discovered already).
    const own = await client.connectionKeyMatcher();
    return newestFirst(keys.map((key) => shownSmashsendKey(key, own.match(key) === 'yes')));
  }
  if (vendor === 'smartlead') {
    const client = requireClient(io, 'smartlead', 'find smartlead');
    const keys = await client.findClientApiKeys({ keyName: wanted });
    return newestFirst(keys.map((key) => shownSmartleadKey(key, client.connectionKeyMatch(key) === 'yes')));
  }
  const client = requireClient(io, 'smarte', 'find smarte');
  const key = await client.findKeyByEmail(wanted);
  return key === null ? [] : [shownSmarteKey(key, client.connectionKeyMatch(key) === 'yes')];
}

export const FIND: ReadCommand = {
  name: 'find',
  writes: false,
  forms: [
    { usage: 'smashsend <name> [--wide]', summary: 'SMASHSEND keys of that name (whole, any case)' },
    { usage: 'smartlead <name> [--wide]', summary: 'SmartLead keys whose name contains it' },
    { usage: 'smarte <email> [--wide]', summary: "a SMARTe user's key, by email" },
  ],
  about: `Finds keys as the Zapier searches do. smashsend: the keys whose display name is <name> (the whole name,
ignoring case and surrounding spaces), newest first; SMASHSEND cannot filter by name, so its list is read newest
first until a page holds a match. smartlead: the client keys whose name contains <name> (SmartLead's own match),
newest first. smarte: the key of the user with that email. Quote a name with spaces: keyring find smashsend "CRM Sync".
Keys are shown as keyring list shows them. Finding nothing is not an error: "No keys." (--json: []), exit 0.`,
  options: { wide: WIDE_OPTION },
  json: 'the keys found as a JSON array of key rows (as keyring list --json); [] when none',
  maxPositionals: 2,
  exitStatus: '0 whether or not a key was found (--json: [] when none), 1 on a vendor error, 2 on a usage error.',
  prepare({ positionals, options, json: asJson }) {
    const vendor = vendorArg('find', positionals[0]);
    const given = positionals[1];
    if (given === undefined) {
      const what = vendor === 'smarte' ? "the user's email" : "the key's name";
      throw new UsageError(`keyring find ${vendor} needs ${what} (see keyring find --help).`);
    }
    const wanted =
      vendor === 'smarte'
        ? requireEmail('SMARTe', 'email', given)
        : requireText(vendor === 'smashsend' ? 'SMASHSEND' : 'SmartLead', 'name', given);
    const wide = options.wide === true;
    return async (io) => {
      const keys = await find(io, vendor, wanted);
      io.stdout.write(asJson ? json(keys) : keysTable(vendor, keys, wide));
      return EXIT.ok as ExitStatus;
    };
  },
};
