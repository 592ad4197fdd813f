/**
 * `npm run bench` (part 3): what the audit trail costs.
 *  - asOf: rebuilding the knowledge base (records and history) at an instant from the history into
 *    an in-memory SQLite copy (the cold path of evidenceReport(asOf:); repeats hit a cache), for the
 *    seeded corpus and after 2,000 more audited edits
 *  - an audited claim update (compare-and-set + revision in one transaction)
 *  - the report over HTTP answered as of an instant, cold and cached
 *  - the token check on a request (anonymous vs bearer)
 *  - with BENCH_NEO4J_URI (a server it may wipe): the rebuild from Neo4j
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Bench } from 'tinybench';
import { createApp } from '../src/app.factory';
import { AuthService } from '../src/auth/auth.service';
import { newRevisionId, nowIso } from '../src/common/ids';
import { bundleAudit, revision } from '../src/history/revision';
import { snapshotOf } from '../src/history/snapshot';
import { loadCuration, SEED_WRITER } from '../src/seed/curation';
import { EvidenceStore } from '../src/store/ports';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store';
import { createSnapshotStore } from '../src/store/store.factory';

const EDITS = 2000;

async function seedAudited(store: EvidenceStore): Promise<string> {
  await store.upsertBundle(loadCuration(), 'create-missing', bundleAudit(SEED_WRITER));
  return nowIso();
}

/** `EDITS` audited text edits spread over the seeded claims. */
async function edit(store: EvidenceStore, n: number): Promise<void> {
  const claims = await store.getClaims(await store.findClaimIds({}));
  for (let i = 0; i < n; i++) {
    const c = claims[i % claims.length];
    const at = nowIso();
    const after = { ...c, text: `${c.text} (${i})`, updatedAt: at, version: c.version + 1 };
    const r = await store.updateClaim(c.id, c.version, { text: after.text }, at, [
      revision('claims', c, after, { actor: 'bench' }, at),
    ]);
    if (!r.ok) throw new Error('edit lost');
    claims[i % claims.length] = r.record;
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-history-bench-'));
  const rows: Array<Record<string, string | number>> = [];
  const record = (b: Bench) =>
    b.tasks.forEach((t) => {
      const r = t.result as unknown as { latency: { mean: number; p99?: number } };
      rows.push({
        task: t.name,
        'mean ms': r.latency.mean.toFixed(2),
        'p99 ms': (r.latency.p99 ?? NaN).toFixed(2),
        samples: t.runs,
      });
    });
  try {
    const store = createSqliteStore(join(dir, 'audited.db'));
    await store.init();
    const afterSeed = await seedAudited(store);
    const seededRevisions = (await store.scanRevisions(undefined, 100_000)).length;

    const b1 = new Bench({ iterations: 10, warmupIterations: 1, time: 0 });
    b1.add(`asOf rebuild, seeded (${seededRevisions} revisions, none undone)`, async () => {
      await (await snapshotOf(store, afterSeed, createSnapshotStore)).close();
    });
    b1.add('asOf rebuild, before the seed (everything undone)', async () => {
      await (await snapshotOf(store, '2000-01-01T00:00:00.000Z', createSnapshotStore)).close();
    });
    await b1.run();
    record(b1);

    const t0 = performance.now();
    await edit(store, EDITS);
    const editMs = performance.now() - t0;
    const b2 = new Bench({ iterations: 10, warmupIterations: 1, time: 0 });
    b2.add(`asOf rebuild, undoing ${EDITS} later edits`, async () => {
      await (await snapshotOf(store, afterSeed, createSnapshotStore)).close();
    });
    await b2.run();
    record(b2);
    await store.close();

    // --- over HTTP: asOf cold vs cached, token check ------------------------------------------
    process.env.SQLITE_PATH = join(dir, 'http.db');
    process.env.SEED_ON_START = 'true';
    process.env.RATE_LIMIT_ENABLED = 'false';
    process.env.LOG_LEVEL = 'silent';
    // "now" against asOf: both read the store each time (asOf reports are never cached).
    process.env.REPORT_CACHE_MB = '0';
    const app = await createApp({ logger: false });
    await app.listen(0, '127.0.0.1');
    const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
    const { secret } = await app.get(AuthService).createToken('bench', 'READER', {
      actor: 'bench',
    });
    const post = (query: string, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      }).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 500)); // let the seed land
    const now = nowIso();
    let cold = 0;
    const b3 = new Bench({ time: 2000, warmupTime: 200 });
    b3.add('HTTP evidenceReport "chronic pain" now', () =>
      post('{ evidenceReport(condition: "chronic pain") { summary { text } } }'),
    );
    b3.add('HTTP evidenceReport "chronic pain" asOf (cached snapshot)', () =>
      post(`{ evidenceReport(condition: "chronic pain", asOf: "${now}") { summary { text } } }`),
    );
    b3.add('HTTP evidenceReport "chronic pain" asOf (cold: a new instant each time)', () => {
      const at = new Date(Date.parse(now) - ++cold).toISOString();
      return post(
        `{ evidenceReport(condition: "chronic pain", asOf: "${at}") { summary { text } } }`,
      );
    });
    b3.add('HTTP { me } anonymous', () => post('{ me { authenticated } }'));
    b3.add('HTTP { me } with a bearer token (hash lookup)', () =>
      post('{ me { authenticated } }', { authorization: `Bearer ${secret}` }),
    );
    await b3.run();
    record(b3);
    await app.close();

    if (process.env.BENCH_NEO4J_URI) {
      const neo = createNeo4jStore({ uri: process.env.BENCH_NEO4J_URI });
      await neo.init();
      await neo.clear();
      const neoSeeded = await seedAudited(neo);
      await edit(neo, 200);
      const b4 = new Bench({ iterations: 5, warmupIterations: 1, time: 0 });
      b4.add('asOf rebuild from Neo4j, undoing 200 later edits', async () => {
        await (await snapshotOf(neo, neoSeeded, createSnapshotStore)).close();
      });
      await b4.run();
      record(b4);
      await neo.close();
    }

    console.table(rows);
    console.log(
      `${EDITS} audited claim updates (compare-and-set + revision, one transaction each): ${editMs.toFixed(0)} ms, ${(editMs / EDITS).toFixed(3)} ms each. Revision id sample: ${newRevisionId(nowIso())}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
