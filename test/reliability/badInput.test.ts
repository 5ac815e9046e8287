// The bad-input matrix: every operation input that reaches a vendor × missing, empty, blank, wrong type, too long and
// hostile values. Each is either refused before any request (a Zapier error naming the field, and nothing on the
// wire) or sent correctly encoded: a recording proxy in front of the sandbox shows the exact path and query that
// arrived, so an id can never change the request path or query, and a name arrives exactly as typed.

import { runOperation, type OperationKind } from '../support/app';
import { inputField } from '../support/definition';
import { recordingProxy, type ArrivedRequest, type RecordingProxy } from '../support/net';
import { SL_KEYS, SM_CREATE, SM_UPDATE, SM_VIEW, SS_CURRENT, SS_KEYS, operation } from '../support/operations';
import { neverSigns, outcomeOf } from '../support/outcome';
import { authSecrets, sandboxAuth, useSandbox } from '../support/sandbox';
import { pad } from '../support/table';

const env = useSandbox({ resetEachTest: false });
let proxy: RecordingProxy;
beforeAll(async () => {
  proxy = await recordingProxy(env.sandbox.url);
  env.pointAt(proxy.origin);
});
afterAll(() => proxy.close());

/** How a field is checked and where its value goes. */
type FieldType =
  | 'id-path' // an opaque id placed in the path (SMASHSEND apiKeyId)
  | 'id-lookup' // an id only compared with the key list (rotate)
  | 'int-path' // a positive integer placed in the path (SmartLead keyId)
  | 'int-body' // a positive integer sent in the JSON body (SmartLead clientId)
  | 'int-filter' // an optional positive integer sent as a query filter
  | 'choice-filter' // an optional choice sent as a query filter
  | 'choice-body' // a required choice sent in the body (role)
  | 'keyname-body' // SmartLead's keyName rule, in the body
  | 'text-body' // free text in the JSON body
  | 'text-body-only-change' // free text in the body, and the only change asked for (update)
  | 'text-query' // free text sent as a query value
  | 'text-local' // free text compared locally, never sent
  | 'email-body' // an email in the JSON body
  | 'days-local' // a whole number of days, turned into a date here (SMASHSEND's startAt), never sent as typed
  | 'days-optional-local' // an optional whole number of days, compared with the keys' ages here, never sent
  | 'vendors-local' // an optional multiple choice of vendors, deciding which vendors are asked
  | 'secret' // a leaked key value: compared with the vendors' key values here, shown to SMASHSEND only as the Bearer token
  | 'boolean-local'; // an optional true/false with a default, deciding what the step does (never sent)

/** One input under test: its operation (by key, in the catalogue), how it is checked, and where its value goes. */
interface FieldRow {
  op: string;
  field: string;
  type: FieldType;
  method: string;
  /** The path the request must have, given the value the connector sends. */
  path: (sent: string) => string;
}

interface Field extends FieldRow {
  kind: OperationKind;
  /** The other inputs, valid: the catalogue's sample input without this field. */
  base: Record<string, unknown>;
}

