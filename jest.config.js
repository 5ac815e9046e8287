/** Jest runs the TypeScript sources directly (ts-jest); `npm test` runs it under the project's Node 22. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The connector workspace by its package name, from source (as tsconfig paths and esbuild resolve it).
  moduleNameMapper: {
    '^@keyring/connector$': '<rootDir>/connector/src/index.ts',
    '^@keyring/connector/internal$': '<rootDir>/connector/src/internal.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/build/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup/isolateHttp.ts'],
  // core's memory checker exits a process that made over 250 app calls with RSS above 450 MB: recycle workers first.
  workerIdleMemoryLimit: '300MB',
  testTimeout: 20000,
};
