// Audits API keys: an inventory of every key of the chosen vendors, as line items, with counts and the keys older than
// a number of days. A vendor that fails makes the step fail with its error: a report that looks complete must be.

import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { auditApiKeys as auditKeys, type AuditClients } from '@keyring/connector';
import { smarteClient, smartleadClient, smashsendClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import {
  ALL_VENDORS,
  chosenVendors,
  keyRowOutputFields,
  keyRowSample,
  parseDays,
  vendorsField,
  withId,
  type KeyRow,
} from '../lib/hygieneFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';
import { startStepClock } from '../lib/stepClock';

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

export interface ApiKeyAudit {
  checked_at: string;
  total: number;
  stale_count: number;
  smashsend_count: number;
  smartlead_count: number;
  smarte_count: number;
  keys: KeyRow[];
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
      // Both inputs, and the connection's key for each vendor, are checked before any request.
      const olderThanDays = parseDays(z, bundle.inputData.older_than_days, OLDER_THAN_LABEL, false);
      const vendors = chosenVendors(
        z,
        bundle,
        ALL_VENDORS,
        'Audit API Keys needs at least one vendor API key in this connection: reconnect and add one.',
      );
      const clients: AuditClients = {
        ...(vendors.includes('SMASHSEND') ? { smashsend: smashsendClient(z, bundle) } : {}),
        ...(vendors.includes('SmartLead') ? { smartlead: smartleadClient(z, bundle) } : {}),
        ...(vendors.includes('SMARTe') ? { smarte: smarteClient(z, bundle) } : {}),
      };
      // The connector's audit (the one `keyring audit` runs): every vendor at once, failing whole if one fails; its
      // SMASHSEND paging stops at the step's paging deadline with a TimeBudgetError.
      const audit = await withVendorErrors(z, bundle, () => auditKeys(clients, { olderThanDays, deadline: clock.pagingDeadline() }), {
        fields: inputFields,
        timeBudgetAdvice:
          'The workspace has too many keys to audit within one Zapier step: audit the other vendors here, and SMASHSEND with the `keyring audit` command.',
      });
      // The connector's rows as they are (the vendors in report order, each newest first, each key once: the rows of
      // `keyring audit --json`), with the id Zapier needs.
      return {
        checked_at: audit.checkedAt,
        total: audit.keys.length,
        stale_count: audit.staleCount,
        smashsend_count: audit.counts.SMASHSEND,
        smartlead_count: audit.counts.SmartLead,
        smarte_count: audit.counts.SMARTe,
        keys: audit.keys.map(withId),
      };
    },
    outputFields: [
      { key: 'checked_at', label: 'Checked At', type: 'datetime' },
      { key: 'total', label: 'Total Keys', type: 'integer' },
      { key: 'stale_count', label: 'Stale Keys', type: 'integer' },
      { key: 'smashsend_count', label: 'SMASHSEND Keys', type: 'integer' },
      { key: 'smartlead_count', label: 'SmartLead Keys', type: 'integer' },
      { key: 'smarte_count', label: 'SMARTe Keys', type: 'integer' },
      { key: 'keys', label: 'Keys', children: [...keyRowOutputFields] },
    ],
    // SmartLead rows only, newest first: a SMASHSEND row has no client_id, a SMARTe row no date, and a sample holds no
    // null (D024).
    sample: {
      checked_at: '2025-04-19T12:00:00.000Z',
      total: 2,
      stale_count: 1,
      smashsend_count: 0,
      smartlead_count: 2,
      smarte_count: 0,
      keys: [
        {
          id: 'SmartLead:45',
          vendor: 'SmartLead',
          key_id: '45',
          name: 'Production Key',
          status: 'active',
          created_at: '2025-03-01T10:00:00.000Z',
          age_days: 49,
          stale: false,
          key_hint: '********xxxx',
          client_id: 301,
          connection_key: false,
        },
        keyRowSample,
      ],
    },
  },
});
