/**
 * Faults: the API against a Neo4j that is down at start, comes up, goes down and comes back. The
 * server never restarts: it answers SERVICE_UNAVAILABLE while the database is away, says so in its
 * log, and resumes by itself. Uses a Neo4j instance of its own (a free port, a temp data folder) so
 * other suites, and other workers, are unaffected.
 *
 * Each test brings the server and database into the state it starts from (a server that started
 * while Neo4j was down; or one serving from a running Neo4j), so any test runs alone or in any
 * order. Waits are for events, never fixed sleeps: a start returns once Neo4j logged that it is
 * ready; a stop counts from the moment its Bolt port closes (its clean shutdown takes seconds more,
 * which the checks of the outage overlap; a restart waits for the process to exit); the server's
 * reconnect is seen in its log; readiness on /ready; answers are polled every 100 ms.
 */
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '../support/child-server';
import {
  hasJava,
  killNeo4j,
  launcher,
  launcherAsync,
  neo4jEnabled,
  waitForPort,
} from '../support/neo4j-test-server';
import { anonymous, startServer, TestServer } from '../support/server';

const QUERY = `{ evidenceReport(condition: "fibro") { summary { claimCount } } }`;

/**
 * Polls fn every intervalMs until ok(value), or returns the last value after timeoutMs. A request
 * that fails on the way (a pooled keep-alive connection the server closed while this process was
 * blocked starting Neo4j) is no answer: it is tried again, and thrown only at the timeout.
 */
