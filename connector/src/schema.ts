// Response validation, fast: valibot schemas stay the one definition of every answer's shape (and the source of every
// message about a wrong one), but valibot's own run allocates a dataset object per value checked, which made it the
// connector's largest cost per call (about 6 µs of a 15-key page: more than JSON.parse; see bench/README.md).
//
// So each schema the connector uses is compiled once into plain closures that accept exactly what valibot accepts and
// return exactly what valibot returns (same values, same key order, copies where valibot copies). Any answer the
// compiled check refuses goes to valibot itself, whose verdict and issues are final: the fast path can only ever say
// "yes, and here is valibot's output". A schema built from anything this file does not know (a default, a fallback,
// an action other than regex and transform) is never compiled: valibot runs it every time. Property tests compare the
// two on generated answers for every schema of every client (test/connector/schema.test.ts).

import * as v from 'valibot';

/** A compiled check: valibot's output for a value it accepts, REJECT for anything else. */
type Compiled = (value: unknown) => unknown;

const REJECT: unique symbol = Symbol('reject');

/** Schemas compiled so far; null for one that cannot be compiled (valibot runs it). */
const compiledSchemas = new WeakMap<object, Compiled | null>();

/** A valibot schema or pipe item, as far as compiling reads it (valibot's own types are per kind). */
interface Node {
  kind?: string;
  type?: string;
  pipe?: readonly Node[];
  wrapped?: Node;
  item?: Node;
  options?: readonly Node[];
  entries?: Record<string, Node>;
  default?: unknown;
  fallback?: unknown;
  requirement?: unknown;
  operation?: (value: unknown) => unknown;
}

/** valibot's _isValidObjectKey for an own key: not one of the three that could reach a prototype. */
function copiedKey(key: string): boolean {
  return key !== '__proto__' && key !== 'prototype' && key !== 'constructor';
}

function compilePipe(items: readonly Node[]): Compiled | null {
  const [first, ...rest] = items;
  const head = first ? compileNode(first) : null;
  if (head === null) return null;
  const steps: Compiled[] = [head];
  for (const item of rest) {
    if (item.kind === 'metadata') continue;
    if (item.kind === 'schema') {
      const step = compileNode(item);
      if (step === null) return null;
      steps.push(step);
    } else if (item.kind === 'validation' && item.type === 'regex' && item.requirement instanceof RegExp) {
      const pattern = item.requirement;
      // A global or sticky pattern keeps state between tests: left to valibot.
      if (pattern.global || pattern.sticky) return null;
      steps.push((value) => (pattern.test(value as string) ? value : REJECT));
    } else if (item.kind === 'transformation' && item.type === 'transform' && typeof item.operation === 'function') {
      const operation = item.operation;
      steps.push((value) => operation(value));
    } else {
      return null;
    }
  }
  return (value) => {
    let current = value;
    for (const step of steps) {
      current = step(current);
      if (current === REJECT) return REJECT;
    }
    return current;
  };
}

function compileLooseObject(entries: Record<string, Node>): Compiled | null {
  const keys = Object.keys(entries);
  const known = new Set(keys);
  const checks: Compiled[] = [];
  const optional: boolean[] = [];
  for (const key of keys) {
    const entry = entries[key] as Node;
    if (entry.type === 'optional' || entry.type === 'exact_optional') return null;
    const check = compileNode(entry);
    if (check === null) return null;
    checks.push(check);
    optional.push(entry.type === 'nullish');
  }
  return (input) => {
    if (!input || typeof input !== 'object') return REJECT;
    const record = input as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      if (key in record) {
        const value = (checks[index] as Compiled)(record[key]);
        if (value === REJECT) return REJECT;
        output[key] = value;
      } else if (!optional[index]) {
        return REJECT;
      }
    }
    // valibot walks `for…in` and keeps own keys: the same keys in the same order as Object.keys.
    for (const key of Object.keys(record)) {
      if (!known.has(key) && copiedKey(key)) output[key] = record[key];
    }
    return output;
  };
}

function compileNode(node: Node): Compiled | null {
  // A fallback or a default puts values the input does not have into the output: left to valibot, wherever it is.
  if (node.fallback !== undefined || node.default !== undefined) return null;
  if (node.pipe !== undefined) return compilePipe(node.pipe);
  if (node.kind !== 'schema') return null;
  switch (node.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : REJECT);
    case 'number':
      return (value) => (typeof value === 'number' && !Number.isNaN(value) ? value : REJECT);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : REJECT);
    case 'unknown':
      return (value) => value;
    case 'nullish':
    case 'nullable': {
      if (node.wrapped === undefined) return null;
      const wrapped = compileNode(node.wrapped);
      if (wrapped === null) return null;
      if (node.type === 'nullable') return (value) => (value === null ? value : wrapped(value));
      return (value) => (value === null || value === undefined ? value : wrapped(value));
    }
    case 'array': {
      const item = node.item === undefined ? null : compileNode(node.item);
      if (item === null) return null;
      return (input) => {
        if (!Array.isArray(input)) return REJECT;
        const output: unknown[] = new Array<unknown>(input.length);
        for (let index = 0; index < input.length; index += 1) {
          const value = item(input[index]);
          if (value === REJECT) return REJECT;
          output[index] = value;
        }
        return output;
      };
    }
    case 'union': {
      const options: Compiled[] = [];
      for (const option of node.options ?? []) {
        const check = compileNode(option);
        if (check === null) return null;
        options.push(check);
      }
      // valibot's union gives the first option that accepts the value.
      return (value) => {
        for (const option of options) {
          const output = option(value);
          if (output !== REJECT) return output;
        }
        return REJECT;
      };
    }
    case 'loose_object':
      return node.entries === undefined ? null : compileLooseObject(node.entries);
    default:
      return null;
  }
}

function compiled(schema: object): Compiled | null {
  let check = compiledSchemas.get(schema);
  if (check === undefined) {
    check = compileNode(schema as Node);
    compiledSchemas.set(schema, check);
  }
  return check;
}

/** Exactly `v.safeParse(schema, value)`, without valibot's cost when the value fits. */
export function safeParse<T>(schema: v.GenericSchema<unknown, T>, value: unknown): v.SafeParseResult<v.GenericSchema<unknown, T>> {
  const check = compiled(schema);
  if (check !== null) {
    const output = check(value);
    if (output !== REJECT) return { typed: true, success: true, output: output as T, issues: undefined };
  }
  return v.safeParse(schema, value);
}

/** Exactly `v.is(schema, value)`. */
export function is<T>(schema: v.GenericSchema<unknown, T>, value: unknown): value is T {
  return safeParse(schema, value).success;
}

/** Whether the fast check covers this schema (for the tests: a schema left to valibot is correct, only slower). */
export function compiles(schema: object): boolean {
  return compiled(schema) !== null;
}
