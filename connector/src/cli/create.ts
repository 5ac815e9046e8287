// `keyring create smashsend --name <name> --role <role>`, `keyring create smartlead --client <clientId> --name <name>`
// and `keyring create smarte --email <email>`: what the Zapier create steps do. Each is one write, so each asks first
// (consent.ts); the new secret goes to stdout alone the moment the vendor returns it (in --json, the key row with
// `secret`), what was made to stderr. The inputs are checked (the connector's rules) before anything is sent.

import { NotFoundError } from '../errors';
import { SMASHSEND_ROLES } from '../smashsend';
import { requireEmail, requireKeyName, requireOneOf, requirePositiveInt, requireText } from '../validate';
import type { CommandArgs, WriteCommand } from './command';
import { requireClient, vendorArg, type VendorArg } from './config';
import type { Consent } from './consent';
import { UsageError, oneLine, type ExitStatus, type Io } from './io';
import { shownSmarteKey, shownSmartleadKey, shownSmashsendKey } from './keys';
import { doneStatus, printSecret, writeErrorLine, writeOnce } from './write';

/** The options each vendor's form takes (the others are refused for it). */
const OPTIONS_OF: Record<VendorArg, readonly string[]> = {
  smashsend: ['name', 'role'],
  smartlead: ['client', 'name'],
  smarte: ['email'],
};

export const CREATE: WriteCommand = {
  name: 'create',
  writes: true,
  connectionKeyOption: { notApplicable: 'create makes a new key and never changes the key keyring itself uses' },
  forms: [
    { usage: 'smashsend --name <name> --role <role>', summary: 'a new SMASHSEND key; its secret on stdout' },
    { usage: 'smartlead --client <clientId> --name <name>', summary: 'a new SmartLead client key; value on stdout' },
    { usage: 'smarte --email <email>', summary: 'a new SMARTe key for a user; value on stdout' },
  ],
  about: `Creates an API key, as the Zapier create steps do. smashsend: a key of that name and role in the workspace.
smartlead: a key for the client (keyring list smartlead shows client ids; the client is read first, to name it).
smarte: a standard signals key for the user with that email.

The new key's value is printed once, alone, on stdout, the moment the vendor returns it (none of the vendors
shows it again); what was created is told on stderr. Keep stdout safe.`,
  options: {
    name: {
      type: 'string',
      value: '<name>',
      help: "(smashsend, smartlead) the key's name; SmartLead allows letters, digits, spaces, - and _",
    },
    role: { type: 'string', value: '<role>', help: `(smashsend) ${SMASHSEND_ROLES.join(', ')}` },
    client: { type: 'string', value: '<clientId>', help: '(smartlead) the SmartLead client the key is for' },
    email: { type: 'string', value: '<email>', help: '(smarte) the SMARTe signals user the key is for' },
  },
  json: 'the new key as a key row (as keyring list --json) with its role and `secret`',
  maxPositionals: 1,
  exitStatus: `0 once the key exists (its value on stdout), 1 on a vendor error (nothing created, or see the
message), 2 on a usage error or a missing --yes (nothing sent), 5 when the question is answered no,
130 / 143 when interrupted by SIGINT / SIGTERM (a create already sent is awaited and its value printed).`,
  prepare(args) {
    const vendor = vendorArg('create', args.positionals[0]);
    for (const option of ['name', 'role', 'client', 'email']) {
      if (args.options[option] !== undefined && !OPTIONS_OF[vendor].includes(option)) {
        throw new UsageError(`keyring create ${vendor} takes no --${option} (see keyring create --help).`);
      }
    }
    if (vendor === 'smashsend') {
      const name = requireText('SMASHSEND', '--name', required(args, vendor, 'name'));
      const role = requireOneOf('SMASHSEND', '--role', required(args, vendor, 'role'), SMASHSEND_ROLES);
      return (io, consent) => createSmashsend(io, consent, { name, role }, args.json);
    }
    if (vendor === 'smartlead') {
      const clientId = requirePositiveInt('SmartLead', '--client', required(args, vendor, 'client'));
      const name = requireKeyName('SmartLead', '--name', required(args, vendor, 'name'));
      return (io, consent) => createSmartlead(io, consent, { clientId, name }, args.json);
    }
    const email = requireEmail('SMARTe', '--email', required(args, vendor, 'email'));
    return (io, consent) => createSmarte(io, consent, email, args.json);
  },
  errorLine: writeErrorLine('created'),
};

