/**
 * WEB_CONCURRENCY > 1: this process becomes the primary of a node:cluster and forks that many
 * workers, each a whole server (Nest, the store) sharing one port (the primary accepts connections
 * and hands them round-robin to the workers).
 *
 * - Start: worker 1 starts alone and migrates and seeds the store while the others wait; once it
 *   listens the rest start (no two processes migrate or seed at once). The start-up banner is
 *   printed once, here, when every worker listens. A worker that fails to start (a busy port, an
 *   unreachable store) has said why in one line; the primary stops the others and exits with its
 *   code.
 * - A worker that dies later is replaced after a back-off (0.5 s, doubling with each death in the
 *   last minute, at most 30 s), with one line saying so.
 * - SIGTERM or SIGINT: every worker stops accepting, finishes its requests and closes its store;
 *   then the primary exits 0.
 * - kill -9 of the primary: the workers see their IPC channel close and exit at once (node's
 *   cluster does that), without draining, as a crash of the whole service.
 * - Rate-limit counters without Redis live here (primary-throttler.ts).
 */
import cluster, { Worker } from 'cluster';
import pino, { Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';
import { prettyLogs, prettyStream } from '../config/logging.module';
import { startupBanner } from '../config/startup';
import { PrimaryThrottlerStore } from './primary-throttler';

const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** Workers that do not stop within this after SIGTERM are killed. */
const STOP_TIMEOUT_MS = 30_000;

/** The primary's own lines, in the same form as the workers' (JSON, or pino-pretty). */
function primaryLogger(config: AppConfig): Pino {
  const isTTY = Boolean(process.stdout.isTTY);
  const options = { level: config.LOG_LEVEL };
  return prettyLogs(config, isTTY) ? pino(options, prettyStream(isTTY)) : pino(options);
}

export function runPrimary(config: AppConfig): void {
  const count = config.WEB_CONCURRENCY;
  const log = primaryLogger(config);
  const counters =
    config.RATE_LIMIT_ENABLED && !config.REDIS_URL ? new PrimaryThrottlerStore() : undefined;
  const workers = new Set<Worker>();
  const deaths: number[] = [];
  const respawns = new Set<NodeJS.Timeout>();
  let started = false;
  let stopping = false;
  let port = config.PORT;

  const fork = (): Worker => {
    const worker = cluster.fork();
    workers.add(worker);
    counters?.serve(worker);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      onExit(worker, code, signal);
    });
    return worker;
  };

  const listening = (worker: Worker) =>
    new Promise<void>((resolve) =>
      worker.once('listening', (address) => {
        port = address.port;
        resolve();
      }),
    );

  const onExit = (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) {
      if (workers.size === 0) finish(0);
      return;
    }
    if (!started) {
      // It said why (one line); the others, if any, go too.
      stopAll(code && code !== 0 ? code : 1);
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0] < now - 60_000) deaths.shift();
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (deaths.length - 1));
    const how = signal ? `signal ${signal}` : `code ${code}`;
    log.warn(
      { context: 'Cluster' },
      `Worker ${worker.process.pid} exited (${how}); starting another in ${delay} ms.`,
    );
    const timer = setTimeout(() => {
      respawns.delete(timer);
      if (!stopping) fork();
    }, delay);
    respawns.add(timer);
  };

  let exitCode = 0;
  const finish = (code: number) => {
    counters?.close();
    process.exit(exitCode || code);
  };

  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const timer of respawns) clearTimeout(timer);
    if (workers.size === 0) return finish(code);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS).unref();
  };

  process.on('SIGTERM', () => stopAll(0));
  process.on('SIGINT', () => stopAll(0));

  const first = fork();
  void listening(first).then(async () => {
    if (stopping) return;
    const rest = Array.from({ length: count - 1 }, () => fork());
    await Promise.all(rest.map(listening));
    if (stopping) return;
    started = true;
    log.info(
      { context: 'Main' },
      `${startupBanner(config, port)} · ${count} workers (WEB_CONCURRENCY)`,
    );
  });
}

/** In a worker: SIGTERM, SIGINT (either may come twice: from the primary and a terminal) → close once, exit 0. */
export function stopOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