const ROWS: FieldRow[] = [
  { op: 'update_smashsend_api_key', field: 'apiKeyId', type: 'id-path', method: 'POST', path: (id) => `${SS_KEYS}/${id}` },
  { op: 'delete_smashsend_api_key', field: 'apiKeyId', type: 'id-path', method: 'DELETE', path: (id) => `${SS_KEYS}/${id}` },
  { op: 'rotate_smashsend_api_key', field: 'apiKeyId', type: 'id-lookup', method: 'GET', path: () => SS_KEYS },
  { op: 'reset_smartlead_client_api_key', field: 'keyId', type: 'int-path', method: 'PUT', path: (id) => `${SL_KEYS}/reset/${id}` },
  { op: 'delete_smartlead_client_api_key', field: 'keyId', type: 'int-path', method: 'DELETE', path: (id) => `${SL_KEYS}/${id}` },
  { op: 'create_smartlead_client_api_key', field: 'clientId', type: 'int-body', method: 'POST', path: () => SL_KEYS },
  { op: 'create_smartlead_client_api_key', field: 'keyName', type: 'keyname-body', method: 'POST', path: () => SL_KEYS },
  { op: 'new_smartlead_client_api_key', field: 'clientId', type: 'int-filter', method: 'GET', path: () => SL_KEYS },
  { op: 'new_smartlead_client_api_key', field: 'status', type: 'choice-filter', method: 'GET', path: () => SL_KEYS },
  { op: 'find_smartlead_client_api_key', field: 'keyName', type: 'text-query', method: 'GET', path: () => SL_KEYS },
  { op: 'find_smartlead_client_api_key', field: 'clientId', type: 'int-filter', method: 'GET', path: () => SL_KEYS },
  { op: 'create_smashsend_api_key', field: 'displayName', type: 'text-body', method: 'POST', path: () => SS_KEYS },
  { op: 'create_smashsend_api_key', field: 'role', type: 'choice-body', method: 'POST', path: () => SS_KEYS },
  {
    op: 'update_smashsend_api_key',
    field: 'displayName',
    type: 'text-body-only-change',
    method: 'POST',
    path: () => `${SS_KEYS}/aki_xyz789ghi012`,
  },
  { op: 'find_smashsend_api_key', field: 'displayName', type: 'text-local', method: 'GET', path: () => SS_KEYS },
  { op: 'create_smarte_api_key', field: 'email', type: 'email-body', method: 'POST', path: () => SM_CREATE },
  // A suspension sends the email to SMARTe's view of that key first; an email with no key halts there, before the update.
  { op: 'suspend_smarte_api_key', field: 'email', type: 'email-body', method: 'POST', path: () => SM_VIEW },
  { op: 'reactivate_smarte_api_key', field: 'email', type: 'email-body', method: 'POST', path: () => SM_UPDATE },
  { op: 'find_smarte_api_key', field: 'email', type: 'email-body', method: 'POST', path: () => SM_VIEW },
  // The hygiene operations ask SMASHSEND alone here (their catalogue rows choose it).
  { op: 'api_key_reached_age', field: 'age_days', type: 'days-local', method: 'GET', path: () => SS_KEYS },
  { op: 'api_key_reached_age', field: 'vendors', type: 'vendors-local', method: 'GET', path: () => SS_KEYS },
  { op: 'audit_api_keys', field: 'older_than_days', type: 'days-optional-local', method: 'GET', path: () => SS_KEYS },
  { op: 'audit_api_keys', field: 'vendors', type: 'vendors-local', method: 'GET', path: () => SS_KEYS },
  // The leaked-key steps: a value not shaped as SMASHSEND's is looked for in SmartLead's list and SMARTe's view first,
  // then shown to SMASHSEND (GET /v1/api-keys/current, the value as the Bearer token): no vendor knows it, so the search
  // finds nothing and the revocation halts, writing nothing.
  { op: 'find_api_key_by_secret', field: 'secret', type: 'secret', method: 'GET', path: () => SS_CURRENT },
  { op: 'revoke_leaked_api_key', field: 'secret', type: 'secret', method: 'GET', path: () => SS_CURRENT },
  // The catalogue's secret is SMASHSEND key aki_xyz789ghi012's: revoked by a delete, and a twin created unless Replace is off.
  {
    op: 'revoke_leaked_api_key',
    field: 'replace',
    type: 'boolean-local',
    method: 'DELETE',
    path: () => `${SS_KEYS}/aki_xyz789ghi012`,
  },
  { op: 'find_api_key_by_secret', field: 'vendors', type: 'vendors-local', method: 'GET', path: () => SS_CURRENT },
  { op: 'api_key_status_changed', field: 'vendors', type: 'vendors-local', method: 'GET', path: () => SS_KEYS },
];

const FIELDS: Field[] = ROWS.map((row) => {
  const { kind, input } = operation(row.op);
  if (kind === 'authentication') throw new Error(`${row.op} is not a step`);
  const { [row.field]: _tested, ...base } = input;
  return { ...row, kind, base };
});

const MISSING = Symbol('missing');
type Value = unknown;

/** The field's label in the registered operation's input form (a test failure if the operation has no such field). */
function labelOf(field: Field): string {
  const label = inputField(field.kind, field.op, field.field)?.label;
  if (label === undefined) throw new Error(`${field.op} has no input field ${field.field} with a label`);
  return label;
}

/** A bad input: its value (per field type where an email or a number needs its own spelling). */
interface BadInput {
  id: string;
  value: Value;
  email?: Value;
  int?: Value;
  choice?: Value;
}

