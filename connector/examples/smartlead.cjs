// SmartLead quick start (CommonJS): a client's keys: create, list active ones, reset (a new value), delete.
const { SmartLeadClient } = require('@keyring/connector');

async function main() {
  // SMARTLEAD_BASE_URL is for the sandbox or a test host: leave it unset for the real API.
  const smartlead = new SmartLeadClient(process.env.SMARTLEAD_API_KEY, { baseUrl: process.env.SMARTLEAD_BASE_URL });

  const [client] = await smartlead.listClients();
  console.log(`Client ${client.id}: ${client.name}`);

  const created = await smartlead.createClientApiKey({ clientId: client.id, keyName: 'Billing export' });
  // created.api_key is the full key value: hand it to your secret store now.
  console.log(`Created key ${created.id} "${created.key_name}", value ending in ${created.api_key.slice(-4)}`);

  const active = await smartlead.listClientApiKeys({ clientId: client.id, status: 'active' });
  console.log(`Active keys: ${active.map((key) => key.key_name).join(', ')}`);

  const reset = await smartlead.resetClientApiKey(created.id);
  console.log(`Reset key ${reset.id}: new value ending in ${reset.api_key.slice(-4)}`);

  await smartlead.deleteClientApiKey(created.id);
  console.log(`Deleted key ${created.id}`);
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 1;
});
