/**
 * `npm run bench`: the fixed-size evidence report as the store grows, SQLite at 1k, 10k, 100k and
 * 1M claims (BENCH_REPORT_SIZES) and Neo4j at 1k, 10k and 100k (BENCH_REPORT_NEO4J_SIZES) when a
 * server is given (BENCH_NEO4J_URI: a Neo4j it may wipe; skipped with a line otherwise).
 *
 * The report is always the same: "Big condition" with its narrower one, 20 claims, each with a
 * statement, two evidence links over four studies, and a gap for every fifth
 * (test/support/fixtures.ts syntheticCondition). The rest of the store is synthetic (the builder
 * search-scale uses, bench/support/scale-store.ts): claims about 50 other conditions, every tenth
 * with a supporting link from one of 200 other studies. Through ReportService with a fresh
 * ReadScope per call (the floor of issue 13), p50 of interleaved rounds per size, and the ratio of
 * the largest size to the smallest (issue 13 item 2 asks ≤ 1.5 from 1k to 100k). Writes
 * bench/results/report-scale.json. Generating 1M SQLite claims takes a few minutes
 * (BENCH_REPORT_SIZES=1000,10000,100000 for a quicker run).
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { ConditionsService } from '../src/conditions/conditions.service';
import { ClaimEvidenceService } from '../src/evidence/claim-evidence.service';
import { ReportService } from '../src/evidence/report.service';
import { EvidenceRelation } from '../src/graphql.schema';
import { ReadScope } from '../src/read-scope/read-scope';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import type { EvidenceStore } from '../src/store/ports';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store';
import * as f from '../test/support/fixtures';
import { wipeNeo4j } from './support/neo4j-wipe';
import { grow, time } from './support/scale-store';

const SQLITE_SIZES = (process.env.BENCH_REPORT_SIZES ?? '1000,10000,100000,1000000')
  .split(',')
  .filter(Boolean)
  .map(Number);
const NEO4J_SIZES = (process.env.BENCH_REPORT_NEO4J_SIZES ?? '1000,10000,100000')
  .split(',')
  .filter(Boolean)
  .map(Number);
const REPORT_CLAIMS = 20;
const OTHER_CONDITIONS = 50;
const OTHER_STUDIES = 200;

interface Timing {
  size: number;
  reportMs: number;
}

/** The report's condition and what the synthetic claims refer to, written once. */
async function base(store: EvidenceStore): Promise<void> {
  const b = f.syntheticCondition(REPORT_CLAIMS, 4);
  for (let k = 0; k < OTHER_CONDITIONS; k++)
    b.conditions.push(f.condition({ id: `other-${k}`, name: `Other condition ${k}` }));
  for (let k = 0; k < OTHER_STUDIES; k++)
    b.studies.push(f.study({ id: `other-study-${k}`, doi: `10.1000/other-${k}`, pmid: null }));
  await store.upsertBundle(b);
}

/** Grows to `size` claims in all: the report's 20 and the synthetic rest. */
const growTo = (store: EvidenceStore, have: number, size: number, label: string) =>
  grow(store, have - REPORT_CLAIMS, size - REPORT_CLAIMS, label, (b, claim, i) => {
    claim.conditionIds = [`other-${i % OTHER_CONDITIONS}`];
    if (i % 10 === 0)
      b.evidence.push(
        f.link({
          id: `other-ev-${i}`,
          studyId: `other-study-${i % OTHER_STUDIES}`,
          claimId: claim.id,
          relation: EvidenceRelation.SUPPORTS,
        }),
      );
  });

async function measure(store: EvidenceStore, size: number): Promise<Timing> {
  const reports = new ReportService(new ConditionsService(store), new ClaimEvidenceService());
  const report = () => reports.evidenceReport('Big condition', true, null, new ReadScope(store));
  const n = (await report()).claims.length;
  if (n !== REPORT_CLAIMS) throw new Error(`at ${size}: ${n} claims, expected ${REPORT_CLAIMS}`);
  // Warm (JIT on both sides, page cache, query plans) before timing, for at least 3 s and 20
  // calls: the sizes cannot be interleaved, and the first must not pay for the warm-up.
  const warmUntil = performance.now() + 3000;
  for (let k = 0; k < 20 || performance.now() < warmUntil; k++) await report();
  global.gc?.();
  const t = await time(size >= 1_000_000 ? 21 : 41, { reportMs: report });
  return { size, reportMs: t.reportMs };
}

async function run(store: EvidenceStore, sizes: number[], label: string, settle?: () => unknown) {
  const out: Timing[] = [];
  await base(store);
  let have = REPORT_CLAIMS;
  for (const size of sizes) {
    await growTo(store, have, size, label);
    have = size;
    await settle?.();
    out.push(await measure(store, size));
    console.log(`  ${label} ${size}: ${out[out.length - 1].reportMs.toFixed(2)} ms`);
  }
  return out;
}

async function sqlitePart(): Promise<Timing[]> {
  const dir = mkdtempSync(join(tmpdir(), 'report-scale-'));
  const store = createSqliteStore(join(dir, 'bench.db'));
  await store.init();
  try {
    return await run(store, SQLITE_SIZES, 'SQLite');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function neo4jPart(uri: string): Promise<Timing[]> {
  await wipeNeo4j(uri);
  const store = createNeo4jStore({ uri });
  await store.init();
  const driver = neo4j.driver(uri);
  try {
    return await run(store, NEO4J_SIZES, 'Neo4j', () =>
      driver.executeQuery('CALL db.awaitIndexes(300)'),
    );
  } finally {
    await driver.close();
    await store.close();
    await wipeNeo4j(uri);
  }
}

function table(title: string, timings: Timing[]): string[] {
  const pad = (c: string[]) => c.map((x) => x.padStart(16)).join('');
  const lines = [title, pad(['claims', 'report p50 (ms)'])];
  for (const t of timings) lines.push(pad([String(t.size), t.reportMs.toFixed(2)]));
  if (timings.length > 1) {
    const [a, z] = [timings[0], timings[timings.length - 1]];
    lines.push(
      pad([`${z.size / 1000}k/${a.size / 1000}k`, `${(z.reportMs / a.reportMs).toFixed(2)}x`]),
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const results: Record<string, Timing[]> = {};
  const lines: string[] = [];
  results.sqlite = await sqlitePart();
  lines.push(...table('\nSQLite, evidence report of 20 claims (service, p50)', results.sqlite));
  const uri = process.env.BENCH_NEO4J_URI;
  if (uri) {
    results.neo4j = await neo4jPart(uri);
    lines.push(...table('\nNeo4j, evidence report of 20 claims (service, p50)', results.neo4j));
  } else lines.push('\nNeo4j: skipped (set BENCH_NEO4J_URI to a Neo4j server it may wipe)');
  lines.push('Measured on a machine possibly shared with other work.');
  console.log(lines.join('\n'));
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'report-scale.json'),
    `${JSON.stringify({ note: 'Measured on a shared machine (other work running).', ...results }, null, 2)}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
