/**
 * `npm run bench` (or `npx ts-node bench/cluster.bench.ts`): requests a second for the
 * fibromyalgia evidenceReport over HTTP (autocannon, keep-alive connections) at 1 and 8 clients,
 * with WEB_CONCURRENCY=1 (one process) and 2 (a primary and two workers), on the seeded SQLite
 * store, logs at info in JSON (a line per request, as in production). The server is the real one
 * as a child process (test/support/child-server.ts); rate limits stay on with limits out of reach,
 * so the counters' cost (in the primary, over IPC, with workers) is in the figures. Besides
 * requests a second it reports the CPU time per request of the server's processes and of the
 * client, which other load on the machine does not change, and from them the ceiling at 8 clients
 * on an otherwise idle machine (cores / CPU per request). Each (workers, clients) pair runs BENCH_ROUNDS times (default 3) for
 * BENCH_SECONDS (default 5) after a warm-up, rounds taken in turn so drift from other load on the
 * machine spreads over all pairs; the table shows medians. Writes bench/results/cluster.json.
 *
 * autocannon runs in this process, on the same cores as the server: on a 2-core machine it takes
 * a share of the CPU the workers would use, so the figures are a floor.
 */
import autocannon from 'autocannon';
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { availableParallelism, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { ChildServer, killAllChildren, startChildServer } from '../test/support/child-server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WORKERS = [1, 2];
const CLIENTS = [1, 8];

const QUERY = `{ evidenceReport(condition: "fibromyalgia") { summary { text } claims { claim { id text } status grade explanation
  statements { quote start end source { title } } supporting { study { title doi } } contradicting { study { title } } gaps { description } } } }`;
const BODY = JSON.stringify({ query: QUERY });

interface Run {
  requestsPerSecond: number;
  /** CPU time of the server's processes (primary and workers) per request: load-independent. */
  serverCpuMsPerRequest: number;
  /** CPU time of this process (autocannon) per request. */
  clientCpuMsPerRequest: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
}

/** Clock ticks per second of /proc/<pid>/stat times (100 on Linux). */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU milliseconds (user + system) used so far by a server's process and its children. */
function serverCpuMs(pid: number): number {
  let pids = [pid];
  try {
    pids = pids.concat(
      execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.trim())
        .map(Number),
    );
  } catch {
    // no children: one process
  }
  let ticks = 0;
  for (const p of pids) {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS;
}

async function measured(server: ChildServer, connections: number, seconds: number): Promise<Run> {
  const server0 = serverCpuMs(server.pid);
  const client0 = process.cpuUsage();
  const run = await load(server.url, connections, seconds);
  const client = process.cpuUsage(client0);
  const requests = run.requestsPerSecond * seconds;
  return {
    ...run,
    serverCpuMsPerRequest: (serverCpuMs(server.pid) - server0) / requests,
    clientCpuMsPerRequest: (client.user + client.system) / 1000 / requests,
  };
}

function load(
  url: string,
  connections: number,
  seconds: number,
): Promise<Omit<Run, 'serverCpuMsPerRequest' | 'clientCpuMsPerRequest'>> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
        connections,
        duration: seconds,
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          requestsPerSecond: result.requests.average,
          latencyP50Ms: result.latency.p50,
          latencyP99Ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
  });
}

/** Waits for the banner: with workers, every one of them listens. */
async function allListening(server: ChildServer, workers: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  const banner = workers > 1 ? `· ${workers} workers` : 'Evidence graph ready';
  while (!server.output().includes(banner)) {
    if (Date.now() > deadline) throw new Error(`no banner:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'cluster-bench-'));
  const servers = new Map<number, ChildServer>();
  const runs: Record<string, Run[]> = {};
  try {
    for (const workers of WORKERS) {
      const server = await startChildServer({
        SQLITE_PATH: join(dir, `w${workers}.db`),
        WEB_CONCURRENCY: String(workers),
        // As in production: a JSON line per request (and the banner, which says all workers listen).
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      });
      servers.set(workers, server);
    }
    for (const [workers, server] of servers) {
      // Keep-alive connections stay with the worker that took them: all must listen first.
      await allListening(server, workers);
      // Warm-up: JIT, statement caches, every worker.
      await load(server.url, 8, 2);
    }
    for (let round = 0; round < ROUNDS; round++)
      for (const workers of WORKERS)
        for (const clients of CLIENTS) {
          const key = `workers=${workers} clients=${clients}`;
          const run = await measured(servers.get(workers)!, clients, SECONDS);
          if (run.non2xx || run.errors)
            throw new Error(`${key}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
          (runs[key] ??= []).push(run);
          console.log(`round ${round + 1} ${key}: ${run.requestsPerSecond.toFixed(1)} req/s`);
        }
  } finally {
    for (const server of servers.values()) await server.kill('SIGTERM');
    await killAllChildren();
    rmSync(dir, { recursive: true, force: true });
  }

  const table = Object.entries(runs).map(([key, rs]) => ({
    case: key,
    'req/s (median)': Number(median(rs.map((r) => r.requestsPerSecond)).toFixed(1)),
    'p50 ms': median(rs.map((r) => r.latencyP50Ms)),
    'p99 ms': median(rs.map((r) => r.latencyP99Ms)),
    'server CPU ms/req': Number(median(rs.map((r) => r.serverCpuMsPerRequest)).toFixed(2)),
    'client CPU ms/req': Number(median(rs.map((r) => r.clientCpuMsPerRequest)).toFixed(2)),
    rounds: rs.map((r) => Number(r.requestsPerSecond.toFixed(1))).join(' / '),
  }));
  console.table(table);
  const rps = (workers: number, clients: number) =>
    median(runs[`workers=${workers} clients=${clients}`].map((r) => r.requestsPerSecond));
  const ratios = {
    'workers=2 8 clients / workers=1 1 client': rps(2, 8) / rps(1, 1),
    'workers=2 8 clients / workers=2 1 client': rps(2, 8) / rps(2, 1),
    'workers=2 8 clients / workers=1 8 clients': rps(2, 8) / rps(1, 8),
  };
  for (const [name, ratio] of Object.entries(ratios)) console.log(`${name}: ${ratio.toFixed(2)}×`);
  const cpu = (workers: number, clients: number) => {
    const rs = runs[`workers=${workers} clients=${clients}`];
    return median(rs.map((r) => r.serverCpuMsPerRequest + r.clientCpuMsPerRequest));
  };
  const cores = availableParallelism();
  const ceilings = {
    'workers=1 8 clients (one server core)': Math.min(
      1000 / median(runs['workers=1 clients=8'].map((r) => r.serverCpuMsPerRequest)),
      (cores * 1000) / cpu(1, 8),
    ),
    'workers=2 8 clients': (cores * 1000) / cpu(2, 8),
  };
  for (const [name, rps] of Object.entries(ceilings))
    console.log(`idle-machine ceiling, ${name}: ${rps.toFixed(0)} req/s`);

  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'cluster.json'),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        cores: availableParallelism(),
        loadAverage: {
          before: loadBefore.map((x) => Number(x.toFixed(2))),
          after: loadavg().map((x) => Number(x.toFixed(2))),
        },
        seconds: SECONDS,
        rounds: ROUNDS,
        query: 'evidenceReport(condition: "fibromyalgia") with nested fields, SQLite seeded',
        note: 'autocannon in the same machine as the server; other processes may have been running',
        table,
        ratios,
        ceilings,
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
