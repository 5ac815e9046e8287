// create_smarte_api_key: the exact SMARTe create request, the full new key, and every way it can fail.

import nock from 'nock';
import { run } from '../support/app';
import { setEnv } from '../support/env';
import { silentServer } from '../support/net';
import { BASE_URL_ENV } from '../support/vendors';
import { expectNoRequest, useNock } from '../support/nock';
import { expectZapierError } from '../support/outcome';
import { CREATE, anySmarteRequest, failures, smarte } from '../support/smarte';
import * as fx from '../fixtures/smarte';

useNock();

const email = fx.created.data.email;
/** After a 2xx create answer that cannot be read, the key may exist: the step says how to check instead of "retry". */
/** The key phrases of the advice after an answer that leaves the create's outcome unknown. */
const CHECK = ['The key may have been created anyway', '"Find SMARTe API Key" step'];

describe('create_smarte_api_key', () => {
  it('posts the email and returns the new key with its full apiKey, id = keyId', async () => {
    const scope = smarte().post(CREATE, { email }).reply(200, fx.created);
    expect(await run('creates', 'create_smarte_api_key', { email: `  ${email} ` })).toEqual({
      id: fx.created.data.keyId,
      ...fx.created.data,
    });
    scope.done();
  });

  it.each([
    ['without apiKey', (({ apiKey: _apiKey, ...rest }) => rest)(fx.created.data)],
    ['with an empty apiKey', { ...fx.created.data, apiKey: '' }],
    ['with a null apiKey', { ...fx.created.data, apiKey: null }],
  ])('fails plainly when SMARTe answers %s', async (_what, data) => {
    smarte().post(CREATE, { email }).reply(200, { message: 'Key generated successfully', data });
    await expectZapierError(run('creates', 'create_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['answered without apiKey, the value of the new signals key', "the key's value is unknown: do not rely on it"],
    });
  });

  it('fails plainly when SMARTe answers without the key record', async () => {
    smarte().post(CREATE, { email }).reply(200, { message: 'Key generated successfully' });
    await expectZapierError(run('creates', 'create_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'bad_response',
      status: 200,
      says: ['unexpected response', 'data is missing', 'The key may have been created anyway', '"Find SMARTe API Key" step'],
    });
  });

  it("carries SMARTe's message when it refuses the email", async () => {
    smarte().post(CREATE, { email }).reply(400, { message: 'A key already exists for this email' });
    await expectZapierError(run('creates', 'create_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'validation',
      status: 400,
      says: ['SMARTe rejected the request', 'A key already exists for this email'],
    });
  });

  it("carries SMARTe's message when the user already has a key (409)", async () => {
    smarte()
      .post(CREATE, { email })
      .reply(409, { error: { code: 'conflict', message: `An API key already exists for ${email}`, status: 409 } });
    await expectZapierError(run('creates', 'create_smarte_api_key', { email }), {
      name: 'AppError',
      code: 'validation',
      status: 409,
      says: ['SMARTe rejected the request', `An API key already exists for ${email}`],
    });
  });

  it.each(failures(CREATE, CHECK))('$what', async ({ auth, status, body, headers, expected }) => {
    smarte().post(CREATE, { email }).reply(status, body, headers);
    await expectZapierError(run('creates', 'create_smarte_api_key', { email }, auth), expected);
  });

  it.each([
    ['an empty email', '', 'must not be empty'],
    ['a blank email', '   ', 'must not be empty'],
    ['no email', undefined, 'is required'],
    ['a malformed email', 'new.user@', 'must be an email address'],
    ['two emails', 'a@b.co, c@d.co', 'must be an email address'],
  ])('refuses %s before any request', async (_what, value, rule) => {
    const scope = anySmarteRequest();
    await expectZapierError(run('creates', 'create_smarte_api_key', { email: value }), {
      name: 'AppError',
      code: 'input',
      says: [/^Email /, rule],
    });
    expectNoRequest(scope);
  });

  describe('when SMARTe does not answer', () => {
    let server: Awaited<ReturnType<typeof silentServer>>;
    let restoreEnv: () => void;
    beforeEach(async () => {
      server = await silentServer();
      nock.enableNetConnect('127.0.0.1');
      restoreEnv = setEnv({ [BASE_URL_ENV.SMARTe]: server.baseUrl });
    });
    afterEach(async () => {
      jest.useRealTimers();
      restoreEnv();
      nock.disableNetConnect();
      await server.close();
    });

    it('says the key may have been created and to check with Find SMARTe API Key', async () => {
      // Fake timers stand in for the 10 s wait; the request itself is real, to a loopback server that never answers.
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      const checked = expectZapierError(run('creates', 'create_smarte_api_key', { email }), {
        name: 'AppError',
        code: 'network',
        says: ['did not answer within 10 s', 'The key may have been created anyway', '"Find SMARTe API Key" step'],
      });
      await server.requestArrived;
      jest.advanceTimersByTime(10_001);
      await checked;
    });
  });
});
