// Runs around every test file (jest setupFilesAfterEnv). Each file loads its own zapier-platform-core and nock, but
// both patch the one `http`/`https` module of the jest worker: core's logging wrapper passes on only two arguments,
// and nock's interceptor stays installed. Put both modules back after each file, so that what one file did to them
// can never send the next file's mocked requests to the network (or its real ones into a stale mock).

import http from 'node:http';
import https from 'node:https';

type Patchable = Record<string, unknown>;
const modules = [http, https] as unknown as Patchable[];
const saved = modules.map((module) => ({ keys: new Set(Object.keys(module)), request: module.request, get: module.get }));

afterAll(() => {
  modules.forEach((module, index) => {
    const before = saved[index];
    module.request = before.request;
    module.get = before.get;
    // Flags a patcher added (core's patchedByZapier, zapierLogger): gone, so the next file patches afresh.
    for (const key of Object.keys(module)) if (!before.keys.has(key)) delete module[key];
  });
});
