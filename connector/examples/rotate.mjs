// Rotating a SMASHSEND key: a twin with the same name and role is created and checked with its own secret, then the
// old key is deleted (or kept for an overlap with { deleteOldKey: false }). Once the twin exists the result always
// comes back with its secret; what happened to the old key is a fact in the result, not an exception.
import { SmashsendClient, rotateSmashsendApiKey } from '@keyring/connector';

const smashsend = new SmashsendClient(process.env.SMASHSEND_API_KEY, { baseUrl: process.env.SMASHSEND_BASE_URL });

const rotation = await rotateSmashsendApiKey(smashsend, 'aki_abc123def456');
// rotation.newKey.secretKey is the new secret, shown only this once: hand it to your secret store now.
console.log(`New key ${rotation.newKey.id} "${rotation.newKey.displayName}" (${rotation.newKey.role}), check: ${rotation.newKeyCheck}`);
console.log(`Old key ${rotation.oldKey.id}: ${rotation.oldKeyOutcome}`);
