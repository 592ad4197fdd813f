/** The review workflow's writes: a claim's, statement's, link's or gap's review status. */
import type { BatchReviewWrite, ReviewedRecord, ReviewWrites } from '../ports';
import { getClaims } from './claims.sqlite';
import { getEvidenceLinks, getGaps } from './evidence.sqlite';
import type { SqliteExecutor } from './sqlite.executor';
import { getStatements } from './sources.sqlite';

const TABLES = {
  claims: 'claims',
  statements: 'statements',
  evidence: 'evidence_links',
  gaps: 'evidence_gaps',
} as const;

const RELOAD = {
  claims: getClaims,
  statements: getStatements,
  evidence: getEvidenceLinks,
  gaps: getGaps,
};

/** Thrown inside the batch's transaction to roll every change back. */
class BatchRefused extends Error {
  constructor(readonly outcome: BatchReviewWrite) {
    super('batch refused');
  }
}

export function sqliteReview(db: SqliteExecutor): ReviewWrites {
  return {
    async setReviewStatus(kind, id, expectedVersion, status, at, audit) {
      const change = {
        id,
        expectedVersion,
        at,
        set: 'review_status = @status',
        params: { status },
      };
      return db.versioned<ReviewedRecord>(
        TABLES[kind],
        change,
        () => RELOAD[kind](db, [id]),
        audit,
      );
    },

    async setReviewStatuses(changes, at, audit) {
      try {
        db.write(() => {
          changes.forEach((c, index) => {
            const table = TABLES[c.kind];
            const cur = db.sql(`SELECT version FROM ${table} WHERE id = ?`).get(c.id) as
              { version: number } | undefined;
            if (!cur) throw new BatchRefused({ ok: false, index, reason: 'NOT_FOUND' });
            const changed = db
              .sql(
                `UPDATE ${table} SET review_status = @status, updated_at = @at, version = version + 1
                 WHERE id = @id AND version = @expectedVersion`,
              )
              .run({ status: c.status, at, id: c.id, expectedVersion: c.expectedVersion }).changes;
            if (changed === 0)
              throw new BatchRefused({
                ok: false,
                index,
                reason: 'CONFLICT',
                currentVersion: cur.version,
              });
          });
          db.audit(audit);
        });
      } catch (err) {
        if (err instanceof BatchRefused) return err.outcome;
        throw err;
      }
      const records = changes.map((c) => RELOAD[c.kind](db, [c.id])[0]);
      return { ok: true, records };
    },
  };
}
