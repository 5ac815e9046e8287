// The build zip: `zapier-platform build --skip-validation --skip-dep-install` in a directory, then what is inside.

import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { listZip, packageOf } from './zip';

export interface ZipReport {
  bytes: number;
  unpackedBytes: number;
  files: number;
  appFiles: number;
  appBytes: number;
  packages: number;
  /** node_modules entries of packages that package-lock.json marks dev-only. */
  devFiles: number;
  devBytes: number;
  devPackages: number;
  /** Of those dev-only entries, how many are package.json files (the CLI zips every package.json it finds). */
  devPackageJsonFiles: number;
  /** Largest packages by compressed bytes. */
  largest: Array<{ name: string; files: number; compressedBytes: number }>;
  buildMs: number;
}

function cliEntry(repo: string): string {
  const load = createRequire(path.join(repo, 'package.json'));
  const manifest = load('zapier-platform-cli/package.json') as { bin: Record<string, string> };
  return path.join(path.dirname(load.resolve('zapier-platform-cli/package.json')), manifest.bin['zapier-platform']);
}

function buildZip(repo: string, dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliEntry(repo), 'build', '--skip-validation', '--skip-dep-install'], {
      cwd: dir,
      env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1', NODE_ENV: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && existsSync(path.join(dir, 'build', 'build.zip'))) resolve(performance.now() - started);
      else reject(new Error(`zapier-platform build in ${dir} failed (${code}): ${output.trim().split('\n').slice(-8).join('\n')}`));
    });
  });
}

/** The lock path (`node_modules/a/node_modules/b`) of a zip entry, or undefined for the app's own files. */
function lockPathOf(entryName: string): string | undefined {
  const name = packageOf(entryName);
  if (name === undefined) return undefined;
  const index = entryName.lastIndexOf('node_modules/');
  return entryName.slice(0, index + 'node_modules/'.length) + name;
}

export async function measureZip(repo: string, dir: string, devOnly: ReadonlySet<string>): Promise<ZipReport> {
  const buildMs = await buildZip(repo, dir);
  const zipPath = path.join(dir, 'build', 'build.zip');
  const entries = listZip(zipPath).filter((entry) => !entry.name.endsWith('/'));
  const byPackage = new Map<string, { files: number; compressedBytes: number }>();
  const devPackages = new Set<string>();
  let appFiles = 0;
  let appBytes = 0;
  let devFiles = 0;
  let devBytes = 0;
  let devPackageJsonFiles = 0;
  for (const entry of entries) {
    const at = lockPathOf(entry.name);
    if (at === undefined) {
      appFiles += 1;
      appBytes += entry.compressedBytes;
      continue;
    }
    const current = byPackage.get(at) ?? { files: 0, compressedBytes: 0 };
    current.files += 1;
    current.compressedBytes += entry.compressedBytes;
    byPackage.set(at, current);
    if (devOnly.has(at)) {
      devPackages.add(at);
      devFiles += 1;
      devBytes += entry.compressedBytes;
      if (entry.name.endsWith('/package.json') || entry.name === 'package.json') devPackageJsonFiles += 1;
    }
  }
  const largest = [...byPackage.entries()]
    .map(([at, stats]) => ({ name: at.replace(/^node_modules\//, ''), ...stats }))
    .sort((a, b) => b.compressedBytes - a.compressedBytes)
    .slice(0, 6);
  return {
    bytes: statSync(zipPath).size,
    unpackedBytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
    files: entries.length,
    appFiles,
    appBytes,
    packages: byPackage.size,
    devFiles,
    devBytes,
    devPackages: devPackages.size,
    devPackageJsonFiles,
    largest,
    buildMs,
  };
}
