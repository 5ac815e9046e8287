// Helpers for the SMASHSEND operation tests under nock: request paths, the Bearer header nock must see, and the
// dropdown as Zapier pages it.

import nock from 'nock';
import { AUTH, run } from './app';
import { SMASHSEND } from './vendors';
import * as fx from '../fixtures/smashsend';

export const KEYS = `/v1/workspaces/${fx.WORKSPACE_ID}/api-keys`;
export const keyPath = (id: string) => `${KEYS}/${id}`;
/** nock options: every interceptor only matches with the connection's key as a Bearer token. */
export const BEARER = { reqheaders: { authorization: `Bearer ${AUTH.smashsend_api_key}` } };
/** The list query every SMASHSEND list read sends: 100 a page, newest first (plus the cursor after page 1). */
export const listQuery = (startAt?: string) => ({ limit: '100', sort: 'createdAt.desc', ...(startAt ? { startAt } : {}) });

/** Runs the dropdown trigger as Zapier does when the user scrolls to page `page` (zero-based). */
export function runDropdownPage(page: number) {
  return run('triggers', 'smashsend_api_key_list', {}, AUTH, { page });
}

/**
 * nock: SMASHSEND answers GET /v1/api-keys/current (with the connection's Bearer) once, naming the connection's own key
 * (`fx.CONNECTION_KEY_ID` by default, or `id`): the one request a step makes to learn whether its target is that key.
 */
export function nockCurrentKey(id: string = fx.CONNECTION_KEY_ID): nock.Scope {
  return nock(SMASHSEND, BEARER)
    .get('/v1/api-keys/current')
    .reply(200, { apiKey: { ...fx.connectionKey.apiKey, id } });
}
