// The connector as a user gets it: `npm pack` (its prepack build from sources), the tarball's contents, and the
// tarball installed into a fresh project outside the repository (made by `npm init -y`: CommonJS), used there from
// CommonJS `require`, from ESM `import` and from TypeScript (`tsc --noEmit` under nodenext and bundler resolution),
// against the sandbox; and every README example, as the tarball ships it (examples/), run there as the README says,
// printing what the README shows.
// Slow by nature (a build, an npm install, three type checks): about 30 s, hence its own timeout.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { PUBLIC_TYPES, PUBLIC_VALUES } from '../connector/publicSurface';
import {
  CONNECTOR,
  NODE_20,
  TSC,
  TSX,
  cleanEnv,
  copyInto,
  installInFreshProject,
  packConnector,
  removeAll,
  run,
  type Packed,
} from '../support/package';
import { sandboxEnv, useSandbox } from '../support/sandbox';

jest.setTimeout(240_000);

const env = useSandbox();
let packed: Packed;
let project: string;

beforeAll(async () => {
  packed = await packConnector();
  project = await installInFreshProject(packed.tarball);
  await copyInto(project, path.join(__dirname, 'consumer'));
  // The examples as the tarball ships them, copied into the project as a user would.
  await copyInto(path.join(project, 'examples'), path.join(project, 'node_modules', '@keyring', 'connector', 'examples'));
});

afterAll(async () => {
  await removeAll(packed?.dir, project);
});

/** Runs a file of the project (with the project's Node 22 unless told) and the sandbox in its environment; its last line of JSON. */
async function runInProject(file: string, node = process.execPath): Promise<Record<string, unknown>> {
  const { stdout } = await run(node, [file], { cwd: project, env: cleanEnv(sandboxEnv(env.sandbox)) });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
}

