// `npm start`: starts the vendor sandbox on a free loopback port, points the built app at it, and walks a whole
// key lifecycle at each vendor through the real app definition, then the key-hygiene steps (a key that reached an
// age, rotated with its replacement checked, and an audit of every key), then a leaked secret's response (found,
// revoked and replaced, then no longer known), printing each step (secrets masked).
// Exits 0 only if every step did what it should.

import path from 'node:path';
import { createAppTester } from 'zapier-platform-core';
import { maskSecret } from '../lib/secrets';
import { startSandbox, type SandboxHandle } from '../sandbox/server';
import { SMASHSEND_SEED } from '../sandbox/seed';

type AppDefinition = typeof import('../index').default;
type Record_ = Record<string, unknown>;

/** What a step does, and how its outcome is judged: `check` returns what to print, or throws when it is wrong. */
type Step =
  | { step: 'connectionTest'; title: string; check: (result: unknown) => string }
  | {
      step: 'operation';
      title: string;
      kind: 'triggers' | 'creates' | 'searches';
      key: string;
      input?: () => Record_;
      check: (result: unknown) => string;
    }
  /** An operation that must be refused: it must fail with `error` (a Zapier error's name) and change nothing. */
  | {
      step: 'refusal';
      title: string;
      kind: 'creates';
      key: string;
      input?: () => Record_;
      error: string;
      check: (message: string) => string;
    }
  /** No app call: a figure read from the sandbox. */
  | { step: 'report'; title: string; report: () => string }
  /** No app call: the sandbox set up for the next steps (e.g. a key of a known age), returning what was done. */
  | { step: 'setup'; title: string; setup: () => string };

const SECRET_FIELDS = ['secretKey', 'api_key', 'apiKey', 'new_secret'];

function fail(message: string): never {
  throw new Error(message);
}

/** The type checker proves every kind of step is handled: a new kind without its case does not compile. */
function unreachable(step: never): never {
  throw new Error(`no way to run the step ${JSON.stringify(step)}`);
}

