/** Sources (the clinic pages) and the statements anchored in them. */
import { NodeType } from '../../graphql.schema';
import { SourceRecord, SourceStore, StatementRecord, UniqueViolationError } from '../ports';
import type { SqliteExecutor } from './sqlite.executor';
import * as rows from './sqlite.rows';
import { insertClaim } from './claims.sqlite';
import { gapsByClaims, insertEvidence, insertGap } from './evidence.sqlite';

export function getSources(db: SqliteExecutor, ids: readonly string[]): SourceRecord[] {
  return db.rowsByIds('sources', ids).map(rows.read.source);
}

export function getStatements(db: SqliteExecutor, ids: readonly string[]): StatementRecord[] {
  return db.rowsByIds('statements', ids).map(rows.read.statement);
}

export function insertSource(db: SqliteExecutor, s: SourceRecord): void {
  db.registerNode(s.id, NodeType.SOURCE);
  db.sql(
    `INSERT INTO sources (id, title, url, publisher, kind, text, content_hash, retrieved_at, html_sha256, created_at, updated_at, version)
         VALUES (@id, @title, @url, @publisher, @kind, @text, @contentHash, @retrievedAt, @htmlSha256, @createdAt, @updatedAt, @version)`,
  ).run(s);
  db.index(NodeType.SOURCE, s);
}

export function insertStatement(db: SqliteExecutor, s: StatementRecord): void {
  db.registerNode(s.id, NodeType.STATEMENT);
  db.sql(
    `INSERT INTO statements (id, source_id, claim_id, quote, start, "end", prefix, suffix, hedging, review_status, created_at, updated_at, version)
         VALUES (@id, @sourceId, @claimId, @quote, @start, @end, @prefix, @suffix, @hedging, @reviewStatus, @createdAt, @updatedAt, @version)`,
  ).run(s);
  db.index(NodeType.STATEMENT, s);
}

function statementsByClaims(db: SqliteExecutor, claimIds: readonly string[]): StatementRecord[] {
  return db
    .rowsWhereIn('statements', 'claim_id', claimIds, 'claim_id, source_id, start, id')
    .map(rows.read.statement);
}

export function sqliteSources(db: SqliteExecutor): SourceStore {
  return {
    getSources: async (ids) => getSources(db, ids),

    async listSources() {
      return (db.sql('SELECT * FROM sources ORDER BY title, id').all() as rows.Row[]).map(
        rows.read.source,
      );
    },

    getStatements: async (ids) => getStatements(db, ids),

    async statementsBySources(sourceIds) {
      return db
        .rowsWhereIn('statements', 'source_id', sourceIds, 'source_id, start, id')
        .map(rows.read.statement);
    },

    statementsByClaims: async (claimIds) => statementsByClaims(db, claimIds),

    async createSource(record, audit) {
      db.writeAudited(audit, () => insertSource(db, record));
      return getSources(db, [record.id])[0];
    },

    async createStatement(record, audit, duplicateOf) {
      db.writeAudited(audit, () => {
        // Writes are serialised: what is read here is what the insert lands next to.
        const same = duplicateOf?.(statementsByClaims(db, [record.claimId]));
        if (same) throw new UniqueViolationError('quote', same.id);
        insertStatement(db, record);
      });
      return getStatements(db, [record.id])[0];
    },

    async createCuration(batch, audit, guards) {
      db.writeAudited(audit, () => {
        // Writes are serialised: each guard sees the claim's stored records and the batch's
        // earlier ones, as inserted just before it.
        batch.claims.forEach((c) => insertClaim(db, c));
        for (const s of batch.statements) {
          const same = guards?.statement?.(s, statementsByClaims(db, [s.claimId]));
          if (same) throw new UniqueViolationError('quote', same.id);
          insertStatement(db, s);
        }
        batch.evidence.forEach((e) => insertEvidence(db, e));
        for (const g of batch.gaps) {
          const same = guards?.gap?.(g, gapsByClaims(db, [g.claimId]));
          if (same) throw new UniqueViolationError('description', same.id);
          insertGap(db, g);
        }
      });
    },
  };
}
