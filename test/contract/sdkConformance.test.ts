// Contract: the sandbox as a real client sees SMASHSEND. The sequence below is shaped exactly as the official Node
// SDK drives the key API (see ./smashsendSdk.ts): check, current key, list with the answer's `startAt` sent back as
// `new Date(startAt).toISOString()` until `hasMore` is false, create, update (POST), delete, a 401 and a 404 — against
// the sandbox with base URL = its origin and nothing else. If the sandbox drifts from what real clients expect again
// (a cursor that is not a timestamp, a path prefix, a missing workspaceId, keys made at once sharing a millisecond so
// that the plain cursor cannot page past them), this fails.

import { useSandbox } from '../support/sandbox';
import { SmashSendSdkShape, SmashSendSdkError, SDK_VERSION, type ApiKeyInfo } from './smashsendSdk';

const env = useSandbox();

const sdk = (key: string = env.sandbox.credentials.smashsendApiKey, baseUrl: string = env.sandbox.url) =>
  new SmashSendSdkShape(key, baseUrl);
const LIST_ROUTE = 'GET /v1/workspaces/:workspaceId/api-keys';
/** `Date.toISOString()`: what the SDK sends, and what it must be able to read back. */
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Rejects with the SDK's error; its name, status and message, as an SDK user would read them. */
async function sdkError(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SmashSendSdkError)) throw new Error(`expected an SDK error, got ${String(error)}`);
  return { name: error.name, statusCode: error.statusCode, message: error.message };
}

/**
 * Lists every key the way SDK users page (`while (hasMore) list(ws, { startAt: new Date(startAt) })`), keeping each
 * key once by id; returns the pages too.
 */
async function listAll(client: SmashSendSdkShape, workspaceId: string, sort: 'createdAt.desc' | 'createdAt.asc', limit: number) {
  const keys = new Map<string, ApiKeyInfo>();
  const pages: Array<{ items: ApiKeyInfo[]; startAt: string | null }> = [];
  let startAt: Date | undefined;
  for (;;) {
    const { apiKeys } = await client.apiKeys.list(workspaceId, { startAt, sort, limit });
    pages.push({ items: apiKeys.items, startAt: apiKeys.startAt });
    for (const key of apiKeys.items) if (!keys.has(key.id)) keys.set(key.id, key);
    if (!apiKeys.hasMore) return { keys, pages };
    if (pages.length > 100) throw new Error('paging did not end');
    // What the SDK's typings promise: startAt is a Date (an ISO string on the wire). An invalid one throws here, in
    // toISOString() on the next call, as the SDK did against the old `<date>~<id>` cursor.
    startAt = new Date(apiKeys.startAt ?? 'missing');
    expect(startAt.toISOString()).toBe(apiKeys.startAt);
  }
}

