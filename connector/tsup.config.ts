// Builds the package: each entry to ESM (.mjs) and CommonJS (.js) with declarations for both (.d.mts, .d.ts), into dist/.
// valibot stays external (a dependency the user's install brings); nothing else is imported at run time.
import { defineConfig } from 'tsup';

/**
 * The package's entry points, by output name. The library is `index`; a command line adds its own line here, e.g.
 * `cli: 'src/cli/index.ts'` → dist/cli.js (and dist/cli.mjs), which package.json's `bin` then names (keep the
 * `#!/usr/bin/env node` line at the top of the source file: esbuild carries it over).
 */
export const entries: Record<string, string> = {
  index: 'src/index.ts',
  cli: 'src/cli/index.ts',
};

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  // Declarations for the library only: the command line is run, not imported.
  dts: { entry: { index: 'src/index.ts' } },
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  // One file per entry: the internal modules are not part of the package's surface.
  splitting: false,
  sourcemap: false,
  treeshake: true,
});
