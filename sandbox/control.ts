// The sandbox's own control API under `/_sandbox` (no auth): reset, faults, bulk key generation, request counters
// and the rate-limit switch. The handle returned by startSandbox() offers the same as methods.

import type { FastifyInstance } from 'fastify';
import { faultSpecSchema, type FaultSpec } from './faults';
import type { SandboxCredentials } from './seed';
import { MAX_GENERATE, type SandboxState } from './state';
import type { Vendor } from './types';

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

  app.post<{ Body: { count: number; createdAt?: string } }>(
    '/smashsend/generate',
    { schema: { body: countBody({ createdAt: { type: 'string', minLength: 1 } }) } },
    async (request, reply) => {
      const { count, createdAt } = request.body;
      if (createdAt !== undefined && Number.isNaN(Date.parse(createdAt))) {
        return reply.code(400).send({ statusCode: 400, error: 'Bad Request', message: 'createdAt must be an ISO date' });
      }
      return state.generateSmashsendKeys(count, createdAt);
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
