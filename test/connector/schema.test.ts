// The fast response check (connector/src/schema.ts) against valibot itself, for every schema a client call uses:
// on generated answers (valid ones, and valid ones with any part replaced by anything), it accepts exactly what
// valibot accepts and returns exactly valibot's output, key order included. Also: every schema the clients use is
// compiled (none silently left on the slow path), and schemas it does not know are left to valibot.

import fc from 'fast-check';
import * as v from 'valibot';
import { SmarteClient, SmartLeadClient, SmashsendClient, type Transport } from '@keyring/connector';
import { VendorHttp } from '@keyring/connector/internal';
import { compiles, is, safeParse } from '../../connector/src/schema';

type Schema = v.GenericSchema<unknown, unknown>;

/** The schema of every call each client method makes, caught on the way into VendorHttp.call. */
async function schemasOfEveryCall(): Promise<Schema[]> {
  const seen = new Set<Schema>();
  const spy = jest.spyOn(VendorHttp.prototype, 'call').mockImplementation(async function (spec) {
    seen.add(spec.schema as Schema);
    throw new Error('caught');
  });
  const transport: Transport = async () => ({ status: 500, headers: {}, body: '' });
  const options = { baseUrl: 'https://api.example.com', transport };
  const smashsend = new SmashsendClient('sk_schema_test_key', { ...options, workspaceId: 'ws_1' });
  const discovering = new SmashsendClient('sk_schema_test_key', options);
  const smartlead = new SmartLeadClient('sl_schema_test_key', options);
  const smarte = new SmarteClient('smarte_schema_test_key', options);
  const calls: Array<() => Promise<unknown>> = [
    () => smashsend.checkApiKey(),
    () => smashsend.lookupCurrentApiKey(),
    () => discovering.workspaceId(),
    () => smashsend.listApiKeys(),
    () => smashsend.createApiKey({ displayName: 'n', role: 'EDITOR' }),
    () => smashsend.updateApiKey('aki_1', { displayName: 'n' }),
    () => smashsend.deleteApiKey('aki_1', { allowConnectionKey: true }),
    () => smartlead.listClients(),
    () => smartlead.listClientApiKeys(),
    () => smartlead.createClientApiKey({ clientId: 1, keyName: 'n' }),
    () => smartlead.resetClientApiKey(1),
    () => smartlead.deleteClientApiKey(1),
    () => smarte.listKeys(),
    () => smarte.findKeyByEmail('a@example.com'),
    () => smarte.createKey('a@example.com'),
    () => smarte.suspendKey('a@example.com'),
    () => smarte.reactivateKey('a@example.com'),
  ];
  for (const call of calls) await call().catch(() => undefined);
  spy.mockRestore();
  return [...seen];
}

/** A value as a list of [key, value] pairs all the way down, so that equality also compares key order. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return { array: value.map(ordered) };
  if (typeof value === 'object' && value !== null) return { object: Object.entries(value).map(([key, item]) => [key, ordered(item)]) };
  return value === undefined ? { undefined: true } : value;
}

/** Anything, including what JSON can carry that a careless check mishandles: NaN, -0, own __proto__ keys. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    NaN,
    -0,
    '',
    0,
    false,
    null,
    undefined,
    [],
    {},
    JSON.parse('{"__proto__": {"id": "x"}}'),
    JSON.parse('{"constructor": 1}'),
  ),
);

const ABSENT = Symbol('absent');

/** Answers shaped like the schema, with any part replaced by anything now and then. */
function answers(schema: Schema): fc.Arbitrary<unknown> {
  const node = schema as unknown as {
    type: string;
    pipe?: Schema[];
    wrapped?: Schema;
    item?: Schema;
    options?: Schema[];
    entries?: Record<string, Schema>;
  };
  const shaped = (): fc.Arbitrary<unknown> => {
    if (node.pipe) {
      const regex = node.pipe.find((item) => (item as unknown as { type: string }).type === 'regex') as unknown as
        { requirement: RegExp } | undefined;
      if (regex) return fc.oneof(fc.stringMatching(regex.requirement), fc.string());
      return answers(node.pipe[0] as Schema);
    }
    switch (node.type) {
      case 'string':
        return fc.string({ maxLength: 12 });
      case 'number':
        return fc.oneof(fc.integer(), fc.double());
      case 'boolean':
        return fc.boolean();
      case 'unknown':
        return fc.jsonValue();
      case 'nullish':
        return fc.oneof(fc.constant(null), fc.constant(undefined), answers(node.wrapped as Schema));
      case 'nullable':
        return fc.oneof(fc.constant(null), answers(node.wrapped as Schema));
      case 'array':
        return fc.array(answers(node.item as Schema), { maxLength: 4 });
      case 'union':
        return fc.oneof(...(node.options ?? []).map((option) => answers(option)));
      case 'loose_object': {
        const entries = Object.entries(node.entries ?? {});
        return fc
          .tuple(
            fc.tuple(
              ...entries.map(([key, entry]) =>
                fc.oneof(
                  { weight: 8, arbitrary: answers(entry).map((value) => [key, value] as const) },
                  { weight: 1, arbitrary: fc.constant([key, ABSENT] as const) },
                ),
              ),
            ),
            fc.array(fc.tuple(fc.constantFrom('extra', 'ok', '__proto__', 'constructor', 'data', 'id'), anything), { maxLength: 2 }),
            fc.boolean(),
          )
          .map(([known, extra, extraFirst]) => {
            const pairs = [...known.filter(([, value]) => value !== ABSENT), ...extra];
            // Built as JSON.parse builds it: own keys only, in the answer's order, __proto__ an ordinary key.
            const record: Record<string, unknown> = {};
            for (const [key, value] of extraFirst ? pairs.reverse() : pairs) {
              Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
            }
            return record;
          });
      }
      default:
        return anything;
    }
  };
  return fc.oneof({ weight: 6, arbitrary: shaped() }, { weight: 1, arbitrary: anything });
}

