#!/usr/bin/env node
/**
 * Long-lived Neo4j test servers for a developer's day: `npm run test:neo4j:start` starts one per
 * jest worker (2, or TEST_NEO4J_SERVERS) on 127.0.0.1:7688, 7689, ... with data in
 * tools/neo4j/run/test-data, test-data-2, ...; `npm test` then uses them instead of starting
 * (and, at its end, stopping) fresh ones. A warm JVM does the same tests for a fraction of the CPU
 * of a new one, so repeated runs are much quicker. `npm run test:neo4j:stop` stops them.
 * 7688 with tools/neo4j/run/test-data is the same server `npm run neo4j:test:start` starts.
 */
'use strict';
const { spawnSync } = require('child_process');
const { join } = require('path');

const ROOT = join(__dirname, '..', '..');
const LAUNCHER = join(ROOT, 'tools', 'neo4j', 'neo4j.js');
const FIRST_PORT = 7688;
const count = Number(process.env.TEST_NEO4J_SERVERS || 2);
const command = process.argv[2];

if (!['start', 'stop', 'status'].includes(command)) {
  console.error('usage: test-servers.js start|stop|status');
  process.exit(2);
}

/** The data folder of the dedicated test server on a port (global setup recognises these). */
function dataDir(i) {
  return join(ROOT, 'tools', 'neo4j', 'run', i === 0 ? 'test-data' : `test-data-${i + 1}`);
}

let failed = false;
for (let i = 0; i < count; i++) {
  // Not JAVA_TOOL_OPTIONS' C1-only default of throw-away servers: these live long, C2 pays off.
  const r = spawnSync(process.execPath, [LAUNCHER, command], {
    env: { ...process.env, NEO4J_PORT: String(FIRST_PORT + i), NEO4J_DATA: dataDir(i) },
    stdio: 'inherit',
  });
  if (r.status !== 0 && command !== 'status') failed = true;
}
process.exitCode = failed ? 1 : 0;
