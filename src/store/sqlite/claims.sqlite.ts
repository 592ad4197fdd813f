/** Claims, with their conditions and mechanisms kept in ordered link tables. */
import { NodeType } from '../../graphql.schema';
import type { ClaimRecord, ClaimStore, ClaimText } from '../ports';
import { SqliteExecutor, Where } from './sqlite.executor';
import * as rows from './sqlite.rows';

/** The other ends of each claim's links, in position order. */
function linkIds(
  db: SqliteExecutor,
  table: 'claim_conditions' | 'claim_mechanisms',
  column: string,
  claimIds: string[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of db.byIds(
    `SELECT claim_id, ${column} AS other FROM ${table} WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, position`,
    claimIds,
  )) {
    const list = out.get(r.claim_id as string) ?? [];
    list.push(r.other as string);
    out.set(r.claim_id as string, list);
  }
  return out;
}

export function getClaims(db: SqliteExecutor, ids: readonly string[]): ClaimRecord[] {
  const found = db.rowsByIds('claims', ids);
  const claimIds = found.map((r) => r.id as string);
  const conds = linkIds(db, 'claim_conditions', 'condition_id', claimIds);
  const mechs = linkIds(db, 'claim_mechanisms', 'mechanism_id', claimIds);
  return found.map((r) =>
    rows.claim(r, conds.get(r.id as string) ?? [], mechs.get(r.id as string) ?? []),
  );
}

function setClaimLinks(
  db: SqliteExecutor,
  c: { id: string; conditionIds: string[]; mechanismIds: string[] },
): void {
  db.sql('DELETE FROM claim_conditions WHERE claim_id = ?').run(c.id);
  db.sql('DELETE FROM claim_mechanisms WHERE claim_id = ?').run(c.id);
  const cc = db.sql(
    'INSERT INTO claim_conditions (claim_id, condition_id, position) VALUES (?, ?, ?)',
  );
  c.conditionIds.forEach((id, i) => cc.run(c.id, id, i));
  const cm = db.sql(
    'INSERT INTO claim_mechanisms (claim_id, mechanism_id, position) VALUES (?, ?, ?)',
  );
  c.mechanismIds.forEach((id, i) => cm.run(c.id, id, i));
}

export function insertClaim(db: SqliteExecutor, c: ClaimRecord): void {
  db.registerNode(c.id, NodeType.CLAIM);
  db.sql(
    `INSERT INTO claims (id, text, kind, intervention_id, review_status, created_at, updated_at, version)
         VALUES (@id, @text, @kind, @interventionId, @reviewStatus, @createdAt, @updatedAt, @version)`,
  ).run(c);
  setClaimLinks(db, c);
  db.index(NodeType.CLAIM, c);
}

export function sqliteClaims(db: SqliteExecutor): ClaimStore {
  return {
    getClaims: async (ids) => getClaims(db, ids),

    async findClaimIds(q) {
      const where = new Where();
      where.and(
        'c.id IN (SELECT claim_id FROM claim_conditions WHERE condition_id IN (SELECT value FROM json_each(?)))',
        q.conditionIds && JSON.stringify(q.conditionIds),
      );
      where.and(
        'c.id IN (SELECT claim_id FROM claim_mechanisms WHERE mechanism_id IN (SELECT value FROM json_each(?)))',
        q.mechanismIds && JSON.stringify(q.mechanismIds),
      );
      where.and('c.id IN (SELECT claim_id FROM statements WHERE source_id = ?)', q.sourceId);
      where.and('c.id IN (SELECT claim_id FROM statements WHERE hedging = ?)', q.hedging);
      where.and('c.kind = ?', q.kind);
      const sql = `SELECT c.id FROM claims c ${where.sql} ORDER BY c.id`;
      return (db.sql(sql).all(...where.params) as rows.Row[]).map((r) => r.id as string);
    },

    async claimTexts() {
      return db
        .sql('SELECT id, text, review_status AS reviewStatus FROM claims ORDER BY id')
        .all() as ClaimText[];
    },

    async createClaim(record, audit) {
      db.writeAudited(audit, () => insertClaim(db, record));
      return getClaims(db, [record.id])[0];
    },

    async updateClaim(id, expectedVersion, patch, at, audit) {
      const set = `text = coalesce(@text, text),
             kind = coalesce(@kind, kind),
             review_status = coalesce(@reviewStatus, review_status),
             intervention_id = CASE WHEN @setIntervention THEN @interventionId ELSE intervention_id END`;
      const params = {
        text: patch.text ?? null,
        kind: patch.kind ?? null,
        reviewStatus: patch.reviewStatus ?? null,
        setIntervention: patch.interventionId !== undefined ? 1 : 0,
        interventionId: patch.interventionId ?? null,
      };
      const relink = () => {
        const links = linkIds(db, 'claim_conditions', 'condition_id', [id]);
        const mechs = linkIds(db, 'claim_mechanisms', 'mechanism_id', [id]);
        setClaimLinks(db, {
          id,
          conditionIds: patch.conditionIds ?? links.get(id) ?? [],
          mechanismIds: patch.mechanismIds ?? mechs.get(id) ?? [],
        });
        // The text as now stored is what search must find.
        if (patch.text !== undefined) db.index(NodeType.CLAIM, getClaims(db, [id])[0]);
      };
      const change = { id, expectedVersion, at, set, params };
      return db.versioned('claims', change, () => getClaims(db, [id]), audit, relink);
    },
  };
}
