// The connection test: every key given is checked concurrently; each failure names its vendor; no keys at all fails.
// The label tells two connections apart (Zapier's check D003): SMASHSEND's key name and workspace, the others' key hints.

import nock from 'nock';
import { App, AUTH, appTester, bundleWith, run } from '../support/app';
import { useNock, recordUnmatchedRequests } from '../support/nock';
import { BEARER, KEYS, listQuery } from '../support/smashsend';
import { expectZapierError } from '../support/outcome';
import { SMARTE, SMARTLEAD, SMASHSEND } from '../support/vendors';
import * as smashsend from '../fixtures/smashsend';
import * as smartlead from '../fixtures/smartlead';
import * as smarte from '../fixtures/smarte';

useNock();

const testAuth = (authData: Record<string, string>) =>
  appTester(App.authentication!.test as (z: unknown, b: unknown) => unknown, bundleWith({}, authData));

const only = (...keys: (keyof typeof AUTH)[]) => Object.fromEntries(keys.map((k) => [k, AUTH[k]]));

function smashsendCheck(status = 200, body: object = smashsend.checkOk) {
  return nock(SMASHSEND, { reqheaders: { authorization: `Bearer ${AUTH.smashsend_api_key}` } })
    .get('/v1/api-keys/check')
    .reply(status, body);
}
/** What the label shows of each test key: `********` and its last 4 characters; SMASHSEND's workspace cut to 12. */
const SMASHSEND_LABEL = 'SMASHSEND sdfasdf (wrk_ENGTK86J…)';
const SMARTLEAD_LABEL = 'SmartLead ********6789';
const SMARTE_LABEL = 'SMARTe ********789=';

/** The workspace proof: one key of the connection's workspace's list. */
function smashsendWorkspaceRead(status = 200, body: object = smashsend.listPageOf([smashsend.listedKey(1)], '2024-02-27T10:00:00.000Z')) {
  return nock(SMASHSEND, { reqheaders: { authorization: `Bearer ${AUTH.smashsend_api_key}` } })
    .get(`/v1/workspaces/${AUTH.smashsend_workspace_id}/api-keys`)
    .query({ limit: '1' })
    .reply(status, body);
}
/** The workspace discovery when the field is blank: the key's own record names its workspace. */
function smashsendCurrent(status = 200, body: object = smashsend.connectionKey) {
  return nock(SMASHSEND, BEARER).get('/v1/api-keys/current').reply(status, body);
}
function smartleadClients(status = 200, body: unknown = smartlead.clients) {
  return nock(SMARTLEAD)
    .get('/api/v1/client/')
    .query({ api_key: AUTH.smartlead_api_key })
    .reply(status, body as object);
}
function smarteView(status = 200, body: object = smarte.viewAll) {
  return nock(SMARTE, { reqheaders: { 'api-key': AUTH.smarte_api_key, 'content-type': 'application/json' } })
    .post('/signals/v1/key/view', {})
    .reply(status, body);
}

