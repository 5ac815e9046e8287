// The connection: up to three vendor keys (at least one). The test checks every key given, concurrently, and
// names each vendor that failed and why. The label says which vendors are covered, never a key.

import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { ConnectorError, type Vendor } from '@keyring/connector';
import { AUTH_FIELD, authDataOf, smarteClient, smartleadClient, smashsendClient, vendorKey } from './lib/clients';
import { explain } from './lib/errors';

interface ConnectionTestResult {
  /** The vendors whose keys were checked and accepted, in a fixed order. */
  vendors: Vendor[];
  smashsend_display_name?: string;
  smashsend_role?: string;
  /** What the connection is called in the Zapier editor. */
  label: string;
}

const VENDOR_ORDER: Vendor[] = ['SMASHSEND', 'SmartLead', 'SMARTe'];

/** One cheap, read-only call per vendor; SMASHSEND's also gives the key's name for the label. */
async function checkVendor(z: ZObject, bundle: Bundle, vendor: Vendor): Promise<{ displayName?: string; role?: string }> {
  switch (vendor) {
    case 'SMASHSEND': {
      const workspaceId = authDataOf(bundle).smashsend_workspace_id?.trim() || undefined;
      if (workspaceId !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(workspaceId)) {
        throw new WorkspaceFieldError('it may hold only letters, digits, underscores and hyphens (it starts with `wrk_`)');
      }
      const client = smashsendClient(z, bundle);
      // A workspace id in the connection is used by every SMASHSEND step: prove here, with the cheapest call (one key of
      // the list), that the key can read it, alongside the key check; a wrong id must fail now, not in each step later.
      const [check, workspace] = await Promise.allSettled([
        client.checkApiKey(),
        workspaceId === undefined ? Promise.resolve(undefined) : client.listApiKeys({ limit: 1 }),
      ]);
      if (check.status === 'rejected') throw check.reason;
      if (workspace.status === 'rejected') {
        const error: unknown = workspace.reason;
        // The key itself was accepted: a refusal of the workspace's list is about the workspace id.
        if (error instanceof ConnectorError && ['auth', 'forbidden', 'not_found', 'validation'].includes(error.kind)) {
          throw new WorkspaceFieldError(`the API key cannot read workspace ${workspaceId}: ${error.message}`);
        }
        throw error;
      }
      return { displayName: check.value.displayName ?? undefined, role: check.value.role ?? undefined };
    }
    case 'SmartLead':
      await smartleadClient(z, bundle).listClients();
      return {};
    case 'SMARTe':
      await smarteClient(z, bundle).listKeys();
      return {};
  }
}

/** The connection's SMASHSEND Workspace ID cannot be used: says why, and what to do with the field. */
class WorkspaceFieldError extends Error {
  constructor(why: string) {
    super(
      `The SMASHSEND Workspace ID field is wrong: ${why.replace(/[.\s]+$/, '')}. Fix it, or clear it: left blank, the workspace is found from the key.`,
    );
  }
}

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
  const smashsend = smashsendOutcome?.status === 'fulfilled' ? smashsendOutcome.value : {};
  return {
    vendors,
    ...(smashsend.displayName ? { smashsend_display_name: smashsend.displayName } : {}),
    ...(smashsend.role ? { smashsend_role: smashsend.role } : {}),
    label: connectionLabelFor(vendors, smashsend.displayName),
  };
}

/** "SMASHSEND (Zapier Integration), SmartLead, SMARTe" */
function connectionLabelFor(vendors: Vendor[], smashsendDisplayName?: string): string {
  return vendors
    .map((vendor) => (vendor === 'SMASHSEND' && smashsendDisplayName ? `SMASHSEND (${smashsendDisplayName})` : vendor))
    .join(', ');
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
        'Optional. In SMASHSEND, open **Settings → API Keys** and create or copy a key (it starts with `sk_`). Needed for the SMASHSEND triggers and actions.',
    },
    {
      key: 'smashsend_workspace_id',
      label: 'SMASHSEND Workspace ID',
      type: 'string',
      required: false,
      helpText:
        'Optional: leave blank and it is found from the key. It starts with `wrk_` and is shown in the address bar of your SMASHSEND workspace.',
    },
    {
      key: 'smartlead_api_key',
      label: 'SmartLead API Key',
      type: 'password',
      required: false,
      helpText:
        'Optional. In SmartLead, open **Settings → Your API Key** and copy it. Needed for the SmartLead client API key triggers and actions.',
    },
    {
      key: 'smarte_api_key',
      label: 'SMARTe Admin API Key',
      type: 'password',
      required: false,
      helpText:
        "Optional. An admin key of your SMARTe signals organisation (ask your SMARTe admin, or see the SMARTe signals portal's API keys page). Needed for the SMARTe triggers and actions.",
    },
  ],
  test: testConnection,
  // The test's result is bundle.inputData here: show its label.
  connectionLabel: '{{bundle.inputData.label}}',
} satisfies Authentication;
