/**
 * Walks over the whole graph: recursive CTEs over the graph_edges view (every relationship as
 * source, target, type), bounded by depth, length and limit.
 */
import type { EdgeType, NodeType } from '../../graphql.schema';
import type { GraphEdgeRecord, GraphFilter, GraphWalks } from '../ports';
import type { SqliteExecutor } from './sqlite.executor';
import type { Row } from './sqlite.rows';

/** Edges both ways, filtered by type: the undirected adjacency traversals walk. */
function adjacency(filter: GraphFilter): { sql: string; params: unknown[] } {
  const typeClause = filter.edgeTypes?.length
    ? 'WHERE type IN (SELECT value FROM json_each(?))'
    : '';
  const p = filter.edgeTypes?.length ? [JSON.stringify(filter.edgeTypes)] : [];
  return {
    sql: `adj(a, b, source, target, type) AS (
              SELECT source, target, source, target, type FROM graph_edges ${typeClause}
              UNION ALL
              SELECT target, source, source, target, type FROM graph_edges ${typeClause}
            )`,
    params: [...p, ...p],
  };
}

function edgeRecord(r: Row): GraphEdgeRecord {
  return { source: r.source as string, target: r.target as string, type: r.type as EdgeType };
}

/** Every allowed edge between two of the nodes. */
function edgesAmong(db: SqliteExecutor, ids: string[], filter: GraphFilter): GraphEdgeRecord[] {
  if (ids.length === 0) return [];
  const typeClause = filter.edgeTypes?.length ? 'AND type IN (SELECT value FROM json_each(?))' : '';
  const list = JSON.stringify(ids);
  return (
    db
      .sql(
        `SELECT DISTINCT source, target, type FROM graph_edges
         WHERE source IN (SELECT value FROM json_each(?)) AND target IN (SELECT value FROM json_each(?)) ${typeClause}
         ORDER BY type, source, target`,
      )
      .all(
        list,
        list,
        ...(filter.edgeTypes?.length ? [JSON.stringify(filter.edgeTypes)] : []),
      ) as Row[]
  ).map(edgeRecord);
}

export function sqliteGraph(db: SqliteExecutor): GraphWalks {
  return {
    async nodeTypes(ids) {
      const out = new Map<string, NodeType>();
      for (const r of db.byIds(
        'SELECT id, type FROM nodes WHERE id IN (SELECT value FROM json_each(?))',
        ids,
      )) {
        out.set(r.id as string, r.type as NodeType);
      }
      return out;
    },

    async neighborhood(rootId, depth, filter, limit) {
      const adj = adjacency(filter);
      const typeClause = filter.nodeTypes?.length
        ? 'AND n.type IN (SELECT value FROM json_each(?))'
        : '';
      const found = db
        .sql(
          `WITH RECURSIVE ${adj.sql},
       walk(id, depth) AS (
         SELECT id, 0 FROM nodes WHERE id = ?
         UNION
         SELECT adj.b, walk.depth + 1 FROM walk
           JOIN adj ON adj.a = walk.id
           JOIN nodes n ON n.id = adj.b ${typeClause}
         WHERE walk.depth < ?
       )
       SELECT walk.id AS id, n.type AS type, MIN(walk.depth) AS depth
       FROM walk JOIN nodes n ON n.id = walk.id
       GROUP BY walk.id ORDER BY depth, walk.id LIMIT ?`,
        )
        .all(
          ...adj.params,
          rootId,
          ...(filter.nodeTypes?.length ? [JSON.stringify(filter.nodeTypes)] : []),
          depth,
          limit + 1,
        ) as Row[];
      const nodes = found
        .slice(0, limit)
        .map((r) => ({ id: r.id as string, type: r.type as NodeType, depth: r.depth as number }));
      return {
        nodes,
        edges: edgesAmong(
          db,
          nodes.map((n) => n.id),
          filter,
        ),
        truncated: found.length > limit,
      };
    },

    async paths(fromId, toId, maxLength, filter, limit) {
      const adj = adjacency(filter);
      const typeClause = filter.nodeTypes?.length
        ? 'AND (adj.b = ? OR n.type IN (SELECT value FROM json_each(?)))'
        : '';
      const typeParams = filter.nodeTypes?.length ? [toId, JSON.stringify(filter.nodeTypes)] : [];
      // Simple paths, one length at a time (shortest first), stopping once `limit` are found. A
      // path is only extended to nodes close enough to the target to arrive in time (distances
      // from a walk back from the target), so each query stays near the answer and can stop early.
      const found: Row[] = [];
      for (let k = 1; k <= maxLength && found.length < limit; k++) {
        found.push(
          ...(db
            .sql(
              `WITH RECURSIVE ${adj.sql},
           back(id, d) AS (
             SELECT ?, 0
             UNION
             SELECT adj.b, back.d + 1 FROM back JOIN adj ON adj.a = back.id WHERE back.d < ?
           ),
           dist(id, d) AS (SELECT id, MIN(d) FROM back GROUP BY id),
           p(last, node_ids, edge_list, len) AS (
             SELECT id, json_array(id), json_array(), 0 FROM nodes WHERE id = ?
             UNION ALL
             SELECT adj.b, json_insert(p.node_ids, '$[#]', adj.b),
                    json_insert(p.edge_list, '$[#]', json_array(adj.source, adj.target, adj.type)), p.len + 1
             FROM p JOIN adj ON adj.a = p.last JOIN dist ON dist.id = adj.b JOIN nodes n ON n.id = adj.b
             WHERE p.len + 1 + dist.d <= ? AND p.last <> ? ${typeClause}
               AND NOT EXISTS (SELECT 1 FROM json_each(p.node_ids) WHERE value = adj.b)
           )
           SELECT node_ids, edge_list FROM p WHERE last = ? AND len = ? LIMIT ?`,
            )
            .all(
              ...adj.params,
              toId,
              k,
              fromId,
              k,
              toId,
              ...typeParams,
              toId,
              k,
              limit - found.length,
            ) as Row[]),
        );
      }
      return found.map((r) => ({
        nodeIds: JSON.parse(r.node_ids as string) as string[],
        edges: (JSON.parse(r.edge_list as string) as Array<[string, string, EdgeType]>).map(
          ([source, target, type]) => ({ source, target, type }),
        ),
      }));
    },

    async scanEdges(after, limit) {
      const a = after ?? { type: '', source: '', target: '' };
      return (
        db
          .sql(
            `SELECT source, target, type FROM graph_edges
         WHERE (type, source, target) > (?, ?, ?) ORDER BY type, source, target LIMIT ?`,
          )
          .all(a.type, a.source, a.target, limit) as Row[]
      ).map(edgeRecord);
    },
  };
}
