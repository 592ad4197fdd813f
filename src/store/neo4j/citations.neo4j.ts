/**
 * Citations are (citing:Study)-[:CITES]->(cited:Study) relationships, one per ordered pair;
 * their writes take the citing study's write lock. Notices are (Study)-[:HAS_NOTICE]->(:Notice)
 * with no :Entity label: they are records, not nodes of the graph (nodeTypes, search and the
 * exploration never see them), and their ids have a namespace of their own.
 */
import { NodeType } from '../../graphql.schema';
import neo4j from 'neo4j-driver';
import {
  CitationRecord,
  CitationStore,
  NoticeRecord,
  StudyRecord,
  UniqueViolationError,
  VersionedWrite,
} from '../ports';
import {
  bump,
  byIds,
  createEdges,
  dedupe,
  lock,
  pairKey,
  requireNodes,
  takenPairs,
  writeRevisions,
} from './neo4j.cypher';
import { Neo4jExecutor, On, Tx, rows } from './neo4j.executor';
import { CITATION_PROJECTION, NOTICE_PROJECTION } from './neo4j.model';
import * as records from './neo4j.records';
import { Props } from './neo4j.records';

/** The port's citation reads, in a given transaction (upsertBundle reads inside its write). */
export async function citationsIn(
  tx: On,
  studyIds: readonly string[],
  direction: 'cites' | 'citedBy',
): Promise<CitationRecord[]> {
  if (studyIds.length === 0) return [];
  const pattern =
    direction === 'cites'
      ? '(a:Entity {id: id})-[r:CITES]->(b)'
      : '(a)-[r:CITES]->(b:Entity {id: id})';
  const order = direction === 'cites' ? 'p.citingId, p.citedId' : 'p.citedId, p.citingId';
  const found = await rows(
    tx,
    `UNWIND $ids AS id MATCH ${pattern} RETURN ${CITATION_PROJECTION} AS p ORDER BY ${order}`,
    { ids: dedupe(studyIds) },
  );
  return found.map((r) => records.read.citation(r.p as Props));
}

/** The port's notice read, in a given transaction. */
export async function noticesIn(tx: On, studyIds: readonly string[]): Promise<NoticeRecord[]> {
  if (studyIds.length === 0) return [];
  const found = await rows(
    tx,
    `UNWIND $ids AS id MATCH (s:Entity {id: id})-[:HAS_NOTICE]->(n:Notice)
     RETURN n {.*, studyId: s.id} AS p ORDER BY p.studyId, p.createdAt, p.id`,
    { ids: dedupe(studyIds) },
  );
  return found.map((r) => records.notice(r.p as Props));
}

/** Notices by id (with `tx`), or every notice oldest first. */
async function noticesWhere(tx: On, ids: readonly string[] | null): Promise<NoticeRecord[]> {
  const found = await rows(
    tx,
    `MATCH (n:Notice) WHERE $ids IS NULL OR n.id IN $ids
     RETURN ${NOTICE_PROJECTION} AS p ORDER BY p.createdAt, p.id`,
    { ids: ids === null ? null : dedupe(ids) },
  );
  return found.map((r) => records.notice(r.p as Props));
}

/** Creates notices, each (Study)-[:HAS_NOTICE]->(:Notice); ids unique by constraint. */
export async function insertNotices(tx: Tx, notices: NoticeRecord[]): Promise<void> {
  if (notices.length === 0) return;
  await requireNodes(
    tx,
    notices.map((n) => ({ id: n.studyId, type: NodeType.STUDY, field: 'studyId' })),
  );
  await tx.run(
    `UNWIND $rows AS row
     MATCH (s:Entity {id: row.studyId})
     CREATE (s)-[:HAS_NOTICE]->(n:Notice) SET n = row.props`,
    { rows: notices.map((n) => ({ studyId: n.studyId, props: records.ownProps('notice', n) })) },
  );
}

/**
 * Creates citations, one per ordered pair of studies. A pair already recorded (or twice in
 * the batch) is skipped when `skipKnown`, else a UniqueViolationError (as SQLite's UNIQUE).
 * Returns the ones created.
 */
export async function insertCitations(
  tx: Tx,
  citations: CitationRecord[],
  skipKnown: boolean,
): Promise<CitationRecord[]> {
  if (citations.length === 0) return [];
  const taken = await takenPairs(
    tx,
    'CITES',
    citations.map((c) => ({ from: c.citingId, to: c.citedId })),
  );
  const fresh: CitationRecord[] = [];
  for (const c of citations) {
    const k = pairKey(c.citingId, c.citedId);
    if (taken.has(k)) {
      if (!skipKnown) throw new UniqueViolationError('id', null);
      continue;
    }
    taken.add(k);
    fresh.push(c);
  }
  if (fresh.length === 0) return [];
  await createEdges(
    tx,
    'CITES',
    fresh.map((c) => ({ from: c.citingId, to: c.citedId, props: records.ownProps('citation', c) })),
  );
  return fresh;
}