const INPUTS: BadInput[] = [
  { id: 'missing', value: MISSING },
  { id: 'null', value: null },
  { id: 'empty', value: '' },
  { id: 'whitespace', value: ' \t  ' },
  { id: 'object', value: { id: 45 } },
  { id: 'array', value: ['45'] },
  { id: 'boolean', value: true },
  { id: 'number', value: 45, email: 45, choice: 45 },
  { id: 'padded', value: '  k1-ok  ', email: '  k1@example.com  ', int: ' 45 ', choice: '  api_user  ' },
  { id: 'too long (256)', value: 'k'.repeat(256), email: `${'k'.repeat(244)}@example.com` },
  { id: 'very long (100k)', value: 'x'.repeat(100_000), email: `${'x'.repeat(100_000)}@example.com` },
  { id: '../', value: '../../admin', email: '../../admin@example.com' },
  { id: '?', value: 'k1?admin=1', email: 'k1?admin=1@example.com' },
  { id: '#', value: 'k1#frag', email: 'k1#frag@example.com' },
  { id: '%2F', value: 'k1%2F..%2Fadmin', email: 'k1%2F..%2Fadmin@example.com' },
  { id: '/', value: 'k1/extra', email: 'k1/extra@example.com' },
  { id: '&', value: 'k1&api_key=stolen', email: 'k1&api_key=stolen@example.com' },
  { id: 'newline', value: 'k1\r\nX-Injected: 1', email: 'k1\r\nX-Injected: 1@example.com' },
  { id: 'unicode', value: 'ключ-🔑-ü', email: 'ключ-🔑@example.com' },
  { id: '{{curlies}}', value: 'k1 {{bundle.authData.smartlead_api_key}}', email: '{{bundle.authData.smarte_api_key}}@example.com' },
];

/** Which value a field type gets for an input. */
function valueFor(type: FieldType, input: BadInput): Value {
  if (type === 'email-body' && input.email !== undefined) return input.email;
  if ((type === 'int-path' || type === 'int-body' || type === 'int-filter' || type.startsWith('days-')) && input.int !== undefined)
    return input.int;
  if ((type === 'choice-body' || type === 'choice-filter') && input.choice !== undefined) return input.choice;
  return input.value;
}

type Verdict = 'refused' | 'sent' | 'sent-without';

const R: Verdict = 'refused';
const S: Verdict = 'sent';
/** Sent, but without the value: an optional filter left blank means "no filter". */
const W: Verdict = 'sent-without';

