/**
 * Faults: the API against a Neo4j that is down at start, comes up, goes down and comes back. The
 * server never restarts: it answers SERVICE_UNAVAILABLE while the database is away, says so in its
 * log, and resumes by itself. Uses its own Neo4j instance (port 7689) so other suites are unaffected.
 */
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { hasJava, launcher, neo4jEnabled } from '../support/neo4j-test-server';
import { anonymous, startServer, TestServer } from '../support/server';

const PORT = 7689;
const QUERY = `{ evidenceReport(condition: "fibro") { summary { claimCount } } }`;

async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 500));
  }
}

(neo4jEnabled() && hasJava() ? describe : describe.skip)('Neo4j outages', () => {
  let server: TestServer;
  let data: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    data = mkdtempSync(join(tmpdir(), 'neo4j-outage-'));
    launcher('stop', PORT);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (
      this: Logger,
      message: unknown,
    ) {
      warnings.push(String(message));
    });
    server = await startServer({
      store: 'neo4j',
      seed: true,
      neo4jUri: `bolt://127.0.0.1:${PORT}`,
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    launcher('stop', PORT);
    rmSync(data, { recursive: true, force: true });
    jest.restoreAllMocks();
  }, 120_000);

  it('starts without its database, says so, and answers SERVICE_UNAVAILABLE', async () => {
    const res = await server.gql(QUERY, undefined, anonymous());
    expect(res.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.errors?.[0].message).toMatch(/database is unavailable/i);
    expect(
      warnings.some(
        (w) =>
          w.includes(`bolt://127.0.0.1:${PORT}`) &&
          /not reachable/.test(w) &&
          /Retrying in/.test(w),
      ),
    ).toBe(true);
  });

  it('connects, seeds and serves once Neo4j comes up, without a restart', async () => {
    expect(launcher('start', PORT, data).ok).toBe(true);
    const res = await eventually(
      () => server.gql(QUERY, undefined, anonymous()),
      (r) => !r.errors && r.data?.evidenceReport.summary.claimCount > 0,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.evidenceReport.summary.claimCount).toBeGreaterThan(0);
  }, 120_000);

  it('answers SERVICE_UNAVAILABLE while Neo4j is stopped and resumes when it is back', async () => {
    expect(launcher('stop', PORT).ok).toBe(true);
    const base = server.url.replace(/\/graphql$/, '');
    const notReady = await eventually(
      () => fetch(`${base}/ready`),
      (r) => r.status === 503,
      30_000,
    );
    expect(notReady.status).toBe(503);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const down = await eventually(
      () => server.gql(QUERY, undefined, anonymous()),
      (r) => r.errors?.[0].extensions?.code === 'SERVICE_UNAVAILABLE',
      30_000,
    );
    expect(down.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(down.errors)).not.toMatch(/stack|\.ts:\d+|Neo4jError/);

    expect(launcher('start', PORT, data).ok).toBe(true);
    const up = await eventually(
      () => server.gql(QUERY, undefined, anonymous()),
      (r) => !r.errors,
    );
    expect(up.errors).toBeUndefined();
    expect(up.data.evidenceReport.summary.claimCount).toBeGreaterThan(0);
  }, 180_000);
});
