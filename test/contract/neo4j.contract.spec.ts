import neo4j from 'neo4j-driver';
import { NodeType, ReviewStatus } from '../../src/graphql.schema';
import { ClaimQuery, RECORD_KINDS, StoreUnavailableError } from '../../src/store/ports';
import { scanCypher } from '../../src/store/neo4j/admin.neo4j';
import { claimLookup } from '../../src/store/neo4j/claims.neo4j';
import { conditionEvidenceCypher } from '../../src/store/neo4j/report.neo4j';
import { labelLookup } from '../../src/store/neo4j/vocabulary.neo4j';
import { Neo4jStore, createNeo4jStore } from '../../src/store/neo4j/neo4j.store';
import { emptyBundle } from '../../src/store/bundle-plan';
import { SEARCH_FORMAT } from '../../src/store/searchable-text';
import * as f from '../support/fixtures';
import { Neo4jProbe } from '../support/neo4j-probe';
import { NEO4J_TEST_URI, neo4jEnabled } from '../support/neo4j-test-server';
import { describeStoreContract, StoreHarness } from './evidence-store.contract';

/**
 * The contract against a real Neo4j server, wiped before each test. Whether this run has one is
 * decided once by the global setup, which also prints how to enable these tests when it has not
 * (and fails the run instead when CI=true).
 */
let opened: Neo4jStore[] = [];

async function openStore(uri = NEO4J_TEST_URI): Promise<Neo4jStore> {
  const store = createNeo4jStore({ uri });
  opened.push(store);
  await store.init();
  return store;
}

const harness: StoreHarness = {
  async setup() {
    const probe = new Neo4jProbe(NEO4J_TEST_URI);
    await probe.wipe();
    return { store: await openStore(), probe };
  },
  reopen: () => openStore(),
  async teardown() {
    await Promise.all(opened.map((s) => s.close()));
    opened = [];
  },
};

/**
 * A store shaped like a real one (many claims over many conditions, all narrower than `root`):
 * on a graph of one claim a scan is the cheaper plan, and a plan cached then would stay.
 */
async function realisticShape(store: Neo4jStore): Promise<void> {
  const b = emptyBundle();
  b.conditions.push(f.condition({ id: 'root', name: 'Root' }));
  for (let k = 0; k < 30; k++)
    b.conditions.push(f.condition({ id: `cond-${k}`, name: `C ${k}`, broaderIds: ['root'] }));
  for (let i = 0; i < 300; i++)
    b.claims.push(f.claim({ id: `claim-${i}`, conditionIds: [`cond-${i % 30}`] }));
  await store.upsertBundle(b);
}

/** The operators of a statement's plan, made afresh (replan=force). */
async function planOperators(cypher: string, params: Record<string, unknown>): Promise<string[]> {
  const driver = neo4j.driver(NEO4J_TEST_URI);
  const operators = (plan: { operatorType: string; children?: unknown[] }): string[] => [
    plan.operatorType.replace(/@.*$/, ''),
    ...(plan.children ?? []).flatMap((c) => operators(c as typeof plan)),
  ];
  try {
    const { summary } = await driver.executeQuery(`CYPHER replan=force EXPLAIN ${cypher}`, params);
    return operators(summary.plan as { operatorType: string });
  } finally {
    await driver.close();
  }
}

