import { NodeType } from '../../graphql.schema';
import { BatchReviewWrite, ReviewedKind, ReviewedRecord, ReviewWrites } from '../ports';
import { bump, byIds, lock, versioned, writeRevisions } from './neo4j.cypher';
import { Neo4jExecutor, rows, Tx } from './neo4j.executor';
import { NODE_LABEL, num } from './neo4j.records';
import { evidenceRows, linkCompareAndSet, lockedLink } from './evidence.neo4j';

type NodeKind = Exclude<ReviewedKind, 'evidence'>;
const NODE_TYPE = {
  claims: NodeType.CLAIM,
  statements: NodeType.STATEMENT,
  gaps: NodeType.EVIDENCE_GAP,
} as const;

/** Thrown inside the batch's transaction to roll every change back. */
class BatchRefused extends Error {
  constructor(readonly outcome: BatchReviewWrite) {
    super('batch refused');
  }
}

/** The locked current version of a reviewed record; null when there is none. */
async function lockedVersion(tx: Tx, kind: ReviewedKind, id: string): Promise<number | null> {
  if (kind === 'evidence') return (await lockedLink(tx, id))?.version ?? null;
  await lock(tx, [id]);
  const [cur] = await rows(
    tx,
    `MATCH (n:Entity {id: $id}) WHERE n:${NODE_LABEL[NODE_TYPE[kind]]} RETURN n.version AS version`,
    { id },
  );
  return cur ? num(cur.version) : null;
}

/** Review status lives on claim, statement and gap nodes and on evidence relationships. */
export function neo4jReview(x: Neo4jExecutor): ReviewWrites {
  return {
    setReviewStatus(kind, id, expectedVersion, status, at, audit) {
      if (kind !== 'evidence') {
        return versioned(x, NODE_TYPE[kind], id, expectedVersion, audit, (tx) =>
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

    async setReviewStatuses(changes, at, audit) {
      try {
        const records = await x.write(async (tx) => {
          const written: ReviewedRecord[] = [];
          for (const [index, c] of changes.entries()) {
            const version = await lockedVersion(tx, c.kind, c.id);
            if (version === null) throw new BatchRefused({ ok: false, index, reason: 'NOT_FOUND' });
            if (version !== c.expectedVersion)
              throw new BatchRefused({
                ok: false,
                index,
                reason: 'CONFLICT',
                currentVersion: version,
              });
            if (c.kind === 'evidence') {
              const [link] = await evidenceRows(
                tx,
                `MATCH (s)-[r:EVIDENCE {id: $id}]->(c)
                 SET r.reviewStatus = $status, r.updatedAt = $at, r.version = coalesce(r.version, 1) + 1`,
                { id: c.id, status: c.status, at },
              );
              written.push(link);
            } else {
              const kind: NodeKind = c.kind;
              await bump(tx, c.id, { reviewStatus: c.status, updatedAt: at });
              const [rec] = await byIds(tx, NODE_TYPE[kind], [c.id]);
              written.push(rec as ReviewedRecord);
            }
          }
          await writeRevisions(tx, audit);
          return written;
        });
        return { ok: true, records };
      } catch (err) {
        if (err instanceof BatchRefused) return err.outcome;
        throw err;
      }
    },
  };
}
