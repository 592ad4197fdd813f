/**
 * Graph export for researchers: the whole graph, or one node's neighbourhood, as GraphML (Gephi,
 * Cytoscape, yEd, NetworkX), JSON, or a pair of CSV tables (nodes, edges).
 *
 * GraphML is written with xmlbuilder2: npm has no maintained GraphML *writer* (graphology-graphml
 * ships only a parser, whatever its description says), and a general XML builder takes care of
 * escaping and of characters XML 1.0 cannot carry. Every attribute is declared once in a <key> with
 * its attr.type (string, int, boolean), so years stay numbers and `retracted` stays a boolean in the
 * tools that read the file. CSV goes through csv-stringify (RFC 4180 quoting).
 */
import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { lazy } from '../common/lazy-module';
import { DomainError } from '../common/domain-error';
import { GraphService, MAX_DEPTH, MAX_NODES } from '../graph/graph.service';
import { nodeCaption } from '../graph/node-caption';
import { EdgeType, NodeType } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import {
  ClaimRecord,
  ConditionRecord,
  GapRecord,
  GraphEdgeRecord,
  InterventionRecord,
  KNOWLEDGE_READS,
  KnowledgeReads,
  MechanismRecord,
  RecordKind,
  SourceRecord,
  StatementRecord,
  STORE_ADMIN,
  StoreAdmin,
  StoreCounts,
  StudyRecord,
} from '../store/ports';
import { scanEdges, scanKind } from '../store/scan-all';

// GraphML only: loaded with the first GraphML export (lazy-module.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xmlbuilder = lazy(() => require('xmlbuilder2') as typeof import('xmlbuilder2'));

export type ExportFormat = 'graphml' | 'json' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['graphml', 'json', 'csv'];
export type CsvFile = 'nodes' | 'edges';
export const DEFAULT_DEPTH = 1;
/** Records read per store call while walking the whole graph. */
export const SCAN_PAGE = 500;

export interface ExportOptions {
  /** Absent: the whole graph. Present: the neighbourhood of this node. */
  root?: string;
  /** Steps from the root, 0..3 (only with a root; default 1). */
  depth?: number;
  /** Only nodes of these types (a root is always included). */
  types?: NodeType[];
  /** Only edges of these types. */
  edgeTypes?: EdgeType[];
}

/**
 * One node with its scalar attributes. Attributes that do not apply to a node's type, or that are
 * empty, are absent (GraphML: no <data>; CSV: an empty cell; JSON: no key).
 */
export interface ExportNode {
  id: string;
  type: NodeType;
  /** The node's caption (graph/node-caption.ts), under the name Gephi and Cytoscape expect. */
  label: string;
  /** Source kind, claim kind or gap kind. */
  kind?: string;
  reviewStatus?: string;
  url?: string;
  publisher?: string;
  /** Source: the day it was retrieved, YYYY-MM-DD. */
  retrievedAt?: string;
  /** Source: SHA-256 of the page's HTML, when ingested from one. */
  htmlSha256?: string;
  hedging?: string;
  /** Statement: code point offsets into the source text, [start, end). */
  start?: number;
  end?: number;
  synonyms?: string;
  /** Condition: MeSH codes, "; "-separated. */
  meshCodes?: string;
  /** Condition: every code as system:code, "; "-separated. */
  codes?: string;
  drug?: string;
  route?: string;
  year?: number;
  design?: string;
  journal?: string;
  doi?: string;
  pmid?: string;
  sampleSize?: number;
  retracted?: boolean;
  status?: string;
  neededDesign?: string;
}

export interface ExportEdge {
  /** `${type}:${source}>${target}`: unique, since a pair has at most one edge of each type. */
  id: string;
  source: string;
  target: string;
  type: EdgeType;
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
  truncated: boolean;
}

export type AttributeType = 'string' | 'int' | 'double' | 'boolean';

type AttributeName = Exclude<keyof ExportNode, 'id'>;

