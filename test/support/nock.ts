// nock for a unit-test file: the app and the connector aimed at the vendors' real hosts (whatever the shell has set),
// no request may reach the network, and every interceptor a test set up must have been used by its end.

import nock from 'nock';
import { DEFAULT_SETTINGS, setEnv } from './env';
import { forgetRememberedKeys } from '../../lib/clients';

/** Interceptors a test set up only to prove that no request came (expectNoRequest): not "unused" at the end. */
const sentinels: string[] = [];

export function useNock(): void {
  let restore: (() => void) | undefined;
  beforeAll(() => {
    restore = setEnv(DEFAULT_SETTINGS);
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  // Every test starts as a cold container would: what SMASHSEND said about a key (its workspace, its id) is not known.
  beforeEach(() => forgetRememberedKeys());
  afterEach(() => {
    const pending = nock.pendingMocks();
    for (const sentinel of sentinels.splice(0)) pending.splice(pending.indexOf(sentinel), 1);
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  // Each test file loads its own nock, but all patch the one shared `http` module of the jest worker: a file must
  // take its nock out when done, or the next file in that worker sends its requests past its mocks to the network.
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
    restore?.();
  });
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

/** Asserts that a sentinel scope (one that would answer any request the step made) received no request. */
export function expectNoRequest(scope: nock.Scope): void {
  expect(scope.isDone()).toBe(false);
  sentinels.push(...scope.pendingMocks());
}
