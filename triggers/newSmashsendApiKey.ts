// Triggers when a new API key appears in the connected SMASHSEND workspace: one request for the newest 100 keys.

import { defineTrigger } from 'zapier-platform-core';
import { smashsendClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import {
  presentSmashsendApiKey,
  smashsendKeysNewestFirst,
  smashsendApiKeyOutputFields,
  smashsendApiKeySample,
} from '../lib/smashsendFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';

export const newSmashsendApiKey = defineTrigger({
  key: 'new_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'New SMASHSEND API Key',
    description: 'Triggers when a new API key is created in your SMASHSEND workspace.',
  },
  operation: {
    throttle: SMASHSEND_THROTTLE,
    type: 'polling',
    inputFields: [],
    perform: async (z, bundle) =>
      withVendorErrors(z, bundle, async () => {
        const page = await smashsendClient(z, bundle).listApiKeys({ limit: 100, sort: 'createdAt.desc' });
        // Newest first by createdAt even if SMASHSEND ignored `sort`: Zapier expects polling results newest first.
        return smashsendKeysNewestFirst(page.items).map((key) => presentSmashsendApiKey(key));
      }),
    outputFields: [...smashsendApiKeyOutputFields],
    sample: smashsendApiKeySample,
  },
});
