/**
 * `npm run bench` (with BENCH_NEO4J_URI, a Neo4j it may wipe): the claim lookup a report starts
 * with, for one condition of 20 claims, as the rest of the graph grows. Side by side in one run:
 * the adapter's lookup (from the condition by id, an index seek) against the lookup it replaced
 * (every claim filtered with EXISTS), medians of tinybench runs, at each size.
 */
import { Bench } from 'tinybench';
import neo4j from 'neo4j-driver';
import { emptyBundle } from '../src/store/bundle-plan';
import { claimLookup } from '../src/store/neo4j/claims.neo4j';
import { createNeo4jStore } from '../src/store/neo4j/neo4j.store';
import * as f from '../test/support/fixtures';

const SIZES = (process.env.BENCH_LOOKUP_SIZES ?? '1000,10000,30000').split(',').map(Number);
const FIXED = 20;
const OTHERS = 100;

/** The lookup before this change, kept here as the reference. */
const SCAN_ALL = `MATCH (n:Claim) WHERE EXISTS { (n)-[:ABOUT]->(x) WHERE x.id IN $conditionIds }
                  RETURN n.id AS id ORDER BY id`;

async function main(): Promise<void> {
  const uri = process.env.BENCH_NEO4J_URI;
  if (!uri) {
    console.log('claim lookup: skipped (set BENCH_NEO4J_URI to a Neo4j server it may wipe)');
    return;
  }
  const store = createNeo4jStore({ uri });
  await store.init();
  await store.clear();
  const driver = neo4j.driver(uri);
  const rows: string[][] = [['claims in store', 'from condition (ms)', 'scan all (ms)', 'ratio']];
  let have = 0;
  try {
    for (const size of SIZES) {
      // Grow the store to `size` claims: 20 on the fixed condition, the rest spread over others.
      const b = emptyBundle();
      if (have === 0) {
        b.conditions.push(f.condition({ id: 'fixed', name: 'Fixed condition' }));
        for (let k = 0; k < OTHERS; k++)
          b.conditions.push(f.condition({ id: `other-${k}`, name: `Other ${k}` }));
      }
      for (let i = have; i < size; i++)
        b.claims.push(
          f.claim({
            id: `claim-${String(i).padStart(7, '0')}`,
            text: `Claim ${i}`,
            conditionIds: [i < FIXED ? 'fixed' : `other-${i % OTHERS}`],
            mechanismIds: [],
          }),
        );
      for (let start = 0; start < b.claims.length; start += 5000) {
        const part = emptyBundle();
        if (start === 0) part.conditions.push(...b.conditions);
        part.claims.push(...b.claims.slice(start, start + 5000));
        await store.upsertBundle(part);
      }
      have = size;

      const lookup = claimLookup({ conditionIds: ['fixed'] });
      const bench = new Bench({ iterations: 30, warmupIterations: 5 });
      bench.add('from condition', async () => {
        const r = await driver.executeQuery(lookup.cypher, lookup.params);
        if (r.records.length !== FIXED) throw new Error(`found ${r.records.length}`);
      });
      bench.add('scan all', async () => {
        const r = await driver.executeQuery(SCAN_ALL, { conditionIds: ['fixed'] });
        if (r.records.length !== FIXED) throw new Error(`found ${r.records.length}`);
      });
      await bench.run();
      const median = (name: string) =>
        (
          bench.tasks.find((t) => t.name === name)!.result as unknown as {
            latency: { p50: number };
          }
        ).latency.p50;
      const [a, s] = [median('from condition'), median('scan all')];
      rows.push([String(size), a.toFixed(2), s.toFixed(2), `${(s / a).toFixed(1)}x`]);
    }
  } finally {
    await store.clear();
    await driver.close();
    await store.close();
  }
  console.log('\nNeo4j claim lookup for one condition of 20 claims (p50 of 30 runs each):');
  for (const r of rows) console.log(r.map((c) => c.padStart(20)).join(''));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
