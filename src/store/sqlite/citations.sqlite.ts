/** The citation network between studies, and notices (retractions, corrections) on studies. */
import { ReviewStatus } from '../../graphql.schema';
import type { CitationRecord, CitationStore, NoticeRecord, VersionedWrite } from '../ports';
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

/** A notice from before notices were reviewed (an asOf snapshot of old history) was in effect. */
export function insertNotice(db: SqliteExecutor, n: NoticeRecord): void {
  db.sql(
    `INSERT INTO study_notices (id, study_id, kind, date, note, added_by, created_at, updated_at, version, review_status)
       VALUES (@id, @studyId, @kind, @date, @note, @addedBy, @createdAt, @updatedAt, @version, @reviewStatus)`,
  ).run({
    ...n,
    updatedAt: n.updatedAt ?? n.createdAt,
    version: n.version ?? 1,
    reviewStatus: n.reviewStatus ?? ReviewStatus.ACCEPTED,
  });
}

export function listNotices(db: SqliteExecutor): NoticeRecord[] {
  return (db.sql('SELECT * FROM study_notices ORDER BY created_at, id').all() as rows.Row[]).map(
    rows.read.notice,
  );
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

    getNotices: async (ids) => noticesByIds(db, ids),
    listNotices: async () => listNotices(db),

    async addNotice(notice, expectedStudyVersion, audit) {
      const result = db.write((): VersionedWrite<null> => {
        const study = db.sql('SELECT version FROM studies WHERE id = ?').get(notice.studyId) as
          { version: number } | undefined;
        // An unknown study is a missing reference, as for every other write that names one.
        if (study && study.version !== expectedStudyVersion)
          return { ok: false, reason: 'CONFLICT', currentVersion: study.version };
        insertNotice(db, notice);
        db.audit(audit);
        return { ok: true, record: null };
      });
      return result.ok ? { ok: true, record: getStudies(db, [notice.studyId])[0] } : result;
    },

    async setNoticeStatus(id, expectedVersion, status, at, effect, audit) {
      const change = {
        id,
        expectedVersion,
        at,
        set: 'review_status = @status',
        params: { status },
      };
      return db.versioned(
        'study_notices',
        change,
        () => noticesByIds(db, [id]),
        audit,
        effect
          ? () => {
              const r = effect.retraction;
              db.sql(
                `UPDATE studies SET retracted = ?, retraction_date = ?, retraction_note = ?, updated_at = ?, version = version + 1
                 WHERE id = (SELECT study_id FROM study_notices WHERE id = ?)`,
              ).run(r ? 1 : 0, r?.date ?? null, r?.note ?? null, at, id);
            }
          : undefined,
      );
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