describe('the tarball', () => {
  it('holds the built package (ESM, CommonJS, declarations for both), its README, LICENSE and examples, and nothing else', async () => {
    for (const file of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.mjs',
      'dist/index.d.ts',
      'dist/index.d.mts',
      'dist/cli.js',
    ]) {
      expect(packed.files).toContain(file);
    }
    const examples = (await readdir(path.join(CONNECTOR, 'examples'))).map((name) => `examples/${name}`);
    const outsideDist = packed.files.filter((file) => !file.startsWith('dist/'));
    expect(outsideDist).toEqual(['LICENSE', 'README.md', ...examples, 'package.json'].sort());
    // The command ships once, as the CommonJS file `bin` names: no unused ESM copy (dist/cli.mjs).
    expect(packed.files).not.toContain('dist/cli.mjs');
    expect(packed.files.filter((file) => file.startsWith('dist/')).sort()).toEqual([
      'dist/cli.js',
      'dist/index.d.mts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.mjs',
    ]);
    // No sources or tests: TypeScript ships only as declarations, and as the README's examples.
    expect(packed.files.filter((file) => /\.test\.|\.[cm]?ts$/.test(file) && !/\.d\.m?ts$/.test(file))).toEqual(
      examples.filter((file) => /\.[cm]?ts$/.test(file)),
    );
  });

  it("holds every file the README links to (its relative links work wherever the package's files are read)", async () => {
    const readme = await readFile(path.join(CONNECTOR, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(?:#[^)]*)?\)/g)].map((match) => match[1] ?? '');
    expect(linked.length).toBeGreaterThan(0);
    for (const target of new Set(linked)) {
      const file = target.replace(/^\.\//, '').replace(/\/$/, '');
      expect({ target, shipped: packed.files.some((shipped) => shipped === file || shipped.startsWith(`${file}/`)) }).toEqual({
        target,
        shipped: true,
      });
    }
  });

  it('declares the ESM and CommonJS entry points, valibot as its one dependency, nothing of Zapier, and Node 20 and 22', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(project, 'node_modules', '@keyring', 'connector', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: '@keyring/connector',
      license: 'MIT',
      type: 'commonjs',
      sideEffects: false,
      main: './dist/index.js',
      types: './dist/index.d.ts',
      exports: {
        '.': {
          import: { types: './dist/index.d.mts', default: './dist/index.mjs' },
          require: { types: './dist/index.d.ts', default: './dist/index.js' },
        },
      },
    });
    expect((manifest.exports as Record<string, unknown>)['.']).toEqual({
      import: { types: './dist/index.d.mts', default: './dist/index.mjs' },
      require: { types: './dist/index.d.ts', default: './dist/index.js' },
    });
    // As npm normalises it (`npm pkg fix` changes nothing).
    expect(manifest.bin).toEqual({ keyring: 'dist/cli.js' });
    // No repository until the project has a public one: a placeholder URL would send users nowhere.
    expect(manifest.repository).toBeUndefined();
    expect(manifest.dependencies).toEqual({ valibot: expect.any(String) });
    for (const field of ['peerDependencies', 'optionalDependencies', 'bundleDependencies']) expect(manifest[field]).toBeUndefined();
    expect((manifest.engines as { node: string }).node).toBe('>=20');
  });

  it('has package.json as npm normalises it: `npm pkg fix` changes nothing', async () => {
    // In the clean copy of connector/ that packConnector packed.
    const copy = path.join(packed.dir, 'connector');
    const before = await readFile(path.join(copy, 'package.json'), 'utf8');
    await run('npm', ['pkg', 'fix'], { cwd: copy });
    expect(await readFile(path.join(copy, 'package.json'), 'utf8')).toBe(before);
  });

  it('ships built code that imports nothing but valibot and Node built-ins', async () => {
    for (const file of ['index.js', 'index.mjs']) {
      const code = await readFile(path.join(project, 'node_modules', '@keyring', 'connector', 'dist', file), 'utf8');
      const imported = [...new Set([...code.matchAll(/(?:require\(|from |import\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1]))];
      // A built-in's name always loads the built-in (node: or not: the CommonJS build may drop the prefix).
      const builtins = imported.filter((name) => isBuiltin(name));
      expect({ file, packages: imported.filter((name) => !builtins.includes(name)) }).toEqual({ file, packages: ['valibot'] });
      // http, https, url and zlib for httpTransport, which loads them on its first call (below: a program that does not
      // use it never loads http, https or zlib). Not crypto: secrets are compared without digests (connectionKey.ts).
      expect({ file, builtins: builtins.map((name) => name.replace(/^node:/, '')).sort() }).toEqual({
        file,
        builtins: ['http', 'https', 'url', 'zlib'],
      });
    }
  });

  it('loads node:http, node:https and node:zlib only when httpTransport is first used, from either build', async () => {
    const loaded = (code: string) => run(process.execPath, ['--input-type=commonjs', '-e', code], { cwd: project });
    const report =
      "process.stdout.write(JSON.stringify(['http', 'https', 'zlib'].map((name) => process.moduleLoadList.includes('NativeModule ' + name))))";
    const atLoad = await loaded(`require('@keyring/connector'); ${report}`);
    expect(JSON.parse(atLoad.stdout)).toEqual([false, false, false]);
    const esm = await run(process.execPath, ['--input-type=module', '-e', `await import('@keyring/connector'); ${report}`], {
      cwd: project,
    });
    expect(JSON.parse(esm.stdout)).toEqual([false, false, false]);
    const used = await loaded(
      `const { httpTransport } = require('@keyring/connector'); httpTransport({ method: 'GET', url: 'http://127.0.0.1:9/', query: {}, headers: {}, timeoutMs: 1000 }).catch(() => { ${report}; });`,
    );
    expect(JSON.parse(used.stdout)).toEqual([true, true, true]);
  });

  it('pins the public surface in the declarations: every exported value and type, no schema or internal helper', async () => {
    for (const file of ['index.d.ts', 'index.d.mts']) {
      const declarations = await readFile(path.join(project, 'node_modules', '@keyring', 'connector', 'dist', file), 'utf8');
      const values = /^export \{ ([^}]*) \};$/m.exec(declarations)?.[1]?.split(', ');
      const types = /^export type \{ ([^}]*) \};$/m.exec(declarations)?.[1]?.split(', ');
      expect({ file, values: values?.sort() }).toEqual({ file, values: [...PUBLIC_VALUES].sort() });
      expect({ file, types: types?.sort() }).toEqual({ file, types: [...PUBLIC_TYPES].sort() });
    }
  });
});

describe('installed in a fresh project', () => {
  it('is the project `npm init -y` makes: CommonJS', async () => {
    const manifest = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.type ?? 'commonjs').toBe('commonjs');
  });

  it('installs valibot from the registry or cache, and no workspace link', async () => {
    const { stdout } = await run('npm', ['ls', '--all', '--json'], { cwd: project });
    const tree = JSON.parse(stdout) as { dependencies: Record<string, { resolved?: string; dependencies?: Record<string, unknown> }> };
    expect(Object.keys(tree.dependencies)).toEqual(['@keyring/connector']);
    expect(tree.dependencies['@keyring/connector']?.resolved).toMatch(/^file:.*\.tgz$/);
    expect(Object.keys(tree.dependencies['@keyring/connector']?.dependencies ?? {})).toEqual(['valibot']);
  });

  it('installs the `keyring` command (package.json bin): it checks the three keys at the sandbox', async () => {
    const { stdout, stderr } = await run(path.join(project, 'node_modules', '.bin', 'keyring'), ['check'], {
      cwd: project,
      env: cleanEnv(sandboxEnv(env.sandbox)),
    });
    expect(stdout).toBe('SMASHSEND  ok     key "Sandbox Admin Key" (EDITOR)\nSmartLead  ok     3 clients\nSMARTe     ok     3 keys\n');
    expect(stderr).toBe('');
  });

  it.each(['require.cjs', 'import.mjs'])('%s: loads by name, exports exactly the public values, and talks to the sandbox', async (file) => {
    const output = await runInProject(file);
    expect(output).toEqual({
      exports: [...PUBLIC_VALUES].sort(),
      smashsend: 'Sandbox Admin Key',
      smartleadClients: ['Acme Outbound', 'Globex Growth', 'Initech Leads'],
      smarteKeys: expect.any(Number),
      notFound: { name: 'NotFoundError', kind: 'not_found', isConnectorError: true, isNotFound: true },
      internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
    expect(output.smarteKeys).toBeGreaterThan(0);
  });

  // The package supports Node 20 (engines >=20): the machine's own Node, when it is not the project's 22, runs both builds too.
  (NODE_20 ? it.each(['require.cjs', 'import.mjs']) : it.skip.each(['require.cjs', 'import.mjs']))(
    '%s: works the same under Node 20',
    async (file) => {
      const output = await runInProject(file, NODE_20);
      expect(output).toMatchObject({
        exports: [...PUBLIC_VALUES].sort(),
        smashsend: 'Sandbox Admin Key',
        internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      });
    },
  );

  it('type-checks TypeScript (the fixtures and the README examples) as ESM under nodenext resolution (the .d.mts declarations) and as CommonJS (.cts, the .d.ts ones)', async () => {
    const tsconfig = {
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022'],
        strict: true,
        noEmit: true,
        // Our declarations' own errors would show in the usage checks (the @ts-expect-error lines); @types/node's
        // are not ours to check, and checking them takes most of the time.
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(path.dirname(TSC), '..', '..', '@types')],
      },
      files: ['types.mts', 'types.cts'],
      include: ['examples/*.mts'],
    };
    await writeFile(path.join(project, 'tsconfig.nodenext.json'), JSON.stringify(tsconfig));
    const { stdout } = await run(process.execPath, [TSC, '-p', 'tsconfig.nodenext.json', '--listFiles'], { cwd: project });
    expect(stdout).toContain(path.join('examples', 'smarte.mts'));
    expect(stdout).toContain(path.join('examples', 'transport.mts'));
    const declarations = stdout.split('\n').filter((line) => line.includes('@keyring/connector/dist/'));
    expect(declarations.map((line) => path.basename(line)).sort()).toEqual(['index.d.mts', 'index.d.ts']);
  });

  it('type-checks TypeScript (the fixtures and the README examples) under bundler resolution (the import condition)', async () => {
    const tsconfig = {
      compilerOptions: {
        target: 'es2022',
        module: 'preserve',
        moduleResolution: 'bundler',
        lib: ['es2022'],
        strict: true,
        noEmit: true,
        // Our declarations' own errors would show in the usage checks (the @ts-expect-error lines); @types/node's
        // are not ours to check, and checking them takes most of the time.
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [path.join(path.dirname(TSC), '..', '..', '@types')],
      },
      files: ['types.mts'],
      include: ['examples/*.mts'],
    };
    await writeFile(path.join(project, 'tsconfig.bundler.json'), JSON.stringify(tsconfig));
    const { stdout } = await run(process.execPath, [TSC, '-p', 'tsconfig.bundler.json', '--listFiles'], { cwd: project });
    expect(stdout).toContain(path.join('examples', 'smarte.mts'));
    expect(stdout).toContain(path.join('examples', 'transport.mts'));
    const declarations = stdout.split('\n').filter((line) => line.includes('@keyring/connector/dist/'));
    expect(declarations.map((line) => path.basename(line))).toEqual(['index.d.mts']);
  });

  it('runs the type-checked TypeScript file (Node strips its types) against the sandbox', async () => {
    expect(await runInProject('types.mts')).toEqual({
      check: 'Sandbox Admin Key',
      firstPage: 2,
      all: expect.any(Number),
      secretLength: expect.any(Number),
      deleted: true,
      clients: 3,
      leadKeys: expect.any(Number),
      leadDeleted: true,
      smarteKeys: expect.any(Number),
      suspended: 'suspended',
      failure: { kind: 'not_found', vendor: 'SMARTe' },
      methods: ['DELETE', 'GET', 'POST'],
    });
  });
});

