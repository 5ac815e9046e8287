// SmartLead in the sandbox: clients, list/create/reset/delete of client API keys, auth (a client key on its campaign
// list), validation and 404s.

import { useSandbox } from '../support/sandbox';
import { SANDBOX_CREDENTIALS } from '../../sandbox/seed';
import { call, jsonInit } from '../support/net';

const key = SANDBOX_CREDENTIALS.smartleadApiKey;
const url = (path: string, query = ''): string => `${env.sandbox.url}${path}?api_key=${encodeURIComponent(key)}${query}`;

const SEED_KEY_45 = {
  id: 45,
  client_id: 301,
  key_name: 'Production Key',
  api_key: 'cl_live_P7dK2mQ9xR4tW8yB3nF6hJ1s',
  status: 'active',
  created_at: '2025-12-01T10:00:00.000Z',
};
const SEED_KEY_46 = {
  id: 46,
  client_id: 301,
  key_name: 'Staging Key',
  api_key: 'cl_live_Lq5Zs8Vb2Nc7Xm4Kp9Rt3Wy6',
  status: 'inactive',
  created_at: '2025-12-02T08:30:00.000Z',
};
const SEED_KEY_47 = {
  id: 47,
  client_id: 302,
  key_name: 'zapier_sync-2',
  api_key: 'cl_live_Hg3Jd8Fk1Ls6Qw9Ez4Rx7Tc2',
  status: 'active',
  created_at: '2025-12-03T16:20:00.000Z',
};

const env = useSandbox();

describe('GET /api/v1/client/', () => {
  it('returns the clients as a bare array with the real (misspelled) field names', async () => {
    const answer = await call(url('/api/v1/client/'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual([
      {
        id: 301,
        name: 'Acme Outbound',
        email: 'ops@acme-outbound.example',
        uuid: '5f0c6a2e-8b1d-4c3e-9a7f-2d4b6e8f0a13',
        created_at: '2025-11-20T09:15:00.000Z',
        user_id: 1201,
        logo: null,
        logo_url: null,
        client_permision: { permission: [], retricted_category: [] },
      },
      {
        id: 302,
        name: 'Globex Growth',
        email: 'growth@globex.example',
        uuid: 'a3b9d2c4-1e5f-4a6b-8c7d-9e0f1a2b3c4d',
        created_at: '2025-11-22T14:40:00.000Z',
        user_id: 1201,
        logo: 'globex.png',
        logo_url: 'https://cdn.example.com/logos/globex.png',
        client_permision: { permission: [], retricted_category: [] },
      },
      {
        id: 303,
        name: 'Initech Leads',
        email: 'leads@initech.example',
        uuid: 'c7e1f3a5-2b4d-4e6f-a8b0-c2d4e6f8a0b2',
        created_at: '2025-11-25T08:05:00.000Z',
        user_id: 1201,
        logo: null,
        logo_url: null,
        client_permision: { permission: [], retricted_category: [] },
      },
    ]);
  });

  it('answers the same without the trailing slash', async () => {
    const answer = await call(url('/api/v1/client'));
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.json)).toBe(true);
  });
});

