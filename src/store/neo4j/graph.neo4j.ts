import neo4j from 'neo4j-driver';
import { EdgeType, EvidenceRelation, NodeType } from '../../graphql.schema';
import { GraphEdgeRecord, GraphWalks } from '../ports';
import { dedupe } from './neo4j.cypher';
import { Neo4jExecutor, Tx, rows } from './neo4j.executor';
import { OWNED_RELS } from './neo4j.model';
import { Props } from './neo4j.records';

/**
 * The relationships that are edges of the graph, each in its true direction (SQLite's
 * graph_edges view): the owned references, evidence (typed by its relation) and citations.
 * HAS_NOTICE is none: notices are no nodes of the graph.
 */
const GRAPH_RELS: string[] = [...OWNED_RELS, 'EVIDENCE', 'CITES'];
const RELATIONS: string[] = Object.values(EvidenceRelation);

/** The API edge type of relationship variable `r`. */
const edgeTypeOf = (r: string) =>
  `CASE type(${r}) WHEN 'EVIDENCE' THEN ${r}.relation ELSE type(${r}) END`;

/** Relationship types to follow (from the whitelist only) and the evidence relations allowed. */
interface EdgeSelection {
  /** For a pattern: `[r:${rels}]`. */
  rels: string;
  /** Allowed evidence relations; null: all. */
  relations: string[] | null;
}

/** The edges a filter allows; null when it allows none. */
function selectEdges(types: readonly EdgeType[] | undefined): EdgeSelection | null {
  if (!types?.length) return { rels: GRAPH_RELS.join('|'), relations: null };
  const wanted = new Set<string>(types);
  const relations = RELATIONS.filter((x) => wanted.has(x));
  const rels = GRAPH_RELS.filter((rel) =>
    rel === 'EVIDENCE' ? relations.length > 0 : wanted.has(rel),
  );
  if (rels.length === 0) return null;
  return {
    rels: rels.join('|'),
    relations: relations.length === RELATIONS.length ? null : relations,
  };
}

/** Whether relationship `r` passes the evidence relation filter ($relations). */
const relationAllowed = (r: string) =>
  `($relations IS NULL OR type(${r}) <> 'EVIDENCE' OR ${r}.relation IN $relations)`;

/** A graph edge from a row or map with source, target and type. */
function edgeRecord(r: Props): GraphEdgeRecord {
  return { source: r.source as string, target: r.target as string, type: r.type as EdgeType };
}

/**
 * One breadth-first step: the nodes not yet seen that an allowed edge links to the frontier,
 * in either direction, whose type passes the filter (or whose id is `exempt`); ordered by id,
 * at most `room` of them.
 */
async function nextLevel(
  tx: Tx,
  frontier: string[],
  seen: Set<string>,
  edges: EdgeSelection,
  nodeTypes: NodeType[] | null,
  exempt: string | null,
  { room }: { room: number },
): Promise<Array<{ id: string; type: NodeType }>> {
  // The frontier is bound before the expansion: else the planner may scan every node for the
  // NOT IN $seen filter.
  const found = await rows(
    tx,
    `UNWIND $frontier AS id
     MATCH (a:Entity {id: id})
     WITH a
     MATCH (a)-[r:${edges.rels}]-(n:Entity)
     WHERE ${relationAllowed('r')}
       AND (n.id = $exempt OR $nodeTypes IS NULL OR n.type IN $nodeTypes)
       AND NOT n.id IN $seen
     RETURN DISTINCT n.id AS id, n.type AS type ORDER BY id LIMIT $room`,
    {
      frontier,
      seen: [...seen],
      relations: edges.relations,
      nodeTypes,
      exempt,
      room: neo4j.int(room),
    },
  );
  return found.map((r) => ({ id: r.id as string, type: r.type as NodeType }));
}

/** Longest path paths() enumerates, whatever it is asked (the domain allows 6). */
const PATH_BOUND = 8;

/** Nodes paths() learns the distance to either end of, at most (see distances). */
const DISTANCE_NODES = 50_000;

