// Finds SMASHSEND API keys by display name (exact, ignoring case and surrounding spaces); no match is [], not an error.

import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { smashsendClient } from '../lib/clients';
import { startStepClock } from '../lib/stepClock';
import { withVendorErrors } from '../lib/errors';
import { presentSmashsendApiKey, smashsendApiKeyOutputFields, smashsendApiKeySample } from '../lib/smashsendFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';

const inputFields = defineInputFields([
  {
    key: 'displayName',
    label: 'Display Name',
    type: 'string',
    required: true,
    helpText:
      'The name of the key to find, e.g. "CRM Sync". Matches the whole name, ignoring upper/lower case and surrounding spaces. When several keys share the name, the newest comes first. The Secret Key found is SMASHSEND\'s own short hint (e.g. `sk_live_rdM4...`): a full value is shown only once, by the create and rotate steps.',
  },
]);

export const findSmashsendApiKey = defineSearch({
  key: 'find_smashsend_api_key',
  noun: 'API Key',
  display: {
    label: 'Find SMASHSEND API Key',
    description: "Finds an API key in your SMASHSEND workspace by its display name (its Secret Key is SMASHSEND's own short hint).",
  },
  operation: {
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const clock = startStepClock();
          // SMASHSEND has no name filter: the connector reads the list newest first and stops at the first page with a
          // match, or at the step's time budget (a clear error instead of Zapier killing the step at 30 s). It refuses a
          // blank name (or one longer than any key can have) before any request.
          const keys = await smashsendClient(z, bundle).findApiKeysByName(bundle.inputData.displayName, {
            deadline: clock.pagingDeadline(),
          });
          return keys.map((key) => presentSmashsendApiKey(key));
        },
        {
          fields: inputFields,
          timeBudgetAdvice:
            "No key with that name is among them; SMASHSEND cannot filter by name, so older keys could not be checked in time. Delete unused keys to shorten the list, or use the key's ID (aki_…) where a later step needs it.",
        },
      ),
    outputFields: [...smashsendApiKeyOutputFields],
    sample: smashsendApiKeySample,
  },
});
