// SMASHSEND quick start (ESM): check the key, create a key, list every key page by page, delete the new key.
import { SmashsendClient } from '@keyring/connector';

// The workspace is found from the key (one extra call); pass { workspaceId } to skip it.
// SMASHSEND_BASE_URL is for the sandbox or a test host: leave it unset for the real API.
const smashsend = new SmashsendClient(process.env.SMASHSEND_API_KEY, { baseUrl: process.env.SMASHSEND_BASE_URL });

const check = await smashsend.checkApiKey();
console.log(`Connected with "${check.displayName}" (${check.role})`);

const created = await smashsend.createApiKey({ displayName: 'Billing export', role: 'API_USER' });
// created.secretKey is the full secret, shown only this once: hand it to your secret store now.
console.log(`Created ${created.id} "${created.displayName}", secret ending in ${created.secretKey.slice(-4)}`);

// Every key, following the startAt cursor (100 a page).
for await (const key of smashsend.allApiKeys()) {
  console.log(`${key.id}  ${key.role.padEnd(8)}  ${key.displayName}`);
}

const deleted = await smashsend.deleteApiKey(created.id);
console.log(`Deleted ${deleted.id}: ${deleted.isDeleted}`);
