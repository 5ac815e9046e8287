// The connector's searches by name (and SMASHSEND's by id) own their input rule: a blank name is an InputError naming the field before any
// request (never "no filter", which would list every key), and the app calls the search once instead of re-checking.

import { InputError, SmartLeadClient, SmashsendClient } from '@keyring/connector';
import { answer, fakeTransport, rejectionOf } from '../support/connector';

const key = (id: string, displayName: string) => ({ id, displayName, role: 'API_USER', createdAt: '2024-03-15T10:00:00Z' });

describe('SmartLeadClient.findClientApiKeys', () => {
  it.each([undefined, '', '   '])('refuses the name %p before any request', async (keyName) => {
    const fake = fakeTransport();
    const error = await rejectionOf(
      new SmartLeadClient('sl_key', { transport: fake.transport }).findClientApiKeys({ keyName: keyName as string }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ kind: 'input', field: 'keyName' });
    expect(fake.requests).toEqual([]);
  });

  it('sends the name (and the filters) as the query', async () => {
    const fake = fakeTransport(answer(200, { ok: true, data: [] }));
    await new SmartLeadClient('sl_key', { transport: fake.transport }).findClientApiKeys({ keyName: ' Prod ', status: 'active' });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', query: { keyName: 'Prod', status: 'active', api_key: 'sl_key' } });
  });
});

describe('SmashsendClient.findApiKeysByName', () => {
  it.each([undefined, '', '   '])('refuses the name %p before any request', async (displayName) => {
    const fake = fakeTransport();
    const client = new SmashsendClient('sk_key', { transport: fake.transport, workspaceId: 'wrk_1' });
    const error = await rejectionOf(client.findApiKeysByName(displayName as string));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ kind: 'input', field: 'displayName' });
    expect(fake.requests).toEqual([]);
  });

  it('reads newest first and returns the first page that has the name (ignoring case and spaces)', async () => {
    const fake = fakeTransport(
      answer(200, { apiKeys: { items: [key('aki_3', 'Other')], hasMore: true, startAt: '2024-03-15T10:00:00.000Z' } }),
      answer(200, {
        apiKeys: { items: [key('aki_2', ' crm sync '), key('aki_1', 'CRM Sync')], hasMore: true, startAt: '2024-03-14T10:00:00.000Z' },
      }),
    );
    const client = new SmashsendClient('sk_key', { transport: fake.transport, workspaceId: 'wrk_1' });
    expect((await client.findApiKeysByName('CRM Sync')).map((k) => k.id)).toEqual(['aki_2', 'aki_1']);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]).toMatchObject({ method: 'GET', query: { sort: 'createdAt.desc' } });
  });
});

describe('SmashsendClient.findApiKeyById', () => {
  it('refuses an id that is not one before any request', async () => {
    const fake = fakeTransport();
    const client = new SmashsendClient('sk_key', { transport: fake.transport, workspaceId: 'wrk_1' });
    expect(await rejectionOf(client.findApiKeyById('../users/me'))).toMatchObject({ kind: 'input', field: 'apiKeyId' });
    expect(fake.requests).toEqual([]);
  });

  it('reads newest first, page after page, and stops at the page that holds the key; undefined when none does', async () => {
    const pages = () => [
      // Opaque cursors, passed back as they are.
      answer(200, { apiKeys: { items: [key('aki_3', 'Three')], hasMore: true, startAt: 'page-2' } }),
      answer(200, { apiKeys: { items: [key('aki_2', 'Two')], hasMore: true, startAt: 'page-3' } }),
      answer(200, { apiKeys: { items: [key('aki_1', 'One')], hasMore: false, startAt: null } }),
    ];
    const found = fakeTransport(...pages());
    const client = new SmashsendClient('sk_key', { transport: found.transport, workspaceId: 'wrk_1' });
    expect(await client.findApiKeyById('aki_2')).toMatchObject({ id: 'aki_2', displayName: 'Two' });
    expect(found.requests).toHaveLength(2);
    const missing = fakeTransport(...pages());
    const other = new SmashsendClient('sk_key', { transport: missing.transport, workspaceId: 'wrk_1' });
    expect(await other.findApiKeyById('aki_9')).toBeUndefined();
    expect(missing.requests).toHaveLength(3);
  });
});
