// The floor for the cold-start comparison: our app's definition as data (every step's fields, samples, labels,
// throttles and locks, as `npm run build` makes them; written next to this file as definition.json by the benchmark)
// with none of our code: each perform a stub, the measured triggers' performs the baseline's own (bench/minimalApp.ts,
// next to this file as minimal.js). What separates it from the baseline is the definition itself: loading it (as JSON
// here, ~1 ms) and core's own work on it at every invocation (it copies, walks and freezes the whole definition twice
// per step); what separates the app from it is our code (loading the bundle, and our perform's first run).

import { createRequire } from 'node:module';
import type { Bundle, ZObject } from 'zapier-platform-core';

type Perform = (z: ZObject, bundle: Bundle) => unknown;
interface Definition {
  platformVersion: string;
  triggers: Record<string, { operation: { perform: unknown } }>;
}

// The two files the benchmark writes beside this one, loaded as they are (typed here: the one untyped boundary).
const load = createRequire(__filename);
const baseline = load('./minimal.js') as Definition;
const data = load('./definition.json') as unknown;

const stub: Perform = async () => [];

/** The definition with each function (written as `{"__function": true}`) back as a stub. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (record.__function === true) return stub;
  for (const key of Object.keys(record)) record[key] = revive(record[key]);
  return record;
}

const app = revive(data) as Definition;
app.platformVersion = baseline.platformVersion;
for (const [key, trigger] of Object.entries(baseline.triggers)) {
  const ours = app.triggers[key];
  if (ours) ours.operation.perform = trigger.operation.perform;
}

export = app;
