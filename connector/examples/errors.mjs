// Errors: every failure is a ConnectorError with facts to act on: kind (and reason), vendor, HTTP status, the vendor's
// own message, method and path, retryable. Bad input is refused before any request, naming the field.
import { ConnectorError, InputError, SmashsendClient } from '@keyring/connector';

const smashsend = new SmashsendClient('sk_live_revoked_or_mistyped_key', {
  baseUrl: process.env.SMASHSEND_BASE_URL,
  workspaceId: 'wrk_example',
});

try {
  await smashsend.checkApiKey();
} catch (error) {
  if (!(error instanceof ConnectorError)) throw error;
  console.log(`${error.name}: ${error.kind} (${error.status} on ${error.method} ${error.path}), retryable: ${error.retryable}`);
  console.log(`${error.vendor} said: ${error.vendorMessage}`);
}

try {
  await smashsend.deleteApiKey('../another-workspace');
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.log(`Refused before sending: ${error.field} ${error.rule}`);
}
