/**
 * The embedded store: one SQLite file (WAL, foreign keys on), versioned migrations, FTS5 search.
 *
 * Storage model: one table per record kind, plus `nodes` (every node's id and type: ids are unique
 * across the graph, and a node's rowid keys its row in the `search_index` FTS table), link tables
 * for many-to-many fields, `labels` (normalised vocabulary names) and the `graph_edges` view that
 * traversals walk. Revisions are written in each change's own transaction.
 *
 * One executor (sqlite.executor.ts) owns the connection; each `<area>.sqlite.ts` implements a role
 * port over it, and this file puts the roles together.
 */
import { conditionEvidenceFrom } from '../condition-evidence';
import type { EvidenceStore } from '../ports';
import { sqliteAdmin } from './admin.sqlite';
import { sqliteCitations } from './citations.sqlite';
import { sqliteClaims } from './claims.sqlite';
import { sqliteEvidence } from './evidence.sqlite';
import { sqliteGraph } from './graph.sqlite';
import { sqliteReview } from './review.sqlite';
import { sqliteRevisions } from './revisions.sqlite';
import { sqliteSearch } from './search.sqlite';
import { sqliteSources } from './sources.sqlite';
import { SqliteExecutor } from './sqlite.executor';
import { sqliteStudies } from './studies.sqlite';
import { sqliteTokens } from './tokens.sqlite';
import { sqliteVocabulary } from './vocabulary.sqlite';

export type SqliteStore = EvidenceStore & { readonly kind: 'sqlite' };

/** A store over the file (':memory:' for a private in-memory one); `init()` opens it. */
export function createSqliteStore(file: string): SqliteStore {
  const db = new SqliteExecutor(file);
  const store: SqliteStore = {
    kind: 'sqlite',
    ...sqliteAdmin(db),
    ...sqliteSources(db),
    ...sqliteClaims(db),
    ...sqliteVocabulary(db),
    ...sqliteStudies(db),
    ...sqliteEvidence(db),
    ...sqliteReview(db),
    ...sqliteCitations(db),
    ...sqliteGraph(db),
    ...sqliteSearch(db),
    ...sqliteRevisions(db),
    ...sqliteTokens(db),
    // Its single reads cost no round trip: composing them is as fast as one query.
    conditionEvidence: (rootId, maxDepth, options) =>
      conditionEvidenceFrom(store, rootId, maxDepth, options),
  };
  return store;
}
