// `keyring audit`: every key of every configured vendor in one inventory, with its age; exit status 3 when a key is
// older than --older-than, so a CI job can gate on it. The inventory itself is the connector's (auditApiKeys); --json
// prints it with the names of the Zapier audit step's output, its keys the very rows of that step's line items.

import { auditApiKeys } from '../audit';
import type { ReadCommand } from './command';
import { configuredClients } from './config';
import { EXIT, UsageError, quote, type ExitStatus, type Io } from './io';
import { auditTable } from './keys';
import { WIDE_OPTION, json, progress } from './output';

export const AUDIT: ReadCommand = {
  name: 'audit',
  writes: false,
  forms: [{ usage: '[--older-than <days>] [--wide]', summary: 'every key of every vendor, with its age' }],
  about: `Lists every key of every vendor whose key is set in the environment (SMASHSEND, SmartLead, SMARTe, each
vendor's keys newest first): vendor, key id, name, status, created, age in days, whether it is older than
--older-than (STALE), key hint. SMARTe keys have no dates: their age is unknown (?). The table fits 100 columns
(long names cut with …, the day for the date); --wide shows every field in full (client id, keyring's own key).
Progress goes to stderr while long lists are read, when stderr is a terminal.`,
  options: {
    'older-than': { type: 'string', value: '<days>', help: 'a whole number of days (1 or more); keys older than that are flagged' },
    wide: WIDE_OPTION,
  },
  json: 'the inventory as the Zapier audit step outputs it: {checked_at, older_than_days, vendors, total, stale_count, …, keys}',
  maxPositionals: 0,
  exitStatus: `0 when no key is older than --older-than (always 0 without it), 3 when some key is,
1 on a vendor error (the audit is then incomplete, and nothing is printed on stdout), 2 on a usage error.`,
  prepare({ options, json }) {
    const threshold = olderThanDays(typeof options['older-than'] === 'string' ? options['older-than'] : undefined);
    return (io) => audit(io, { json, threshold, wide: options.wide === true });
  },
};

function olderThanDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new UsageError(`--older-than must be a whole number of days, 1 or more (got ${quote(value)}).`);
  }
  return days;
}

async function audit(io: Io, flags: { json: boolean; threshold: number | undefined; wide: boolean }): Promise<ExitStatus> {
  const { threshold } = flags;
  const clients = configuredClients(io);
  const status = progress(io);
  const read: Record<string, number> = {};
  let report;
  try {
    report = await auditApiKeys(clients, {
      ...(threshold === undefined ? {} : { olderThanDays: threshold }),
      onProgress: ({ vendor, keysRead }) => {
        read[vendor] = keysRead;
        status.show(
          `Reading keys: ${Object.entries(read)
            .map(([v, n]) => `${v} ${n}`)
            .join(', ')}…`,
        );
      },
    });
  } finally {
    status.clear();
  }
  if (flags.json) {
    // The Zapier audit step's output (checked_at, total, stale_count, the per-vendor counts, keys), the threshold and
    // the vendors audited besides; its keys are the step's line items without their Zapier `id`.
    io.stdout.write(
      json({
        checked_at: report.checkedAt,
        older_than_days: report.olderThanDays,
        vendors: report.vendors,
        total: report.keys.length,
        stale_count: report.staleCount,
        smashsend_count: report.counts.SMASHSEND,
        smartlead_count: report.counts.SmartLead,
        smarte_count: report.counts.SMARTe,
        keys: report.keys,
      }),
    );
  } else {
    io.stdout.write(auditTable(report.keys, threshold, flags.wide));
    const counts = report.vendors.map((vendor) => `${vendor} ${report.counts[vendor]}`).join(', ');
    const stale = threshold === undefined ? '' : `; ${report.staleCount} older than ${threshold} days`;
    io.stdout.write(`${report.keys.length} key${report.keys.length === 1 ? '' : 's'} (${counts})${stale}.\n`);
  }
  return report.staleCount > 0 ? EXIT.stale : EXIT.ok;
}
