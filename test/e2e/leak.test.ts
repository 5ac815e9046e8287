// End to end over the sandbox, through the Zapier app: a leaked secret of each vendor is identified (Find API Key by
// Secret), revoked and, where the vendor allows, replaced (Revoke Leaked API Key) — the new secret delivered once, in
// new_secret, and working; the leaked one dead, checked against the vendor itself. An unknown secret halts with nothing
// written (the sandbox's own request counters); a status change fires API Key Status Changed exactly once (Zapier's
// dedupe played here: an item fires when its id was never seen before).
//
// What the sandbox cannot change, the trigger test cannot show: SMASHSEND has no archive call there (its keys are only
// ever ACTIVE, and a delete removes the key), and SmartLead no call that deactivates a key (a reset keeps the status, a
// delete removes it). Status changes are played with SMARTe, which suspends and reactivates.

import { forgetRememberedKeys } from '../../lib/clients';
import { SANDBOX_CREDENTIALS, SMARTE_SEED, SMASHSEND_SEED } from '../../sandbox/seed';
import { run, testConnection, type Auth } from '../support/app';
import { LEAKED, suspendAtSmarte } from '../support/operations';
import { expectZapierError, masked } from '../support/outcome';
import { ROUTE, sandboxAuth, useSandbox, type SandboxHandle } from '../support/sandbox';

const env = useSandbox();
let auth: Auth;
beforeEach(() => {
  auth = sandboxAuth(env.sandbox);
  forgetRememberedKeys();
});

type Row = Record<string, unknown>;
type Revoked = {
  vendor: string;
  key_id: string;
  name: string;
  action: string;
  key_hint: string;
  new_key_id?: string;
  new_secret?: string;
  warning: string;
};

const find = (secret: string, connection: Auth = auth) =>
  run('searches', 'find_api_key_by_secret', { secret }, connection) as Promise<Row[]>;
const revoke = (secret: string, extra: Record<string, unknown> = {}) =>
  run('creates', 'revoke_leaked_api_key', { secret, ...extra }, auth) as Promise<Revoked>;

// ---- what each vendor itself says about a secret (straight to the sandbox, not through the app) ----

async function smashsendWorks(sandbox: SandboxHandle, secret: string): Promise<boolean> {
  const response = await fetch(`${sandbox.url}/v1/api-keys/check`, { headers: { authorization: `Bearer ${secret}` } });
  return response.status === 200;
}
/** SmartLead: an active client key (or the account key) may read its client's campaigns. */
async function smartleadWorks(sandbox: SandboxHandle, secret: string): Promise<boolean> {
  const response = await fetch(`${sandbox.url}/api/v1/campaigns?api_key=${encodeURIComponent(secret)}`);
  return response.status === 200;
}
/** SMARTe: a live standard key is known (403 on the admin-only view), a suspended one is not (401). */
async function smarteStatusFor(sandbox: SandboxHandle, secret: string): Promise<number> {
  const response = await fetch(`${sandbox.url}/signals/v1/key/view`, {
    method: 'POST',
    headers: { 'api-key': secret, 'content-type': 'application/json' },
    body: '{}',
  });
  return response.status;
}

/** The routes that wrote something (anything but a GET and SMARTe's view). */
const writes = (sandbox: SandboxHandle) =>
  Object.keys(sandbox.requestCounts().byRoute).filter((route) => !route.startsWith('GET ') && route !== ROUTE.smarteView);

const SMASH_LEAKED = SMASHSEND_SEED.keys.find((key) => key.id === 'aki_xyz789ghi012')!;
const SMARTE_LEAKED = SMARTE_SEED.keys.find((key) => key.email === 'dev.udi_user@smarte.pro')!;

