/** The citation network between studies, and notices (retractions, corrections) on studies. */
import type { CitationRecord, CitationStore, NoticeRecord } from '../ports';
import type { SqliteExecutor } from './sqlite.executor';
import * as rows from './sqlite.rows';
import { getStudies } from './studies.sqlite';

export function citationsOf(
  db: SqliteExecutor,
  studyIds: readonly string[],
  direction: 'cites' | 'citedBy',
): CitationRecord[] {
  const [own, other] =
    direction === 'cites' ? ['citing_id', 'cited_id'] : ['cited_id', 'citing_id'];
  return db.rowsWhereIn('citations', own, studyIds, `${own}, ${other}`).map(rows.read.citation);
}

export function citationsByIds(db: SqliteExecutor, ids: readonly string[]): CitationRecord[] {
  return db.rowsByIds('citations', ids).map(rows.read.citation);
}

export function noticesByStudies(db: SqliteExecutor, studyIds: readonly string[]): NoticeRecord[] {
  return db
    .rowsWhereIn('study_notices', 'study_id', studyIds, 'study_id, created_at, id')
    .map(rows.read.notice);
}

export function noticesByIds(db: SqliteExecutor, ids: readonly string[]): NoticeRecord[] {
  return db.rowsByIds('study_notices', ids).map(rows.read.notice);
}

export function insertNotice(db: SqliteExecutor, n: NoticeRecord): void {
  db.sql(
    `INSERT INTO study_notices (id, study_id, kind, date, note, added_by, created_at)
       VALUES (@id, @studyId, @kind, @date, @note, @addedBy, @createdAt)`,
  ).run(n);
}

export function insertCitation(db: SqliteExecutor, c: CitationRecord): void {
  db.sql(
    `INSERT INTO citations (id, citing_id, cited_id, added_by, created_at)
       VALUES (@id, @citingId, @citedId, @addedBy, @createdAt)`,
  ).run(c);
}

export function sqliteCitations(db: SqliteExecutor): CitationStore {
  return {
    citationsOf: async (studyIds, direction) => citationsOf(db, studyIds, direction),

    async citingStudies(studyId, maxHops) {
      const found = db
        .sql(
          `WITH RECURSIVE up(id, hops) AS (
         SELECT ?, 0
         UNION
         SELECT c.citing_id, up.hops + 1 FROM citations c JOIN up ON c.cited_id = up.id WHERE up.hops < ?
       )
       SELECT id, MIN(hops) AS hops FROM up WHERE id <> ? GROUP BY id ORDER BY hops, id`,
        )
        .all(studyId, maxHops, studyId) as rows.Row[];
      return found.map((r) => ({ id: r.id as string, hops: r.hops as number }));
    },

    noticesByStudies: async (studyIds) => noticesByStudies(db, studyIds),

    async addNotice(notice, retraction, audit) {
      db.write(() => {
        insertNotice(db, notice);
        db.audit(audit);
        if (retraction) {
          db.sql(
            `UPDATE studies SET retracted = 1, retraction_date = ?, retraction_note = ?, updated_at = ?, version = version + 1
           WHERE id = ?`,
          ).run(retraction.date, retraction.note, notice.createdAt, notice.studyId);
        }
      });
      return getStudies(db, [notice.studyId])[0];
    },

    async addCitations(records, audit) {
      return db.write(() => {
        const created: CitationRecord[] = [];
        const exists = db.sql('SELECT 1 FROM citations WHERE citing_id = ? AND cited_id = ?');
        for (const c of records) {
          if (exists.get(c.citingId, c.citedId)) continue;
          insertCitation(db, c);
          db.audit(audit?.(c));
          created.push(c);
        }
        return created;
      });
    },

    async removeCitation(citingId, citedId, audit) {
      return db.write(() => {
        const row = db
          .sql('SELECT * FROM citations WHERE citing_id = ? AND cited_id = ?')
          .get(citingId, citedId) as rows.Row | undefined;
        if (!row) return null;
        const removed = rows.read.citation(row);
        db.sql('DELETE FROM citations WHERE id = ?').run(removed.id);
        db.audit(audit?.(removed));
        return removed;
      });
    },
  };
}
