/**
 * Before the contract, integration and end-to-end tests (unit and medium have no global setup):
 * one Neo4j test server per jest worker, so one `npm test` covers both stores with every core busy.
 * Neo4j Community has one user database and the tests wipe it: workers cannot share a server.
 *
 * - NEO4J_TEST_URIS set (comma-separated, one per worker): used as they are (each must answer).
 * - Otherwise worker 1 gets NEO4J_TEST_URI if set (it must answer), else the dedicated test
 *   instance on 127.0.0.1:7688, used if running and started here if not. Workers 2..n get the
 *   long-lived test servers of `npm run test:neo4j:start` (7689, ...) if they run, else
 *   instances started here, in parallel, on the next free ports, each with a temp data folder
 *   and the quick C1 JIT (see neo4j-test-server.ts).
 * - Whatever is started here is stopped (and its data removed) by global teardown; instances a
 *   killed run left behind are stopped by the next run's setup.
 * - No Java and not CI: Neo4j tests are skipped, with one line saying how to enable them.
 * - CI=true: a missing Neo4j fails the run.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  hasJava,
  isDedicatedTestServer,
  killNeo4j,
  launcher,
  neo4jPid,
  portOf,
  PRIMARY_TEST_URI,
  reachable,
  testUris,
} from './neo4j-test-server';

/** Where started instances are registered (port, data folder, owning jest process). */
export const REGISTRY = join(tmpdir(), 'evidence-neo4j-test-instances');

export interface StartedInstance {
  port: number;
  data: string;
  /** The jest process that started it. */
  owner: number;
  /** Its JVM, once started. */
  pid?: number;
}

interface JestGlobalConfig {
  maxWorkers: number;
  detectOpenHandles?: boolean;
  watch?: boolean;
  watchAll?: boolean;
}

/** How many workers jest will use: the test files run in band when there is one or one worker. */
function workerCount(config: JestGlobalConfig): number {
  // Set by test/support/test-sequencer.js, which sees the run's test files before global setup.
  const files = process.env.EVIDENCE_TEST_FILES
    ? Number(process.env.EVIDENCE_TEST_FILES)
    : undefined;
  if (config.maxWorkers <= 1 || config.detectOpenHandles) return 1;
  if (files !== undefined && files <= 1 && !config.watch && !config.watchAll) return 1;
  return files === undefined ? config.maxWorkers : Math.min(config.maxWorkers, files);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops instances registered by a jest process that is gone (killed before its teardown). */
async function stopLeftovers(): Promise<void> {
  if (!existsSync(REGISTRY)) return;
  const stale = readdirSync(REGISTRY)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: join(REGISTRY, f), ...readInstance(join(REGISTRY, f)) }))
    .filter((i) => i.port && !alive(i.owner));
  await Promise.all(
    stale.map(async (i) => {
      // Only the JVM it started: the port may have another Neo4j by now.
      if (i.pid) await killNeo4j(i.port, i.pid);
      rmSync(i.data, { recursive: true, force: true });
      rmSync(i.file, { force: true });
    }),
  );
}

function readInstance(file: string): StartedInstance {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StartedInstance;
  } catch {
    return { port: 0, data: '', owner: 0 };
  }
}

/**
 * Claims a port for an instance of this run: its registry file is created exclusively, so two
 * jest runs starting at once never pick the same port (and share, and wipe, one database).
 */
