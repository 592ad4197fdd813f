/**
 * `ts-node bench/citation-import.bench.ts`: how fast a large BibTeX file imports, and how fast a
 * store of that size copies to Neo4j (`store:copy`).
 *
 * Generates a synthetic file (BENCH_IMPORT_RECORDS, default 10,000 entries), imports it into a
 * fresh SQLite file in a temp folder and, with BENCH_NEO4J_URI set (a server it may wipe), into
 * that Neo4j; then imports it a second time (idempotent: everything merges, nothing is created),
 * and copies the SQLite store (studies and their revisions) to the Neo4j. The stores take turns,
 * BENCH_IMPORT_ROUNDS rounds (default 3), and the medians are printed: records per second for
 * each, Neo4j's figure as a share of SQLite's, and the CPU time each took per 1,000 records, of
 * this process and (when the server runs on this machine, see serverCpu) of the Neo4j server.
 * One untimed import into each store (and one copy) warms both processes up first. The figures
 * go to bench/results/citation-import.json with the machine's load average. Tests never assert
 * timings; numbers go in notes. For figures, start the server with a normal JIT (no
 * JAVA_TOOL_OPTIONS=-XX:TieredStopAtLevel=1, which the test instances use).
 *
 * Where the time goes (Neo4j, first import): this process parses (Citation.js, about a third of
 * its CPU), maps, builds revisions and search words, and sends about 1.6 kB per record (study and
 * revision); the server creates a study node (id, DOI and year indexes, the full-text index) and
 * a revision node per record. The import parses and looks up the next batch while the current
 * one is written, and each batch's write transaction takes four round trips (begin, its reads,
 * its nodes and revisions, commit), so the two processes work at the same time: on an idle
 * two-core machine the wall time approaches the larger of the two CPU times, not their sum. On a
 * loaded machine, compare the CPU figures.
 *
 * The records are obviously synthetic: made-up titles and authors, no PMIDs, and DOIs only under
 * 10.5555/, the prefix reserved for examples, so none can be mistaken for a real citation.
 * One record in ten has no DOI, so the title + year path is measured too.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join } from 'path';
import {
  CitationImportService,
  DEFAULT_IMPORT_BATCH,
  ImportReport,
} from '../src/citations/import/citation-import.service';
import { parseRecords } from '../src/citations/import/citation-parsers';
import { CitationFormat } from '../src/graphql.schema';
import { EvidenceStore } from '../src/store/ports';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store';
import { copyStore } from '../src/store/copy/store-copy';

const RECORDS = Number(process.env.BENCH_IMPORT_RECORDS ?? 10_000);
const BATCH = process.env.BENCH_IMPORT_BATCH ? Number(process.env.BENCH_IMPORT_BATCH) : undefined;

const TOPICS = ['compound', 'protocol', 'regimen', 'device', 'procedure'];
const OUTCOMES = ['outcome scores', 'response rates', 'symptom counts', 'recovery times'];

export function syntheticBibtex(n: number): string {
  const out: string[] = [
    '% Synthetic benchmark records: not real works. DOIs use the example prefix 10.5555.\n',
  ];
  for (let i = 1; i <= n; i++) {
    const id = String(i).padStart(6, '0');
    const year = 1970 + (i % 55);
    const authors = [0, 1, 2]
      .map(
        (k) =>
          `Synthetic${String.fromCharCode(65 + ((i + k) % 26))}, B. ${String.fromCharCode(65 + ((k * 7 + i) % 26))}.`,
      )
      .join(' and ');
    const fields = [
      `  author = {${authors}}`,
      `  title = {Synthetic benchmark record ${id}: ${TOPICS[i % TOPICS.length]} ${i} and ${OUTCOMES[i % OUTCOMES.length]}}`,
      `  journal = {Synthetic Journal of Benchmarks}`,
      `  year = {${year}}`,
    ];
    if (i % 10 !== 0) fields.push(`  doi = {10.5555/bench.${id}}`);
    out.push(`@article{bench${id},\n${fields.join(',\n')}\n}\n`);
  }
  return out.join('\n');
}

async function runImport(store: EvidenceStore, text: string): Promise<ImportReport> {
  return new CitationImportService(store).importText(CitationFormat.BIBTEX, text, {
    actor: 'bench',
    batchSize: BATCH,
  });
}

/**
 * CPU time (ms) used so far by the Neo4j server's process, when it runs on this machine from
 * tools/neo4j (its pid file) or BENCH_NEO4J_PID names it; else null. On a shared machine CPU
 * time says more than wall time: it does not grow with the load of others.
 */
