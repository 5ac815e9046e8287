// The benchmark's private build: a temporary directory per variant, laid out as a Zapier build zip is, each with a
// node_modules holding only its production dependencies (hard links into the repository's node_modules, resolved
// from package-lock.json), so nothing here touches the repository's dist/ or build/ while other work goes on.
//
//   app/      the app bundled by scripts/build.ts's buildApp, exactly as `npm run build` makes it, deps: the
//             production dependencies of package.json (core only)
//   minimal/  the baseline: bench/minimalApp.ts, a bare z.request per perform, deps: core only

import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';
import { buildApp } from '../../scripts/build';

export type VariantName = 'app' | 'minimal';

export interface Variant {
  name: VariantName;
  dir: string;
  /** The transpiled bench/child.ts in this directory. */
  child: string;
  /** Production packages in node_modules (lock paths). */
  packages: string[];
}

export interface Workspace {
  root: string;
  variants: Partial<Record<VariantName, Variant>>;
}

interface LockPackage {
  dev?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface PackageLock {
  packages: Record<string, LockPackage>;
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
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
  const lock = readJson<PackageLock>(path.join(repo, 'package-lock.json'));
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
  const lock = readJson<PackageLock>(path.join(repo, 'package-lock.json'));
  return new Set(Object.entries(lock.packages).filter(([at, entry]) => at !== '' && entry.dev === true).map(([at]) => at));
}

/** Hard-links (or copies, across file systems) a package's files, leaving out its own nested node_modules. */
function linkPackage(source: string, target: string, topLevel = true): void {
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

function installPackages(repo: string, dir: string, packages: readonly string[]): void {
  for (const at of packages) linkPackage(path.join(repo, at), path.join(dir, at));
}

/** A bench TypeScript file as plain CommonJS (no loader in the measured process). */
function transpile(source: string, target: string): void {
  const output = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: source,
  });
  writeFileSync(target, output.outputText);
}

function writeCommon(repo: string, dir: string, packageJson: PackageJson): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  // The CLI's build would otherwise put node_modules into source.zip.
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\nbuild/\n*.zip\n');
  const rc = path.join(repo, '.zapierapprc');
  if (existsSync(rc)) copyFileSync(rc, path.join(dir, '.zapierapprc'));
  transpile(path.join(repo, 'bench', 'child.ts'), path.join(dir, 'bench-child.js'));
}

export async function prepareWorkspace(repo: string): Promise<Workspace> {
  const root = mkdtempSync(path.join(tmpdir(), 'keyring-bench-'));
  try {
    return await fillWorkspace(repo, root);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function fillWorkspace(repo: string, root: string): Promise<Workspace> {
  const repoPackage = readJson<PackageJson>(path.join(repo, 'package.json'));
  const coreVersion = repoPackage.dependencies?.['zapier-platform-core'] ?? '*';
  const appPackages = productionClosure(repo, Object.keys(repoPackage.dependencies ?? {}));
  const corePackages = productionClosure(repo, ['zapier-platform-core']);
  const variants: Partial<Record<VariantName, Variant>> = {};

  // The app as `npm run build` makes it.
  const appDir = path.join(root, 'app');
  writeCommon(repo, appDir, repoPackage);
  await buildApp(path.join(appDir, 'dist', 'index.js'));
  copyFileSync(path.join(repo, 'index.js'), path.join(appDir, 'index.js'));
  installPackages(repo, appDir, appPackages);
  variants.app = { name: 'app', dir: appDir, child: path.join(appDir, 'bench-child.js'), packages: appPackages };

  // The baseline: only core.
  const minimalDir = path.join(root, 'minimal');
  writeCommon(repo, minimalDir, { name: 'minimal-zapier-app', version: '1.0.0', private: true, main: 'index.js', dependencies: { 'zapier-platform-core': coreVersion } });
  transpile(path.join(repo, 'bench', 'minimalApp.ts'), path.join(minimalDir, 'index.js'));
  installPackages(repo, minimalDir, corePackages);
  variants.minimal = { name: 'minimal', dir: minimalDir, child: path.join(minimalDir, 'bench-child.js'), packages: corePackages };

  return { root, variants };
}

export function removeWorkspace(workspace: Workspace): void {
  rmSync(workspace.root, { recursive: true, force: true });
}

/**
 * The app as `npm run zip` builds it in the repository today: the same files, but next to the repository's whole
 * node_modules (development packages included), hard-linked.
 */
export function prepareRepoLayout(repo: string, workspace: Workspace): string {
  const app = workspace.variants.app;
  if (!app) throw new Error('the app variant is missing');
  const dir = path.join(workspace.root, 'repo-layout');
  mkdirSync(dir, { recursive: true });
  for (const file of ['package.json', '.gitignore', '.zapierapprc', 'index.js']) {
    if (existsSync(path.join(app.dir, file))) copyFileSync(path.join(app.dir, file), path.join(dir, file));
  }
  linkPackage(path.join(app.dir, 'dist'), path.join(dir, 'dist'), false);
  const lock = readJson<PackageLock>(path.join(repo, 'package-lock.json'));
  const installed = Object.keys(lock.packages).filter((at) => at !== '' && existsSync(path.join(repo, at)));
  installPackages(repo, dir, installed);
  return dir;
}
