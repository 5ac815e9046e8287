// Hidden trigger behind every SmartLead "Client" dropdown: the account's clients, in SmartLead's order.

import { defineTrigger } from 'zapier-platform-core';
import { smartleadClient } from '../lib/clients';
import { withVendorErrors } from '../lib/errors';
import { asPollingItems, smartleadClientOutputFields, smartleadClientSample } from '../lib/smartleadFields';
import { SMARTLEAD_THROTTLE } from '../lib/limits';

export const smartleadClientList = defineTrigger({
  key: 'smartlead_client_list',
  noun: 'Client',
  display: {
    label: 'SmartLead Clients',
    description: 'Triggers when a new client is added to your SmartLead account (hidden: it fills the Client dropdowns).',
    hidden: true,
  },
  operation: {
    throttle: SMARTLEAD_THROTTLE,
    type: 'polling',
    inputFields: [],
    perform: async (z, bundle) => withVendorErrors(z, bundle, async () => asPollingItems(await smartleadClient(z, bundle).listClients())),
    outputFields: [...smartleadClientOutputFields],
    sample: smartleadClientSample,
  },
});
