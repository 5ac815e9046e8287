// Nothing lost. (1) A rotation whose check of the new key or whose delete step fails in any way still returns the new
// key and its secret (which SMASHSEND shows only once, and which works), and says the old key is (or may be) still live;
// a new key that did not check out never costs the old key. (2) A create, reset or
// rotation whose answer is lost after the vendor acted says the key may have been created (or reset) and names the
// search to check with, and that search, run as told, does find it: the advice is true, and no blind retry is needed.

import { SmashsendClient, fetchTransport } from '@keyring/connector';
import type { FaultBehaviour, SandboxHandle } from '../../sandbox/server';
import { runOperation } from '../support/app';
import { withEnv } from '../support/env';
import { closedPort, recordingProxy, type LostAnswer } from '../support/net';
import { LEAKED, OPERATIONS, SL_KEYS, SS_KEYS, operation } from '../support/operations';
import { masked, neverSigns, outcomeOf } from '../support/outcome';
import { authSecrets, sandboxAuth, useSandbox } from '../support/sandbox';
import { baseUrlEnvOf } from '../support/vendors';

const env = useSandbox({ resetEachTest: false });
const OLD = { id: 'aki_xyz789ghi012', displayName: 'CRM Sync' };
const rotate = OPERATIONS.find((op) => op.key === 'rotate_smashsend_api_key')!;
const figures = {
  checkFaults: 0,
  checkKept: 0,
  deleteFaults: 0,
  deleteKept: 0,
  lostAnswers: 0,
  foundByAdvice: 0,
  revokeFaults: 0,
  revokeHarmless: 0,
  revokeDelivered: 0,
};

// ---- (1) rotate × every fault on the delete step ----

interface DeleteFault {
  id: string;
  fault: FaultBehaviour;
  /** What the warning must say about the old key. */
  says: string;
  timeoutMs?: number;
}

const LIVE = 'is still live';
const MAYBE = 'may still be live';
const DELETE_FAULTS: DeleteFault[] = [
  ...[400, 401, 403, 422, 500, 502, 503].map((status) => ({
    id: String(status),
    fault: { kind: 'status', status } as FaultBehaviour,
    says: LIVE,
  })),
  // A 404 on the delete: the key is gone already, as far as SMASHSEND says.
  { id: '404', fault: { kind: 'status', status: 404 }, says: 'was not found when deleting it, so it was probably deleted already' },
  { id: '429 + Retry-After', fault: { kind: 'status', status: 429, retryAfter: 7 }, says: LIVE },
  { id: '429', fault: { kind: 'status', status: 429 }, says: LIVE },
  { id: 'HTML page', fault: { kind: 'html' }, says: LIVE },
  // A 2xx whose body cannot be read may follow a delete that happened.
  { id: 'empty body', fault: { kind: 'empty' }, says: MAYBE },
  { id: 'malformed JSON', fault: { kind: 'malformed' }, says: MAYBE },
  { id: 'wrong shape', fault: { kind: 'wrongShape' }, says: MAYBE },
  {
    id: 'isDeleted false',
    fault: {
      kind: 'status',
      status: 200,
      body: {
        apiKey: { id: OLD.id, displayName: OLD.displayName, role: 'API_USER', status: 'ACTIVE', createdAt: '2024-03-10T14:30:00Z' },
        isDeleted: false,
      },
    },
    says: LIVE,
  },
  { id: 'timeout', fault: { kind: 'delay', delayMs: 2_000 }, says: MAYBE, timeoutMs: 500 },
  { id: 'reset', fault: { kind: 'drop' }, says: MAYBE },
];

/** The secret a rotation returned really is the new key's and works, and the old key is still there too. */
async function expectBothKeysLive(sandbox: SandboxHandle, result: { id: string; secretKey: string }): Promise<void> {
  const check = await new SmashsendClient(result.secretKey, {
    baseUrl: sandbox.baseUrls.smashsend,
    transport: fetchTransport,
  }).checkApiKey();
  expect(check).toMatchObject({ status: 'SUCCEED', displayName: OLD.displayName });
  const keys = await new SmashsendClient(sandbox.credentials.smashsendApiKey, {
    baseUrl: sandbox.baseUrls.smashsend,
    workspaceId: sandbox.credentials.smashsendWorkspaceId,
  }).listApiKeys({ limit: 100 });
  expect(keys.items.map((k) => k.id)).toEqual(expect.arrayContaining([OLD.id, result.id]));
}

