// A plain Node process for the benchmark's connector section: the connector with its default fetch transport, next
// to a bare fetch, and nothing of Zapier loaded. Driven over IPC by bench/sections/connector.ts, which re-seeds the
// sandbox between runs; this process only times one call at a time and sends back how long it took.

import { SmarteClient, SmartLeadClient, SmashsendClient, fetchTransport, type ClientOptions } from '@keyring/connector';
import {
  forgetConnectionKeyIds,
  httpViaFetch,
  OPERATIONS,
  type ConnectorClients,
  type Credentials,
  type Endpoints,
} from './lib/operations';

/** The connector with its default transport (node:http(s)), the connector with its fetch transport, a bare fetch. */
export type ConnectorWay = 'connector' | 'connectorFetch' | 'fetch';

/** From the parent: run OPERATIONS[index] one way. */
export interface ConnectorJob {
  index: number;
  way: ConnectorWay;
  auth: Partial<Credentials>;
  urls: Endpoints;
}

/** To the parent: the call's time, or why it failed; `zapierLoaded` proves the process stayed plain Node. */
export type ConnectorReply = { ok: true; ms: number; zapierLoaded: boolean } | { ok: false; error: string };

const http = httpViaFetch(globalThis.fetch);

async function run(job: ConnectorJob): Promise<ConnectorReply> {
  const spec = OPERATIONS[job.index];
  if (!spec) return { ok: false, error: `no operation ${job.index}` };
  const context = { urls: job.urls, auth: job.auth as Credentials, input: spec.input ?? {} };
  const start = performance.now();
  if (job.way === 'fetch') {
    // The connector's clients are built per call below, so they learn the connection key's id per call: so does this.
    forgetConnectionKeyIds();
    await spec.baseline(http, context);
  } else {
    // A user's code builds its client and calls it: both are timed (construction checks the key and the base URL).
    // Only the clients the operation uses are built, once each.
    const { smashsend_api_key = '', smashsend_workspace_id, smartlead_api_key = '', smarte_api_key = '' } = job.auth;
    const transport: ClientOptions = job.way === 'connectorFetch' ? { transport: fetchTransport } : {};
    const made: Partial<ConnectorClients> = {};
    const clients: ConnectorClients = {
      get smashsend() {
        return (made.smashsend ??= new SmashsendClient(smashsend_api_key, {
          baseUrl: job.urls.smashsend,
          workspaceId: smashsend_workspace_id,
          ...transport,
        }));
      },
      get smartlead() {
        return (made.smartlead ??= new SmartLeadClient(smartlead_api_key, { baseUrl: job.urls.smartlead, ...transport }));
      },
      get smarte() {
        return (made.smarte ??= new SmarteClient(smarte_api_key, { baseUrl: job.urls.smarte, ...transport }));
      },
    };
    await spec.connector(clients, context);
  }
  const ms = performance.now() - start;
  const zapierLoaded = Object.keys(require.cache).some((file) => file.includes('zapier-platform-'));
  return { ok: true, ms, zapierLoaded };
}

process.on('message', (job: ConnectorJob) => {
  run(job).then(
    (reply) => process.send?.(reply),
    (error: unknown) =>
      process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) } satisfies ConnectorReply),
  );
});
process.send?.({ ready: true });
