// rotateSmashsendApiKey, the connector's rotation workflow: the requests it makes in order (the check with the new
// key's own secret), what it refuses before changing anything (the client's own key included), the plan it shows its
// caller before the create, the new key it hands over the moment it exists, and what it reports when interrupted.

import {
  BadResponseError,
  ConnectionKeyError,
  ForbiddenError,
  NetworkError,
  RateLimitError,
  InputError,
  KeyNotInListError,
  NotFoundError,
  ServerError,
  SmashsendClient,
  TimeBudgetError,
  UnsupportedRoleError,
  RotationAbortedError,
  rotateSmashsendApiKey,
  type SmashsendRotation,
  type SmashsendRotationPlan,
} from '@keyring/connector';
import type { Transport } from '@keyring/connector';
import * as fx from '../fixtures/smashsend';
import { SMASHSEND_KEY, answer, failure, fakeTransport, rejectionOf, vendorAnswers } from '../support/connector';
import { useNock } from '../support/nock';
import { SMASHSEND } from '../support/vendors';

useNock();

const WS = fx.WORKSPACE_ID;
const KEYS = `/v1/workspaces/${WS}/api-keys`;
const OLD = fx.listedKey(5, { displayName: 'CRM Sync', role: 'EDITOR' });
const NEW = { ...fx.listedKey(9, { displayName: 'CRM Sync', role: 'EDITOR' }), secretKey: 'sk_live_newSecret0123456789abcdef' };
const CHECK_OK = { status: 'SUCCEED', displayName: 'CRM Sync', role: 'EDITOR' };
const DELETED = { apiKey: OLD, isDeleted: true };

const listed = (...items: unknown[]) => answer(200, fx.listPageOf(items as never[], null));
const created = answer(200, { apiKey: NEW });
/** The key the test clients authenticate with: known to them (no GET /v1/api-keys/current), and never the one rotated. */
const OWN_ID = 'aki_own000000001';

/** A client on a recording transport, answering in order; it knows its own key's id (OWN_ID). */
function clientWith(...answers: Parameters<typeof fakeTransport>) {
  const fake = fakeTransport(...answers);
  const options = { workspaceId: WS, connectionKeyId: OWN_ID, transport: fake.transport, timeoutMs: 4_000 };
  return { client: new SmashsendClient(SMASHSEND_KEY, options), ...fake };
}

const netError = (code: string) => Object.assign(new Error(code), { code });

describe('rotateSmashsendApiKey: the happy path', () => {
  it('over the wire: list, create the twin, check it with its own Bearer, delete the old key', async () => {
    const seen = vendorAnswers(SMASHSEND, 'GET', KEYS, { status: 200, body: fx.listPageOf([fx.listedKey(4), OLD], null) });
    vendorAnswers(SMASHSEND, 'POST', KEYS, { status: 200, body: { apiKey: NEW } }, seen);
    vendorAnswers(SMASHSEND, 'GET', '/v1/api-keys/check', { status: 200, body: CHECK_OK }, seen);
    vendorAnswers(SMASHSEND, 'DELETE', `${KEYS}/${OLD.id}`, { status: 200, body: DELETED }, seen);
    const client = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, connectionKeyId: OWN_ID });
    const rotation = await rotateSmashsendApiKey(client, OLD.id);
    expect(rotation).toEqual({
      newKey: NEW,
      oldKey: OLD,
      newKeyVerified: true,
      newKeyCheck: 'passed',
      oldKeyDeleted: true,
      oldKeyOutcome: 'deleted',
      connectionKey: false,
    } satisfies SmashsendRotation);
    expect(seen.map((r) => [r.method, r.path, r.query, r.headers.authorization, r.body])).toEqual([
      ['GET', KEYS, { limit: '100', sort: 'createdAt.desc' }, `Bearer ${SMASHSEND_KEY}`, undefined],
      ['POST', KEYS, {}, `Bearer ${SMASHSEND_KEY}`, { displayName: 'CRM Sync', role: 'EDITOR' }],
      ['GET', '/v1/api-keys/check', {}, `Bearer ${NEW.secretKey}`, undefined],
      ['DELETE', `${KEYS}/${OLD.id}`, {}, `Bearer ${SMASHSEND_KEY}`, undefined],
    ]);
  });

  it("checks the new key through the caller's transport, base URL and timeout", async () => {
    const fake = fakeTransport(listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    const client = new SmashsendClient(SMASHSEND_KEY, {
      workspaceId: WS,
      connectionKeyId: OWN_ID,
      transport: fake.transport,
      baseUrl: 'http://127.0.0.1:9/smashsend',
      timeoutMs: 3_000,
    });
    await rotateSmashsendApiKey(client, OLD.id);
    const check = fake.requests[2];
    expect(check).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:9/smashsend/v1/api-keys/check',
      query: {},
      headers: { authorization: `Bearer ${NEW.secretKey}` },
      body: undefined,
      timeoutMs: 3_000,
    });
  });

  it('deleteOldKey false: checks the new key and keeps the old one (no delete)', async () => {
    const { client, requests } = clientWith(listed(OLD), created, answer(200, CHECK_OK));
    expect(await rotateSmashsendApiKey(client, OLD.id, { deleteOldKey: false })).toMatchObject({
      newKey: NEW,
      newKeyVerified: true,
      oldKeyDeleted: false,
      oldKeyOutcome: 'kept',
    });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
  });

  it("gives the twin the role in SMASHSEND's spelling", async () => {
    const { client, requests } = clientWith(listed({ ...OLD, role: ' viewer ' }), created, answer(200, CHECK_OK), answer(200, DELETED));
    await rotateSmashsendApiKey(client, OLD.id);
    expect(requests[1].body).toEqual({ displayName: 'CRM Sync', role: 'VIEWER' });
  });
});

