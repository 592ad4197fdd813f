/**
 * store:copy: SQLite -> Neo4j -> SQLite gives back identical data (checksums equal), counts are
 * verified per type, and a non-empty target is refused unless told to replace it.
 */
import { AuthService } from '../../src/auth/auth.service';
import { bundleAudit } from '../../src/history/revision';
import { loadCuration, SEED_WRITER } from '../../src/seed/curation';
import { copyStore, CopyRefused, storeChecksum } from '../../src/store/copy/store-copy';
import { createNeo4jStore } from '../../src/store/neo4j/neo4j.store';
import { SqliteStore, createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import { Neo4jProbe } from '../support/neo4j-probe';
import { NEO4J_TEST_URI, neo4jEnabled } from '../support/neo4j-test-server';
import { tempDbPath } from '../support/temp-sqlite';

async function sqlite(): Promise<{ store: SqliteStore; cleanup: () => void }> {
  const { file, cleanup } = tempDbPath();
  const store = createSqliteStore(file);
  await store.init();
  return { store, cleanup };
}

describe('copying a store', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('SQLite -> SQLite copies everything and verifies it; a non-empty target needs replace', async () => {
    const a = await sqlite();
    const b = await sqlite();
    cleanups.push(
      a.cleanup,
      () => a.store.close(),
      b.cleanup,
      () => b.store.close(),
    );
    await a.store.upsertBundle(loadCuration());
    const seen: string[] = [];
    const report = await copyStore(a.store, b.store, {
      replace: false,
      batch: 50,
      progress: {
        start: () => seen.push('start'),
        advance: (n, kind) => seen.push(`${kind}:${n}`),
        stop: () => seen.push('stop'),
      },
    });
    expect(report.counts).toEqual(await b.store.counts());
    expect(report.checksum).toBe(await storeChecksum(b.store));
    expect(seen[0]).toBe('start');
    expect(seen).toContain('statements:50');
    expect(seen[seen.length - 1]).toBe('stop');
    await expect(copyStore(a.store, b.store, { replace: false })).rejects.toBeInstanceOf(
      CopyRefused,
    );
    const again = await copyStore(a.store, b.store, { replace: true });
    expect(again.checksum).toBe(report.checksum);
  });

  (neo4jEnabled() ? it : it.skip)(
    'SQLite -> Neo4j -> SQLite gives back identical data',
    async () => {
      const probe = new Neo4jProbe(NEO4J_TEST_URI);
      await probe.wipe();
      const a = await sqlite();
      const c = await sqlite();
      const neo = createNeo4jStore({ uri: NEO4J_TEST_URI });
      await neo.init();
      cleanups.push(
        a.cleanup,
        () => a.store.close(),
        c.cleanup,
        () => c.store.close(),
        () => neo.close(),
        () => probe.close(),
      );
      await a.store.upsertBundle(loadCuration(), 'create-missing', bundleAudit(SEED_WRITER));
      const { token } = await new AuthService(a.store).createToken('ops', 'ADMIN', {
        actor: 'cli',
      });
      const history = await a.store.scanRevisions(undefined, 10_000);
      const original = await storeChecksum(a.store);
      const there = await copyStore(a.store, neo, { replace: false });
      expect(there).toMatchObject({ revisions: history.length, tokens: 1 });
      expect(await neo.tokenByHash(token.hash)).toEqual(token);
      expect(there.checksum).toBe(original);
      expect(await probe.counts()).toEqual(await a.store.counts());
      const back = await copyStore(neo, c.store, { replace: false });
      expect(back.checksum).toBe(original);
      expect(await storeChecksum(c.store)).toBe(original);
      // The history survives the round trip exactly, so asOf and revert work after a migration.
      expect(await c.store.scanRevisions(undefined, 10_000)).toEqual(history);
      expect(await c.store.listTokens()).toEqual([token]);
    },
    120_000,
  );
});
