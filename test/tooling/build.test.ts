// The app as `npm run build` makes it (scripts/build.ts): one CommonJS file that leaves zapier-platform-core outside the
// bundle (Zapier's Lambda loads it from the zip) and requires it once, not once per module importing it, and that
// loads the same definition the sources give.

import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../../scripts/build';
import { App } from '../support/app';

const ROOT = path.join(__dirname, '../..');

describe('npm run build (scripts/build.ts)', () => {
  let dir: string;
  let outfile: string;
  let code: string;

  beforeAll(async () => {
    // Inside the repository, so that the built file resolves zapier-platform-core from its node_modules.
    dir = await mkdtemp(path.join(ROOT, '.build-test-'));
    outfile = path.join(dir, 'index.js');
    await buildApp(outfile);
    code = await readFile(outfile, 'utf8');
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('requires zapier-platform-core once, and nothing else but node:crypto (everything else is bundled)', () => {
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required.sort()).toEqual(['node:crypto', 'zapier-platform-core']);
  });

  it('loads, under plain Node, the definition the sources give: every step and core version', () => {
    // A child process: the built file on its own, as Zapier's Lambda loads it (not through ts-jest).
    const script = `const app = require(${JSON.stringify(outfile)}).default;
      process.stdout.write(JSON.stringify({ version: app.version, platformVersion: app.platformVersion,
        triggers: Object.keys(app.triggers), creates: Object.keys(app.creates), searches: Object.keys(app.searches),
        performs: ['triggers', 'creates', 'searches'].every((kind) =>
          Object.values(app[kind]).every((step) => typeof step.operation.perform === 'function')) }));`;
    const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const source = App;
    expect(JSON.parse(child.stdout)).toEqual({
      version: source.version,
      platformVersion: source.platformVersion,
      triggers: Object.keys(source.triggers ?? {}),
      creates: Object.keys(source.creates ?? {}),
      searches: Object.keys(source.searches ?? {}),
      performs: true,
    });
    expect(source.platformVersion).toMatch(/^19\./);
  });
});