describe('rotateSmashsendApiKey: refusals before anything changes', () => {
  it('an id that is not an id: InputError, no request', async () => {
    const { client, requests } = clientWith();
    const error = await failure(rotateSmashsendApiKey(client, '../users/me'), InputError);
    expect(error).toMatchObject({ kind: 'input', field: 'apiKeyId' });
    expect(requests).toEqual([]);
  });

  it('a key on no page of the list: KeyNotInListError, nothing created', async () => {
    const { client, requests } = clientWith(
      // The cursor is where the next page starts: key 2's instant.
      answer(200, fx.listPageOf([fx.listedKey(1)], fx.listedKey(2).createdAt)),
      answer(200, fx.listPageOf([fx.listedKey(2)], null)),
    );
    const error = await failure(rotateSmashsendApiKey(client, 'aki_missing'), KeyNotInListError);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ kind: 'not_found', vendor: 'SMASHSEND', apiKeyId: 'aki_missing', method: 'GET', path: KEYS });
    expect(error.message).toBe(`SMASHSEND API key aki_missing is not in the workspace's key list (GET ${KEYS}).`);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('a role a new key cannot have: UnsupportedRoleError (role clipped to 40 characters), nothing created', async () => {
    const { client, requests } = clientWith(listed({ ...OLD, role: `OWNER${'X'.repeat(100)}` }));
    const error = await failure(rotateSmashsendApiKey(client, OLD.id), UnsupportedRoleError);
    expect(error).toMatchObject({ kind: 'validation', apiKeyId: OLD.id, role: `OWNER${'X'.repeat(35)}` });
    expect(error.message).toBe(
      `SMASHSEND API key ${OLD.id} has role "OWNER${'X'.repeat(35)}", which a new key cannot be given (only EDITOR, VIEWER, API_USER).`,
    );
    expect(requests).toHaveLength(1);
  });

  it('past the paging deadline: TimeBudgetError, nothing created', async () => {
    const { client, requests } = clientWith(answer(200, fx.listPageOf([fx.listedKey(1)], fx.CURSOR_1)));
    let now = 0;
    const error = await failure(
      rotateSmashsendApiKey(client, OLD.id, {
        pagingDeadline: 1_000,
        now: () => {
          now += 600;
          return now;
        },
      }),
      TimeBudgetError,
    );
    expect(error).toMatchObject({ pagesRead: 1, itemsRead: 1 });
    expect(requests).toHaveLength(1);
  });

  it('a failed create: its error, and no check or delete', async () => {
    const { client, requests } = clientWith(listed(OLD), answer(500, { statusCode: 500, message: 'Something went wrong' }));
    const error = await failure(rotateSmashsendApiKey(client, OLD.id), ServerError);
    expect(error).toMatchObject({ status: 500, method: 'POST', path: KEYS });
    expect(requests).toHaveLength(2);
  });
});

