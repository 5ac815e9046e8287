// SmartLead client API keys: clients, and their API keys (list with filters, create, reset, delete).
// Auth is the account's API key in the `api_key` query parameter. Responses come wrapped ({ok, data}) or bare.

import * as v from 'valibot';
import { VendorHttp, type ClientOptions } from './http';
import { is } from './schema';
import { secretMatcher, valueMatch, type ConnectionKeyMatch, type SecretMatcher } from './connectionKey';
import { requireKeyName, requirePositiveInt, requireText, optionalOneOf, optionalPositiveInt, optionalText } from './validate';

export const SMARTLEAD_BASE_URL = 'https://server.smartlead.ai';
const VENDOR = 'SmartLead';

export const SMARTLEAD_KEY_STATUSES = ['active', 'inactive'] as const;
export type SmartLeadKeyStatus = (typeof SMARTLEAD_KEY_STATUSES)[number];

const idSchema = v.union([v.number(), v.string()]);

const smartLeadClientSchema = v.looseObject({
  id: v.number(),
  name: v.string(),
  email: v.nullish(v.string()),
  created_at: v.nullish(v.string()),
});
export type SmartLeadClientRecord = v.InferOutput<typeof smartLeadClientSchema>;

const smartLeadApiKeySchema = v.looseObject({
  id: idSchema,
  client_id: v.nullish(idSchema),
  key_name: v.string(),
  api_key: v.nullish(v.string()),
  status: v.nullish(v.string()),
  created_at: v.nullish(v.string()),
});
export type SmartLeadApiKey = v.InferOutput<typeof smartLeadApiKeySchema>;

/** A key as create and reset give it: with its (new) key value. */
export type SmartLeadNewApiKey = SmartLeadApiKey & { api_key: string };

/** `[…]` or `{ok, data: […]}` → the list. */
function listOf<T>(item: v.GenericSchema<unknown, T>): v.GenericSchema<unknown, T[]> {
  return v.pipe(
    v.union([v.array(item), v.looseObject({ data: v.array(item) })]),
    v.transform((body) => (Array.isArray(body) ? body : body.data)),
  );
}

/** `record` or `{ok, data: record}` → the record. */
function oneOf<T>(item: v.GenericSchema<unknown, T>): v.GenericSchema<unknown, T> {
  return v.pipe(
    v.union([v.looseObject({ data: item }), item]),
    v.transform((body) => (isWrapped(body) ? body.data : body) as T),
  );
}

function isWrapped(body: unknown): body is { data: unknown } {
  return typeof body === 'object' && body !== null && 'data' in body && typeof body.data === 'object' && body.data !== null;
}

// Built once, not per call: building a schema costs more than running it (and the fast check compiles each once).
const clientListSchema = listOf(smartLeadClientSchema);
const keyListSchema = listOf(smartLeadApiKeySchema);
const oneKeySchema = oneOf(smartLeadApiKeySchema);
/**
 * The delete answer is undocumented: {ok:true}, {ok:true, data: record}, the bare record, or nothing. Only a body
 * that really is a key record is the deleted record (undefined otherwise).
 */
const deleteSchema = v.pipe(
  v.unknown(),
  v.transform((body): SmartLeadApiKey | undefined => {
    const candidate = isWrapped(body) ? body.data : body;
    return is(smartLeadApiKeySchema, candidate) ? candidate : undefined;
  }),
);

export interface ListClientApiKeysFilter {
  clientId?: number | string;
  status?: SmartLeadKeyStatus | string;
  /** Partial match, as the vendor applies it. */
  keyName?: string;
}

export interface SmartLeadDeleteResult {
  id: number | string;
  deleted: true;
  /** The deleted record, when SmartLead sends it back. */
  record?: SmartLeadApiKey;
}

export class SmartLeadClient {
  private readonly http: VendorHttp;
  private readonly key: string;
  /** Tells this client's own key (sameSecret). */
  private readonly isOwnKey: SecretMatcher;

