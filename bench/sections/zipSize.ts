// Benchmark section 5 (--only size): the build zip, the app next to a core-only baseline (and the repository layout).

import { log, print, REPO, type Context } from '../lib/context';
import { measureZip, type ZipReport } from '../lib/size';
import { bytes, table } from '../lib/stats';
import { devOnlyPackages, prepareRepoLayout } from '../lib/workspace';

export async function size(ctx: Context): Promise<Record<string, ZipReport>> {
  const devOnly = devOnlyPackages(REPO);
  const reports: Record<string, ZipReport> = {};
  // Both modes build the two zips the comparison needs; the full run adds today's repository layout.
  for (const name of ['app', 'minimal'] as const) {
    const variant = ctx.workspace.variants[name];
    if (!variant) continue;
    log(`  building the ${name} zip`);
    reports[name] = await measureZip(REPO, variant.dir, devOnly);
  }
  if (ctx.settings.repoLayoutZip) {
    log('  building the zip as the repository does today (whole node_modules)');
    reports['repo-layout'] = await measureZip(REPO, prepareRepoLayout(REPO, ctx.workspace), devOnly);
  }
  return reports;
}

const ZIP_LABEL: Record<string, string> = {
  app: 'app, production node_modules only',
  minimal: 'baseline: core only',
  'repo-layout': 'app, next to the whole node_modules (npm run zip today)',
};

export function printSize(reports: Record<string, ZipReport>): void {
  print('\n5. Build zip (zapier-platform build --skip-validation --skip-dep-install)');
  print(
    table(
      ['zip', 'size', 'unpacked', 'files', 'app files', 'packages', 'dev-only files', 'of which package.json'],
      Object.entries(reports).map(([name, r]) => [
        ZIP_LABEL[name] ?? name,
        bytes(r.bytes),
        bytes(r.unpackedBytes),
        String(r.files),
        String(r.appFiles),
        String(r.packages),
        String(r.devFiles),
        String(r.devPackageJsonFiles),
      ]),
    ),
  );
  const app = reports.app;
  const minimal = reports.minimal;
  if (app && minimal) print(`app / baseline zip: ${(app.bytes / minimal.bytes).toFixed(2)}× (${bytes(app.bytes - minimal.bytes)} more)`);
  if (app) print(`largest packages in the app zip: ${app.largest.map((p) => `${p.name} ${bytes(p.compressedBytes)}`).join(', ')}`);
}