export function neo4jCitations(x: Neo4jExecutor): CitationStore {
  return {
    citationsOf: (studyIds, direction) =>
      x.readFor(studyIds, (on) => citationsIn(on, studyIds, direction)),

    // Breadth-first, one level per query over the new frontier: each study is reached once, at
    // its fewest hops, however many citation paths lead to it. (The frontier is bound before the
    // expansion: else the planner may scan every node for the NOT IN $seen filter.)
    citingStudies: (studyId, maxHops) =>
      x.read(async (tx) => {
        const out: Array<{ id: string; hops: number }> = [];
        const seen = new Set([studyId]);
        let frontier = [studyId];
        for (let hops = 1; hops - 1 < maxHops && frontier.length > 0; hops++) {
          const found = await rows(
            tx,
            `UNWIND $frontier AS id
             MATCH (a:Entity {id: id})
             WITH a
             MATCH (a)<-[:CITES]-(n:Study)
             WHERE NOT n.id IN $seen
             RETURN DISTINCT n.id AS id ORDER BY id`,
            { frontier, seen: [...seen] },
          );
          frontier = found.map((r) => r.id as string);
          for (const id of frontier) {
            seen.add(id);
            out.push({ id, hops });
          }
        }
        return out;
      }),

    noticesByStudies: (studyIds) => x.readFor(studyIds, (on) => noticesIn(on, studyIds)),

    getNotices: (ids) => (ids.length === 0 ? Promise.resolve([]) : noticesWhere(x, ids)),
    listNotices: () => noticesWhere(x, null),

    addNotice: (notice, expectedStudyVersion, audit) =>
      x.write(async (tx): Promise<VersionedWrite<StudyRecord>> => {
        // Notice writes take their study's lock: the version compared is the one written against.
        await lock(tx, [notice.studyId]);
        const [study] = await byIds(tx, NodeType.STUDY, [notice.studyId]);
        if (study && study.version !== expectedStudyVersion)
          return { ok: false, reason: 'CONFLICT', currentVersion: study.version };
        await insertNotices(tx, [notice]);
        await writeRevisions(tx, audit);
        return { ok: true, record: study };
      }),

    setNoticeStatus: (id, expectedVersion, status, at, effect, audit) =>
      x.write(async (tx): Promise<VersionedWrite<NoticeRecord>> => {
        const [owner] = await rows(
          tx,
          'MATCH (s:Entity)-[:HAS_NOTICE]->(n:Notice {id: $id}) RETURN s.id AS studyId',
          { id },
        );
        if (!owner) return { ok: false, reason: 'NOT_FOUND' };
        const studyId = owner.studyId as string;
        await lock(tx, [studyId]);
        const [cur] = await noticesWhere(tx, [id]);
        if (cur.version !== expectedVersion)
          return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
        await tx.run(
          'MATCH (n:Notice {id: $id}) SET n.reviewStatus = $status, n.updatedAt = $at, n.version = $version',
          { id, status, at, version: neo4j.int(cur.version + 1) },
        );
        if (effect) {
          const r = effect.retraction;
          // Absent properties are null, as SQLite's columns: a cleared retraction leaves none.
          await bump(tx, studyId, {
            retracted: r !== null,
            retractionDate: r?.date ?? null,
            retractionNote: r?.note ?? null,
            updatedAt: at,
          });
        }
        await writeRevisions(tx, audit);
        const [after] = await noticesWhere(tx, [id]);
        return { ok: true, record: after };
      }),

    addCitations: (citations, audit) =>
      x.write(async (tx) => {
        const created = await insertCitations(tx, citations, true);
        if (audit) await writeRevisions(tx, created.flatMap(audit));
        return created;
      }),

    removeCitation: (citingId, citedId, audit) =>
      x.write(async (tx) => {
        // Under the citing study's lock, as citations are created: of concurrent removals of the
        // same pair, one finds it.
        await lock(tx, [citingId]);
        const [r] = await rows(
          tx,
          `MATCH (a:Entity {id: $citingId})-[r:CITES]->(b:Entity {id: $citedId})
           WITH r, ${CITATION_PROJECTION} AS p
           DELETE r RETURN p`,
          { citingId, citedId },
        );
        if (!r) return null;
        const removed = records.read.citation(r.p as Props);
        if (audit) await writeRevisions(tx, audit(removed));
        return removed;
      }),
  };
}