  constructor(apiKey: string, options: ClientOptions = {}) {
    const key = requireText(VENDOR, 'apiKey', apiKey, 1000);
    this.key = key;
    this.isOwnKey = secretMatcher(key);
    this.http = new VendorHttp(VENDOR, SMARTLEAD_BASE_URL, { query: { api_key: key }, secret: key }, options);
  }

  /**
   * Whether a client API key (as the list answers it, with its `api_key` value) is the key this client authenticates
   * with: compared in constant time; 'unknown' when the answer carries no value.
   */
  connectionKeyMatch(key: Pick<SmartLeadApiKey, 'api_key'>): ConnectionKeyMatch {
    return valueMatch(key.api_key, this.isOwnKey);
  }

  /** Whether `secret` is the key this client authenticates with (compared in constant time; never logged). */
  isOwnSecret(secret: string): boolean {
    return this.isOwnKey(secret);
  }

  /** GET /api/v1/client/ — the account's clients (for a dropdown). */
  listClients(): Promise<SmartLeadClientRecord[]> {
    return this.http.call({ method: 'GET', path: '/api/v1/client/', schema: clientListSchema });
  }

  /** GET /api/v1/client/api-key — client API keys, optionally filtered. */
  async listClientApiKeys(filter: ListClientApiKeysFilter = {}): Promise<SmartLeadApiKey[]> {
    const query = {
      clientId: optionalPositiveInt(VENDOR, 'clientId', filter.clientId),
      status: optionalOneOf(VENDOR, 'status', filter.status, SMARTLEAD_KEY_STATUSES),
      keyName: optionalText(VENDOR, 'keyName', filter.keyName),
    };
    return this.http.call({ method: 'GET', path: '/api/v1/client/api-key', query, schema: keyListSchema, bulk: true });
  }

  /**
   * GET /api/v1/client/api-key with a required `keyName` (SmartLead's partial match): a search by name, which must never
   * turn into "every key" because the name was blank.
   */
  async findClientApiKeys(filter: ListClientApiKeysFilter & { keyName: string }): Promise<SmartLeadApiKey[]> {
    return this.listClientApiKeys({ ...filter, keyName: requireText(VENDOR, 'keyName', filter.keyName) });
  }

  /** POST /api/v1/client/api-key — a new key for a client; the answer carries the full key value. */
  async createClientApiKey(input: { clientId: number | string; keyName: string }): Promise<SmartLeadNewApiKey> {
    const body = {
      clientId: requirePositiveInt(VENDOR, 'clientId', input.clientId),
      keyName: requireKeyName(VENDOR, 'keyName', input.keyName),
    };
    const path = '/api/v1/client/api-key';
    const key = await this.http.call({
      method: 'POST',
      path,
      body,
      schema: oneKeySchema,
      notFound: `client ${body.clientId}`,
    });
    return this.http.requireSecret(key, 'api_key', 'POST', path, 'the new client API key');
  }

  /** PUT /api/v1/client/api-key/reset/{id} — a new value for the same key record. */
  async resetClientApiKey(keyId: number | string): Promise<SmartLeadNewApiKey> {
    const id = requirePositiveInt(VENDOR, 'keyId', keyId);
    const path = `/api/v1/client/api-key/reset/${id}`;
    const key = await this.http.call({ method: 'PUT', path, schema: oneKeySchema, notFound: `client API key ${id}` });
    return this.http.requireSecret(key, 'api_key', 'PUT', path, 'the reset client API key');
  }

  /** DELETE /api/v1/client/api-key/{id}. */
  async deleteClientApiKey(keyId: number | string): Promise<SmartLeadDeleteResult> {
    const id = requirePositiveInt(VENDOR, 'keyId', keyId);
    const record = await this.http.call({
      method: 'DELETE',
      path: `/api/v1/client/api-key/${id}`,
      schema: deleteSchema,
      notFound: `client API key ${id}`,
      whenEmpty: () => undefined,
    });
    return record === undefined ? { id, deleted: true } : { id, deleted: true, record };
  }
}