describe('rotate_smashsend_api_key: every fault on the delete step still returns the new key, and says the old one is live', () => {
  it.each(DELETE_FAULTS.map((f) => [f.id, f] as const))('%s', async (_id, { fault, says, timeoutMs }) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'DELETE', path: `/api-keys/${OLD.id}`, ...fault });
    const outcome = await withEnv({ KEYRING_TIMEOUT_MS: timeoutMs ? String(timeoutMs) : undefined }, () =>
      outcomeOf(runOperation(rotate, sandboxAuth(sandbox), { apiKeyId: OLD.id })),
    );
    figures.deleteFaults += 1;
    expect(outcome.ok).toBe(true);
    const result = outcome.result as {
      id: string;
      secretKey: string;
      displayName: string;
      replacedKeyId: string;
      oldKeyDeleted: boolean;
      warning: string;
    };
    expect(result).toMatchObject({ displayName: OLD.displayName, replacedKeyId: OLD.id, oldKeyDeleted: false, newKeyVerified: true });
    // the delete came after the new key passed its check, made once, with the new secret
    expect(sandbox.requestCounts().byRoute['GET /v1/api-keys/check']).toBe(1);
    expect(result.id).not.toBe(OLD.id);
    expect(result.secretKey).toMatch(/^sk_live_[A-Za-z0-9]{20,}$/); // the full secret, not a mask
    expect(result.warning).toContain(`The new key was created, but the old key ${OLD.id} ("${OLD.displayName}") ${says}`);
    if (says !== 'was not found when deleting it, so it was probably deleted already')
      expect(result.warning).toContain('Delete it with the "Delete SMASHSEND API Key" step or in SMASHSEND.');
    expect(neverSigns(result.warning, result.warning, authSecrets(sandbox))).toEqual([]);
    // The secret really is the new key's, and it works; the old key is indeed still there.
    await expectBothKeysLive(sandbox, result);
    // Exactly one delete was tried: no retry loop inside the step.
    expect(sandbox.requestCounts().byRoute[`DELETE /v1/workspaces/:workspaceId/api-keys/:apiKeyId`]).toBe(1);
    figures.deleteKept += 1;
  });
});

// ---- (1b) rotate × every fault on the check of the new key ----

interface CheckFault {
  id: string;
  fault: FaultBehaviour;
  /** SMASHSEND said no to the new key (rather than giving no usable answer). */
  rejected?: boolean;
  timeoutMs?: number;
}

const CHECK_FAULTS: CheckFault[] = [
  ...[400, 403, 404, 422, 500, 502, 503].map((status) => ({ id: String(status), fault: { kind: 'status', status } as FaultBehaviour })),
  { id: '401', fault: { kind: 'status', status: 401 }, rejected: true },
  { id: 'status FAILED', fault: { kind: 'status', status: 200, body: { status: 'FAILED' } }, rejected: true },
  { id: '429 + Retry-After', fault: { kind: 'status', status: 429, retryAfter: 7 } },
  { id: '429', fault: { kind: 'status', status: 429 } },
  { id: 'HTML page', fault: { kind: 'html' } },
  { id: 'empty body', fault: { kind: 'empty' } },
  { id: 'malformed JSON', fault: { kind: 'malformed' } },
  { id: 'wrong shape', fault: { kind: 'wrongShape' } },
  { id: 'timeout', fault: { kind: 'delay', delayMs: 2_000 }, timeoutMs: 500 },
  { id: 'reset', fault: { kind: 'drop' } },
];

