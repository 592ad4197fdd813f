/**
 * The real server as a child process (`node -r test/support/ts-register.js src/main.ts`: as
 * ts-node's transpile-only, with transpiled files cached on disk so later starts are quicker), for
 * tests that must kill it (SIGKILL) and start it again on the same database. Every child started
 * here is remembered, so a suite's afterAll can kill whatever is left even after a failure.
 */
import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/** node arguments that run a .ts entry point (see ts-register.js). */
export const TS_NODE_ARGS = ['--enable-source-maps', '-r', join(__dirname, 'ts-register.js')];

/** A TCP port nobody listens on right now (the OS picks it; PORT=0 would not tell us which). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildServer {
  pid: number;
  port: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** Everything the child wrote to stdout and stderr (last 20,000 characters, or keepChars). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<ChildExit>;
  /** Sends a signal and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ChildExit>;
}

const running = new Set<ChildProcess>();

/** SIGKILLs every child still running (for afterAll, whatever happened before). */
export async function killAllChildren(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  running.clear();
}

/** Variables of the parent that must not leak into the child's store choice. */
const STORE_VARIABLES = [
  'SQLITE_PATH',
  'NEO4J_URI',
  'NEO4J_USER',
  'NEO4J_PASSWORD',
  'NEO4J_DATABASE',
  'PORT',
  'HOST',
];

/**
 * Starts the server with `env` (SQLITE_PATH or NEO4J_URI, ...) on a free port and waits until
 * GET /ready answers 200 (the store is open and, with SEED_ON_START, seeded: seeding runs before
 * the server listens).
 */
export async function startChildServer(
  env: Record<string, string>,
  opts: { readyTimeoutMs?: number; keepChars?: number } = {},
): Promise<ChildServer> {
  const keepChars = opts.keepChars ?? 20_000;
  const port = await freePort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !STORE_VARIABLES.includes(k)),
  );
  const child = spawn(process.execPath, [...TS_NODE_ARGS, join('src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SEED_ON_START: 'true',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
      // One process, as before clustering, unless a test asks for workers.
      WEB_CONCURRENCY: '1',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString('utf8')).slice(-keepChars);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<ChildExit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let gone: ChildExit | null = null;
  void exited.then((e) => (gone = e));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (gone)
      throw new Error(`the server exited (${JSON.stringify(gone)}) before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready within the timeout:\n${out}`);
    }
    try {
      const res = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    pid: child.pid!,
    port,
    url: `${base}/graphql`,
    output: () => out,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface ChildRun extends ChildExit {
  stdout: string;
  stderr: string;
}

/**
 * Runs the server with `env` until it exits by itself (a start-up that must fail), or kills it
 * after `timeoutMs` (then signal is SIGKILL).
 */
export async function runChildToExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ChildRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !STORE_VARIABLES.includes(k)),
  );
  const child = spawn(process.execPath, [...TS_NODE_ARGS, join('src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      WEB_CONCURRENCY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  // 'close': the process has exited and its output has been read to the end.
  const exit = await new Promise<ChildExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  clearTimeout(timer);
  running.delete(child);
  return { ...exit, stdout, stderr };
}