it('check, current, list to the end, create, verify the new secret, update, delete, 401, 404 — at the origin', async () => {
  const client = sdk();

  // check: the key's name and role.
  expect(await client.apiKeys.validate()).toEqual({ status: 'SUCCEED', displayName: 'Sandbox Admin Key', role: 'EDITOR', valid: true });

  // current: the key and its workspace (no secret); every later call uses that workspace, as an SDK user would.
  const current = await client.apiKeys.getCurrent();
  expect(current).toEqual({
    id: 'aki_sbxadmin0001',
    displayName: 'Sandbox Admin Key',
    role: 'EDITOR',
    status: 'ACTIVE',
    workspaceId: env.sandbox.credentials.smashsendWorkspaceId,
    createdAt: '2024-03-01T09:00:00Z',
    updatedAt: '2024-03-01T09:00:00Z',
  });
  const ws = current.workspaceId;

  // create: the full secret once, the workspace named; the new secret itself checks out (a verified rotation's step).
  const created = await client.apiKeys.create(ws, { displayName: 'SDK Key', role: 'API_USER' });
  expect(created).toEqual({
    id: expect.stringMatching(/^aki_[a-z0-9]{12}$/),
    displayName: 'SDK Key',
    role: 'API_USER',
    status: 'ACTIVE',
    secretKey: expect.stringMatching(/^sk_live_[A-Za-z0-9]{32}$/),
    workspaceId: ws,
    createdAt: expect.stringMatching(ISO_MS),
    updatedAt: created.createdAt,
  });
  const asNewKey = sdk(String(created.secretKey));
  expect(await asNewKey.apiKeys.validate()).toEqual({ status: 'SUCCEED', displayName: 'SDK Key', role: 'API_USER', valid: true });
  expect((await asNewKey.apiKeys.getCurrent()).id).toBe(created.id);

  // update is a POST to the key's path; the secret stays truncated.
  const updated = await client.apiKeys.update(ws, created.id, { displayName: 'SDK Key (renamed)', role: 'VIEWER' });
  expect(updated).toEqual({
    ...created,
    displayName: 'SDK Key (renamed)',
    role: 'VIEWER',
    secretKey: `${created.secretKey?.slice(0, 12)}...`,
    updatedAt: expect.stringMatching(ISO_MS),
  });

  // delete: {apiKey, isDeleted}; the deleted key's secret stops working (the 401).
  const deleted = await client.apiKeys.delete(ws, created.id);
  expect(deleted).toEqual({ apiKey: updated, isDeleted: true });
  expect(await sdkError(asNewKey.apiKeys.validate())).toEqual({ name: 'AuthenticationError', statusCode: 401, message: 'Invalid API key' });

  // 404: the vendor's own message reaches the SDK user.
  expect(await sdkError(client.apiKeys.delete(ws, created.id))).toEqual({
    name: 'APIError',
    statusCode: 404,
    message: 'API key not found.',
  });
  expect(await sdkError(client.apiKeys.update(ws, 'aki_doesnotexist', { displayName: 'x' }))).toEqual({
    name: 'APIError',
    statusCode: 404,
    message: 'API key not found.',
  });

  // What left the client is what the SDK sends: origin-rooted /v1 URLs, its headers, a body only on POST.
  expect(client.sent.map((r) => `${r.method} ${r.url.replace(env.sandbox.url, '')}`)).toEqual([
    'GET /v1/api-keys/check',
    'GET /v1/api-keys/current',
    `POST /v1/workspaces/${ws}/api-keys`,
    `POST /v1/workspaces/${ws}/api-keys/${created.id}`,
    `DELETE /v1/workspaces/${ws}/api-keys/${created.id}`,
    `DELETE /v1/workspaces/${ws}/api-keys/${created.id}`,
    `POST /v1/workspaces/${ws}/api-keys/aki_doesnotexist`,
  ]);
  for (const request of client.sent) {
    expect(request.headers).toEqual({
      Authorization: `Bearer ${env.sandbox.credentials.smashsendApiKey}`,
      'Content-Type': 'application/json',
      'User-Agent': `SMASHSEND Node SDK v${SDK_VERSION}`,
      Accept: 'application/json',
    });
    expect(request.body === undefined).toBe(request.method !== 'POST');
  }
});

it('a wrong key: 401 AuthenticationError on check', async () => {
  expect(await sdkError(sdk('sk_live_notTheSandboxKey0000000000').apiKeys.validate())).toEqual({
    name: 'AuthenticationError',
    statusCode: 401,
    message: 'Invalid API key',
  });
});

it('a key of another workspace: getCurrent names that workspace; the main workspace is 403 to it', async () => {
  const { smashsendOtherWorkspaceApiKey, smashsendOtherWorkspaceId, smashsendWorkspaceId } = env.sandbox.credentials;
  const other = sdk(smashsendOtherWorkspaceApiKey);
  expect(await other.apiKeys.getCurrent()).toEqual({
    id: 'aki_sbxother0001',
    displayName: 'Other Workspace Key',
    role: 'EDITOR',
    status: 'ACTIVE',
    workspaceId: smashsendOtherWorkspaceId,
    createdAt: '2024-02-20T08:00:00Z',
    updatedAt: '2024-02-20T08:00:00Z',
  });
  expect(await sdkError(other.apiKeys.list(smashsendWorkspaceId))).toEqual({
    name: 'APIError',
    statusCode: 403,
    message: 'API key does not have access to this workspace.',
  });
  expect(await sdkError(sdk().apiKeys.list(smashsendOtherWorkspaceId))).toEqual({
    name: 'APIError',
    statusCode: 403,
    message: 'API key does not have access to this workspace.',
  });
});

it('the SDK drops a path in its base URL: the sandbox must answer at its root (and does)', async () => {
  const client = sdk(env.sandbox.credentials.smashsendApiKey, `${env.sandbox.url}/smashsend`);
  expect((await client.apiKeys.validate()).valid).toBe(true);
  expect(client.sent[0]?.url).toBe(`${env.sandbox.url}/v1/api-keys/check`);
});

