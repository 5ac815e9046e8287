// `keyring suspend smarte <email>` and `keyring reactivate smarte <email>`: what the Zapier steps "Suspend SMARTe API
// Key" and "Reactivate SMARTe API Key" do. SMARTe identifies keys by the user's email. The key is viewed first, so that
// the question names it and a user without a key stops before any write; suspending the admin key keyring itself uses
// (SMARTE_API_KEY) would lock keyring out of SMARTe: it needs a yes to the question that names it, or
// --allow-connection-key where nothing asks. A suspension is undone by a reactivation.

import { NotFoundError } from '../errors';
import type { SmarteClient, SmarteKey, SmarteUpdatedKey } from '../smarte';
import { requireEmail } from '../validate';
import type { WriteCommand } from './command';
import { KEY_ENV, fileEnvOf, requireClient, vendorFor } from './config';
import type { Consent, Plan } from './consent';
import { UsageError, oneLine, type ExitStatus, type Io } from './io';
import { shownSmarteKey } from './keys';
import { doneStatus, printResult, writeErrorLine, writeOnce } from './write';

const VIEW = '/signals/v1/key/view';

/** The user's key, viewed (POST /signals/v1/key/view {email}); none: a NotFoundError, nothing written. */
async function viewedKey(client: SmarteClient, consent: Consent, email: string): Promise<SmarteKey> {
  const key = await consent.untilInterrupted(client.findKeyByEmail(email));
  if (key === null) {
    throw new NotFoundError(`SMARTe has no key for ${email} (POST ${VIEW}).`, {
      vendor: 'SMARTe',
      method: 'POST',
      path: VIEW,
      readOnly: true,
    });
  }
  return key;
}

/** The key after the change: SMARTe's record when it sends one, else the viewed key with the new status. */
function changed(viewed: SmarteKey, result: SmarteUpdatedKey): SmarteKey {
  return 'keyId' in result ? result : { ...viewed, status: result.status };
}

function describe(key: SmarteKey): string {
  return `${oneLine(key.email)} (${key.keyId}, ${oneLine(key.role ?? 'role unknown')}, ${oneLine(key.status)})`;
}

function smarteOnly(command: 'suspend' | 'reactivate', value: string | undefined): void {
  const instead =
    command === 'suspend'
      ? {
          smashsend: 'SMASHSEND keys cannot be suspended: keyring delete smashsend <apiKeyId> stops one working for good',
          smartlead: 'SmartLead keys cannot be suspended: keyring delete smartlead <keyId> stops one working for good',
        }
      : {
          smashsend: 'SMASHSEND keys cannot be reactivated: only SMARTe keys are suspended and reactivated',
          smartlead: 'SmartLead keys cannot be reactivated: only SMARTe keys are suspended and reactivated',
        };
  vendorFor(command, value, ['smarte'], instead);
}

function emailArg(command: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`keyring ${command} smarte needs the user's email (keyring list smarte shows them).`);
  return requireEmail('SMARTe', 'email', value);
}

