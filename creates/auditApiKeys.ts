// Audits API keys: an inventory of every key of the chosen vendors, as line items, with counts and the keys older than
// a number of days. A vendor that fails makes the step fail with its error: a report that looks complete must be.

import { defineCreate, defineInputFields, type Bundle, type ZObject } from 'zapier-platform-core';
import { smarteClient, smartleadClient, smashsendClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import {
  ALL_VENDORS,
  chosenVendors,
  eachVendor,
  keyRowOutputFields,
  keyRowSample,
  newestFirst,
  parseDays,
  smarteKeyRow,
  smartleadKeyRow,
  smashsendKeyRow,
  vendorsField,
  type KeyRow,
} from '../lib/hygieneFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';
import { startStepClock, type StepClock } from '../lib/stepClock';

const OLDER_THAN_LABEL = 'Older Than (Days)';

const inputFields = defineInputFields([
  {
    key: 'older_than_days',
    label: OLDER_THAN_LABEL,
    type: 'integer',
    required: false,
    helpText:
      'Count and mark as stale the keys older than this many days, e.g. `90`. A whole number, 1 or more. Leave blank to list the keys without marking any. SMARTe keys carry no creation date, so they are never marked stale.',
  },
  vendorsField(ALL_VENDORS, 'Only audit keys of these vendors. Leave blank to audit every vendor of this connection.'),
]);

export type AuditedKey = KeyRow & { stale: boolean };

export interface ApiKeyAudit {
  checked_at: string;
  total: number;
  stale_count: number;
  smashsend_count: number;
  smartlead_count: number;
  smarte_count: number;
  keys: AuditedKey[];
}

/** Every key of one vendor: SMASHSEND page after page (stopping cleanly at the step's time budget), the others at once. */
async function keysOf(z: ZObject, bundle: Bundle, vendor: (typeof ALL_VENDORS)[number], clock: StepClock, now: number): Promise<KeyRow[]> {
  switch (vendor) {
    case 'SMASHSEND': {
      const rows: KeyRow[] = [];
      for await (const key of smashsendClient(z, bundle).allApiKeys({ sort: 'createdAt.desc', deadline: clock.pagingDeadline() }))
        rows.push(smashsendKeyRow(key, now));
      return rows;
    }
    case 'SmartLead':
      return (await smartleadClient(z, bundle).listClientApiKeys()).map((key) => smartleadKeyRow(key, now));
    case 'SMARTe':
      return (await smarteClient(z, bundle).listKeys()).map((key) => smarteKeyRow(key));
  }
}

export const auditApiKeys = defineCreate({
  key: 'audit_api_keys',
  noun: 'API Key Audit',
  display: {
    label: 'Audit API Keys',
    description: 'Lists every API key of your SMASHSEND, SmartLead and SMARTe accounts, with their ages and the keys older than you allow.',
  },
  operation: {
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle): Promise<ApiKeyAudit> => {
      const clock = startStepClock();
      // Both inputs are checked before any request.
      const olderThan = parseDays(z, bundle.inputData.older_than_days, OLDER_THAN_LABEL, false);
      const vendors = chosenVendors(
        z,
        bundle,
        ALL_VENDORS,
        'Audit API Keys needs at least one vendor API key in this connection: reconnect and add one.',
      );
      const now = clock.startedAt;
      const perVendor = await eachVendor(vendors, (vendor) =>
        withVendorErrors(z, () => keysOf(z, bundle, vendor, clock, now), {
          timeBudgetAdvice:
            'The workspace has too many keys to audit within one Zapier step: audit the other vendors here, and SMASHSEND with the `keyring audit` command.',
        }),
      );
      const keys = newestFirst(perVendor.flat()).map((row) => ({
        ...row,
        stale: olderThan !== undefined && row.age_days !== null && row.age_days >= olderThan,
      }));
      const count = (vendor: string) => keys.filter((key) => key.vendor === vendor).length;
      return {
        checked_at: new Date(now).toISOString(),
        total: keys.length,
        stale_count: keys.filter((key) => key.stale).length,
        smashsend_count: count('SMASHSEND'),
        smartlead_count: count('SmartLead'),
        smarte_count: count('SMARTe'),
        keys,
      };
    },
    outputFields: [
      { key: 'checked_at', label: 'Checked At', type: 'datetime' },
      { key: 'total', label: 'Total Keys', type: 'integer' },
      { key: 'stale_count', label: 'Stale Keys', type: 'integer' },
      { key: 'smashsend_count', label: 'SMASHSEND Keys', type: 'integer' },
      { key: 'smartlead_count', label: 'SmartLead Keys', type: 'integer' },
      { key: 'smarte_count', label: 'SMARTe Keys', type: 'integer' },
      { key: 'keys', label: 'Keys', children: [...keyRowOutputFields, { key: 'stale', label: 'Stale', type: 'boolean' }] },
    ],
    sample: {
      checked_at: '2025-04-19T12:00:00.000Z',
      total: 3,
      stale_count: 1,
      smashsend_count: 1,
      smartlead_count: 1,
      smarte_count: 1,
      keys: [
        { ...keyRowSample, stale: true },
        {
          id: 'SmartLead:45',
          vendor: 'SmartLead',
          key_id: '45',
          name: 'Production Key',
          status: 'active',
          created_at: '2025-03-01T10:00:00.000Z',
          age_days: 49,
          client_id: 301,
          key_hint: '********xxxx',
          stale: false,
        },
        {
          id: 'SMARTe:222c424f-6e56-4ab1-94eb-8a0e41490831',
          vendor: 'SMARTe',
          key_id: '222c424f-6e56-4ab1-94eb-8a0e41490831',
          name: 'dev.udi_user@smarte.pro',
          status: 'active',
          created_at: null,
          age_days: null,
          client_id: null,
          key_hint: '********3vs=',
          stale: false,
        },
      ],
    },
  },
});
