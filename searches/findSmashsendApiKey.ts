// Finds SMASHSEND API keys by display name (exact, ignoring case and surrounding spaces); no match is [], not an error.

import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { InputError } from '../connector';
import { smashsendClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { includeSecretField, parseBoolean } from '../lib/secrets';
import { presentSmashsendApiKey, smashsendApiKeyOutputFields, smashsendApiKeySample } from '../lib/smashsend';

const inputFields = defineInputFields([
  {
    key: 'displayName',
    label: 'Display Name',
    type: 'string',
    required: true,
    helpText:
      'The name of the key to find, e.g. "CRM Sync". Matches the whole name, ignoring upper/lower case and surrounding spaces. When several keys share the name, the newest comes first.',
  },
  includeSecretField,
]);

/** How names are compared: trimmed, case-insensitive. */
function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export const findSmashsendApiKey = defineSearch({
  key: 'find_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'Find SMASHSEND API Key',
    description: 'Finds an API key in your SMASHSEND workspace by its display name.',
  },
  operation: {
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(z, async () => {
        const raw = bundle.inputData.displayName;
        const wanted = typeof raw === 'string' ? nameKey(raw) : '';
        if (wanted === '') throw new InputError('SMASHSEND', 'displayName', 'must not be empty');
        const includeSecret = parseBoolean(bundle.inputData.include_secret);
        // SMASHSEND has no name filter: read the list newest first and stop at the first page with a match.
        for await (const page of smashsendClient(z, bundle).pages({ sort: 'createdAt.desc' })) {
          const matches = page.items.filter((key) => nameKey(key.displayName) === wanted);
          if (matches.length > 0) return matches.map((key) => presentSmashsendApiKey(key, includeSecret));
        }
        return [];
      }),
    outputFields: [...smashsendApiKeyOutputFields],
    sample: smashsendApiKeySample,
  },
});