describe('rotateSmashsendApiKey: once the new key exists, faults are facts (the new key always comes back)', () => {
  it.each([
    ['401', 'rejected', answer(401, fx.error401), 'auth'],
    ['status FAILED', 'rejected', answer(200, { status: 'FAILED' }), 'auth'],
    ['500', 'failed', answer(500, { message: 'down' }), 'server'],
    ['429', 'failed', answer(429, fx.error429), 'rate_limited'],
    ['HTML', 'failed', answer(200, '<html></html>'), 'bad_response'],
    ['timeout', 'failed', netError('ETIMEDOUT'), 'network'],
  ] as const)('check %s: %s, the old key is kept (no delete)', async (_case, newKeyCheck, checkAnswer, kind) => {
    const { client, requests } = clientWith(listed(OLD), created, checkAnswer);
    const rotation = await rotateSmashsendApiKey(client, OLD.id);
    expect(rotation).toMatchObject({
      newKey: NEW,
      newKeyVerified: false,
      newKeyCheck,
      checkError: { kind, vendor: 'SMASHSEND', path: '/v1/api-keys/check' },
      oldKeyDeleted: false,
      oldKeyOutcome: 'kept_unverified',
    });
    expect(rotation.checkError?.message).not.toContain(NEW.secretKey);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
  });

  it('check rejected with deleteOldKey false: kept (as asked), unverified', async () => {
    const { client } = clientWith(listed(OLD), created, answer(401, fx.error401));
    expect(await rotateSmashsendApiKey(client, OLD.id, { deleteOldKey: false })).toMatchObject({
      newKeyVerified: false,
      newKeyCheck: 'rejected',
      oldKeyOutcome: 'kept',
    });
  });

  it.each([
    ['404', 'already_gone', answer(404, { message: 'API key not found' }), NotFoundError],
    ['500', 'delete_failed', answer(500, { message: 'down' }), ServerError],
    ['429', 'delete_failed', answer(429, fx.error429), RateLimitError],
    ['403', 'delete_failed', answer(403, fx.error403), ForbiddenError],
    ['empty 200', 'delete_unanswered', answer(200), BadResponseError],
    ['wrong shape', 'delete_unanswered', answer(200, { unexpected: true }), BadResponseError],
    ['reset', 'delete_unanswered', netError('ECONNRESET'), NetworkError],
    ['timeout', 'delete_unanswered', netError('ETIMEDOUT'), NetworkError],
  ] as const)('delete %s: %s, with the error', async (_case, oldKeyOutcome, deleteAnswer, type) => {
    const { client } = clientWith(listed(OLD), created, answer(200, CHECK_OK), deleteAnswer);
    const rotation = await rotateSmashsendApiKey(client, OLD.id);
    expect(rotation).toMatchObject({ newKey: NEW, newKeyVerified: true, oldKeyDeleted: false, oldKeyOutcome });
    expect(rotation.deleteError).toBeInstanceOf(type);
    expect(rotation.deleteError).toMatchObject({ method: 'DELETE', path: `${KEYS}/${OLD.id}` });
  });

  it('delete answered isDeleted false: not_deleted, no error', async () => {
    const { client } = clientWith(listed(OLD), created, answer(200, CHECK_OK), answer(200, { ...DELETED, isDeleted: false }));
    const rotation = await rotateSmashsendApiKey(client, OLD.id);
    expect(rotation).toMatchObject({ oldKeyDeleted: false, oldKeyOutcome: 'not_deleted' });
    expect(rotation.deleteError).toBeUndefined();
  });
});

