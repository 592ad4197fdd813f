/**
 * The one place a store is built from configuration: the Nest module, every CLI and the snapshot
 * factory use these, so a new setting (or a new adapter) is wired once.
 */
import { AppConfig } from '../config/app-config';
import { EvidenceStore, GraphBundle, RevisionRecord, SnapshotStoreFactory } from './ports';
import { lazy } from '../common/lazy-module';
import { createSqliteStore } from './sqlite/sqlite.store';

// The Neo4j adapter and its driver (a second of loading) only when Neo4j is configured.
const neo4jAdapter = lazy(
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  () => require('./neo4j/neo4j.store') as typeof import('./neo4j/neo4j.store'),
);

export type StoreKind = EvidenceStore['kind'];

/** Raised when configuration cannot open the store asked for (CLIs print the message). */
export class StoreConfigError extends Error {}

/** A store of the given kind, configured from the environment (not yet initialised). */
export function storeOfKind(kind: StoreKind, config: AppConfig): EvidenceStore {
  if (kind === 'neo4j') {
    if (!config.NEO4J_URI)
      throw new StoreConfigError(
        'Neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE if set)',
      );
    return neo4jAdapter().createNeo4jStore({
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
      timeoutMs: config.NEO4J_TIMEOUT_MS,
    });
  }
  return createSqliteStore(config.sqliteFile);
}

/** Chooses the adapter from configuration: Neo4j when NEO4J_URI is set, else embedded SQLite. */
export function createStore(config: AppConfig): EvidenceStore {
  return storeOfKind(config.storeKind, config);
}

/**
 * asOf snapshots: an in-memory SQLite store holding the records and revisions as they stood, so
 * every read the domain knows works on it unchanged, whichever store serves today's data.
 */
export const createSnapshotStore: SnapshotStoreFactory = async (
  bundle: GraphBundle,
  revisions: readonly RevisionRecord[],
) => {
  const snapshot = createSqliteStore(':memory:');
  await snapshot.init();
  await snapshot.upsertBundle(bundle, 'create-missing');
  await snapshot.appendRevisions(revisions);
  return snapshot;
};
