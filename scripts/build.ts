// Builds the app as Zapier loads it: index.ts and everything it imports bundled into one CommonJS file,
// dist/index.js, with zapier-platform-core left outside (Zapier provides it). One file loads in a few ms where 45
// modules took ~25 ms on every cold start (bench/), and the bundle keeps only the parts of valibot in use.
// Type checking is `npm run typecheck`; this only emits.

import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const CORE = 'zapier-platform-core';

/**
 * zapier-platform-core stays outside the bundle, but is required once: esbuild would write one `require()` per module
 * importing it (26, for the define* helpers), each a trip through Node's module loader at every cold start (~0.9 ms
 * together, bench/). Every import of it resolves to one bundled module that requires it.
 */
const coreRequiredOnce: Plugin = {
  name: 'core-required-once',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^zapier-platform-core$/ }, (args) =>
      args.namespace === 'core-once' ? { path: CORE, external: true } : { path: CORE, namespace: 'core-once' },
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'core-once' }, () => ({ contents: `export * from '${CORE}';`, loader: 'js' }));
  },
};

export async function buildApp(outfile = path.join(__dirname, '..', 'dist', 'index.js')): Promise<void> {
  await build({
    entryPoints: [path.join(__dirname, '..', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    plugins: [coreRequiredOnce],
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildApp(process.argv[2]).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
