// Transport safety: a *_BASE_URL override is accepted only as https, or plain http on a loopback address (and never
// with credentials, a query or a fragment), so a mistaken setting cannot send keys in clear over the network. The app
// refuses a bad one when it loads (a clear Error naming the variable and the rule, never echoing the value), and the
// clients refuse it again if the environment changes after load.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as zapierCore from 'zapier-platform-core';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { run } from '../support/app';
import { setEnv, withEnv } from '../support/env';
import { outcomeOf } from '../support/outcome';
import { BASE_URL_ENV } from '../support/vendors';

const VARIABLES = Object.values(BASE_URL_ENV);
const figures = { refusedAtLoad: 0, badTried: 0, loaded: 0, goodTried: 0 };

const HTTPS_RULE = 'must use https (plain http is allowed only on a loopback address)';
const ABSOLUTE_RULE = 'must be an absolute URL such as https://api.example.com';
const PARTS_RULE = 'must not contain a query, a fragment or credentials';

const BAD: Array<[string, string, string]> = [
  ['plain http on a public host', 'http://api.smashsend.com', HTTPS_RULE],
  ['plain http on a private address', 'http://192.168.1.10:8080', HTTPS_RULE],
  ['plain http on 0.0.0.0', 'http://0.0.0.0:4010', HTTPS_RULE],
  ['plain http on a host that only starts like localhost', 'http://localhost.example.com', HTTPS_RULE],
  ['plain http on a host that only starts like 127.0.0.1', 'http://127.0.0.1.nip.io/smartlead', HTTPS_RULE],
  ['ws on loopback', 'ws://127.0.0.1:4010', HTTPS_RULE],
  ['no scheme', 'api.smashsend.com', ABSOLUTE_RULE],
  ['credentials', 'https://admin:hunter2secret@proxy.example.com', PARTS_RULE],
  ['a query', 'https://proxy.example.com/?token=abc', PARTS_RULE],
  ['a fragment', 'https://proxy.example.com/#x', PARTS_RULE],
];

const GOOD: Array<[string, string | undefined]> = [
  ['unset', undefined],
  ['blank', '   '],
  ['https with a path', 'https://proxy.example.com/smartlead'],
  ['the QA host, upper case', 'HTTPS://SIGNALS-QA.SMARTE.PRO'],
  ['http on 127.0.0.1 (the sandbox)', 'http://127.0.0.1:4010'],
  ['http on localhost', 'http://localhost:3000'],
  ['http on [::1]', 'http://[::1]:8080/smarte'],
];

/** Runs `load` in a fresh module registry with the variable set; returns the error it threw, if any. */
async function loadWith(name: string, value: string | undefined, load: () => void = loadApp): Promise<unknown> {
  const restore = setEnv({ [name]: value });
  try {
    let caught: unknown;
    await jest.isolateModulesAsync(async () => {
      // Every app module is loaded afresh; core itself is reused (loading it again costs ~0.3 s and is not under test).
      jest.doMock('zapier-platform-core', () => zapierCore);
      try {
        load();
      } catch (error) {
        caught = error;
      }
    });
    return caught;
  } finally {
    restore();
  }
}

function loadApp(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh require inside isolateModules
  const app = (require('../../index') as typeof import('../../index')).default;
  expect(Object.keys(app.creates ?? {}).length).toBeGreaterThan(0);
}

describe.each(VARIABLES)('%s', (name) => {
  it.each(BAD)('refuses %s (%s) when the app loads', async (_what, value, rule) => {
    figures.badTried += 1;
    const error = await loadWith(name, value);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toBe(`${name} ${rule}: fix or unset it (API keys must never cross the network in clear).`);
    expect(message).not.toContain('hunter2secret'); // the value is never echoed: it may hold credentials
    figures.refusedAtLoad += 1;
  });

  it.each(GOOD)('loads with %s (%s)', async (_what, value) => {
    figures.goodTried += 1;
    expect(await loadWith(name, value)).toBeUndefined();
    figures.loaded += 1;
  });
});

it("the refusal is index.ts's explicit call: every lib/ module loads with a bad value (no import side effects)", async () => {
  const libDir = path.join(__dirname, '../../lib');
  const modules = readdirSync(libDir).filter((file) => file.endsWith('.ts'));
  expect(modules).toEqual(expect.arrayContaining(['clients.ts', 'settings.ts', 'stepClock.ts']));
  for (const name of VARIABLES) {
    const loadLib = () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh require inside isolateModules
      for (const file of modules) require(path.join(libDir, file));
    };
    expect(await loadWith(name, 'http://api.example.com', loadLib)).toBeUndefined();
    const checkOnly = () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh require inside isolateModules
      (require('../../lib/settings') as typeof import('../../lib/settings')).checkBaseUrlSettings();
    };
    expect(await loadWith(name, 'http://api.example.com', checkOnly)).toEqual(
      new Error(`${name} ${HTTPS_RULE}: fix or unset it (API keys must never cross the network in clear).`),
    );
  }
});

it('a bad value set after load is still refused by the client, before any request', async () => {
  const outcome = await withEnv({ [BASE_URL_ENV.SMASHSEND]: 'http://api.smashsend.com' }, () =>
    outcomeOf(
      run(
        'triggers',
        'new_smashsend_api_key',
        {},
        { smashsend_api_key: SANDBOX_CREDENTIALS.smashsendApiKey, smashsend_workspace_id: 'wrk_1' },
      ),
    ),
  );
  expect(outcome).toMatchObject({ ok: false, name: 'AppError', code: 'input', message: `baseUrl ${HTTPS_RULE}.` });
});

afterAll(() => {
  console.log(
    `transport safety: bad base URLs tried: ${figures.badTried}, refused at load: ${figures.refusedAtLoad}; good ones tried: ${figures.goodTried}, loaded: ${figures.loaded}`,
  );
});
