// Helpers for the SMASHSEND operation tests: request paths, the Bearer header nock must see, dropdown paging and
// a record of every request that reached no interceptor (so a test can prove that no request was sent).

import nock from 'nock';
import { AUTH, appTester, bundleWith, performOf } from './app';
import * as fx from '../fixtures/smashsend';

export const KEYS = `/v1/workspaces/${fx.WORKSPACE_ID}/api-keys`;
export const keyPath = (id: string) => `${KEYS}/${id}`;
/** nock options: every interceptor only matches with the connection's key as a Bearer token. */
export const BEARER = { reqheaders: { authorization: `Bearer ${AUTH.smashsend_api_key}` } };
/** The list query every SMASHSEND list read sends: 100 a page, newest first (plus the cursor after page 1). */
export const listQuery = (startAt?: string) => ({ limit: '100', sort: 'createdAt.desc', ...(startAt ? { startAt } : {}) });

/** Runs the dropdown trigger as Zapier does when the user scrolls to page `page` (zero-based). */
export function runDropdownPage(page: number) {
  return appTester(performOf('triggers', 'smashsend_api_key_list'), { ...bundleWith(), meta: { page } });
}

/** Requests that matched no interceptor during each test ("METHOD path"); with net connect disabled, none got out. */
export function recordUnmatchedRequests(): string[] {
  const seen: string[] = [];
  const listener = (request: { method?: string; path?: string }) => {
    seen.push(`${request.method ?? '?'} ${request.path ?? '?'}`);
  };
  beforeEach(() => {
    seen.length = 0;
    nock.emitter.on('no match', listener);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', listener);
  });
  return seen;
}
