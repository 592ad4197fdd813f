import { AppConfig } from '../config/app-config';
import { EvidenceStore } from './evidence-store.port';
import { Neo4jStore } from './neo4j/neo4j.store';
import { SqliteStore } from './sqlite/sqlite.store';

/** Chooses the adapter from configuration: Neo4j when NEO4J_URI is set, else embedded SQLite. */
export function createStore(config: AppConfig): EvidenceStore {
  if (config.storeKind === 'neo4j') {
    return new Neo4jStore({
      uri: config.NEO4J_URI!,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
    });
  }
  return new SqliteStore(config.sqliteFile);
}