function serverCpu(uri: string | undefined): (() => number | null) | null {
  const port = uri ? /:(\d+)\/?$/.exec(uri)?.[1] : undefined;
  const pidFile = join(__dirname, '..', 'tools', 'neo4j', 'run', `neo4j-${port}.pid`);
  const pid =
    process.env.BENCH_NEO4J_PID ??
    (port && existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : undefined);
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return null;
  return () => {
    // utime and stime, in clock ticks of 10 ms, after the command name in brackets.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
}

/** Per measure, one entry per round: records per second, CPU ms per 1,000 records. */
interface Measure {
  recordsPerSecond: number[];
  benchCpuMsPer1000: number[];
  serverCpuMsPer1000: number[];
}
type Figures = Record<string, Measure>;

async function measure<T>(
  figures: Figures,
  name: string,
  server: (() => number | null) | null,
  work: () => Promise<T>,
  records: (result: T) => number,
): Promise<T> {
  const [t0, c0, s0] = [performance.now(), process.cpuUsage(), server?.() ?? null];
  const result = await work();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const s1 = server?.() ?? null;
  const n = records(result);
  const m = (figures[name] ??= {
    recordsPerSecond: [],
    benchCpuMsPer1000: [],
    serverCpuMsPer1000: [],
  });
  m.recordsPerSecond.push(Math.round((n / ms) * 1000));
  m.benchCpuMsPer1000.push(Math.round((c.user + c.system) / n));
  if (s0 !== null && s1 !== null) m.serverCpuMsPer1000.push(Math.round(((s1 - s0) / n) * 1000));
  return result;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

async function importTwice(
  name: string,
  store: EvidenceStore,
  text: string,
  figures: Figures,
  server: (() => number | null) | null = null,
) {
  const count = (r: ImportReport) => r.records.length;
  const first = await measure(
    figures,
    `${name} first import`,
    server,
    () => runImport(store, text),
    count,
  );
  const second = await measure(
    figures,
    `${name} second (idempotent) run`,
    server,
    () => runImport(store, text),
    count,
  );
  if (first.created !== RECORDS || second.created !== 0)
    throw new Error(
      `${name}: expected ${RECORDS} created then 0, got ${first.created} then ${second.created}`,
    );
}

async function warmUp(text: string, neo: EvidenceStore | null): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-bench-import-'));
  try {
    const sqlite = createSqliteStore(join(dir, 'warm.db'));
    await sqlite.init();
    try {
      await runImport(sqlite, text);
      if (neo) {
        await neo.clear();
        await runImport(neo, text);
        await copyStore(sqlite, neo, { replace: true });
      }
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const text = syntheticBibtex(RECORDS);
  const rounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 3);
  const loadBefore = load();
  console.log(
    `Citation import: ${RECORDS} synthetic BibTeX records (${(text.length / 1e6).toFixed(1)} MB), ` +
      `batches of ${BATCH ?? `the default ${DEFAULT_IMPORT_BATCH}`}, ${rounds} rounds; load average ${loadBefore}.`,
  );
  const t0 = performance.now();
  const parsed = parseRecords(CitationFormat.BIBTEX, text);
  const parseMs = performance.now() - t0;
  console.log(
    `parsing only (Citation.js): ${(parseMs / 1000).toFixed(2)} s, ` +
      `${Math.round((parsed.length / parseMs) * 1000)} records/s`,
  );

  const uri = process.env.BENCH_NEO4J_URI;
  const neo = uri
    ? createNeo4jStore({
        uri,
        user: process.env.BENCH_NEO4J_USER,
        password: process.env.BENCH_NEO4J_PASSWORD,
      })
    : null;
  if (!neo)
    console.log('Neo4j: skipped (set BENCH_NEO4J_URI to a server this benchmark may wipe).');
  await neo?.init();
  const server = serverCpu(uri);
  const figures: Figures = {};
  try {
    // Warm-up, not timed: one import into each store, so the first round's figures are not the
    // JIT's (of this process and of the server) or the server's first plans.
    await warmUp(text, neo);
    for (let round = 1; round <= rounds; round++) {
      // The stores take turns, so a change of the machine's load touches both.
      const dir = mkdtempSync(join(tmpdir(), 'evidence-bench-import-'));
      try {
        const sqlite = createSqliteStore(join(dir, 'import.db'));
        await sqlite.init();
        try {
          await importTwice('SQLite', sqlite, text, figures);
          if (neo) {
            await neo.clear();
            await importTwice('Neo4j', neo, text, figures, server);
            // store:copy of what the import made: the studies and their revisions.
            await measure(
              figures,
              'store:copy SQLite to Neo4j',
              server,
              () => copyStore(sqlite, neo, { replace: true }),
              (copied) => copied.counts.studies + copied.revisions,
            );
          }
        } finally {
          await sqlite.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      console.log(`  round ${round} done (load average ${load()})`);
    }
  } finally {
    await neo?.close();
  }

  const medians = Object.fromEntries(
    Object.entries(figures).map(([k, m]) => [
      k,
      {
        recordsPerSecond: median(m.recordsPerSecond),
        benchCpuMsPer1000: median(m.benchCpuMsPer1000),
        serverCpuMsPer1000: median(m.serverCpuMsPer1000),
      },
    ]),
  );
  console.log(
    `Medians of ${rounds} rounds: records per second [each round's], CPU ms per 1,000 records ` +
      `of this process and of the Neo4j server (when it runs here)`,
  );
  for (const [k, m] of Object.entries(figures)) {
    const med = medians[k];
    console.log(
      `  ${k.padEnd(34)} ${String(med.recordsPerSecond).padStart(6)} /s [${m.recordsPerSecond.join(', ')}]` +
        `  cpu ${med.benchCpuMsPer1000} + ${med.serverCpuMsPer1000 ?? '?'} ms`,
    );
  }
  const ratios: Record<string, number> = {};
  for (const run of ['first import', 'second (idempotent) run']) {
    const [s, n] = [medians[`SQLite ${run}`], medians[`Neo4j ${run}`]];
    if (!n?.recordsPerSecond || !s?.recordsPerSecond) continue;
    ratios[run] = Number((n.recordsPerSecond / s.recordsPerSecond).toFixed(2));
    console.log(`  Neo4j / SQLite records per second, ${run}: ${ratios[run]}`);
  }
  const loadAfter = load();
  console.log(`load average at the end: ${loadAfter}`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', 'citation-import.json'),
    JSON.stringify(
      {
        at: new Date().toISOString(),
        records: RECORDS,
        batch: BATCH ?? DEFAULT_IMPORT_BATCH,
        rounds,
        cpus: cpus().length,
        loadAverage: { before: loadBefore, after: loadAfter },
        neo4j: uri ?? null,
        medians,
        perRound: figures,
        neo4jOverSqlite: ratios,
      },
      null,
      2,
    ) + '\n',
  );
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