describe('rotate_smashsend_api_key: every fault on the check of the new key still returns the new key, and keeps the old one', () => {
  it.each(CHECK_FAULTS.map((f) => [f.id, f] as const))('%s', async (_id, { fault, rejected, timeoutMs }) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: '/api-keys/check', ...fault });
    const outcome = await withEnv({ KEYRING_TIMEOUT_MS: timeoutMs ? String(timeoutMs) : undefined }, () =>
      outcomeOf(runOperation(rotate, sandboxAuth(sandbox), { apiKeyId: OLD.id })),
    );
    figures.checkFaults += 1;
    expect(outcome.ok).toBe(true);
    const result = outcome.result as { id: string; secretKey: string; oldKeyDeleted: boolean; newKeyVerified: boolean; warning: string };
    expect(result).toMatchObject({ displayName: OLD.displayName, replacedKeyId: OLD.id, oldKeyDeleted: false, newKeyVerified: false });
    expect(result.id).not.toBe(OLD.id);
    expect(result.secretKey).toMatch(/^sk_live_[A-Za-z0-9]{20,}$/); // the full secret, not a mask
    expect(result.warning).toContain(
      rejected
        ? 'The new key was created, but SMASHSEND did not accept it when it was checked with its own secret: '
        : 'The new key was created, but checking it with its own secret failed: ',
    );
    expect(result.warning).toContain(`The old key ${OLD.id} ("${OLD.displayName}") was kept so that nothing breaks`);
    expect(neverSigns(result.warning, result.warning, authSecrets(sandbox))).toEqual([]);
    expect(result.warning).not.toContain(result.secretKey);
    // The check was asked once, and nothing was deleted: both keys are live, and the new secret works.
    const counts = sandbox.requestCounts().byRoute;
    expect(counts['GET /v1/api-keys/check']).toBe(1);
    expect(Object.keys(counts).filter((route) => route.startsWith('DELETE'))).toEqual([]);
    await expectBothKeysLive(sandbox, result);
    figures.checkKept += 1;
  });
});

// ---- (1c) rotating the connection's own key, allowed: the new secret comes back, and the warning says to switch to it ----

describe("rotate_smashsend_api_key of the connection's own key (allow_connection_key on): the new secret is never lost", () => {
  const OWN = 'aki_sbxadmin0001'; // the sandbox connection's SMASHSEND key
  const RECONNECT =
    "The old key was the key this Zapier connection signs in with: reconnect with the new secret (this step's Secret Key) in the SMASHSEND API Key field, or every SMASHSEND step of this connection will fail.";
  const works = (sandbox: SandboxHandle, secret: string) =>
    new SmashsendClient(secret, { baseUrl: sandbox.baseUrls.smashsend, transport: fetchTransport }).checkApiKey().then(
      (check) => check.status,
      () => 'rejected',
    );

  it.each([
    ['no fault: deleted', undefined, true, ''],
    ['a lost answer to the delete (reset): it may be gone', { kind: 'drop' } as FaultBehaviour, true, 'may still be live'],
    [
      'a 500 on the delete: it is still live, the connection keeps working',
      { kind: 'status', status: 500 } as FaultBehaviour,
      false,
      'is still live',
    ],
  ])('%s', async (_name, fault, reconnect, says) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    if (fault) sandbox.injectFault({ vendor: 'smashsend', method: 'DELETE', path: `/api-keys/${OWN}`, ...fault });
    const outcome = await outcomeOf(runOperation(rotate, sandboxAuth(sandbox), { apiKeyId: OWN, allow_connection_key: true }));
    expect(outcome.ok).toBe(true);
    const result = outcome.result as { id: string; secretKey: string; replacedKeyId: string; oldKeyDeleted: boolean; warning: string };
    expect(result).toMatchObject({
      displayName: 'Sandbox Admin Key',
      replacedKeyId: OWN,
      newKeyVerified: true,
      oldKeyDeleted: fault === undefined,
    });
    expect(result.secretKey).toMatch(/^sk_live_[A-Za-z0-9]{20,}$/); // the full secret, not a mask
    expect(await works(sandbox, result.secretKey)).toBe('SUCCEED');
    if (says === '') expect(result.warning).toBe(RECONNECT);
    else expect(result.warning).toContain(`The new key was created, but the old key ${OWN} ("Sandbox Admin Key") ${says}`);
    // Reconnecting is asked for exactly when the old key is (or may be) gone.
    expect(result.warning.includes(RECONNECT)).toBe(reconnect);
    // Only the delete that was answered removed the old key (the sandbox drops the connection before acting on it).
    expect(await works(sandbox, sandbox.credentials.smashsendApiKey)).toBe(fault === undefined ? 'rejected' : 'SUCCEED');
    expect(neverSigns(result.warning, result.warning, authSecrets(sandbox))).toEqual([]);
    expect(result.warning).not.toContain(result.secretKey);
  });
});