function asRecord(value: unknown, what: string): Record_ {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what} is not an object`);
  return value as Record_;
}

function asList(value: unknown, what: string): Record_[] {
  if (!Array.isArray(value)) fail(`${what} is not a list`);
  return value.map((item, index) => asRecord(item, `${what}[${index}]`));
}

/** "id=…, displayName=…, secretKey=********abcd" for the fields worth showing: a full secret masked, a hint (SMASHSEND's own "sk_live_abc1...", a mask) as the step returned it. */
function show(record: Record_, fields: string[]): string {
  return fields
    .filter((field) => record[field] !== undefined && record[field] !== '')
    .map((field) => {
      const value = record[field];
      const text = SECRET_FIELDS.includes(field) && hasFullSecret(record, field) ? maskSecret(String(value)) : String(value);
      return `${field}=${text}`;
    })
    .join(', ');
}

function hasFullSecret(record: Record_, field: string): boolean {
  const value = record[field];
  return typeof value === 'string' && value.length >= 16 && !value.includes('*') && !value.endsWith('...');
}

/** SMASHSEND writes (creates, updates, deletes) the sandbox has answered so far. */
function smashsendWrites(sandbox: SandboxHandle): number {
  return Object.entries(sandbox.requestCounts().byRoute)
    .filter(([route]) => /^(POST|DELETE) \/v1\/workspaces\//.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

function lifecycle(sandbox: SandboxHandle): Step[] {
  const stamp = Date.now().toString(36);
  const smashsendName = `Demo Key ${stamp}`;
  const smartleadName = `Demo Key ${stamp}`;
  const smarteEmail = `demo.${stamp}@example.com`;
  const state: {
    smashsendId?: string;
    rotatedId?: string;
    smartleadId?: unknown;
    smartleadSecret?: unknown;
    agedId?: string;
    agedReplacementId?: string;
    writesBefore?: number;
    leakedReplacementId?: string;
  } = {};
  // A SMASHSEND key whose secret "leaked" (the docs' CRM Sync key, seeded in the sandbox with its secret).
  const leaked = SMASHSEND_SEED.keys.find((key) => key.id === 'aki_xyz789ghi012') ?? fail('the sandbox has no CRM Sync key');
  const AGE_DAYS = 90;

  return [
    {
      step: 'connectionTest',
      title: 'Connection test (all three keys, concurrently)',
      check: (result) => {
        const label = String(asRecord(result, 'the test result').label);
        if (!/SMASHSEND .*SmartLead.*SMARTe/.test(label)) fail(`unexpected connection label "${label}"`);
        return `label "${label}"`;
      },
    },
    // SMASHSEND
    {
      step: 'operation',
      title: 'Create SMASHSEND API Key',
      kind: 'creates',
      key: 'create_smashsend_api_key',
      input: () => ({ displayName: smashsendName, role: 'API_USER' }),
      check: (result) => {
        const key = asRecord(result, 'the new key');
        if (!hasFullSecret(key, 'secretKey')) fail('the new key has no full secretKey');
        state.smashsendId = String(key.id);
        return show(key, ['id', 'displayName', 'role', 'secretKey']);
      },
    },
    {
      step: 'operation',
      title: 'New SMASHSEND API Key (trigger poll)',
      kind: 'triggers',
      key: 'new_smashsend_api_key',
      check: (result) => {
        const keys = asList(result, 'the poll');
        if (keys[0]?.id !== state.smashsendId) fail(`the newest key is ${String(keys[0]?.id)}, not ${state.smashsendId}`);
        return `${keys.length} keys, newest ${show(keys[0], ['id', 'displayName', 'secretKey'])}`;
      },
    },
    {
      step: 'operation',
      title: 'Find SMASHSEND API Key (by display name, any case)',
      kind: 'searches',
      key: 'find_smashsend_api_key',
      input: () => ({ displayName: smashsendName.toUpperCase() }),
      check: (result) => {
        const found = asList(result, 'the search');
        if (found.length !== 1 || found[0].id !== state.smashsendId) fail('the search did not find the new key');
        return show(found[0], ['id', 'displayName']);
      },
    },
    {
      step: 'operation',
      title: 'Update SMASHSEND API Key (rename, make it a viewer)',
      kind: 'creates',
      key: 'update_smashsend_api_key',
      input: () => ({ apiKeyId: state.smashsendId, displayName: `${smashsendName} (renamed)`, role: 'VIEWER' }),
      check: (result) => {
        const key = asRecord(result, 'the updated key');
        if (key.displayName !== `${smashsendName} (renamed)` || key.role !== 'VIEWER') fail('the key was not renamed');
        return show(key, ['id', 'displayName', 'role']);
      },
    },
    {
      step: 'operation',
      title: 'Rotate SMASHSEND API Key (new key, old one deleted)',
      kind: 'creates',
      key: 'rotate_smashsend_api_key',
      input: () => ({ apiKeyId: state.smashsendId }),
      check: (result) => {
        const key = asRecord(result, 'the rotated key');
        if (
          !hasFullSecret(key, 'secretKey') ||
          key.replacedKeyId !== state.smashsendId ||
          key.oldKeyDeleted !== true ||
          key.newKeyVerified !== true
        ) {
          fail(`rotation incomplete: ${show(key, ['replacedKeyId', 'newKeyVerified', 'oldKeyDeleted', 'warning'])}`);
        }
        state.rotatedId = String(key.id);
        return show(key, ['id', 'displayName', 'role', 'secretKey', 'replacedKeyId', 'newKeyVerified', 'oldKeyDeleted']);
      },
    },
    {
      step: 'operation',
      title: 'Delete SMASHSEND API Key (the replacement)',
      kind: 'creates',
      key: 'delete_smashsend_api_key',
      input: () => ({ apiKeyId: state.rotatedId }),
      check: (result) => {
        const key = asRecord(result, 'the deleted key');
        if (key.isDeleted !== true || key.id !== state.rotatedId) fail('the key was not deleted');
        return show(key, ['id', 'displayName', 'isDeleted']);
      },
    },
    // SmartLead
    {
      step: 'operation',
      title: 'Create SmartLead Client API Key (client 301)',
      kind: 'creates',
      key: 'create_smartlead_client_api_key',
      input: () => ({ clientId: '301', keyName: smartleadName }),
      check: (result) => {
        const key = asRecord(result, 'the new key');
        if (!hasFullSecret(key, 'api_key')) fail('the new key has no full api_key');
        state.smartleadId = key.id;
        state.smartleadSecret = key.api_key;
        return show(key, ['id', 'client_id', 'key_name', 'api_key']);
      },
    },
    {
      step: 'operation',
      title: 'New SmartLead Client API Key (trigger poll, client 301)',
      kind: 'triggers',
      key: 'new_smartlead_client_api_key',
      input: () => ({ clientId: '301' }),
      check: (result) => {
        const keys = asList(result, 'the poll');
        if (!keys.some((key) => key.id === state.smartleadId)) fail('the poll does not list the new key');
        return `${keys.length} keys, newest ${show(keys[0], ['id', 'key_name', 'api_key'])}`;
      },
    },
    {
      step: 'operation',
      title: 'Find SmartLead Client API Key (by name)',
      kind: 'searches',
      key: 'find_smartlead_client_api_key',
      input: () => ({ keyName: smartleadName }),
      check: (result) => {
        const found = asList(result, 'the search');
        if (!found.some((key) => key.id === state.smartleadId)) fail('the search did not find the new key');
        return `${found.length} found: ${show(found[0], ['id', 'key_name', 'status'])}`;
      },
    },
    {
      step: 'operation',
      title: 'Reset SmartLead Client API Key (new value)',
      kind: 'creates',
      key: 'reset_smartlead_client_api_key',
      input: () => ({ keyId: String(state.smartleadId) }),
      check: (result) => {
        const key = asRecord(result, 'the reset key');
        if (!hasFullSecret(key, 'api_key') || key.api_key === state.smartleadSecret) fail('the key value did not change');
        return show(key, ['id', 'key_name', 'api_key']);
      },
    },
    {
      step: 'operation',
      title: 'Delete SmartLead Client API Key',
      kind: 'creates',
      key: 'delete_smartlead_client_api_key',
      input: () => ({ keyId: String(state.smartleadId) }),
      check: (result) => {
        const key = asRecord(result, 'the delete result');
        if (key.deleted !== true) fail('the key was not deleted');
        return show(key, ['id', 'key_name', 'deleted']);
      },
    },
    // SMARTe
    {
      step: 'operation',
      title: 'Create SMARTe API Key (for a user)',
      kind: 'creates',
      key: 'create_smarte_api_key',
      input: () => ({ email: smarteEmail }),
      check: (result) => {
        const key = asRecord(result, 'the new key');
        if (!hasFullSecret(key, 'apiKey') || key.status !== 'active') fail('the new key has no full apiKey');
        return show(key, ['keyId', 'email', 'status', 'apiKey']);
      },
    },
    {
      step: 'operation',
      title: 'New SMARTe API Key (trigger poll)',
      kind: 'triggers',
      key: 'new_smarte_api_key',
      check: (result) => {
        const keys = asList(result, 'the poll');
        const mine = keys.find((key) => key.email === smarteEmail) ?? fail('the poll does not list the new key');
        return `${keys.length} keys, incl. ${show(mine, ['id', 'email', 'apiKey'])}`;
      },
    },
    {
      step: 'operation',
      title: 'Find SMARTe API Key (by email)',
      kind: 'searches',
      key: 'find_smarte_api_key',
      input: () => ({ email: smarteEmail }),
      check: (result) => {
        const found = asList(result, 'the search');
        if (found.length !== 1 || found[0].email !== smarteEmail) fail('the search did not find the key');
        return show(found[0], ['id', 'email', 'status']);
      },
    },
    {
      step: 'operation',
      title: 'Suspend SMARTe API Key',
      kind: 'creates',
      key: 'suspend_smarte_api_key',
      input: () => ({ email: smarteEmail }),
      check: (result) => {
        const key = asRecord(result, 'the suspended key');
        if (key.status !== 'suspended') fail(`status is ${String(key.status)}`);
        return show(key, ['id', 'email', 'status']);
      },
    },
    {
      step: 'operation',
      title: 'Reactivate SMARTe API Key',
      kind: 'creates',
      key: 'reactivate_smarte_api_key',
      input: () => ({ email: smarteEmail }),
      check: (result) => {
        const key = asRecord(result, 'the reactivated key');
        if (key.status !== 'active') fail(`status is ${String(key.status)}`);
        return show(key, ['id', 'email', 'status']);
      },
    },
    // Key hygiene: a key that reached the age, rotated (verified), then the whole inventory
    {
      step: 'setup',
      title: `A SMASHSEND key created ${AGE_DAYS + 10} days ago (sandbox)`,
      setup: () => {
        const createdAt = new Date(Date.now() - (AGE_DAYS + 10) * 86_400_000).toISOString();
        sandbox.generateSmashsendKeys(1, { createdAt });
        return `created at ${createdAt}`;
      },
    },
    {
      step: 'operation',
      title: `API Key Reached Age (trigger poll, ${AGE_DAYS} days, SMASHSEND)`,
      kind: 'triggers',
      key: 'api_key_reached_age',
      input: () => ({ age_days: AGE_DAYS, vendors: ['SMASHSEND'] }),
      check: (result) => {
        const rows = asList(result, 'the poll');
        const newest = rows[0] ?? fail('no key has reached the age');
        if (newest.age_days !== AGE_DAYS + 10) fail(`the newest crossing is ${String(newest.age_days)} days old, not ${AGE_DAYS + 10}`);
        if (rows.some((row) => typeof row.age_days !== 'number' || row.age_days < AGE_DAYS)) fail('a younger key was listed');
        state.agedId = String(newest.key_id);
        // The connection's own key is old too, and flagged, so that a rotation Zap can filter it out.
        const own = rows.filter((row) => row.connection_key === true);
        if (own.length !== 1 || own[0]?.key_id !== 'aki_sbxadmin0001') fail("the connection's own key is not flagged connection_key");
        return `${rows.length} keys at least ${AGE_DAYS} days old; newest crossing ${show(newest, ['id', 'name', 'age_days', 'key_hint'])}; this connection's own: ${show(own[0] ?? {}, ['id', 'name', 'connection_key'])}`;
      },
    },
    {
      step: 'refusal',
      title: "Rotate SMASHSEND API Key (the connection's own key, aki_sbxadmin0001): refused, nothing written",
      kind: 'creates',
      key: 'rotate_smashsend_api_key',
      input: () => {
        state.writesBefore = smashsendWrites(sandbox);
        return { apiKeyId: 'aki_sbxadmin0001' };
      },
      error: 'HaltedError',
      check: (message) => {
        if (smashsendWrites(sandbox) !== state.writesBefore) fail('a SMASHSEND key was written');
        if (!message.includes("Allow This Connection's Own Key")) fail(`the message does not name the opt-in: ${message}`);
        return `HaltedError (never turns the Zap off): ${message}`;
      },
    },
    {
      step: 'operation',
      title: 'Rotate SMASHSEND API Key (the key that reached the age; the new key checked before the old one goes)',
      kind: 'creates',
      key: 'rotate_smashsend_api_key',
      input: () => ({ apiKeyId: state.agedId }),
      check: (result) => {
        const key = asRecord(result, 'the rotated key');
        if (
          !hasFullSecret(key, 'secretKey') ||
          key.replacedKeyId !== state.agedId ||
          key.newKeyVerified !== true ||
          key.oldKeyDeleted !== true
        )
          fail(`rotation incomplete: ${show(key, ['replacedKeyId', 'newKeyVerified', 'oldKeyDeleted', 'warning'])}`);
        state.agedReplacementId = String(key.id);
        return show(key, ['id', 'displayName', 'secretKey', 'replacedKeyId', 'newKeyVerified', 'oldKeyDeleted']);
      },
    },
    {
      step: 'operation',
      title: `Audit API Keys (every vendor, older than ${AGE_DAYS} days)`,
      kind: 'creates',
      key: 'audit_api_keys',
      input: () => ({ older_than_days: AGE_DAYS }),
      check: (result) => {
        const audit = asRecord(result, 'the audit');
        const keys = asList(audit.keys, 'the audit keys');
        if (keys.length !== audit.total) fail(`${keys.length} line items for a total of ${String(audit.total)}`);
        if (keys.some((key) => key.id === `SMASHSEND:${state.agedId}`)) fail('the rotated-away key is still listed');
        const replacement = keys.find((key) => key.id === `SMASHSEND:${state.agedReplacementId}`) ?? fail('the new key is not listed');
        if (replacement.stale !== false || replacement.age_days !== 0) fail('the new key is not a fresh one');
        const stale = keys.filter((key) => key.stale === true);
        if (stale.length !== audit.stale_count || stale.length === 0) fail(`stale_count ${String(audit.stale_count)} does not match`);
        return `${String(audit.total)} keys (SMASHSEND ${String(audit.smashsend_count)}, SmartLead ${String(audit.smartlead_count)}, SMARTe ${String(audit.smarte_count)}), ${stale.length} older than ${AGE_DAYS} days: ${stale.map((key) => `${String(key.name)} (${String(key.age_days)} d)`).join(', ')}`;
      },
    },
    // Leak response: a secret handed over by a scanner is identified, revoked and replaced, then no longer known.
    {
      step: 'operation',
      title: 'Find API Key by Secret (a leaked SMASHSEND secret, as a scanner hands it over)',
      kind: 'searches',
      key: 'find_api_key_by_secret',
      input: () => ({ secret: leaked.secretKey }),
      check: (result) => {
        const [row, ...more] = asList(result, 'the search');
        if (!row || more.length > 0) fail('the secret was not found exactly once');
        if (row.key_id !== leaked.id || row.live !== true || row.revocable !== true || row.connection_key !== false)
          fail(`wrong key: ${show(row, ['id', 'live', 'revocable', 'connection_key'])}`);
        if (JSON.stringify(row).includes(leaked.secretKey)) fail('the search echoed the secret');
        return show(row, ['id', 'name', 'status', 'key_hint', 'live', 'connection_key', 'revocable']);
      },
    },
    {
      step: 'operation',
      title: 'Revoke Leaked API Key (deleted first, then a twin of the same name and role, checked)',
      kind: 'creates',
      key: 'revoke_leaked_api_key',
      input: () => ({ secret: leaked.secretKey, replace: true }),
      check: (result) => {
        const revoked = asRecord(result, 'the revocation');
        if (revoked.action !== 'rotated' || revoked.key_id !== leaked.id || !hasFullSecret(revoked, 'new_secret') || revoked.warning !== '')
          fail(`revocation incomplete: ${show(revoked, ['action', 'key_id', 'new_key_id', 'warning'])}`);
        state.leakedReplacementId = String(revoked.new_key_id);
        return show(revoked, ['vendor', 'key_id', 'name', 'action', 'new_key_id', 'new_secret', 'key_hint']);
      },
    },
    {
      step: 'operation',
      title: 'Find API Key by Secret (the leaked secret again: no vendor knows it any more)',
      kind: 'searches',
      key: 'find_api_key_by_secret',
      input: () => ({ secret: leaked.secretKey }),
      check: (result) => {
        if (asList(result, 'the search').length !== 0) fail('the leaked secret is still known');
        return `nothing found: the leaked key ${leaked.id} is gone; its replacement is ${String(state.leakedReplacementId)}`;
      },
    },
    {
      step: 'report',
      title: 'Sandbox request count',
      report: () => `${sandbox.requestCounts().total} vendor requests in all`,
    },
  ];
}

