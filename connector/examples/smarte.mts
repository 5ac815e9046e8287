// SMARTe signals quick start (TypeScript, ESM): a user's key: create, find, suspend, reactivate; then every key.
import { SmarteClient, type SmarteKey } from '@keyring/connector';

// SMARTE_BASE_URL is for the sandbox or a QA host (https://signals-qa.smarte.pro): leave it unset for the real API.
const smarte = new SmarteClient(process.env.SMARTE_API_KEY ?? '', { baseUrl: process.env.SMARTE_BASE_URL });
const email = 'new.hire@example.com';

const created = await smarte.createKey(email);
// created.apiKey is the full key value: hand it to the user (or your secret store) now.
console.log(`Created ${created.keyId} for ${created.email} (${created.status}), ending in ${created.apiKey.slice(-4)}`);

const found: SmarteKey | null = await smarte.findKeyByEmail(email);
console.log(`Found: ${found?.email} is ${found?.status}`);

const suspended = await smarte.suspendKey(email);
console.log(`Suspended: ${suspended.status}`);
const reactivated = await smarte.reactivateKey(email);
console.log(`Reactivated: ${reactivated.status}`);

const keys: SmarteKey[] = await smarte.listKeys();
console.log(`${keys.length} keys, ${keys.filter((key) => key.status === 'active').length} active`);