function claim(i: StartedInstance): boolean {
  mkdirSync(REGISTRY, { recursive: true });
  try {
    writeFileSync(join(REGISTRY, `${i.port}.json`), JSON.stringify(i), { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Claims the ports of the instances to start: the first server's own if it must be started
 * (`first`), then n more after `after` that nothing listens on and no other jest run has claimed.
 */
async function claimPorts(
  first: number | null,
  after: number,
  n: number,
): Promise<StartedInstance[]> {
  const out: StartedInstance[] = [];
  const take = (port: number) => {
    const instance = { port, data: '', owner: process.pid };
    if (claim(instance)) out.push(instance);
  };
  if (first !== null) {
    take(first);
    if (out.length === 0) throw new Error(`port ${first} is claimed by another jest run`);
  }
  const want = out.length + n;
  for (let port = after + 1; out.length < want && port < after + 200; port++) {
    if (!(await reachable(`bolt://127.0.0.1:${port}`, 300))) take(port);
  }
  return out;
}

async function startInstances(
  claimed: StartedInstance[],
): Promise<{ started: StartedInstance[]; failed: string[] }> {
  const results = await Promise.all(
    claimed.map(async (c) => {
      const data = mkdtempSync(join(tmpdir(), `evidence-neo4j-test-${c.port}-`));
      const instance = { ...c, data };
      writeFileSync(join(REGISTRY, `${instance.port}.json`), JSON.stringify(instance));
      const r = await launcher('start', instance.port, data);
      const started = { ...instance, pid: neo4jPid(instance.port) };
      writeFileSync(join(REGISTRY, `${instance.port}.json`), JSON.stringify(started));
      return { instance: started, ...r };
    }),
  );
  const failed = results
    .filter((r) => !r.ok)
    .map((r) => `port ${r.instance.port}: ${r.output.trim().split('\n').slice(-5).join('\n')}`);
  // After a failure every instance is stopped: a failed start may have left a process behind.
  const started = failed.length ? results : results.filter((r) => r.ok);
  return { started: started.map((r) => r.instance), failed };
}

/** Ends the instances (at once: their data goes too) and forgets them. */
export async function stopInstances(instances: StartedInstance[]): Promise<void> {
  await Promise.all(
    instances.map(async (i) => {
      await killNeo4j(i.port, i.pid);
      rmSync(i.data, { recursive: true, force: true });
      rmSync(join(REGISTRY, `${i.port}.json`), { force: true });
    }),
  );
}

function skip(message: string): void {
  process.env.NEO4J_TESTS = 'off';
  delete process.env.NEO4J_TEST_URIS;
  console.log(`\nNeo4j tests skipped: ${message}`);
}

export default async function globalSetup(config: JestGlobalConfig): Promise<void> {
  const ci = process.env.CI === 'true';
  const workers = workerCount(config);
  await stopLeftovers();

  // Servers named by the caller: one per worker, all up.
  const given = testUris();
  if (given.length > 0) {
    const down = [];
    for (const uri of given.slice(0, workers)) if (!(await reachable(uri))) down.push(uri);
    if (given.length < workers || down.length > 0) {
      const why =
        given.length < workers
          ? `NEO4J_TEST_URIS names ${given.length} server(s) for ${workers} jest workers`
          : `NEO4J_TEST_URIS: ${down.join(', ')} does not answer`;
      if (ci) throw new Error(`CI=true and ${why}`);
      return skip(`${why}. Start them, name more, or run with --maxWorkers=${given.length}.`);
    }
    process.env.NEO4J_TESTS = 'on';
    return;
  }

  const primaryUp = await reachable(PRIMARY_TEST_URI);
  const primaryPort = portOf(PRIMARY_TEST_URI);
  // Workers 2..n first use the long-lived test servers of `npm run test:neo4j:start` (7689, ...).
  const reused: string[] = [];
  for (let k = 2; k <= workers; k++) {
    const port = primaryPort + k - 1;
    if (!isDedicatedTestServer(port) || !(await reachable(`bolt://127.0.0.1:${port}`))) break;
    reused.push(`bolt://127.0.0.1:${port}`);
  }
  const extra = workers - 1 - reused.length;
  const java = !primaryUp || extra > 0 ? hasJava() : true;
  if (!primaryUp && process.env.NEO4J_TEST_URI) {
    if (ci) throw new Error(`CI=true but Neo4j is not reachable at ${PRIMARY_TEST_URI}`);
    return skip(
      `NEO4J_TEST_URI=${PRIMARY_TEST_URI} does not answer. Start that server, or unset NEO4J_TEST_URI and npm test starts one.`,
    );
  }
  if (!java) {
    const why = primaryUp
      ? `${workers} jest workers need ${workers} Neo4j servers (one database each) and Java is not installed to start them; run with --maxWorkers=1 or set NEO4J_TEST_URIS`
      : 'Java is not installed. Install Java 17 and Maven and npm test starts Neo4j itself, or set NEO4J_TEST_URI to a server it may wipe';
    if (ci)
      throw new Error(
        `CI=true but Neo4j is not reachable at ${PRIMARY_TEST_URI}; start it with npm run neo4j:test:start (${why})`,
      );
    return skip(`${why}.`);
  }

  const toStart = await claimPorts(primaryUp ? null : primaryPort, primaryPort, extra);
  const t0 = Date.now();
  const { started, failed } = await startInstances(toStart);
  if (failed.length > 0) {
    await stopInstances(started);
    const why = `the Neo4j test server(s) did not start:\n${failed.join('\n')}`;
    if (ci) throw new Error(`CI=true and ${why}`);
    return skip(why);
  }
  const uris = [
    PRIMARY_TEST_URI,
    ...reused,
    ...toStart.filter((i) => i.port !== primaryPort).map((i) => `bolt://127.0.0.1:${i.port}`),
  ];
  process.env.NEO4J_TESTS = 'on';
  process.env.NEO4J_TEST_URIS = uris.join(',');
  process.env.NEO4J_TEST_STARTED_BY_JEST = JSON.stringify(started);
  if (started.length > 0)
    console.log(
      `\nNeo4j test servers, one per jest worker: ${uris.join(', ')} ` +
        `(started ${started.map((s) => s.port).join(', ')} in ${Date.now() - t0} ms)`,
    );
}