/** Every node attribute with its GraphML type, in column order. */
export const NODE_ATTRIBUTES: ReadonlyArray<{ name: AttributeName; type: AttributeType }> = [
  { name: 'type', type: 'string' },
  { name: 'label', type: 'string' },
  { name: 'kind', type: 'string' },
  { name: 'reviewStatus', type: 'string' },
  { name: 'url', type: 'string' },
  { name: 'publisher', type: 'string' },
  { name: 'retrievedAt', type: 'string' },
  { name: 'htmlSha256', type: 'string' },
  { name: 'hedging', type: 'string' },
  { name: 'start', type: 'int' },
  { name: 'end', type: 'int' },
  { name: 'synonyms', type: 'string' },
  { name: 'meshCodes', type: 'string' },
  { name: 'codes', type: 'string' },
  { name: 'drug', type: 'string' },
  { name: 'route', type: 'string' },
  { name: 'year', type: 'int' },
  { name: 'design', type: 'string' },
  { name: 'journal', type: 'string' },
  { name: 'doi', type: 'string' },
  { name: 'pmid', type: 'string' },
  { name: 'sampleSize', type: 'int' },
  { name: 'retracted', type: 'boolean' },
  { name: 'status', type: 'string' },
  { name: 'neededDesign', type: 'string' },
];

/** The record kinds that are graph nodes (notices, citations and evidence links are edges or data). */
export const NODE_KINDS: ReadonlyArray<{ kind: RecordKind & keyof StoreCounts; type: NodeType }> = [
  { kind: 'sources', type: NodeType.SOURCE },
  { kind: 'statements', type: NodeType.STATEMENT },
  { kind: 'claims', type: NodeType.CLAIM },
  { kind: 'conditions', type: NodeType.CONDITION },
  { kind: 'mechanisms', type: NodeType.MECHANISM },
  { kind: 'interventions', type: NodeType.INTERVENTION },
  { kind: 'studies', type: NodeType.STUDY },
  { kind: 'gaps', type: NodeType.EVIDENCE_GAP },
];

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const GRAPHML_XSD = 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd';

/** Progress while collecting (the CLI draws a bar from it). */
export interface ExportProgress {
  /** Nodes expected (whole graph), or 1 (neighbourhood). */
  start(total: number): void;
  /** `by` more records read; `what` names the kind being read. */
  advance(by: number, what: string): void;
  /** Edges are not counted up front: the total grows as pages come in. */
  grow?(by: number): void;
}

// --- input parsing (shared by the HTTP controller and the CLI) ---------------------------------

function enumList<T extends string>(
  raw: string | undefined,
  allowed: Record<string, T>,
  field: string,
): T[] | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const values = Object.values(allowed);
  const out: T[] = [];
  for (const name of names) {
    const value = values.find((v) => v === name.toUpperCase());
    if (!value)
      throw DomainError.badInput(field, `unknown value "${name}"; use ${values.join(', ')}`);
    if (!out.includes(value)) out.push(value);
  }
  return out.length ? out : undefined;
}

export function parseFormat(raw: string | undefined): ExportFormat {
  const format = (raw ?? 'graphml').trim().toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw DomainError.badInput(
      'format',
      `unknown format "${raw}"; use ${EXPORT_FORMATS.join(', ')}`,
    );
  return format as ExportFormat;
}

export function parseCsvFile(raw: string | undefined): CsvFile {
  const file = (raw ?? 'nodes').trim().toLowerCase();
  if (file !== 'nodes' && file !== 'edges')
    throw DomainError.badInput('file', `unknown file "${raw}"; use nodes or edges`);
  return file;
}

/** Parses textual options (query string, command line); DomainError BAD_USER_INPUT when wrong. */
export function parseExportOptions(raw: {
  root?: string;
  depth?: string;
  types?: string;
  edgeTypes?: string;
}): ExportOptions {
  const root = raw.root?.trim() || undefined;
  let depth: number | undefined;
  if (raw.depth !== undefined) {
    if (!root) throw DomainError.badInput('depth', 'applies only with root');
    if (!/^\s*\d+\s*$/.test(raw.depth) || Number(raw.depth) > MAX_DEPTH)
      throw DomainError.badInput('depth', `must be a whole number from 0 to ${MAX_DEPTH}`);
    depth = Number(raw.depth);
  }
  return {
    root,
    depth,
    types: enumList(raw.types, NodeType, 'types'),
    edgeTypes: enumList(raw.edgeTypes, EdgeType, 'edgeTypes'),
  };
}

// --- attributes ---------------------------------------------------------------------------------

function present<T extends object>(o: T): T {
  for (const key of Object.keys(o) as Array<keyof T>) {
    const v = o[key];
    if (v === null || v === undefined || v === '') delete o[key];
  }
  return o;
}

function joined(values: readonly string[]): string | undefined {
  return values.length ? values.join('; ') : undefined;
}

