/**
 * Where the Neo4j tests find their server: NEO4J_TEST_URI, or a dedicated test instance on
 * 127.0.0.1:7688 (never the development port 7687: tests wipe the database they use).
 */
import { spawnSync } from 'child_process';
import { Socket } from 'net';
import { join } from 'path';

export const NEO4J_TEST_URI = process.env.NEO4J_TEST_URI ?? 'bolt://127.0.0.1:7688';
export const NEO4J_TEST_PORT = Number(
  new URL(NEO4J_TEST_URI.replace(/^[a-z+]+:/, 'http:')).port || 7687,
);
const LAUNCHER = join(__dirname, '..', '..', 'tools', 'neo4j', 'neo4j.js');

export function reachable(uri = NEO4J_TEST_URI, timeoutMs = 1000): Promise<boolean> {
  const u = new URL(uri.replace(/^[a-z+]+:/, 'http:'));
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('error', () => done(false));
    s.connect(Number(u.port || 7687), u.hostname, () => done(true));
  });
}

export function hasJava(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Runs tools/neo4j/neo4j.js (start | stop) for a port and data folder. */
export function launcher(
  command: 'start' | 'stop',
  port: number,
  dataDir?: string,
): { ok: boolean; output: string } {
  const r = spawnSync(process.execPath, [LAUNCHER, command], {
    env: { ...process.env, NEO4J_PORT: String(port), ...(dataDir ? { NEO4J_DATA: dataDir } : {}) },
    encoding: 'utf8',
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Whether this run tests Neo4j (decided once, in global setup). */
export function neo4jEnabled(): boolean {
  return process.env.NEO4J_TESTS === 'on';
}