// The expected verdict of every (type, input): the table to read the figures off.
// columns:      missing null empty blank object array bool number padded 256 100k ../ ?  #  %2F /  &  newline unicode curlies
const TABLE: Record<FieldType, Verdict[]> = {
  'id-path': [R, R, R, R, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'id-lookup': [R, R, R, R, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'int-path': [R, R, R, R, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'int-body': [R, R, R, R, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'int-filter': [W, W, W, W, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'choice-filter': [W, W, W, W, R, R, R, R, S, R, R, R, R, R, R, R, R, R, R, R],
  'choice-body': [R, R, R, R, R, R, R, R, S, R, R, R, R, R, R, R, R, R, R, R],
  'keyname-body': [R, R, R, R, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'text-body': [R, R, R, R, R, R, R, S, S, R, R, S, S, S, S, S, S, S, S, S],
  'text-body-only-change': [R, R, R, R, R, R, R, S, S, R, R, S, S, S, S, S, S, S, S, S],
  'text-query': [R, R, R, R, R, R, R, S, S, R, R, S, S, S, S, S, S, S, S, R],
  'text-local': [R, R, R, R, R, R, R, S, S, R, R, S, S, S, S, S, S, S, S, S],
  'email-body': [R, R, R, R, R, R, R, R, S, R, R, S, S, S, S, S, S, R, S, S],
  'days-local': [R, R, R, R, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'days-optional-local': [W, W, W, W, R, R, R, S, S, R, R, R, R, R, R, R, R, R, R, R],
  'vendors-local': [W, W, W, W, R, R, R, R, S, R, R, R, R, R, R, R, R, R, R, R],
  // A number is a value (its digits); a secret is printable ASCII without spaces, 1000 characters at most.
  secret: [R, R, R, R, R, R, R, S, S, S, R, S, S, S, S, S, S, R, R, R],
  'boolean-local': [W, W, W, W, R, R, S, R, S, R, R, R, R, R, R, R, R, R, R, R],
};

/** The choice-filter's padded value is a status, not a role. */
function adjust(field: Field, input: BadInput, value: Value): Value {
  if (field.type === 'choice-filter' && input.id === 'padded') return '  Active  ';
  if (field.type === 'vendors-local' && input.id === 'padded') return ['  smashsend  '];
  if (field.type === 'boolean-local' && input.id === 'padded') return '  false  ';
  return value;
}

/** The text the connector sends for a value (trimmed; a number as its digits; a choice in its own spelling). */
function sentText(field: Field, value: Value): string {
  if (field.type === 'choice-body') return 'API_USER';
  if (field.type === 'choice-filter') return 'active';
  return String(value).trim();
}

let tried = 0;
let refused = 0;
let sent = 0;
const failures: string[] = [];
const rows = new Map<string, string[]>();

/** The differences between what arrived and what the verdict says (empty = as expected). */
function check(
  field: Field,
  verdict: Verdict,
  value: Value,
  arrived: ArrivedRequest[],
  outcome: Awaited<ReturnType<typeof outcomeOf>>,
): string[] {
  const problems: string[] = [];
  const secrets = authSecrets(env.sandbox);
  if (verdict === 'refused') {
    if (arrived.length > 0) problems.push(`expected no request, got ${arrived.map((a) => `${a.method} ${a.rawTarget}`).join(', ')}`);
    if (outcome.ok) problems.push('expected a refusal, got a result');
    else {
      if (outcome.name !== 'AppError' || outcome.code !== 'input')
        problems.push(`expected AppError code input, got ${outcome.name} ${outcome.code}`);
      // Named as the Zap builder sees the field: by its label in the step's form, not by its key.
      const label = labelOf(field);
      if (!(outcome.message ?? '').startsWith(`${label} `))
        problems.push(`message does not name ${label} (${field.field}): ${outcome.message}`);
      problems.push(...neverSigns(outcome.message ?? '', outcome.fullText ?? '', secrets));
    }
    return problems;
  }
  // Sent: the request the step exists for arrived with exactly the expected path, query and value.
  const text = sentText(field, value);
  // The request the step exists for: the one on the expected path (a step may ask several vendors), else the first.
  const target =
    arrived.find((a) => a.method === field.method && a.rawPath === field.path(text)) ?? arrived.find((a) => a.method === field.method);
  if (!target) return [`expected a ${field.method} request, got ${arrived.map((a) => `${a.method} ${a.rawTarget}`).join(', ') || 'none'}`];
  const expectedPath = field.path(text);
  if (target.rawPath !== expectedPath) problems.push(`path ${target.rawPath} is not ${expectedPath}`);
  const queryKeys = Object.keys(target.query).sort();
  const expectedQuery = ((): Record<string, string[]> => {
    switch (field.op) {
      case 'find_smartlead_client_api_key':
        return {
          api_key: [env.sandbox.credentials.smartleadApiKey],
          keyName: [field.field === 'keyName' ? text : 'Production'],
          ...(field.field === 'clientId' && verdict === 'sent' ? { clientId: [text] } : {}),
        };
      case 'new_smartlead_client_api_key':
        return { api_key: [env.sandbox.credentials.smartleadApiKey], ...(verdict === 'sent' ? { [field.field]: [text] } : {}) };
      case 'create_smartlead_client_api_key':
      case 'reset_smartlead_client_api_key':
      case 'delete_smartlead_client_api_key':
        return { api_key: [env.sandbox.credentials.smartleadApiKey] };
      case 'find_smashsend_api_key':
      case 'rotate_smashsend_api_key':
      case 'audit_api_keys':
        return { limit: ['100'], sort: ['createdAt.desc'] };
      case 'api_key_status_changed':
        return { limit: ['100'], sort: ['createdAt.desc'] };
      case 'api_key_reached_age':
        // startAt is the threshold instant, checked against the clock below.
        return { limit: ['100'], sort: ['createdAt.desc'], startAt: target.query.startAt ?? [] };
      default:
        return {};
    }
  })();
  if (JSON.stringify(queryKeys) !== JSON.stringify(Object.keys(expectedQuery).sort()))
    problems.push(`query keys ${queryKeys.join(',')} are not ${Object.keys(expectedQuery).sort().join(',')}`);
  for (const [name, values] of Object.entries(expectedQuery)) {
    if (JSON.stringify(target.query[name]) !== JSON.stringify(values))
      problems.push(`query ${name}=${JSON.stringify(target.query[name])} is not ${JSON.stringify(values)}`);
  }
  if (field.op === 'api_key_reached_age') {
    const days = field.field === 'age_days' ? Number(text) : 30;
    const startAt = Date.parse(target.query.startAt?.[0] ?? '');
    if (!(Math.abs(startAt - (Date.now() - days * 86_400_000)) < 60_000))
      problems.push(`startAt ${JSON.stringify(target.query.startAt)} is not now − ${days} days`);
  }
  if (field.type.endsWith('-body')) {
    const body = JSON.parse(target.body || '{}') as Record<string, unknown>;
    const expected = field.type === 'int-body' ? Number(text) : text;
    if (body[field.field] !== expected)
      problems.push(`body.${field.field} is ${JSON.stringify(body[field.field])}, not ${JSON.stringify(expected)}`);
  }
  if (field.type === 'text-body-only-change') {
    const body = JSON.parse(target.body || '{}') as Record<string, unknown>;
    if (body.displayName !== text) problems.push(`body.displayName is ${JSON.stringify(body.displayName)}, not ${JSON.stringify(text)}`);
  }
  // The secret reaches SMASHSEND as the Bearer token, trimmed, and nowhere else (no query, no body); no vendor knows it,
  // so nothing is written.
  if (field.type === 'secret') {
    if (target.headers.authorization !== `Bearer ${text}`)
      problems.push(`the Bearer token is not the value as sent (${text.length} characters)`);
    for (const request of arrived) {
      if (text.length >= 4 && (request.rawTarget.includes(encodeURIComponent(text)) || request.body.includes(text)))
        problems.push(`the value reached ${request.method} ${request.rawPath} in its query or body`);
      if (request.method !== 'GET' && request.rawPath !== SM_VIEW) problems.push(`a write was sent: ${request.method} ${request.rawPath}`);
    }
  }
  // Replace decides whether a twin is created after the delete: on by default (blank), off only when asked.
  if (field.type === 'boolean-local') {
    const replace = verdict === 'sent-without' || value === true;
    const creates = arrived.filter((a) => a.method === 'POST' && a.rawPath === SS_KEYS).length;
    if (creates !== (replace ? 1 : 0)) problems.push(`replace ${replace} sent ${creates} create(s)`);
  }
  // No key has a hostile email: the suspension stops at the view, and nothing is sent to update.
  if (field.op === 'suspend_smarte_api_key' && arrived.some((a) => a.rawPath === SM_UPDATE))
    problems.push(`an update was sent for an email the view did not find: ${JSON.stringify(value)}`);
  // Whatever the vendor then answered, the user sees a result or a proper error.
  if (!outcome.ok)
    problems.push(...neverSigns(outcome.message ?? '', outcome.fullText ?? '', secrets).map((p) => `the error ${p}: ${outcome.message}`));
  return problems;
}

describe.each(FIELDS.map((field) => [`${field.op}.${field.field} (${field.type})`, field] as const))('%s', (_name, field) => {
  it.each(INPUTS.map((input, index) => [input.id, input, index] as const))('%s', async (_id, input, index) => {
    env.sandbox.reset();
    proxy.arrived.length = 0;
    const verdict = TABLE[field.type][index];
    const value = adjust(field, input, valueFor(field.type, input));
    const inputData: Record<string, unknown> = { ...field.base };
    if (value !== MISSING) inputData[field.field] = value;

    const outcome = await outcomeOf(runOperation({ kind: field.kind, key: field.op, input: inputData }, sandboxAuth(env.sandbox)));
    const problems = check(field, verdict, value, [...proxy.arrived], outcome);

    tried += 1;
    if (problems.length === 0 && verdict === 'refused') refused += 1;
    if (problems.length === 0 && verdict !== 'refused') sent += 1;
    const row = rows.get(`${field.op}.${field.field}`) ?? [];
    row[index] = problems.length === 0 ? (verdict === 'refused' ? 'R' : verdict === 'sent' ? 'S' : 'W') : 'FAIL';
    rows.set(`${field.op}.${field.field}`, row);
    if (problems.length > 0) failures.push(`${field.op}.${field.field} × ${input.id}`);
    expect(problems).toEqual([]);
  });
});

afterAll(() => {
  const width = Math.max(...[...rows.keys()].map((k) => k.length)) + 1;
  const header = pad('', width) + INPUTS.map((input) => pad(input.id.replace(/ \(.*\)/, ''), 8)).join('');
  console.log(
    [
      `bad inputs tried: ${tried}, refused before any request: ${refused}, sent encoded: ${sent}${failures.length ? `, FAILED: ${failures.join('; ')}` : ''}`,
      '(R refused before any request, naming the field; S sent, path/query/body exactly as expected; W an optional filter left out)',
      header,
      ...[...rows.entries()].map(([name, row]) => pad(name, width) + row.map((cell) => pad(cell ?? '-', 8)).join('')),
    ].join('\n'),
  );
});
