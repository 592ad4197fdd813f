import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { EdgeType, NodeType } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import {
  EVIDENCE_STORE,
  EvidenceStore,
  GraphEdgeRecord,
  GraphFilter,
} from '../store/evidence-store.port';
import { nodeLabel } from './node-label';

export const MAX_DEPTH = 3;
export const MAX_NODES = 1000;
export const MAX_PATH_LENGTH = 6;
export const MAX_PATHS = 50;
/** Paths the store may return before we sort them; enough for any limit we serve. */
const PATH_CANDIDATES = 500;

export interface GraphNodeView {
  id: string;
  type: NodeType;
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

/** Exploration for researchers: bounded walks that run in the database, labelled here. */
@Injectable()
export class GraphService {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  async neighborhood(
    id: string,
    depth: number,
    limit: number,
    options: ExploreOptions,
    loaders: Loaders,
  ): Promise<GraphSliceView> {
    bounded(depth, MAX_DEPTH, 'depth', 0);
    bounded(limit, MAX_NODES, 'limit');
    await this.mustExist(id, 'id');
    const slice = await this.store.neighborhood(id, depth, this.filter(options), limit);
    return {
      nodes: await this.label(slice.nodes, loaders),
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
    loaders: Loaders,
  ): Promise<GraphPathView[]> {
    bounded(maxLength, MAX_PATH_LENGTH, 'maxLength');
    bounded(limit, MAX_PATHS, 'limit');
    await this.mustExist(from, 'from');
    await this.mustExist(to, 'to');
    if (from === to) throw DomainError.badInput('to', 'must differ from `from`');
    const found = await this.store.paths(
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
    const types = await this.store.nodeTypes([...new Set(ordered.flatMap((p) => p.nodeIds))]);
    const labelled = new Map(
      (
        await this.label(
          [...types].map(([nid, type]) => ({ id: nid, type })),
          loaders,
        )
      ).map((n) => [n.id, n]),
    );
    return ordered.map((p) => ({
      nodes: p.nodeIds.map((nid) => labelled.get(nid)!),
      edges: p.edges,
      length: p.edges.length,
    }));
  }

  /** Labels nodes from their records, one batched read per type. */
  async label(
    nodes: Array<{ id: string; type: NodeType }>,
    loaders: Loaders,
  ): Promise<GraphNodeView[]> {
    const records = await Promise.all(nodes.map((n) => loaders.byType(n.type).load(n.id)));
    return nodes.map((n, i) => ({
      id: n.id,
      type: n.type,
      label: records[i] ? nodeLabel(n.type, records[i]!) : n.id,
    }));
  }

  private filter(o: ExploreOptions): GraphFilter {
    return {
      nodeTypes: o.types?.length ? o.types : undefined,
      edgeTypes: o.edgeTypes?.length ? o.edgeTypes : undefined,
    };
  }

  private async mustExist(id: string, field: string): Promise<void> {
    if (!(await this.store.nodeTypes([id])).has(id))
      throw DomainError.notFound(`Node "${id}"`, field);
  }
}

function compareIds(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}