describe('SMASHSEND', () => {
  it('a leaked secret is identified, revoked and replaced by a twin: its secret delivered once and working, the leaked one dead', async () => {
    expect(await find(LEAKED.smashsend)).toEqual([
      {
        id: 'SMASHSEND:aki_xyz789ghi012',
        vendor: 'SMASHSEND',
        key_id: 'aki_xyz789ghi012',
        name: 'CRM Sync',
        status: 'ACTIVE',
        created_at: new Date(SMASH_LEAKED.createdAt).toISOString(),
        key_hint: masked(LEAKED.smashsend),
        live: true,
        connection_key: false,
        revocable: true,
        reason: '',
      },
    ]);
    const revoked = await revoke(LEAKED.smashsend);
    expect(revoked).toEqual({
      vendor: 'SMASHSEND',
      key_id: 'aki_xyz789ghi012',
      name: 'CRM Sync',
      action: 'rotated',
      key_hint: masked(LEAKED.smashsend),
      new_key_id: expect.stringMatching(/^aki_/),
      new_secret: expect.stringMatching(/^sk_live_[A-Za-z0-9]{20,}$/),
      warning: '',
    });
    const secret = revoked.new_secret!;
    expect(await smashsendWorks(env.sandbox, LEAKED.smashsend)).toBe(false);
    expect(await smashsendWorks(env.sandbox, secret)).toBe(true);
    // The leaked secret is no one's now; the new one is the twin (same name and role), shown by its hint only.
    expect(await find(LEAKED.smashsend)).toEqual([]);
    const [twin] = await find(secret);
    expect(twin).toMatchObject({ key_id: revoked.new_key_id, name: 'CRM Sync', live: true, key_hint: masked(secret) });
    expect(JSON.stringify(twin)).not.toContain(secret);
    // Once: a second revocation of the same leak finds nothing to revoke, and issues nothing.
    env.sandbox.resetRequestCounts();
    await expectZapierError(revoke(LEAKED.smashsend), { name: 'HaltedError', says: 'nothing was revoked', secrets: [LEAKED.smashsend] });
    expect(writes(env.sandbox)).toEqual([]);
  });

  it("the connection's own key: the twin's secret comes back, the leaked one is dead, and the connection works again once reconnected with it", async () => {
    const own = SANDBOX_CREDENTIALS.smashsendApiKey;
    const revoked = await revoke(own);
    expect(revoked).toMatchObject({ key_id: 'aki_sbxadmin0001', action: 'rotated', new_secret: expect.stringMatching(/^sk_live_/) });
    expect(revoked.warning).toBe(
      "The leaked key was the one this Zapier connection signs in with: reconnect with the new secret (this step's New Secret) in the SMASHSEND API Key field.",
    );
    expect(await smashsendWorks(env.sandbox, own)).toBe(false);
    const reconnected = { ...auth, smashsend_api_key: revoked.new_secret! };
    expect(await testConnection(reconnected)).toMatchObject({
      vendors: ['SMASHSEND', 'SmartLead', 'SMARTe'],
      smashsend_display_name: 'Sandbox Admin Key',
    });
  });

  it("another workspace's key: identified, not revocable here, and its revocation halts with nothing written", async () => {
    const other = SANDBOX_CREDENTIALS.smashsendOtherWorkspaceApiKey;
    const [row] = await find(other);
    expect(row).toMatchObject({ key_id: 'aki_sbxother0001', live: true, revocable: false });
    expect(row.reason).toContain(`it belongs to SMASHSEND workspace ${SANDBOX_CREDENTIALS.smashsendOtherWorkspaceId}`);
    env.sandbox.resetRequestCounts();
    await expectZapierError(revoke(other), { name: 'HaltedError', says: 'cannot be revoked here', secrets: [other] });
    expect(env.sandbox.requestCounts().byRoute).toEqual({ [ROUTE.smashsendCurrent]: 1 });
    expect(await smashsendWorks(env.sandbox, other)).toBe(true);
  });
});

describe('SmartLead', () => {
  it('a leaked client key is identified and reset: the new value delivered once and working, the leaked one dead', async () => {
    const [row] = await find(LEAKED.smartlead);
    expect(row).toMatchObject({
      id: 'SmartLead:45',
      name: 'Production Key',
      live: true,
      revocable: true,
      key_hint: masked(LEAKED.smartlead),
    });
    expect(await smartleadWorks(env.sandbox, LEAKED.smartlead)).toBe(true);
    const revoked = await revoke(LEAKED.smartlead);
    expect(revoked).toEqual({
      vendor: 'SmartLead',
      key_id: '45',
      name: 'Production Key',
      action: 'reset',
      key_hint: masked(LEAKED.smartlead),
      new_key_id: '45',
      new_secret: expect.any(String),
      warning: '',
    });
    expect(revoked.new_secret).not.toBe(LEAKED.smartlead);
    expect(await smartleadWorks(env.sandbox, LEAKED.smartlead)).toBe(false);
    expect(await smartleadWorks(env.sandbox, revoked.new_secret!)).toBe(true);
    expect(await find(LEAKED.smartlead)).toEqual([]);
    expect(await find(revoked.new_secret!)).toEqual([
      expect.objectContaining({ id: 'SmartLead:45', key_hint: masked(revoked.new_secret!) }),
    ]);
  });

  it('without a replacement the key is deleted: the leaked value dead, nothing issued', async () => {
    const revoked = await revoke(LEAKED.smartlead, { replace: false });
    expect(revoked).toEqual({
      vendor: 'SmartLead',
      key_id: '45',
      name: 'Production Key',
      action: 'deleted',
      key_hint: masked(LEAKED.smartlead),
      warning: '',
    });
    expect(await smartleadWorks(env.sandbox, LEAKED.smartlead)).toBe(false);
  });
});

