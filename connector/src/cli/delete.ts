// `keyring delete smashsend <apiKeyId>` and `keyring delete smartlead <keyId>`: what the Zapier delete steps do. The
// key is read first (SMASHSEND: the list, page by page, and which key keyring itself uses; SmartLead: the key list), so
// that the question names it and a key that is not there stops before any write. Deleting the key keyring itself uses
// needs a yes to the question that names it, or --allow-connection-key where nothing asks. A delete cannot be undone.

import { KeyNotInListError } from '../rotation';
import { requireId, requirePositiveInt } from '../validate';
import type { WriteCommand } from './command';
import { KEY_ENV, fileEnvOf, requireClient, vendorFor } from './config';
import type { Consent, Plan } from './consent';
import { EXIT, UsageError, oneLine, type ExitStatus, type Io } from './io';
import { shownSmartleadKey, shownSmashsendKey } from './keys';
import { smartleadKey, smartleadKeyName } from './reset';
import { doneStatus, printResult, writeErrorLine, writeOnce } from './write';

const GONE = 'it stops working at once, for everything that uses it (a delete cannot be undone)';

/** What to do once keyring's own key is deleted: it has no key for that vendor any more. */
function ownKeyGone(variable: string): string {
  return `set ${variable} (or the file ${fileEnvOf(variable)} names) to another key: keyring can no longer use this one`;
}

async function deleteSmashsend(io: Io, consent: Consent, apiKeyId: string, asJson: boolean): Promise<ExitStatus> {
  const client = requireClient(io, 'smashsend', 'delete smashsend');
  const key = await consent.untilInterrupted(client.findApiKeyById(apiKeyId));
  if (key === undefined) throw new KeyNotInListError(apiKeyId, `/v1/workspaces/${await client.workspaceId()}/api-keys`);
  // Which key keyring itself uses: GET /v1/api-keys/current (none when the workspace was discovered).
  const match = (await consent.untilInterrupted(client.connectionKeyMatcher())).match(key);
  const variable = KEY_ENV.SMASHSEND;
  const plan: Plan = {
    steps: [
      `delete SMASHSEND API key ${key.id} ("${oneLine(key.displayName)}", ${oneLine(key.role)}, created ${shownSmashsendKey(key).created_at ?? 'at an unknown date'}): ${GONE}`,
    ],
    ...(match === 'no' ? {} : { ownKey: { match, keyId: key.id, variable, afterwards: ownKeyGone(variable) } }),
    data: { vendor: 'SMASHSEND', key: shownSmashsendKey(key, match === 'yes') },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  // The connector guards keyring's own key too (no request more: the answer of /current is kept).
  const { connectionKey, isDeleted, ...deleted } = await writeOnce(consent, () =>
    client.deleteApiKey(key.id, { allowConnectionKey: consent.allowConnectionKey }),
  );
  printResult(io, asJson, { ...shownSmashsendKey(deleted, connectionKey), deleted: isDeleted });
  if (!isDeleted) {
    io.stderr.write(
      `Warning: SMASHSEND answered the delete of ${key.id} with isDeleted false: the key may still be live (keyring list smashsend shows it).\n`,
    );
    return EXIT.failed;
  }
  io.stderr.write(`Deleted SMASHSEND API key ${key.id} ("${oneLine(key.displayName)}").\n`);
  if (connectionKey) io.stderr.write(`${key.id} was the key keyring used: ${ownKeyGone(variable)}.\n`);
  return doneStatus(io, consent, 'delete');
}

async function deleteSmartlead(io: Io, consent: Consent, keyId: number, asJson: boolean): Promise<ExitStatus> {
  const client = requireClient(io, 'smartlead', 'delete smartlead');
  const key = await smartleadKey(client, consent, keyId);
  const own = client.connectionKeyMatch(key) === 'yes';
  const variable = KEY_ENV.SmartLead;
  const plan: Plan = {
    steps: [`delete SmartLead client API key ${keyId} (${smartleadKeyName(key)}): ${GONE}`],
    ...(own ? { ownKey: { match: 'yes' as const, keyId: String(keyId), variable, afterwards: ownKeyGone(variable) } } : {}),
    data: { vendor: 'SmartLead', key: shownSmartleadKey(key, own) },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  await writeOnce(consent, () => client.deleteClientApiKey(keyId));
  printResult(io, asJson, { ...shownSmartleadKey(key, own), deleted: true });
  io.stderr.write(`Deleted SmartLead client API key ${keyId} (${smartleadKeyName(key)}).\n`);
  if (own) io.stderr.write(`${keyId} was the key keyring used: ${ownKeyGone(variable)}.\n`);
  return doneStatus(io, consent, 'delete');
}

export const DELETE: WriteCommand = {
  name: 'delete',
  writes: true,
  connectionKeyOption: true,
  forms: [
    { usage: 'smashsend <apiKeyId>', summary: 'a SMASHSEND key stops working, for good' },
    { usage: 'smartlead <keyId>', summary: 'a SmartLead client key stops working, for good' },
  ],
  about: `Deletes an API key, as the Zapier delete steps do: it stops working at once, for everything that uses it,
and cannot be restored. The key is read first (keyring list shows the ids), so that the question names it.
Deleting the key keyring itself uses (SMASHSEND_API_KEY) needs a yes to the question that names it, or
--allow-connection-key. SMARTe keys cannot be deleted: suspend them (keyring suspend smarte <email>).`,
  options: {},
  json: 'the deleted key as a key row (as keyring list --json) with `deleted`',
  maxPositionals: 2,
  exitStatus: `0 once the key is deleted, 1 on a vendor error (the key not found: nothing deleted; or see the
message; also when SMASHSEND says it did not delete it), 2 on a usage error or a missing --yes /
--allow-connection-key (nothing deleted), 5 when the question is answered no, 130 / 143 when interrupted by
SIGINT / SIGTERM (a delete already sent is awaited).`,
  prepare({ positionals, json }) {
    const vendor = vendorFor('delete', positionals[0], ['smashsend', 'smartlead'], {
      smarte: 'SMARTe keys cannot be deleted: keyring suspend smarte <email> stops one working',
    });
    const id = positionals[1];
    if (id === undefined) throw new UsageError(`keyring delete ${vendor} needs the key's id (keyring list ${vendor} shows them).`);
    if (vendor === 'smashsend') {
      const apiKeyId = requireId('SMASHSEND', 'apiKeyId', id);
      return (io, consent) => deleteSmashsend(io, consent, apiKeyId, json);
    }
    const keyId = requirePositiveInt('SmartLead', 'keyId', id);
    return (io, consent) => deleteSmartlead(io, consent, keyId, json);
  },
  errorLine: writeErrorLine('deleted'),
};
