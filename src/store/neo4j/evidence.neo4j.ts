/**
 * Evidence links are (Study)-[:EVIDENCE]->(Claim) relationships, one per study and claim; their
 * writes take the study's write lock. Gaps are (:EvidenceGap)-[:GAP_OF]->(:Claim) nodes.
 */
import { NodeType } from '../../graphql.schema';
import {
  EvidenceLinkRecord,
  EvidenceLinkStore,
  UniqueViolationError,
  VersionedWrite,
} from '../ports';
import {
  bump,
  byOwners,
  createEdges,
  claimSiblingGuard,
  createOne,
  dedupe,
  getByIds,
  lock,
  pairKey,
  relink,
  takenPairs,
  versioned,
  writeRevisions,
} from './neo4j.cypher';
import { Neo4jExecutor, On, Tx, rows } from './neo4j.executor';
import { EVIDENCE_PROJECTION, optional } from './neo4j.model';
import * as records from './neo4j.records';
import { Props } from './neo4j.records';

/** Evidence links: `match` binds `(s)-[r:EVIDENCE]->(c)`; `tail` may order (by `p`) and limit. */
export async function evidenceRows(
  tx: On,
  match: string,
  params: Props,
  tail = '',
): Promise<EvidenceLinkRecord[]> {
  const found = await rows(tx, `${match} RETURN ${EVIDENCE_PROJECTION} AS p ${tail}`, params);
  return found.map((r) => records.evidence(r.p as Props));
}

const linksBy =
  (pattern: string, orderBy: string) =>
  async (tx: On, ids: readonly string[]): Promise<EvidenceLinkRecord[]> =>
    ids.length === 0
      ? []
      : evidenceRows(
          tx,
          `UNWIND $ids AS id MATCH ${pattern}`,
          { ids: dedupe(ids) },
          `ORDER BY ${orderBy}`,
        );

/** The port's link reads, in a given transaction (upsertBundle reads inside its write). */
export const linksIn = {
  byIds: linksBy('(s)-[r:EVIDENCE {id: id}]->(c)', 'p.id'),
  byClaims: linksBy('(s)-[r:EVIDENCE]->(c:Entity {id: id})', 'p.claimId, p.studyId'),
  byStudies: linksBy('(s:Entity {id: id})-[r:EVIDENCE]->(c)', 'p.studyId, p.claimId'),
};

/** Creates links, checking their ends and that each study and claim are linked at most once. */
export async function insertEvidence(tx: Tx, links: EvidenceLinkRecord[]): Promise<void> {
  if (links.length === 0) return;
  const pairs = new Set(links.map((e) => pairKey(e.studyId, e.claimId)));
  if (pairs.size !== links.length) throw new UniqueViolationError('studyId,claimId', null);
  const taken = await takenPairs(
    tx,
    'EVIDENCE',
    links.map((e) => ({ from: e.studyId, to: e.claimId })),
  );
  if (taken.size > 0) throw new UniqueViolationError('studyId,claimId', null);
  await createEdges(
    tx,
    'EVIDENCE',
    links.map((e) => ({ from: e.studyId, to: e.claimId, props: records.ownProps('evidence', e) })),
  );
}

/**
 * An evidence link read under its study's write lock (the lock its creation takes), so that a
 * compare-and-set made after it cannot be overtaken; null when there is no such link.
 */
export async function lockedLink(tx: Tx, id: string): Promise<EvidenceLinkRecord | null> {
  const [owner] = await rows(
    tx,
    'MATCH (s:Entity)-[:EVIDENCE {id: $id}]->() RETURN s.id AS studyId',
    { id },
  );
  if (!owner) return null;
  const studyId = owner.studyId as string;
  await lock(tx, [studyId]);
  // Read again: a concurrent writer may have changed or removed it while we waited.
  const [link] = await evidenceRows(
    tx,
    'MATCH (s:Entity {id: $studyId})-[r:EVIDENCE {id: $id}]->(c)',
    { id, studyId },
  );
  return link ?? null;
}

