#!/usr/bin/env node
/**
 * Runs every test file on its own, one jest process per file, and says which failed: proof that no
 * file depends on another having run first. Extra arguments go to each jest run, e.g.
 *
 *   npm run test:alone                              every file alone
 *   npm run test:alone -- --randomize               ... with its tests shuffled (seed printed)
 *   npm run test:alone -- --selectProjects e2e      only the end-to-end files
 *
 * One Neo4j serves the whole loop: NEO4J_TEST_URI if set (it is wiped), else one started here on a
 * free port and stopped at the end (a file alone runs in band: one worker, one server).
 */
'use strict';
const { spawnSync } = require('child_process');
const { mkdtempSync, rmSync } = require('fs');
const { createServer } = require('net');
const { tmpdir } = require('os');
const { join, relative } = require('path');

const ROOT = join(__dirname, '..', '..');
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const LAUNCHER = join(ROOT, 'tools', 'neo4j', 'neo4j.js');
const args = process.argv.slice(2);
/** The arguments for a run of one file: the project selection has done its work in the listing. */
const perFileArgs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('--selectProjects=')) continue;
  if (args[i] === '--selectProjects') {
    while (args[i + 1] && !args[i + 1].startsWith('-')) i++;
    continue;
  }
  perFileArgs.push(args[i]);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function main() {
  const listed = spawnSync(process.execPath, [JEST, '--listTests', '--json', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`jest --listTests failed:\n${listed.stderr}`);
  const files = JSON.parse(listed.stdout.slice(listed.stdout.indexOf('['))).sort();

  const env = { ...process.env };
  let started = null;
  const hasJava = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
  if (!env.NEO4J_TEST_URI && !env.NEO4J_TEST_URIS && hasJava) {
    const port = await freePort();
    const data = mkdtempSync(join(tmpdir(), 'evidence-neo4j-alone-'));
    const r = spawnSync(process.execPath, [LAUNCHER, 'start'], {
      env: {
        JAVA_TOOL_OPTIONS: '-XX:TieredStopAtLevel=1',
        ...env,
        NEO4J_PORT: String(port),
        NEO4J_DATA: data,
      },
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('could not start Neo4j for the loop');
    started = { port, data };
    env.NEO4J_TEST_URI = `bolt://127.0.0.1:${port}`;
  }

  const results = [];
  try {
    for (const file of files) {
      const t0 = Date.now();
      const r = spawnSync(process.execPath, [JEST, ...perFileArgs, '--runTestsByPath', file], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
      const out = `${r.stdout}${r.stderr}`;
      const ok = r.status === 0;
      const seed = /Seed:\s+(-?\d+)/.exec(out)?.[1];
      const tests = /Tests:\s+(.*)/.exec(out)?.[1] ?? '';
      const line = `${ok ? 'PASS' : 'FAIL'} ${relative(ROOT, file)} (${((Date.now() - t0) / 1000).toFixed(1)} s${seed ? `, seed ${seed}` : ''}) ${tests}`;
      console.log(line);
      if (!ok)
        console.log(
          out
            .split('\n')
            .filter((l) => /●|Error|expect/.test(l))
            .slice(0, 20)
            .join('\n'),
        );
      results.push({ file, ok, line });
    }
  } finally {
    if (started) {
      spawnSync(process.execPath, [LAUNCHER, 'stop'], {
        env: { ...env, NEO4J_PORT: String(started.port) },
        stdio: 'ignore',
      });
      rmSync(started.data, { recursive: true, force: true });
    }
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} of ${results.length} files pass alone.`);
  for (const f of failed) console.log(`FAIL ${relative(ROOT, f.file)}`);
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((err) => {
  console.error(err.stack || String(err));
  process.exitCode = 1;
});
