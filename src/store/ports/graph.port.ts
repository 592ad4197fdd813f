import type { NodeType } from '../../graphql.schema';
import type { GraphEdgeRecord, GraphFilter } from './records';

/** Walks over the whole graph; traversals run in the database and are bounded. */
export interface GraphWalks {
  /** The type of each known id (ids are unique across types). */
  nodeTypes(ids: readonly string[]): Promise<Map<string, NodeType>>;
  /**
   * Breadth-first from a node, edges followed in either direction, at most `depth` steps; nodes
   * ordered by (depth, id) and cut at `limit` (truncated says so); edges: every allowed edge
   * between two returned nodes, ordered by (type, source, target).
   */
  neighborhood(
    rootId: string,
    depth: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<{
    nodes: Array<{ id: string; type: NodeType; depth: number }>;
    edges: GraphEdgeRecord[];
    truncated: boolean;
  }>;
  /**
   * Simple paths (no node twice) between two nodes, edges in either direction, at most maxLength
   * edges, up to `limit` of them, shortest first (order within a length is free: the domain sorts);
   * the edge list follows the path.
   */
  paths(
    fromId: string,
    toId: string,
    maxLength: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<Array<{ nodeIds: string[]; edges: GraphEdgeRecord[] }>>;
  /** Every edge, ordered by (type, source, target), a page at a time after the given edge. */
  scanEdges(after: GraphEdgeRecord | undefined, limit: number): Promise<GraphEdgeRecord[]>;
}
