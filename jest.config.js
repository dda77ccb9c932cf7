/**
 * One jest run covers every tier; the tier is in the file suffix (`.unit.test.ts`,
 * `.integration.test.ts`, `.e2e.test.ts`). The global set-up starts the embedded PostgreSQL the
 * tests run on (or uses TEST_DATABASE_URL); every test file gets the project's own matchers
 * (tests/support/matchers.ts). Plain JavaScript so that jest needs no TypeScript loader to read it.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  setupFilesAfterEnv: ['<rootDir>/tests/support/matchers.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
