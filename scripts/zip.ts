// `npm run zip`: the build zip Zapier would run, made offline. The CLI's own build would add every package.json
// under the repository's node_modules (1 370 of them from development packages), so the zip is built in a temporary
// directory holding only what the app loads: package.json, index.js, .zapierapprc, the bundled dist/index.js and
// the production node_modules (zapier-platform-core and its dependencies, hard-linked). Writes build/build.zip and
// build/source.zip in the repository.

import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from './build';
import { installPackages, productionClosure } from './productionModules';

const REPO = path.join(__dirname, '..');
const SOURCES = [
  'index.ts',
  'authentication.ts',
  'triggers',
  'creates',
  'searches',
  'lib',
  'connector',
  'scripts/build.ts',
  'tsconfig.json',
  'README.md',
];

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyring-zip-'));
  try {
    for (const file of ['package.json', 'index.js', '.zapierapprc', '.gitignore']) {
      if (existsSync(path.join(REPO, file))) copyFileSync(path.join(REPO, file), path.join(dir, file));
    }
    // The app's sources, for source.zip (what Zapier's reviewers read); build.zip holds only what index.js loads.
    for (const source of SOURCES) cpSync(path.join(REPO, source), path.join(dir, source), { recursive: true });
    await buildApp(path.join(dir, 'dist', 'index.js'));
    const dependencies = Object.keys(
      (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { dependencies?: object }).dependencies ?? {},
    );
    installPackages(REPO, dir, productionClosure(REPO, dependencies));
    const cli = path.join(REPO, 'node_modules', '.bin', 'zapier-platform');
    execFileSync(cli, ['build', '--skip-validation', '--skip-dep-install'], { cwd: dir, stdio: 'inherit' });
    mkdirSync(path.join(REPO, 'build'), { recursive: true });
    for (const zip of ['build.zip', 'source.zip']) copyFileSync(path.join(dir, 'build', zip), path.join(REPO, 'build', zip));
    const size = statSync(path.join(REPO, 'build', 'build.zip')).size;
    console.log(`build/build.zip: ${Math.round(size / 1024)} KB (production dependencies only)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
