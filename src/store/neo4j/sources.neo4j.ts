import { NodeType } from '../../graphql.schema';
import { SourceStore } from '../ports';
import { byOwners, claimSiblingGuard, createOne, getByIds, nodes } from './neo4j.cypher';
import { Neo4jExecutor } from './neo4j.executor';

/** Sources and their statements: (:Statement)-[:IN_SOURCE]->(:Source), -[:STATES]->(:Claim). */
export function neo4jSources(x: Neo4jExecutor): SourceStore {
  return {
    getSources: (ids) => getByIds(x, NodeType.SOURCE, ids),

    listSources: () =>
      x.read((tx) => nodes(tx, NodeType.SOURCE, 'MATCH (n:Source)', {}, 'ORDER BY p.title, p.id')),

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
  };
}
