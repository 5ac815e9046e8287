// rotate_smashsend_api_key: read the old key from the list, create its replacement, check it with its own secret, delete
// the old key (or keep it, as asked). Once the new key exists the step succeeds (its secret is shown only once); a failed
// check keeps the old key, and a failed check or delete becomes a plain warning.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { BEARER, KEYS, keyPath, listQuery } from '../support/smashsend';
import { without } from '../support/app';
import { keysInBursts, listOrder, serveFakeList, type FakeKey } from '../support/smashsendVendor';
import { SMASHSEND } from '../support/vendors';
import * as fx from '../fixtures/smashsend';
import { deleteSmashsendApiKey } from '../../creates/deleteSmashsendApiKey';
import { smashsendRotationWarning } from '../../lib/errors';

useNock();
const unmatched = recordUnmatchedRequests();

const OLD = fx.listedKey(5, { displayName: 'CRM Sync', role: 'EDITOR' });
const NEW = {
  id: 'aki_new123def456',
  displayName: 'CRM Sync',
  role: 'EDITOR',
  status: 'ACTIVE',
  secretKey: 'sk_live_new123abc456def0123456789',
  createdAt: '2024-03-21T15:30:00Z',
  updatedAt: '2024-03-21T15:30:00Z',
};
const DELETED = { apiKey: OLD, isDeleted: true };
const CHECK = '/v1/api-keys/check';
/** nock options: the check must carry the new key's secret, and only that. */
const NEW_BEARER = { reqheaders: { authorization: `Bearer ${NEW.secretKey}` } };

/** SMASHSEND's check of the new key, asked with the new key's own secret. */
function checkOfNewKey(status = 200, body: nock.Body = { status: 'SUCCEED', displayName: NEW.displayName, role: NEW.role }) {
  return nock(SMASHSEND, NEW_BEARER).get(CHECK).reply(status, body);
}

/**
 * The old key is on page 2 of the list: two list requests (the second from 1 ms after page 1's last key, which comes
 * back at its top), then — when the rotation will delete the old key — GET /v1/api-keys/current (is the old key the
 * connection's own? here: no), then the create.
 */
function listAndCreate(old: Record<string, unknown> = OLD, deletesOldKey = true) {
  const scope = nock(SMASHSEND, BEARER);
  if (deletesOldKey) scope.get('/v1/api-keys/current').reply(200, fx.connectionKey);
  return scope
    .get(KEYS)
    .query(listQuery())
    .reply(200, fx.listPageOf([fx.listedKey(1), fx.listedKey(2)], '2024-02-26T10:00:00.000Z'))
    .get(KEYS)
    .query(listQuery('2024-02-26T10:00:00.001Z'))
    .reply(200, fx.listPageOf([fx.listedKey(2), fx.listedKey(4), old, fx.listedKey(6)], '2024-02-22T10:00:00.000Z'))
    .post(KEYS, { displayName: NEW.displayName, role: NEW.role })
    .reply(200, { apiKey: NEW });
}

const rotate = (apiKeyId: string = OLD.id) => run('creates', 'rotate_smashsend_api_key', { apiKeyId });