describe('GET /api/v1/client/api-key', () => {
  it('lists every key wrapped in {ok, data}, in id order', async () => {
    const answer = await call(url('/api/v1/client/api-key'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, data: [SEED_KEY_45, SEED_KEY_46, SEED_KEY_47] });
  });

  it.each([
    ['&clientId=301', [SEED_KEY_45, SEED_KEY_46]],
    ['&clientId=303', []],
    ['&status=inactive', [SEED_KEY_46]],
    ['&status=active', [SEED_KEY_45, SEED_KEY_47]],
    ['&keyName=KEY', [SEED_KEY_45, SEED_KEY_46]],
    ['&keyName=sync', [SEED_KEY_47]],
    ['&clientId=301&status=active&keyName=prod', [SEED_KEY_45]],
  ])('filters with %s', async (query, expected) => {
    const answer = await call(url('/api/v1/client/api-key', query));
    expect(answer.json).toEqual({ ok: true, data: expected });
  });

  it('shows each key’s full api_key, the value that works, made and reset keys included (a leaked value is found by it)', async () => {
    const made = await call(url('/api/v1/client/api-key'), jsonInit('POST', { clientId: 302, keyName: 'Leak Check' }));
    const { id, api_key: first } = (made.json as { data: { id: number; api_key: string } }).data;
    const reset = await call(url(`/api/v1/client/api-key/reset/${id}`), { method: 'PUT' });
    const { api_key: current } = (reset.json as { data: { api_key: string } }).data;

    const listed = (await call(url('/api/v1/client/api-key'))).json as { ok: true; data: Array<{ id: number; api_key: string }> };
    expect(listed.data.map((k) => k.api_key)).toEqual([SEED_KEY_45.api_key, SEED_KEY_46.api_key, SEED_KEY_47.api_key, current]);
    expect(listed.data.find((k) => k.api_key === current)?.id).toBe(id);
    expect(listed.data.some((k) => k.api_key === first)).toBe(false);
    // The listed value is the credential itself.
    expect((await call(`${env.sandbox.url}/api/v1/campaigns?api_key=${encodeURIComponent(current)}`)).status).toBe(200);
    expect((await call(`${env.sandbox.url}/api/v1/campaigns?api_key=${encodeURIComponent(first)}`)).status).toBe(401);
  });

  it.each([['&status=revoked'], ['&clientId=abc']])('refuses a bad filter %s with 400', async (query) => {
    const answer = await call(url('/api/v1/client/api-key', query));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: expect.any(String) });
  });
});

describe('auth', () => {
  it.each([
    ['a wrong key', `${'/api/v1/client/api-key'}?api_key=nope_nope_nope`],
    ['no key', '/api/v1/client/api-key'],
    ['the key twice', `/api/v1/client/api-key?api_key=${key}&api_key=${key}`],
  ])('answers 401 for %s', async (_label, path) => {
    const answer = await call(`${env.sandbox.url}${path}`);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ message: 'Invalid or missing API key' });
  });

  it('does not accept a client key as the account key', async () => {
    const answer = await call(`${env.sandbox.url}/api/v1/client/?api_key=${SEED_KEY_45.api_key}`);
    expect(answer.status).toBe(401);
    const keys = await call(`${env.sandbox.url}/api/v1/client/api-key?api_key=${SEED_KEY_45.api_key}`);
    expect(keys.status).toBe(401);
  });

  describe('a client key on its own campaign list (GET /api/v1/campaigns)', () => {
    const campaigns = (apiKey: string) => call(`${env.sandbox.url}/api/v1/campaigns?api_key=${encodeURIComponent(apiKey)}`);
    const UNAUTHORIZED = { status: 401, json: { message: 'Invalid or missing API key' } };
    const answerOf = async (apiKey: string) => {
      const answer = await campaigns(apiKey);
      return { status: answer.status, json: answer.json };
    };

    it('lets in the account key and an active client key (a bare, empty array); not an inactive one', async () => {
      expect(await answerOf(key)).toEqual({ status: 200, json: [] });
      expect(await answerOf(SEED_KEY_45.api_key)).toEqual({ status: 200, json: [] });
      expect(await answerOf(SEED_KEY_46.api_key)).toEqual(UNAUTHORIZED);
      expect(await answerOf(SEED_KEY_45.api_key.slice(0, 12))).toEqual(UNAUTHORIZED);
    });

    it('a created key works with its full value; after a reset only the new value does; after a delete, none', async () => {
      const created = (
        (await call(url('/api/v1/client/api-key'), jsonInit('POST', { clientId: 302, keyName: 'Lifecycle' }))).json as {
          data: { id: number; api_key: string };
        }
      ).data;
      expect(await answerOf(created.api_key)).toEqual({ status: 200, json: [] });
      const reset = (
        (await call(url(`/api/v1/client/api-key/reset/${created.id}`), { method: 'PUT' })).json as { data: { api_key: string } }
      ).data;
      expect(await answerOf(created.api_key)).toEqual(UNAUTHORIZED);
      expect(await answerOf(reset.api_key)).toEqual({ status: 200, json: [] });
      await call(url(`/api/v1/client/api-key/${created.id}`), { method: 'DELETE' });
      expect(await answerOf(reset.api_key)).toEqual(UNAUTHORIZED);
    });
  });
});

