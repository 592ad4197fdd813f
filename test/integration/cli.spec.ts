/**
 * The command-line tools as an operator runs them (each its own process, on a temp SQLite file):
 * --help, unknown flags refused with the usage, a missing file named without a stack, export to
 * standard output without --out, and the npm scripts' launcher starting a current build at once.
 */
import Database from 'better-sqlite3';
import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { TS_NODE_ARGS } from '../support/child-server';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..');
const TOOLS = {
  seed: 'src/seed/seed.cli.ts',
  import: 'src/citations/import/import.cli.ts',
  ingest: 'src/sources/ingest.cli.ts',
  export: 'src/export/export.cli.ts',
  token: 'src/auth/token.cli.ts',
  'store:copy': 'src/store/copy/store-copy.cli.ts',
} as const;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'cli-'));
const db = join(dir, 'evidence.db');

function run(
  file: string,
  args: string[],
  opts: { cwd?: string; ts?: boolean } = {},
): Promise<Run> {
  const argv = opts.ts === false ? [file, ...args] : [...TS_NODE_ARGS, join(ROOT, file), ...args];
  return promisify(execFile)(process.execPath, argv, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, SQLITE_PATH: db, NEO4J_URI: '', LOG_LEVEL: 'silent' },
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      stdout: err.stdout,
      stderr: err.stderr,
    }),
  );
}

/** A stack frame, as Node prints them. */
const STACK = /^\s+at .+[:(]/m;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(Object.entries(TOOLS))('npm run %s', (name, file) => {
  it('--help prints the usage and exits 0', async () => {
    const help = await run(file, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^usage: npm run ${name}\\b`));
    expect((await run(file, ['-h'])).stdout).toBe(help.stdout);
  });

  it('refuses an unknown flag with its name and the usage, exit 2, no stack', async () => {
    const bad = await run(file, ['--no-such-flag', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe("Unknown option '--no-such-flag'");
    expect(bad.stderr).toContain(`usage: npm run ${name}`);
    expect(bad.stderr).not.toMatch(STACK);
  });
});

describe('files and output', () => {
  it('import names a missing file, without a stack', async () => {
    const missing = join(dir, 'no-such-file.bib');
    const res = await run(TOOLS.import, [missing]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe(`Cannot open "${missing}": no such file or folder.`);
  });

  it('export without --out writes the graph to standard output and says so on standard error', async () => {
    expect((await run(TOOLS.seed, [])).code).toBe(0);
    const res = await run(TOOLS.export, ['--format', 'json']);
    expect(res.code).toBe(0);
    const graph = JSON.parse(res.stdout);
    expect(graph.nodes.length).toBeGreaterThan(100);
    expect(res.stderr).toContain('Wrote json to standard output.');
  });

  it('export --format csv without --out writes two files and names them in full', async () => {
    const res = await run(TOOLS.export, ['--format', 'csv'], { cwd: dir });
    expect(res.code).toBe(0);
    const nodes = join(dir, 'evidence-graph-nodes.csv');
    const edges = join(dir, 'evidence-graph-edges.csv');
    expect(res.stdout).toContain(`Wrote ${nodes}, ${edges}.`);
    expect(readFileSync(nodes, 'utf8').split('\n').length).toBeGreaterThan(100);
  });

  it('ingest stores a saved page, and refuses an empty one in one line with nothing stored', async () => {
    /** The sources table read back from the file on a connection of its own. */
    const sources = () => {
      if (!existsSync(db)) return [];
      const conn = new Database(db, { readonly: true });
      try {
        return conn
          .prepare('SELECT id, title, url, retrieved_at, html_sha256 FROM sources ORDER BY id')
          .all() as Array<Record<string, unknown>>;
      } finally {
        conn.close();
      }
    };
    const empty = join(dir, 'empty.html');
    writeFileSync(
      empty,
      '<!doctype html><html><head><title>Empty</title></head><body></body></html>',
    );
    const before = sources();
    const refused = await run(TOOLS.ingest, [empty, '--url', 'https://clinic.example/empty']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `Not ingested: ${empty} has no main text to extract (the article is empty)`,
    );
    expect(refused.stderr).not.toMatch(STACK);
    expect(sources()).toEqual(before);

    const page = join(ROOT, 'test', 'fixtures', 'pages', 'clinic-page.html');
    const args = ['--url', 'https://clinic.example/ketamine', '--retrieved', '2026-11-28'];
    const res = await run(TOOLS.ingest, [page, ...args, '--id', 'src-cli-page']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Ingested .*clinic-page.html as source src-cli-page /);
    const stored = sources().find((s) => s.id === 'src-cli-page');
    expect(stored).toEqual({
      id: 'src-cli-page',
      title: 'Ketamine Infusions for Chronic Pain',
      url: 'https://clinic.example/ketamine',
      retrieved_at: '2026-11-28',
      html_sha256: createHash('sha256').update(readFileSync(page, 'utf8')).digest('hex'),
    });

    const badDay = await run(TOOLS.ingest, [
      page,
      ...args.slice(0, 2),
      '--retrieved',
      '2026-02-30',
    ]);
    expect(badDay.code).toBe(1);
    expect(badDay.stderr.trim()).toBe(
      'Not ingested: --retrieved must be a real calendar date (YYYY-MM-DD)',
    );
  });

  it('token names an unknown command with the usage', async () => {
    const res = await run(TOOLS.token, ['mint']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^unknown command "mint"\nusage: npm run token/);
  });
});

describe('the npm scripts start a current build without compiling', () => {
  it('compiles at most once, then runs at once', async () => {
    const launch = () =>
      run(join(ROOT, 'tools', 'run-built.js'), ['dist/auth/token.cli.js', '--help'], { ts: false });
    const first = await launch(); // compiles if the build is older than a source
    expect(first.code).toBe(0);
    const second = await launch();
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^usage: npm run token/);
    expect(second.stderr).not.toContain('Compiling');
  });
});
