import neo4j from 'neo4j-driver';
import { normaliseName } from '../../common/text';
import { NodeType } from '../../graphql.schema';
import { VocabularyStore } from '../ports';
import {
  createOne,
  dedupe,
  getByIds,
  nodes,
  pageOf,
  relink,
  rewrite,
  versioned,
} from './neo4j.cypher';
import { Neo4jExecutor, rows } from './neo4j.executor';
import { NODE_LABEL, num } from './neo4j.records';
import { LABEL_INDEX } from './neo4j.schema';

/**
 * The controlled vocabulary. Conditions and mechanisms keep `labels` (name and synonyms,
 * normalised) for exact label lookups, and all three a `sortName` that orders as SQLite does.
 * The condition hierarchy is (narrower)-[:BROADER]->(broader).
 */
/** The match of a lookup by label (binds `n`); exported so a test can check its plan. */
export const labelLookup = (type: NodeType) =>
  `CALL db.index.fulltext.queryNodes('${LABEL_INDEX}', $phrase) YIELD node AS n
   WHERE n:${NODE_LABEL[type]} AND $label IN n.labels`;

export function neo4jVocabulary(x: Neo4jExecutor): VocabularyStore {
  /**
   * Records of one type whose normalised labels include the label, by id: a seek in the label
   * index (a phrase of the one keyword, quotes and backslashes escaped), then the exact check.
   */
  const byLabel = async <T extends NodeType>(type: T, label: string) => {
    const key = normaliseName(label);
    if (key === '') return [];
    return nodes(
      x,
      type,
      labelLookup(type),
      { label: key, phrase: `"${key.replace(/["\\]/g, '\\$&')}"` },
      'ORDER BY p.id',
    );
  };
  /** Every record of one type, by sort name then id. */
  const sorted = <T extends NodeType>(type: T) =>
    nodes(x, type, `MATCH (n:${NODE_LABEL[type]})`, {}, 'ORDER BY n.sortName, n.id');

  return {
    getConditions: (ids) => getByIds(x, NodeType.CONDITION, ids),

    listConditions(page, search) {
      const filter = search ? 'any(l IN n.labels WHERE l CONTAINS $search)' : 'true';
      // Keyset on (sortName, id) after the condition `after`; an unknown `after` gives no rows,
      // as in SQLite.
      const after = page.after
        ? `AND (n.sortName > a.sortName OR (n.sortName = a.sortName AND n.id > a.id))`
        : '';
      const params = {
        search: search ? normaliseName(search) : null,
        after: page.after ?? null,
        limit: neo4j.int(page.limit + 1),
      };
      return pageOf(
        x,
        NodeType.CONDITION,
        `MATCH (n:Condition) WHERE ${filter}`,
        `OPTIONAL MATCH (a:Entity {id: $after}) WHERE a:Condition
         MATCH (n:Condition) WHERE ${filter} ${after}`,
        params,
        'ORDER BY n.sortName, n.id LIMIT $limit',
        page.limit,
      );
    },

    findConditionsByName: (label) => byLabel(NodeType.CONDITION, label),

    async conditionNames() {
      const found = await rows(
        x,
        'MATCH (n:Condition) RETURN n.id AS id, n.name AS name, n.synonyms AS synonyms ORDER BY id',
      );
      return found.map((r) => ({
        id: r.id as string,
        name: r.name as string,
        synonyms: (r.synonyms as string[] | null) ?? [],
      }));
    },

    async narrowerConditions(rootIds, maxDepth) {
      if (rootIds.length === 0 || !(maxDepth >= 1)) return [];
      // A variable-length bound cannot be a parameter: it is written from this checked integer
      // (none beyond that: unbounded). Relationships are not repeated within a path, so cycles
      // end; min() keeps the shortest.
      const bound = Math.ceil(maxDepth);
      const hops = Number.isSafeInteger(bound) ? String(bound) : '';
      const found = await rows(
        x,
        `UNWIND $roots AS root
           MATCH path = (:Entity {id: root})<-[:BROADER*1..${hops}]-(n:Condition)
           WHERE NOT n.id IN $roots
           RETURN n.id AS id, min(length(path)) AS depth ORDER BY depth, id`,
        { roots: dedupe(rootIds) },
      );
      return found.map((r) => ({ id: r.id as string, depth: num(r.depth) }));
    },

    async narrowerPairs(parentIds) {
      const found = await x.readFor(parentIds, (on) =>
        rows(
          on,
          `UNWIND $ids AS id MATCH (b:Entity {id: id})<-[:BROADER]-(n)
           RETURN b.id AS broader, n.id AS narrower ORDER BY broader, narrower`,
          { ids: dedupe(parentIds) },
        ),
      );
      return found.map((r): [string, string] => [r.broader as string, r.narrower as string]);
    },

    getMechanisms: (ids) => getByIds(x, NodeType.MECHANISM, ids),

    listMechanisms: () => sorted(NodeType.MECHANISM),

    findMechanismsByName: (label) => byLabel(NodeType.MECHANISM, label),

    getInterventions: (ids) => getByIds(x, NodeType.INTERVENTION, ids),

    listInterventions: () => sorted(NodeType.INTERVENTION),

    createCondition: (record, audit) => createOne(x, NodeType.CONDITION, record, audit),

    createMechanism: (record, audit) => createOne(x, NodeType.MECHANISM, record, audit),

    createIntervention: (record, audit) => createOne(x, NodeType.INTERVENTION, record, audit),

    updateCondition: (id, expectedVersion, patch, at, audit) =>
      versioned(x, NodeType.CONDITION, id, expectedVersion, audit, async (tx) => {
        const { broaderIds, ...own } = patch;
        if (broaderIds) {
          const links = broaderIds.map((to) => ({
            rel: 'BROADER' as const,
            from: id,
            to,
            field: 'broaderIds',
          }));
          await relink(tx, [id], ['BROADER'], links);
        }
        await rewrite(tx, NodeType.CONDITION, id, own, at);
      }),

    updateMechanism: (id, expectedVersion, patch, at, audit) =>
      versioned(x, NodeType.MECHANISM, id, expectedVersion, audit, (tx) =>
        rewrite(tx, NodeType.MECHANISM, id, patch, at),
      ),
  };
}