async function suspend(io: Io, consent: Consent, email: string, asJson: boolean): Promise<ExitStatus> {
  const client = requireClient(io, 'smarte', 'suspend smarte');
  const viewed = await viewedKey(client, consent, email);
  const match = client.connectionKeyMatch(viewed);
  const variable = KEY_ENV.SMARTe;
  const plan: Plan = {
    steps: [
      `suspend the SMARTe signals API key of ${describe(viewed)}: it stops working at once, until it is reactivated (keyring reactivate smarte ${oneLine(viewed.email)})`,
    ],
    ...(match === 'no'
      ? {}
      : {
          ownKey: {
            match,
            keyId: viewed.email,
            variable,
            afterwards: `set ${variable} (or the file ${fileEnvOf(variable)} names) to another admin key: keyring cannot use a suspended one, nor reactivate it`,
          },
        }),
    data: { vendor: 'SMARTe', key: shownSmarteKey(viewed, match === 'yes') },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  // The connector guards the admin key too, on the key just viewed (no second view).
  const { connectionKey, ...result } = await writeOnce(consent, () =>
    client.suspendKey(viewed.email, { allowConnectionKey: consent.allowConnectionKey, viewed }),
  );
  printResult(io, asJson, shownSmarteKey(changed(viewed, result), connectionKey));
  io.stderr.write(
    `Suspended the SMARTe signals API key of ${oneLine(viewed.email)}: undo it with keyring reactivate smarte ${oneLine(viewed.email)}.\n`,
  );
  if (connectionKey)
    io.stderr.write(`It was the key keyring used: set ${variable} (or the file ${fileEnvOf(variable)} names) to another admin key.\n`);
  return doneStatus(io, consent, 'suspension');
}

async function reactivate(io: Io, consent: Consent, email: string, asJson: boolean): Promise<ExitStatus> {
  const client = requireClient(io, 'smarte', 'reactivate smarte');
  const viewed = await viewedKey(client, consent, email);
  const plan: Plan = {
    steps: [`reactivate the SMARTe signals API key of ${describe(viewed)}: it works again at once`],
    data: { vendor: 'SMARTe', key: shownSmarteKey(viewed, client.connectionKeyMatch(viewed) === 'yes') },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  const result = await writeOnce(consent, () => client.reactivateKey(viewed.email));
  printResult(io, asJson, shownSmarteKey(changed(viewed, result), client.connectionKeyMatch(viewed) === 'yes'));
  io.stderr.write(`Reactivated the SMARTe signals API key of ${oneLine(viewed.email)}.\n`);
  return doneStatus(io, consent, 'reactivation');
}

export const SUSPEND: WriteCommand = {
  name: 'suspend',
  writes: true,
  connectionKeyOption: true,
  forms: [{ usage: 'smarte <email>', summary: 'a SMARTe key stops working until reactivated' }],
  about: `Suspends the SMARTe signals API key of the user with that email, as the Zapier step does: it stops working at
once, for everything that uses it, until it is reactivated (keyring reactivate smarte <email>). The key is
viewed first, so that the question names it. Suspending the admin key keyring itself uses (SMARTE_API_KEY)
locks keyring out of SMARTe: it needs a yes to the question that names it, or --allow-connection-key.`,
  options: {},
  json: 'the key as a key row (as keyring list --json), its status as SMARTe answers it',
  maxPositionals: 2,
  exitStatus: `0 once the key is suspended, 1 on a vendor error (no key for that email: nothing suspended; or see
the message), 2 on a usage error or a missing --yes / --allow-connection-key (nothing suspended), 5 when the
question is answered no, 130 / 143 when interrupted by SIGINT / SIGTERM (a suspension already sent is awaited).`,
  prepare({ positionals, json }) {
    smarteOnly('suspend', positionals[0]);
    const email = emailArg('suspend', positionals[1]);
    return (io, consent) => suspend(io, consent, email, json);
  },
  errorLine: writeErrorLine('suspended'),
};

export const REACTIVATE: WriteCommand = {
  name: 'reactivate',
  writes: true,
  connectionKeyOption: { notApplicable: 'a reactivation makes a key work again and never cuts keyring off its own key' },
  forms: [{ usage: 'smarte <email>', summary: 'a suspended SMARTe key works again' }],
  about: `Reactivates the suspended SMARTe signals API key of the user with that email, as the Zapier step does: it
works again at once. The key is viewed first, so that the question names it; SMARTe refuses to reactivate a key
that is not suspended.`,
  options: {},
  json: 'the key as a key row (as keyring list --json), its status as SMARTe answers it',
  maxPositionals: 2,
  exitStatus: `0 once the key is active again, 1 on a vendor error (no key for that email, or a key that is not
suspended: nothing changed; or see the message), 2 on a usage error or a missing --yes (nothing sent), 5 when
the question is answered no, 130 / 143 when interrupted by SIGINT / SIGTERM (a reactivation already sent is awaited).`,
  prepare({ positionals, json }) {
    smarteOnly('reactivate', positionals[0]);
    const email = emailArg('reactivate', positionals[1]);
    return (io, consent) => reactivate(io, consent, email, json);
  },
  errorLine: writeErrorLine('reactivated'),
};
