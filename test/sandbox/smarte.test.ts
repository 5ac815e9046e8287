// SMARTe signals in the sandbox: view all/one, create, suspend/reactivate rules, auth and validation.

import { useSandbox } from '../support/sandbox';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { call, jsonInit } from '../support/net';

const admin = { 'api-key': SANDBOX_CREDENTIALS.smarteApiKey };
const post = (path: string, body?: unknown, headers: Record<string, string> = admin) =>
  call(`${env.sandbox.url}/signals/v1/key/${path}`, jsonInit('POST', body, headers));

const ADMIN = {
  keyId: '0b6f7c1e-3d2a-4f5b-8c9d-1e2f3a4b5c6d',
  email: 'sandbox.admin@smarte.pro',
  role: 'admin',
  status: 'active',
  apiKey: SANDBOX_CREDENTIALS.smarteApiKey,
};
const UDI_USER = {
  keyId: '222c424f-6e56-4ab1-94eb-8a0e41490831',
  email: 'dev.udi_user@smarte.pro',
  role: 'standard',
  status: 'active',
  apiKey: 'Id9hxxxxxxxxxxxxxxxxxxxxxxxxx9u/CeGp1mxXoTA3vs=',
};
const UDI = {
  keyId: '6d7800ad-81b0-4b60-9a0f-821a1944346b',
  email: 'dev.udi@smarte.pro',
  role: 'standard',
  status: 'active',
  apiKey: 'mIGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxJHY',
};
const FETCHED = 'Key details fetched successfully';

const env = useSandbox();

describe('view', () => {
  it('returns every key, the admin key included, for {}', async () => {
    const answer = await post('view', {});
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ message: FETCHED, data: [ADMIN, UDI_USER, UDI] });
  });

  it('reads a request with no body as {}', async () => {
    const answer = await call(`${env.sandbox.url}/signals/v1/key/view`, { method: 'POST', headers: admin });
    expect(answer.json).toEqual({ message: FETCHED, data: [ADMIN, UDI_USER, UDI] });
  });

  it('shows every key’s full apiKey, the value that authenticates, a made and a suspended key included', async () => {
    const made = await post('createsignalapikey', { email: 'leak.check@example.com' });
    const created = (made.json as { data: { keyId: string; apiKey: string } }).data;
    expect((await post('update', { email: UDI.email, action: 'suspend' })).status).toBe(200);

    const all = await post('view', {});
    expect(all.status).toBe(200);
    expect(all.json).toEqual({
      message: FETCHED,
      data: [
        ADMIN,
        UDI_USER,
        { ...UDI, status: 'suspended' },
        { ...created, email: 'leak.check@example.com', role: 'standard', status: 'active' },
      ],
    });
    // The listed value is the credential itself: a standard key is known (403 here, not 401).
    const asMade = await post('view', {}, { 'api-key': created.apiKey });
    expect(asMade.status).toBe(403);
    expect((asMade.json as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('returns one key as an object for {email} (case-insensitive)', async () => {
    expect((await post('view', { email: 'dev.udi_user@smarte.pro' })).json).toEqual({ message: FETCHED, data: UDI_USER });
    expect((await post('view', { email: 'DEV.UDI@smarte.pro' })).json).toEqual({ message: FETCHED, data: UDI });
  });

  it('answers 404 when no key has that email', async () => {
    const answer = await post('view', { email: 'nobody@smarte.pro' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: 'not_found', message: 'No API key found for nobody@smarte.pro', status: 404 } });
  });

  it('refuses a non-string email with 400', async () => {
    const answer = await post('view', { email: 42 });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'bad_request', message: expect.any(String), status: 400 } });
  });
});

describe('auth', () => {
  it.each([
    ['no Api-Key', {}],
    ['a wrong Api-Key', { 'api-key': 'WG+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxOwZcyVwvAibM=' }],
  ])('answers 401 for %s', async (_label, headers) => {
    const answer = await post('view', {}, headers);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: { code: 'unauthorized', message: 'Invalid or missing Api-Key', status: 401 } });
  });

  it('answers 403 for a standard key', async () => {
    const answer = await post('view', {}, { 'api-key': UDI.apiKey });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ error: { code: 'forbidden', message: 'This endpoint requires an admin API key', status: 403 } });
  });
  it('knows a created key by its full value (403: standard, not 401) until it is suspended, and again once reactivated', async () => {
    const created = (await post('createsignalapikey', { email: 'lifecycle@example.com' })).json as { data: { apiKey: string } };
    const asNewKey = { 'api-key': created.data.apiKey };
    const forbidden = { error: { code: 'forbidden', message: 'This endpoint requires an admin API key', status: 403 } };
    const unauthorized = { error: { code: 'unauthorized', message: 'Invalid or missing Api-Key', status: 401 } };
    expect((await post('view', {}, asNewKey)).json).toEqual(forbidden);
    await post('update', { email: 'lifecycle@example.com', action: 'suspend' });
    expect((await post('view', {}, asNewKey)).json).toEqual(unauthorized);
    await post('update', { email: 'lifecycle@example.com', action: 'activate' });
    expect((await post('view', {}, asNewKey)).json).toEqual(forbidden);
    // A truncated value is not the key.
    expect((await post('view', {}, { 'api-key': created.data.apiKey.slice(0, 20) })).json).toEqual(unauthorized);
  });
});

