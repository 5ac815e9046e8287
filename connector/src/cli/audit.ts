// `keyring audit`: every key of every configured vendor in one inventory, with its age; exit status 3 when a key is
// older than --older-than, so a CI job can gate on it. The inventory itself is the connector's (auditApiKeys).

import { auditApiKeys } from '../audit';
import type { ReadCommand } from './command';
import { configuredClients } from './config';
import { EXIT, UsageError, quote, type ExitStatus, type Io } from './io';
import { json, progress, table } from './output';

export const AUDIT: ReadCommand = {
  name: 'audit',
  writes: false,
  forms: [{ usage: '[--older-than <days>]', summary: 'every key of every configured vendor, with its age' }],
  about: `Lists every key of every vendor whose key is set in the environment: vendor, id, name, status, created,
age in days, and whether it is older than --older-than. SMARTe keys have no dates: their age is unknown (?).
Progress goes to stderr while long lists are read, when stderr is a terminal.`,
  options: {
    'older-than': { type: 'string', value: '<days>', help: 'a whole number of days (1 or more); keys older than that are flagged' },
  },
  json: 'the inventory as JSON: {checkedAt, olderThanDays, vendors, counts, staleCount, keys}',
  maxPositionals: 0,
  exitStatus: `0 when no key is older than --older-than (always 0 without it), 3 when some key is,
1 on a vendor error (the audit is then incomplete, and nothing is printed on stdout), 2 on a usage error.`,
  prepare({ options, json }) {
    const threshold = olderThanDays(typeof options['older-than'] === 'string' ? options['older-than'] : undefined);
    return (io) => audit(io, { json, threshold });
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

async function audit(io: Io, flags: { json: boolean; threshold: number | undefined }): Promise<ExitStatus> {
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
    io.stdout.write(json(report));
  } else {
    io.stdout.write(
      report.keys.length === 0
        ? 'No keys.\n'
        : table(
            [
              'VENDOR',
              'ID',
              'NAME',
              'STATUS',
              'CREATED',
              'AGE (DAYS)',
              threshold === undefined ? 'OLDER' : `OLDER THAN ${threshold}`,
              'KEY',
            ],
            report.keys.map((k) => [
              k.vendor,
              k.keyId,
              k.name,
              k.status,
              k.createdAt,
              k.ageDays ?? '?',
              threshold === undefined ? '-' : k.ageDays === null ? '?' : k.stale ? 'yes' : 'no',
              k.keyHint,
            ]),
          ),
    );
    const counts = report.vendors.map((vendor) => `${vendor} ${report.counts[vendor]}`).join(', ');
    const stale = threshold === undefined ? '' : `; ${report.staleCount} older than ${threshold} days`;
    io.stdout.write(`${report.keys.length} key${report.keys.length === 1 ? '' : 's'} (${counts})${stale}.\n`);
  }
  return report.staleCount > 0 ? EXIT.stale : EXIT.ok;
}
