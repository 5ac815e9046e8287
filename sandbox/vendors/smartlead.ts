// SmartLead client API keys at `/api/v1`: clients list, and list/create/reset/delete of client keys.
// Auth: `?api_key=` — the account key everywhere; a client's own key (active, current value) only on the campaign
// list, the one client-scoped route, so a test can prove a created key works and stops working once reset or deleted.
// Errors: `{"message": "…"}`. Unknown clientId on create answers 404 `Client not found`.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newSmartleadClientKey } from '../random';
import type { RateLimits } from '../rateLimit';
import { SANDBOX_CREDENTIALS, SMARTLEAD_SEED } from '../seed';
import type { SmartleadClient, SmartleadClientApiKey, SmartleadKeyStatus } from '../types';
import { describeFastifyError, requestPath, singleQueryValue } from './common';

/** Where SmartLead's routes live on the sandbox's origin (as on server.smartlead.ai). */
export const SMARTLEAD_ROOT = '/api/v1';

/** Letters, digits, spaces, hyphens, underscores; at least one character. */
const KEY_NAME_PATTERN = /^[A-Za-z0-9 _-]+$/;

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Invalid or missing API key',
  403: 'Forbidden',
  404: 'Not found',
  422: 'Validation failed',
  429: 'Rate limit exceeded. Please slow down.',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

export const smartleadErrorBody = (status: number, message?: string): { message: string } => ({
  message: message ?? DEFAULT_MESSAGES[status] ?? `Request failed with status ${status}`,
});

export interface SmartleadKeyFilter {
  clientId?: number;
  status?: SmartleadKeyStatus;
  keyName?: string;
}

export class SmartleadStore {
  clients: SmartleadClient[] = [];
  keys: SmartleadClientApiKey[] = [];
  private nextKeyId = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    const seed = structuredClone(SMARTLEAD_SEED);
    this.clients = seed.clients;
    this.keys = seed.keys;
    this.nextKeyId = seed.nextKeyId;
  }

  /** Keys in id order; `keyName` is a case-insensitive substring match. */
  listKeys(filter: SmartleadKeyFilter): SmartleadClientApiKey[] {
    const needle = filter.keyName?.toLowerCase();
    return this.keys
      .filter(
        (k) =>
          (filter.clientId === undefined || k.client_id === filter.clientId) &&
          (filter.status === undefined || k.status === filter.status) &&
          (needle === undefined || k.key_name.toLowerCase().includes(needle)),
      )
      .sort((a, b) => a.id - b.id);
  }

  /** Undefined when the client does not exist. */
  createKey(clientId: number, keyName: string): SmartleadClientApiKey | undefined {
    if (!this.clients.some((c) => c.id === clientId)) return undefined;
    const key: SmartleadClientApiKey = {
      id: this.nextKeyId++,
      client_id: clientId,
      key_name: keyName,
      api_key: newSmartleadClientKey(),
      status: 'active',
      created_at: new Date().toISOString(),
    };
    this.keys.push(key);
    return key;
  }

  resetKey(id: number): SmartleadClientApiKey | undefined {
    const key = this.keys.find((k) => k.id === id);
    if (key) key.api_key = newSmartleadClientKey();
    return key;
  }

  /** The client key a secret authenticates: an existing, active key whose current value it is. */
  findActiveKeyBySecret(secret: string): SmartleadClientApiKey | undefined {
    return this.keys.find((k) => k.api_key === secret && k.status === 'active');
  }

  /** Re-dates a key (control API, to test ages); undefined when there is no such key. */
  setCreatedAt(id: number, createdAt: string): SmartleadClientApiKey | undefined {
    const key = this.keys.find((k) => k.id === id);
    if (key) key.created_at = new Date(Date.parse(createdAt)).toISOString();
    return key;
  }

  deleteKey(id: number): SmartleadClientApiKey | undefined {
    const key = this.keys.find((k) => k.id === id);
    if (key) this.keys = this.keys.filter((k) => k !== key);
    return key;
  }
}

