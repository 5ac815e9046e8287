// Core's schema tools (what `zapier-platform validate` runs) ship no types: the two functions the tests use.
declare module 'zapier-platform-core/src/tools/schema' {
  export function prepareApp(app: unknown): unknown;
  export function validateApp(compiledApp: unknown): unknown[];
}
