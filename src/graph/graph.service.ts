import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { NODE_TYPENAME } from '../common/node-types';
import { EdgeType, NodeType } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { GraphEdgeRecord, GraphFilter } from '../store/ports';
import { nodeCaption } from './node-caption';

export const MAX_DEPTH = 3;
export const MAX_NODES = 1000;
export const MAX_PATH_LENGTH = 6;
export const MAX_PATHS = 50;
/** Paths the store may return before we sort them; enough for any limit we serve. */
const PATH_CANDIDATES = 500;

export interface GraphNodeView {
  id: string;
  type: NodeType;
  /** The node's caption (node-caption.ts): GraphNode.label in the schema. */
  label: string;
}

export interface GraphSliceView {
  nodes: GraphNodeView[];
  edges: GraphEdgeRecord[];
  truncated: boolean;
}

export interface GraphPathView {
  nodes: GraphNodeView[];
  edges: GraphEdgeRecord[];
  length: number;
}

export interface ExploreOptions {
  types?: NodeType[] | null;
  edgeTypes?: EdgeType[] | null;
}

function bounded(value: number, max: number, field: string, min = 1): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw DomainError.badInput(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * The graph area: any node by id (the Node interface), and exploration for researchers (bounded
 * walks that run in the database, captioned here).
 */
@Injectable()
export class GraphService {
  /** Any node by id, tagged with its GraphQL type name; null when there is none. */
  async node(id: string, scope: ReadScope): Promise<object | null> {
    const type = (await scope.store.nodeTypes([id])).get(id);
    if (!type) return null;
    return (await this.typedNodes([{ id, type }], scope)).get(id) ?? null;
  }

  /** Nodes by id and type, each record tagged with its GraphQL type name; absent ones left out. */
  async typedNodes(
    refs: Array<{ id: string; type: NodeType }>,
    { loaders }: ReadScope,
  ): Promise<Map<string, object>> {
    const loaded = await Promise.all(refs.map((r) => loaders.byType(r.type).load(r.id)));
    const out = new Map<string, object>();
    refs.forEach((r, i) => {
      const rec = loaded[i];
      if (rec) out.set(r.id, { ...rec, __typename: NODE_TYPENAME[r.type] });
    });
    return out;
  }

  async neighborhood(
    id: string,
    depth: number,
    limit: number,
    options: ExploreOptions,
    scope: ReadScope,
  ): Promise<GraphSliceView> {
    bounded(depth, MAX_DEPTH, 'depth', 0);
    bounded(limit, MAX_NODES, 'limit');
    await this.mustExist(id, 'id', scope);
    const slice = await scope.store.neighborhood(id, depth, this.filter(options), limit);
    return {
      nodes: await this.caption(slice.nodes, scope),
      edges: slice.edges,
      truncated: slice.truncated,
    };
  }

  async paths(
    from: string,
    to: string,
    maxLength: number,
    limit: number,
    options: ExploreOptions,
    scope: ReadScope,
  ): Promise<GraphPathView[]> {
    bounded(maxLength, MAX_PATH_LENGTH, 'maxLength');
    bounded(limit, MAX_PATHS, 'limit');
    await this.mustExist(from, 'from', scope);
    await this.mustExist(to, 'to', scope);
    if (from === to) throw DomainError.badInput('to', 'must differ from `from`');
    const found = await scope.store.paths(
      from,
      to,
      maxLength,
      this.filter(options),
      PATH_CANDIDATES,
    );
    // Shortest first, then by the node ids along the path: the same order on every store.
    const ordered = found
      .sort((a, b) => a.nodeIds.length - b.nodeIds.length || compareIds(a.nodeIds, b.nodeIds))
      .slice(0, limit);
    const types = await scope.store.nodeTypes([...new Set(ordered.flatMap((p) => p.nodeIds))]);
    const captioned = new Map(
      (
        await this.caption(
          [...types].map(([nid, type]) => ({ id: nid, type })),
          scope,
        )
      ).map((n) => [n.id, n]),
    );
    return ordered.map((p) => ({
      nodes: p.nodeIds.map((nid) => captioned.get(nid)!),
      edges: p.edges,
      length: p.edges.length,
    }));
  }

  /** Captions nodes from their records, one batched read per type. */
  async caption(
    nodes: Array<{ id: string; type: NodeType }>,
    { loaders }: ReadScope,
  ): Promise<GraphNodeView[]> {
    const records = await Promise.all(nodes.map((n) => loaders.byType(n.type).load(n.id)));
    return nodes.map((n, i) => ({
      id: n.id,
      type: n.type,
      label: records[i] ? nodeCaption(n.type, records[i]!) : n.id,
    }));
  }

  private filter(o: ExploreOptions): GraphFilter {
    return {
      nodeTypes: o.types?.length ? o.types : undefined,
      edgeTypes: o.edgeTypes?.length ? o.edgeTypes : undefined,
    };
  }

  private async mustExist(id: string, field: string, { store }: ReadScope): Promise<void> {
    if (!(await store.nodeTypes([id])).has(id)) throw DomainError.notFound(`Node "${id}"`, field);
  }
}

function compareIds(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}