/** The scalar attributes of a node, from its record. */
export function nodeAttributes(
  type: NodeType,
  record: object,
): Omit<ExportNode, 'id' | 'type' | 'label'> {
  switch (type) {
    case NodeType.SOURCE: {
      const r = record as SourceRecord;
      return present({
        kind: r.kind,
        url: r.url ?? undefined,
        publisher: r.publisher ?? undefined,
        retrievedAt: r.retrievedAt ?? undefined,
        htmlSha256: r.htmlSha256 ?? undefined,
      });
    }
    case NodeType.STATEMENT: {
      const r = record as StatementRecord;
      return present({
        hedging: r.hedging,
        reviewStatus: r.reviewStatus,
        start: r.start,
        end: r.end,
      });
    }
    case NodeType.CLAIM: {
      const r = record as ClaimRecord;
      return present({ kind: r.kind, reviewStatus: r.reviewStatus });
    }
    case NodeType.CONDITION: {
      const r = record as ConditionRecord;
      return present({
        synonyms: joined(r.synonyms),
        meshCodes: joined(
          r.codes.filter((c) => c.system.toLowerCase() === 'mesh').map((c) => c.code),
        ),
        codes: joined(r.codes.map((c) => `${c.system}:${c.code}`)),
      });
    }
    case NodeType.MECHANISM: {
      const r = record as MechanismRecord;
      return present({ synonyms: joined(r.synonyms) });
    }
    case NodeType.INTERVENTION: {
      const r = record as InterventionRecord;
      return present({ drug: r.drug ?? undefined, route: r.route ?? undefined });
    }
    case NodeType.STUDY: {
      const r = record as StudyRecord;
      return present({
        year: r.year ?? undefined,
        design: r.design,
        journal: r.journal ?? undefined,
        doi: r.doi ?? undefined,
        pmid: r.pmid ?? undefined,
        sampleSize: r.sampleSize ?? undefined,
        retracted: r.retraction !== null,
      });
    }
    case NodeType.EVIDENCE_GAP: {
      const r = record as GapRecord;
      return present({
        kind: r.kind,
        status: r.status,
        neededDesign: r.neededDesign ?? undefined,
      });
    }
  }
}

export function exportNode(type: NodeType, record: { id: string }, caption?: string): ExportNode {
  return {
    id: record.id,
    type,
    label: caption ?? nodeCaption(type, record),
    ...nodeAttributes(type, record),
  };
}

export function exportEdge(e: GraphEdgeRecord): ExportEdge {
  return {
    id: `${e.type}:${e.source}>${e.target}`,
    source: e.source,
    target: e.target,
    type: e.type,
  };
}

interface GraphDatum {
  id: string;
  name: string;
  type: AttributeType;
  value: string | number | boolean;
}

