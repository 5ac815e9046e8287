// Hidden trigger behind the SMASHSEND "API Key" dropdowns: one page of 100 keys, newest first, secrets masked.

import { defineTrigger } from 'zapier-platform-core';
import { smashsendClient } from '../lib/clients';
import { startStepClock } from '../lib/stepClock';
import { withVendorErrors } from '../lib/errors';
import { presentSmashsendApiKey, smashsendApiKeyOutputFields, smashsendApiKeySample } from '../lib/smashsendFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';

export const smashsendApiKeyList = defineTrigger({
  key: 'smashsend_api_key_list',
  noun: 'API Key',
  display: {
    label: 'List SMASHSEND API Keys',
    description: 'Triggers when a new API key is created in your SMASHSEND workspace (hidden: it fills the API Key dropdowns).',
    hidden: true,
  },
  operation: {
    throttle: SMASHSEND_THROTTLE,
    type: 'polling',
    canPaginate: true,
    inputFields: [],
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          // Zapier asks for page 0, 1, 2, …; SMASHSEND pages by a `startAt` cursor, and z.cursor is not available
          // everywhere, so page n is reached by following the cursor from the start (n + 1 requests).
          const wanted = Math.max(0, Math.trunc(Number(bundle.meta?.page ?? 0)) || 0);
          // Far pages cost many requests: stop at the step's time budget with a clear error rather than be killed at 30 s.
          const deadline = startStepClock().pagingDeadline();
          let index = 0;
          for await (const page of smashsendClient(z, bundle).pages({ sort: 'createdAt.desc', deadline })) {
            if (index === wanted) return page.items.map((key) => presentSmashsendApiKey(key));
            index += 1;
          }
          return []; // past the last page
        },
        {
          timeBudgetAdvice: 'Type or map the API key ID (it starts with aki_) instead of picking it from the list.',
        },
      ),
    outputFields: [...smashsendApiKeyOutputFields],
    sample: smashsendApiKeySample,
  },
});