describe('the fast response check', () => {
  let schemas: Schema[] = [];
  beforeAll(async () => {
    schemas = await schemasOfEveryCall();
  });

  it('covers every schema a client call uses', () => {
    // 17 calls; a few share a schema (the SMARTe view, SmartLead's one-key answer, SMASHSEND's one-key answer).
    expect(schemas.length).toBeGreaterThanOrEqual(12);
    expect(schemas.filter((schema) => !compiles(schema))).toEqual([]);
  });

  it('accepts exactly what valibot accepts and returns exactly its output, for every schema', () => {
    let accepted = 0;
    let refused = 0;
    for (const schema of schemas) {
      fc.assert(
        fc.property(answers(schema), (answer) => {
          const fast = safeParse(schema, answer);
          const slow = v.safeParse(schema, answer);
          expect(fast.success).toBe(slow.success);
          expect(is(schema, answer)).toBe(slow.success);
          if (slow.success) {
            accepted += 1;
            expect(ordered(fast.output)).toEqual(ordered(slow.output));
          } else {
            refused += 1;
            expect(fast.issues).toEqual(slow.issues);
          }
        }),
        { numRuns: 300 },
      );
    }
    // Both sides of the question were asked often: the test could fail either way.
    expect(accepted).toBeGreaterThan(schemas.length * 50);
    expect(refused).toBeGreaterThan(schemas.length * 20);
  });

  it("leaves to valibot what it does not know (defaults, optional keys, other actions), with valibot's answer", () => {
    const unknownKinds: Schema[] = [
      v.looseObject({ id: v.optional(v.string(), 'x') }),
      v.looseObject({ id: v.optional(v.string()) }),
      v.nullish(v.string(), 'fallback'),
      v.pipe(v.string(), v.minLength(3)),
      v.object({ id: v.string() }),
      v.picklist(['a', 'b']),
      // A fallback anywhere, even inside a union: valibot answers with it where the fast path would try the next option.
      v.union([v.fallback(v.number(), 0), v.string()]),
      v.looseObject({ id: v.fallback(v.number(), 0) }),
    ];
    for (const schema of unknownKinds) {
      expect(compiles(schema)).toBe(false);
      for (const value of [{}, { id: 'a' }, { id: 1 }, 'a', 'abc', 2, null, undefined]) {
        const fast = safeParse(schema, value);
        const slow = v.safeParse(schema, value);
        expect(fast.success).toBe(slow.success);
        expect(ordered(fast.output)).toEqual(ordered(slow.output));
        expect(fast.issues?.map((issue) => issue.message)).toEqual(slow.issues?.map((issue) => issue.message));
      }
    }
    // A global pattern keeps state between runs, so running it twice could answer differently: never compiled.
    expect(compiles(v.pipe(v.string(), v.regex(/a/g)))).toBe(false);
  });
});
