/** Evidence links (study → claim, one per pair) and evidence gaps (the study that is missing). */
import { NodeType, ReviewStatus } from '../../graphql.schema';
import {
  EvidenceLinkRecord,
  EvidenceLinkStore,
  GapRecord,
  UniqueViolationError,
  VersionedWrite,
} from '../ports';
import type { SqliteExecutor } from './sqlite.executor';
import * as rows from './sqlite.rows';

export function getEvidenceLinks(db: SqliteExecutor, ids: readonly string[]): EvidenceLinkRecord[] {
  return db.rowsByIds('evidence_links', ids).map(rows.read.evidence);
}

export function evidenceByClaims(
  db: SqliteExecutor,
  claimIds: readonly string[],
): EvidenceLinkRecord[] {
  return db
    .rowsWhereIn('evidence_links', 'claim_id', claimIds, 'claim_id, study_id')
    .map(rows.read.evidence);
}

export function getGaps(db: SqliteExecutor, ids: readonly string[]): GapRecord[] {
  return db.rowsByIds('evidence_gaps', ids).map(rows.read.gap);
}

export function gapsByClaims(db: SqliteExecutor, claimIds: readonly string[]): GapRecord[] {
  return db.rowsWhereIn('evidence_gaps', 'claim_id', claimIds, 'claim_id, id').map(rows.read.gap);
}

function evidenceById(db: SqliteExecutor, id: string): EvidenceLinkRecord | null {
  const row = db.sql('SELECT * FROM evidence_links WHERE id = ?').get(id) as rows.Row | undefined;
  return row ? rows.read.evidence(row) : null;
}

/** Links are not graph nodes: they are edges (graph_edges), so neither registered nor indexed. */
export function insertEvidence(db: SqliteExecutor, e: EvidenceLinkRecord): void {
  db.sql(
    `INSERT INTO evidence_links (id, study_id, claim_id, relation, note, quote, indirectness, added_by, created_at, updated_at, version, review_status)
         VALUES (@id, @studyId, @claimId, @relation, @note, @quote, @indirectness, @addedBy, @createdAt, @updatedAt, @version, @reviewStatus)`,
  ).run(rows.evidenceParams(e));
}

/** A gap from before gaps were reviewed (an asOf snapshot of old history) was accepted. */
export function insertGap(db: SqliteExecutor, g: GapRecord): void {
  db.registerNode(g.id, NodeType.EVIDENCE_GAP);
  db.sql(
    `INSERT INTO evidence_gaps (id, claim_id, kind, description, needed_design, status, statement_id, addressed_by_id, created_at, updated_at, version, review_status)
         VALUES (@id, @claimId, @kind, @description, @neededDesign, @status, @statementId, @addressedById, @createdAt, @updatedAt, @version, @reviewStatus)`,
  ).run({ ...g, reviewStatus: g.reviewStatus ?? ReviewStatus.ACCEPTED });
  db.index(NodeType.EVIDENCE_GAP, g);
}

export function sqliteEvidence(db: SqliteExecutor): EvidenceLinkStore {
  return {
    getEvidenceLinks: async (ids) => getEvidenceLinks(db, ids),
    evidenceByClaims: async (claimIds) => evidenceByClaims(db, claimIds),

    async evidenceByStudies(studyIds) {
      return db
        .rowsWhereIn('evidence_links', 'study_id', studyIds, 'study_id, claim_id')
        .map(rows.read.evidence);
    },

    getGaps: async (ids) => getGaps(db, ids),

    gapsByClaims: async (claimIds) => gapsByClaims(db, claimIds),

    async createEvidenceLink(record, audit) {
      db.writeAudited(audit, () => insertEvidence(db, record));
      return evidenceById(db, record.id)!;
    },

    async deleteEvidenceLink(id, expectedVersion, audit) {
      return db.write((): VersionedWrite<EvidenceLinkRecord> => {
        const cur = evidenceById(db, id);
        if (!cur) return { ok: false, reason: 'NOT_FOUND' };
        const gone = db
          .sql('DELETE FROM evidence_links WHERE id = ? AND version = ?')
          .run(id, expectedVersion).changes;
        if (gone === 0) return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
        db.audit(audit);
        return { ok: true, record: cur };
      });
    },

    async updateEvidenceLink(id, expectedVersion, patch, at, audit) {
      const set = `indirectness = coalesce(@indirectness, indirectness)`;
      const params = {
        indirectness: patch.indirectness ? JSON.stringify(patch.indirectness) : null,
      };
      const change = { id, expectedVersion, at, set, params };
      return db.versioned('evidence_links', change, () => getEvidenceLinks(db, [id]), audit);
    },

    async createGap(record, audit, duplicateOf) {
      db.writeAudited(audit, () => {
        const same = duplicateOf?.(gapsByClaims(db, [record.claimId]));
        if (same) throw new UniqueViolationError('description', same.id);
        insertGap(db, record);
      });
      return getGaps(db, [record.id])[0];
    },

    async updateGap(id, expectedVersion, patch, at, audit) {
      const set = `status = coalesce(@status, status),
             addressed_by_id = CASE WHEN @setAddressed THEN @addressedById ELSE addressed_by_id END`;
      const params = {
        status: patch.status ?? null,
        setAddressed: patch.addressedById !== undefined ? 1 : 0,
        addressedById: patch.addressedById ?? null,
      };
      const change = { id, expectedVersion, at, set, params };
      return db.versioned('evidence_gaps', change, () => getGaps(db, [id]), audit);
    },
  };
}
