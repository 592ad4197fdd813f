/**
 * Where the Neo4j tests find their server. Neo4j Community has a single user database and the
 * tests wipe it, so every jest worker has a server of its own: global setup puts one URI per
 * worker in NEO4J_TEST_URIS (worker 1 gets NEO4J_TEST_URI's server, or the dedicated test instance
 * on 127.0.0.1:7688; never the development port 7687), and each test file reads the one of its
 * worker (JEST_WORKER_ID).
 */
import { spawn, spawnSync } from 'child_process';
import { readFileSync, rmSync } from 'fs';
import { Socket } from 'net';
import { basename, dirname, join } from 'path';

/**
 * The first test server: NEO4J_TEST_URI, or the dedicated test instance on 127.0.0.1:7688 (or on
 * NEO4J_TEST_PORT_BASE: several people's runs on one machine keep to ports of their own; the
 * servers global setup starts for workers 2..n take the next free ports after it).
 */
export const PRIMARY_TEST_URI =
  process.env.NEO4J_TEST_URI ??
  `bolt://127.0.0.1:${Number(process.env.NEO4J_TEST_PORT_BASE) || 7688}`;

/** The servers of this run, one per jest worker (set by global setup; empty before it ran). */
export function testUris(): string[] {
  return (process.env.NEO4J_TEST_URIS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

/** This jest worker's number, from 1 (1 when running in band, and outside jest). */
export function workerId(): number {
  return Number(process.env.JEST_WORKER_ID ?? '1') || 1;
}

function workerUri(): string {
  const uris = testUris();
  if (uris.length === 0) return PRIMARY_TEST_URI;
  const uri = uris[workerId() - 1];
  if (!uri)
    throw new Error(
      `jest worker ${workerId()} has no Neo4j test server: NEO4J_TEST_URIS names ${uris.length}. ` +
        'Run with fewer workers (--maxWorkers) or name more servers.',
    );
  return uri;
}

/** This worker's Neo4j test server (a file's tests all run in one worker). */
export const NEO4J_TEST_URI = workerUri();

/** A Bolt URI's host and port (7687 when it names none). */
export function addressOf(uri: string): { host: string; port: number } {
  const u = new URL(uri.replace(/^[a-z+]+:/, 'http:'));
  return { host: u.hostname, port: Number(u.port || 7687) };
}

export function portOf(uri: string): number {
  return addressOf(uri).port;
}

export const NEO4J_TEST_PORT = portOf(NEO4J_TEST_URI);

const LAUNCHER = join(__dirname, '..', '..', 'tools', 'neo4j', 'neo4j.js');

/** Whether something accepts TCP connections at the URI's host and port. */
export function reachable(uri = NEO4J_TEST_URI, timeoutMs = 1000): Promise<boolean> {
  const { host, port } = addressOf(uri);
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('error', () => done(false));
    s.connect(port, host, () => done(true));
  });
}

export function hasJava(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/**
 * JVM options for the Neo4j instances tests start (unless JAVA_TOOL_OPTIONS is set): the quick
 * C1 compiler only. Test instances live for a minute or two; measured on the bad-input suite, C2's
 * optimising compiles cost a quarter more CPU for no shorter run, CPU the other worker needs.
 * And the serial collector (unless NEO4J_GC is set): measured on the Neo4j contract suite, a
 * fresh instance spent 33 s of CPU instead of G1's 45 s, a warm one 13 s instead of 15 s.
 */
export const TEST_JAVA_OPTIONS = '-XX:TieredStopAtLevel=1';
export const TEST_GC = 'serial';

function launcherEnv(port: number, dataDir?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JAVA_TOOL_OPTIONS: process.env.JAVA_TOOL_OPTIONS ?? TEST_JAVA_OPTIONS,
    NEO4J_GC: process.env.NEO4J_GC ?? TEST_GC,
    NEO4J_PORT: String(port),
    ...(dataDir ? { NEO4J_DATA: dataDir } : {}),
  };
}

/**
 * Runs tools/neo4j/neo4j.js (start | stop) for a port and data folder, without blocking: several
 * servers start (or stop) at once. Resolves once start saw the server ready, or stop its exit.
 */
export function launcher(
  command: 'start' | 'stop',
  port: number,
  dataDir?: string,
): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [LAUNCHER, command], {
      env: launcherEnv(port, dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.once('error', (err) => resolve({ ok: false, output: `${output}${err.message}` }));
    child.once('close', (code) => resolve({ ok: code === 0, output }));
  });
}

function pidFile(port: number): string {
  return join(__dirname, '..', '..', 'tools', 'neo4j', 'run', `neo4j-${port}.pid`);
}

/** The process id of the Neo4j the launcher started on this port (its pid file), if any. */
export function neo4jPid(port: number): number | undefined {
  try {
    return Number(readFileSync(pidFile(port), 'utf8')) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The data folder of the Neo4j the launcher started on this local port: an argument of its JVM,
 * found through the launcher's pid file (Linux: /proc). Undefined for any other server.
 */
export function launcherDataDir(port: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const pid = neo4jPid(port);
  if (!pid) return undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const main = args.indexOf('org.evidencegraph.neo4j.EmbeddedNeo4j');
    return main >= 0 && args[main + 2] === String(port) ? args[main + 1] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the server on this port is one of the long-lived test servers of
 * `npm run test:neo4j:start` (test/support/test-servers.js): data in tools/neo4j/run/test-data*.
 */
export function isDedicatedTestServer(port: number): boolean {
  const data = launcherDataDir(port);
  const run = join(__dirname, '..', '..', 'tools', 'neo4j', 'run');
  return !!data && /^test-data(-\d+)?$/.test(basename(data)) && dirname(data) === run;
}

/**
 * Ends a Neo4j the launcher started, at once (SIGKILL, via the launcher's pid file), and waits for
 * its process to exit: for throw-away test instances, whose data is deleted next, where a clean
 * shutdown would only cost seconds; its launcher log is removed too. With `onlyPid`, only if that
 * is still the process on the port (never another instance started there since). Resolves
 * whether it ended one.
 */
export async function killNeo4j(port: number, onlyPid?: number): Promise<boolean> {
  const pid = neo4jPid(port);
  if (!pid || (onlyPid !== undefined && pid !== onlyPid)) return false;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) {
    process.kill(pid, 'SIGKILL');
    while (alive()) await new Promise((r) => setTimeout(r, 20));
  }
  rmSync(pidFile(port), { force: true });
  // Its log goes with it (throw-away instances come and go on ports of their own).
  rmSync(join(__dirname, '..', '..', 'tools', 'neo4j', 'run', `neo4j-${port}.log`), {
    force: true,
  });
  return true;
}

/** Whether this run tests Neo4j (decided once, in global setup). */
export function neo4jEnabled(): boolean {
  return process.env.NEO4J_TESTS === 'on';
}
