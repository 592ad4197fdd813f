import { StoreUnavailableError } from '../../src/store/evidence-store.port';
import { Neo4jStore } from '../../src/store/neo4j/neo4j.store';
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
  const store = new Neo4jStore({ uri });
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

    it('works through a routing (neo4j://) URI', async () => {
      const routed = await openStore(NEO4J_TEST_URI.replace(/^bolt:/, 'neo4j:'));
      await expect(routed.ping()).resolves.toBeUndefined();
      expect(await routed.findClaimIds({})).toEqual(['claim-a', 'claim-b']);
    });

    it('reports an unreachable server as StoreUnavailableError', async () => {
      const down = new Neo4jStore({ uri: 'bolt://127.0.0.1:1' });
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