async function main(): Promise<number> {
  const sandbox = await startSandbox({ port: 0 });
  process.env.SMARTLEAD_BASE_URL = sandbox.baseUrls.smartlead;
  process.env.SMASHSEND_BASE_URL = sandbox.baseUrls.smashsend;
  process.env.SMARTE_BASE_URL = sandbox.baseUrls.smarte;
  // The built app, as Zapier loads it (dist/, what root index.js exports); `npm start` builds it first.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const App = (require(path.join(__dirname, '..', 'dist', 'index.js')) as { default: AppDefinition }).default;
  const appTester = createAppTester(App);
  const authData = {
    smashsend_api_key: sandbox.credentials.smashsendApiKey,
    smashsend_workspace_id: '',
    smartlead_api_key: sandbox.credentials.smartleadApiKey,
    smarte_api_key: sandbox.credentials.smarteApiKey,
  };

  console.log(`Keyring demo: the app (v${App.version}) against the vendor sandbox at ${sandbox.url}`);
  console.log('(the SMASHSEND workspace is discovered from the key; secrets are shown masked)\n');
  const steps = lifecycle(sandbox);
  let failed = 0;
  try {
    for (const [index, step] of steps.entries()) {
      const label = `${String(index + 1).padStart(2)}/${steps.length} ${step.title}`;
      const started = performance.now();
      try {
        let summary: string;
        switch (step.step) {
          case 'connectionTest': {
            const test = App.authentication!.test as (z: unknown, bundle: unknown) => unknown;
            summary = step.check(await appTester(test, { authData, inputData: {} }));
            break;
          }
          case 'operation': {
            const operations = App[step.kind] as Record<string, { operation: { perform: unknown } }>;
            const perform = operations[step.key].operation.perform as (z: unknown, bundle: unknown) => unknown;
            summary = step.check(await appTester(perform, { authData, inputData: step.input?.() ?? {} }));
            break;
          }
          case 'refusal': {
            const operations = App[step.kind] as Record<string, { operation: { perform: unknown } }>;
            const perform = operations[step.key].operation.perform as (z: unknown, bundle: unknown) => unknown;
            const outcome = await appTester(perform, { authData, inputData: step.input?.() ?? {} }).then(
              () => fail('the step was not refused'),
              (error: unknown) => error,
            );
            if (!(outcome instanceof Error) || outcome.name !== step.error)
              fail(`expected ${step.error}, got ${outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : String(outcome)}`);
            summary = step.check(outcome.message.split('\nWhat happened:')[0] ?? '');
            break;
          }
          case 'report':
            summary = step.report();
            break;
          case 'setup':
            summary = step.setup();
            break;
          default:
            summary = unreachable(step);
        }
        const ms = Math.round(performance.now() - started);
        console.log(`✔ ${label}  (${ms} ms)\n     ${summary}`);
      } catch (error) {
        failed += 1;
        const message = error instanceof Error ? error.message.split('\nWhat happened:')[0] : String(error);
        console.log(`✘ ${label}\n     ${message}`);
        break; // later steps build on this one
      }
    }
  } finally {
    await sandbox.close();
  }
  console.log(failed === 0 ? `\nAll ${steps.length} steps did what they should.` : '\nThe demo stopped at the failed step above.');
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
