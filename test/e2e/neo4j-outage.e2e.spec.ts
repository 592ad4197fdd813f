/**
 * Faults: the API against a Neo4j that is down at start, comes up, goes down and comes back. The
 * server never restarts: it answers SERVICE_UNAVAILABLE while the database is away, says so in its
 * log, and resumes by itself.
 *
 * The database is this worker's own Neo4j, reached through a TCP proxy (test/support/tcp-proxy.ts)
 * that cuts the line: while it is cut, connections are refused and open ones reset, which is all a
 * client can see of a database that went away. Stopping and starting JVMs of its own, as this test
 * did before, cost two fresh JVMs' start and warm-up on every run (26 s of CPU); the behaviour under
 * test, the server's, is the same. Other files on this worker run before or after, never during.
 *
 * Each test brings the server and database into the state it starts from (a server that started
 * while Neo4j was down, on an empty database; or one serving from a reachable Neo4j), so any test
 * runs alone or in any order. Waits are for events, never fixed sleeps: the server's reconnect is
 * seen in its log; readiness on /ready; answers are polled every 100 ms.
 */
import { Logger } from '@nestjs/common';
import { Neo4jProbe } from '../support/neo4j-probe';
import { addressOf, NEO4J_TEST_URI, neo4jEnabled } from '../support/neo4j-test-server';
import { anonymous, startServer, TestServer } from '../support/server';
import { TcpProxy } from '../support/tcp-proxy';

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

(neo4jEnabled() ? describe : describe.skip)('Neo4j outages', () => {
  let proxy: TcpProxy;
  let uri: string;
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

  /** The database comes back: the proxy listens again. */
  async function startDb(): Promise<void> {
    await proxy.restore();
    dbUp = true;
  }

  /** The database goes away: new connections refused, open ones reset. */
  async function stopDb(): Promise<void> {
    await proxy.cut();
    dbUp = false;
  }

  /** A new server started while Neo4j is down (with an empty database for when it comes up). */
  async function serverWithDbDown(): Promise<TestServer> {
    if (dbUp) await stopDb();
    await server?.close();
    server = undefined;
    const probe = new Neo4jProbe(NEO4J_TEST_URI);
    await probe.wipe();
    await probe.close();
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
    const target = addressOf(NEO4J_TEST_URI);
    proxy = await TcpProxy.start(target.host, target.port);
    await proxy.cut();
    uri = `bolt://127.0.0.1:${proxy.port}`;
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
    await proxy?.cut();
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
