/**
 * `npm run bench`: an asOf report as the store grows. The report is fixed (one condition of 20
 * claims with statements, links, studies and gaps: fixtures.syntheticCondition), the rest of the
 * store is synthetic filler claims, each about one of 1,000 filler conditions and each with its
 * creation revision, so the store and its history grow together: SQLite at 1k, 10k, 100k and 1M
 * claims (BENCH_ASOF_SIZES) and Neo4j at 1k, 10k and 100k (BENCH_ASOF_NEO4J_SIZES) when a server
 * is given (BENCH_NEO4J_URI or NEO4J_TEST_URI: a Neo4j it may wipe; skipped with a line otherwise).
 *
 * After the instant asked for, a fixed set of changes (208 records: 5 report claims edited, one
 * sent back to review, a link deleted, a claim added to the condition, 200 filler claims edited),
 * so the overlay is the same at every size. Three ways to answer, rounds interleaved, p50 each:
 * - current: today's report (a fresh read scope, nothing cached);
 * - cold asOf: the report asOf a new instant each round (nothing cached), through the
 *   SnapshotService as the server does (the live store plus the overlay, as-of-reads.ts);
 * - old snapshot: the report over the snapshot copy it replaced (snapshot.ts: the whole store
 *   and the later history copied into an in-memory SQLite), up to BENCH_ASOF_OLD_MAX claims
 *   (100k by default: at 1M one copy takes minutes).
 * And the memory each holds while its report is answered (heap and RSS growth over a collected
 * baseline). Writes bench/results/asof-scale.json (BENCH_ASOF_SIZES= with no sizes: Neo4j only). BENCH_ASOF_FILE=path keeps the SQLite file
 * between runs (it grows from the size it holds), since building 1M claims takes minutes.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConditionsService } from '../src/conditions/conditions.service';
import { ClaimEvidenceService } from '../src/evidence/claim-evidence.service';
import { ReportService } from '../src/evidence/report.service';
import { ClaimKind, ReviewStatus } from '../src/graphql.schema';
import { revision } from '../src/history/revision';
import { snapshotOf } from '../src/history/snapshot';
import { SnapshotService } from '../src/history/snapshot.service';
import { ReadScope } from '../src/read-scope/read-scope';
import { emptyBundle } from '../src/store/bundle-plan';
import neo4j from 'neo4j-driver';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import type { ClaimPatch, EvidenceStore } from '../src/store/ports';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store';
import { createSnapshotStore } from '../src/store/store.factory';
import * as f from '../test/support/fixtures';

const sizes = (name: string, fallback: string) =>
  (process.env[name] ?? fallback).split(',').filter(Boolean).map(Number);
const SQLITE_SIZES = sizes('BENCH_ASOF_SIZES', '1000,10000,100000,1000000');
const NEO4J_SIZES = sizes('BENCH_ASOF_NEO4J_SIZES', '1000,10000,100000');
const OLD_MAX = Number(process.env.BENCH_ASOF_OLD_MAX ?? 100_000);
const REPORT_CLAIMS = 20;
const FILLER_CONDITIONS = 1000;
const FILLER_EDITS = 200;
const CHUNK = 10_000;

const SEEDED = Date.parse('2025-01-01T00:00:00.000Z');
/** Filler claim i is created at SEEDED + i ms; every instant asked for comes after all of them. */
const INSTANTS = Date.parse('2025-01-02T00:00:00.000Z');
const CHANGED = Date.parse('2025-01-03T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const seed = { actor: 'bench' };

const fillerId = (i: number) => `filler-${String(i).padStart(7, '0')}`;
const fillerCondition = (i: number) => `filler-cond-${String(i).padStart(4, '0')}`;

/** The report's condition and its 20 claims, and the filler conditions, with their revisions. */
async function seedReport(store: EvidenceStore): Promise<void> {
  const b = f.syntheticCondition(REPORT_CLAIMS, 4);
  for (let i = 0; i < FILLER_CONDITIONS; i++)
    b.conditions.push(f.condition({ id: fillerCondition(i), name: `Filler condition ${i}` }));
  await store.upsertBundle(b, 'create-missing', {
    revision: (kind, before, after) => revision(kind, before, after, seed, iso(SEEDED)),
  });
}

/** Grows the store to `size` claims (report included) CHUNK at a time, each with its revision. */
async function grow(store: EvidenceStore, have: number, size: number, label: string) {
  const started = Date.now();
  for (let start = have; start < size; start += CHUNK) {
    const b = emptyBundle();
    const end = Math.min(size, start + CHUNK);
    for (let i = start; i < end; i++)
      b.claims.push(
        f.claim({
          id: fillerId(i),
          text: `Filler claim ${i} about outcome ${i % 97}`,
          kind: ClaimKind.EFFICACY,
          conditionIds: [fillerCondition(i % FILLER_CONDITIONS)],
          createdAt: iso(SEEDED),
          updatedAt: iso(SEEDED),
        }),
      );
    const at = new Map(b.claims.map((c, k) => [c.id, iso(SEEDED + start + k)]));
    await store.upsertBundle(b, 'create-missing', {
      revision: (kind, before, after) =>
        revision(kind, before, after, seed, at.get((after as { id: string }).id)),
    });
    if (size - have > CHUNK) process.stdout.write(`\r  ${label}: ${end} / ${size} claims`);
  }
  if (size - have > CHUNK)
    process.stdout.write(` (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

/** The changes made after every instant asked for: the same 208 records at every size. */
async function change(store: EvidenceStore): Promise<void> {
  let t = CHANGED;
  const editClaim = async (id: string, patch: ClaimPatch) => {
    const at = iso(t++);
    const [before] = await store.getClaims([id]);
    const after = { ...before, ...patch, version: before.version + 1, updatedAt: at };
    const done = await store.updateClaim(id, before.version, patch, at, [
      revision('claims', before, after, seed, at),
    ]);
    if (!done.ok) throw new Error(`edit of ${id}: ${done.reason}`);
  };
  for (let i = 0; i < 5; i++)
    await editClaim(`claim-${String(i).padStart(5, '0')}`, { text: `Claim ${i}, edited` });
  await editClaim('claim-00005', { reviewStatus: ReviewStatus.SUBMITTED });
  const [link] = await store.getEvidenceLinks(['ev-6-a']);
  const at = iso(t++);
  await store.deleteEvidenceLink(link.id, link.version, [
    revision('evidence', link, null, seed, at),
  ]);
  const added = f.claim({ id: 'claim-added', text: 'Added later', conditionIds: ['big'] });
  const addedAt = iso(t++);
  await store.createClaim(added, [revision('claims', null, added, seed, addedAt)]);
  for (let i = 0; i < FILLER_EDITS; i++)
    await editClaim(fillerId(i), { text: `Filler claim ${i}, edited` });
}

interface Timing {
  size: number;
  currentMs: number;
  coldAsOfMs: number;
  oldSnapshotMs: number | null;
  heapMb: { current: number; coldAsOf: number; oldSnapshot: number | null };
  rssMb: { current: number; coldAsOf: number; oldSnapshot: number | null; after: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

async function measure(store: EvidenceStore, size: number): Promise<Timing> {
  const reports = new ReportService(new ConditionsService(store), new ClaimEvidenceService());
  const snapshots = new SnapshotService(store, store, store, createSnapshotStore);
  let instant = INSTANTS + size; // a new instant for every cold read, at every size
  const report = (scope: ReadScope) => reports.evidenceReport('Big condition', true, null, scope);
  // `answered` runs once the report is made, before what it read is let go (memory samples).
  const variants = {
    current: async (answered?: () => void) => {
      const r = await report(new ReadScope(store));
      answered?.();
      return r;
    },
    coldAsOf: async (answered?: () => void) => {
      const scope = await snapshots.scopeAsOf(iso(instant++));
      try {
        const r = await report(scope);
        answered?.();
        return r;
      } finally {
        scope.release();
      }
    },
    oldSnapshot: async (answered?: () => void) => {
      const at = iso(instant++);
      const copy = await snapshotOf(store, at, createSnapshotStore);
      try {
        const r = await report(new ReadScope(copy, { asOf: at }));
        answered?.();
        return r;
      } finally {
        await copy.close();
      }
    },
  };
  const withOld = size <= OLD_MAX;

  // The answers first: asOf is the old snapshot's answer, and not today's.
  const claimsOf = (r: Awaited<ReturnType<typeof report>>) =>
    JSON.stringify(r.claims.map((c) => [c.claim, c.grade, c.supporting, c.statements, c.gaps]));
  const [now, then] = [await variants.current(), await variants.coldAsOf()];
  if (claimsOf(now) === claimsOf(then)) throw new Error('asOf report equals the current one');
  if (then.claims.length !== REPORT_CLAIMS)
    throw new Error(`asOf report: ${then.claims.length} claims`);
  if (withOld && claimsOf(await variants.oldSnapshot()) !== claimsOf(then))
    throw new Error(`asOf report differs from the old snapshot's at ${size}`);

  // Timings after a warm-up: current and cold asOf interleaved; the old path fewer rounds.
  const rounds = 31;
  const samples: Record<'current' | 'coldAsOf', number[]> = { current: [], coldAsOf: [] };
  for (let r = 0; r < 5; r++)
    for (const name of ['current', 'coldAsOf'] as const) await variants[name]();
  global.gc?.();
  for (let r = 0; r < rounds; r++)
    for (const name of ['current', 'coldAsOf'] as const) {
      const t0 = process.hrtime.bigint();
      await variants[name]();
      samples[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  let oldSnapshotMs: number | null = null;
  if (withOld) {
    const old: number[] = [];
    for (let r = 0; r < (size >= 100_000 ? 1 : 3); r++) {
      const t0 = process.hrtime.bigint();
      await variants.oldSnapshot();
      old.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    oldSnapshotMs = median(old);
  }

  // Memory held while answering: growth over a collected baseline, sampled during the report.
  const held = async (run: (answered: () => void) => Promise<unknown>) => {
    global.gc?.();
    const base = process.memoryUsage();
    let peak = { heap: 0, rss: 0 };
    const sample = () => {
      const m = process.memoryUsage();
      peak = {
        heap: Math.max(peak.heap, m.heapUsed - base.heapUsed),
        rss: Math.max(peak.rss, m.rss - base.rss),
      };
    };
    const timer = setInterval(sample, 1);
    try {
      await run(sample);
    } finally {
      clearInterval(timer);
    }
    return { heap: mb(peak.heap), rss: mb(peak.rss) };
  };
  const current = await held(variants.current);
  const coldAsOf = await held(variants.coldAsOf);
  const oldSnapshot = withOld ? await held(variants.oldSnapshot) : null;
  await snapshots.onModuleDestroy();
  return {
    size,
    currentMs: median(samples.current),
    coldAsOfMs: median(samples.coldAsOf),
    oldSnapshotMs,
    heapMb: {
      current: current.heap,
      coldAsOf: coldAsOf.heap,
      oldSnapshot: oldSnapshot?.heap ?? null,
    },
    rssMb: {
      current: current.rss,
      coldAsOf: coldAsOf.rss,
      oldSnapshot: oldSnapshot?.rss ?? null,
      after: mb(process.memoryUsage().rss),
    },
  };
}

function table(title: string, timings: Timing[]): string[] {
  const pad = (c: string[]) => c.map((x) => x.padStart(13)).join('');
  const ms = (x: number | null) => (x === null ? '-' : x.toFixed(1));
  const lines = [
    title,
    pad([
      'claims',
      'current',
      'cold asOf',
      'asOf/current',
      'old snapshot',
      'heap MB',
      'heap MB',
      'heap MB',
      'RSS MB',
    ]),
    pad(['', '(ms)', '(ms)', '', '(ms)', 'current', 'cold asOf', 'old snap.', 'process']),
  ];
  for (const t of timings)
    lines.push(
      pad([
        String(t.size),
        ms(t.currentMs),
        ms(t.coldAsOfMs),
        `${(t.coldAsOfMs / t.currentMs).toFixed(2)}x`,
        ms(t.oldSnapshotMs),
        ms(t.heapMb.current),
        ms(t.heapMb.coldAsOf),
        ms(t.heapMb.oldSnapshot),
        ms(t.rssMb.after),
      ]),
    );
  return lines;
}

/**
 * Seeds (on an empty store), grows and measures at each size. `settle` runs after growing, before
 * measuring, and returns the store to read: SQLite reopens its file, so the reads meet a
 * checkpointed file as a running server does, not the write-ahead log of a million fresh writes.
 */
async function run(
  first: EvidenceStore,
  list: number[],
  label: string,
  settle: (store: EvidenceStore) => Promise<EvidenceStore> = async (s) => s,
): Promise<Timing[]> {
  let store = first;
  const counts = await store.counts();
  let have = counts.claims === 0 ? 0 : counts.claims - REPORT_CLAIMS - 1;
  if (counts.claims === 0) {
    await seedReport(store);
    await grow(store, 0, Math.max(FILLER_EDITS, list[0] - REPORT_CLAIMS), label);
    have = Math.max(FILLER_EDITS, list[0] - REPORT_CLAIMS);
    await change(store);
  }
  const out: Timing[] = [];
  for (const size of list) {
    const filler = size - REPORT_CLAIMS;
    if (filler < have) {
      console.log(`  ${label} ${size}: skipped (the store already holds ${have} filler claims)`);
      continue;
    }
    await grow(store, have, filler, label);
    have = filler;
    store = await settle(store);
    const t = await measure(store, size);
    out.push(t);
    console.log(`  ${label} ${size}: ${JSON.stringify(t)}`);
  }
  return out;
}

async function sqlitePart(): Promise<Timing[]> {
  const kept = process.env.BENCH_ASOF_FILE;
  const dir = kept ? null : mkdtempSync(join(tmpdir(), 'asof-scale-'));
  const file = kept ?? join(dir!, 'bench.db');
  if (kept && existsSync(kept)) console.log(`  SQLite: reusing ${kept}`);
  const open = async () => {
    const s = createSqliteStore(file);
    await s.init();
    return s;
  };
  let store = await open();
  try {
    return await run(store, SQLITE_SIZES, 'SQLite', async (s) => {
      await s.close();
      return (store = await open());
    });
  } finally {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Empties the database in batches: at 100k claims and their revisions one transaction (the
 * store's clear) would pass the server's transaction memory limit.
 */
async function wipe(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session();
  try {
    // An auto-commit query: CALL … IN TRANSACTIONS commits its own batches.
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}

async function neo4jPart(uri: string): Promise<Timing[]> {
  await wipe(uri);
  const store = createNeo4jStore({ uri });
  await store.init();
  try {
    return await run(store, NEO4J_SIZES, 'Neo4j');
  } finally {
    await store.close();
    await wipe(uri);
  }
}

async function main(): Promise<void> {
  const results: Record<string, Timing[]> = {};
  const lines: string[] = [];
  const title = (store: string) =>
    `\n${store}: a 20-claim report, p50 (cold asOf: a new instant each round, 208 records changed since; old snapshot: the copy it replaced)`;
  if (SQLITE_SIZES.length) {
    results.sqlite = await sqlitePart();
    lines.push(...table(title('SQLite'), results.sqlite));
  }
  const uri = process.env.BENCH_NEO4J_URI ?? process.env.NEO4J_TEST_URI;
  if (uri) {
    results.neo4j = await neo4jPart(uri);
    lines.push(...table(title('Neo4j'), results.neo4j));
  } else lines.push('\nNeo4j asOf: skipped (set BENCH_NEO4J_URI to a Neo4j server it may wipe)');
  console.log(lines.join('\n'));
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  // A run of one store keeps the other's last figures.
  const file = join(dir, 'asof-scale.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
  writeFileSync(file, `${JSON.stringify({ ...kept, ...results }, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
