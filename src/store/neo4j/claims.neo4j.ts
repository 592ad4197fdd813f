import { NodeType } from '../../graphql.schema';
import { ClaimQuery, ClaimStore, ClaimText } from '../ports';
import { bump, createOne, getByIds, reindex, relink, versioned } from './neo4j.cypher';
import { Neo4jExecutor, rows } from './neo4j.executor';
import { claimLinks } from './neo4j.model';
import { Props } from './neo4j.records';

/** Claims: (:Claim)-[:ABOUT {position}]->(:Condition), -[:VIA {position}]->(:Mechanism), -[:USES]->(:Intervention). */
export function neo4jClaims(x: Neo4jExecutor): ClaimStore {
  return {
    getClaims: (ids) => getByIds(x, NodeType.CLAIM, ids),

    async findClaimIds(q) {
      const { cypher, params } = claimLookup(q);
      const found = await rows(x, cypher, params);
      return found.map((r) => r.id as string);
    },

    async claimTexts() {
      const found = await rows(
        x,
        'MATCH (c:Claim) RETURN c.id AS id, c.text AS text, c.reviewStatus AS reviewStatus ORDER BY id',
      );
      return found as unknown as ClaimText[];
    },

    createClaim: (record, audit) => createOne(x, NodeType.CLAIM, record, audit),

    updateClaim: (id, expectedVersion, patch, at, audit) =>
      versioned(x, NodeType.CLAIM, id, expectedVersion, audit, async (tx) => {
        const { rels, links } = claimLinks(id, patch);
        await relink(tx, [id], rels, links);
        // Null text or kind means "unchanged", as SQLite's coalesce.
        const changes: Props = { updatedAt: at };
        const retext = patch.text !== undefined && patch.text !== null;
        if (retext) changes.text = patch.text;
        if (patch.kind !== undefined && patch.kind !== null) changes.kind = patch.kind;
        if (patch.reviewStatus !== undefined && patch.reviewStatus !== null) {
          changes.reviewStatus = patch.reviewStatus;
        }
        await bump(tx, id, changes);
        // The indexed words follow the new text.
        if (retext) await reindex(tx, NodeType.CLAIM, id);
      }),
  };
}

/**
 * The claim lookup's Cypher. Starts from the most selective record named by id (an index seek on
 * Entity.id) and walks to its claims; only without any such filter does it scan the claims.
 * Filtering every claim with EXISTS instead made a report's cost grow with the whole store.
 * Exported so a test can check its plan.
 */
/**
 * The planner picks from index statistics, which are sampled: after a store is emptied and
 * refilled it can choose to scan the whole id index. The hint keeps the lookup a seek.
 */
const SEEK = 'USING INDEX SEEK e:Entity(id)';

export function claimLookup(q: ClaimQuery): { cypher: string; params: Record<string, unknown> } {
  const anchor = q.conditionIds
    ? `UNWIND $conditionIds AS cid MATCH (e:Entity {id: cid})<-[:ABOUT]-(c:Claim) ${SEEK}`
    : q.mechanismIds
      ? `UNWIND $mechanismIds AS mid MATCH (e:Entity {id: mid})<-[:VIA]-(c:Claim) ${SEEK}`
      : q.sourceId !== undefined
        ? `MATCH (e:Entity {id: $sourceId})<-[:IN_SOURCE]-(:Statement)-[:STATES]->(c:Claim) ${SEEK}`
        : null;
  const start = anchor ? `${anchor} WITH DISTINCT c AS n` : 'MATCH (n:Claim)';
  const where: string[] = [];
  // The filters the anchor did not already apply.
  if (q.mechanismIds && q.conditionIds)
    where.push('EXISTS { (n)-[:VIA]->(x) WHERE x.id IN $mechanismIds }');
  if (q.sourceId !== undefined && (q.conditionIds || q.mechanismIds)) {
    where.push('EXISTS { (n)<-[:STATES]-(:Statement)-[:IN_SOURCE]->(x) WHERE x.id = $sourceId }');
  }
  if (q.hedging !== undefined) {
    where.push('EXISTS { (n)<-[:STATES]-(s:Statement) WHERE s.hedging = $hedging }');
  }
  if (q.kind !== undefined) where.push('n.kind = $kind');
  return {
    cypher: `${start} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
             RETURN n.id AS id ORDER BY id`,
    params: {
      conditionIds: q.conditionIds ?? null,
      mechanismIds: q.mechanismIds ?? null,
      sourceId: q.sourceId ?? null,
      hedging: q.hedging ?? null,
      kind: q.kind ?? null,
    },
  };
}