if (neo4jEnabled()) {
  describeStoreContract('Neo4j (real server)', harness);

  describe('Neo4j store specifics', () => {
    let store: Neo4jStore;
    let probe: Neo4jProbe;

    beforeEach(async () => {
      probe = new Neo4jProbe(NEO4J_TEST_URI);
      await probe.wipe();
      store = await openStore();
      await store.upsertBundle(f.smallGraph());
    });

    afterEach(async () => {
      await probe.close();
      await harness.teardown();
    });

    it('stores integers as integers and timestamps as strings', async () => {
      expect(await probe.valueType('claim-a', 'version')).toBe('INTEGER NOT NULL');
      expect(await probe.valueType('stmt-a', 'start')).toBe('INTEGER NOT NULL');
      expect(await probe.valueType('claim-a', 'createdAt')).toBe('STRING NOT NULL');
    });

    it('looks claims up from the records they name by id, never by scanning every claim', async () => {
      await realisticShape(store);
      for (const q of [
        { conditionIds: ['cond-a'] },
        { conditionIds: ['cond-a'], mechanismIds: ['mech-a'], kind: 'EFFICACY' },
        { mechanismIds: ['mech-a'], hedging: 'ASSERTIVE' },
        { sourceId: 'src-a' },
      ] as const) {
        const { cypher, params } = claimLookup(q as ClaimQuery);
        const ops = await planOperators(cypher, params);
        expect({ q, seek: ops.includes('NodeUniqueIndexSeek') }).toEqual({ q, seek: true });
        expect({ q, scans: ops.filter((o) => /Scan$/.test(o)) }).toEqual({ q, scans: [] });
      }
    });

    it("reads a report's records in one statement of index seeks, never a scan", async () => {
      await realisticShape(store);
      for (const [depth, sources] of [
        [0, false],
        [8, false],
        [8, true],
      ] as const) {
        const ops = await planOperators(conditionEvidenceCypher(depth, sources), {
          root: 'root',
          maxDepth: depth,
        });
        const plan = { depth, sources };
        expect({ ...plan, seek: ops.includes('NodeUniqueIndexSeek') }).toEqual({
          ...plan,
          seek: true,
        });
        expect({ ...plan, scans: ops.filter((o) => /Scan$/.test(o)) }).toEqual({
          ...plan,
          scans: [],
        });
      }
      // The condition a report names is found by a seek in the label index too.
      const byName = await planOperators(`${labelLookup(NodeType.CONDITION)} RETURN n.id`, {
        phrase: '"c 7"',
        label: 'c 7',
      });
      expect(byName.filter((o) => /Scan$/.test(o))).toEqual([]);
      const found = await store.conditionEvidence('root', 8);
      expect(found?.claims).toHaveLength(300);
      expect(found?.narrower).toHaveLength(30);
    });

    it('scans every kind a page at a time from its cursor in id index order, never sorting what follows', async () => {
      await realisticShape(store);
      for (const kind of RECORD_KINDS) {
        const ops = await planOperators(scanCypher(kind), { after: 'claim-1', limit: 500 });
        // A seek from the cursor, then the page's limit in the index's order: a Top would sort
        // every row after the cursor, on every page. (A Sort below the limit orders one record's
        // own list, such as a claim's conditions, in its subquery.)
        const plan = {
          kind,
          seek: ops.some((o) => /IndexSeekByRange$/.test(o)),
          limit: ops.includes('Limit'),
          top: ops.includes('Top'),
        };
        expect(plan).toEqual({ kind, seek: true, limit: true, top: false });
      }
    });

    it('reads links written before links were versioned as version 1, accepted', async () => {
      // As an older adapter wrote them: no version, updatedAt or reviewStatus on the relationship.
      const driver = neo4j.driver(NEO4J_TEST_URI);
      try {
        await driver.executeQuery(
          'MATCH ()-[r:EVIDENCE]->() REMOVE r.version, r.updatedAt, r.reviewStatus',
        );
      } finally {
        await driver.close();
      }
      const [link] = await store.evidenceByStudies(['study-a']);
      expect(link).toMatchObject({
        version: 1,
        updatedAt: link.createdAt,
        reviewStatus: ReviewStatus.ACCEPTED,
      });
      expect(
        await store.setReviewStatus('evidence', link.id, 1, ReviewStatus.REJECTED, f.LATER),
      ).toEqual({
        ok: true,
        record: { ...link, version: 2, updatedAt: f.LATER, reviewStatus: ReviewStatus.REJECTED },
      });
      const [other] = await store.evidenceByStudies(['study-b']);
      expect(await store.deleteEvidenceLink(other.id, 1)).toEqual({ ok: true, record: other });
    });

    it('re-indexes at start the search words written in an older format', async () => {
      // Words from some older format (here none at all), with no format recorded.
      const driver = neo4j.driver(NEO4J_TEST_URI);
      try {
        await driver.executeQuery(
          `MATCH (n:Entity {id: 'claim-a'})
           SET n.searchLabel = '', n.searchBody = '' REMOVE n.searchFormat`,
        );
      } finally {
        await driver.close();
      }
      const find = async (s: Neo4jStore) =>
        (await s.search({ terms: ['relieved'], limit: 10, offset: 0 })).hits.map((h) => h.id);
      // "relieved" finds "relieves" only through their common stem.
      expect(await find(store)).not.toContain('claim-a');
      const reopened = await openStore();
      expect(await find(reopened)).toContain('claim-a');
      expect(await probe.property('claim-a', 'searchFormat')).toBe(SEARCH_FORMAT);
    });

    it('keeps revisions and tokens out of the graph; clear() removes them', async () => {
      const counts = await store.counts();
      const edges = await store.scanEdges(undefined, 1000);
      await store.createToken(
        {
          id: 'tok-1',
          name: 'ketamine',
          role: 'READER',
          hash: 'c'.repeat(64),
          createdAt: f.AT,
          createdBy: 'admin',
          revokedAt: null,
        },
        [
          {
            id: 'rev-1',
            entityId: 'claim-a',
            entityKind: 'claims',
            action: 'UPDATE',
            before: { text: 'Ketamine relieves pain', list: [1, { a: null }] },
            after: null,
            actor: 'alice',
            at: f.AT,
            reason: null,
            revertOf: null,
          },
        ],
      );
      expect(await probe.revisionCount()).toBe(1);
      expect(await store.counts()).toEqual(counts);
      expect(await probe.counts()).toEqual(counts);
      expect((await store.nodeTypes(['rev-1', 'tok-1'])).size).toBe(0);
      expect(await store.scanEdges(undefined, 1000)).toEqual(edges);
      const hits = await store.search({ terms: ['ketamine'], limit: 50, offset: 0 });
      expect(hits.hits.map((h) => h.id)).not.toContain('tok-1');
      const around = await store.neighborhood('claim-a', 3, {}, 100);
      expect(around.nodes.map((n) => n.id)).not.toContain('rev-1');
      await store.clear();
      expect(await probe.revisionCount()).toBe(0);
      expect(await probe.tokens()).toEqual([]);
    });

    it('works through a routing (neo4j://) URI', async () => {
      const routed = await openStore(NEO4J_TEST_URI.replace(/^bolt:/, 'neo4j:'));
      await expect(routed.ping()).resolves.toBeUndefined();
      expect(await routed.findClaimIds({})).toEqual(['claim-a', 'claim-b']);
    });

    it('reports an unreachable server as StoreUnavailableError', async () => {
      // A short timeout: the answer is the same, without waiting out 5 s of retries per call.
      const down = createNeo4jStore({ uri: 'bolt://127.0.0.1:1', timeoutMs: 500 });
      opened.push(down);
      await expect(down.init()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(down.getClaims(['claim-a'])).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
} else {
  describe.skip('EvidenceStore contract: Neo4j (real server)', () => {
    it('needs a Neo4j server (see the line printed by the global setup)', () => undefined);
  });
}
