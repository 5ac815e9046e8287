// api_key_status_changed under nock: one item per key and status, id `<vendor>:<key id>:<status>` (a key whose status
// changes is a new id, so Zapier's own dedupe fires once per change and the trigger keeps no state); SMASHSEND read to
// the end of its list, page after page, each key once; newest change first where the vendor dates changes (SMASHSEND's
// updatedAt), the undated vendors after it in their own order; every vendor's failure fails the poll.

import nock from 'nock';
import { AUTH, run } from '../support/app';
import { recordUnmatchedRequests, useNock } from '../support/nock';
import { SL_KEYS } from '../support/operations';
import { expectZapierError } from '../support/outcome';
import { VIEW, smarte } from '../support/smarte';
import { BEARER, KEYS, listQuery } from '../support/smashsend';
import { SMARTLEAD, SMASHSEND } from '../support/vendors';
import * as ss from '../fixtures/smashsend';
import * as sm from '../fixtures/smarte';

useNock();
const unmatched = recordUnmatchedRequests();

type Item = {
  id: string;
  vendor: string;
  key_id: string;
  name: string;
  status: string;
  changed_at: string | null;
  key_hint: string | null;
};
const poll = (input: Record<string, unknown> = {}) => run('triggers', 'api_key_status_changed', input, AUTH) as Promise<Item[]>;
const ids = (items: Item[]) => items.map((item) => item.id);

const slKeys = (data: unknown[]) => nock(SMARTLEAD).get(SL_KEYS).query({ api_key: AUTH.smartlead_api_key }).reply(200, { ok: true, data });
const slKey = (id: number, status: string | null, api_key = `cl_live_value${id}0000000000${id}`) => ({
  id,
  client_id: 301,
  key_name: `Client Key ${id}`,
  api_key,
  status,
  created_at: '2025-11-01T10:00:00.000Z',
});

describe('SMASHSEND', () => {
  it('one item per key, id vendor:key:status, its fields; newest change (updatedAt) first, whatever the list order', async () => {
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(
        200,
        ss.listPageOf(
          [
            ss.listedKey(1, { updatedAt: '2024-03-01T00:00:00Z' }),
            ss.listedKey(2, { status: 'ARCHIVED', updatedAt: '2025-06-30T12:00:00Z' }),
            ss.listedKey(3, { updatedAt: '2024-05-05T05:05:05.555Z' }),
          ],
          null,
        ),
      );
    const items = await poll({ vendors: ['SMASHSEND'] });
    expect(items[0]).toEqual({
      id: 'SMASHSEND:aki_list0002:ARCHIVED',
      vendor: 'SMASHSEND',
      key_id: 'aki_list0002',
      name: 'Key 2',
      status: 'ARCHIVED',
      changed_at: '2025-06-30T12:00:00.000Z',
      key_hint: 'sk_live_list2...', // SMASHSEND's own truncated hint, as every key listing shows it
    });
    expect(ids(items)).toEqual(['SMASHSEND:aki_list0002:ARCHIVED', 'SMASHSEND:aki_list0003:ACTIVE', 'SMASHSEND:aki_list0001:ACTIVE']);
  });

  it('reads the whole list, page after page to the end (a status can change on any key), each key once across repeats', async () => {
    const scope = nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, ss.listPageOf([ss.listedKey(1), ss.listedKey(2), ss.listedKey(3)], '2024-02-25T10:00:00.000Z'))
      .get(KEYS)
      .query(listQuery('2024-02-25T10:00:00.001Z'))
      .reply(200, ss.listPageOf([ss.listedKey(3), ss.listedKey(4), ss.listedKey(5), ss.listedKey(6)], '2024-02-22T10:00:00.000Z'))
      .get(KEYS)
      .query(listQuery('2024-02-22T10:00:00.001Z'))
      .reply(200, ss.listPageOf([ss.listedKey(6), ss.listedKey(7)], null));
    const items = await poll({ vendors: ['SMASHSEND'] });
    scope.done();
    // listedKey(n) was updated on 2024-02-(28 − n): the newest change is key 1's.
    expect(ids(items)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `SMASHSEND:aki_list000${n}:ACTIVE`));
    expect(unmatched).toEqual([]);
  });

  it('a key whose status changes is a new id (Zapier dedupes by id: one new item, the change), the others the same ids', async () => {
    const page = (status: string, updatedAt: string) =>
      ss.listPageOf([ss.listedKey(1), ss.listedKey(2, { status, updatedAt }), ss.listedKey(3)], null);
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, page('ACTIVE', '2024-02-26T10:00:00Z'));
    const before = ids(await poll({ vendors: ['SMASHSEND'] }));
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, page('ARCHIVED', '2026-01-02T03:04:05Z'));
    const after = ids(await poll({ vendors: ['SMASHSEND'] }));
    expect(after.filter((id) => !before.includes(id))).toEqual(['SMASHSEND:aki_list0002:ARCHIVED']);
    expect(after[0]).toBe('SMASHSEND:aki_list0002:ARCHIVED'); // newest change first
  });
});

