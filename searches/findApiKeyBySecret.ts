// Finds the API key a leaked secret belongs to, across the connection's vendors: which vendor and key it is, whether it
// still works, whether it is this connection's own, and whether this connection can revoke it. No vendor knows it: [].

import { defineInputFields, defineSearch } from 'zapier-platform-core';
import { identifySecret } from '@keyring/connector';
import { withVendorErrors } from '../lib/errors';
import { ALL_VENDORS, chosenVendors, vendorsField } from '../lib/hygieneFields';
import { SMASHSEND_THROTTLE } from '../lib/limits';
import { identifiedKeyOutputFields, identifiedKeyRow, identifiedKeySample, leakClients, secretField, secretOf } from '../lib/leakFields';

const inputFields = defineInputFields([
  secretField,
  vendorsField(
    ALL_VENDORS,
    "Only look at these vendors. Leave blank to look at every vendor of this connection (the secret's shape decides the order).",
  ),
]);

export const findApiKeyBySecret = defineSearch({
  key: 'find_api_key_by_secret',
  noun: 'API Key',
  display: {
    label: 'Find API Key by Secret',
    description: 'Finds which API key a leaked secret is, at SMASHSEND, SmartLead or SMARTe, and whether it still works.',
  },
  operation: {
    throttle: SMASHSEND_THROTTLE,
    inputFields,
    perform: async (z, bundle) =>
      withVendorErrors(
        z,
        bundle,
        async () => {
          const secret = secretOf(bundle);
          const vendors = chosenVendors(
            z,
            bundle,
            ALL_VENDORS,
            'Find API Key by Secret needs at least one vendor API key in this connection: reconnect and add one.',
          );
          const key = await identifySecret(leakClients(z, bundle, vendors), secret, { vendors });
          return key === null ? [] : [identifiedKeyRow(key)];
        },
        { fields: inputFields, secretInput: true },
      ),
    outputFields: [...identifiedKeyOutputFields],
    sample: identifiedKeySample,
  },
});