// ---- (2) answers lost after the vendor acted ----

/**
 * A proxy in front of the sandbox that lets the vendor act on the first matching request, then loses the answer: it
 * resets the connection (reset), or holds it until the client gives up (timeout).
 */
async function lossyProxy(target: string, match: { method: string; path: string }, how: LostAnswer) {
  let lost = 0;
  const proxy = await recordingProxy(target, {
    loseAnswer: (request) => {
      if (lost > 0 || request.method !== match.method || !request.rawPath.endsWith(match.path)) return undefined;
      lost += 1;
      return how;
    },
  });
  return { origin: proxy.origin, lost: () => lost, close: proxy.close };
}

interface LostWrite {
  op: string;
  input: Record<string, unknown>;
  method: string;
  path: string;
  /** What the message must say may have happened, and the search it must name. */
  mayHaveHappened: string;
  checkWith: string;
  /** The search the message names, run as told, and what it must find. */
  find: { key: string; input: Record<string, unknown>; finds: (result: unknown[]) => boolean };
}

const created = 'The key may have been created anyway';
const LOST_WRITES: LostWrite[] = [
  {
    op: 'create_smashsend_api_key',
    input: { displayName: 'Lost Answer Key', role: 'API_USER' },
    method: 'POST',
    path: SS_KEYS,
    mayHaveHappened: created,
    checkWith: 'Find SMASHSEND API Key',
    find: { key: 'find_smashsend_api_key', input: { displayName: 'Lost Answer Key' }, finds: (r) => r.length === 1 },
  },
  {
    op: 'create_smartlead_client_api_key',
    input: { clientId: 302, keyName: 'Lost Answer Key' },
    method: 'POST',
    path: '/api/v1/client/api-key',
    mayHaveHappened: created,
    checkWith: 'Find SmartLead Client API Key',
    find: {
      key: 'find_smartlead_client_api_key',
      input: { keyName: 'Lost Answer Key', include_secret: true },
      finds: (r) => r.length === 1 && /^[A-Za-z0-9_]{16,}$/.test(String((r[0] as { api_key: string }).api_key)),
    },
  },
  {
    op: 'reset_smartlead_client_api_key',
    input: { keyId: 45 },
    method: 'PUT',
    path: '/api/v1/client/api-key/reset/45',
    mayHaveHappened: 'The key may have been reset anyway, so its old value may no longer work',
    checkWith: 'Find SmartLead Client API Key',
    // The search, with the full value asked for, shows the key's new value (not the seeded one).
    find: {
      key: 'find_smartlead_client_api_key',
      input: { keyName: 'Production Key', include_secret: true },
      finds: (r) => r.length === 1 && (r[0] as { api_key: string }).api_key !== 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s',
    },
  },
  {
    op: 'create_smarte_api_key',
    input: { email: 'lost.answer@smarte.pro' },
    method: 'POST',
    path: '/signals/v1/key/createsignalapikey',
    mayHaveHappened: created,
    checkWith: 'Find SMARTe API Key',
    find: { key: 'find_smarte_api_key', input: { email: 'lost.answer@smarte.pro' }, finds: (r) => r.length === 1 },
  },
  {
    op: 'rotate_smashsend_api_key',
    input: { apiKeyId: OLD.id },
    method: 'POST',
    path: SS_KEYS,
    mayHaveHappened: created,
    checkWith: 'Find SMASHSEND API Key',
    // The replacement exists beside the old key (which was not deleted: the step stopped before the delete).
    find: {
      key: 'find_smashsend_api_key',
      input: { displayName: OLD.displayName },
      finds: (r) => r.length === 2 && r.some((k) => (k as { id: string }).id === OLD.id),
    },
  },
];

const kindOf = (key: string) => OPERATIONS.find((op) => op.key === key)!;

