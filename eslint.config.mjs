// Lint: typescript-eslint's recommended rules, no `any` outside a commented boundary, and the import fences that keep
// the three parts apart (the connector, the sandbox, the app); test/tooling/fences.test.ts proves each fence.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SOURCES = '{ts,mts,cts,js,mjs,cjs}';
/** Fences are written per folder depth, so that a relative import resolves to one known folder. */
const MAX_DEPTH = 8;
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The relative prefix that leads from a folder `depth` levels below the repository root back to the root. */
const toRoot = (depth) => (depth === 0 ? '\\./' : `(\\.\\./){${depth}}`);

const RELATIVE = '/^\\.\\.?(\\u002f|$)/';
const STATIC_ONLY = [
  {
    selector: `ImportExpression[source.value=${RELATIVE}], CallExpression[callee.name="require"][arguments.0.value=${RELATIVE}], TSImportType[argument.literal.value=${RELATIVE}]`,
    message: 'Import code of this repository with a static import, so that the import fences (eslint.config.mjs) see it.',
  },
];

/**
 * One config block per depth of `folder`: `patterns(depth)` gives the no-restricted-imports patterns for the files
 * that sit `depth` folders below the repository root. Static imports only: a `require()` or `import()` of a relative
 * path would slip past the fence, so it is refused too.
 */
function fence(folder, patterns) {
  const base = folder.split('/').length;
  const blocks = [];
  for (let below = 0; below <= MAX_DEPTH - base; below += 1) {
    const depth = base + below;
    blocks.push({
      files: [`${folder}/${'*/'.repeat(below)}*.${SOURCES}`],
      rules: { 'no-restricted-imports': ['error', { patterns: patterns(depth) }], 'no-restricted-syntax': ['error', ...STATIC_ONLY] },
    });
  }
  return blocks;
}

/** Any relative import that leaves `folder` (a file `depth` folders below the root). */
const leaving = (folder, depth, message) => ({
  regex: `^(\\.\\.(/|$)){${depth - folder.split('/').length + 1}}`,
  message,
});

/** A relative import of one of the repository's top-level `targets` (folders or files). */
const reaching = (depth, targets, message) => ({
  regex: `^${toRoot(depth)}(${targets.map(escapeRegex).join('|')})(\\.[cm]?[jt]s)?(/|$)`,
  message,
});

const CONNECTOR =
  'The connector is a package of its own: it imports nothing outside connector/ (no Zapier, lib/, sandbox, tests or app code).';
const SANDBOX =
  'The sandbox stands in for the vendors on its own: it imports neither the connector, lib/, app code nor tests (the contract test relies on that).';
const APP = 'App code (the Zapier app and lib/) imports neither the sandbox, tests, the benchmark nor scripts.';

const connectorFence = fence('connector', (depth) => [
  { group: ['zapier-platform-*', 'zapier-platform-*/**'], message: CONNECTOR },
  leaving('connector', depth, CONNECTOR),
]);

const sandboxFence = fence('sandbox', (depth) => [
  { group: ['@keyring/connector', '@keyring/connector/**', 'zapier-platform-*', 'zapier-platform-*/**'], message: SANDBOX },
  leaving('sandbox', depth, SANDBOX),
]);

const appPatterns = (depth) => [
  reaching(depth, ['sandbox', 'test', 'bench', 'scripts'], APP),
  reaching(depth, ['connector'], 'App code imports the connector by its package name, @keyring/connector.'),
  { group: ['nock', 'fast-check', 'fastify', 'jest', '@jest/*'], message: `${APP} (Test tools stay out of the app's load path.)` },
];
const rootFiles = { files: [`*.${SOURCES}`], ignores: ['eslint.config.mjs', 'jest.config.js'] };
const appFence = [
  {
    ...rootFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: appPatterns(0) }], 'no-restricted-syntax': ['error', ...STATIC_ONLY] },
  },
  ...['lib', 'triggers', 'creates', 'searches'].flatMap((folder) => fence(folder, appPatterns)),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'connector/dist/**', 'build/**', 'coverage/**', 'index.js', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Plain JavaScript run by Node as a package user would (the connector's examples, the package test's fixtures).
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  ...connectorFence,
  ...sandboxFence,
  ...appFence,
);
