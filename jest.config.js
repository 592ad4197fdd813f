/**
 * Four projects in one run (`npm test`), or one at a time (`npm run test:unit`, `test:medium`,
 * `test:contract`, `test:e2e`, or `jest --selectProjects <name>`):
 * - unit: pure logic; no global setup, so no JVM and no Neo4j. Runs in seconds.
 * - medium: real services over a temp SQLite file, no HTTP; no global setup either.
 * - contract: the store contract on SQLite and Neo4j, and integration tests (CLIs, import, copy).
 * - e2e: the real server over HTTP (and as a child process), on both stores.
 * contract and e2e share one global setup (jest runs it once): a Neo4j test server per worker.
 *
 * Workers: two by default (both cores of the reference machine busy); each has its own temp
 * SQLite files and its own Neo4j (test/support/neo4j-test-server.ts). `-i` runs in band with one.
 * `npm run test:neo4j:start` keeps warm test servers running between runs (much less CPU per run);
 * `npm run test:alone` runs every file on its own; `npm run test:random` shuffles the tests.
 * `npm test` starts jest with node's --max-semi-space-size=64 (workers inherit it): fewer young-
 * generation collections, 6-9% less CPU measured on the bad-input suite's SQLite half.
 *
 * @swc/jest only transpiles (test/support/swc.config.js: tsconfig.json's options, file by file, in
 * native code); types are checked once by `npm run typecheck`.
 */
const SWC = require('./test/support/swc.config');

const common = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', SWC] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

const withNeo4j = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.spec.ts'],
    },
    {
      ...common,
      ...withNeo4j,
      displayName: 'contract',
      testMatch: [
        '<rootDir>/test/contract/**/*.spec.ts',
        '<rootDir>/test/integration/**/*.spec.ts',
      ],
    },
    {
      ...common,
      ...withNeo4j,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
    },
  ],
};
