// The benchmark's private build: a temporary directory per variant, laid out as a Zapier build zip is, each with a
// node_modules holding only its production dependencies (hard links into the repository's node_modules, resolved
// from package-lock.json), so nothing here touches the repository's dist/ or build/ while other work goes on.
//
//   app/      the app compiled by tsc with tsconfig.build.json (what `npm run build` makes), deps: core + valibot
//   bundled/  the proposed fix, measured side by side: the same sources bundled into one file by esbuild (core
//             left external, valibot tree-shaken in), deps: core only
//   minimal/  the baseline: bench/minimalApp.ts, a bare z.request per perform, deps: core only

import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';

export type VariantName = 'app' | 'bundled' | 'minimal';

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
  notes: string[];
  /** Type errors tsc reported while compiling the app (it emits anyway). */
  compileErrors: string[];
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

/** tsc with tsconfig.build.json, into `outDir` (the repository's own dist/ is left alone). */
function compileApp(repo: string, outDir: string): string[] {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(repo, 'tsconfig.build.json'), { outDir, declaration: false, noEmit: false }, host);
  if (!parsed) throw new Error('could not read tsconfig.build.json');
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const emitted = program.emit();
  const diagnostics = [...program.getSyntacticDiagnostics(), ...emitted.diagnostics];
  if (emitted.emitSkipped) throw new Error(`tsc emitted nothing: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

/** A bench TypeScript file as plain CommonJS (no loader in the measured process). */
function transpile(source: string, target: string): void {
  const output = ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: source,
  });
  writeFileSync(target, output.outputText);
}

type Esbuild = typeof import('esbuild');

async function loadEsbuild(): Promise<Esbuild | undefined> {
  try {
    return await import('esbuild');
  } catch {
    return undefined;
  }
}

const SHIM = "// Entry point for the CLI and the build zip: the compiled app definition.\nmodule.exports = require('./dist/index.js').default;\n";

function writeCommon(repo: string, dir: string, packageJson: PackageJson): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  // The CLI's build would otherwise put node_modules into source.zip.
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\nbuild/\n*.zip\n');
  const rc = path.join(repo, '.zapierapprc');
  if (existsSync(rc)) copyFileSync(rc, path.join(dir, '.zapierapprc'));
  transpile(path.join(repo, 'bench', 'child.ts'), path.join(dir, 'bench-child.js'));
}

export async function prepareWorkspace(repo: string, options: { bundled: boolean }): Promise<Workspace> {
  const root = mkdtempSync(path.join(tmpdir(), 'keyring-bench-'));
  try {
    return await fillWorkspace(repo, root, options);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function fillWorkspace(repo: string, root: string, options: { bundled: boolean }): Promise<Workspace> {
  const notes: string[] = [];
  const repoPackage = readJson<PackageJson>(path.join(repo, 'package.json'));
  const coreVersion = repoPackage.dependencies?.['zapier-platform-core'] ?? '*';
  const appPackages = productionClosure(repo, Object.keys(repoPackage.dependencies ?? {}));
  const corePackages = productionClosure(repo, ['zapier-platform-core']);
  const variants: Partial<Record<VariantName, Variant>> = {};

  // The app as `npm run build` makes it.
  const appDir = path.join(root, 'app');
  writeCommon(repo, appDir, repoPackage);
  const compileErrors = compileApp(repo, path.join(appDir, 'dist'));
  writeFileSync(path.join(appDir, 'index.js'), SHIM);
  installPackages(repo, appDir, appPackages);
  variants.app = { name: 'app', dir: appDir, child: path.join(appDir, 'bench-child.js'), packages: appPackages };

  // The baseline: only core.
  const minimalDir = path.join(root, 'minimal');
  writeCommon(repo, minimalDir, { name: 'minimal-zapier-app', version: '1.0.0', private: true, main: 'index.js', dependencies: { 'zapier-platform-core': coreVersion } });
  transpile(path.join(repo, 'bench', 'minimalApp.ts'), path.join(minimalDir, 'index.js'));
  installPackages(repo, minimalDir, corePackages);
  variants.minimal = { name: 'minimal', dir: minimalDir, child: path.join(minimalDir, 'bench-child.js'), packages: corePackages };

  // The proposed fix: one bundled file.
  if (options.bundled) {
    const esbuild = await loadEsbuild();
    if (!esbuild) {
      notes.push('esbuild is not installed: the "bundled" variant (the proposed fix) was skipped.');
    } else {
      const bundledDir = path.join(root, 'bundled');
      const { dependencies = {}, ...rest } = repoPackage;
      const bundledDependencies = Object.fromEntries(Object.entries(dependencies).filter(([name]) => name === 'zapier-platform-core'));
      writeCommon(repo, bundledDir, { ...rest, dependencies: bundledDependencies });
      await esbuild.build({
        entryPoints: [path.join(repo, 'index.ts')],
        outfile: path.join(bundledDir, 'dist', 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'cjs',
        external: ['zapier-platform-core'],
        logLevel: 'warning',
        legalComments: 'none',
      });
      writeFileSync(path.join(bundledDir, 'index.js'), SHIM);
      installPackages(repo, bundledDir, corePackages);
      variants.bundled = { name: 'bundled', dir: bundledDir, child: path.join(bundledDir, 'bench-child.js'), packages: corePackages };
    }
  }
  return { root, variants, notes, compileErrors };
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
