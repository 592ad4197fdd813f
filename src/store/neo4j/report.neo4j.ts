/**
 * A report's records in one statement (one auto-commit transaction, one round trip):
 * the same reads as narrowerConditions, getConditions, findClaimIds, getClaims, evidenceByClaims,
 * getStudies, statementsByClaims and gapsByClaims, each a subquery over the ids the one before
 * found, every lookup an index seek on Entity(id). One report used to cost one transaction per
 * read, one after another; the contract suite checks this equals those reads.
 */
import { NodeType } from '../../graphql.schema';
import { ConditionEvidenceRecords, ReportReads } from '../ports';
import { Neo4jExecutor } from './neo4j.executor';
import { EVIDENCE_PROJECTION, FROM_PROPS, projection } from './neo4j.model';
import * as records from './neo4j.records';
import { num, Props } from './neo4j.records';

/** Records of `type` by the ids `unwind` binds to `id`, each seeked on Entity(id). */
const nodesOf = (type: NodeType, label: string, unwind: string) =>
  `${unwind} MATCH (n:Entity {id: id}) USING INDEX SEEK n:Entity(id) WHERE n:${label}
   WITH ${projection(type)} AS p RETURN collect(p) AS found`;

/** Records of `type` owned by the ids (`pattern` binds `n` and seeks `(e:Entity {id: id})`). */
const ownedBy = (type: NodeType, pattern: string, ids: string, order: string) =>
  `UNWIND ${ids} AS id MATCH ${pattern} USING INDEX SEEK e:Entity(id)
   WITH ${projection(type)} AS p ORDER BY ${order} RETURN collect(p) AS found`;

/** The statement for a walk down to `maxDepth` (a checked integer: a bound cannot be a parameter). */
export function conditionEvidenceCypher(maxDepth: number, withSources = false): string {
  const hops = Math.max(0, Math.ceil(maxDepth));
  // As narrowerConditions: shortest depth, the root itself never among the narrower ones.
  const narrower =
    hops >= 1
      ? `OPTIONAL MATCH path = (root)<-[:BROADER*1..${hops}]-(n:Condition) WHERE n.id <> root.id
         WITH n.id AS id, min(length(path)) AS depth WHERE id IS NOT NULL
         WITH id, depth ORDER BY depth, id RETURN collect({id: id, depth: depth}) AS narrower`
      : 'RETURN [] AS narrower';
  return `
    MATCH (root:Entity {id: $root}) USING INDEX SEEK root:Entity(id) WHERE root:Condition
    CALL (root) { ${narrower} }
    WITH root, narrower, [root.id] + [x IN narrower | x.id] AS conditionIds,
         CASE WHEN $maxDepth >= 1 THEN [root.id] + [x IN narrower WHERE x.depth < $maxDepth | x.id]
              ELSE [] END AS parentIds
    CALL (conditionIds) { ${nodesOf(NodeType.CONDITION, 'Condition', 'UNWIND conditionIds AS id')} }
    WITH root, narrower, conditionIds, parentIds, found AS conditions
    CALL (parentIds) {
      UNWIND parentIds AS id MATCH (e:Entity {id: id})<-[:BROADER]-(m) USING INDEX SEEK e:Entity(id)
      WITH e.id AS broader, m.id AS narrower ORDER BY broader, narrower
      RETURN collect([broader, narrower]) AS pairs
    }
    CALL (conditionIds) {
      UNWIND conditionIds AS id MATCH (e:Entity {id: id})<-[:ABOUT]-(n:Claim) USING INDEX SEEK e:Entity(id)
      WITH DISTINCT n WITH ${projection(NodeType.CLAIM)} AS p ORDER BY p.id
      RETURN collect(p) AS claims
    }
    WITH narrower, conditions, pairs, claims, [c IN claims | c.id] AS claimIds
    CALL (claimIds) {
      UNWIND claimIds AS id MATCH (s)-[r:EVIDENCE]->(c:Entity {id: id}) USING INDEX SEEK c:Entity(id)
      WITH ${EVIDENCE_PROJECTION} AS p ORDER BY p.claimId, p.studyId
      RETURN collect(p) AS links
    }
    CALL (links) {
      ${nodesOf(NodeType.STUDY, 'Study', 'UNWIND links AS l WITH DISTINCT l.studyId AS id')}
    }
    WITH narrower, conditions, pairs, claims, claimIds, links, found AS studies
    CALL (claimIds) {
      ${ownedBy(NodeType.STATEMENT, '(n:Statement)-[:STATES]->(e:Entity {id: id})', 'claimIds', 'p.claimId, p.sourceId, p.start, p.id')}
    }
    WITH narrower, conditions, pairs, claims, claimIds, links, studies, found AS statements
    CALL (claimIds) {
      ${ownedBy(NodeType.EVIDENCE_GAP, '(n:EvidenceGap)-[:GAP_OF]->(e:Entity {id: id})', 'claimIds', 'p.claimId, p.id')}
    }
    WITH narrower, conditions, pairs, claims, links, studies, statements, found AS gaps
    ${
      withSources
        ? `CALL (statements) {
             ${nodesOf(NodeType.SOURCE, 'Source', 'UNWIND statements AS s WITH DISTINCT s.sourceId AS id')}
           }`
        : 'WITH *, [] AS found'
    }
    RETURN narrower, conditions, pairs, claims, links, studies, statements, gaps, found AS sources`;
}

export function neo4jReports(x: Neo4jExecutor): ReportReads {
  return {
    async conditionEvidence(rootId, maxDepth, options = {}) {
      const cypher = conditionEvidenceCypher(maxDepth, options.withSources ?? false);
      const [row] = await x.query(cypher, { root: rootId, maxDepth });
      if (!row) return null;
      const list = (key: string) => row[key] as Props[];
      return {
        narrower: list('narrower').map((n) => ({ id: n.id as string, depth: num(n.depth) })),
        conditions: list('conditions').map(FROM_PROPS[NodeType.CONDITION]),
        narrowerPairs: list('pairs').map((p) => p as unknown as [string, string]),
        claims: list('claims').map(FROM_PROPS[NodeType.CLAIM]),
        links: list('links').map(records.evidence),
        studies: list('studies').map(FROM_PROPS[NodeType.STUDY]),
        statements: list('statements').map(FROM_PROPS[NodeType.STATEMENT]),
        gaps: list('gaps').map(FROM_PROPS[NodeType.EVIDENCE_GAP]),
        sources: list('sources').map(FROM_PROPS[NodeType.SOURCE]),
      } satisfies ConditionEvidenceRecords;
    },
  };
}