function required(args: CommandArgs, vendor: VendorArg, option: string): string {
  const value = args.options[option];
  if (typeof value !== 'string') throw new UsageError(`keyring create ${vendor} needs --${option} (see keyring create --help).`);
  return value;
}

async function createSmashsend(
  io: Io,
  consent: Consent,
  input: { name: string; role: (typeof SMASHSEND_ROLES)[number] },
  asJson: boolean,
): Promise<ExitStatus> {
  const client = requireClient(io, 'smashsend', 'create smashsend');
  const plan = {
    steps: [`create a SMASHSEND API key "${oneLine(input.name)}" (${input.role}); its secret is printed once, on stdout`],
    data: { vendor: 'SMASHSEND', newKey: { name: input.name, role: input.role } },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  const key = await writeOnce(consent, () => client.createApiKey({ displayName: input.name, role: input.role }));
  await printSecret(io, asJson, shownSmashsendKey(key), key.secretKey);
  io.stderr.write(
    `Created SMASHSEND API key ${key.id} ("${oneLine(key.displayName)}", ${key.role}): its secret is on stdout, shown only this once.\n`,
  );
  return doneStatus(io, consent, 'create', 'the key was created, and its secret is on stdout');
}

async function createSmartlead(io: Io, consent: Consent, input: { clientId: number; name: string }, asJson: boolean): Promise<ExitStatus> {
  const client = requireClient(io, 'smartlead', 'create smartlead');
  // The client is read first: the question names it, and a client that does not exist stops here, nothing written.
  const clients = await consent.untilInterrupted(client.listClients());
  const owner = clients.find((candidate) => candidate.id === input.clientId);
  if (owner === undefined) {
    throw new NotFoundError(`SmartLead has no client ${input.clientId} (GET /api/v1/client/).`, {
      vendor: 'SmartLead',
      method: 'GET',
      path: '/api/v1/client/',
    });
  }
  const plan = {
    steps: [
      `create a SmartLead client API key "${oneLine(input.name)}" for client ${input.clientId} ("${oneLine(owner.name)}"); its value is printed once, on stdout`,
    ],
    data: { vendor: 'SmartLead', newKey: { name: input.name, client_id: input.clientId } },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  const key = await writeOnce(consent, () => client.createClientApiKey({ clientId: input.clientId, keyName: input.name }));
  await printSecret(io, asJson, shownSmartleadKey(key), key.api_key);
  io.stderr.write(
    `Created SmartLead client API key ${String(key.id)} ("${oneLine(key.key_name)}", client ${input.clientId}): its value is on stdout, shown only this once.\n`,
  );
  return doneStatus(io, consent, 'create', 'the key was created, and its value is on stdout');
}

async function createSmarte(io: Io, consent: Consent, email: string, asJson: boolean): Promise<ExitStatus> {
  const client = requireClient(io, 'smarte', 'create smarte');
  const plan = {
    steps: [`create a SMARTe signals API key for ${oneLine(email)} (SMARTe makes a standard key); its value is printed once, on stdout`],
    data: { vendor: 'SMARTe', newKey: { name: email } },
  };
  if (!(await consent.approve(plan))) return consent.notApproved();
  const key = await writeOnce(consent, () => client.createKey(email));
  await printSecret(io, asJson, shownSmarteKey(key), key.apiKey);
  io.stderr.write(
    `Created a SMARTe signals API key for ${oneLine(key.email)} (${key.keyId}, ${key.role ?? 'role unknown'}): its value is on stdout, shown only this once.\n`,
  );
  return doneStatus(io, consent, 'create', 'the key was created, and its value is on stdout');
}
