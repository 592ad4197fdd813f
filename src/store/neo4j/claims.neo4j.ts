import { NodeType } from '../../graphql.schema';
import { ClaimStore } from '../ports';
import { bump, createOne, getByIds, reindex, relink, versioned } from './neo4j.cypher';
import { Neo4jExecutor, rows } from './neo4j.executor';
import { claimLinks } from './neo4j.model';
import { Props } from './neo4j.records';

/** Claims: (:Claim)-[:ABOUT {position}]->(:Condition), -[:VIA {position}]->(:Mechanism), -[:USES]->(:Intervention). */
export function neo4jClaims(x: Neo4jExecutor): ClaimStore {
  return {
    getClaims: (ids) => getByIds(x, NodeType.CLAIM, ids),

    async findClaimIds(q) {
      const where: string[] = [];
      if (q.conditionIds) where.push('EXISTS { (n)-[:ABOUT]->(x) WHERE x.id IN $conditionIds }');
      if (q.mechanismIds) where.push('EXISTS { (n)-[:VIA]->(x) WHERE x.id IN $mechanismIds }');
      if (q.sourceId !== undefined) {
        where.push(
          'EXISTS { (n)<-[:STATES]-(:Statement)-[:IN_SOURCE]->(x) WHERE x.id = $sourceId }',
        );
      }
      if (q.hedging !== undefined) {
        where.push('EXISTS { (n)<-[:STATES]-(s:Statement) WHERE s.hedging = $hedging }');
      }
      if (q.kind !== undefined) where.push('n.kind = $kind');
      const found = await x.read((tx) =>
        rows(
          tx,
          `MATCH (n:Claim) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           RETURN n.id AS id ORDER BY id`,
          {
            conditionIds: q.conditionIds ?? null,
            mechanismIds: q.mechanismIds ?? null,
            sourceId: q.sourceId ?? null,
            hedging: q.hedging ?? null,
            kind: q.kind ?? null,
          },
        ),
      );
      return found.map((r) => r.id as string);
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