async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 90_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let v: T | undefined;
    let failure: unknown;
    try {
      v = await fn();
    } catch (err) {
      failure = err;
    }
    if (failure === undefined && ok(v as T)) return v as T;
    if (Date.now() > deadline) {
      if (failure !== undefined) throw failure;
      return v as T;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

(neo4jEnabled() && hasJava() ? describe : describe.skip)('Neo4j outages', () => {
  let port: number;
  let uri: string;
  let data: string;
  let server: TestServer | undefined;
  /** Whether the current server has ever reached its database. */
  let connected = false;
  let dbUp = false;
  const warnings: string[] = [];
  const logs: string[] = [];
  const logWaiters: Array<() => boolean> = [];

  /** Resolves when the server logs a line matching re (at once if it already has). */
  function logged(re: RegExp, timeoutMs = 90_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no log line ${re} within ${timeoutMs} ms:\n${logs.join('\n')}`)),
        timeoutMs,
      );
      const check = () => {
        if (!logs.some((l) => re.test(l))) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      if (!check()) logWaiters.push(check);
    });
  }

  /** The launcher's stop of Neo4j, while its process has not exited yet. */
  let stopping: Promise<{ ok: boolean; output: string }> | undefined;

  async function startDb(): Promise<void> {
    // A new process on the same data folder only once the old one has exited.
    if (stopping) expect((await stopping).ok).toBe(true);
    stopping = undefined;
    const started = launcher('start', port, data);
    expect(started).toMatchObject({ ok: true });
    dbUp = true;
  }

  /**
   * Stops Neo4j (SIGTERM) and resolves as soon as Bolt is closed: for clients the database is
   * gone from then on. Its clean shutdown goes on for seconds; startDb waits for its exit.
   */
  async function stopDb(): Promise<void> {
    stopping = launcherAsync('stop', port);
    await waitForPort(port, false);
    dbUp = false;
  }

  /** Waits until the Neo4j process has exited (after stopDb). */
  async function dbExited(): Promise<void> {
    if (stopping) expect((await stopping).ok).toBe(true);
    stopping = undefined;
  }

  /** A new server started while Neo4j is down (with an empty data folder for when it comes up). */
  async function serverWithDbDown(): Promise<TestServer> {
    if (dbUp) await stopDb();
    await dbExited();
    await server?.close();
    server = undefined;
    rmSync(data, { recursive: true, force: true });
    warnings.length = 0;
    logs.length = 0;
    connected = false;
    // Short waits for the database: the same behaviour, without 5 s timeouts and a backoff
    // growing to 30 s between the server's reconnection attempts.
    server = await startServer({
      store: 'neo4j',
      seed: true,
      neo4jUri: uri,
      env: { NEO4J_TIMEOUT_MS: '1000', NEO4J_RECONNECT_MAX_MS: '1000' },
    });
    return server;
  }

  /** The current server if it has not seen its database yet and Neo4j is still down. */
  async function neverConnectedServer(): Promise<TestServer> {
    return server && !connected && !dbUp ? server : serverWithDbDown();
  }

  /** A server serving from a running Neo4j. */
  async function servingServer(): Promise<TestServer> {
    const s = server ?? (await serverWithDbDown());
    if (!dbUp) await startDb();
    if (!connected) {
      await logged(/Connected to Neo4j/);
      connected = true;
    }
    const up = await eventually(
      () => s.gql(QUERY, undefined, anonymous()),
      (r) => !r.errors && r.data?.evidenceReport.summary.claimCount > 0,
    );
    expect(up.errors).toBeUndefined();
    return s;
  }

  beforeAll(async () => {
    port = await freePort();
    uri = `bolt://127.0.0.1:${port}`;
    data = mkdtempSync(join(tmpdir(), 'neo4j-outage-'));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (
      this: Logger,
      message: unknown,
    ) {
      warnings.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(function (
      this: Logger,
      message: unknown,
    ) {
      logs.push(String(message));
      for (const check of [...logWaiters])
        if (check()) logWaiters.splice(logWaiters.indexOf(check), 1);
    });
    await serverWithDbDown();
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await stopping;
    // Its data goes next: no need to wait for a clean shutdown.
    await killNeo4j(port);
    rmSync(data, { recursive: true, force: true });
    jest.restoreAllMocks();
  }, 120_000);

  it('starts without its database, says so, and answers SERVICE_UNAVAILABLE', async () => {
    const s = await neverConnectedServer();
    const res = await s.gql(QUERY, undefined, anonymous());
    expect(res.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.errors?.[0].message).toMatch(/database is unavailable/i);
    expect(
      warnings.some((w) => w.includes(uri) && /not reachable/.test(w) && /Retrying in/.test(w)),
    ).toBe(true);
  }, 120_000);

  it('connects, seeds and serves once Neo4j comes up, without a restart', async () => {
    const s = await neverConnectedServer();
    await startDb();
    await logged(/Connected to Neo4j/);
    connected = true;
    const res = await eventually(
      () => s.gql(QUERY, undefined, anonymous()),
      (r) => !r.errors && r.data?.evidenceReport.summary.claimCount > 0,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.evidenceReport.summary.claimCount).toBeGreaterThan(0);
  }, 120_000);

  it('answers SERVICE_UNAVAILABLE while Neo4j is stopped and resumes when it is back', async () => {
    const s = await servingServer();
    await stopDb();
    const base = s.url.replace(/\/graphql$/, '');
    // Three looks at the same outage, at once: each waits out the driver's retries.
    const [notReady, health, down] = await Promise.all([
      eventually(
        () => fetch(`${base}/ready`),
        (r) => r.status === 503,
        30_000,
      ),
      fetch(`${base}/health`),
      eventually(
        () => s.gql(QUERY, undefined, anonymous()),
        (r) => r.errors?.[0].extensions?.code === 'SERVICE_UNAVAILABLE',
        30_000,
      ),
    ]);
    expect(notReady.status).toBe(503);
    expect(health.status).toBe(200);
    expect(down.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(down.errors)).not.toMatch(/stack|\.ts:\d+|Neo4jError/);

    await startDb();
    const up = await eventually(
      () => s.gql(QUERY, undefined, anonymous()),
      (r) => !r.errors,
    );
    expect(up.errors).toBeUndefined();
    expect(up.data.evidenceReport.summary.claimCount).toBeGreaterThan(0);
  }, 180_000);
});
