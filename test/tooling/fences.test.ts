// The import fences of eslint.config.mjs, proven: ESLint (the project's own config, in a child process) lints small
// snippets placed, in memory, in each fenced folder; a forbidden import is an error with the fence's message, and
// the imports each part needs stay allowed.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

const CONNECTOR =
  'The connector is a package of its own: it imports nothing outside connector/ (no Zapier, lib/, sandbox, tests or app code).';
const SANDBOX =
  'The sandbox stands in for the vendors on its own: it imports neither the connector, lib/, app code nor tests (the contract test relies on that).';
const APP = 'App code (the Zapier app and lib/) imports neither the sandbox, tests, the benchmark nor scripts.';
const APP_TOOLS = `${APP} (Test tools stay out of the app's load path.)`;
const BY_NAME = 'App code imports the connector by its package name, @keyring/connector.';
const STATIC_ONLY = 'Import code of this repository with a static import, so that the import fences (eslint.config.mjs) see it.';

interface Case {
  file: string;
  code: string;
}
interface Finding {
  ruleId: string | null;
  message: string;
  fatal?: boolean;
}

/** Lints every case with the repository's ESLint config in one child process (ESLint loads its .mjs config there). */
function lint(cases: Case[]): Finding[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: require('node:path').join(process.cwd(), c.file) });
        out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, fatal: m.fatal })));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`eslint child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Finding[][];
}

const FENCE_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

// [where, snippet, the fence's message]
const FORBIDDEN: Array<[string, string, string]> = [
  ['connector/src/probe.ts', "import { defineApp } from 'zapier-platform-core';", CONNECTOR],
  ['connector/src/probe.ts', "import type { ZObject } from 'zapier-platform-core/types';", CONNECTOR],
  ['connector/src/probe.ts', "import { maskSecret } from '../../lib/secrets';", CONNECTOR],
  ['connector/src/cli/probe.ts', "import { SANDBOX_CREDENTIALS } from '../../../sandbox/seed';", CONNECTOR],
  ['connector/src/probe.ts', "import { runOperation } from '../../test/support/app';", CONNECTOR],
  ['connector/src/probe.ts', "import app from '../../index';", CONNECTOR],
  ['connector/src/probe.ts', "import { authentication } from '../../authentication';", CONNECTOR],
  ['connector/src/probe.ts', "export { newSmashsendApiKey } from '../../triggers/newSmashsendApiKey';", CONNECTOR],
  ['connector/examples/probe.ts', "import { SMASHSEND_SEED } from '../../sandbox/seed';", CONNECTOR],
  ['sandbox/probe.ts', "import { SmashsendClient } from '@keyring/connector';", SANDBOX],
  ['sandbox/vendors/probe.ts', "import { checkBaseUrl } from '../../connector/src/http';", SANDBOX],
  ['sandbox/probe.ts', "import { maskSecret } from '../lib/secrets';", SANDBOX],
  ['sandbox/probe.ts', "import app from '../index';", SANDBOX],
  ['sandbox/probe.ts', "import { performOf } from '../test/helpers/app';", SANDBOX],
  ['sandbox/probe.ts', "import { version } from 'zapier-platform-core';", SANDBOX],
  ['probe.ts', "import { startSandbox } from './sandbox/server';", APP],
  ['probe.ts', "import { performOf } from './test/helpers/app';", APP],
  ['triggers/probe.ts', "import { SANDBOX_CREDENTIALS } from '../sandbox/seed';", APP],
  ['creates/probe.ts', "import { buildApp } from '../scripts/build';", APP],
  ['searches/probe.ts', "import { OPERATIONS } from '../bench/lib/operations';", APP],
  ['lib/probe.ts', "import { performOf } from '../test/helpers/app';", APP],
  ['lib/nested/probe.ts', "import { SANDBOX_CREDENTIALS } from '../../sandbox/seed.ts';", APP],
  ['creates/probe.ts', "import nock from 'nock';", APP_TOOLS],
  ['lib/probe.ts', "import fc from 'fast-check';", APP_TOOLS],
  ['lib/probe.ts', "import { SmashsendClient } from '../connector/src/smashsend';", BY_NAME],
  ['probe.ts', "import { SmashsendClient } from './connector/src/index';", BY_NAME],
  ['lib/probe.ts', "export const load = () => import('../sandbox/seed');", STATIC_ONLY],
  ['lib/probe.ts', "export type Support = typeof import('../test/helpers/app');", STATIC_ONLY],
  [
    'connector/src/probe.ts',
    "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const s = require('../../lib/secrets');",
    STATIC_ONLY,
  ],
  ['sandbox/probe.ts', "export const load = () => import('../connector/src/index');", STATIC_ONLY],
];

// What each part legitimately imports: no fence error.
const ALLOWED: Array<[string, string]> = [
  ['connector/src/probe.ts', "import * as v from 'valibot';\nimport { InputError } from './errors';\nexport { v, InputError };"],
  [
    'connector/src/cli/probe.ts',
    "import { SmashsendClient } from '../index';\nimport { parseArgs } from 'node:util';\nexport { SmashsendClient, parseArgs };",
  ],
  ['connector/examples/probe.ts', "import { SmashsendClient } from '@keyring/connector';\nexport { SmashsendClient };"],
  [
    'sandbox/vendors/probe.ts',
    "import { SMASHSEND_SEED } from '../seed';\nimport Fastify from 'fastify';\nexport { SMASHSEND_SEED, Fastify };",
  ],
  [
    'probe.ts',
    "import { authentication } from './authentication';\nimport { checkBaseUrlSettings } from './lib/settings';\nexport { authentication, checkBaseUrlSettings };",
  ],
  [
    'triggers/probe.ts',
    "import type { Bundle } from 'zapier-platform-core';\nimport { SmashsendClient } from '@keyring/connector';\nimport { smashsendClient } from '../lib/clients';\nexport type { Bundle };\nexport { SmashsendClient, smashsendClient };",
  ],
  ['lib/probe.ts', "import { maskSecret } from './secrets';\nexport const load = () => import('node:fs');\nexport { maskSecret };"],
  // Tests, the benchmark and scripts sit outside every fence: they glue the parts together.
  [
    'test/probe.ts',
    "import { SANDBOX_CREDENTIALS } from '../sandbox/seed';\nimport app from '../index';\nexport { SANDBOX_CREDENTIALS, app };",
  ],
  ['bench/probe.ts', "import { SmashsendClient } from '../connector/src/index';\nexport { SmashsendClient };"],
];

const results = lint([...FORBIDDEN.map(([file, code]) => ({ file, code })), ...ALLOWED.map(([file, code]) => ({ file, code }))]);

describe('a forbidden import is a lint error naming the fence', () => {
  it.each(FORBIDDEN.map((entry, index) => [...entry, index] as const))('%s: %s', (_file, _code, message, index) => {
    const findings = results[index]!;
    expect(findings.filter((finding) => finding.fatal)).toEqual([]);
    expect(findings.filter((finding) => FENCE_RULES.has(finding.ruleId ?? ''))).toEqual([
      { ruleId: message === STATIC_ONLY ? 'no-restricted-syntax' : 'no-restricted-imports', message: expect.stringContaining(message) },
    ]);
  });
});

describe('what each part needs stays allowed', () => {
  it.each(ALLOWED.map((entry, index) => [...entry, FORBIDDEN.length + index] as const))('%s', (_file, _code, index) => {
    expect(results[index]).toEqual([]);
  });
});
