/**
 * What the HTTP benches share: the load generator (autocannon, in a process of its own so it does
 * not share the server's event loop), a sequential timer for in-process work, and medians.
 */
import { execFile } from 'node:child_process';

export interface HttpLoad {
  url: string;
  body: string;
  connections: number;
  seconds: number;
}

export interface HttpResult {
  /** Answered requests per second (2xx), over the whole run. */
  rps: number;
  /** Mean latency, ms. */
  latencyMs: number;
  /** Errors, timeouts and non-2xx answers: a cell with any is refused. */
  failures: number;
}

// Plain JavaScript run by the load process: autocannon driven programmatically, its result as
// JSON on stdout. (In a worker thread autocannon answers in its own worker format.)
const LOADER = `
const autocannon = require(process.argv[1]);
autocannon(JSON.parse(process.argv[2]), (err, res) => {
  if (err) { console.error(String(err)); process.exit(1); }
  process.stdout.write(JSON.stringify(res));
});
`;

interface AutocannonJson {
  '2xx': number;
  duration: number;
  latency: { mean: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** One fixed-duration run of `connections` clients posting `body` to `url`, back to back. */
export function httpLoad(load: HttpLoad): Promise<HttpResult> {
  const options = {
    url: load.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: load.body,
    connections: load.connections,
    pipelining: 1,
    duration: load.seconds,
  };
  return new Promise((resolve, reject) => {
    // Its own process, so the load never shares the server's event loop.
    execFile(
      process.execPath,
      ['-e', LOADER, require.resolve('autocannon'), JSON.stringify(options)],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return reject(err);
        const r = JSON.parse(stdout) as AutocannonJson;
        resolve({
          rps: r['2xx'] / r.duration,
          latencyMs: r.latency.mean,
          failures: r.errors + r.timeouts + r.non2xx,
        });
      },
    );
  });
}

/** Calls `task` back to back for `ms` (after `warmupMs`); calls per second. */
export async function sequentialRate(
  task: () => Promise<unknown>,
  ms: number,
  warmupMs = 200,
): Promise<number> {
  const until = (t: number) => performance.now() + t;
  for (const end = until(warmupMs); performance.now() < end;) await task();
  let n = 0;
  const t0 = performance.now();
  for (const end = t0 + ms; performance.now() < end; n++) await task();
  return (n * 1000) / (performance.now() - t0);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
