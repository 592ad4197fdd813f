import { NodeType } from '../../graphql.schema';
import {
  Audit,
  CurationBatch,
  CurationGuards,
  GapRecord,
  SourceStore,
  StatementRecord,
  UniqueViolationError,
} from '../ports';
import {
  byOwners,
  claimSiblingGuard,
  createNodes,
  createOne,
  getByIds,
  lock,
  nodes,
  relink,
  writeRevisions,
} from './neo4j.cypher';
import { Neo4jExecutor, Tx } from './neo4j.executor';
import { linksOf } from './neo4j.model';
import { insertEvidence } from './evidence.neo4j';

/**
 * Asks a curation's guard about each record, under its claim's lock, with the claim's stored
 * records and the batch's earlier ones of that claim (what SQLite's sequential inserts see).
 */
async function guardEach<T extends StatementRecord | GapRecord>(
  tx: Tx,
  type: NodeType.STATEMENT | NodeType.EVIDENCE_GAP,
  recs: T[],
  guard: ((record: T, siblings: T[]) => T | undefined) | undefined,
  field: string,
): Promise<void> {
  if (!guard || recs.length === 0) return;
  const rel = type === NodeType.STATEMENT ? 'STATES' : 'GAP_OF';
  const label = type === NodeType.STATEMENT ? 'Statement' : 'EvidenceGap';
  const claimIds = [...new Set(recs.map((r) => r.claimId))];
  await lock(tx, claimIds);
  const stored = (await nodes(
    tx,
    type,
    `UNWIND $ids AS cid MATCH (n:${label})-[:${rel}]->(:Entity {id: cid})`,
    { ids: claimIds },
    'ORDER BY p.id',
  )) as T[];
  const earlier: T[] = [];
  for (const r of recs) {
    const siblings = [...stored, ...earlier].filter((s) => s.claimId === r.claimId);
    const same = guard(r, siblings);
    if (same) throw new UniqueViolationError(field, same.id);
    earlier.push(r);
  }
}

/** A source's curation in one write transaction (see SourceWrites.createCuration). */
function createCuration(
  x: Neo4jExecutor,
  batch: CurationBatch,
  audit: Audit | undefined,
  guards: CurationGuards | undefined,
): Promise<void> {
  return x.write(async (tx) => {
    await guardEach(tx, NodeType.STATEMENT, batch.statements, guards?.statement, 'quote');
    await guardEach(tx, NodeType.EVIDENCE_GAP, batch.gaps, guards?.gap, 'description');
    await createNodes(tx, NodeType.CLAIM, batch.claims);
    await createNodes(tx, NodeType.STATEMENT, batch.statements);
    await createNodes(tx, NodeType.EVIDENCE_GAP, batch.gaps);
    // Links once every node exists: a statement may state a claim of the same batch.
    await relink(
      tx,
      [],
      [],
      [
        ...batch.claims.flatMap((c) => linksOf(NodeType.CLAIM, c)),
        ...batch.statements.flatMap((s) => linksOf(NodeType.STATEMENT, s)),
        ...batch.gaps.flatMap((g) => linksOf(NodeType.EVIDENCE_GAP, g)),
      ],
    );
    await insertEvidence(tx, batch.evidence);
    await writeRevisions(tx, audit);
  });
}

/** Sources and their statements: (:Statement)-[:IN_SOURCE]->(:Source), -[:STATES]->(:Claim). */
export function neo4jSources(x: Neo4jExecutor): SourceStore {
  return {
    getSources: (ids) => getByIds(x, NodeType.SOURCE, ids),

    listSources: () => nodes(x, NodeType.SOURCE, 'MATCH (n:Source)', {}, 'ORDER BY p.title, p.id'),

    getStatements: (ids) => getByIds(x, NodeType.STATEMENT, ids),

    statementsBySources: (sourceIds) =>
      byOwners(
        x,
        NodeType.STATEMENT,
        '(n:Statement)-[:IN_SOURCE]->(:Entity {id: id})',
        sourceIds,
        'p.sourceId, p.start, p.id',
      ),

    statementsByClaims: (claimIds) =>
      byOwners(
        x,
        NodeType.STATEMENT,
        '(n:Statement)-[:STATES]->(:Entity {id: id})',
        claimIds,
        'p.claimId, p.sourceId, p.start, p.id',
      ),

    createSource: (record, audit) => createOne(x, NodeType.SOURCE, record, audit),

    createStatement: (record, audit, duplicateOf) =>
      createOne(
        x,
        NodeType.STATEMENT,
        record,
        audit,
        claimSiblingGuard(NodeType.STATEMENT, record.claimId, duplicateOf, 'quote'),
      ),

    createCuration: (batch, audit, guards) => createCuration(x, batch, audit, guards),
  };
}
