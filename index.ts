// The Zapier app definition: the connection and every trigger, create and search, in one object.

import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { authentication } from './authentication';
import packageJson from './package.json';
import { newSmashsendApiKey } from './triggers/newSmashsendApiKey';
import { createSmashsendApiKey } from './creates/createSmashsendApiKey';
import { smashsendApiKeyList } from './triggers/smashsendApiKeyList';
import { updateSmashsendApiKey } from './creates/updateSmashsendApiKey';
import { deleteSmashsendApiKey } from './creates/deleteSmashsendApiKey';
import { rotateSmashsendApiKey } from './creates/rotateSmashsendApiKey';
import { findSmashsendApiKey } from './searches/findSmashsendApiKey';
import { newSmarteApiKey } from './triggers/newSmarteApiKey';
import { smarteApiKeyList } from './triggers/smarteApiKeyList';
import { createSmarteApiKey } from './creates/createSmarteApiKey';
import { suspendSmarteApiKey } from './creates/suspendSmarteApiKey';
import { reactivateSmarteApiKey } from './creates/reactivateSmarteApiKey';
import { findSmarteApiKey } from './searches/findSmarteApiKey';
import { smartleadClientList } from './triggers/smartleadClientList';
import { smartleadClientApiKeyList } from './triggers/smartleadClientApiKeyList';
import { newSmartleadClientApiKey } from './triggers/newSmartleadClientApiKey';
import { createSmartleadClientApiKey } from './creates/createSmartleadClientApiKey';
import { resetSmartleadClientApiKey } from './creates/resetSmartleadClientApiKey';
import { deleteSmartleadClientApiKey } from './creates/deleteSmartleadClientApiKey';
import { findSmartleadClientApiKey } from './searches/findSmartleadClientApiKey';
import { apiKeyReachedAge } from './triggers/apiKeyReachedAge';
import { auditApiKeys } from './creates/auditApiKeys';
import { apiKeyStatusChanged } from './triggers/apiKeyStatusChanged';
import { findApiKeyBySecret } from './searches/findApiKeyBySecret';
import { revokeLeakedApiKey } from './creates/revokeLeakedApiKey';
import { checkBaseUrlSettings } from './lib/settings';

// A bad *_BASE_URL stops the app here, when it loads, before any step could send a key in clear over the network.
checkBaseUrlSettings();

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  flags: { skipThrowForStatus: true },
  triggers: {
    [newSmashsendApiKey.key]: newSmashsendApiKey,
    [smashsendApiKeyList.key]: smashsendApiKeyList,
    [newSmarteApiKey.key]: newSmarteApiKey,
    [smarteApiKeyList.key]: smarteApiKeyList,
    [smartleadClientList.key]: smartleadClientList,
    [smartleadClientApiKeyList.key]: smartleadClientApiKeyList,
    [newSmartleadClientApiKey.key]: newSmartleadClientApiKey,
    [apiKeyReachedAge.key]: apiKeyReachedAge,
    [apiKeyStatusChanged.key]: apiKeyStatusChanged,
  },
  creates: {
    [createSmashsendApiKey.key]: createSmashsendApiKey,
    [updateSmashsendApiKey.key]: updateSmashsendApiKey,
    [deleteSmashsendApiKey.key]: deleteSmashsendApiKey,
    [rotateSmashsendApiKey.key]: rotateSmashsendApiKey,
    [createSmarteApiKey.key]: createSmarteApiKey,
    [suspendSmarteApiKey.key]: suspendSmarteApiKey,
    [reactivateSmarteApiKey.key]: reactivateSmarteApiKey,
    [createSmartleadClientApiKey.key]: createSmartleadClientApiKey,
    [resetSmartleadClientApiKey.key]: resetSmartleadClientApiKey,
    [deleteSmartleadClientApiKey.key]: deleteSmartleadClientApiKey,
    [auditApiKeys.key]: auditApiKeys,
    [revokeLeakedApiKey.key]: revokeLeakedApiKey,
  },
  searches: {
    [findSmashsendApiKey.key]: findSmashsendApiKey,
    [findSmarteApiKey.key]: findSmarteApiKey,
    [findSmartleadClientApiKey.key]: findSmartleadClientApiKey,
    [findApiKeyBySecret.key]: findApiKeyBySecret,
  },
  searchOrCreates: {
    // Zapier requires a search-or-create's own key to be its search's key.
    find_or_create_smashsend_api_key: {
      key: findSmashsendApiKey.key,
      display: {
        label: 'Find or Create SMASHSEND API Key',
        description: 'Finds a SMASHSEND API key by display name, or creates one if none exists.',
      },
      search: findSmashsendApiKey.key,
      create: createSmashsendApiKey.key,
    },
    find_or_create_smarte_api_key: {
      key: findSmarteApiKey.key,
      display: {
        label: 'Find or Create SMARTe API Key',
        description: "Finds a user's SMARTe signals API key by email, or creates one if none exists.",
      },
      search: findSmarteApiKey.key,
      create: createSmarteApiKey.key,
    },
    find_or_create_smartlead_client_api_key: {
      key: findSmartleadClientApiKey.key,
      display: {
        label: 'Find or Create SmartLead Client API Key',
        description: 'Finds a SmartLead client API key by name, or creates one for the client if none exists.',
      },
      search: findSmartleadClientApiKey.key,
      create: createSmartleadClientApiKey.key,
    },
  },
});
