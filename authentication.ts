// The connection: up to three vendor keys (at least one). The test checks every key given, concurrently, and
// names each vendor that failed and why. The label tells two connections apart (Zapier's check D003): for each vendor,
// what identifies its account or key, never a whole key.

import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { ConnectorError, type Vendor } from '@keyring/connector';
import { AUTH_FIELD, authDataOf, smarteClient, smartleadClient, smashsendClient, vendorKey } from './lib/clients';
import { explain } from './lib/errors';
import { maskSecret } from './lib/secrets';

interface ConnectionTestResult {
  /** The vendors whose keys were checked and accepted, in a fixed order. */
  vendors: Vendor[];
  smashsend_display_name?: string;
  smashsend_role?: string;
  /** What the connection is called in the Zapier editor. */
  label: string;
}

const VENDOR_ORDER: Vendor[] = ['SMASHSEND', 'SmartLead', 'SMARTe'];

/** What the SMASHSEND check learns: the key's name and role, and the workspace the key works in. */
interface SmashsendFacts {
  displayName?: string;
  role?: string;
  workspaceId: string;
}

/**
 * SMASHSEND: the key check and, alongside it, the workspace. A workspace id in the connection is used by every SMASHSEND
 * step: it is proved here with the cheapest call (one key of its list), so that a wrong id fails now, not in each step
 * later. A blank one is found from the key (GET /v1/api-keys/current, as every step would find it: remembered for them).
 */
async function checkSmashsend(z: ZObject, bundle: Bundle): Promise<SmashsendFacts> {
  const given = authDataOf(bundle).smashsend_workspace_id?.trim() || undefined;
  if (given !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(given)) {
    throw WorkspaceFieldError.wrong('it may hold only letters, digits, underscores and hyphens (it starts with `wrk_`)');
  }
  const client = smashsendClient(z, bundle);
  const [check, workspace] = await Promise.allSettled([
    client.checkApiKey(),
    given === undefined ? client.workspaceId() : client.listApiKeys({ limit: 1 }).then(() => given),
  ]);
  if (check.status === 'rejected') throw check.reason;
  if (workspace.status === 'rejected') {
    const error: unknown = workspace.reason;
    // The key itself was accepted: a refusal of the workspace's list is about the workspace id, and a key whose
    // workspace SMASHSEND does not tell needs the id in the field.
    if (given !== undefined && error instanceof ConnectorError && ['auth', 'forbidden', 'not_found', 'validation'].includes(error.kind)) {
      throw WorkspaceFieldError.wrong(`the API key cannot read workspace ${given}: ${error.message}`);
    }
    if (given === undefined && error instanceof ConnectorError && ['forbidden', 'not_found', 'bad_response'].includes(error.kind)) {
      throw WorkspaceFieldError.notFound(error.message);
    }
    throw error;
  }
  return { displayName: check.value.displayName ?? undefined, role: check.value.role ?? undefined, workspaceId: workspace.value };
}

/** One cheap, read-only call per vendor; SMASHSEND's also gives the key's name and its workspace for the label. */
async function checkVendor(z: ZObject, bundle: Bundle, vendor: Vendor): Promise<SmashsendFacts | undefined> {
  switch (vendor) {
    case 'SMASHSEND':
      return checkSmashsend(z, bundle);
    case 'SmartLead':
      await smartleadClient(z, bundle).listClients();
      return undefined;
    case 'SMARTe':
      await smarteClient(z, bundle).listKeys();
      return undefined;
  }
}

/** The connection's SMASHSEND workspace cannot be used or found: says why, and what to do with the field. */
class WorkspaceFieldError extends Error {
  static wrong(why: string): WorkspaceFieldError {
    return new WorkspaceFieldError(
      `The SMASHSEND Workspace ID field is wrong: ${sentence(why)}. Fix it, or clear it: left blank, the workspace is found from the key.`,
    );
  }

  static notFound(why: string): WorkspaceFieldError {
    return new WorkspaceFieldError(
      `SMASHSEND did not tell which workspace the API key belongs to: ${sentence(why)}. Enter it in the SMASHSEND Workspace ID field (it starts with \`wrk_\`).`,
    );
  }
}

/** A clause to go inside a sentence: without its own closing stop. */
const sentence = (text: string) => text.replace(/[.\s]+$/, '');

