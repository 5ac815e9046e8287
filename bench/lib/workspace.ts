// The benchmark's private build: a temporary directory per variant, laid out as a Zapier build zip is, each with a
// node_modules holding only its production dependencies (hard links into the repository's node_modules, resolved
// from package-lock.json), so nothing here touches the repository's dist/ or build/ while other work goes on.
//
//   app/      the app bundled by scripts/build.ts's buildApp, exactly as `npm run build` makes it, deps: the
//             production dependencies of package.json (core only)
//   minimal/  the baseline: bench/minimalApp.ts, a bare z.request per perform, deps: core only
//   floor/    bench/floorApp.ts: the app's definition as data (definition.json, functions as stubs) with the
//             baseline's performs, deps: core only — core's own cost of a definition this size, none of our code

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ts from 'typescript';
import { buildApp } from '../../scripts/build';
import { devOnlyPackages, installPackages, linkPackage, productionClosure, readLock } from '../../scripts/productionModules';

export { devOnlyPackages };

export type VariantName = 'app' | 'minimal' | 'floor';

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

  /** A variant whose only dependency is core: its package.json, the harness, and what `write` puts in its directory. */
  const coreOnly = (name: 'minimal' | 'floor', write: (dir: string) => void): Variant => {
    const dir = path.join(root, name);
    writeCommon(repo, dir, {
      name: `${name}-zapier-app`,
      version: '1.0.0',
      private: true,
      main: 'index.js',
      dependencies: { 'zapier-platform-core': coreVersion },
    });
    write(dir);
    installPackages(repo, dir, corePackages);
    return { name, dir, child: path.join(dir, 'bench-child.js'), packages: corePackages };
  };
  // The baseline: a bare z.request per perform.
  variants.minimal = coreOnly('minimal', (dir) => transpile(path.join(repo, 'bench', 'minimalApp.ts'), path.join(dir, 'index.js')));
  // The floor: the app's definition as data, with the baseline's performs.
  variants.floor = coreOnly('floor', (dir) => {
    transpile(path.join(repo, 'bench', 'minimalApp.ts'), path.join(dir, 'minimal.js'));
    transpile(path.join(repo, 'bench', 'floorApp.ts'), path.join(dir, 'index.js'));
    writeFileSync(path.join(dir, 'definition.json'), definitionData(appDir));
  });

  return { root, variants };
}

/** The built app's definition as JSON, each function written as `{"__function": true}` (read in a process of its own). */
function definitionData(appDir: string): string {
  const script =
    "process.stdout.write(JSON.stringify(require('./index.js'), (key, value) => (typeof value === 'function' ? { __function: true } : value)))";
  return execFileSync(process.execPath, ['-e', script], { cwd: appDir, encoding: 'utf8', env: { PATH: process.env.PATH } });
}

export function removeWorkspace(workspace: Workspace): void {
  rmSync(workspace.root, { recursive: true, force: true });
}

/**
 * The app as a plain `zapier-platform build` in the repository would zip it: the same files, but next to the
 * repository's whole node_modules (development packages included), hard-linked. `npm run zip` avoids this.
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
  const lock = readLock(repo);
  const installed = Object.keys(lock.packages).filter((at) => at !== '' && existsSync(path.join(repo, at)));
  installPackages(repo, dir, installed);
  return dir;
}