describe('rotateSmashsendApiKey: the time left (endsAt)', () => {
  /** A client whose requests each take the given time on a fake clock (list, create, check, delete in turn). */
  function timedClient(costs: number[], ...answers: Parameters<typeof fakeTransport>) {
    const fake = fakeTransport(...answers);
    let t = 0;
    const transport: Transport = async (request) => {
      const response = await fake.transport(request);
      t += costs[fake.requests.length - 1] ?? 0;
      return response;
    };
    const client = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, connectionKeyId: OWN_ID, transport, timeoutMs: 4_000 });
    return { client, requests: fake.requests, now: () => t };
  }

  it('the check and the delete get only the time left (never more than the client timeout)', async () => {
    // the create ends at 7.5 s: the check gets 2.5 s of the 10 s; it takes 1.3 s, so the delete gets 1.2 s
    const { client, requests, now } = timedClient([0, 7_500, 1_300], listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    await rotateSmashsendApiKey(client, OLD.id, { endsAt: 10_000, now });
    expect(requests.map((r) => r.timeoutMs)).toEqual([4_000, 4_000, 2_500, 1_200]);
  });

  it('plenty of time: the client timeout', async () => {
    const { client, requests, now } = timedClient([0, 0, 0], listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    await rotateSmashsendApiKey(client, OLD.id, { endsAt: 60_000, now });
    expect(requests.map((r) => r.timeoutMs)).toEqual([4_000, 4_000, 4_000, 4_000]);
  });

  it('too little time for the check: no check, no delete; the new key comes back unverified', async () => {
    const { client, requests, now } = timedClient([0, 9_500], listed(OLD), created);
    const rotation = await rotateSmashsendApiKey(client, OLD.id, { endsAt: 10_000, minRequestMs: 1_000, now });
    expect(rotation).toEqual({
      newKey: NEW,
      oldKey: OLD,
      newKeyVerified: false,
      newKeyCheck: 'no_time',
      oldKeyDeleted: false,
      oldKeyOutcome: 'kept_no_time',
      connectionKey: false,
    });
    expect(requests).toHaveLength(2);
  });

  it('too little time for the delete after the check: kept_no_time, verified', async () => {
    const { client, requests, now } = timedClient([0, 5_000, 4_500], listed(OLD), created, answer(200, CHECK_OK));
    const rotation = await rotateSmashsendApiKey(client, OLD.id, { endsAt: 10_000, now });
    expect(rotation).toMatchObject({ newKeyVerified: true, oldKeyDeleted: false, oldKeyOutcome: 'kept_no_time' });
    expect(requests).toHaveLength(3);
  });

  it('minRequestMs decides what is too little', async () => {
    const { client, requests, now } = timedClient([0, 9_700, 0], listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    expect(await rotateSmashsendApiKey(client, OLD.id, { endsAt: 10_000, minRequestMs: 200, now })).toMatchObject({
      oldKeyOutcome: 'deleted',
    });
    expect(requests.map((r) => r.timeoutMs)).toEqual([4_000, 4_000, 300, 300]);
  });
});

describe("rotateSmashsendApiKey: the client's own key", () => {
  /** A client that does not know its own key's id: it asks GET /v1/api-keys/current once, which answers `ownId`. */
  function unknowing(ownId: string, ...answers: Parameters<typeof fakeTransport>) {
    const current = answer(200, { apiKey: { ...fx.listedKey(1), id: ownId } });
    const fake = fakeTransport(answers[0] ?? listed(OLD), current, ...answers.slice(1));
    return { client: new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, transport: fake.transport }), ...fake };
  }

  it('asks SMASHSEND which key the client uses (once, after the list) before creating anything', async () => {
    const { client, requests } = unknowing('aki_someoneelse', listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    expect(await rotateSmashsendApiKey(client, OLD.id)).toMatchObject({ oldKeyOutcome: 'deleted', connectionKey: false });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `GET ${KEYS}`,
      'GET /v1/api-keys/current',
      `POST ${KEYS}`,
      'GET /v1/api-keys/check',
      `DELETE ${KEYS}/${OLD.id}`,
    ]);
  });

  it("the old key is the client's own: ConnectionKeyError before the create, nothing written", async () => {
    const { client, requests } = unknowing(OLD.id, listed(OLD));
    const error = await failure(rotateSmashsendApiKey(client, OLD.id), ConnectionKeyError);
    expect(error).toMatchObject({ kind: 'connection_key', keyId: OLD.id, match: 'yes', method: 'DELETE' });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it("allowed: the plan and the result say it is the client's own key", async () => {
    const { client } = unknowing(OLD.id, listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    const plans: SmashsendRotationPlan[] = [];
    const rotation = await rotateSmashsendApiKey(client, OLD.id, { allowConnectionKey: true, confirm: (plan) => plans.push(plan) > 0 });
    expect(plans.map((plan) => plan.connectionKey)).toEqual(['yes']);
    expect(rotation).toMatchObject({ oldKeyOutcome: 'deleted', connectionKey: true });
  });

  it('the old key kept (deleteOldKey false): not asked, and not the concern', async () => {
    const { client, requests } = clientWith(listed(OLD), created, answer(200, CHECK_OK));
    expect(await rotateSmashsendApiKey(client, OLD.id, { deleteOldKey: false })).toMatchObject({ connectionKey: false });
    expect(requests).toHaveLength(3);
  });
});

describe('rotateSmashsendApiKey: confirm, after the reads and before the create', () => {
  it('is given the plan once the reads are done: the old key, its twin, the delete, the connection key', async () => {
    const { client, requests } = clientWith(listed({ ...OLD, role: 'editor' }), created, answer(200, CHECK_OK), answer(200, DELETED));
    const asked: Array<{ plan: SmashsendRotationPlan; sent: number }> = [];
    await rotateSmashsendApiKey(client, OLD.id, {
      confirm: (plan) => {
        asked.push({ plan, sent: requests.length });
        return true;
      },
    });
    expect(asked).toEqual([
      {
        plan: {
          oldKey: { ...OLD, role: 'editor' },
          newKey: { displayName: 'CRM Sync', role: 'EDITOR' },
          deleteOldKey: true,
          connectionKey: 'no',
        },
        sent: 1,
      },
    ]);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'DELETE']);
  });

  it('answering false stops it with a RotationAbortedError (by confirm): only the reads were sent', async () => {
    const { client, requests } = clientWith(listed(OLD));
    const error = await rejectionOf(rotateSmashsendApiKey(client, OLD.id, { confirm: async () => false }));
    expect(error).toBeInstanceOf(RotationAbortedError);
    expect(error).toMatchObject({ name: 'AbortError', by: 'confirm' });
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('is not asked when the reads refuse the rotation (a key not in the list)', async () => {
    const { client } = clientWith(listed(fx.listedKey(1)));
    const confirm = jest.fn(() => true);
    await failure(rotateSmashsendApiKey(client, OLD.id, { confirm }), KeyNotInListError);
    expect(confirm).not.toHaveBeenCalled();
  });
});

describe('rotateSmashsendApiKey: onCreated, the moment the new key exists', () => {
  it('is handed the new key (with its secret) after the create and before the check, and awaited', async () => {
    const { client, requests } = clientWith(listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    const seen: Array<{ secret: string; sent: string[] }> = [];
    await rotateSmashsendApiKey(client, OLD.id, {
      onCreated: async (newKey) => {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push({ secret: newKey.secretKey, sent: requests.map((r) => r.method) });
      },
    });
    expect(seen).toEqual([{ secret: NEW.secretKey, sent: ['GET', 'POST'] }]);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'DELETE']);
  });

  it('failing, it stops the rotation there: no check, no delete, the old key kept, the error as the cause', async () => {
    const { client, requests } = clientWith(listed(OLD), created);
    const cause = new Error('stdout is gone');
    const rotation = await rotateSmashsendApiKey(client, OLD.id, {
      onCreated: () => {
        throw cause;
      },
    });
    expect(rotation).toMatchObject({ newKey: NEW, newKeyCheck: 'interrupted', oldKeyOutcome: 'kept_unverified', oldKeyDeleted: false });
    expect(rotation.interruption).toMatchObject({ name: 'AbortError', by: 'on_created', cause });
    expect(requests).toHaveLength(2);
  });
});

