/** The history: one revision per change, written by each write in its own transaction. */
import type { AuditedKind, RevisionChange, RevisionLog } from '../ports';
import type { SqliteExecutor } from './sqlite.executor';
import * as rows from './sqlite.rows';

export function sqliteRevisions(db: SqliteExecutor): RevisionLog {
  return {
    async revisionsOf(entityId, after, limit) {
      return (
        db
          .sql('SELECT * FROM revisions WHERE entity_id = ? AND id > ? ORDER BY id LIMIT ?')
          .all(entityId, after ?? '', limit) as rows.Row[]
      ).map(rows.read.revision);
    },

    async getRevisions(ids) {
      return db.rowsByIds('revisions', ids).map(rows.read.revision);
    },

    async revisionsSince(at) {
      // By the index on time: left to itself, the planner walks the whole log in id order (to
      // skip a sort) and filters by time, so an asOf cost the whole history, not the changes since.
      return (
        db
          .sql('SELECT * FROM revisions INDEXED BY revisions_at WHERE at > ? ORDER BY id')
          .all(at) as rows.Row[]
      ).map(rows.read.revision);
    },

    async changesSince(at) {
      return (
        db
          .sql(
            'SELECT id, entity_id, entity_kind, before, at FROM revisions INDEXED BY revisions_at WHERE at > ? ORDER BY id',
          )
          .all(at) as rows.Row[]
      ).map((r) => ({
        id: r.id as string,
        entityId: r.entity_id as string,
        entityKind: r.entity_kind as AuditedKind,
        before:
          r.before === null ? null : (JSON.parse(r.before as string) as RevisionChange['before']),
        at: r.at as string,
      }));
    },

    async latestRevisionId() {
      const row = db.sql('SELECT max(id) AS id FROM revisions').get() as { id: string | null };
      return row.id;
    },

    async scanRevisions(after, limit) {
      return (
        db
          .sql('SELECT * FROM revisions WHERE id > ? ORDER BY id LIMIT ?')
          .all(after ?? '', limit) as rows.Row[]
      ).map(rows.read.revision);
    },

    async appendRevisions(revisions) {
      return db.write(() => {
        const known = db.sql('SELECT 1 FROM revisions WHERE id = ?');
        const fresh = revisions.filter((r) => !known.get(r.id));
        db.audit(fresh);
        return fresh.length;
      });
    },
  };
}