describe('SmartLead and SMARTe (undated changes: their own order)', () => {
  it('SmartLead: vendor:key:status with active / inactive, no date, values masked; a key listed twice is one item', async () => {
    slKeys([slKey(45, 'active'), slKey(46, 'inactive', 'cl_live_Lq5Zs8Vb2Nc7Xm4Kp9Rt3Wy6'), slKey(45, 'active')]);
    const items = await poll({ vendors: ['SmartLead'] });
    expect(items).toEqual([
      {
        id: 'SmartLead:45:active',
        vendor: 'SmartLead',
        key_id: '45',
        name: 'Client Key 45',
        status: 'active',
        changed_at: null,
        key_hint: '********0045',
      },
      {
        id: 'SmartLead:46:inactive',
        vendor: 'SmartLead',
        key_id: '46',
        name: 'Client Key 46',
        status: 'inactive',
        changed_at: null,
        key_hint: '********3Wy6',
      },
    ]);
  });

  it('SmartLead: a key without a status is "unknown" (never an empty id part)', async () => {
    slKeys([slKey(47, null)]);
    expect(ids(await poll({ vendors: ['SmartLead'] }))).toEqual(['SmartLead:47:unknown']);
  });

  it('SMARTe: vendor:keyId:status, named by the user’s email; a suspension is a new id', async () => {
    smarte()
      .post(VIEW, {})
      .reply(200, { ...sm.viewAll, data: [{ ...sm.userKey, status: 'suspended' }, sm.otherKey] });
    const items = await poll({ vendors: ['SMARTe'] });
    expect(items).toEqual([
      {
        id: `SMARTe:${sm.userKey.keyId}:suspended`,
        vendor: 'SMARTe',
        key_id: sm.userKey.keyId,
        name: sm.userKey.email,
        status: 'suspended',
        changed_at: null,
        key_hint: '********3vs=',
      },
      {
        id: `SMARTe:${sm.otherKey.keyId}:active`,
        vendor: 'SMARTe',
        key_id: sm.otherKey.keyId,
        name: sm.otherKey.email,
        status: 'active',
        changed_at: null,
        key_hint: '********xJHY',
      },
    ]);
  });
});

describe('every vendor of the connection (Vendors blank)', () => {
  it('asks each once: SMASHSEND’s dated changes first (newest first), then SmartLead’s and SMARTe’s in their order', async () => {
    nock(SMASHSEND, BEARER)
      .get(KEYS)
      .query(listQuery())
      .reply(200, ss.listPageOf([ss.listedKey(1), ss.listedKey(2, { updatedAt: '2025-01-01T00:00:00Z' })], null));
    slKeys([slKey(46, 'inactive'), slKey(45, 'active')]);
    smarte().post(VIEW, {}).reply(200, sm.viewAll);
    expect(ids(await poll())).toEqual([
      'SMASHSEND:aki_list0002:ACTIVE',
      'SMASHSEND:aki_list0001:ACTIVE',
      'SmartLead:46:inactive',
      'SmartLead:45:active',
      `SMARTe:${sm.userKey.keyId}:active`,
      `SMARTe:${sm.otherKey.keyId}:active`,
    ]);
  });

  it('one vendor failing fails the poll with its own error: a partial list would pass for every key', async () => {
    nock(SMASHSEND, BEARER).get(KEYS).query(listQuery()).reply(200, ss.listPage);
    slKeys([slKey(45, 'active')]);
    smarte().post(VIEW, {}).reply(429, sm.rateLimited);
    await expectZapierError(poll(), {
      name: 'ThrottledError',
      delay: 60,
      says: ['SMARTe rate limit reached (429 on POST /signals/v1/key/view)'],
    });
  });

  it('Vendors not among SMASHSEND, SmartLead, SMARTe: refused before any request', async () => {
    await expectZapierError(poll({ vendors: ['Stripe'] }), {
      name: 'AppError',
      code: 'input',
      says: 'Vendors must be chosen from SMASHSEND, SmartLead, SMARTe.',
    });
    expect(unmatched).toEqual([]);
  });
});