describe('rotate_smashsend_api_key', () => {
  it('creates a key with the old name and role, checks it, deletes the old key, and returns the new key in full', async () => {
    const check = checkOfNewKey();
    const scope = listAndCreate().delete(keyPath(OLD.id)).reply(200, DELETED);
    expect(await rotate()).toEqual({ ...NEW, replacedKeyId: OLD.id, oldKeyDeleted: true, newKeyVerified: true, warning: '' });
    scope.done();
    check.done();
    expect(unmatched).toEqual([]); // page 3 was never asked for
  });

  describe("the connection's own key", () => {
    const OWN = { ...OLD, id: fx.CONNECTION_KEY_ID };

    it('halts before anything is created when the old key is the one the connection signs in with', async () => {
      const scope = nock(SMASHSEND, BEARER)
        .get(KEYS)
        .query(listQuery())
        .reply(200, fx.listPageOf([fx.listedKey(1), OWN], null))
        .get('/v1/api-keys/current')
        .reply(200, fx.connectionKey);
      await expectZapierError(rotate(OWN.id), {
        name: 'HaltedError',
        says: [
          `SMASHSEND API key ${OWN.id} is the key this connection authenticates with: refused to rotate and delete it, nothing was changed.`,
          `turn on "Allow This Connection's Own Key" if you mean it, then reconnect with a working SMASHSEND key (the new one, after a rotation)`,
        ],
        secrets: [AUTH.smashsend_api_key],
      });
      scope.done();
      expect(unmatched).toEqual([]); // no POST, no DELETE
    });

    it('with allow_connection_key it rotates, deletes the old key last, and the warning says to reconnect with the new secret', async () => {
      const check = checkOfNewKey();
      const scope = listAndCreate(OWN).delete(keyPath(OWN.id)).reply(200, { apiKey: OWN, isDeleted: true });
      // listAndCreate's /current answers the connection's own id, which is OWN's.
      const result = await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OWN.id, allow_connection_key: true });
      expect(result).toEqual({
        ...NEW,
        replacedKeyId: OWN.id,
        oldKeyDeleted: true,
        newKeyVerified: true,
        warning:
          "The old key was the key this Zapier connection signs in with: reconnect with the new secret (this step's Secret Key) in the SMASHSEND API Key field, or every SMASHSEND step of this connection will fail.",
      });
      scope.done();
      check.done();
    });

    it('with delete_old_key off nothing is disabled: no check of whose key it is, and the rotation goes ahead', async () => {
      const check = checkOfNewKey();
      const scope = listAndCreate(OWN, false);
      const result = await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OWN.id, delete_old_key: false });
      expect(result).toMatchObject({ replacedKeyId: OWN.id, oldKeyDeleted: false, newKeyVerified: true, warning: '' });
      scope.done();
      check.done();
    });

    it('a connection without a workspace id learns the key id from the workspace discovery: GET /v1/api-keys/current once', async () => {
      const check = checkOfNewKey();
      const scope = listAndCreate().delete(keyPath(OLD.id)).reply(200, DELETED);
      await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id }, without(AUTH, 'smashsend_workspace_id'));
      scope.done(); // the one /current interceptor answered both questions
      check.done();
    });
  });

  it('gives the new key the role in SMASHSEND spelling when the list spells it otherwise', async () => {
    const check = checkOfNewKey();
    const scope = listAndCreate({ ...OLD, role: 'editor' })
      .delete(keyPath(OLD.id))
      .reply(200, DELETED);
    expect(await rotate()).toMatchObject({ role: 'EDITOR', oldKeyDeleted: true, newKeyVerified: true });
    scope.done();
    check.done();
  });

  describe('when deleting the old key fails after the new key was created and checked', () => {
    beforeEach(() => checkOfNewKey());
    afterEach(() => expect(nock.pendingMocks()).toEqual([])); // the check was made
    const which = `The new key was created, but the old key ${OLD.id} ("CRM Sync")`;
    const deleteItYourself = 'Delete it with the "Delete SMASHSEND API Key" step or in SMASHSEND.';

    it('succeeds with the new key and says the old key is still live (500)', async () => {
      const scope = listAndCreate()
        .delete(keyPath(OLD.id))
        .reply(500, { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong' });
      expect(await rotate()).toEqual({
        ...NEW,
        replacedKeyId: OLD.id,
        oldKeyDeleted: false,
        newKeyVerified: true,
        warning: `${which} is still live: deleting it failed: SMASHSEND had a server error (500 on DELETE ${keyPath(OLD.id)}): Something went wrong. ${deleteItYourself}`,
      });
      scope.done();
    });

    it('says the old key is still live when SMASHSEND is rate limiting (429)', async () => {
      const scope = listAndCreate().delete(keyPath(OLD.id)).reply(429, fx.error429, { 'Retry-After': '30' });
      expect(await rotate()).toEqual({
        ...NEW,
        replacedKeyId: OLD.id,
        oldKeyDeleted: false,
        newKeyVerified: true,
        warning: `${which} is still live: deleting it failed: SMASHSEND rate limit reached (429 on DELETE ${keyPath(OLD.id)}): Rate limit exceeded. Please wait a moment and try again. ${deleteItYourself}`,
      });
      scope.done();
    });

    it('says the old key was probably deleted already (404)', async () => {
      const scope = listAndCreate()
        .delete(keyPath(OLD.id))
        .reply(404, { statusCode: 404, error: 'Not Found', message: 'API key not found' });
      expect(await rotate()).toEqual({
        ...NEW,
        replacedKeyId: OLD.id,
        oldKeyDeleted: false,
        newKeyVerified: true,
        warning: `${which} was not found when deleting it, so it was probably deleted already: SMASHSEND has no API key ${OLD.id} in workspace ${fx.WORKSPACE_ID} (404 on DELETE ${keyPath(OLD.id)}): API key not found.`,
      });
      scope.done();
    });

    it('says the old key is still live when SMASHSEND answers isDeleted false', async () => {
      const scope = listAndCreate()
        .delete(keyPath(OLD.id))
        .reply(200, { ...DELETED, isDeleted: false });
      expect(await rotate()).toEqual({
        ...NEW,
        replacedKeyId: OLD.id,
        oldKeyDeleted: false,
        newKeyVerified: true,
        warning: `${which} is still live: SMASHSEND answered the delete with isDeleted false. ${deleteItYourself}`,
      });
      scope.done();
    });

    it('says the old key is still live when the delete answer is an HTML page', async () => {
      const scope = listAndCreate()
        .delete(keyPath(OLD.id))
        .reply(502, '<html><body>Bad gateway</body></html>', { 'Content-Type': 'text/html' });
      expect(await rotate()).toMatchObject({
        secretKey: NEW.secretKey,
        oldKeyDeleted: false,
        newKeyVerified: true,
        warning: `${which} is still live: deleting it failed: SMASHSEND had a server error (an HTML error page) (502 on DELETE ${keyPath(OLD.id)}). ${deleteItYourself}`,
      });
      scope.done();
    });
  });

  it('sends exactly: the list (old key), whose key the connection is, the create, the check with the new Bearer, the delete with the old one', async () => {
    const sequence: Array<{ method: string; path: string; authorization: string; body: unknown }> = [];
    const record = (method: string) =>
      function (this: nock.ReplyFnContext, uri: string, body: nock.Body) {
        sequence.push({ method, path: uri, authorization: String(this.req.headers.authorization), body: body === '' ? undefined : body });
      };
    nock(SMASHSEND)
      .get(KEYS)
      .query(listQuery())
      .reply(function (uri, body) {
        record('GET').call(this, uri, body);
        return [200, fx.listPageOf([fx.listedKey(4), OLD], null)];
      })
      .get('/v1/api-keys/current')
      .reply(function (uri, body) {
        record('GET').call(this, uri, body);
        return [200, fx.connectionKey];
      })
      .post(KEYS)
      .reply(function (uri, body) {
        record('POST').call(this, uri, body);
        return [200, { apiKey: NEW }];
      })
      .get(CHECK)
      .reply(function (uri, body) {
        record('GET').call(this, uri, body);
        return [200, { status: 'SUCCEED', displayName: NEW.displayName, role: NEW.role }];
      })
      .delete(keyPath(OLD.id))
      .reply(function (uri, body) {
        record('DELETE').call(this, uri, body);
        return [200, DELETED];
      });
    expect(await rotate()).toMatchObject({ id: NEW.id, secretKey: NEW.secretKey, oldKeyDeleted: true, newKeyVerified: true });
    const old = `Bearer ${AUTH.smashsend_api_key}`;
    expect(sequence).toEqual([
      { method: 'GET', path: `${KEYS}?limit=100&sort=createdAt.desc`, authorization: old, body: undefined },
      // Is the old key the connection's own? (It is not: the rotation may delete it.)
      { method: 'GET', path: '/v1/api-keys/current', authorization: old, body: undefined },
      { method: 'POST', path: KEYS, authorization: old, body: { displayName: 'CRM Sync', role: 'EDITOR' } },
      { method: 'GET', path: CHECK, authorization: `Bearer ${NEW.secretKey}`, body: undefined },
      { method: 'DELETE', path: keyPath(OLD.id), authorization: old, body: undefined },
    ]);
    expect(unmatched).toEqual([]);
  });

  describe('when the new key does not check out, the old key is kept and the output says so', () => {
    const kept = `The old key ${OLD.id} ("CRM Sync") was kept so that nothing breaks: check the new key in SMASHSEND, then delete the key you no longer want with the "Delete SMASHSEND API Key" step.`;
    it("the advice names the delete step by its definition's label", () => {
      expect(kept).toContain(`with the "${deleteSmashsendApiKey.display.label}" step.`);
    });

    it.each([
      [
        '401',
        401,
        fx.error401,
        `The new key was created, but SMASHSEND did not accept it when it was checked with its own secret: SMASHSEND rejected the API key (401 on GET ${CHECK}): Invalid API key. Please double-check and try again. ${kept}`,
      ],
      [
        'a status other than SUCCEED',
        200,
        { status: 'FAILED' },
        `The new key was created, but SMASHSEND did not accept it when it was checked with its own secret: SMASHSEND did not accept the API key (GET ${CHECK} answered status "FAILED"). ${kept}`,
      ],
      [
        '500',
        500,
        { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong' },
        `The new key was created, but checking it with its own secret failed: SMASHSEND had a server error (500 on GET ${CHECK}): Something went wrong. ${kept}`,
      ],
    ] as const)('%s: the new key comes back in full, unverified; nothing is deleted', async (_case, status, body, warning) => {
      const check = checkOfNewKey(status, body);
      const scope = listAndCreate();
      expect(await rotate()).toEqual({ ...NEW, replacedKeyId: OLD.id, oldKeyDeleted: false, newKeyVerified: false, warning });
      scope.done();
      check.done();
      expect(unmatched).toEqual([]); // no DELETE was tried
    });

    it('a check that gets no answer in time: kept as well', async () => {
      const check = nock(SMASHSEND, NEW_BEARER).get(CHECK).replyWithError({ code: 'ETIMEDOUT', message: 'timed out' });
      const scope = listAndCreate();
      const result = (await rotate()) as Record<string, unknown>;
      expect(result).toMatchObject({ secretKey: NEW.secretKey, oldKeyDeleted: false, newKeyVerified: false });
      expect(result.warning).toBe(
        `The new key was created, but checking it with its own secret failed: SMASHSEND did not answer within 10 s (GET ${CHECK}). ${kept}`,
      );
      scope.done();
      check.done();
      expect(unmatched).toEqual([]);
    });
  });

  describe('delete_old_key', () => {
    it.each([false, 'false', 'no', ' False ', 0])('%p: checks the new key and keeps the old one live, with no warning', async (value) => {
      const check = checkOfNewKey();
      const scope = listAndCreate(OLD, false); // nothing will be deleted: no need to know whose key it is
      expect(await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id, delete_old_key: value })).toEqual({
        ...NEW,
        replacedKeyId: OLD.id,
        oldKeyDeleted: false,
        newKeyVerified: true,
        warning: '',
      });
      scope.done();
      check.done();
      expect(unmatched).toEqual([]); // no DELETE
    });

    it.each([true, 'true', 'yes', '', null, undefined])('%p: deletes the old key once the new one checks out', async (value) => {
      const check = checkOfNewKey();
      const scope = listAndCreate().delete(keyPath(OLD.id)).reply(200, DELETED);
      expect(await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id, delete_old_key: value })).toMatchObject({
        oldKeyDeleted: true,
        newKeyVerified: true,
        warning: '',
      });
      scope.done();
      check.done();
    });

    it('false, and the new key does not check out: kept as asked, and says so', async () => {
      const check = checkOfNewKey(401, fx.error401);
      const scope = listAndCreate(OLD, false);
      expect(await run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id, delete_old_key: 'false' })).toEqual({
        ...NEW,
        replacedKeyId: OLD.id,
        oldKeyDeleted: false,
        newKeyVerified: false,
        warning: `The new key was created, but SMASHSEND did not accept it when it was checked with its own secret: SMASHSEND rejected the API key (401 on GET ${CHECK}): Invalid API key. Please double-check and try again. The old key ${OLD.id} ("CRM Sync") was kept, as asked: make sure the new key works before deleting the old one.`,
      });
      scope.done();
      check.done();
    });

    it.each(['maybe', 'later', 2, {}])('refuses %p before any request', async (value) => {
      await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id, delete_old_key: value }), {
        name: 'AppError',
        code: 'input',
        says: [/^Delete Old Key must/, 'true or false'],
      });
      expect(unmatched).toEqual([]);
    });
  });

  describe('when creating the new key fails, nothing is deleted and the step fails', () => {
    function listThenCreateFails(status: number, body: nock.Body, headers: Record<string, string> = {}) {
      return nock(SMASHSEND, BEARER)
        .get('/v1/api-keys/current')
        .reply(200, fx.connectionKey)
        .get(KEYS)
        .query(listQuery())
        .reply(200, fx.listPageOf([OLD], null))
        .post(KEYS, { displayName: 'CRM Sync', role: 'EDITOR' })
        .reply(status, body, headers);
    }

    it('400: the vendor message', async () => {
      const scope = listThenCreateFails(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'API key limit reached for this workspace',
      });
      await expectZapierError(rotate(), {
        name: 'AppError',
        code: 'validation',
        status: 400,
        says: ['SMASHSEND rejected the request', 'API key limit reached for this workspace'],
      });
      scope.done();
      expect(unmatched).toEqual([]); // no DELETE was tried
    });

    it('429 without Retry-After: throttled for 60 s', async () => {
      const scope = listThenCreateFails(429, fx.error429);
      await expectZapierError(rotate(), {
        name: 'ThrottledError',
        delay: 60,
        says: ['rate limit reached', 'Rate limit exceeded', 'Wait a moment before trying again'],
      });
      scope.done();
      expect(unmatched).toEqual([]);
    });

    it('500: a retry may help', async () => {
      const scope = listThenCreateFails(500, { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong' });
      await expectZapierError(rotate(), {
        name: 'AppError',
        code: 'server',
        status: 500,
        says: ['had a server error', 'Something went wrong', 'A retry may help'],
      });
      scope.done();
      expect(unmatched).toEqual([]);
    });

    it('an answer without the secret: says the key may exist, and deletes nothing', async () => {
      const { secretKey: _secret, ...withoutSecret } = NEW;
      const scope = listThenCreateFails(200, { apiKey: withoutSecret });
      await expectZapierError(rotate(), {
        name: 'AppError',
        code: 'bad_response',
        status: 200,
        says: ['answered without secretKey', 'The change may have been made', "the key's value is unknown"],
      });
      scope.done();
      expect(unmatched).toEqual([]);
    });
  });

  it('halts when no page of the list has the key, and creates nothing', async () => {
    const scope = nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, fx.listPageOf([fx.listedKey(1)], '2024-02-27T10:00:00.000Z'))
      .get(KEYS)
      .query(listQuery('2024-02-27T10:00:00.001Z'))
      .reply(200, fx.listPageOf([fx.listedKey(1), fx.listedKey(2)], null));
    await expectZapierError(rotate('aki_missing'), {
      name: 'HaltedError',
      says: [
        "aki_missing was not found in the workspace's key list",
        'nothing was created or deleted',
        'Pick the key again from the list',
        '"Find SMASHSEND API Key" step',
      ],
    });
    scope.done();
    expect(unmatched).toEqual([]);
  });

  it('halts on a key whose role a new key cannot have, before creating anything', async () => {
    const scope = nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, fx.listPageOf([{ ...OLD, role: 'OWNER' }], null));
    await expectZapierError(rotate(), {
      name: 'HaltedError',
      says: [
        'has role "OWNER", which a new key cannot be given',
        'nothing was created or deleted',
        'Create a key with the role you want and delete the old one instead',
      ],
    });
    scope.done();
    expect(unmatched).toEqual([]);
  });

  it.each([
    ['no key', undefined, 'is required'],
    ['a key id that is a path', '../users/me', 'only letters, digits, underscores and hyphens'],
  ])('refuses %s before any request', async (_case, apiKeyId, rule) => {
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId }), {
      name: 'AppError',
      code: 'input',
      says: [/^API Key /, rule],
    });
    expect(unmatched).toEqual([]);
  });

  it('turns a revoked connection key on the list into an expired connection (a SMASHSEND-only connection), before creating anything', async () => {
    nock(SMASHSEND).get(KEYS).query(true).reply(401, fx.error401);
    const smashsendOnly = without(AUTH, 'smartlead_api_key', 'smarte_api_key');
    await expectZapierError(run('creates', 'rotate_smashsend_api_key', { apiKeyId: OLD.id }, smashsendOnly), {
      name: 'ExpiredAuthError',
      says: ['SMASHSEND rejected the API key', 'Invalid API key. Please double-check and try again.', 'Reconnect your SMASHSEND API key'],
    });
    expect(unmatched).toEqual([]);
  });

  it('in a connection that also holds other vendors, the same 401 names the SMASHSEND key field and leaves the connection alone', async () => {
    nock(SMASHSEND).get(KEYS).query(true).reply(401, fx.error401);
    await expectZapierError(rotate(), {
      name: 'AppError',
      code: 'auth',
      status: 401,
      says: [
        'SMASHSEND rejected the API key',
        "Reconnect with a working key in the SMASHSEND API Key field; the connection's other vendors keep working.",
      ],
    });
    expect(unmatched).toEqual([]);
  });

  it.each(['inclusive', 'exclusive'] as const)(
    'finds the old key among keys created in one millisecond across a page boundary (%s cursor)',
    async (reading) => {
      // Newest first: 95 keys, a burst of 10 created in one millisecond (5 on each page), 45 older keys.
      const keys = keysInBursts([...Array<number>(45).fill(1), 10, ...Array<number>(95).fill(1)]);
      const old = listOrder(keys)[103] as FakeKey;
      const instant = keys[45]?.createdAt ?? '';
      expect(old.createdAt).toBe(instant);
      const queries = serveFakeList(SMASHSEND, KEYS, { keys, reading }, BEARER);
      const created = { ...NEW, displayName: old.displayName, role: old.role };
      const check = checkOfNewKey(200, { status: 'SUCCEED', displayName: old.displayName, role: old.role });
      const scope = nock(SMASHSEND, BEARER)
        .get('/v1/api-keys/current')
        .reply(200, fx.connectionKey)
        .post(KEYS, { displayName: old.displayName, role: old.role })
        .reply(200, { apiKey: created })
        .delete(keyPath(old.id))
        .reply(200, { apiKey: old, isDeleted: true });
      expect(await rotate(old.id)).toEqual({ ...created, replacedKeyId: old.id, oldKeyDeleted: true, newKeyVerified: true, warning: '' });
      scope.done();
      check.done();
      expect(queries).toEqual([listQuery(), listQuery(new Date(Date.parse(instant) + 1).toISOString())]);
    },
  );
});

