// SMARTe signals keys at `/signals/v1`: view (all or one), create, suspend/activate. All POST with a JSON body and
// an admin `Api-Key` header. Errors: `{error: {code, message, status}}`. A second key for an email answers 409;
// admin keys cannot be suspended (400); a standard key on these endpoints answers 403.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newSmarteApiKey, newUuid } from '../random';
import { SMARTE_SEED } from '../seed';
import type { SmarteKey } from '../types';
import { describeFastifyError, requestPath, singleHeader } from './common';

/** Where SMARTe's routes live on the sandbox's origin (as on signals.smarte.pro). */
export const SMARTE_ROOT = '/signals/v1';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  415: 'unsupported_media_type',
  429: 'rate_limit_exceeded',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  401: 'Invalid or missing Api-Key',
  403: 'This endpoint requires an admin API key',
  404: 'Not found',
  429: 'Rate limit exceeded for your organisation. Please retry later.',
  500: 'Internal server error',
};

export interface SmarteErrorBody {
  error: { code: string; message: string; status: number };
}

export const smarteErrorBody = (status: number, message?: string): SmarteErrorBody => ({
  error: {
    code: CODES[status] ?? (status >= 500 ? 'server_error' : 'error'),
    message: message ?? DEFAULT_MESSAGES[status] ?? `Request failed with status ${status}`,
    status,
  },
});

/** Loose "looks like an email" check: something@something.tld, no spaces. */
const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export class SmarteStore {
  keys: SmarteKey[] = [];
  private generated = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.keys = structuredClone(SMARTE_SEED).keys;
    this.generated = 0;
  }

  /** Emails match case-insensitively. */
  findByEmail(email: string): SmarteKey | undefined {
    return this.keys.find((k) => sameEmail(k.email, email));
  }

  findByApiKey(apiKey: string): SmarteKey | undefined {
    return this.keys.find((k) => k.apiKey === apiKey);
  }

  create(email: string): SmarteKey {
    const key: SmarteKey = { keyId: newUuid(), email, role: 'standard', status: 'active', apiKey: newSmarteApiKey() };
    this.keys.push(key);
    return key;
  }

  /** Adds `count` standard keys for `generated.userNNNNN@sandbox.smarte.pro` (numbering continues across calls). */
  generate(count: number): SmarteKey[] {
    const made: SmarteKey[] = [];
    for (let i = 0; i < count; i += 1) {
      this.generated += 1;
      made.push(this.create(`generated.user${String(this.generated).padStart(5, '0')}@sandbox.smarte.pro`));
    }
    return made;
  }
}

export interface SmartePluginOptions {
  store: SmarteStore;
}

interface ViewBody {
  email?: string;
}
interface CreateBody {
  email: string;
}
interface UpdateBody {
  email: string;
  action: 'suspend' | 'activate' | 'active';
}

const send = (reply: FastifyReply, status: number, message?: string): FastifyReply =>
  reply.code(status).send(smarteErrorBody(status, message));

export async function smartePlugin(app: FastifyInstance, opts: SmartePluginOptions): Promise<void> {
  const { store } = opts;

  app.setErrorHandler((error, request, reply) => {
    const { status, message } = describeFastifyError(error);
    if (status >= 500) request.log.error(error);
    return send(reply, status, message);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const presented = singleHeader(request, 'api-key');
    const key = presented === undefined ? undefined : store.findByApiKey(presented);
    if (!key || key.status !== 'active') return send(reply, 401);
    if (key.role !== 'admin') return send(reply, 403);
    return undefined;
  });

  // The docs send `{}` for "all keys"; a request with no body at all is read the same way.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) request.body = {};
  });

  app.setNotFoundHandler((request, reply) => send(reply, 404, `Cannot ${request.method} ${requestPath(request)}`));

  app.post<{ Body: ViewBody }>(
    '/key/view',
    { schema: { body: { type: 'object', properties: { email: { type: 'string' } } } } },
    async (request, reply) => {
      const { email } = request.body;
      if (email === undefined) return { message: 'Key details fetched successfully', data: store.keys };
      const key = store.findByEmail(email);
      if (!key) return send(reply, 404, `No API key found for ${email}`);
      return { message: 'Key details fetched successfully', data: key };
    },
  );

  app.post<{ Body: CreateBody }>(
    '/key/createsignalapikey',
    {
      schema: {
        body: { type: 'object', required: ['email'], properties: { email: { type: 'string', pattern: EMAIL_PATTERN } } },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      if (store.findByEmail(email)) return send(reply, 409, `An API key already exists for ${email}`);
      return { message: 'Key generated successfully', data: store.create(email) };
    },
  );

  app.post<{ Body: UpdateBody }>(
    '/key/update',
    {
      schema: {
        body: {
          type: 'object',
          required: ['email', 'action'],
          properties: {
            email: { type: 'string' },
            action: { type: 'string', enum: ['suspend', 'activate', 'active'] },
          },
        },
      },
    },
    async (request, reply) => {
      const { email, action } = request.body;
      const key = store.findByEmail(email);
      if (!key) return send(reply, 404, `No API key found for ${email}`);
      if (action === 'suspend') {
        if (key.role === 'admin') return send(reply, 400, 'Admin keys cannot be suspended');
        if (key.status === 'suspended') return send(reply, 400, 'Key is already suspended');
        key.status = 'suspended';
        return { message: 'Key suspended successfully', data: key };
      }
      if (key.status !== 'suspended') return send(reply, 400, 'Only suspended keys can be reactivated');
      key.status = 'active';
      return { message: 'Key activated successfully', data: key };
    },
  );
}
