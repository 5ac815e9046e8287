// SMARTe signals keys: view all or one (by email), create, suspend and reactivate. Every call is a POST with a JSON
// body and the admin key in the `Api-Key` header. Keys are identified by the user's email; `keyId` is a UUID.

import * as v from 'valibot';
import { ConnectorError, InputError, NotFoundError } from './errors';
import { refuseConnectionKey, secretMatcher, valueMatch, type ConnectionKeyMatch, type SecretMatcher } from './connectionKey';
import { VendorHttp, type ClientOptions } from './http';
import { requireEmail, requireText } from './validate';

export const SMARTE_BASE_URL = 'https://signals.smarte.pro';
const VENDOR = 'SMARTe';

const smarteKeySchema = v.looseObject({
  keyId: v.string(),
  email: v.string(),
  role: v.nullish(v.string()),
  status: v.string(),
  apiKey: v.nullish(v.string()),
});
export type SmarteKey = v.InferOutput<typeof smarteKeySchema>;

/** A key as the create answer gives it: with its apiKey value. */
export type SmarteNewKey = SmarteKey & { apiKey: string };

/**
 * `data` may be an array, one record, or null (no keys). A body without `data` is not "no keys" but a bad answer:
 * read as empty, a find would miss an existing key and Find or Create would make a duplicate.
 */
const viewSchema = v.pipe(
  v.looseObject({ message: v.nullish(v.string()), data: v.nullable(v.union([v.array(smarteKeySchema), smarteKeySchema])) }),
  v.transform((body): SmarteKey[] => (body.data == null ? [] : Array.isArray(body.data) ? body.data : [body.data])),
);

const updateSchema = v.looseObject({ message: v.nullish(v.string()), data: v.nullish(smarteKeySchema) });

const createSchema = v.pipe(
  v.looseObject({ message: v.nullish(v.string()), data: smarteKeySchema }),
  v.transform((body) => body.data),
);

export type SmarteKeyAction = 'suspend' | 'activate';

/** The update answer: the record when SMARTe sends it, else what is known (email and the new status). */
export type SmarteUpdatedKey = (SmarteKey & { message?: string }) | { email: string; status: string; message?: string };

export class SmarteClient {
  private readonly http: VendorHttp;
  private readonly key: string;
  /** Tells this client's own key (sameSecret). */
  private readonly isOwnKey: SecretMatcher;

  constructor(apiKey: string, options: ClientOptions = {}) {
    const key = requireText(VENDOR, 'apiKey', apiKey, 1000);
    this.key = key;
    this.isOwnKey = secretMatcher(key);
    this.http = new VendorHttp(VENDOR, SMARTE_BASE_URL, { headers: { 'api-key': key }, secret: key }, options);
  }

  /** POST /signals/v1/key/view with `{}` — every key of the organisation. */
  listKeys(): Promise<SmarteKey[]> {
    return this.http.call({ method: 'POST', path: '/signals/v1/key/view', body: {}, schema: viewSchema, bulk: true, readOnly: true });
  }

  /** POST /signals/v1/key/view with `{email}` — that user's key, or null when there is none. */
  async findKeyByEmail(email: string): Promise<SmarteKey | null> {
    const address = requireEmail(VENDOR, 'email', email);
    try {
      const keys = await this.http.call({
        method: 'POST',
        path: '/signals/v1/key/view',
        body: { email: address },
        schema: viewSchema,
        readOnly: true,
      });
      return keys.find((key) => key.email.toLowerCase() === address.toLowerCase()) ?? null;
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  /** POST /signals/v1/key/createsignalapikey — a new standard key for the user; the answer carries the key value. */
  async createKey(email: string): Promise<SmarteNewKey> {
    const address = requireEmail(VENDOR, 'email', email);
    const path = '/signals/v1/key/createsignalapikey';
    const key = await this.http.call({ method: 'POST', path, body: { email: address }, schema: createSchema });
    return this.http.requireSecret(key, 'apiKey', 'POST', path, 'the new signals key');
  }

  /** Whether `secret` is the admin key this client authenticates with (compared in constant time; never logged). */
  isOwnSecret(secret: string): boolean {
    return this.isOwnKey(secret);
  }

  /**
   * Whether a key (as the view answers it, with its `apiKey` value) is the admin key this client authenticates with:
   * the values are compared in constant time; 'unknown' when the answer carries no value.
   */
  connectionKeyMatch(key: Pick<SmarteKey, 'apiKey'>): ConnectionKeyMatch {
    return valueMatch(key.apiKey, this.isOwnKey);
  }

  /**
   * POST /signals/v1/key/view `{email}`, then POST /signals/v1/key/update `{email, action: "suspend"}`. The view comes
   * first so that nothing is written when the user has no key (a NotFoundError) or when the key is the admin key this
   * client authenticates with (a ConnectionKeyError, unless `allowConnectionKey`: suspending it locks this client out).
   * The answer's `connectionKey` says whether it was (or may have been) that key. `viewed`: the key as the caller viewed
   * it just before (findKeyByEmail, e.g. to show it in a question), so that the view is not asked twice.
   */
  async suspendKey(
    email: string,
    options: { allowConnectionKey?: boolean; viewed?: SmarteKey } = {},
  ): Promise<SmarteUpdatedKey & { connectionKey: boolean }> {
    const address = requireEmail(VENDOR, 'email', email);
    const path = '/signals/v1/key/view';
    const { viewed } = options;
    if (viewed !== undefined && viewed.email.toLowerCase() !== address.toLowerCase()) {
      throw new InputError(VENDOR, 'viewed', 'must be the key of the email given');
    }
    const current = viewed ?? (await this.findKeyByEmail(address));
    if (current === null) {
      throw new NotFoundError(`SMARTe has no key for ${address} (POST ${path}).`, { vendor: VENDOR, method: 'POST', path });
    }
    const match = this.connectionKeyMatch(current);
    refuseConnectionKey(VENDOR, address, match, 'suspend', {
      allowConnectionKey: options.allowConnectionKey,
      evidence: match === 'unknown' ? 'none' : 'value',
      method: 'POST',
      path: '/signals/v1/key/update',
    });
    return { ...(await this.updateKey(address, 'suspend', 'suspended')), connectionKey: match !== 'no' };
  }

  /** POST /signals/v1/key/update `{email, action: "activate"}` — only a suspended key can be reactivated. */
  async reactivateKey(email: string): Promise<SmarteUpdatedKey> {
    return this.updateKey(email, 'activate', 'active');
  }

  private async updateKey(email: string, action: SmarteKeyAction, newStatus: string): Promise<SmarteUpdatedKey> {
    const address = requireEmail(VENDOR, 'email', email);
    const body = await this.http.call({
      method: 'POST',
      path: '/signals/v1/key/update',
      body: { email: address, action },
      schema: updateSchema,
      notFound: `key for ${address}`,
    });
    const message = body.message ? { message: body.message } : {};
    return body.data ? { ...body.data, ...message } : { email: address, status: newStatus, ...message };
  }
}
