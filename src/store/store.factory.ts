import { AppConfig, ConfigError } from '../config/app-config';
import { EvidenceStore } from './evidence-store.port';
import { SqliteStore } from './sqlite/sqlite.store';

/** Chooses the adapter from configuration: Neo4j when NEO4J_URI is set, else embedded SQLite. */
export function createStore(config: AppConfig): EvidenceStore {
  if (config.storeKind === 'neo4j') {
    throw new ConfigError(
      'NEO4J_URI is set, but this build has no Neo4j store yet; unset NEO4J_URI to use the embedded SQLite store.',
    );
  }
  return new SqliteStore(config.sqliteFile);
}
