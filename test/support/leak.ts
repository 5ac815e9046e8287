// The leaked-key steps' tests under nock (find_api_key_by_secret, revoke_leaked_api_key): the leaked secrets of each
// vendor's shape, the SMASHSEND key the leaked one is, and a record of the order in which requests reached the vendors.

import nock from 'nock';
import { smarte } from './smarte';
import { SMASHSEND } from './vendors';
import * as ss from '../fixtures/smashsend';
import * as sm from '../fixtures/smarte';

/** A leaked SMASHSEND secret (not the connection's), and the other vendors' values. */
export const SS_SECRET = 'sk_live_leakedSmashsendSecret0123456789';
export const SL_SECRET = 'cl_live_leakedSmartleadValue0000WXYZ';
export const SM_SECRET = sm.userKey.apiKey; // base64 with '/' and '=': SMARTe's shape
export const OTHER_WORKSPACE = 'wrk_someoneElsesWorkspace001';

/** The key SMASHSEND names for SS_SECRET. */
export const leakedKey = {
  id: 'aki_leaked0001',
  displayName: 'CI Deploy Key',
  role: 'API_USER',
  status: 'ACTIVE',
  workspaceId: ss.WORKSPACE_ID,
  createdAt: '2024-05-01T08:00:00Z',
  updatedAt: '2024-05-01T08:00:00Z',
};

/** Every request in the order it reached a vendor ("METHOD vendor path"), cleared before each test. */
export const order: string[] = [];
beforeEach(() => {
  order.length = 0;
});

/** A scope whose requests are written down in `order`. */
export function recorded(scope: nock.Scope, vendor: string): nock.Scope {
  return scope.on('request', (req: { method?: string; path?: string }) =>
    order.push(`${req.method} ${vendor} ${(req.path ?? '').split('?')[0]}`),
  );
}

/** SMASHSEND with one secret as the Bearer token (the leaked one's lookup, a twin's check): recorded. */
export const shownTo = (secret: string) => recorded(nock(SMASHSEND, { reqheaders: { authorization: `Bearer ${secret}` } }), 'SMASHSEND');
export const smarteRecorded = () => recorded(smarte(), 'SMARTe');
