// Timeouts: every request gives up after `timeoutMs` (10 s by default) with a NetworkError whose reason is 'timeout'.
import { NetworkError, SmartLeadClient } from '@keyring/connector';

const smartlead = new SmartLeadClient(process.env.SMARTLEAD_API_KEY, { baseUrl: process.env.SMARTLEAD_BASE_URL, timeoutMs: 2_000 });

try {
  const clients = await smartlead.listClients();
  console.log(`${clients.length} clients`);
} catch (error) {
  if (!(error instanceof NetworkError)) throw error;
  // Nothing came back: for a read, trying again later is safe (error.retryable is true).
  console.log(`No answer (${error.reason}); retryable: ${error.retryable}`);
}
