// Run with node in a fresh project where the packed tarball is installed: the CommonJS build, required by name,
// against the sandbox (its base URLs and keys come from the environment). Prints one JSON line for the test.
const connector = require('@keyring/connector');
const { SmashsendClient, SmartLeadClient, SmarteClient, ConnectorError, NotFoundError } = connector;

async function main() {
  const smashsend = new SmashsendClient(process.env.SMASHSEND_API_KEY, { baseUrl: process.env.SMASHSEND_BASE_URL });
  const smartlead = new SmartLeadClient(process.env.SMARTLEAD_API_KEY, { baseUrl: process.env.SMARTLEAD_BASE_URL });
  const smarte = new SmarteClient(process.env.SMARTE_API_KEY, { baseUrl: process.env.SMARTE_BASE_URL });

  const check = await smashsend.checkApiKey();
  const clients = await smartlead.listClients();
  const keys = await smarte.listKeys();
  let notFound;
  try {
    await smartlead.resetClientApiKey(999999);
  } catch (error) {
    notFound = {
      name: error.name,
      kind: error.kind,
      isConnectorError: error instanceof ConnectorError,
      isNotFound: error instanceof NotFoundError,
    };
  }
  let internal;
  try {
    require('@keyring/connector/internal');
    internal = 'reachable';
  } catch (error) {
    internal = error.code;
  }
  console.log(
    JSON.stringify({
      exports: Object.keys(connector).sort(),
      smashsend: check.displayName,
      smartleadClients: clients.map((client) => client.name),
      smarteKeys: keys.length,
      notFound,
      internal,
    }),
  );
}

main().catch((error) => {
  console.error(error instanceof ConnectorError ? error.message : error);
  process.exitCode = 1;
});
