/**
 * `npm run bench`: search as the store grows, SQLite at 1k, 10k, 100k and 1M claims
 * (BENCH_SEARCH_SIZES) and Neo4j at 1k, 10k and 100k (BENCH_SEARCH_NEO4J_SIZES) when a server is
 * given (BENCH_NEO4J_URI or NEO4J_TEST_URI: a Neo4j it may wipe; skipped with a line otherwise).
 *
 * Two queries, each the way SearchService asks (the best 500 candidates, counted up to 501):
 * - selective: a word exactly one claim holds (every claim has its own six-letter code word);
 * - everything: "ketamine", which every claim holds.
 * Side by side in one run, rounds interleaved, p50 of each: the adapter's search ("after") against
 * the search it replaced ("before", kept below as the reference: every match counted, ranked and
 * sorted — in SQLite with the old SQL on the same file, in Neo4j with the old Cypher and ranking).
 * Both run on today's index (SQLite: with migration 9's prefix index). Prints the ratios 1M (or
 * the largest size) against 1k and writes bench/results/search-scale.json. Generating 1M SQLite
 * claims takes about two minutes (BENCH_SEARCH_SIZES=1000,10000,100000 for a quicker run).
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { Driver } from 'neo4j-driver';
import { SEARCH_CANDIDATES } from '../src/search/search.service';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import { SEARCH_INDEX } from '../src/store/neo4j/neo4j.schema';
import type { SearchQuery } from '../src/store/ports';
import { termForms } from '../src/store/searchable-text';
import { createSqliteStore } from '../src/store/sqlite/sqlite.store';
import { code, grow, time } from './support/scale-store';

const SQLITE_SIZES = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000,100000,1000000')
  .split(',')
  .filter(Boolean)
  .map(Number);
const NEO4J_SIZES = (process.env.BENCH_SEARCH_NEO4J_SIZES ?? '1000,10000,100000')
  .split(',')
  .map(Number);
/** The SQLite search before this change: every match counted, then every match ranked. */
function sqliteBefore(db: Database.Database, q: SearchQuery) {
  const match = q.terms
    .map(termForms)
    .map((f) => `(${f.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' OR ')})`)
    .join(' AND ');
  const total = (
    db.prepare('SELECT count(*) AS n FROM search_index WHERE search_index MATCH ?').get(match) as {
      n: number;
    }
  ).n;
  const hits = db
    .prepare(
      `SELECT id, type, label, body, bm25(search_index, 0, 0, 0, 0, 4.0, 1.0, 0.5) AS rank
       FROM search_index WHERE search_index MATCH ? ORDER BY rank, id LIMIT ? OFFSET ?`,
    )
    .all(match, q.limit, q.offset) as unknown[];
  return { hits, totalCount: total };
}