describe('SMARTe', () => {
  it('a leaked key is identified and suspended (no replacement exists there: the warning says so); the leaked key is dead', async () => {
    const [row] = await find(LEAKED.smarte);
    expect(row).toMatchObject({ vendor: 'SMARTe', key_id: SMARTE_LEAKED.keyId, name: SMARTE_LEAKED.email, live: true, revocable: true });
    expect(await smarteStatusFor(env.sandbox, LEAKED.smarte)).toBe(403); // known to SMARTe: a live standard key
    const revoked = await revoke(LEAKED.smarte);
    expect(revoked).toEqual({
      vendor: 'SMARTe',
      key_id: SMARTE_LEAKED.keyId,
      name: SMARTE_LEAKED.email,
      action: 'suspended',
      key_hint: masked(LEAKED.smarte),
      warning: "SMARTe cannot issue a replacement: the user's key stays suspended (reactivating it would bring back the leaked value).",
    });
    expect(await smarteStatusFor(env.sandbox, LEAKED.smarte)).toBe(401); // unknown to SMARTe now
    // SMARTe's view still lists the suspended value: found, not live, nothing left to revoke.
    expect(await find(LEAKED.smarte)).toEqual([expect.objectContaining({ status: 'suspended', live: false, revocable: false })]);
    env.sandbox.resetRequestCounts();
    await expectZapierError(revoke(LEAKED.smarte), { name: 'HaltedError', says: 'it is suspended already', secrets: [LEAKED.smarte] });
    expect(writes(env.sandbox)).toEqual([]);
  });
});

describe('a secret no vendor knows', () => {
  const UNKNOWN = 'sk_live_noVendorKnowsThisOne000000000001';

  it('is found nowhere, and its revocation halts cleanly: only the three lookups, nothing written', async () => {
    expect(await find(UNKNOWN)).toEqual([]);
    env.sandbox.resetRequestCounts();
    await expectZapierError(revoke(UNKNOWN), {
      name: 'HaltedError',
      says: 'No vendor of this connection (SMASHSEND, SmartLead, SMARTe) knows the secret ending in 0001: nothing was revoked.',
      secrets: [UNKNOWN],
    });
    expect(env.sandbox.requestCounts().byRoute).toEqual({
      [ROUTE.smashsendCurrent]: 1,
      [ROUTE.smartleadList]: 1,
      [ROUTE.smarteView]: 1,
    });
  });
});

describe('API Key Status Changed: a status change fires once', () => {
  /** Zapier's dedupe: the ids of every item seen by earlier polls; an item fires when its id is new. */
  function zapierDedupe() {
    const seen = new Set<string>();
    return async (): Promise<string[]> => {
      const items = (await run('triggers', 'api_key_status_changed', {}, auth)) as Array<{ id: string }>;
      const fired = items.map((item) => item.id).filter((id) => !seen.has(id));
      for (const item of items) seen.add(item.id);
      return fired;
    };
  }
  const OTHER = SMARTE_SEED.keys.find((key) => key.email === 'dev.udi@smarte.pro')!;

  it('a SMARTe key suspended at SMARTe: the next poll fires exactly one item, the poll after it none', async () => {
    const poll = zapierDedupe();
    const first = await poll(); // the first poll only learns what exists
    expect(first.length).toBeGreaterThan(0);
    expect(await poll()).toEqual([]);
    await suspendAtSmarte(env.sandbox, OTHER.email);
    expect(await poll()).toEqual([`SMARTe:${OTHER.keyId}:suspended`]);
    expect(await poll()).toEqual([]);
  });

  it('a SmartLead key deactivated and a SMASHSEND key archived: one item each, the SMASHSEND change first (the one vendor that dates it)', async () => {
    const poll = zapierDedupe();
    await poll();
    env.sandbox.setSmartleadKeyStatus(45, 'inactive');
    env.sandbox.setSmashsendKeyStatus('aki_abc123def456', 'ARCHIVED');
    expect(await poll()).toEqual(['SMASHSEND:aki_abc123def456:ARCHIVED', 'SmartLead:45:inactive']);
    expect(await poll()).toEqual([]);
  });

  it('a leak revoked through the app (SMARTe suspends it): the trigger fires once for it — a pipeline can report it', async () => {
    const poll = zapierDedupe();
    await poll();
    await revoke(LEAKED.smarte);
    expect(await poll()).toEqual([`SMARTe:${SMARTE_LEAKED.keyId}:suspended`]);
  });

  // The id is <vendor>:<key id>:<status> (issue 18's contract, so Zapier's dedupe needs no stored state): a key that
  // returns to a status it had before — reactivated after a suspension — has an id Zapier has seen, so it does not fire
  // again. No vendor but SMASHSEND dates a change, so no stateless id could tell it apart; the description and the
  // README say so.
  it('a SMARTe key reactivated after a suspension does not fire again (its id was seen before), as documented', async () => {
    const poll = zapierDedupe();
    await poll();
    await suspendAtSmarte(env.sandbox, OTHER.email);
    expect(await poll()).toEqual([`SMARTe:${OTHER.keyId}:suspended`]);
    await run('creates', 'reactivate_smarte_api_key', { email: OTHER.email }, auth);
    expect(await poll()).toEqual([]);
  });
});
