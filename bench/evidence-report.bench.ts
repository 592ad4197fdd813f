/**
 * `npm run bench`: how fast the embedded store seeds and answers, measured (tinybench) on real
 * SQLite files in a temp folder. Numbers go in notes and the README; tests never assert timings.
 *
 *  - seed: loading the curated corpus into an empty store (one transaction)
 *  - report: evidenceReport through the service layer, fresh request caches each time,
 *    for the seeded "chronic pain" (with narrower conditions) and a synthetic condition with N claims
 *  - http: the same seeded report over HTTP, with nested fields, against the real server
 *  - search: a ranked full-text query
 *  - with BENCH_NEO4J_URI (a server it may wipe): seeding and the same reads on Neo4j
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Bench } from 'tinybench';
import { createApp } from '../src/app.factory';
import { ConditionsService } from '../src/conditions/conditions.service';
import { ClaimEvidenceService } from '../src/evidence/claim-evidence.service';
import { ReportService } from '../src/evidence/report.service';
import { GraphService } from '../src/graph/graph.service';
import { ReadScope } from '../src/read-scope/read-scope';
import { SearchService } from '../src/search/search.service';
import { loadCuration } from '../src/seed/curation';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import { SqliteStore, createSqliteStore } from '../src/store/sqlite/sqlite.store';
import * as f from '../test/support/fixtures';

const SYNTHETIC_CLAIMS = Number(process.env.BENCH_CLAIMS ?? 2000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-bench-'));
  try {
    // --- seeding -----------------------------------------------------------------------------
    let seedRun = 0;
    const seedBench = new Bench({ iterations: 10, warmupIterations: 1 });
    seedBench.add('seed curated corpus into an empty SQLite file', async () => {
      const store = createSqliteStore(join(dir, `seed-${seedRun++}.db`));
      await store.init();
      await store.upsertBundle(loadCuration());
      await store.close();
    });
    await seedBench.run();

    // --- reports through the service ----------------------------------------------------------
    const seeded = createSqliteStore(join(dir, 'seeded.db'));
    await seeded.init();
    await seeded.upsertBundle(loadCuration());
    const big = createSqliteStore(join(dir, 'big.db'));
    await big.init();
    const bundle = f.syntheticCondition(SYNTHETIC_CLAIMS, 20);
    const t0 = performance.now();
    await big.upsertBundle(bundle);
    const syntheticLoadMs = performance.now() - t0;

    // Reads go through a fresh read scope (the request's caches) each time; the stores are passed
    // only as the conditions service's write role, which reports never use.
    const reportsFor = (store: SqliteStore) =>
      new ReportService(new ConditionsService(store), new ClaimEvidenceService());
    const seededReports = reportsFor(seeded);
    const bigReports = reportsFor(big);
    const search = new SearchService(new GraphService());

    const bench = new Bench({ time: 2000, warmupTime: 300 });
    bench
      .add('evidenceReport "fibro" (seeded, service)', () =>
        seededReports
          .evidenceReport('fibro', true, null, new ReadScope(seeded))
          .then(() => undefined),
      )
      .add('evidenceReport "chronic pain" + narrower (seeded, service)', () =>
        seededReports
          .evidenceReport('chronic pain', true, null, new ReadScope(seeded))
          .then(() => undefined),
      )
      .add(`evidenceReport on ${SYNTHETIC_CLAIMS} claims (synthetic, service)`, () =>
        bigReports
          .evidenceReport('Big condition', true, null, new ReadScope(big))
          .then(() => undefined),
      )
      .add('search "ketamine pain" first 20 (seeded)', () =>
        search.search('ketamine pain', null, 20, null, new ReadScope(seeded)).then(() => undefined),
      );
    await bench.run();

    // --- the same over HTTP ---------------------------------------------------------------------
    process.env.SQLITE_PATH = join(dir, 'http.db');
    process.env.SEED_ON_START = 'true';
    process.env.RATE_LIMIT_ENABLED = 'false'; // thousands of timed requests from one IP
    const app = await createApp({ logger: false });
    await app.listen(0, '127.0.0.1');
    const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
    const query = `{ evidenceReport(condition: "chronic pain") { summary { text } claims { claim { id text } status grade explanation
      statements { quote start end source { title } } supporting { study { title doi } } contradicting { study { title } } gaps { description } } } }`;
    const post = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }).then((r) => r.json());
    const httpBench = new Bench({ time: 2000, warmupTime: 300 });
    httpBench.add('HTTP evidenceReport "chronic pain" with nested fields', async () => {
      await post();
    });
    await httpBench.run();
    await app.close();

    // --- Neo4j, when BENCH_NEO4J_URI names a server it may wipe ------------------------------
    const neoTasks: typeof bench.tasks = [];
    if (process.env.BENCH_NEO4J_URI) {
      const neo = createNeo4jStore({ uri: process.env.BENCH_NEO4J_URI });
      await neo.init();
      const neoBench = new Bench({ iterations: 5, warmupIterations: 1, time: 0 });
      neoBench.add('seed curated corpus into an empty Neo4j', async () => {
        await neo.clear();
        await neo.upsertBundle(loadCuration());
      });
      await neoBench.run();
      const neoReports = new ReportService(new ConditionsService(neo), new ClaimEvidenceService());
      const neoSearch = search;
      const neoRead = new Bench({ time: 2000, warmupTime: 300 });
      neoRead
        .add('evidenceReport "fibro" (Neo4j, service)', () =>
          neoReports.evidenceReport('fibro', true, null, new ReadScope(neo)).then(() => undefined),
        )
        .add('evidenceReport "chronic pain" + narrower (Neo4j, service)', () =>
          neoReports
            .evidenceReport('chronic pain', true, null, new ReadScope(neo))
            .then(() => undefined),
        )
        .add('search "ketamine pain" first 20 (Neo4j)', () =>
          neoSearch
            .search('ketamine pain', null, 20, null, new ReadScope(neo))
            .then(() => undefined),
        );
      await neoRead.run();
      neoTasks.push(...neoBench.tasks, ...neoRead.tasks);
      await neo.close();
    }

    const rows = [...seedBench.tasks, ...bench.tasks, ...httpBench.tasks, ...neoTasks].map((t) => {
      const r = t.result as unknown as {
        latency: { mean: number; p50?: number; p99?: number };
        throughput: { mean: number };
      };
      return {
        task: t.name,
        'mean ms': r.latency.mean.toFixed(2),
        'p50 ms': (r.latency.p50 ?? NaN).toFixed(2),
        'p99 ms': (r.latency.p99 ?? NaN).toFixed(2),
        'ops/s': r.throughput.mean.toFixed(1),
        samples: t.runs,
      };
    });
    console.table(rows);
    console.log(
      `Synthetic load: ${SYNTHETIC_CLAIMS} claims (+ statements, ${SYNTHETIC_CLAIMS * 2} links) in ${syntheticLoadMs.toFixed(0)} ms, one transaction.`,
    );
    await seeded.close();
    await big.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
