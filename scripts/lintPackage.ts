// `npm run lint:package`: the connector's package as a user installs it. Packs @keyring/connector as `npm pack` does
// (its prepack build writes connector/dist) into a temporary directory, then lints that tarball with
// - publint, strict: package.json against the files it ships; any message fails, suggestions included;
// - arethetypeswrong: the types each module resolution finds (node10, node16 from CommonJS and from ESM, bundler).
// Offline: both read only the tarball (attw never asks the registry for @types of a local file).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const REPO = path.join(__dirname, '..');

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyring-lint-package-'));
  try {
    execFileSync('npm', ['pack', '-w', '@keyring/connector', '--pack-destination', dir], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const [tarball] = readdirSync(dir).filter((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack wrote no tarball into ${dir}`);
    const file = path.join(dir, tarball);

    const data = readFileSync(file);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      strict: true,
    });
    for (const message of messages)
      console.error(`publint ${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`);
    if (messages.length > 0) throw new Error(`publint: ${messages.length} message(s) on ${tarball}`);
    console.log(`publint --strict: ${tarball} is clean`);

    // Exits non-zero on any problem, and prints its table either way.
    execFileSync('attw', ['--no-definitely-typed', '--no-emoji', '--no-color', file], { stdio: 'inherit' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
