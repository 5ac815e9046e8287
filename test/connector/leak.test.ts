// The leaked-key workflows (connector/src/leak.ts) end to end against the sandbox, through the real fetch transport:
// a secret is told apart across the vendors (SMASHSEND shown the secret only when it must be), and revoking it makes
// the leaked key harmless first — except the caller's own SMASHSEND key, whose twin comes first — with the new secret
// always delivered and never lost.

import {
  NotRevocableError,
  RevocationFailedError,
  SmarteClient,
  SmartLeadClient,
  SmashsendClient,
  fetchTransport,
  identifySecret,
  revokeLeakedKey,
  type IdentifiedKey,
  type LeakClients,
  type Transport,
} from '@keyring/connector';
import { useSandbox, type SandboxHandle } from '../support/sandbox';
import { SMASHSEND_SEED } from '../../sandbox/seed';

const fixture = useSandbox();

/** "METHOD /path" of every request the clients sent, in order. */
let sent: string[] = [];
const recording: Transport = async (request) => {
  sent.push(`${request.method} ${new URL(request.url).pathname}`);
  return fetchTransport(request);
};

function clientsFor(sandbox: SandboxHandle, options: { workspace?: boolean } = {}): LeakClients {
  const c = sandbox.credentials;
  const common = { baseUrl: sandbox.url, transport: recording };
  return {
    smashsend: new SmashsendClient(c.smashsendApiKey, {
      ...common,
      ...(options.workspace === false ? {} : { workspaceId: c.smashsendWorkspaceId }),
    }),
    smartlead: new SmartLeadClient(c.smartleadApiKey, common),
    smarte: new SmarteClient(c.smarteApiKey, common),
  };
}

