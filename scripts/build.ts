// Builds the app as Zapier loads it: index.ts and everything it imports bundled into one CommonJS file,
// dist/index.js, with zapier-platform-core left outside (Zapier provides it). One file loads in a few ms where 45
// modules took ~25 ms on every cold start (bench/), and the bundle keeps only the parts of valibot in use.
// Type checking is `npm run typecheck`; this only emits.

import path from 'node:path';
import { build } from 'esbuild';

export async function buildApp(outfile = path.join(__dirname, '..', 'dist', 'index.js')): Promise<void> {
  await build({
    entryPoints: [path.join(__dirname, '..', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['zapier-platform-core'],
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildApp(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
