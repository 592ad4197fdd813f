/**
 * The browser suite (`npm run test:browser`): the built explorer (dist/web) served by the real
 * server over a temp SQLite file, driven by Debian's chromium through playwright-core. Kept out
 * of jest.config.js so `npm run test:unit` and the Neo4j projects never wait for a browser; one
 * worker, one server and one browser for the whole suite. `npm test` runs it beside jest's own
 * workers (after the type checks and the explorer's build), on a CPU they keep busy: the axe test
 * (~20 s alone) took over a minute there on a loaded machine, hence the longer timeout.
 */
const SWC = require('./test/support/swc.config');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', SWC] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'],
  maxWorkers: 1,
  testTimeout: 180000,
};