describe('createsignalapikey', () => {
  it('creates an active standard key', async () => {
    const answer = await post('createsignalapikey', { email: 'new.user@example.com' });
    expect(answer.status).toBe(200);
    const created = (answer.json as { data: { apiKey: string } }).data;
    expect(answer.json).toEqual({
      message: 'Key generated successfully',
      data: {
        keyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        email: 'new.user@example.com',
        role: 'standard',
        status: 'active',
        apiKey: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      },
    });
    expect((await post('view', { email: 'new.user@example.com' })).json).toEqual({ message: FETCHED, data: created });
  });

  it.each([['not-an-email'], ['a@b'], ['two words@example.com'], ['']])('refuses email %p with 400', async (email) => {
    const answer = await post('createsignalapikey', { email });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'bad_request', message: expect.any(String), status: 400 } });
  });

  it('refuses a missing email with 400', async () => {
    expect((await post('createsignalapikey', {})).status).toBe(400);
  });

  it('answers 409 when the email already has a key', async () => {
    const answer = await post('createsignalapikey', { email: 'Dev.Udi@smarte.pro' });
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({
      error: { code: 'conflict', message: 'An API key already exists for Dev.Udi@smarte.pro', status: 409 },
    });
  });
});

describe('update: suspend and reactivate', () => {
  it('suspends an active key, then reactivates it', async () => {
    const suspended = await post('update', { email: UDI.email, action: 'suspend' });
    expect(suspended.status).toBe(200);
    expect(suspended.json).toEqual({ message: 'Key suspended successfully', data: { ...UDI, status: 'suspended' } });
    expect((await post('view', { email: UDI.email })).json).toEqual({ message: FETCHED, data: { ...UDI, status: 'suspended' } });

    const active = await post('update', { email: UDI.email, action: 'activate' });
    expect(active.status).toBe(200);
    expect(active.json).toEqual({ message: 'Key activated successfully', data: UDI });
  });

  it('also accepts action "active"', async () => {
    await post('update', { email: UDI.email, action: 'suspend' });
    const active = await post('update', { email: UDI.email, action: 'active' });
    expect(active.json).toEqual({ message: 'Key activated successfully', data: UDI });
  });

  it('refuses to suspend a suspended key', async () => {
    await post('update', { email: UDI.email, action: 'suspend' });
    const again = await post('update', { email: UDI.email, action: 'suspend' });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error: { code: 'bad_request', message: 'Key is already suspended', status: 400 } });
  });

  it('refuses to reactivate a key that is not suspended', async () => {
    const answer = await post('update', { email: UDI.email, action: 'activate' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'bad_request', message: 'Only suspended keys can be reactivated', status: 400 } });
  });

  it('refuses to suspend the admin key', async () => {
    const answer = await post('update', { email: ADMIN.email, action: 'suspend' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'bad_request', message: 'Admin keys cannot be suspended', status: 400 } });
  });

  it('answers 404 for an unknown email', async () => {
    const answer = await post('update', { email: 'ghost@smarte.pro', action: 'suspend' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: 'not_found', message: 'No API key found for ghost@smarte.pro', status: 404 } });
  });

  it.each([
    ['an unknown action', { email: UDI.email, action: 'delete' }],
    ['no action', { email: UDI.email }],
    ['no email', { action: 'suspend' }],
  ])('refuses %s with 400', async (_label, body) => {
    expect((await post('update', body)).status).toBe(400);
  });

  it('answers 404 naming the path for GET or an unknown route', async () => {
    const answer = await call(`${env.sandbox.url}/signals/v1/key/view`, { headers: admin });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: 'not_found', message: 'Cannot GET /signals/v1/key/view', status: 404 } });
  });
});