describe('a burst of 20 concurrent creates, then paging 3 at a time', () => {
  // What an SDK user does right after provisioning keys in parallel: the keys come out a millisecond apart (as a
  // server that serialises writes dates them), so the plain cursor moves past each page and the walk reaches the end.
  it.each(['createdAt.desc', 'createdAt.asc'] as const)('%s: reaches the end, each key exactly once', async (sort) => {
    const client = sdk();
    const ws = (await client.apiKeys.getCurrent()).workspaceId;
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, n) => client.apiKeys.create(ws, { displayName: `Parallel ${n}`, role: 'API_USER' })),
    );
    expect(new Set(made.map((key) => key.createdAt)).size).toBe(20);
    env.sandbox.resetRequestCounts();

    const { keys, pages } = await listAll(client, ws, sort, 3);

    // 3 seed keys + 20: 8 pages (7 full, 2 on the last), each key on exactly one of them.
    expect(keys.size).toBe(23);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 2]);
    const shown = pages.flatMap((page) => page.items.map((key) => key.id));
    expect(shown).toHaveLength(23);
    expect(new Set(shown).size).toBe(23);
    for (const key of made) expect(keys.get(key.id)).toEqual({ ...key, secretKey: `${key.secretKey?.slice(0, 12)}...` });
    expect(pages.at(-1)?.startAt).toBeNull();
    expect(env.sandbox.requestCounts().byRoute[LIST_ROUTE]).toBe(8);

    // Each page in the order asked for, strictly: no two keys share a millisecond.
    const times = shown.map((id) => Date.parse(keys.get(id)?.createdAt ?? ''));
    expect(times).toEqual([...times].sort((a, b) => (sort === 'createdAt.asc' ? a - b : b - a)));
    expect(new Set(times).size).toBe(23);
  });
});

describe('listing every key by passing startAt back as a Date', () => {
  // 3 seed keys (2024) + 40 keys a minute apart from 2023-01-01T00:01Z + a burst of 30 created in one millisecond
  // just after the 40th + 80 more a minute apart: 153. At 50 a page, newest first: page 1 = the seed + 47, page 2 =
  // 33 + the burst's first 17 (startAt = the burst's instant), page 3 = the whole burst again + 20, page 4 = the last
  // 20. Oldest first, the boundary falls 10 keys into the burst.
  const BURST_AT = '2023-01-01T00:40:00.500Z';
  beforeEach(() => {
    env.sandbox.generateSmashsendKeys(40);
    env.sandbox.generateSmashsendKeys(30, { createdAt: BURST_AT });
    env.sandbox.generateSmashsendKeys(80);
    env.sandbox.resetRequestCounts();
  });

  it.each(['createdAt.desc', 'createdAt.asc'] as const)(
    '%s: every key exactly once over several pages, a burst across a boundary included',
    async (sort) => {
      const client = sdk();
      const ws = (await client.apiKeys.getCurrent()).workspaceId;
      const { keys, pages } = await listAll(client, ws, sort, 50);

      // Every key, once: the 3 seed keys and all 150 generated ones.
      expect(keys.size).toBe(153);
      const names = [...keys.values()].map((key) => key.displayName);
      for (let n = 1; n <= 150; n += 1) expect(names).toContain(`Generated Key ${String(n).padStart(5, '0')}`);
      expect([...keys.values()].every((key) => key.workspaceId === ws)).toBe(true);
      expect(pages.length).toBeGreaterThan(3);
      expect(env.sandbox.requestCounts().byRoute[LIST_ROUTE]).toBe(pages.length);

      // The burst straddled a page boundary: the cursor stopped on its millisecond, and its keys came on two pages.
      expect(pages.some((page) => page.startAt === BURST_AT)).toBe(true);
      const pagesWithBurst = pages.filter((page) => page.items.some((key) => key.createdAt === BURST_AT));
      expect(pagesWithBurst.length).toBe(2);
      // Only keys of a boundary millisecond ever come twice (repeats, never gaps).
      const seen = new Map<string, number>();
      for (const key of pages.flatMap((page) => page.items)) seen.set(key.id, (seen.get(key.id) ?? 0) + 1);
      const repeated = [...seen].filter(([, n]) => n > 1).map(([id]) => keys.get(id)?.createdAt);
      expect(repeated.length).toBeGreaterThan(0);
      expect(new Set(repeated)).toEqual(new Set([BURST_AT]));

      // Order: each page in the order asked for.
      for (const page of pages) {
        const times = page.items.map((key) => Date.parse(key.createdAt));
        expect(times).toEqual([...times].sort((a, b) => (sort === 'createdAt.asc' ? a - b : b - a)));
      }
    },
  );
});