function graphmlValue(type: AttributeType, value: string | number | boolean): string {
  if (type === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

// --- the service --------------------------------------------------------------------------------

@Injectable()
export class ExportService {
  constructor(
    /** Whole-store walks: the whole graph is read a page at a time, as store:copy does. */
    @Inject(STORE_ADMIN) private readonly admin: Pick<StoreAdmin, 'counts' | 'scan'>,
    @Inject(KNOWLEDGE_READS) private readonly reads: KnowledgeReads,
    private readonly graph: GraphService,
  ) {}

  /** The whole graph (no root) or a root's neighbourhood (at most MAX_NODES nodes; truncated says so). */
  async collect(options: ExportOptions, progress?: ExportProgress): Promise<ExportGraph> {
    return options.root
      ? this.neighbourhood(options.root, options, progress)
      : this.wholeGraph(options, progress);
  }

  private async neighbourhood(
    root: string,
    options: ExportOptions,
    progress?: ExportProgress,
  ): Promise<ExportGraph> {
    const scope = new ReadScope(this.reads);
    if (!(await scope.store.nodeTypes([root])).has(root))
      throw DomainError.notFound(`Node "${root}"`, 'root');
    progress?.start(1);
    const slice = await this.graph.neighborhood(
      root,
      options.depth ?? DEFAULT_DEPTH,
      MAX_NODES,
      { types: options.types, edgeTypes: options.edgeTypes },
      scope,
    );
    // GraphService captioned the nodes through this scope, so the records are cached already.
    const records = await Promise.all(
      slice.nodes.map((n) => scope.loaders.byType(n.type).load(n.id)),
    );
    const nodes = slice.nodes.map((n, i) => {
      const record = records[i];
      return record
        ? exportNode(n.type, { ...record, id: n.id }, n.label)
        : { id: n.id, type: n.type, label: n.label };
    });
    progress?.advance(1, 'neighbourhood');
    return { nodes, edges: slice.edges.map(exportEdge), truncated: slice.truncated };
  }

  private async wholeGraph(
    options: ExportOptions,
    progress?: ExportProgress,
  ): Promise<ExportGraph> {
    const kinds = NODE_KINDS.filter((k) => !options.types || options.types.includes(k.type));
    const counts = await this.admin.counts();
    progress?.start(kinds.reduce((sum, k) => sum + counts[k.kind], 0));
    const nodes: ExportNode[] = [];
    for (const { kind, type } of kinds) {
      for await (const page of scanKind(this.admin, kind, SCAN_PAGE)) {
        for (const record of page) nodes.push(exportNode(type, record));
        progress?.advance(page.length, kind);
      }
    }
    const ids = new Set(nodes.map((n) => n.id));
    const edges: ExportEdge[] = [];
    for await (const page of scanEdges(this.reads, SCAN_PAGE)) {
      progress?.grow?.(page.length);
      for (const e of page) {
        // An edge to a node left out by the type filter is left out with it.
        if (options.edgeTypes && !options.edgeTypes.includes(e.type)) continue;
        if (!ids.has(e.source) || !ids.has(e.target)) continue;
        edges.push(exportEdge(e));
      }
      progress?.advance(page.length, 'edges');
    }
    return { nodes, edges, truncated: false };
  }

  // --- writers ----------------------------------------------------------------------------------

  graphml(graph: ExportGraph, options: ExportOptions = {}): string {
    const doc = xmlbuilder().create({
      version: '1.0',
      encoding: 'UTF-8',
      invalidCharReplacement: '\uFFFD',
    });
    const root = doc
      .ele(GRAPHML_NS, 'graphml')
      .att(XSI_NS, 'xsi:schemaLocation', `${GRAPHML_NS} ${GRAPHML_XSD}`);
    const graphData: GraphDatum[] = [
      { id: 'g_truncated', name: 'truncated', type: 'boolean', value: graph.truncated },
    ];
    if (options.root) {
      graphData.push({ id: 'g_root', name: 'root', type: 'string', value: options.root });
      graphData.push({
        id: 'g_depth',
        name: 'depth',
        type: 'int',
        value: options.depth ?? DEFAULT_DEPTH,
      });
    }
    for (const k of graphData)
      root.ele('key', { id: k.id, for: 'graph', 'attr.name': k.name, 'attr.type': k.type });
    for (const a of NODE_ATTRIBUTES)
      root.ele('key', { id: `n_${a.name}`, for: 'node', 'attr.name': a.name, 'attr.type': a.type });
    root.ele('key', { id: 'e_type', for: 'edge', 'attr.name': 'type', 'attr.type': 'string' });

    const g = root.ele('graph', { id: 'evidence-graph', edgedefault: 'directed' });
    for (const k of graphData) g.ele('data', { key: k.id }).txt(graphmlValue(k.type, k.value));
    for (const node of graph.nodes) {
      const el = g.ele('node', { id: node.id });
      for (const a of NODE_ATTRIBUTES) {
        const value = node[a.name];
        if (value === undefined) continue;
        el.ele('data', { key: `n_${a.name}` }).txt(graphmlValue(a.type, value));
      }
    }
    for (const edge of graph.edges) {
      g.ele('edge', { id: edge.id, source: edge.source, target: edge.target })
        .ele('data', { key: 'e_type' })
        .txt(edge.type);
    }
    return doc.end({ prettyPrint: true, wellFormed: true });
  }

  json(graph: ExportGraph): string {
    return JSON.stringify({ nodes: graph.nodes, edges: graph.edges, truncated: graph.truncated });
  }

  /**
   * nodes.csv: Id, Label, then every attribute; edges.csv: Id, Source, Target, Type, Label,
   * edgeType. The capitalised headers are the ones Gephi's spreadsheet import recognises; there an
   * edge's Type means Directed/Undirected, so the relation goes in Label and edgeType.
   */
  csv(graph: ExportGraph, file: CsvFile): string {
    if (file === 'edges') {
      return stringify(
        graph.edges.map((e) => [e.id, e.source, e.target, 'Directed', e.type, e.type]),
        { header: true, columns: ['Id', 'Source', 'Target', 'Type', 'Label', 'edgeType'] },
      );
    }
    const attributes = NODE_ATTRIBUTES.filter((a) => a.name !== 'label');
    return stringify(
      graph.nodes.map((n) => [
        n.id,
        n.label,
        ...attributes.map((a) => {
          const value = n[a.name];
          return value === undefined ? '' : graphmlValue(a.type, value);
        }),
      ]),
      { header: true, columns: ['Id', 'Label', ...attributes.map((a) => a.name)] },
    );
  }
}
