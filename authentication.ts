// The connection: up to three vendor keys (at least one). The test checks every key given, concurrently, and
// names each vendor that failed and why. The label says which vendors are covered, never a key.

import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import type { Vendor } from '@keyring/connector';
import { smarteClient, smartleadClient, smashsendClient, vendorKey } from './lib/clients';
import { toZapierError } from './lib/errors';

export interface ConnectionTestResult {
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
      const check = await smashsendClient(z, bundle).checkApiKey();
      return { displayName: check.displayName ?? undefined, role: check.role ?? undefined };
    }
    case 'SmartLead':
      await smartleadClient(z, bundle).listClients();
      return {};
    case 'SMARTe':
      await smarteClient(z, bundle).listKeys();
      return {};
  }
}

export async function testConnection(z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> {
  const vendors = VENDOR_ORDER.filter((vendor) => vendorKey(bundle, vendor) !== undefined);
  if (vendors.length === 0) {
    throw new z.errors.Error('Add at least one API key (SMASHSEND, SmartLead or SMARTe) to connect.', 'missing_key');
  }
  const outcomes = await Promise.allSettled(vendors.map((vendor) => checkVendor(z, bundle, vendor)));
  const failures = outcomes.flatMap((outcome) =>
    outcome.status === 'rejected' ? [messageOf(toZapierError(z, outcome.reason, { connectionTest: true }))] : [],
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
export function connectionLabelFor(vendors: Vendor[], smashsendDisplayName?: string): string {
  return vendors
    .map((vendor) => (vendor === 'SMASHSEND' && smashsendDisplayName ? `SMASHSEND (${smashsendDisplayName})` : vendor))
    .join(', ');
}

/** core's z.errors.Error keeps {message, code, status} as JSON in its message; show the readable part. */
function messageOf(error: Error): string {
  try {
    const parsed: unknown = JSON.parse(error.message);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // a plain message
  }
  return error.message;
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
