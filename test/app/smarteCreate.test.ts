// create_smarte_api_key: the exact SMARTe create request, the full new key, and every way it can fail.

import nock from 'nock';
import { run } from '../support/app';
import { setEnv } from '../support/env';
import { silentServer } from '../support/net';
import { BASE_URL_ENV } from '../support/vendors';
import { expectNoRequest, useNock } from '../support/nock';
import { zapierError } from '../support/outcome';
import { CREATE, anySmarteRequest, failures, smarte } from '../support/smarte';
import * as fx from '../fixtures/smarte';

useNock();

const email = fx.created.data.email;
/** After a 2xx create answer that cannot be read, the key may exist: the step says how to check instead of "retry". */
const CHECK =
  'The key may have been created anyway: use the "Find SMARTe API Key" step (or the SMARTe dashboard) to check before trying again.';

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
    expect(await zapierError(run('creates', 'create_smarte_api_key', { email }))).toEqual({
      name: 'AppError',
      message: `SMARTe answered without apiKey, the value of the new signals key (200 on POST ${CREATE}). The change may have been made, but the key's value is unknown: do not rely on it; check the key at SMARTe before trying again.`,
      code: 'bad_response',
      status: 200,
    });
  });

  it('fails plainly when SMARTe answers without the key record', async () => {
    smarte().post(CREATE, { email }).reply(200, { message: 'Key generated successfully' });
    expect(await zapierError(run('creates', 'create_smarte_api_key', { email }))).toEqual({
      name: 'AppError',
      message: `SMARTe sent an unexpected response (200 on POST ${CREATE}): data is missing. ${CHECK}`,
      code: 'bad_response',
      status: 200,
    });
  });

  it("carries SMARTe's message when it refuses the email", async () => {
    smarte().post(CREATE, { email }).reply(400, { message: 'A key already exists for this email' });
    expect(await zapierError(run('creates', 'create_smarte_api_key', { email }))).toEqual({
      name: 'AppError',
      message: `SMARTe rejected the request (400 on POST ${CREATE}): A key already exists for this email.`,
      code: 'validation',
      status: 400,
    });
  });

  it("carries SMARTe's message when the user already has a key (409)", async () => {
    smarte()
      .post(CREATE, { email })
      .reply(409, { error: { code: 'conflict', message: `An API key already exists for ${email}`, status: 409 } });
    expect(await zapierError(run('creates', 'create_smarte_api_key', { email }))).toEqual({
      name: 'AppError',
      message: `SMARTe rejected the request (409 on POST ${CREATE}): An API key already exists for ${email}.`,
      code: 'validation',
      status: 409,
    });
  });

  it.each(failures(CREATE, CHECK))('$what', async ({ status, body, headers, expected }) => {
    smarte().post(CREATE, { email }).reply(status, body, headers);
    expect(await zapierError(run('creates', 'create_smarte_api_key', { email }))).toEqual(expected);
  });

  it.each([
    ['an empty email', '', 'Email must not be empty.'],
    ['a blank email', '   ', 'Email must not be empty.'],
    ['no email', undefined, 'Email is required and must be text.'],
    ['a malformed email', 'new.user@', 'Email must be an email address such as name@example.com.'],
    ['two emails', 'a@b.co, c@d.co', 'Email must be an email address such as name@example.com.'],
  ])('refuses %s before any request', async (_what, value, message) => {
    const scope = anySmarteRequest();
    expect(await zapierError(run('creates', 'create_smarte_api_key', { email: value }))).toEqual({
      name: 'AppError',
      message,
      code: 'input',
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
      const outcome = zapierError(run('creates', 'create_smarte_api_key', { email }));
      await server.requestArrived;
      jest.advanceTimersByTime(10_001);
      expect(await outcome).toEqual({
        name: 'AppError',
        message: `SMARTe did not answer within 10 s (POST ${CREATE}). The key may have been created anyway: use the "Find SMARTe API Key" step (or the SMARTe dashboard) to check before trying again.`,
        code: 'network',
      });
    });
  });
});