describe('the README examples (connector/examples), run from the installed package', () => {
  /** What each example prints, line by line; a new example needs its lines here. */
  const EXPECTED: Record<string, (string | RegExp)[]> = {
    'smashsend.mjs': [
      'Connected with "Sandbox Admin Key" (EDITOR)',
      /^Created aki_\w+ "Billing export", secret ending in \S{4}$/,
      /^aki_\w+ {2}API_USER {2}Billing export$/,
      'aki_abc123def456  API_USER  Zapier Integration',
      'aki_xyz789ghi012  API_USER  CRM Sync',
      'aki_sbxadmin0001  EDITOR    Sandbox Admin Key',
      /^Deleted aki_\w+: true$/,
    ],
    'rotate.mjs': [/^New key aki_\w+ "Zapier Integration" \(API_USER\), check: passed$/, 'Old key aki_abc123def456: deleted'],
    'smartlead.cjs': [
      'Client 301: Acme Outbound',
      /^Created key \d+ "Billing export", value ending in \S{4}$/,
      'Active keys: Production Key, Billing export',
      /^Reset key \d+: new value ending in \S{4}$/,
      /^Deleted key \d+$/,
    ],
    'smarte.mts': [
      /^Created [0-9a-f-]{36} for new\.hire@example\.com \(active\), ending in \S{4}$/,
      'Found: new.hire@example.com is active',
      'Suspended: suspended',
      'Reactivated: active',
      '4 keys, 4 active',
    ],
    'paging.mjs': ['Page 1: Sandbox Admin Key, CRM Sync; more: true', 'Page 2: Zapier Integration; more: false', 'All pages: 3 keys'],
    'timeouts.mjs': ['3 clients'],
    'errors.mjs': [
      'AuthError: auth (401 on GET /v1/api-keys/check), retryable: false',
      /^SMASHSEND said: \S.*$/,
      'Refused before sending: apiKeyId must contain only letters, digits, underscores and hyphens',
    ],
    'transport.mts': [/^GET \/api\/v1\/client\/api-key -> 200 \(\d+ ms\)$/, '2 active keys'],
  };

  function expectLines(stdout: string, expected: (string | RegExp)[]): void {
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, index) => {
      const want = expected[index];
      if (want instanceof RegExp) expect(line).toMatch(want);
      else expect(line).toBe(want);
    });
  }

  /** Runs an example as the README says: `node <file>` (Node 22.18 or newer strips a TypeScript file's types), or `npx tsx <file>`. */
  async function runExample(file: string, runner: 'node' | 'tsx' = 'node'): Promise<string> {
    const args = runner === 'tsx' ? [TSX, path.join('examples', file)] : [path.join('examples', file)];
    // tsx is the README's way on Node 20: run it there when the machine has one.
    const node = runner === 'tsx' ? (NODE_20 ?? process.execPath) : process.execPath;
    const { stdout } = await run(node, args, { cwd: project, env: cleanEnv(sandboxEnv(env.sandbox)) });
    return stdout;
  }

  it('has an expectation for every example file', async () => {
    expect((await readdir(path.join(CONNECTOR, 'examples'))).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s prints what the README says', async (file) => {
    expectLines(await runExample(file), EXPECTED[file] ?? []);
  });

  it.each(Object.keys(EXPECTED).filter((file) => file.endsWith('.mts')))('%s prints the same under `npx tsx`', async (file) => {
    expectLines(await runExample(file, 'tsx'), EXPECTED[file] ?? []);
  });

  it('timeouts.mjs: a vendor that does not answer within timeoutMs gives the timeout branch', async () => {
    env.sandbox.injectFault({ vendor: 'smartlead', kind: 'delay', delayMs: 4_000 });
    expectLines(await runExample('timeouts.mjs'), ['No answer (timeout); retryable: true']);
  });
});