/**
 * Simple paths of exactly `length` edges from $from to $to: an explicit pattern
 * (n0)-[r1]-(n1)-...-(nk), so that every intermediate node n_i is pruned where it is bound: not
 * the target, not seen before on the path, of an allowed type ($nodeTypes), at most i steps from
 * the start ($fromStart, complete up to `knownFrom` steps) and at most k - i from the target
 * ($toTarget, complete up to `knownTo`). The two halves are expanded from their own ends and
 * joined at the middle node, so a hub near either end is crossed once, not once per prefix.
 * Ordered by the node ids.
 */
function pathQuery(
  length: number,
  edges: EdgeSelection,
  knownTo: number,
  knownFrom: number,
): string {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`path length ${length}`);
  const hops = Array.from({ length }, (_, i) => i + 1);
  const pattern = hops.map((i) => `-[r${i}:${edges.rels}]-(n${i}:Entity)`).join('');
  const where = [
    ...hops.map((i) => relationAllowed(`r${i}`)),
    ...hops.slice(0, -1).flatMap((i) => {
      const before = Array.from({ length: i }, (_, j) => `n${j}`).join(', ');
      const left = length - i;
      return [
        `n${i}.id <> $to`,
        `NOT n${i} IN [${before}]`,
        `($nodeTypes IS NULL OR n${i}.type IN $nodeTypes)`,
        ...(left <= knownTo ? [`$toTarget[n${i}.id] <= ${left}`] : []),
        ...(i <= knownFrom ? [`$fromStart[n${i}.id] <= ${i}`] : []),
      ];
    }),
  ];
  const hints = [
    'USING INDEX n0:Entity(id)',
    `USING INDEX n${length}:Entity(id)`,
    ...(length >= 2 ? [`USING JOIN ON n${Math.ceil(length / 2)}`] : []),
  ];
  const nodeIds = [0, ...hops].map((i) => `n${i}.id`).join(', ');
  const rels = hops.map((i) => `r${i}`).join(', ');
  return `MATCH (n0:Entity {id: $from})${pattern}
          ${hints.join('\n')}
          WHERE n${length}.id = $to AND ${where.join('\n AND ')}
          RETURN [${nodeIds}] AS nodeIds,
                 [r IN [${rels}] |
                   {source: startNode(r).id, target: endNode(r).id, type: ${edgeTypeOf('r')}}
                 ] AS edges
          ORDER BY nodeIds LIMIT $room`;
}

/**
 * Distances from one end of a path over the edges and node types a path may use (the other
 * end, `exempt`, passes any type filter), breadth-first up to maxDepth steps. The walk stops
 * early past DISTANCE_NODES nodes: `known` says up to which distance the map is complete (a node
 * absent is farther than that).
 */
async function distances(
  tx: Tx,
  startId: string,
  exempt: string,
  maxDepth: number,
  edges: EdgeSelection,
  nodeTypes: NodeType[] | null,
): Promise<{ dist: Record<string, number>; known: number }> {
  const dist: Record<string, number> = { [startId]: 0 };
  const seen = new Set([startId]);
  let frontier = [startId];
  let known = 0;
  for (let level = 1; level <= maxDepth; level++) {
    if (frontier.length > 0) {
      const room = DISTANCE_NODES - seen.size;
      const next = await nextLevel(tx, frontier, seen, edges, nodeTypes, exempt, {
        room: room + 1,
      });
      // A level cut short is not known whole: its distances are dropped.
      if (next.length > room) break;
      frontier = next.map((n) => n.id);
      for (const id of frontier) {
        seen.add(id);
        dist[id] = level;
      }
    }
    known = level;
  }
  return { dist, known };
}

/** Every allowed edge between two of the nodes, ordered by (type, source, target). */
async function edgesAmong(
  tx: Tx,
  ids: string[],
  edges: EdgeSelection | null,
): Promise<GraphEdgeRecord[]> {
  if (ids.length === 0 || !edges) return [];
  const found = await rows(
    tx,
    `UNWIND $ids AS id
     MATCH (a:Entity {id: id})-[r:${edges.rels}]->(b:Entity)
     WHERE b.id IN $ids AND ${relationAllowed('r')}
     RETURN DISTINCT a.id AS source, b.id AS target, ${edgeTypeOf('r')} AS type
     ORDER BY type, source, target`,
    { ids, relations: edges.relations },
  );
  return found.map(edgeRecord);
}

