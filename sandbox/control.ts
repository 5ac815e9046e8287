// The sandbox's own control API under `/_sandbox` (no auth): reset, faults, bulk key generation, a key's creation
// time, request counters and the rate-limit switch. The handle returned by startSandbox() offers the same as methods.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { faultSpecSchema, type FaultSpec } from './faults';
import type { SandboxCredentials } from './seed';
import { MAX_GENERATE, type SandboxState } from './state';
import type { Vendor } from './types';
import type { SmashsendGenerateOptions } from './vendors/smashsend';

export interface ControlPluginOptions {
  state: SandboxState;
  /** Known only once the server listens. */
  info: () => { url: string; baseUrls: Record<Vendor, string>; credentials: SandboxCredentials };
}

const countBody = (extra: Record<string, unknown> = {}) =>
  ({
    type: 'object',
    required: ['count'],
    additionalProperties: false,
    properties: { count: { type: 'integer', minimum: 1, maximum: MAX_GENERATE }, ...extra },
  }) as const;

/** Runs `work`; a RangeError (an option the state refuses) becomes a 400 naming the option. */
function badRequestOnRangeError<T>(reply: FastifyReply, work: () => T): T | FastifyReply {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: error.message });
  }
}

export async function controlPlugin(app: FastifyInstance, opts: ControlPluginOptions): Promise<void> {
  const { state } = opts;

  app.get('/', async () => ({ ...opts.info(), rateLimits: { enabled: state.rateLimits.enabled } }));

  app.post('/reset', async () => {
    state.reset();
    return { reset: true };
  });

  app.get('/faults', async () => ({ faults: state.faults.list() }));

  app.post<{ Body: FaultSpec }>('/faults', { schema: { body: faultSpecSchema } }, async (request, reply) => {
    return reply.code(201).send({ fault: state.faults.add(request.body) });
  });

  app.delete('/faults', async () => ({ cleared: state.faults.clear() }));

  app.post<{ Body: { count: number } & SmashsendGenerateOptions }>(
    '/smashsend/generate',
    {
      schema: {
        body: countBody({
          createdAt: { type: 'string', minLength: 1 },
          from: { type: 'string', minLength: 1 },
          stepMs: { type: 'integer' },
          burst: { type: 'integer', minimum: 1 },
        }),
      },
    },
    async (request, reply) => {
      const { count, ...opts } = request.body;
      return badRequestOnRangeError(reply, () => state.generateSmashsendKeys(count, opts));
    },
  );

  const createdAtBody = {
    type: 'object',
    required: ['createdAt'],
    additionalProperties: false,
    properties: { createdAt: { type: 'string', minLength: 1 } },
  } as const;
  const notFound = (reply: FastifyReply, what: string) =>
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `The sandbox has no ${what}` });

  app.put<{ Params: { apiKeyId: string }; Body: { createdAt: string } }>(
    '/smashsend/api-keys/:apiKeyId/created-at',
    { schema: { body: createdAtBody } },
    async (request, reply) => {
      const { apiKeyId } = request.params;
      return badRequestOnRangeError(
        reply,
        () => state.setSmashsendCreatedAt(apiKeyId, request.body.createdAt) ?? notFound(reply, `SMASHSEND API key ${apiKeyId}`),
      );
    },
  );

  app.put<{ Params: { apiKeyId: string }; Body: { status: 'ACTIVE' | 'ARCHIVED' } }>(
    '/smashsend/api-keys/:apiKeyId/status',
    {
      schema: {
        body: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ACTIVE', 'ARCHIVED'] } } },
      },
    },
    async (request, reply) =>
      state.setSmashsendStatus(request.params.apiKeyId, request.body.status) ??
      notFound(reply, `SMASHSEND API key ${request.params.apiKeyId}`),
  );

  app.put<{ Params: { id: string }; Body: { status: 'active' | 'inactive' } }>(
    '/smartlead/api-keys/:id/status',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9]+$' } } },
        body: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['active', 'inactive'] } } },
      },
    },
    async (request, reply) =>
      state.setSmartleadStatus(Number(request.params.id), request.body.status) ??
      notFound(reply, `SmartLead client API key ${request.params.id}`),
  );

  app.put<{ Params: { id: string }; Body: { createdAt: string } }>(
    '/smartlead/api-keys/:id/created-at',
    {
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9]+$' } } },
        body: createdAtBody,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return badRequestOnRangeError(
        reply,
        () => state.setSmartleadCreatedAt(Number(id), request.body.createdAt) ?? notFound(reply, `SmartLead client API key ${id}`),
      );
    },
  );

  app.post<{ Body: { count: number } }>('/smarte/generate', { schema: { body: countBody() } }, async (request) =>
    state.generateSmarteKeys(request.body.count),
  );

  app.get('/requests', async () => state.counts.snapshot());

  app.delete('/requests', async () => {
    state.counts.clear();
    return state.counts.snapshot();
  });

  app.get('/rate-limits', async () => ({ enabled: state.rateLimits.enabled }));

  app.put<{ Body: { enabled: boolean } }>(
    '/rate-limits',
    {
      schema: {
        body: { type: 'object', required: ['enabled'], additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
      },
    },
    async (request) => {
      state.rateLimits.enabled = request.body.enabled;
      state.rateLimits.clear();
      return { enabled: state.rateLimits.enabled };
    },
  );
}
