// Builds the package into dist/: the library to ESM (.mjs) and CommonJS (.js) with declarations for both (.d.mts,
// .d.ts), and the `keyring` command to CommonJS only (dist/cli.js, the file package.json's `bin` names: a command is
// run, never imported, so an ESM copy would only sit unused in the tarball).
// valibot stays external (a dependency the user's install brings); nothing else is imported at run time.
import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

/** The package's version, built into the command (`keyring --version`). */
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** The command line's output file (dist/cli.js), which package.json's `bin` names. */
const CLI_FILE = 'cli.js';

const common: Options = {
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  // One file per entry: the internal modules are not part of the package's surface.
  splitting: false,
  sourcemap: false,
  treeshake: true,
};

// tsup runs both builds at once into one folder: only the library's build clears it, sparing the command's file
// (which the other build writes meanwhile), so a stale file of an earlier build (e.g. a dist/cli.mjs) never ships.
export default defineConfig([
  {
    ...common,
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    clean: [`!${CLI_FILE}`],
  },
  {
    ...common,
    // Keep the `#!/usr/bin/env node` line at the top of the source file: esbuild carries it over.
    entry: { cli: 'src/cli/index.ts' },
    format: ['cjs'],
    clean: false,
    define: { __KEYRING_VERSION__: JSON.stringify(version) },
  },
]);
