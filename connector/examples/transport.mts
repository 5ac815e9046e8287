// A custom transport (TypeScript): every request goes through one function you give the client, here a wrapper
// around the default transport (node:http(s)) that logs each call's method, path, status and time (never the query:
// SmartLead's key is in it, nor headers or bodies: they hold keys and secrets).
import { SmartLeadClient, httpTransport, type Transport } from '@keyring/connector';

const loggingTransport: Transport = async (request) => {
  const started = performance.now();
  const path = new URL(request.url).pathname;
  try {
    const response = await httpTransport(request);
    console.log(`${request.method} ${path} -> ${response.status} (${Math.round(performance.now() - started)} ms)`);
    return response;
  } catch (error) {
    // A transport rejects only when no answer came (timeout, refused, reset): the client makes it a NetworkError.
    console.log(`${request.method} ${path} -> no answer`);
    throw error;
  }
};

const smartlead = new SmartLeadClient(process.env.SMARTLEAD_API_KEY ?? '', {
  baseUrl: process.env.SMARTLEAD_BASE_URL,
  transport: loggingTransport,
});
const keys = await smartlead.listClientApiKeys({ status: 'active' });
console.log(`${keys.length} active keys`);
