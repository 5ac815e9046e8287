// The app's production node_modules, without npm or the network: the packages package-lock.json says are needed at
// run time, hard-linked from the repository's node_modules into another directory. Used by `npm run zip` (so the
// build zip holds no development package) and by the benchmark (so it measures what Zapier would load).

import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';

interface LockPackage {
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface PackageLock {
  packages: Record<string, LockPackage>;
}

export function readLock(repo: string): PackageLock {
  return JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as PackageLock;
}

/** The lock path npm would load `name` from, for a package at lock path `from` ('' is the project). */
function resolveInLock(lock: PackageLock, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** Every lock path needed at run time by `roots` (dependencies, optional and peer dependencies, transitively). */
export function productionClosure(repo: string, roots: readonly string[]): string[] {
  const lock = readLock(repo);
  const seen = new Set<string>();
  const queue: Array<{ from: string; name: string }> = roots.map((name) => ({ from: '', name }));
  while (queue.length > 0) {
    const { from, name } = queue.shift() as { from: string; name: string };
    const at = resolveInLock(lock, from, name);
    if (at === undefined || seen.has(at)) continue;
    seen.add(at);
    const entry = lock.packages[at];
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      queue.push({ from: at, name: dep });
    }
  }
  return [...seen].filter((at) => existsSync(path.join(repo, at))).sort();
}

/** Lock paths of packages installed only for development. */
export function devOnlyPackages(repo: string): Set<string> {
  const lock = readLock(repo);
  return new Set(
    Object.entries(lock.packages)
      .filter(([at, entry]) => at !== '' && entry.dev === true)
      .map(([at]) => at),
  );
}

/** Hard-links (or copies, across file systems) a package's files, leaving out its own nested node_modules. */
export function linkPackage(source: string, target: string, topLevel = true): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (topLevel && entry.name === 'node_modules') continue;
    if (entry.name === '.bin') continue;
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (entry.isDirectory()) linkPackage(from, to, false);
    else if (entry.isFile()) {
      try {
        linkSync(from, to);
      } catch {
        copyFileSync(from, to);
      }
    }
  }
}

export function installPackages(repo: string, dir: string, packages: readonly string[]): void {
  for (const at of packages) linkPackage(path.join(repo, at), path.join(dir, at));
}
