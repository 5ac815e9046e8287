// Input checks run before any request: every rule of connector/validate.ts as each method uses it. The transport
// records any call, and each test asserts that none happened.

import { InputError, SmartLeadClient, SmarteClient, SmashsendClient, type Vendor } from '@keyring/connector';
import * as smarteFx from '../fixtures/smarte';
import * as smartleadFx from '../fixtures/smartlead';
import * as smashsendFx from '../fixtures/smashsend';
import { answer, collect, fakeTransport, forbiddenTransport } from '../support/connector';

const WS = smashsendFx.WORKSPACE_ID;
const LONG_256 = 'a'.repeat(256);

/** Runs a call that must fail its input checks (thrown or rejected) and returns the InputError. */
async function inputError(call: () => Promise<unknown>): Promise<InputError> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof InputError)) {
    throw new Error(`expected an InputError, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  }
  return caught;
}

type Case = [label: string, value: unknown, field: string, message: string];

/** Checks one table of bad inputs against one method, with a transport that must never be called. */
function refuses(
  vendor: Vendor,
  method: string,
  run: (value: unknown, transport: ReturnType<typeof forbiddenTransport>) => Promise<unknown>,
  cases: Case[],
): void {
  describe(`${vendor} ${method}`, () => {
    it.each(cases)('refuses %s before any request', async (_label, value, field, message) => {
      const fake = forbiddenTransport();
      const error = await inputError(() => run(value, fake));
      expect(error.field).toBe(field);
      expect(error.message).toBe(message);
      expect(error.kind).toBe('input');
      expect(error.vendor).toBe(vendor);
      expect(error.status).toBeUndefined();
      expect(error.retryable).toBe(false);
      expect(fake.requests).toEqual([]);
    });
  });
}

const keyNameRule = 'keyName must contain only letters, digits, spaces, hyphens and underscores.';
const keyNameCases: Case[] = [
  ['an empty keyName', '', 'keyName', 'keyName must not be empty.'],
  ['a whitespace keyName', '   ', 'keyName', 'keyName must not be empty.'],
  ['a missing keyName', undefined, 'keyName', 'keyName is required and must be text.'],
  ['bad/name', 'bad/name', 'keyName', keyNameRule],
  ['../', '../', 'keyName', keyNameRule],
  ['a unicode keyName', 'Clé de production', 'keyName', keyNameRule],
  ['an emoji keyName', 'Key 🔑', 'keyName', keyNameRule],
  ['a keyName with a dot', 'prod.key', 'keyName', keyNameRule],
  ['a keyName of 256 characters', LONG_256, 'keyName', 'keyName must be at most 255 characters long.'],
];

const positive = (field: string) => `${field} must be a positive whole number.`;
const requiredPositive = (field: string) => `${field} is required and must be a positive whole number.`;
function idCases(field: string): Case[] {
  return [
    ['0', 0, field, positive(field)],
    ['-1', -1, field, positive(field)],
    ['1.5', 1.5, field, positive(field)],
    ["'abc'", 'abc', field, positive(field)],
    ["'45/..'", '45/..', field, positive(field)],
    ["'1e3'", '1e3', field, positive(field)],
    ['NaN', Number.NaN, field, positive(field)],
    ['an unsafe integer', 2 ** 53 + 2, field, positive(field)],
    ["''", '', field, requiredPositive(field)],
    ['a missing value', undefined, field, requiredPositive(field)],
    ['null', null, field, requiredPositive(field)],
  ];
}

describe('SmartLead', () => {
  const client = (fake: ReturnType<typeof forbiddenTransport>) => new SmartLeadClient('sl_key', { transport: fake.transport });

  refuses(
    'SmartLead',
    'createClientApiKey keyName',
    (keyName, fake) => client(fake).createClientApiKey({ clientId: 301, keyName: keyName as string }),
    keyNameCases,
  );
  refuses(
    'SmartLead',
    'createClientApiKey clientId',
    (clientId, fake) => client(fake).createClientApiKey({ clientId: clientId as number, keyName: 'Production Key' }),
    idCases('clientId'),
  );
  refuses('SmartLead', 'resetClientApiKey keyId', (keyId, fake) => client(fake).resetClientApiKey(keyId as number), idCases('keyId'));
  refuses('SmartLead', 'deleteClientApiKey keyId', (keyId, fake) => client(fake).deleteClientApiKey(keyId as number), idCases('keyId'));
  refuses('SmartLead', 'listClientApiKeys filter', (filter, fake) => client(fake).listClientApiKeys(filter as object), [
    ['clientId 0', { clientId: 0 }, 'clientId', positive('clientId')],
    ['clientId -1', { clientId: -1 }, 'clientId', positive('clientId')],
    ['clientId 1.5', { clientId: 1.5 }, 'clientId', positive('clientId')],
    ["clientId 'abc'", { clientId: 'abc' }, 'clientId', positive('clientId')],
    ["status 'deleted'", { status: 'deleted' }, 'status', 'status must be one of active, inactive.'],
    ['a keyName of 256 characters', { keyName: LONG_256 }, 'keyName', 'keyName must be at most 255 characters long.'],
  ]);

  it('accepts a keyName of exactly 255 characters with letters, digits, spaces, hyphens and underscores', async () => {
    const name = `Prod key_2-${'x'.repeat(244)}`;
    const fake = fakeTransport(answer(200, smartleadFx.created));
    await new SmartLeadClient('sl_key', { transport: fake.transport }).createClientApiKey({ clientId: 301, keyName: name });
    expect(fake.requests[0].body).toEqual({ clientId: 301, keyName: name });
  });
});

describe('SMASHSEND', () => {
  const client = (fake: ReturnType<typeof forbiddenTransport>) =>
    new SmashsendClient('sk_key', { workspaceId: WS, transport: fake.transport });
  // Without a workspace, a bad input must still fail before the discovery request.
  const undiscovered = (fake: ReturnType<typeof forbiddenTransport>) => new SmashsendClient('sk_key', { transport: fake.transport });

  const idRule = 'apiKeyId must contain only letters, digits, underscores and hyphens.';
  const apiKeyIdCases: Case[] = [
    ["'../x'", '../x', 'apiKeyId', idRule],
    ["'a/b'", 'a/b', 'apiKeyId', idRule],
    ["'%2F'", '%2F', 'apiKeyId', idRule],
    ["'?x'", '?x', 'apiKeyId', idRule],
    ["'#'", '#', 'apiKeyId', idRule],
    ['an id with a newline inside', 'aki_1\naki_2', 'apiKeyId', idRule],
    ['an id with a space inside', 'aki 1', 'apiKeyId', idRule],
    ['an empty id', '', 'apiKeyId', 'apiKeyId must not be empty.'],
    ['a missing id', undefined, 'apiKeyId', 'apiKeyId is required and must be text.'],
    ['an id of 129 characters', 'a'.repeat(129), 'apiKeyId', 'apiKeyId must be at most 128 characters long.'],
  ];
  refuses(
    'SMASHSEND',
    'updateApiKey apiKeyId',
    (id, fake) => client(fake).updateApiKey(id as string, { displayName: 'Renamed' }),
    apiKeyIdCases,
  );
  refuses('SMASHSEND', 'deleteApiKey apiKeyId', (id, fake) => client(fake).deleteApiKey(id as string), apiKeyIdCases);
  // A bad id fails before the check of the client's own key (GET /v1/api-keys/current) as well: no request at all.
  refuses(
    'SMASHSEND',
    'updateApiKey apiKeyId with a role change',
    (id, fake) => client(fake).updateApiKey(id as string, { role: 'VIEWER' }),
    apiKeyIdCases.slice(0, 3),
  );
  refuses(
    'SMASHSEND',
    'deleteApiKey apiKeyId with allowConnectionKey',
    (id, fake) => client(fake).deleteApiKey(id as string, { allowConnectionKey: true }),
    apiKeyIdCases.slice(0, 3),
  );
  refuses(
    'SMASHSEND',
    'deleteApiKey apiKeyId (no workspace yet)',
    (id, fake) => undiscovered(fake).deleteApiKey(id as string),
    apiKeyIdCases.slice(0, 3),
  );

  const roleRule = 'role must be one of EDITOR, VIEWER, API_USER.';
  refuses('SMASHSEND', 'createApiKey', (input, fake) => client(fake).createApiKey(input as { displayName: string; role: string }), [
    ['an empty displayName', { displayName: '', role: 'API_USER' }, 'displayName', 'displayName must not be empty.'],
    ['a whitespace displayName', { displayName: '  ', role: 'API_USER' }, 'displayName', 'displayName must not be empty.'],
    ['a missing displayName', { role: 'API_USER' }, 'displayName', 'displayName is required and must be text.'],
    [
      'a displayName of 256 characters',
      { displayName: LONG_256, role: 'API_USER' },
      'displayName',
      'displayName must be at most 255 characters long.',
    ],
    ["role 'OWNER'", { displayName: 'Zapier', role: 'OWNER' }, 'role', roleRule],
    ["role 'ADMIN'", { displayName: 'Zapier', role: 'ADMIN' }, 'role', roleRule],
    ['an empty role', { displayName: 'Zapier', role: '' }, 'role', 'role must not be empty.'],
    ['a missing role', { displayName: 'Zapier' }, 'role', 'role is required and must be text.'],
  ]);
  refuses(
    'SMASHSEND',
    'createApiKey (no workspace yet)',
    (input, fake) => undiscovered(fake).createApiKey(input as { displayName: string; role: string }),
    [["role 'OWNER'", { displayName: 'Zapier', role: 'OWNER' }, 'role', roleRule]],
  );

  refuses(
    'SMASHSEND',
    'updateApiKey changes',
    (changes, fake) => client(fake).updateApiKey('aki_abc123def456', changes as { displayName?: string; role?: string }),
    [
      ['neither displayName nor role', {}, 'displayName', 'displayName or role must be given: there is nothing to change otherwise.'],
      [
        'a blank displayName and no role',
        { displayName: '  ' },
        'displayName',
        'displayName or role must be given: there is nothing to change otherwise.',
      ],
      ["role 'OWNER'", { role: 'OWNER' }, 'role', roleRule],
      ['a displayName of 256 characters', { displayName: LONG_256 }, 'displayName', 'displayName must be at most 255 characters long.'],
    ],
  );

  const limitRule = 'limit must be a whole number from 1 to 100.';
  const listCases: Case[] = [
    ['limit 0', { limit: 0 }, 'limit', limitRule],
    ['limit 101', { limit: 101 }, 'limit', limitRule],
    ['limit 1.5', { limit: 1.5 }, 'limit', limitRule],
    ['limit -1', { limit: -1 }, 'limit', limitRule],
    ["limit 'ten'", { limit: 'ten' }, 'limit', limitRule],
    ["sort 'name'", { sort: 'name' }, 'sort', 'sort must be one of createdAt.desc, createdAt.asc.'],
    ['a startAt of 101 characters', { startAt: 'c'.repeat(101) }, 'startAt', 'startAt must be at most 100 characters long.'],
  ];
  refuses('SMASHSEND', 'listApiKeys', (options, fake) => client(fake).listApiKeys(options as object), listCases);
  refuses('SMASHSEND', 'listApiKeys (no workspace yet)', (options, fake) => undiscovered(fake).listApiKeys(options as object), listCases);
  refuses('SMASHSEND', 'pages', (options, fake) => collect(client(fake).pages(options as object)), listCases.slice(0, 6));
  refuses('SMASHSEND', 'allApiKeys', (options, fake) => collect(client(fake).allApiKeys(options as object)), listCases.slice(0, 2));

  it('refuses a workspaceId option that is not an id, at construction', () => {
    const make = () => new SmashsendClient('sk_key', { workspaceId: '../wrk_other' });
    expect(make).toThrow(InputError);
    expect(make).toThrow('workspaceId must contain only letters, digits, underscores and hyphens.');
  });

  it.each([
    ['editor', 'EDITOR'],
    ['Viewer', 'VIEWER'],
    [' api_user ', 'API_USER'],
  ])('accepts role %j case-insensitively and sends %s', async (role, sent) => {
    // A role change asks GET /v1/api-keys/current first (is the target the client's own key?): here it is another.
    const fake = fakeTransport(answer(200, smashsendFx.created), answer(200, smashsendFx.connectionKey), answer(200, smashsendFx.updated));
    const smashsend = new SmashsendClient('sk_key', { workspaceId: WS, transport: fake.transport });
    await smashsend.createApiKey({ displayName: 'Zapier', role });
    await smashsend.updateApiKey('aki_abc123def456', { role });
    expect(fake.requests.map((r) => [r.method, r.body])).toEqual([
      ['POST', { displayName: 'Zapier', role: sent }],
      ['GET', undefined],
      ['POST', { role: sent }],
    ]);
  });

  it.each([
    [1, '1'],
    [100, '100'],
    ['50', '50'],
  ])('accepts limit %j and sends %s', async (limit, sent) => {
    const fake = fakeTransport(answer(200, smashsendFx.listPage));
    await new SmashsendClient('sk_key', { workspaceId: WS, transport: fake.transport }).listApiKeys({ limit: limit as number });
    expect(fake.requests[0].query).toEqual({ limit: sent });
  });

  it('accepts an id with underscores and hyphens', async () => {
    const fake = fakeTransport(answer(200, smashsendFx.connectionKey), answer(200, smashsendFx.deleted));
    await new SmashsendClient('sk_key', { workspaceId: WS, transport: fake.transport }).deleteApiKey('aki_ab-C9');
    expect(fake.requests.map((r) => r.url)).toEqual([
      'https://api.smashsend.com/v1/api-keys/current',
      `https://api.smashsend.com/v1/workspaces/${WS}/api-keys/aki_ab-C9`,
    ]);
  });

  it.each([
    ["'../x'", '../x', 'connectionKeyId must contain only letters, digits, underscores and hyphens.'],
    ["'aki 1'", 'aki 1', 'connectionKeyId must contain only letters, digits, underscores and hyphens.'],
    ['an id of 129 characters', 'a'.repeat(129), 'connectionKeyId must be at most 128 characters long.'],
  ])('refuses a connectionKeyId option of %s, at construction', (_label, connectionKeyId, message) => {
    const make = () => new SmashsendClient('sk_key', { workspaceId: WS, connectionKeyId });
    expect(make).toThrow(InputError);
    expect(make).toThrow(message);
  });

  it('takes a blank connectionKeyId option as not given (the id is asked of SMASHSEND)', async () => {
    const fake = fakeTransport(answer(200, smashsendFx.connectionKey));
    const smashsend = new SmashsendClient('sk_key', { workspaceId: WS, connectionKeyId: '  ', transport: fake.transport });
    expect(await smashsend.connectionKeyId()).toBe(smashsendFx.CONNECTION_KEY_ID);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('SMARTe', () => {
  const client = (fake: ReturnType<typeof forbiddenTransport>) => new SmarteClient('WG+key', { transport: fake.transport });
  const emailRule = 'email must be an email address such as name@example.com.';
  const emailCases: Case[] = [
    ["'not-an-email'", 'not-an-email', 'email', emailRule],
    ["'a@b' (no dot in the domain)", 'a@b', 'email', emailRule],
    ["'@smarte.pro'", '@smarte.pro', 'email', emailRule],
    ["'a@@smarte.pro'", 'a@@smarte.pro', 'email', emailRule],
    ["'a b@smarte.pro'", 'a b@smarte.pro', 'email', emailRule],
    ["'a@smarte..pro'", 'a@smarte..pro', 'email', emailRule],
    ['an empty email', '', 'email', 'email must not be empty.'],
    ['a missing email', undefined, 'email', 'email is required and must be text.'],
    ['an email of 255 characters', `${'a'.repeat(244)}@smarte.pro`, 'email', 'email must be at most 254 characters long.'],
  ];
  refuses('SMARTe', 'findKeyByEmail', (email, fake) => client(fake).findKeyByEmail(email as string), emailCases);
  refuses('SMARTe', 'createKey', (email, fake) => client(fake).createKey(email as string), emailCases);
  // Before the view a suspension makes first: no request at all.
  refuses('SMARTe', 'suspendKey', (email, fake) => client(fake).suspendKey(email as string), emailCases);
  refuses(
    'SMARTe',
    'suspendKey with allowConnectionKey',
    (email, fake) => client(fake).suspendKey(email as string, { allowConnectionKey: true }),
    emailCases.slice(0, 2),
  );
  refuses('SMARTe', 'reactivateKey', (email, fake) => client(fake).reactivateKey(email as string), emailCases);

  it('accepts a plus-addressed email with a subdomain', async () => {
    const fake = fakeTransport(answer(200, smarteFx.created));
    await new SmarteClient('WG+key', { transport: fake.transport }).createKey('dev+zapier@eu.smarte.pro');
    expect(fake.requests[0].body).toEqual({ email: 'dev+zapier@eu.smarte.pro' });
  });
});

describe('input errors arrive as rejections, like every other failure of a Promise-returning method', () => {
  // Connector bug: methods that are not `async` (SmartLead listClientApiKeys/deleteClientApiKey, SMARTe
  // suspendKey/reactivateKey) run their checks synchronously, so a bad input throws out of the call itself
  // instead of rejecting the returned promise: `client.deleteClientApiKey(0).catch(handle)` never reaches `handle`.
  it.each<[string, () => Promise<unknown>]>([
    [
      'SmartLead createClientApiKey',
      () => new SmartLeadClient('sl_key', { transport: forbiddenTransport().transport }).createClientApiKey({ clientId: 0, keyName: 'x' }),
    ],
    [
      'SmartLead resetClientApiKey',
      () => new SmartLeadClient('sl_key', { transport: forbiddenTransport().transport }).resetClientApiKey(0),
    ],
    [
      'SmartLead listClientApiKeys',
      () => new SmartLeadClient('sl_key', { transport: forbiddenTransport().transport }).listClientApiKeys({ clientId: 0 }),
    ],
    [
      'SmartLead deleteClientApiKey',
      () => new SmartLeadClient('sl_key', { transport: forbiddenTransport().transport }).deleteClientApiKey(0),
    ],
    [
      'SMASHSEND deleteApiKey',
      () => new SmashsendClient('sk_key', { workspaceId: WS, transport: forbiddenTransport().transport }).deleteApiKey('../x'),
    ],
    ['SMARTe createKey', () => new SmarteClient('WG+key', { transport: forbiddenTransport().transport }).createKey('nope')],
    ['SMARTe suspendKey', () => new SmarteClient('WG+key', { transport: forbiddenTransport().transport }).suspendKey('nope')],
    ['SMARTe reactivateKey', () => new SmarteClient('WG+key', { transport: forbiddenTransport().transport }).reactivateKey('nope')],
  ])('%s rejects instead of throwing', async (_name, call) => {
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = call();
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(InputError);
  });
});
