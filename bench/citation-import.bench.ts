/**
 * `ts-node bench/citation-import.bench.ts`: how fast a large BibTeX file imports.
 *
 * Generates a synthetic file (BENCH_IMPORT_RECORDS, default 10,000 entries), imports it into a
 * fresh SQLite file in a temp folder and, with BENCH_NEO4J_URI set (a server it may wipe), into
 * that Neo4j; then imports it a second time (idempotent: everything merges, nothing is created).
 * Prints records per second for each. Tests never assert timings; numbers go in notes.
 *
 * The records are obviously synthetic: made-up titles and authors, no PMIDs, and DOIs only under
 * 10.5555/, the prefix reserved for examples, so none can be mistaken for a real citation.
 * One record in ten has no DOI, so the title + year path is measured too.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  CitationImportService,
  ImportReport,
} from '../src/citations/import/citation-import.service';
import { parseRecords } from '../src/citations/import/citation-parsers';
import { CitationFormat } from '../src/graphql.schema';
import { EvidenceStore } from '../src/store/ports';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store';

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

interface Timed {
  ms: number;
  report: ImportReport;
}

async function timedImport(store: EvidenceStore, text: string): Promise<Timed> {
  const t0 = performance.now();
  const report = await new CitationImportService(store).importText(CitationFormat.BIBTEX, text, {
    actor: 'bench',
    batchSize: BATCH,
  });
  return { ms: performance.now() - t0, report };
}

function line(label: string, t: Timed): string {
  const n = t.report.records.length;
  return (
    `  ${label.padEnd(24)} ${(t.ms / 1000).toFixed(2).padStart(7)} s  ` +
    `${Math.round((n / t.ms) * 1000)
      .toString()
      .padStart(6)} records/s  ` +
    `(${t.report.created} created, ${t.report.merged} merged, ${t.report.rejected} rejected)`
  );
}

async function benchStore(name: string, store: EvidenceStore, text: string): Promise<void> {
  const first = await timedImport(store, text);
  const second = await timedImport(store, text);
  const counts = await store.counts();
  console.log(`${name}:`);
  console.log(line('first import', first));
  console.log(line('second (idempotent) run', second));
  console.log(`  store holds ${counts.studies} studies`);
  if (first.report.created !== RECORDS || second.report.created !== 0)
    throw new Error(
      `${name}: expected ${RECORDS} created then 0, got ${first.report.created} then ${second.report.created}`,
    );
}

async function main(): Promise<void> {
  const text = syntheticBibtex(RECORDS);
  console.log(
    `Citation import: ${RECORDS} synthetic BibTeX records (${(text.length / 1e6).toFixed(1)} MB), ` +
      `batches of ${BATCH ?? 'the default 500'}.`,
  );
  const t0 = performance.now();
  const parsed = parseRecords(CitationFormat.BIBTEX, text);
  const parseMs = performance.now() - t0;
  console.log(
    `parsing only (Citation.js): ${(parseMs / 1000).toFixed(2)} s, ` +
      `${Math.round((parsed.length / parseMs) * 1000)} records/s`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'evidence-bench-import-'));
  try {
    const sqlite = createSqliteStore(join(dir, 'import.db'));
    await sqlite.init();
    try {
      await benchStore('SQLite (temp file)', sqlite, text);
    } finally {
      await sqlite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const uri = process.env.BENCH_NEO4J_URI;
  if (!uri) {
    console.log('Neo4j: skipped (set BENCH_NEO4J_URI to a server this benchmark may wipe).');
    return;
  }
  const neo = createNeo4jStore({
    uri,
    user: process.env.BENCH_NEO4J_USER,
    password: process.env.BENCH_NEO4J_PASSWORD,
  });
  await neo.init();
  try {
    await neo.clear();
    await benchStore(`Neo4j (${uri})`, neo, text);
  } finally {
    await neo.close();
  }
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
