// Triggers when an API key's status changes (SmartLead active/inactive, SMASHSEND ACTIVE/ARCHIVED, SMARTe
// active/suspended). Each item's id is `<vendor>:<key id>:<status>`: a key that changes status is a new id, so Zapier's
// own deduplication fires once per change and this trigger keeps no state. The first poll only learns what exists, and
// a key that returns to a status it had before (reactivated after a suspension) does not fire again: its id was seen.

import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import type { Vendor } from '@keyring/connector';
import { smarteClient, smartleadClient, smashsendClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { ALL_VENDORS, chosenVendors, eachVendor, vendorsField } from '../lib/hygieneFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';
import { keyHint } from '../lib/secrets';
import { startStepClock } from '../lib/stepClock';

const inputFields = defineInputFields([
  vendorsField(ALL_VENDORS, 'Only watch keys of these vendors. Leave blank to watch every vendor of this connection.'),
]);

/** Epoch ms of a vendor's date, or undefined when absent or unreadable. */
function timeOf(value: string | null | undefined): number | undefined {
  const time = typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

export type KeyStatusRow = {
  /** `<vendor>:<key id>:<status>`: a new status is a new item. */
  id: string;
  vendor: Vendor;
  key_id: string;
  name: string;
  status: string;
  /** When the key last changed (SMASHSEND's updatedAt), ISO 8601 UTC; null where the vendor does not date changes. */
  changed_at: string | null;
  key_hint: string | null;
};

function row(
  vendor: Vendor,
  keyId: string,
  name: string,
  status: string | null | undefined,
  changedAt: string | null | undefined,
  value: string | null | undefined,
): KeyStatusRow {
  const time = timeOf(changedAt);
  const state = (status ?? 'unknown').trim() || 'unknown';
  return {
    id: `${vendor}:${keyId}:${state}`,
    vendor,
    key_id: keyId,
    name,
    status: state,
    changed_at: time === undefined ? null : new Date(time).toISOString(),
    key_hint: typeof value === 'string' && value !== '' ? String(keyHint(vendor, value)) : null,
  };
}

export const apiKeyStatusChanged = defineTrigger({
  key: 'api_key_status_changed',
  noun: 'API Key',
  display: {
    label: 'API Key Status Changed',
    description:
      'Triggers when an API key takes a status it has not had since the Zap was turned on, such as suspended, archived or deactivated.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform: async (z, bundle): Promise<KeyStatusRow[]> => {
      const clock = startStepClock();
      const vendors = chosenVendors(
        z,
        bundle,
        ALL_VENDORS,
        'API Key Status Changed needs at least one vendor API key in this connection: reconnect and add one.',
      );
      const read = async (vendor: Vendor): Promise<KeyStatusRow[]> => {
        switch (vendor) {
          case 'SMASHSEND': {
            // Every page (a status change can happen to any key), within the step's time budget.
            const rows: KeyStatusRow[] = [];
            for await (const key of smashsendClient(z, bundle).allApiKeys({ sort: 'createdAt.desc', deadline: clock.pagingDeadline() }))
              rows.push(row('SMASHSEND', key.id, key.displayName, key.status, key.updatedAt, key.secretKey));
            return rows;
          }
          case 'SmartLead':
            return (await smartleadClient(z, bundle).listClientApiKeys()).map((key) =>
              row('SmartLead', String(key.id), key.key_name, key.status, undefined, key.api_key),
            );
          case 'SMARTe':
            return (await smarteClient(z, bundle).listKeys()).map((key) =>
              row('SMARTe', key.keyId, key.email, key.status, undefined, key.apiKey),
            );
        }
      };
      const lists = await eachVendor(vendors, (vendor) =>
        withVendorErrors(z, bundle, () => read(vendor), {
          fields: inputFields,
          timeBudgetAdvice:
            'The workspace has too many keys to watch whole within one Zapier step: watch the other vendors here, and SMASHSEND with `keyring audit --json` on a schedule.',
        }),
      );
      // Newest change first where the vendor dates changes (SMASHSEND); the others after, in the vendors' order.
      const seen = new Set<string>();
      return lists
        .flat()
        .filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)))
        .map((item, index) => ({ item, index }))
        .sort((a, b) => (timeOf(b.item.changed_at) ?? -Infinity) - (timeOf(a.item.changed_at) ?? -Infinity) || a.index - b.index)
        .map(({ item }) => item);
    },
    outputFields: [
      { key: 'id', label: 'ID (Vendor:Key ID:Status)', type: 'string' },
      { key: 'vendor', label: 'Vendor', type: 'string' },
      { key: 'key_id', label: 'Key ID', type: 'string' },
      { key: 'name', label: 'Key Name', type: 'string' },
      { key: 'status', label: 'Status', type: 'string' },
      { key: 'changed_at', label: 'Changed At', type: 'datetime' },
      { key: 'key_hint', label: 'Key Hint', type: 'string' },
    ],
    // The docs' SMASHSEND key, archived (its hint as SMASHSEND lists it).
    sample: {
      id: 'SMASHSEND:aki_abc123def456:ARCHIVED',
      vendor: 'SMASHSEND',
      key_id: 'aki_abc123def456',
      name: 'Zapier Integration',
      status: 'ARCHIVED',
      changed_at: '2024-03-21T16:45:00.000Z',
      key_hint: 'sk_live_abc123...',
    },
    throttle: SMASHSEND_THROTTLE,
  },
});
