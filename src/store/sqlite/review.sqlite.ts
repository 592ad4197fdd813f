/** The review workflow's one write: a claim's, statement's or link's review status. */
import type { ReviewedRecord, ReviewWrites } from '../ports';
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
  };
}
