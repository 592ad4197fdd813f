/**
 * Start-up as a person meets it, the real server as a child process: a bad setting stops it with
 * one line naming the variable, the value and what is allowed (no stack, a non-zero exit), and a
 * good start ends with one line saying where to go, in JSON when the output is not a terminal and
 * in pino-pretty's lines when asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer, Server } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  freePort,
  killAllChildren,
  runChildToExit,
  startChildServer,
} from '../support/child-server';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'startup-'));
const db = (name: string) => join(dir, `${name}.db`);

afterAll(async () => {
  await killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

/** A stack frame, as Node prints them. */
const STACK = /^\s+at .+[:(]/m;

describe('a bad setting stops the server with one line', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ],
    [
      { SEED_ON_START: 'maybe' },
      'SEED_ON_START must be one of yes, no, true, false, 1, 0 (got "maybe")',
    ],
    [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY must be an integer from 1 to 64 (got "0")'],
    [
      { RATE_LIMIT_ENABLED: 'on' },
      'RATE_LIMIT_ENABLED must be one of yes, no, true, false, 1, 0 (got "on")',
    ],
  ])('%p', async (env, line) => {
    const run = await runChildToExit({ ...env, SQLITE_PATH: db('bad-setting') });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`Invalid configuration: ${line}.\n`);
    expect(run.stdout).toBe('');
  });

  it('names an SQLITE_PATH it cannot write, with the path', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const path = join(file, 'sub', 'evidence.db');
    const run = await runChildToExit({ SQLITE_PATH: path });
    expect(run.code).not.toBe(0);
    expect(run.signal).toBeNull();
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`SQLITE_PATH=${JSON.stringify(path)} cannot be opened`);
    expect(run.stderr + run.stdout).not.toMatch(STACK);
  });

  it('names a port already in use', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const run = await runChildToExit({ PORT: String(port), SQLITE_PATH: db('port-in-use') });
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        `Cannot listen: port ${port} is already in use (PORT=${port} on HOST=127.0.0.1). Stop the other server or set PORT to a free port.`,
      ]);
      expect(run.stderr + run.stdout).not.toMatch(STACK);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('accepts yes/no, true/false and 1/0 for booleans (yes was silently false before)', async () => {
    const server = await startChildServer({
      SQLITE_PATH: db('yes'),
      SEED_ON_START: 'yes',
      RATE_LIMIT_ENABLED: 'No',
    });
    try {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ sources { id } }' }),
      });
      const body = (await res.json()) as { data: { sources: unknown[] } };
      // Seeded (SEED_ON_START=yes) and not rate limited (RATE_LIMIT_ENABLED=No).
      expect(body.data.sources.length).toBeGreaterThanOrEqual(5);
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await server.kill();
    }
  });
});

describe('the last start-up line says where to go', () => {
  it('in JSON when the output is not a terminal: the web address, GraphiQL and the store', async () => {
    const file = db('banner-json');
    const server = await startChildServer({ SQLITE_PATH: file, LOG_LEVEL: 'info' });
    try {
      const lines = server.output().trim().split('\n');
      const last = JSON.parse(lines[lines.length - 1]);
      const base = `http://127.0.0.1:${server.port}`;
      expect(last.msg).toBe(
        `Evidence graph ready at ${base}/ · GraphQL ${base}/graphql · GraphiQL ${base}/graphiql · store: SQLite ${file}`,
      );
      // Every line is JSON.
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      await server.kill();
    }
  });

  it('readable by a person with LOG_FORMAT=pretty (a terminal gets it by default); no GraphiQL in production', async () => {
    const server = await startChildServer({
      SQLITE_PATH: db('banner-pretty'),
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'pretty',
      NODE_ENV: 'production',
    });
    try {
      const lines = server.output().trim().split('\n');
      const last = lines[lines.length - 1];
      expect(() => JSON.parse(last)).toThrow();
      expect(last).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO/);
      expect(last).toContain(
        `Evidence graph ready at http://127.0.0.1:${server.port}/ · GraphQL http://127.0.0.1:${server.port}/graphql · store: SQLite`,
      );
      expect(last).not.toContain('graphiql');
    } finally {
      await server.kill();
    }
  });
});
