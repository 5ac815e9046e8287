// The Zapier app definition: the connection and every trigger, create and search, in one object.

import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { authentication } from './authentication';
import packageJson from './package.json';
import { newSmashsendApiKey } from './triggers/newSmashsendApiKey';
import { createSmashsendApiKey } from './creates/createSmashsendApiKey';

export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication,
  flags: { skipThrowForStatus: true },
  triggers: {
    [newSmashsendApiKey.key]: newSmashsendApiKey,
  },
  creates: {
    [createSmashsendApiKey.key]: createSmashsendApiKey,
  },
  searches: {},
});