/** The Neo4j search before this change: every match back to Node, counted and ranked there. */
async function neo4jBefore(driver: Driver, q: SearchQuery) {
  const esc = (t: string) => t.replace(/[+\-&|!(){}[\]^"~*?:\\/\s]/g, '\\$&');
  const forms = q.terms.map(termForms);
  const lucene = forms
    .map((f) =>
      f
        .map(esc)
        .map((e) => `searchLabel:${e}* OR searchBody:${e}*`)
        .join(' OR '),
    )
    .map((any) => `(${any})`)
    .join(' AND ');
  const r = await driver.executeQuery(
    `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $lucene) YIELD node AS n
     WITH n, [w IN split(n.searchLabel, ' ') WHERE w <> ''] AS lw,
             [w IN split(n.searchBody, ' ') WHERE w <> ''] AS bw
     RETURN n.id AS id, size(lw) AS labelLength, size(bw) AS bodyLength,
            [f IN $forms | [
              size([w IN lw WHERE any(t IN f WHERE w STARTS WITH t)]) + size([w IN lw WHERE w = f[0]]),
              size([w IN bw WHERE any(t IN f WHERE w STARTS WITH t)]) + size([w IN bw WHERE w = f[0]])
            ]] AS counts`,
    { lucene, forms },
  );
  // The old ranking's sort (its BM25 arithmetic is cheap next to the transfer), then the page's
  // nodes read by id, as the old search did.
  const ids = r.records.map((x) => x.get('id') as string).sort();
  const page = await driver.executeQuery(
    'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n {.*} AS p',
    { ids: ids.slice(q.offset, q.offset + q.limit) },
  );
  return { hits: page.records, totalCount: ids.length };
}

interface Timing {
  size: number;
  selectiveAfter: number;
  selectiveBefore: number;
  everythingAfter: number;
  everythingBefore: number;
}

const query = (terms: string[]): SearchQuery => ({
  terms,
  limit: SEARCH_CANDIDATES,
  offset: 0,
  countUpTo: SEARCH_CANDIDATES + 1,
});

async function measure(
  size: number,
  after: (q: SearchQuery) => Promise<{ totalCount: number }>,
  before: (q: SearchQuery) => Promise<{ totalCount: number }>,
): Promise<Timing> {
  const selective = query([code(Math.floor(size / 2))]);
  const everything = query(['ketamine']);
  const check = async (name: string, p: Promise<{ totalCount: number }>, want: number) => {
    const n = (await p).totalCount;
    if (n !== want) throw new Error(`${name} at ${size}: totalCount ${n}, expected ${want}`);
  };
  await check('selective', after(selective), 1);
  await check('everything', after(everything), Math.min(size, SEARCH_CANDIDATES + 1));
  await check('selective (before)', before(selective), 1);
  await check('everything (before)', before(everything), size);
  // Sub-millisecond queries get many rounds, so a collection pause does not move the median.
  global.gc?.();
  const selectiveTimes = await time(201, {
    selectiveAfter: () => after(selective),
    selectiveBefore: () => before(selective),
  });
  const rounds = size >= 1_000_000 ? 7 : size >= 100_000 ? 11 : 21;
  const everythingTimes = await time(rounds, {
    everythingAfter: () => after(everything),
    everythingBefore: () => before(everything),
  });
  const t = { ...selectiveTimes, ...everythingTimes };
  return { size, ...(t as Omit<Timing, 'size'>) };
}

function table(title: string, timings: Timing[]): string[] {
  const lines = [title];
  const pad = (c: string[]) => c.map((x) => x.padStart(16)).join('');
  lines.push(
    pad(['claims', 'selective', 'selective', 'everything', 'everything']),
    pad(['', 'before (ms)', 'after (ms)', 'before (ms)', 'after (ms)']),
  );
  for (const t of timings)
    lines.push(
      pad([
        String(t.size),
        t.selectiveBefore.toFixed(2),
        t.selectiveAfter.toFixed(2),
        t.everythingBefore.toFixed(2),
        t.everythingAfter.toFixed(2),
      ]),
    );
  if (timings.length > 1) {
    const [a, z] = [timings[0], timings[timings.length - 1]];
    const r = (k: keyof Timing) => `${((z[k] as number) / (a[k] as number)).toFixed(1)}x`;
    lines.push(
      pad([
        `${z.size / 1000}k/${a.size / 1000}k`,
        r('selectiveBefore'),
        r('selectiveAfter'),
        r('everythingBefore'),
        r('everythingAfter'),
      ]),
    );
  }
  return lines;
}

async function sqlitePart(): Promise<Timing[]> {
  const dir = mkdtempSync(join(tmpdir(), 'search-scale-'));
  const file = join(dir, 'bench.db');
  const store = createSqliteStore(file);
  await store.init();
  const raw = new Database(file, { readonly: true });
  const out: Timing[] = [];
  try {
    let have = 0;
    for (const size of SQLITE_SIZES) {
      await grow(store, have, size, 'SQLite');
      have = size;
      out.push(
        await measure(
          size,
          (q) => store.search(q),
          async (q) => sqliteBefore(raw, q),
        ),
      );
      console.log(`  SQLite ${size}: done`);
    }
  } finally {
    raw.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function neo4jPart(uri: string): Promise<Timing[]> {
  const store = createNeo4jStore({ uri });
  await store.init();
  await store.clear();
  const driver = neo4j.driver(uri);
  const out: Timing[] = [];
  try {
    let have = 0;
    for (const size of NEO4J_SIZES) {
      await grow(store, have, size, 'Neo4j');
      have = size;
      await driver.executeQuery('CALL db.awaitIndexes(300)');
      out.push(
        await measure(
          size,
          (q) => store.search(q),
          (q) => neo4jBefore(driver, q),
        ),
      );
      console.log(`  Neo4j ${size}: done`);
    }
  } finally {
    await store.clear();
    await driver.close();
    await store.close();
  }
  return out;
}

async function main(): Promise<void> {
  const results: Record<string, Timing[]> = {};
  const lines: string[] = [];
  results.sqlite = await sqlitePart();
  lines.push(
    ...table(
      '\nSQLite search, p50 (before: count + rank every match; after: bounded)',
      results.sqlite,
    ),
  );
  const uri = process.env.BENCH_NEO4J_URI ?? process.env.NEO4J_TEST_URI;
  if (uri) {
    results.neo4j = await neo4jPart(uri);
    lines.push(
      ...table(
        '\nNeo4j search, p50 (before: every match to Node; after: top-k in Lucene)',
        results.neo4j,
      ),
    );
  } else lines.push('\nNeo4j search: skipped (set BENCH_NEO4J_URI to a Neo4j server it may wipe)');
  console.log(lines.join('\n'));
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'search-scale.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