describe('connection test', () => {
  it('accepts a SMASHSEND key, learns its workspace from the key, and labels the connection with both', async () => {
    const scopes = [smashsendCheck(), smashsendCurrent()];
    expect(await testAuth(only('smashsend_api_key'))).toEqual({
      vendors: ['SMASHSEND'],
      smashsend_display_name: 'sdfasdf',
      smashsend_role: 'EDITOR',
      label: SMASHSEND_LABEL,
    });
    scopes.forEach((scope) => scope.done());
  });

  it('accepts a SmartLead key with the cheapest read (the client list), labelled with the key’s hint', async () => {
    const scope = smartleadClients();
    expect(await testAuth(only('smartlead_api_key'))).toEqual({ vendors: ['SmartLead'], label: SMARTLEAD_LABEL });
    scope.done();
  });

  it('accepts a SMARTe key with the view-all call, labelled with the key’s hint', async () => {
    const scope = smarteView();
    expect(await testAuth(only('smarte_api_key'))).toEqual({ vendors: ['SMARTe'], label: SMARTE_LABEL });
    scope.done();
  });

  it('checks all three keys and labels the connection with what identifies each', async () => {
    const scopes = [smashsendCheck(), smashsendWorkspaceRead(), smartleadClients(), smarteView()];
    expect(await testAuth(AUTH)).toEqual({
      vendors: ['SMASHSEND', 'SmartLead', 'SMARTe'],
      smashsend_display_name: 'sdfasdf',
      smashsend_role: 'EDITOR',
      label: `${SMASHSEND_LABEL} · ${SMARTLEAD_LABEL} · ${SMARTE_LABEL}`,
    });
    scopes.forEach((scope) => scope.done());
  });

  it('checks the keys concurrently: all three requests are out before any answer', async () => {
    // Each vendor holds its answer until all three requests have arrived (or 2 s pass, which fails the test).
    let arrived = 0;
    const arrivedBeforeFirstAnswer: number[] = [];
    const answerWhenAllArrived =
      (body: object) => (_uri: string, _body: unknown, callback: (err: null, result: [number, object]) => void) => {
        arrived += 1;
        const started = Date.now();
        const poll = setInterval(() => {
          if (arrived === 3 || Date.now() - started > 2000) {
            clearInterval(poll);
            arrivedBeforeFirstAnswer.push(arrived);
            callback(null, [200, body]);
          }
        }, 5);
      };
    nock(SMASHSEND).get('/v1/api-keys/check').reply(answerWhenAllArrived(smashsend.checkOk));
    smashsendWorkspaceRead();
    nock(SMARTLEAD).get('/api/v1/client/').query(true).reply(answerWhenAllArrived(smartlead.clients));
    nock(SMARTE).post('/signals/v1/key/view').reply(answerWhenAllArrived(smarte.viewAll));
    await testAuth(AUTH);
    expect(arrivedBeforeFirstAnswer).toEqual([3, 3, 3]);
  });

  it('fails on a rejected SMASHSEND key, naming SMASHSEND and its message', async () => {
    smashsendCheck(401, smashsend.error401);
    await expectZapierError(testAuth(only('smashsend_api_key')), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMASHSEND rejected the API key', 'Invalid API key. Please double-check and try again.', 'Check the SMASHSEND API Key field'],
    });
  });

  it('fails when SMASHSEND answers 200 with a status other than SUCCEED', async () => {
    smashsendCheck(200, { status: 'FAILED', displayName: 'x', role: 'EDITOR' });
    await expectZapierError(testAuth(only('smashsend_api_key')), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMASHSEND did not accept the API key', 'status "FAILED"', 'Check the SMASHSEND API Key field'],
    });
  });

  it('fails on a rejected SmartLead key', async () => {
    smartleadClients(401, smartlead.error401);
    await expectZapierError(testAuth(only('smartlead_api_key')), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SmartLead rejected the API key', 'Invalid or missing API key', 'Check the SmartLead API Key field'],
    });
  });

  it('fails on a SMARTe key without permission', async () => {
    smarteView(403, { error: { code: 'forbidden', message: 'Admin role required', status: 403 } });
    await expectZapierError(testAuth(only('smarte_api_key')), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['SMARTe refused access', 'Admin role required', 'Check the SMARTe Admin API Key field: use a key that is allowed to do this'],
    });
  });

  it('names every vendor that failed when several do, and passes over the one that worked', async () => {
    smashsendCheck();
    smashsendWorkspaceRead();
    smartleadClients(500, { message: 'Internal error' });
    nock(SMARTE).post('/signals/v1/key/view').reply(200, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
    const error = await expectZapierError(testAuth(AUTH), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: [/SmartLead had a server error.* SMARTe sent an HTML page instead of JSON/, 'Internal error', 'A retry may help'],
    });
    expect(error.message).not.toContain('SMASHSEND');
  });

  it('with two rejected keys: one sentence per vendor, each naming the field to check', async () => {
    smashsendCheck();
    smashsendWorkspaceRead();
    smartleadClients(401, smartlead.error401);
    smarteView(401, { error: { code: 'unauthorized', message: 'Invalid API key', status: 401 } });
    const error = await expectZapierError(testAuth(AUTH), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['Check the SmartLead API Key field', 'Check the SMARTe Admin API Key field'],
    });
    // The connection test composes one sentence per vendor: this one test pins the whole composed message.
    expect(error.message).toBe(
      'SmartLead rejected the API key (401 on GET /api/v1/client/): Invalid or missing API key. Check the SmartLead API Key field. ' +
        'SMARTe rejected the API key (401 on POST /signals/v1/key/view): Invalid API key. Check the SMARTe Admin API Key field.',
    );
  });

  it('with all three keys failing in different ways: each vendor gets its own advice, in a fixed order', async () => {
    smashsendCheck(429, smashsend.error429);
    smartleadClients(401, smartlead.error401);
    nock(SMARTE)
      .post('/signals/v1/key/view')
      .replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND signals.smarte.pro'), { code: 'ENOTFOUND' }));
    const error = await expectZapierError(testAuth(AUTH), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: ['Wait a moment before trying again', 'Check the SmartLead API Key field', 'Check the SMARTe base URL setting'],
    });
    const sentences = error.message.split(/(?<=\.) (?=SMASHSEND|SmartLead|SMARTe)/);
    expect(sentences).toHaveLength(3);
    expect(sentences[0]).toMatch(/^SMASHSEND rate limit reached.* Wait a moment before trying again\.$/);
    expect(sentences[1]).toMatch(/^SmartLead rejected the API key.* Check the SmartLead API Key field\.$/);
    expect(sentences[2]).toMatch(
      /^SMARTe could not be reached: its host signals\.smarte\.pro was not found.* Check the SMARTe base URL setting/,
    );
    expect(error.message).not.toContain('A retry may help');
    expect(error.message).not.toContain('Reconnect');
  });

  it('refuses a connection with no key at all, before any request', async () => {
    await expectZapierError(testAuth({ smashsend_api_key: '  ', smashsend_workspace_id: 'wrk_x' }), {
      name: 'AppError',
      code: 'missing_key',
      says: ['Add at least one API key', '(SMASHSEND, SmartLead or SMARTe)'],
    });
  });

  it('never puts a key in an error message', async () => {
    smashsendCheck(401, { statusCode: 401, error: 'Unauthorized', message: `Key ${AUTH.smashsend_api_key} is invalid` });
    nock(SMARTLEAD)
      .get('/api/v1/client/')
      .query(true)
      .reply(401, { message: `bad api_key ${AUTH.smartlead_api_key}` });
    nock(SMARTE)
      .post('/signals/v1/key/view')
      .reply(401, { error: { message: `unknown ${AUTH.smarte_api_key}` } });
    await expectZapierError(testAuth(AUTH), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: 'Key [redacted] is invalid',
      secrets: Object.values(only('smashsend_api_key', 'smartlead_api_key', 'smarte_api_key')),
    });
  });

  describe('with a SMASHSEND Workspace ID in the connection', () => {
    const withWorkspace = (workspaceId: string = AUTH.smashsend_workspace_id) => ({
      smashsend_api_key: AUTH.smashsend_api_key,
      smashsend_workspace_id: workspaceId,
    });
    const unmatched = recordUnmatchedRequests();

    it('proves the key can read that workspace with the cheapest call (one key of its list), alongside the check', async () => {
      const scopes = [smashsendCheck(), smashsendWorkspaceRead()];
      expect(await testAuth(withWorkspace())).toEqual({
        vendors: ['SMASHSEND'],
        smashsend_display_name: 'sdfasdf',
        smashsend_role: 'EDITOR',
        label: SMASHSEND_LABEL,
      });
      scopes.forEach((scope) => scope.done());
    });

    it.each([
      [403, smashsend.error403, 'API key does not have sufficient permissions'],
      [404, { statusCode: 404, error: 'Not Found', message: 'Workspace not found' }, 'Workspace not found'],
    ])('a workspace the key cannot read (%i) fails, naming the SMASHSEND Workspace ID field and what to do', async (status, body, why) => {
      smashsendCheck();
      smashsendWorkspaceRead(status, body);
      await expectZapierError(testAuth(withWorkspace()), {
        name: 'AppError',
        code: 'connection_test_failed',
        says: [
          'The SMASHSEND Workspace ID field is wrong',
          `cannot read workspace ${AUTH.smashsend_workspace_id}`,
          why,
          'Fix it, or clear it',
        ],
      });
    });

    it('a workspace id that cannot be one fails before any request, naming the field', async () => {
      await expectZapierError(testAuth(withWorkspace('wrk_../users')), {
        name: 'AppError',
        code: 'connection_test_failed',
        says: ['The SMASHSEND Workspace ID field is wrong', 'only letters, digits, underscores and hyphens', 'Fix it, or clear it'],
      });
      expect(unmatched).toEqual([]);
    });

    it('a rejected key is reported as such, not as a workspace problem', async () => {
      smashsendCheck(401, smashsend.error401);
      smashsendWorkspaceRead(401, smashsend.error401);
      const error = await expectZapierError(testAuth(withWorkspace()), {
        name: 'AppError',
        code: 'connection_test_failed',
        says: ['SMASHSEND rejected the API key', 'Check the SMASHSEND API Key field'],
      });
      expect(error.message).not.toContain('Workspace ID');
    });

    it('a server error on the workspace read is not blamed on the field', async () => {
      smashsendCheck();
      smashsendWorkspaceRead(500, { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong' });
      const error = await expectZapierError(testAuth(withWorkspace()), {
        name: 'AppError',
        code: 'connection_test_failed',
        says: ['SMASHSEND had a server error', 'Something went wrong', 'A retry may help'],
      });
      expect(error.message).not.toContain('Workspace ID');
    });
  });

  it('shows the label from the test result, never a key', () => {
    expect(App.authentication!.connectionLabel).toBe('{{bundle.inputData.label}}');
  });
});