describe.each([
  ['reset after the vendor acted', 'reset', undefined],
  ['timeout after the vendor acted', 'timeout', 500],
] as const)('%s', (_name, how, timeoutMs) => {
  it.each(LOST_WRITES.map((w) => [w.op, w] as const))(
    '%s: says what may have happened and which search to check with, and that search finds it',
    async (_op, write) => {
      const sandbox = env.sandbox;
      sandbox.reset();
      const proxy = await lossyProxy(sandbox.url, { method: write.method, path: write.path }, how);
      try {
        env.pointAt(proxy.origin);
        const outcome = await withEnv({ KEYRING_TIMEOUT_MS: timeoutMs ? String(timeoutMs) : undefined }, () =>
          outcomeOf(runOperation(kindOf(write.op), sandboxAuth(sandbox), write.input)),
        );
        expect(proxy.lost()).toBe(1);
        figures.lostAnswers += 1;
        expect(outcome).toMatchObject({ ok: false, name: 'AppError', code: 'network' });
        const what = how === 'reset' ? 'dropped the connection (reset)' : `did not answer within ${(timeoutMs ?? 0) / 1000} s`;
        expect(outcome.message).toContain(`${what} (${write.method} ${write.path}).`);
        expect(outcome.message).toContain(`${write.mayHaveHappened}: use the "${write.checkWith}" step`);
        expect(outcome.message).toContain('to check before trying again.');
        expect(outcome.message).not.toContain('A retry may help');
        expect(neverSigns(outcome.message ?? '', outcome.fullText ?? '', authSecrets(sandbox))).toEqual([]);
      } finally {
        env.pointAt();
        await proxy.close();
      }
      // Follow the advice: the named search finds what the lost answer would have shown.
      const found = await runOperation(kindOf(write.find.key), sandboxAuth(sandbox), write.find.input);
      expect(Array.isArray(found) && write.find.finds(found)).toBe(true);
      figures.foundByAdvice += 1;
    },
  );
});

it('a refused connection says a retry is safe: nothing reached the vendor', async () => {
  const sandbox = env.sandbox;
  sandbox.reset();
  const port = await closedPort();
  for (const write of LOST_WRITES.filter((w) => w.op !== 'rotate_smashsend_api_key')) {
    const op = kindOf(write.op);
    const outcome = await withEnv({ [baseUrlEnvOf(op.vendor)]: `http://127.0.0.1:${port}/${op.vendor}` }, () =>
      outcomeOf(runOperation(op, sandboxAuth(sandbox), write.input)),
    );
    expect(outcome).toMatchObject({ ok: false, name: 'AppError', code: 'network' });
    expect(outcome.message).toMatch(/refused the connection \(.*\)\. Nothing reached \w+, so nothing was changed: a retry is safe\.$/);
    expect(outcome.message).not.toContain('may have been');
  }
});

// ---- (3) Revoke Leaked API Key: the leaked key made harmless whatever fails, and a new secret never lost ----