/**
 * Compare-and-set on a link's version, in one write transaction under its study's lock: `apply`
 * runs (and returns the record to answer) only when the stored version is the expected one.
 */
export function linkCompareAndSet(
  x: Neo4jExecutor,
  id: string,
  expectedVersion: number,
  apply: (tx: Tx, current: EvidenceLinkRecord) => Promise<EvidenceLinkRecord>,
): Promise<VersionedWrite<EvidenceLinkRecord>> {
  return x.write(async (tx): Promise<VersionedWrite<EvidenceLinkRecord>> => {
    const cur = await lockedLink(tx, id);
    if (!cur) return { ok: false, reason: 'NOT_FOUND' };
    if (cur.version !== expectedVersion) {
      return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
    }
    return { ok: true, record: await apply(tx, cur) };
  });
}

export function neo4jEvidence(x: Neo4jExecutor): EvidenceLinkStore {
  return {
    getEvidenceLinks: (ids) => x.readFor(ids, (on) => linksIn.byIds(on, ids)),

    evidenceByClaims: (claimIds) => x.readFor(claimIds, (on) => linksIn.byClaims(on, claimIds)),

    evidenceByStudies: (studyIds) => x.readFor(studyIds, (on) => linksIn.byStudies(on, studyIds)),

    getGaps: (ids) => getByIds(x, NodeType.EVIDENCE_GAP, ids),

    gapsByClaims: (claimIds) =>
      byOwners(
        x,
        NodeType.EVIDENCE_GAP,
        '(n:EvidenceGap)-[:GAP_OF]->(:Entity {id: id})',
        claimIds,
        'p.claimId, p.id',
      ),

    createEvidenceLink: (record, audit) =>
      x.write(async (tx) => {
        await insertEvidence(tx, [record]);
        await writeRevisions(tx, audit);
        const [link] = await evidenceRows(tx, 'MATCH (s)-[r:EVIDENCE {id: $id}]->(c)', {
          id: record.id,
        });
        return link;
      }),

    updateEvidenceLink: (id, expectedVersion, patch, at, audit) =>
      linkCompareAndSet(x, id, expectedVersion, async (tx, cur) => {
        const indirectness = JSON.stringify(patch.indirectness ?? cur.indirectness);
        const [link] = await evidenceRows(
          tx,
          `MATCH (s)-[r:EVIDENCE {id: $id}]->(c)
           SET r.indirectness = $indirectness, r.updatedAt = $at, r.version = coalesce(r.version, 1) + 1`,
          { id, indirectness, at },
        );
        await writeRevisions(tx, audit);
        return link;
      }),

    deleteEvidenceLink: (id, expectedVersion, audit) =>
      linkCompareAndSet(x, id, expectedVersion, async (tx, cur) => {
        await tx.run('MATCH ()-[r:EVIDENCE {id: $id}]->() DELETE r', { id });
        await writeRevisions(tx, audit);
        return cur;
      }),

    createGap: (record, audit, duplicateOf) =>
      createOne(
        x,
        NodeType.EVIDENCE_GAP,
        record,
        audit,
        claimSiblingGuard(NodeType.EVIDENCE_GAP, record.claimId, duplicateOf, 'description'),
      ),

    updateGap: (id, expectedVersion, patch, at, audit) =>
      versioned(x, NodeType.EVIDENCE_GAP, id, expectedVersion, audit, async (tx) => {
        if (patch.addressedById !== undefined) {
          await relink(
            tx,
            [id],
            ['ADDRESSED_BY'],
            optional('ADDRESSED_BY', id, patch.addressedById, 'addressedById'),
          );
        }
        const changes: Props = { updatedAt: at };
        if (patch.status !== undefined && patch.status !== null) changes.status = patch.status;
        await bump(tx, id, changes);
      }),
  };
}