async function testConnection(z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> {
  const vendors = VENDOR_ORDER.filter((vendor) => vendorKey(bundle, vendor) !== undefined);
  if (vendors.length === 0) {
    throw new z.errors.Error('Add at least one API key (SMASHSEND, SmartLead or SMARTe) to connect.', 'missing_key');
  }
  const outcomes = await Promise.allSettled(vendors.map((vendor) => checkVendor(z, bundle, vendor)));
  const failures = outcomes.flatMap((outcome, index) =>
    outcome.status === 'rejected' ? [failureSentence(vendors[index] as Vendor, outcome.reason)] : [],
  );
  if (failures.length > 0) {
    throw new z.errors.Error(failures.join(' '), 'connection_test_failed');
  }
  const smashsendOutcome = outcomes[vendors.indexOf('SMASHSEND')];
  const smashsend = smashsendOutcome?.status === 'fulfilled' ? smashsendOutcome.value : undefined;
  return {
    vendors,
    ...(smashsend?.displayName ? { smashsend_display_name: smashsend.displayName } : {}),
    ...(smashsend?.role ? { smashsend_role: smashsend.role } : {}),
    label: connectionLabelFor(
      vendors.map((vendor) => ({ vendor, key: vendorKey(bundle, vendor) ?? '' })),
      smashsend && { displayName: smashsend.displayName, workspaceId: smashsend.workspaceId },
    ),
  };
}

/** Characters of a workspace id shown in the label (`wrk_` and 8 more): enough to tell workspaces apart at a glance. */
const WORKSPACE_SHOWN = 12;

/**
 * What tells this connection from another one, per vendor, in a fixed order: SMASHSEND's key by its display name (its
 * hint when it has none) and its workspace; SmartLead's and SMARTe's keys by their hint (the connector's `keyHint` rule:
 * `********` and the last 4 characters). Never a bare vendor name, never a whole key:
 * "SMASHSEND Zapier Integration (wrk_ENGTK86J…) · SmartLead ********2d · SMARTe ********01=".
 */
export function connectionLabelFor(
  keys: ReadonlyArray<{ vendor: Vendor; key: string }>,
  smashsend?: { displayName?: string; workspaceId: string },
): string {
  return keys
    .map(({ vendor, key }) => {
      if (vendor !== 'SMASHSEND') return `${vendor} ${maskSecret(key)}`;
      const workspace = smashsend?.workspaceId ?? '';
      const shortWorkspace = workspace.length > WORKSPACE_SHOWN ? `${workspace.slice(0, WORKSPACE_SHOWN)}…` : workspace;
      return `SMASHSEND ${smashsend?.displayName?.trim() || maskSecret(key)}${shortWorkspace ? ` (${shortWorkspace})` : ''}`;
    })
    .join(' · ');
}

/**
 * One vendor's failure as one sentence or two: what happened (the connector's facts) and what to do, naming the
 * connection field that holds the key as the user sees it.
 */
function failureSentence(vendor: Vendor, error: unknown): string {
  if (error instanceof WorkspaceFieldError) return error.message;
  if (error instanceof ConnectorError) {
    const keyField = authentication.fields.find((field) => field.key === AUTH_FIELD[vendor])?.label ?? `${vendor} API Key`;
    return explain(error, { connectionTest: { keyField } }).message;
  }
  return `${vendor} could not be checked: ${error instanceof Error ? error.message : String(error)}.`;
}

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'smashsend_api_key',
      label: 'SMASHSEND API Key',
      type: 'password',
      required: false,
      helpText:
        'Optional. Create a key in your SMASHSEND dashboard and copy it (it starts with `sk_`): see [SMASHSEND API Keys](https://smashsend.com/docs/api/api-keys). Needed for the SMASHSEND triggers and actions.',
    },
    {
      key: 'smashsend_workspace_id',
      label: 'SMASHSEND Workspace ID',
      type: 'string',
      required: false,
      helpText:
        'Optional: leave blank and it is found from the key. It starts with `wrk_` (as in the request paths of [SMASHSEND API Keys](https://smashsend.com/docs/api/api-keys)) and is shown in the address bar of your SMASHSEND workspace.',
    },
    {
      key: 'smartlead_api_key',
      label: 'SmartLead API Key',
      type: 'password',
      required: false,
      helpText:
        'Optional. Sign in to SmartLead, open **Settings → API Keys** and copy your key: see [Getting Your API Key](https://api.smartlead.ai/authentication). Needed for the SmartLead client API key triggers and actions.',
    },
    {
      key: 'smarte_api_key',
      label: 'SMARTe Admin API Key',
      type: 'password',
      required: false,
      helpText:
        'Optional. An admin API key of your SMARTe signals organisation: ask your SMARTe admin for one (see [SMARTe Key Creation API](https://docs.api.smarte.pro/signal-api-key-creation) for how SMARTe keys are made). Needed for the SMARTe triggers and actions.',
    },
  ],
  test: testConnection,
  // The test's result is bundle.inputData here: show its label.
  connectionLabel: '{{bundle.inputData.label}}',
} satisfies Authentication;