/** Whether a SMASHSEND secret authenticates (GET /v1/api-keys/check, straight to the sandbox: not counted as the step's). */
async function smashsendWorks(sandbox: SandboxHandle, secret: string): Promise<boolean> {
  const response = await fetch(`${sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } });
  return response.status === 200;
}

/** The keys of the main workspace with a display name (straight to the sandbox, as the connection's key). */
async function smashsendKeysNamed(sandbox: SandboxHandle, displayName: string): Promise<string[]> {
  const keys = await new SmashsendClient(sandbox.credentials.smashsendApiKey, {
    baseUrl: sandbox.baseUrls.smashsend,
    workspaceId: sandbox.credentials.smashsendWorkspaceId,
    transport: fetchTransport,
  }).listApiKeys({ limit: 100 });
  return keys.items.filter((key) => key.displayName === displayName).map((key) => key.id);
}

interface RevokeResult {
  vendor: string;
  key_id: string;
  action: string;
  new_key_id?: string;
  new_secret?: string;
  warning: string;
}

const revokeSmashsend = operation('revoke_leaked_api_key (SMASHSEND)');
const LEAKED_ID = 'aki_xyz789ghi012';
const OWN = { id: 'aki_sbxadmin0001', displayName: 'Sandbox Admin Key' };

/** Every way one request can fail, as the sandbox plays it (a timeout: the request hangs, unanswered and never acted on). */
const EVERY_FAULT: Array<{ id: string; fault: FaultBehaviour; timeoutMs?: number }> = [
  ...[400, 401, 403, 404, 422, 500, 502, 503].map((status) => ({
    id: String(status),
    fault: { kind: 'status', status } as FaultBehaviour,
  })),
  { id: '429', fault: { kind: 'status', status: 429, retryAfter: 7 } },
  { id: 'HTML page', fault: { kind: 'html' } },
  { id: 'empty body', fault: { kind: 'empty' } },
  { id: 'malformed JSON', fault: { kind: 'malformed' } },
  { id: 'wrong shape', fault: { kind: 'wrongShape' } },
  { id: 'timeout', fault: { kind: 'delay', hang: true }, timeoutMs: 500 },
  { id: 'reset', fault: { kind: 'drop' } },
];

async function runRevoke(sandbox: SandboxHandle, input: Record<string, unknown>, timeoutMs?: number) {
  return withEnv({ KEYRING_TIMEOUT_MS: timeoutMs ? String(timeoutMs) : undefined }, () =>
    outcomeOf(runOperation(revokeSmashsend, sandboxAuth(sandbox), input)),
  );
}

/** No secret in a warning or a message: the connection's keys, the leaked one, the new one. */
function clean(text: string, sandbox: SandboxHandle, ...more: Array<string | undefined>): string[] {
  return neverSigns(text, text, [...authSecrets(sandbox), ...Object.values(LEAKED), ...more.filter((s): s is string => !!s)]);
}

/** Faults after which a write may have been done (its answer lost or unreadable). */
const UNCERTAIN = ['502', 'HTML page', 'empty body', 'malformed JSON', 'wrong shape', 'timeout', 'reset'];

describe('revoke_leaked_api_key, SMASHSEND: every fault on the twin’s create leaves the leaked key deleted, and says what became of the twin', () => {
  it.each(EVERY_FAULT.map((f) => [f.id, f] as const))('%s', async (id, { fault, timeoutMs }) => {
    const uncertain = UNCERTAIN.includes(id);
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'POST', path: SS_KEYS, ...fault });
    const outcome = await runRevoke(sandbox, { secret: LEAKED.smashsend }, timeoutMs);
    figures.revokeFaults += 1;
    expect(outcome.ok).toBe(true);
    const result = outcome.result as RevokeResult;
    expect(result).toMatchObject({ vendor: 'SMASHSEND', key_id: LEAKED_ID, action: 'rotated' });
    // The leaked key is gone first, whatever became of its replacement.
    expect(await smashsendWorks(sandbox, LEAKED.smashsend)).toBe(false);
    figures.revokeHarmless += 1;
    expect(result.new_secret).toBeUndefined();
    // Refused (a 4xx, a 500 or 503): no twin. A lost or unreadable answer (a gateway's 502, a 2xx that cannot be read, a
    // timeout, a reset): the step cannot know, and says the twin may exist, whose secret SMASHSEND will never show again.
    if (uncertain) {
      expect(result.warning).toContain(
        'The leaked key was revoked; its replacement may have been created all the same, but its secret did not come back: ',
      );
      expect(result.warning).toContain('The "Find SMASHSEND API Key" step finds it by its name ("CRM Sync"): delete it');
    } else {
      expect(result.warning).toContain('The leaked key was revoked, but its replacement could not be created: ');
      expect(await smashsendKeysNamed(sandbox, 'CRM Sync')).toEqual([]); // as it says
    }
    expect(result.warning).toContain('"Create SMASHSEND API Key"');
    expect(clean(result.warning, sandbox)).toEqual([]);
  });

  it.each(['reset', 'timeout'] as const)(
    'a lost answer to the twin’s create (%s, after SMASHSEND made it): the warning says it may exist',
    async (how) => {
      const sandbox = env.sandbox;
      sandbox.reset();
      const proxy = await lossyProxy(sandbox.url, { method: 'POST', path: SS_KEYS }, how);
      let outcome;
      try {
        env.pointAt(proxy.origin);
        outcome = await runRevoke(sandbox, { secret: LEAKED.smashsend }, how === 'timeout' ? 500 : undefined);
        expect(proxy.lost()).toBe(1);
      } finally {
        env.pointAt();
        await proxy.close();
      }
      expect(outcome.ok).toBe(true);
      const result = outcome.result as RevokeResult;
      expect(await smashsendWorks(sandbox, LEAKED.smashsend)).toBe(false);
      expect(await smashsendKeysNamed(sandbox, 'CRM Sync')).toHaveLength(1); // the twin, whose secret is lost
      expect(result.warning).toContain('its replacement may have been created all the same, but its secret did not come back');
    },
  );
});

describe('revoke_leaked_api_key, SMASHSEND: every fault on the twin’s check still delivers its secret, which works', () => {
  it.each(EVERY_FAULT.map((f) => [f.id, f] as const))('%s', async (_id, { fault, timeoutMs }) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'GET', path: '/api-keys/check', ...fault });
    const outcome = await runRevoke(sandbox, { secret: LEAKED.smashsend }, timeoutMs);
    figures.revokeFaults += 1;
    expect(outcome.ok).toBe(true);
    const result = outcome.result as RevokeResult;
    expect(result).toMatchObject({
      action: 'rotated',
      new_key_id: expect.stringMatching(/^aki_/),
      new_secret: expect.stringMatching(/^sk_live_/),
    });
    expect(result.warning).toContain('The replacement was created, but SMASHSEND did not confirm it with its own secret: ');
    expect(await smashsendWorks(sandbox, LEAKED.smashsend)).toBe(false);
    figures.revokeHarmless += 1;
    expect(await smashsendWorks(sandbox, result.new_secret!)).toBe(true);
    figures.revokeDelivered += 1;
    expect(clean(result.warning, sandbox, result.new_secret)).toEqual([]);
  });
});

describe("revoke_leaked_api_key, the connection's own SMASHSEND key: every fault on its delete (after the twin) still delivers the twin's secret", () => {
  const RECONNECT = "reconnect with the new secret (this step's New Secret) in the SMASHSEND API Key field";
  it.each(EVERY_FAULT.map((f) => [f.id, f] as const))('%s', async (_id, { fault, timeoutMs }) => {
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'DELETE', path: `/api-keys/${OWN.id}`, ...fault });
    const outcome = await runRevoke(sandbox, { secret: sandbox.credentials.smashsendApiKey }, timeoutMs);
    figures.revokeFaults += 1;
    expect(outcome.ok).toBe(true);
    const result = outcome.result as RevokeResult;
    expect(result).toMatchObject({
      key_id: OWN.id,
      new_key_id: expect.stringMatching(/^aki_/),
      new_secret: expect.stringMatching(/^sk_live_/),
    });
    expect(await smashsendWorks(sandbox, result.new_secret!)).toBe(true);
    figures.revokeDelivered += 1;
    // It may still be live (it is, unless the delete was done and only its answer lost): the warning says so, and how to end it.
    expect(result.warning).toContain(`The leaked key ${OWN.id} (${masked(sandbox.credentials.smashsendApiKey)}) may still be live`);
    expect(result.warning).toContain('Delete it now with the "Delete SMASHSEND API Key" step or in SMASHSEND.');
    expect(result.warning).toContain(RECONNECT);
    expect(clean(result.warning, sandbox, result.new_secret)).toEqual([]);
  });

  it('a failed twin: its delete goes ahead all the same (the leaked key must not stay live), and the warning says to reconnect with another key', async () => {
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'POST', path: SS_KEYS, kind: 'status', status: 500 });
    const outcome = await runRevoke(sandbox, { secret: sandbox.credentials.smashsendApiKey });
    expect(outcome.ok).toBe(true);
    const result = outcome.result as RevokeResult;
    expect(result.new_secret).toBeUndefined();
    expect(await smashsendWorks(sandbox, sandbox.credentials.smashsendApiKey)).toBe(false);
    expect(result.warning).toContain('The leaked key was revoked, but its replacement could not be created');
    expect(result.warning).toContain('reconnect with another SMASHSEND key in the SMASHSEND API Key field');
  });
});

describe('revoke_leaked_api_key, SMASHSEND answers the delete with isDeleted false: the leaked key is said to be live, never revoked', () => {
  const notDeleted = (id: string, displayName: string): FaultBehaviour => ({
    kind: 'status',
    status: 200,
    body: { apiKey: { id, displayName, role: 'EDITOR', status: 'ACTIVE', createdAt: '2024-03-10T14:30:00Z' }, isDeleted: false },
  });

  it('another key: the step fails saying it is still live, and no twin is made beside it', async () => {
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'DELETE', path: `/api-keys/${LEAKED_ID}`, ...notDeleted(LEAKED_ID, 'CRM Sync') });
    const outcome = await runRevoke(sandbox, { secret: LEAKED.smashsend });
    expect(outcome).toMatchObject({ ok: false, name: 'AppError' });
    expect(outcome.message).toContain(`API key ${LEAKED_ID} is still live`);
    expect(await smashsendWorks(sandbox, LEAKED.smashsend)).toBe(true); // as the step says
    expect(sandbox.requestCounts().byRoute['POST /v1/workspaces/:workspaceId/api-keys']).toBeUndefined();
    expect(clean(outcome.message ?? '', sandbox)).toEqual([]);
  });

  it("the connection's own key: its twin's secret comes back, with the warning that the leaked key may still be live", async () => {
    const sandbox = env.sandbox;
    sandbox.reset();
    sandbox.injectFault({ vendor: 'smashsend', method: 'DELETE', path: `/api-keys/${OWN.id}`, ...notDeleted(OWN.id, OWN.displayName) });
    const outcome = await runRevoke(sandbox, { secret: sandbox.credentials.smashsendApiKey });
    expect(outcome.ok).toBe(true);
    const result = outcome.result as RevokeResult;
    expect(await smashsendWorks(sandbox, result.new_secret!)).toBe(true);
    expect(await smashsendWorks(sandbox, sandbox.credentials.smashsendApiKey)).toBe(true);
    expect(result.warning).toContain(`The leaked key ${OWN.id} (${masked(sandbox.credentials.smashsendApiKey)}) may still be live`);
  });
});

describe('revoke_leaked_api_key, SmartLead: a reset whose answer is lost after SmartLead made it', () => {
  it.each(['reset', 'timeout'] as const)(
    '%s: the leaked value is dead, the message says so may have happened, and the new value can be read back',
    async (how) => {
      const sandbox = env.sandbox;
      sandbox.reset();
      const proxy = await lossyProxy(sandbox.url, { method: 'PUT', path: `${SL_KEYS}/reset/45` }, how);
      let outcome;
      try {
        env.pointAt(proxy.origin);
        outcome = await withEnv({ KEYRING_TIMEOUT_MS: how === 'timeout' ? '500' : undefined }, () =>
          outcomeOf(runOperation(operation('revoke_leaked_api_key (SmartLead)'), sandboxAuth(sandbox))),
        );
        expect(proxy.lost()).toBe(1);
      } finally {
        env.pointAt();
        await proxy.close();
      }
      expect(outcome).toMatchObject({ ok: false, name: 'AppError', code: 'network' });
      // The advice names SmartLead's own search: the leaked value finds nothing any more, only that search shows the new one.
      expect(outcome.message).toContain(
        'The key may have been reset anyway (its leaked value then no longer works); its new value is shown with "Include Full Key Value" on: use the "Find SmartLead Client API Key" step (or the SmartLead dashboard) to check before trying again.',
      );
      expect(clean(outcome.message ?? '', sandbox)).toEqual([]);
      // The leaked value is indeed no longer known to any vendor…
      expect(await runOperation(operation('find_api_key_by_secret (SmartLead)'), sandboxAuth(sandbox))).toEqual([]);
      // …and the advice, followed, shows the new value, which the lost answer carried (SmartLead's list holds full values).
      const [key] = (await runOperation(operation('find_smartlead_client_api_key'), sandboxAuth(sandbox), {
        keyName: 'Production Key',
        include_secret: true,
      })) as Array<{ id: number; api_key: string }>;
      expect(key.id).toBe(45);
      expect(key.api_key).not.toBe(LEAKED.smartlead);
      figures.revokeDelivered += 1;
    },
  );
});

afterAll(() => {
  console.log(
    `nothing lost: rotate check-step faults tried: ${figures.checkFaults}, new key returned and working, old key kept: ${figures.checkKept}; rotate delete-step faults tried: ${figures.deleteFaults}, new key returned and working: ${figures.deleteKept}; lost write answers: ${figures.lostAnswers}, found by the named search: ${figures.foundByAdvice}; revoke faults tried: ${figures.revokeFaults}, leaked key made harmless: ${figures.revokeHarmless}, new secret delivered and working (or readable again): ${figures.revokeDelivered}`,
  );
});