describe('POST /api/v1/client/api-key', () => {
  it('creates an active key with a cl_live_ value and the next numeric id', async () => {
    const answer = await call(url('/api/v1/client/api-key'), jsonInit('POST', { clientId: 301, keyName: 'New Key_2-b' }));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      ok: true,
      data: {
        id: 48,
        client_id: 301,
        key_name: 'New Key_2-b',
        api_key: expect.stringMatching(/^cl_live_[A-Za-z0-9]{24}$/),
        status: 'active',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    });
    const list = await call(url('/api/v1/client/api-key', '&keyName=new key'));
    expect(list.json).toEqual({ ok: true, data: [(answer.json as { data: unknown }).data] });
  });

  it.each([
    ['an empty name', ''],
    ['a dot', 'prod.key'],
    ['an emoji', 'key 🔑'],
    ['a slash', 'a/b'],
  ])('refuses %s with 422', async (_label, keyName) => {
    const answer = await call(url('/api/v1/client/api-key'), jsonInit('POST', { clientId: 301, keyName }));
    expect(answer.status).toBe(422);
    expect(answer.json).toEqual({ message: expect.stringContaining('keyName') });
  });

  it.each([
    ['no keyName', { clientId: 301 }],
    ['no clientId', { keyName: 'x' }],
    ['clientId as a string', { clientId: '301', keyName: 'x' }],
    ['clientId as a boolean', { clientId: true, keyName: 'x' }],
    ['clientId not an integer', { clientId: 30.5, keyName: 'x' }],
    ['keyName as a number', { clientId: 301, keyName: 7 }],
    ['an array body', [1, 2]],
  ])('refuses %s with 400', async (_label, body) => {
    const answer = await call(url('/api/v1/client/api-key'), jsonInit('POST', body));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: expect.any(String) });
  });

  it('refuses invalid JSON and a missing body with 400', async () => {
    const broken = await call(url('/api/v1/client/api-key'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"clientId":',
    });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ message: expect.stringContaining('JSON') });
    const none = await call(url('/api/v1/client/api-key'), { method: 'POST' });
    expect(none.status).toBe(400);
  });

  it('answers 404 for an unknown client', async () => {
    const answer = await call(url('/api/v1/client/api-key'), jsonInit('POST', { clientId: 999, keyName: 'x' }));
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'Client not found' });
  });
});

describe('PUT /api/v1/client/api-key/reset/:id', () => {
  it('keeps the record and replaces its api_key', async () => {
    const answer = await call(url('/api/v1/client/api-key/reset/45'), { method: 'PUT' });
    expect(answer.status).toBe(200);
    const { data } = answer.json as { data: typeof SEED_KEY_45 };
    expect(data).toEqual({ ...SEED_KEY_45, api_key: expect.stringMatching(/^cl_live_[A-Za-z0-9]{24}$/) });
    expect(data.api_key).not.toBe(SEED_KEY_45.api_key);
  });

  it('answers 404 with the vendor message for an unknown id', async () => {
    const answer = await call(url('/api/v1/client/api-key/reset/4500'), { method: 'PUT' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'Client API key not found' });
  });

  it('answers 404 naming the path for the undocumented /:id/reset form', async () => {
    const answer = await call(url('/api/v1/client/api-key/45/reset'), { method: 'PUT' });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'Cannot PUT /api/v1/client/api-key/45/reset' });
  });

  it('answers 400 for a non-numeric id', async () => {
    const answer = await call(url('/api/v1/client/api-key/reset/abc'), { method: 'PUT' });
    expect(answer.status).toBe(400);
  });
});

describe('DELETE /api/v1/client/api-key/:id', () => {
  it('returns the deleted record, after which the key is gone', async () => {
    const answer = await call(url('/api/v1/client/api-key/46'), { method: 'DELETE' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, data: SEED_KEY_46 });
    const again = await call(url('/api/v1/client/api-key/46'), { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.json).toEqual({ message: 'Client API key not found' });
    const list = await call(url('/api/v1/client/api-key'));
    expect(list.json).toEqual({ ok: true, data: [SEED_KEY_45, SEED_KEY_47] });
  });

  it('accepts a JSON content type with an empty body', async () => {
    const answer = await call(url('/api/v1/client/api-key/45'), {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
  });
});