describe('rotateSmashsendApiKey: interrupted (signal)', () => {
  /**
   * A client whose transport aborts the rotation's signal when request number `at` (from 0) arrives. That request is
   * then answered at once (`hold` false: the answer comes after the abort) or never (`hold` true: in flight for good).
   */
  function abortingAt(at: number, hold: boolean, ...answers: Parameters<typeof fakeTransport>) {
    const fake = fakeTransport(...answers);
    const controller = new AbortController();
    const transport: Transport = async (request) => {
      const response = fake.transport(request);
      if (fake.requests.length - 1 === at) {
        controller.abort();
        if (hold) await new Promise(() => undefined);
      }
      return response;
    };
    const client = new SmashsendClient(SMASHSEND_KEY, { workspaceId: WS, connectionKeyId: OWN_ID, transport, timeoutMs: 4_000 });
    return { client, requests: fake.requests, signal: controller.signal };
  }

  it('already aborted: a RotationAbortedError (by signal), no request', async () => {
    const { client, requests } = clientWith();
    const error = await rejectionOf(rotateSmashsendApiKey(client, OLD.id, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: 'AbortError', by: 'signal' });
    expect(requests).toEqual([]);
  });

  it('during the list read: a RotationAbortedError at once (the read no longer awaited), nothing created', async () => {
    const { client, requests, signal } = abortingAt(0, true, listed(OLD));
    const error = await rejectionOf(rotateSmashsendApiKey(client, OLD.id, { signal }));
    expect(error).toBeInstanceOf(RotationAbortedError);
    expect(requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('while confirm is pending: a RotationAbortedError, nothing created', async () => {
    const { client, requests } = clientWith(listed(OLD));
    const controller = new AbortController();
    const confirm = () => {
      controller.abort();
      return new Promise<boolean>(() => undefined); // a question never answered
    };
    const error = await rejectionOf(rotateSmashsendApiKey(client, OLD.id, { confirm, signal: controller.signal }));
    expect(error).toMatchObject({ by: 'signal' });
    expect(requests).toHaveLength(1);
  });

  it('during the create: its answer is still awaited (the only copy of the secret); then nothing more is sent', async () => {
    const { client, requests, signal } = abortingAt(1, false, listed(OLD), created);
    const onCreated = jest.fn();
    const rotation = await rotateSmashsendApiKey(client, OLD.id, { signal, onCreated });
    expect(onCreated).toHaveBeenCalledWith(NEW);
    expect(rotation).toMatchObject({
      newKey: NEW,
      newKeyVerified: false,
      newKeyCheck: 'interrupted',
      oldKeyDeleted: false,
      oldKeyOutcome: 'kept_unverified',
      interruption: { by: 'signal' },
    });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST']);
  });

  it('during the check: resolves at once, the check no longer awaited, the old key kept (no delete)', async () => {
    const { client, requests, signal } = abortingAt(2, true, listed(OLD), created, answer(200, CHECK_OK));
    const rotation = await rotateSmashsendApiKey(client, OLD.id, { signal });
    expect(rotation).toMatchObject({
      newKey: NEW,
      newKeyCheck: 'interrupted',
      oldKeyOutcome: 'kept_unverified',
      interruption: { by: 'signal' },
    });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
  });

  it('during the check, with deleteOldKey false: kept (as asked)', async () => {
    const { client, signal } = abortingAt(2, true, listed(OLD), created, answer(200, CHECK_OK));
    expect(await rotateSmashsendApiKey(client, OLD.id, { signal, deleteOldKey: false })).toMatchObject({
      newKeyCheck: 'interrupted',
      oldKeyOutcome: 'kept',
    });
  });

  it('during the delete: resolves at once with the delete unanswered (it may or may not happen)', async () => {
    const { client, requests, signal } = abortingAt(3, true, listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    const rotation = await rotateSmashsendApiKey(client, OLD.id, { signal });
    expect(rotation).toMatchObject({
      newKey: NEW,
      newKeyVerified: true,
      newKeyCheck: 'passed',
      oldKeyDeleted: false,
      oldKeyOutcome: 'delete_unanswered',
      interruption: { by: 'signal' },
    });
    expect(rotation.deleteError).toBe(rotation.interruption);
    expect(requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'DELETE']);
  });

  it('never aborted: no interruption in the result', async () => {
    const { client } = clientWith(listed(OLD), created, answer(200, CHECK_OK), answer(200, DELETED));
    const rotation = await rotateSmashsendApiKey(client, OLD.id, { signal: new AbortController().signal });
    expect(rotation.oldKeyOutcome).toBe('deleted');
    expect(rotation).not.toHaveProperty('interruption');
  });
});
