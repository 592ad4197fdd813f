import neo4j from 'neo4j-driver';
import { AuditedKind, RevisionChange, RevisionLog } from '../ports';
import { dedupe, setProps } from './neo4j.cypher';
import { Neo4jExecutor, rows } from './neo4j.executor';
import * as records from './neo4j.records';
import { Props } from './neo4j.records';

/**
 * The history: (:Revision) nodes, written by each write in its own transaction (see
 * neo4j.cypher.ts writeRevisions). before / after are JSON strings (see neo4j.records.ts ENCODE).
 */
export function neo4jRevisions(x: Neo4jExecutor): RevisionLog {
  const revisions = async (cypher: string, params: Props = {}) => {
    const found = await rows(x, cypher, params);
    return found.map((r) => records.read.revision(r.p as Props));
  };

  return {
    revisionsOf: (entityId, after, limit) =>
      revisions(
        `MATCH (v:Revision) WHERE v.entityId = $entityId AND v.id > $after
         RETURN v {.*} AS p ORDER BY v.id LIMIT $limit`,
        { entityId, after: after ?? '', limit: neo4j.int(limit) },
      ),

    async getRevisions(ids) {
      if (ids.length === 0) return [];
      return revisions(
        'UNWIND $ids AS id MATCH (v:Revision {id: id}) RETURN v {.*} AS p ORDER BY v.id',
        { ids: dedupe(ids) },
      );
    },

    revisionsSince: (at) =>
      revisions('MATCH (v:Revision) WHERE v.at > $at RETURN v {.*} AS p ORDER BY v.id', { at }),

    async changesSince(at) {
      const found = await x.read((tx) =>
        rows(
          tx,
          `MATCH (v:Revision) WHERE v.at > $at
           RETURN v.id AS id, v.entityId AS entityId, v.entityKind AS entityKind, v.before AS before,
                  v.at AS at
           ORDER BY v.id`,
          { at },
        ),
      );
      return found.map((r) => ({
        id: r.id as string,
        entityId: r.entityId as string,
        entityKind: r.entityKind as AuditedKind,
        before:
          r.before === null || r.before === undefined
            ? null
            : (JSON.parse(r.before as string) as RevisionChange['before']),
        at: r.at as string,
      }));
    },

    async latestRevisionId() {
      const [r] = await rows(
        x,
        'MATCH (v:Revision) WHERE v.id IS NOT NULL RETURN v.id AS id ORDER BY v.id DESC LIMIT 1',
      );
      return r ? (r.id as string) : null;
    },

    scanRevisions: (after, limit) =>
      revisions(
        'MATCH (v:Revision) WHERE v.id > $after RETURN v {.*} AS p ORDER BY v.id LIMIT $limit',
        { after: after ?? '', limit: neo4j.int(limit) },
      ),

    async appendRevisions(list) {
      if (list.length === 0) return 0;
      // Revisions already there (by id) are left alone; how many were new, from the counters
      // (no marker property written and removed on each one).
      return x.write(async (tx) => {
        const result = await tx.run(
          `UNWIND $rows AS row
           MERGE (v:Revision {id: row.id})
           ON CREATE SET v = row`,
          { rows: list.map((v) => setProps(records.ownProps('revision', v))) },
        );
        return result.summary.counters.updates().nodesCreated;
      });
    },
  };
}
