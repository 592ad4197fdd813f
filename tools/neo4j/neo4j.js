#!/usr/bin/env node
/**
 * Starts and stops the embedded Neo4j in this folder (EmbeddedNeo4j.java), for development, tests
 * and CI. Plain Node so it runs before anything is built.
 *
 *   node tools/neo4j/neo4j.js start   build the classpath on first use (Maven), start in the
 *                                     background, wait for Bolt, write the pid file
 *   node tools/neo4j/neo4j.js stop    SIGTERM and wait for a clean shutdown
 *   node tools/neo4j/neo4j.js status
 *
 * Environment: NEO4J_PORT (default 7687), NEO4J_DATA (default tools/neo4j/run/data),
 * NEO4J_PASSWORD (auth off when unset), NEO4J_HEAP (default 1g), NEO4J_GC (g1, Neo4j's default,
 * or serial: less CPU for a small heap on few cores, what the test instances use).
 */
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const HERE = __dirname;
const RUN = path.join(HERE, 'run');
const PORT = Number(process.env.NEO4J_PORT || 7687);
const DATA = path.resolve(process.env.NEO4J_DATA || path.join(RUN, 'data'));
const PID_FILE = path.join(RUN, `neo4j-${PORT}.pid`);
const LOG_FILE = path.join(RUN, `neo4j-${PORT}.log`);
const CLASSPATH_FILE = path.join(HERE, 'target', 'classpath.txt');
const CLASSES = path.join(HERE, 'target', 'classes');
const MAIN = 'org.evidencegraph.neo4j.EmbeddedNeo4j';
const READY_TIMEOUT_MS = 180_000;

// The flags Neo4j's own launcher passes to the JVM.
const JVM_FLAGS = [
  `-Xmx${process.env.NEO4J_HEAP || '1g'}`,
  process.env.NEO4J_GC === 'serial' ? '-XX:+UseSerialGC' : '-XX:+UseG1GC',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.attach.allowAttachSelf=true',
];

function fail(message, code = 1) {
  console.error(`neo4j: ${message}`);
  process.exit(code);
}

function have(cmd) {
  return spawnSync(cmd, ['-version'], { stdio: 'ignore' }).status === 0;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid() {
  if (!fs.existsSync(PID_FILE)) return null;
  const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
  return pid && alive(pid) ? pid : null;
}

function build() {
  const source = path.join(HERE, 'src', 'main', 'java', 'org', 'evidencegraph', 'neo4j', 'EmbeddedNeo4j.java');
  const built = path.join(CLASSES, 'org', 'evidencegraph', 'neo4j', 'EmbeddedNeo4j.class');
  const fresh =
    fs.existsSync(CLASSPATH_FILE) &&
    fs.existsSync(built) &&
    fs.statSync(built).mtimeMs >= fs.statSync(source).mtimeMs &&
    fs.statSync(CLASSPATH_FILE).mtimeMs >= fs.statSync(path.join(HERE, 'pom.xml')).mtimeMs;
  if (fresh) return;
  if (!have('mvn')) fail('Maven (mvn) is needed once to fetch Neo4j; install Maven 3 and Java 17', 3);
  console.log('neo4j: fetching Neo4j jars and compiling the launcher (first use only)...');
  const r = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(HERE, 'pom.xml'), 'compile', 'dependency:build-classpath', `-Dmdep.outputFile=${CLASSPATH_FILE}`],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) fail('maven build failed');
}

async function start() {
  const existing = runningPid();
  if (existing) {
    console.log(`neo4j: already running on bolt://127.0.0.1:${PORT} (pid ${existing})`);
    return;
  }
  if (!have('java')) fail('Java not found: install Java 17 to run Neo4j (tests on Neo4j are skipped without it)', 3);
  build();
  fs.mkdirSync(DATA, { recursive: true });
  fs.mkdirSync(RUN, { recursive: true });
  const classpath = `${CLASSES}${path.delimiter}${fs.readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
  const log = fs.openSync(LOG_FILE, 'w');
  const started = Date.now();
  const child = spawn('java', [...JVM_FLAGS, '-cp', classpath, MAIN, DATA, String(PORT)], {
    detached: true,
    stdio: ['ignore', log, log],
    env: process.env,
  });
  child.unref();
  fs.writeFileSync(PID_FILE, String(child.pid));
  while (Date.now() - started < READY_TIMEOUT_MS) {
    const text = fs.readFileSync(LOG_FILE, 'utf8');
    const ready = /NEO4J READY (\S+) in (\d+) ms/.exec(text);
    if (ready) {
      console.log(`neo4j: ready at ${ready[1]} (pid ${child.pid}, data ${DATA}; JVM up and database open in ${Date.now() - started} ms)`);
      return;
    }
    if (!alive(child.pid)) {
      fs.rmSync(PID_FILE, { force: true });
      fail(`exited before it was ready; see ${LOG_FILE}:\n${text.split('\n').slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  fail(`not ready after ${READY_TIMEOUT_MS / 1000} s; see ${LOG_FILE}`);
}

async function stop() {
  const pid = runningPid();
  if (!pid) {
    fs.rmSync(PID_FILE, { force: true });
    console.log(`neo4j: not running on port ${PORT}`);
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    console.log(`neo4j: did not stop in 60 s; killed pid ${pid}`);
  } else {
    console.log(`neo4j: stopped (pid ${pid})`);
  }
  fs.rmSync(PID_FILE, { force: true });
}

function status() {
  const pid = runningPid();
  console.log(pid ? `neo4j: running on bolt://127.0.0.1:${PORT} (pid ${pid})` : `neo4j: not running on port ${PORT}`);
  process.exitCode = pid ? 0 : 1;
}

const command = process.argv[2];
const commands = { start, stop, status };
if (!commands[command]) fail('usage: neo4j.js start|stop|status', 2);
Promise.resolve(commands[command]()).catch((err) => fail(err.stack || String(err)));
