// `keyring audit`: every key of every configured vendor in one inventory, with its age; exit status 3 when a key is
// older than --older-than, so a CI job can gate on it. The inventory itself is the connector's (auditApiKeys).

import { auditApiKeys } from '../audit';
import { configuredClients } from './config';
import { EXIT, UsageError, quote, type ExitStatus, type Io } from './io';
import { json, progress, table } from './output';

export const AUDIT_HELP = `Usage: keyring audit [--older-than <days>] [--json]

Lists every key of every vendor whose key is set in the environment: vendor, id, name, status, created,
age in days, and whether it is older than --older-than. SMARTe keys have no dates: their age is unknown (?).
Progress goes to stderr while long lists are read, when stderr is a terminal.

Options:
  --older-than <days>   a whole number of days (1 or more); keys older than that are flagged
  --json                the inventory as JSON: {checkedAt, olderThanDays, vendors, counts, staleCount, keys}
  -h, --help

Exit status: 0 when no key is older than --older-than (always 0 without it), 3 when some key is,
1 on a vendor error (the audit is then incomplete, and nothing is printed on stdout), 2 on a usage error.
`;

function olderThanDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(days) || days < 1) {
    throw new UsageError(`--older-than must be a whole number of days, 1 or more (got ${quote(value)}).`);
  }
  return days;
}

export async function audit(io: Io, flags: { json: boolean; olderThan: string | undefined }): Promise<ExitStatus> {
  const threshold = olderThanDays(flags.olderThan);
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