describe('the connection label (D003: two connections can be told apart)', () => {
  const unmatched = recordUnmatchedRequests();
  const label = async (authData: Record<string, string>) => ((await testAuth(authData)) as { label: string }).label;

  it('two connections of one vendor with different keys get different labels, neither a bare vendor name nor a key', async () => {
    const other = { smartlead_api_key: 'sl_test_smartlead_other_987654321d' };
    smartleadClients();
    nock(SMARTLEAD).get('/api/v1/client/').query({ api_key: other.smartlead_api_key }).reply(200, smartlead.clients);
    const labels = [await label(only('smartlead_api_key')), await label(other)];
    expect(labels).toEqual([SMARTLEAD_LABEL, 'SmartLead ********321d']);
    for (const text of labels) {
      expect(text).not.toBe('SmartLead');
      expect(text).not.toContain(AUTH.smartlead_api_key);
      expect(text).not.toContain(other.smartlead_api_key);
    }
  });

  it('a SMASHSEND key without a display name is named by its hint, never in full', async () => {
    smashsendCheck(200, { status: 'SUCCEED', displayName: null, role: 'EDITOR' });
    smashsendCurrent();
    const text = await label(only('smashsend_api_key'));
    expect(text).toBe('SMASHSEND ********6789 (wrk_ENGTK86J…)');
    expect(text).not.toContain(AUTH.smashsend_api_key);
  });

  it('a short workspace id is shown whole', async () => {
    smashsendCheck();
    nock(SMASHSEND, BEARER)
      .get('/v1/api-keys/current')
      .reply(200, { apiKey: { ...smashsend.connectionKey.apiKey, workspaceId: 'wrk_team42' } });
    expect(await label(only('smashsend_api_key'))).toBe('SMASHSEND sdfasdf (wrk_team42)');
  });

  it('the workspace comes from GET /v1/users/me when SMASHSEND does not answer GET /v1/api-keys/current', async () => {
    const scopes = [smashsendCheck(), smashsendCurrent(404, { statusCode: 404, error: 'Not Found', message: 'Cannot GET' })];
    scopes.push(nock(SMASHSEND, BEARER).get('/v1/users/me').reply(200, smashsend.usersMe));
    expect(await label(only('smashsend_api_key'))).toBe(SMASHSEND_LABEL);
    scopes.forEach((scope) => scope.done());
  });

  it('the workspace learnt by the test is remembered: the next SMASHSEND step asks for it no more', async () => {
    smashsendCheck();
    smashsendCurrent();
    await testAuth(only('smashsend_api_key'));
    const list = nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, smashsend.listPage);
    await run('triggers', 'new_smashsend_api_key', {}, only('smashsend_api_key'));
    list.done();
    expect(unmatched).toEqual([]);
  });

  it('a key whose workspace SMASHSEND does not tell fails, saying to fill in the SMASHSEND Workspace ID field', async () => {
    smashsendCheck();
    smashsendCurrent(403, smashsend.error403);
    nock(SMASHSEND, BEARER).get('/v1/users/me').reply(403, smashsend.error403);
    await expectZapierError(testAuth(only('smashsend_api_key')), {
      name: 'AppError',
      code: 'connection_test_failed',
      says: [
        'SMASHSEND did not tell which workspace the API key belongs to',
        'API key does not have sufficient permissions',
        'Enter it in the SMASHSEND Workspace ID field',
      ],
    });
  });
});
