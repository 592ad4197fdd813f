import { NodeType } from '../../graphql.schema';
import { ReviewWrites } from '../ports';
import { bump, versioned, writeRevisions } from './neo4j.cypher';
import { Neo4jExecutor } from './neo4j.executor';
import { evidenceRows, linkCompareAndSet } from './evidence.neo4j';

/** Review status lives on claim, statement and gap nodes and on evidence relationships. */
export function neo4jReview(x: Neo4jExecutor): ReviewWrites {
  return {
    setReviewStatus(kind, id, expectedVersion, status, at, audit) {
      if (kind !== 'evidence') {
        const type =
          kind === 'claims'
            ? NodeType.CLAIM
            : kind === 'gaps'
              ? NodeType.EVIDENCE_GAP
              : NodeType.STATEMENT;
        return versioned(x, type, id, expectedVersion, audit, (tx) =>
          bump(tx, id, { reviewStatus: status, updatedAt: at }),
        );
      }
      return linkCompareAndSet(x, id, expectedVersion, async (tx) => {
        // A link written before links were versioned has no version: it reads as 1.
        const [updated] = await evidenceRows(
          tx,
          `MATCH (s)-[r:EVIDENCE {id: $id}]->(c)
           SET r.reviewStatus = $status, r.updatedAt = $at, r.version = coalesce(r.version, 1) + 1`,
          { id, status, at },
        );
        await writeRevisions(tx, audit);
        return updated;
      });
    },
  };
}
