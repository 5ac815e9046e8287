// `keyring reset smartlead <keyId>` (and its alias `keyring rotate smartlead <keyId>`): what the Zapier step "Reset
// SmartLead Client API Key" does. The key is read first, so that the question names it (and a key that is not there
// stops before any write); the reset's answer carries the new value, printed at once on stdout alone (in --json, the
// key row with `secret`). A reset once sent is awaited, even when interrupted: its answer is the only copy of the value.

import { NotFoundError } from '../errors';
import type { SmartLeadApiKey, SmartLeadClient } from '../smartlead';
import { requirePositiveInt } from '../validate';
import type { WriteCommand } from './command';
import { KEY_ENV, fileEnvOf, requireClient, vendorFor } from './config';
import type { Consent, Plan } from './consent';
import { UsageError, oneLine, type ExitStatus, type Io } from './io';
import { shownSmartleadKey } from './keys';
import { doneStatus, printSecret, writeErrorLine, writeOnce } from './write';

/** A SmartLead client key by id, from the key list (SmartLead has no request for one key); not there: a NotFoundError. */
export async function smartleadKey(client: SmartLeadClient, consent: Consent, keyId: number): Promise<SmartLeadApiKey> {
  const keys = await consent.untilInterrupted(client.listClientApiKeys());
  const key = keys.find((candidate) => String(candidate.id) === String(keyId));
  if (key === undefined) {
    const path = '/api/v1/client/api-key';
    throw new NotFoundError(`SmartLead has no client API key ${keyId} in its key list (GET ${path}).`, {
      vendor: 'SmartLead',
      method: 'GET',
      path,
    });
  }
  return key;
}

/** " (\"name\", client 301)": how a SmartLead key is named in a plan or a note. */
export function smartleadKeyName(key: SmartLeadApiKey): string {
  const client = key.client_id === undefined || key.client_id === null ? '' : `, client ${String(key.client_id)}`;
  return `"${oneLine(key.key_name)}"${client}`;
}

/** The SmartLead reset, as `reset smartlead` and `rotate smartlead` run it (`command` is the one typed). */
export async function resetSmartlead(
  io: Io,
  consent: Consent,
  keyId: number,
  flags: { json: boolean; command: string },
): Promise<ExitStatus> {
  const client = requireClient(io, 'smartlead', flags.command);
  const key = await smartleadKey(client, consent, keyId);
  const own = client.connectionKeyMatch(key) === 'yes';
  const plan: Plan = {
    steps: [
      `reset SmartLead client API key ${keyId} (${smartleadKeyName(key)}): SmartLead gives it a new value, printed once on stdout`,
      'its old value stops working at once: whatever uses it fails until it gets the new one (this cannot be undone)',
    ],
    ...(own ? { ownKey: { match: 'yes' as const, keyId: String(keyId), variable: KEY_ENV.SmartLead } } : {}),
    data: { vendor: 'SmartLead', key: shownSmartleadKey(key, own) },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  // Not given up on an interruption: once sent, the reset's answer is the only copy of the new value.
  const reset = await writeOnce(consent, () => client.resetClientApiKey(keyId));
  await printSecret(io, flags.json, shownSmartleadKey(reset, own), reset.api_key);
  io.stderr.write(`Reset SmartLead client API key ${String(reset.id)} ("${oneLine(reset.key_name)}"): its old value no longer works.\n`);
  if (own) {
    const variable = KEY_ENV.SmartLead;
    io.stderr.write(`Update ${variable} (or the file ${fileEnvOf(variable)} names) with the new value: it was the key keyring used.\n`);
  }
  return doneStatus(io, consent, 'reset', 'it was done, and the new value is on stdout');
}

export const RESET: WriteCommand = {
  name: 'reset',
  writes: true,
  connectionKeyOption: true,
  forms: [{ usage: 'smartlead <keyId>', summary: 'a new value for a SmartLead client key' }],
  about: `Resets a SmartLead client API key: SmartLead gives the same key (same id) a new value, and its old value
stops working at once. keyring list smartlead shows the ids. The new value is printed once, alone, on stdout, the
moment SmartLead returns it; what happened is told on stderr. Keep stdout safe. keyring rotate smartlead does the
same. SMASHSEND keys are rotated instead (keyring rotate smashsend); SMARTe keys cannot be reset.`,
  options: {},
  json: 'the key as a key row (as keyring list --json) with its new value in `secret`',
  maxPositionals: 2,
  exitStatus: `0 once the key has its new value (on stdout), 1 on a vendor error (nothing changed, or see the
message), 2 on a usage error or a missing --yes / --allow-connection-key (nothing sent), 5 when the question is
answered no, 130 / 143 when interrupted by SIGINT / SIGTERM (a reset already sent is awaited and its value printed).`,
  prepare({ positionals, json }) {
    vendorFor('reset', positionals[0], ['smartlead'], {
      smashsend: 'SMASHSEND keys cannot be reset: keyring rotate smashsend <apiKeyId> replaces one with a new key',
      smarte: 'SMARTe keys cannot be reset: SMARTe has no reset for keys',
    });
    const id = positionals[1];
    if (id === undefined) throw new UsageError("keyring reset smartlead needs the key's id (keyring list smartlead shows them).");
    const keyId = requirePositiveInt('SmartLead', 'keyId', id);
    return (io, consent) => resetSmartlead(io, consent, keyId, { json, command: 'reset smartlead' });
  },
  errorLine: writeErrorLine('reset'),
};