/** Walks over the whole graph, in the database, each in one read transaction. */
export function neo4jGraph(x: Neo4jExecutor): GraphWalks {
  return {
    async nodeTypes(ids) {
      const found = await x.readFor(ids, (on) =>
        rows(on, 'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.type AS type', {
          ids: dedupe(ids),
        }),
      );
      return new Map(found.map((r) => [r.id as string, r.type as NodeType]));
    },

    /**
     * Breadth-first, one query per level over the frontier, in one read transaction: a node is
     * reached once, at its least depth; the walk stops as soon as more than `limit` nodes are
     * known (nodes come in (depth, id) order, so the first limit are then settled).
     */
    neighborhood(rootId, depth, filter, limit) {
      const edges = selectEdges(filter.edgeTypes);
      const nodeTypes = filter.nodeTypes?.length ? filter.nodeTypes : null;
      return x.read(async (tx) => {
        const [root] = await rows(tx, 'MATCH (n:Entity {id: $id}) RETURN n.type AS type', {
          id: rootId,
        });
        if (!root) return { nodes: [], edges: [], truncated: false };
        const found = [{ id: rootId, type: root.type as NodeType, depth: 0 }];
        const seen = new Set([rootId]);
        let frontier = [rootId];
        for (
          let level = 1;
          edges && level - 1 < depth && frontier.length > 0 && found.length <= limit;
          level++
        ) {
          const next = await nextLevel(tx, frontier, seen, edges, nodeTypes, null, {
            room: limit + 1 - found.length,
          });
          frontier = next.map((n) => n.id);
          for (const n of next) {
            seen.add(n.id);
            found.push({ ...n, depth: level });
          }
        }
        const nodes = found.slice(0, Math.max(0, limit));
        return {
          nodes,
          edges: await edgesAmong(
            tx,
            nodes.map((n) => n.id),
            edges,
          ),
          truncated: found.length > limit,
        };
      });
    },

    /**
     * Simple paths, one length at a time (shortest first), stopping once `limit` are found: the
     * longer lengths, the costly ones, are only enumerated when needed. Each length k is one
     * match of an explicit k-hop pattern (k a checked integer) whose nodes are pruned as they
     * are bound: distinct, of an allowed type, and close enough to the target to reach it in the
     * hops left (distances from a bounded breadth-first walk back from the target). So only
     * prefixes that can still become a path are expanded, and a hub does not multiply the work.
     */
    async paths(fromId, toId, maxLength, filter, limit) {
      const edges = selectEdges(filter.edgeTypes);
      if (!edges || !(limit >= 1) || fromId === toId) return [];
      const longest = Math.min(PATH_BOUND, Math.ceil(maxLength));
      const nodeTypes = filter.nodeTypes?.length ? filter.nodeTypes : null;
      return x.read(async (tx) => {
        const out: Array<{ nodeIds: string[]; edges: GraphEdgeRecord[] }> = [];
        const toTarget = await distances(tx, toId, fromId, longest, edges, nodeTypes);
        const fromStart = await distances(tx, fromId, toId, longest, edges, nodeTypes);
        for (let length = 1; length <= longest && out.length < limit; length++) {
          // No path this long when the ends are known to be farther apart.
          const apart = toTarget.dist[fromId];
          if (length <= toTarget.known && !(apart <= length)) continue;
          const found = await rows(tx, pathQuery(length, edges, toTarget.known, fromStart.known), {
            from: fromId,
            to: toId,
            relations: edges.relations,
            nodeTypes,
            toTarget: toTarget.dist,
            fromStart: fromStart.dist,
            room: neo4j.int(limit - out.length),
          });
          for (const r of found) {
            out.push({
              nodeIds: r.nodeIds as string[],
              edges: (r.edges as Props[]).map(edgeRecord),
            });
          }
        }
        return out;
      });
    },

    async scanEdges(after, limit) {
      const a = after ?? { type: '', source: '', target: '' };
      const found = await rows(
        x,
        `MATCH (a:Entity)-[r:${GRAPH_RELS.join('|')}]->(b:Entity)
           WITH a.id AS source, b.id AS target, ${edgeTypeOf('r')} AS type
           WHERE type > $type OR (type = $type AND (source > $source
                 OR (source = $source AND target > $target)))
           RETURN source, target, type ORDER BY type, source, target LIMIT $limit`,
        { type: a.type, source: a.source, target: a.target, limit: neo4j.int(limit) },
      );
      return found.map(edgeRecord);
    },
  };
}