export interface SmartleadPluginOptions {
  store: SmartleadStore;
  rateLimits: RateLimits;
}

interface ListQuery {
  api_key?: string;
  clientId?: string;
  status?: SmartleadKeyStatus;
  keyName?: string;
}
interface CreateBody {
  clientId: number;
  keyName: string;
}
interface IdParams {
  id: string;
}

const idParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]+$' } },
} as const;

/** Per-route settings: `clientKeys` lets a client's own API key in as well as the account key. */
interface RouteConfig {
  clientKeys?: boolean;
}

const send = (reply: FastifyReply, status: number, message?: string): FastifyReply =>
  reply.code(status).send(smartleadErrorBody(status, message));

const keyNotFound = (reply: FastifyReply): FastifyReply => send(reply, 404, 'Client API key not found');

export async function smartleadPlugin(app: FastifyInstance, opts: SmartleadPluginOptions): Promise<void> {
  const { store, rateLimits } = opts;

  app.setErrorHandler((error, request, reply) => {
    const { status, message } = describeFastifyError(error);
    if (status >= 500) request.log.error(error);
    return send(reply, status, message);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const apiKey = singleQueryValue(request, 'api_key');
    const clientKeysWelcome = (request.routeOptions.config as RouteConfig | undefined)?.clientKeys === true;
    const known =
      apiKey !== undefined &&
      (apiKey === SANDBOX_CREDENTIALS.smartleadApiKey || (clientKeysWelcome && store.findActiveKeyBySecret(apiKey) !== undefined));
    if (!known) return send(reply, 401);
    const decision = rateLimits.take('smartlead', apiKey);
    if (!decision.allowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      return send(reply, 429, `Rate limit exceeded. Please retry after ${decision.retryAfterSeconds} seconds.`);
    }
    return undefined;
  });

  app.setNotFoundHandler((request, reply) => send(reply, 404, `Cannot ${request.method} ${requestPath(request)}`));

  // A client's campaigns (none in the sandbox): a bare array, as SmartLead's list endpoints answer. The account key
  // and any active client key may read it.
  app.get('/campaigns', { config: { clientKeys: true } satisfies RouteConfig }, async () => []);

  // The clients list is a bare array, not wrapped in {ok, data}.
  app.get('/client', async () => store.clients);

  app.get<{ Querystring: ListQuery }>(
    '/client/api-key',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            api_key: { type: 'string' },
            clientId: { type: 'string', pattern: '^[0-9]+$' },
            status: { type: 'string', enum: ['active', 'inactive'] },
            keyName: { type: 'string' },
          },
        },
      },
    },
    async (request) => {
      const { clientId, status, keyName } = request.query;
      const data = store.listKeys({
        clientId: clientId === undefined ? undefined : Number(clientId),
        status,
        keyName: keyName === '' ? undefined : keyName,
      });
      return { ok: true, data };
    },
  );

  app.post<{ Body: CreateBody }>(
    '/client/api-key',
    {
      schema: {
        body: {
          type: 'object',
          required: ['clientId', 'keyName'],
          properties: { clientId: { type: 'integer' }, keyName: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const { clientId, keyName } = request.body;
      if (!KEY_NAME_PATTERN.test(keyName)) {
        return send(reply, 422, 'keyName must be non-empty and contain only letters, numbers, spaces, hyphens and underscores');
      }
      const key = store.createKey(clientId, keyName);
      if (!key) return send(reply, 404, 'Client not found');
      return { ok: true, data: key };
    },
  );

  app.put<{ Params: IdParams }>('/client/api-key/reset/:id', { schema: { params: idParamsSchema } }, async (request, reply) => {
    const key = store.resetKey(Number(request.params.id));
    return key ? { ok: true, data: key } : keyNotFound(reply);
  });

  app.delete<{ Params: IdParams }>('/client/api-key/:id', { schema: { params: idParamsSchema } }, async (request, reply) => {
    const key = store.deleteKey(Number(request.params.id));
    return key ? { ok: true, data: key } : keyNotFound(reply);
  });
}