/** Whether a SMASHSEND secret still authenticates (GET /v1/api-keys/check). */
async function smashsendWorks(sandbox: SandboxHandle, secret: string): Promise<boolean> {
  const response = await fetch(`${sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } });
  return response.status === 200;
}

const seeded = (id: string) => {
  const key = SMASHSEND_SEED.keys.find((candidate) => candidate.id === id);
  if (!key) throw new Error(`no seeded key ${id}`);
  return key;
};

beforeEach(() => {
  sent = [];
});

describe('identifySecret', () => {
  it('a SMASHSEND secret: SMASHSEND names the key (GET /v1/api-keys/current with the secret); the other vendors are not asked', async () => {
    const key = seeded('aki_abc123def456');
    const found = await identifySecret(clientsFor(fixture.sandbox), key.secretKey);
    expect(found).toEqual({
      vendor: 'SMASHSEND',
      key_id: 'aki_abc123def456',
      name: key.displayName,
      status: 'ACTIVE',
      created_at: new Date(key.createdAt).toISOString(),
      key_hint: `********${key.secretKey.slice(-4)}`,
      live: true,
      connection_key: false,
      revocable: true,
      reason: null,
      role: key.role,
      workspace_id: fixture.sandbox.credentials.smashsendWorkspaceId,
    });
    expect(sent).toEqual(['GET /v1/api-keys/current']);
  });

  it("the connection's own SMASHSEND key is marked connection_key", async () => {
    const found = await identifySecret(clientsFor(fixture.sandbox), fixture.sandbox.credentials.smashsendApiKey);
    expect(found).toMatchObject({ vendor: 'SMASHSEND', key_id: 'aki_sbxadmin0001', connection_key: true, revocable: true });
  });

  it.each([
    ['a trailing newline', (secret: string) => `${secret}\n`],
    ['spaces around it', (secret: string) => `  ${secret}  `],
  ])(
    "the connection's own SMASHSEND key pasted with %s is still marked connection_key (compared as SMASHSEND is shown it)",
    async (_name, pasted) => {
      const found = await identifySecret(clientsFor(fixture.sandbox), pasted(fixture.sandbox.credentials.smashsendApiKey));
      expect(found).toMatchObject({
        vendor: 'SMASHSEND',
        key_id: 'aki_sbxadmin0001',
        connection_key: true,
        key_hint: expect.stringMatching(/^\*{8}\S{4}$/),
      });
    },
  );

  it('a SmartLead or SMARTe secret pasted with surrounding whitespace is found by its value', async () => {
    const clients = clientsFor(fixture.sandbox);
    expect(await identifySecret(clients, ' cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s\n')).toMatchObject({ vendor: 'SmartLead', key_id: '45' });
    expect(await identifySecret(clients, '\tId9hxxxxxxxxxxxxxxxxxxxxxxxxx9u/CeGp1mxXoTA3vs= ')).toMatchObject({
      vendor: 'SMARTe',
      name: 'dev.udi_user@smarte.pro',
    });
  });

  it('a key of another SMASHSEND workspace is identified, not revocable, and says why', async () => {
    const found = await identifySecret(clientsFor(fixture.sandbox), fixture.sandbox.credentials.smashsendOtherWorkspaceApiKey);
    expect(found).toMatchObject({
      vendor: 'SMASHSEND',
      key_id: 'aki_sbxother0001',
      live: true,
      revocable: false,
      reason: `it belongs to SMASHSEND workspace ${fixture.sandbox.credentials.smashsendOtherWorkspaceId}, not to this connection's workspace ${fixture.sandbox.credentials.smashsendWorkspaceId}: only that workspace can delete it`,
    });
  });

  it('a SmartLead client key: found in the key list by value; SMASHSEND is never shown it', async () => {
    const found = await identifySecret(clientsFor(fixture.sandbox), 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s');
    expect(found).toEqual({
      vendor: 'SmartLead',
      key_id: '45',
      name: 'Production Key',
      status: 'active',
      created_at: '2025-12-01T10:00:00.000Z',
      key_hint: '********hJ1s',
      live: true,
      connection_key: false,
      revocable: true,
      reason: null,
      client_id: 301,
    });
    expect(sent).toEqual(['GET /api/v1/client/api-key']);
  });

  it('an inactive SmartLead key is found, not live', async () => {
    expect(await identifySecret(clientsFor(fixture.sandbox), 'cl_live_Lq5Zs8Vb2Nc7Xm4Kp9Rt3Wy6')).toMatchObject({
      key_id: '46',
      live: false,
    });
  });

  it("the SmartLead account key (the connection's own): identified, not revocable through the API", async () => {
    const found = await identifySecret(clientsFor(fixture.sandbox), fixture.sandbox.credentials.smartleadApiKey);
    expect(found).toMatchObject({ vendor: 'SmartLead', key_id: 'account', connection_key: true, revocable: false });
    expect(found?.reason).toContain("regenerate it in SmartLead's settings");
    expect(sent).toEqual([]); // known without asking
  });

  it("a SMARTe key: found in the view by value; the admin key is the connection's own", async () => {
    const user = await identifySecret(clientsFor(fixture.sandbox), 'Id9hxxxxxxxxxxxxxxxxxxxxxxxxx9u/CeGp1mxXoTA3vs=');
    expect(user).toMatchObject({ vendor: 'SMARTe', name: 'dev.udi_user@smarte.pro', live: true, connection_key: false, created_at: null });
    expect(sent).toEqual(['POST /signals/v1/key/view']);
    const admin = await identifySecret(clientsFor(fixture.sandbox), fixture.sandbox.credentials.smarteApiKey);
    expect(admin).toMatchObject({ vendor: 'SMARTe', name: 'sandbox.admin@smarte.pro', connection_key: true, revocable: true });
  });

  it('a secret no vendor knows: null, after asking each (SMASHSEND last, for a secret that does not look like its own)', async () => {
    expect(await identifySecret(clientsFor(fixture.sandbox), 'not-a-key-of-anyone-0123456789')).toBeNull();
    expect(sent).toEqual(['GET /api/v1/client/api-key', 'POST /signals/v1/key/view', 'GET /v1/api-keys/current']);
  });

  it('a SMASHSEND-shaped secret SMASHSEND does not know is looked for at the others too (shape is never relied on alone)', async () => {
    expect(await identifySecret(clientsFor(fixture.sandbox), 'sk_live_deadbeefdeadbeefdeadbeef01')).toBeNull();
    expect(sent).toEqual(['GET /v1/api-keys/current', 'GET /api/v1/client/api-key', 'POST /signals/v1/key/view']);
  });

  it('`vendors` limits where it looks', async () => {
    expect(await identifySecret(clientsFor(fixture.sandbox), 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s', { vendors: ['SMARTe'] })).toBeNull();
    expect(sent).toEqual(['POST /signals/v1/key/view']);
  });

  it('a deleted SMASHSEND key is no longer known (SMASHSEND answers 401 for it)', async () => {
    const key = seeded('aki_xyz789ghi012');
    const clients = clientsFor(fixture.sandbox);
    await clients.smashsend?.deleteApiKey(key.id);
    expect(await identifySecret(clients, key.secretKey, { vendors: ['SMASHSEND'] })).toBeNull();
  });
});

describe('revokeLeakedKey', () => {
  it('SMASHSEND: deletes the leaked key first, then creates its twin (same name and role) and checks it with its own secret', async () => {
    const key = seeded('aki_abc123def456');
    const clients = clientsFor(fixture.sandbox);
    const identified = await identifySecret(clients, key.secretKey);
    const delivered: string[] = [];
    sent = [];
    const revocation = await revokeLeakedKey(clients, identified!, { onSecret: (id) => void delivered.push(id) });
    // Whether it is the connection's own key is known from the secret: the delete's guard asks nothing.
    expect(sent).toEqual([
      `DELETE /v1/workspaces/${fixture.sandbox.credentials.smashsendWorkspaceId}/api-keys/aki_abc123def456`,
      `POST /v1/workspaces/${fixture.sandbox.credentials.smashsendWorkspaceId}/api-keys`,
      'GET /v1/api-keys/check',
    ]);
    expect(revocation).toMatchObject({ action: 'rotated', revoked: true, replacement: 'issued', connectionKey: false });
    expect(delivered).toEqual([revocation.newKeyId]);
    expect(await smashsendWorks(fixture.sandbox, key.secretKey)).toBe(false);
    expect(await smashsendWorks(fixture.sandbox, revocation.newSecret!)).toBe(true);
    const twin = await identifySecret(clients, revocation.newSecret!);
    expect(twin).toMatchObject({ name: key.displayName, role: key.role });
  });

  it("SMASHSEND, the connection's own key: the twin first, the delete last (the last call made with the leaked key)", async () => {
    const clients = clientsFor(fixture.sandbox);
    const leakedSecret = fixture.sandbox.credentials.smashsendApiKey;
    const identified = await identifySecret(clients, leakedSecret);
    sent = [];
    const revocation = await revokeLeakedKey(clients, identified!);
    const ws = fixture.sandbox.credentials.smashsendWorkspaceId;
    expect(sent).toEqual([
      `POST /v1/workspaces/${ws}/api-keys`,
      `DELETE /v1/workspaces/${ws}/api-keys/aki_sbxadmin0001`,
      'GET /v1/api-keys/check',
    ]);
    expect(revocation).toMatchObject({ action: 'rotated', revoked: true, replacement: 'issued', connectionKey: true });
    expect(await smashsendWorks(fixture.sandbox, leakedSecret)).toBe(false);
    expect(await smashsendWorks(fixture.sandbox, revocation.newSecret!)).toBe(true);
  });

  it('SMASHSEND without replace: deleted, nothing created', async () => {
    const key = seeded('aki_xyz789ghi012');
    const clients = clientsFor(fixture.sandbox);
    const revocation = await revokeLeakedKey(clients, (await identifySecret(clients, key.secretKey))!, { replace: false });
    expect(revocation).toMatchObject({ action: 'deleted', revoked: true, replacement: 'not_asked', newKeyId: null, newSecret: null });
    expect(fixture.sandbox.requestCounts().byRoute['POST /v1/workspaces/:workspaceId/api-keys']).toBeUndefined();
  });

  it('a failed replacement never leaves the leaked key live: it is deleted, the failure reported', async () => {
    const key = seeded('aki_abc123def456');
    const clients = clientsFor(fixture.sandbox);
    const identified = (await identifySecret(clients, key.secretKey))!;
    fixture.sandbox.injectFault({ vendor: 'smashsend', path: '/api-keys', method: 'POST', kind: 'status', status: 500 });
    const revocation = await revokeLeakedKey(clients, identified);
    expect(revocation).toMatchObject({ action: 'rotated', revoked: true, replacement: 'failed', newSecret: null });
    expect(revocation.replacementError?.message).toContain('500');
    expect(await smashsendWorks(fixture.sandbox, key.secretKey)).toBe(false);
  });

  it("the connection's own key whose delete fails after its twin exists: the twin's secret comes back with the failure", async () => {
    const clients = clientsFor(fixture.sandbox);
    const identified = (await identifySecret(clients, fixture.sandbox.credentials.smashsendApiKey))!;
    fixture.sandbox.injectFault({ vendor: 'smashsend', path: '/api-keys/aki_sbxadmin0001', method: 'DELETE', kind: 'status', status: 503 });
    const failure = await revokeLeakedKey(clients, identified).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RevocationFailedError);
    const partial = (failure as RevocationFailedError).partial;
    expect(partial).toMatchObject({ revoked: false, replacement: 'issued' });
    expect(await smashsendWorks(fixture.sandbox, partial.newSecret!)).toBe(true);
    expect((failure as Error).message).toContain('may still be live');
    expect((failure as Error).message).not.toContain(fixture.sandbox.credentials.smashsendApiKey);
  });

  it('SmartLead: a reset (same record, new value); without replace, a delete', async () => {
    const clients = clientsFor(fixture.sandbox);
    const leaked = 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s';
    const revocation = await revokeLeakedKey(clients, (await identifySecret(clients, leaked))!);
    expect(revocation).toMatchObject({ action: 'reset', revoked: true, replacement: 'issued', newKeyId: '45' });
    expect(revocation.newSecret).not.toBe(leaked);
    expect(await identifySecret(clients, leaked)).toBeNull();
    expect(await identifySecret(clients, revocation.newSecret!)).toMatchObject({ key_id: '45' });

    const other = 'cl_live_Hg3Jd8Fk1Ls6Qw9Ez4Rx7Tc2';
    const deleted = await revokeLeakedKey(clients, (await identifySecret(clients, other))!, { replace: false });
    expect(deleted).toMatchObject({ action: 'deleted', revoked: true, newSecret: null });
    expect(await identifySecret(clients, other)).toBeNull();
  });

  it('SMARTe: suspended, SMARTe not asked for the key again (the view that found it is the check); no replacement exists there', async () => {
    const clients = clientsFor(fixture.sandbox);
    const leaked = 'Id9hxxxxxxxxxxxxxxxxxxxxxxxxx9u/CeGp1mxXoTA3vs=';
    const revocation = await revokeLeakedKey(clients, (await identifySecret(clients, leaked))!);
    expect(revocation).toMatchObject({ action: 'suspended', revoked: true, replacement: 'not_possible', newSecret: null });
    expect(sent).toEqual(['POST /signals/v1/key/view', 'POST /signals/v1/key/update']);
    expect(await identifySecret(clients, leaked)).toMatchObject({ status: 'suspended', live: false, revocable: false });
  });

  it.each([
    ['an identified key the caller changed since', (key: IdentifiedKey) => Object.assign(key, { key_id: 'changed-by-the-caller' })],
    ['a key described by the caller (not identified here)', (key: IdentifiedKey) => ({ ...key })],
  ])('SMARTe: %s is viewed again, by the email it names, before its suspension', async (_name, given) => {
    const clients = clientsFor(fixture.sandbox);
    const leaked = 'Id9hxxxxxxxxxxxxxxxxxxxxxxxxx9u/CeGp1mxXoTA3vs=';
    const key = given((await identifySecret(clients, leaked))!);
    sent = [];
    await expect(revokeLeakedKey(clients, key)).resolves.toMatchObject({ action: 'suspended', revoked: true });
    expect(sent).toEqual(['POST /signals/v1/key/view', 'POST /signals/v1/key/update']);
    expect(await identifySecret(clients, leaked)).toMatchObject({ status: 'suspended', live: false });
  });

  it('a key this connection cannot revoke: NotRevocableError, nothing written', async () => {
    const clients = clientsFor(fixture.sandbox);
    const identified = (await identifySecret(clients, fixture.sandbox.credentials.smashsendOtherWorkspaceApiKey))!;
    sent = [];
    await expect(revokeLeakedKey(clients, identified)).rejects.toBeInstanceOf(NotRevocableError);
    expect(sent).toEqual([]);
  });
});