it("the rotate warning names the delete step by its definition's label (not a retyped copy): relabelling the step changes the warning", () => {
  const rotation = {
    newKey: NEW,
    oldKey: OLD,
    newKeyVerified: true,
    newKeyCheck: 'passed',
    oldKeyDeleted: false,
    oldKeyOutcome: 'not_deleted',
    connectionKey: false,
  } as const;
  expect(smashsendRotationWarning(rotation, deleteSmashsendApiKey)).toBe(
    `The new key was created, but the old key ${OLD.id} ("CRM Sync") is still live: SMASHSEND answered the delete with isDeleted false. Delete it with the "${deleteSmashsendApiKey.display.label}" step or in SMASHSEND.`,
  );
  const relabelled = { ...deleteSmashsendApiKey, display: { ...deleteSmashsendApiKey.display, label: 'Remove SMASHSEND Key' } };
  expect(smashsendRotationWarning(rotation, relabelled)).toContain('Delete it with the "Remove SMASHSEND Key" step or in SMASHSEND.');
  expect(
    smashsendRotationWarning({ ...rotation, newKeyVerified: false, newKeyCheck: 'rejected', oldKeyOutcome: 'kept_unverified' }, relabelled),
  ).toContain('then delete the key you no longer want with the "Remove SMASHSEND Key" step.');
});
