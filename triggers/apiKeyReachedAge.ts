// Triggers when an API key becomes older than a number of days (a reminder to rotate it): one request per vendor.
// SMASHSEND's list cursor is a timestamp, so the newest keys older than the threshold are one request away, without
// paging through young keys; SmartLead answers its whole list at once. SMARTe keys carry no date and are left out.

import { defineInputFields, defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { DAY_MS, isOlderThan } from '@keyring/connector';
import { SMASHSEND_MAX_PAGE_SIZE, newestFirst, smartleadKeyRow, smashsendKeyRow } from '@keyring/connector/internal';
import { smartleadClient, smashsendClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import {
  DATED_VENDORS,
  chosenVendors,
  eachVendor,
  keyRowOutputFields,
  keyRowSample,
  parseDays,
  vendorsField,
  withId,
  type KeyRow,
} from '../lib/hygieneFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';

const AGE_LABEL = 'Age in Days';
/** Zapier's guidance for a poll: about 100 items, newest first. A key that just crossed the age is always among them. */
const MAX_ITEMS = 100;

const inputFields = defineInputFields([
  {
    key: 'age_days',
    label: AGE_LABEL,
    type: 'integer',
    required: true,
    helpText:
      'Trigger once for each key when it becomes older than this many days, e.g. `90` for a quarterly rotation. A whole number, 1 or more. Keys already older when you turn the Zap on do not trigger.',
  },
  vendorsField(
    DATED_VENDORS,
    'Only watch keys of these vendors. Leave blank to watch every vendor of this connection that dates its keys. SMARTe keys carry no creation date, so they cannot be watched here: use "Audit API Keys" to list them.',
  ),
]);

type DatedVendor = (typeof DATED_VENDORS)[number];

/**
 * One request: newest first, starting at the threshold instant, so the first item is the newest key older than the
 * threshold. The keys are filtered here too, in case SMASHSEND reads `startAt` differently (e.g. ignores it).
 */
async function smashsendKeysOlderThan(z: ZObject, bundle: Bundle, days: number, now: number): Promise<KeyRow[]> {
  const client = smashsendClient(z, bundle);
  const page = await client.listApiKeys({
    sort: 'createdAt.desc',
    startAt: new Date(now - days * DAY_MS).toISOString(),
    limit: SMASHSEND_MAX_PAGE_SIZE,
  });
  // The connection's own key is marked: no request when the workspace discovery learnt its id, one otherwise.
  const own = await client.connectionKeyMatcher();
  return page.items
    .filter((key) => isOlderThan(key.createdAt, days, now))
    .map((key) => withId(smashsendKeyRow(key, { now, olderThanDays: days, connectionKey: own.match(key) === 'yes' })));
}

/** One request for every client API key; keys without a readable date cannot have an age and are left out. */
async function smartleadKeysOlderThan(z: ZObject, bundle: Bundle, days: number, now: number): Promise<KeyRow[]> {
  const client = smartleadClient(z, bundle);
  const keys = await client.listClientApiKeys();
  return keys
    .filter((key) => isOlderThan(key.created_at, days, now))
    .map((key) => withId(smartleadKeyRow(key, { now, olderThanDays: days, connectionKey: client.connectionKeyMatch(key) === 'yes' })));
}

const readers: Record<DatedVendor, typeof smashsendKeysOlderThan> = {
  SMASHSEND: smashsendKeysOlderThan,
  SmartLead: smartleadKeysOlderThan,
};

export const apiKeyReachedAge = defineTrigger({
  key: 'api_key_reached_age',
  noun: 'API Key',
  display: {
    label: 'API Key Reached Age',
    description: 'Triggers when an API key becomes older than the number of days you choose.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform: async (z, bundle): Promise<KeyRow[]> => {
      // Both inputs are checked before any request.
      const ageDays = parseDays(z, bundle.inputData.age_days, AGE_LABEL, true) as number;
      const vendors = chosenVendors(
        z,
        bundle,
        DATED_VENDORS,
        'API Key Reached Age needs a SMASHSEND or SmartLead API key in this connection (SMARTe keys carry no creation date): reconnect and add one.',
      );
      const now = Date.now();
      const rows = await eachVendor(vendors, (vendor) =>
        withVendorErrors(z, bundle, () => readers[vendor](z, bundle, ageDays, now), { fields: inputFields }),
      );
      // Newest crossing first across vendors (Zapier's polling order; the key that crossed the age most recently is the
      // youngest of the old ones), so that the 100 kept are the newest crossings whatever the vendor; keys of one
      // instant in the one vendor order. Every row is `stale` (older than the age).
      return newestFirst(rows.flat()).slice(0, MAX_ITEMS);
    },
    outputFields: [...keyRowOutputFields],
    sample: keyRowSample,
    throttle: SMASHSEND_THROTTLE,
  },
});
