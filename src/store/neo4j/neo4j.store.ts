import neo4j, { Driver, ManagedTransaction } from 'neo4j-driver';
import { normaliseLabel } from '../../common/text';
import { EdgeType, EvidenceRelation, NodeType, ReviewStatus } from '../../graphql.schema';
import { planBundle } from '../bundle-plan';
import { insertStudyNamingHolder } from '../study-holder';
import {
  Audit,
  BundleAudit,
  CitationRecord,
  ClaimPatch,
  ClaimQuery,
  ClaimRecord,
  ConditionRecord,
  DescendantRef,
  EvidenceLinkRecord,
  EvidenceStore,
  GapPatch,
  GapRecord,
  GraphBundle,
  GraphEdgeRecord,
  GraphFilter,
  InterventionRecord,
  LabelledRef,
  MechanismRecord,
  MissingReferenceError,
  NoticeRecord,
  Page,
  PageResult,
  RecordKind,
  RetractionRecord,
  ReviewedKind,
  RevisionRecord,
  SearchHitRecord,
  SearchQuery,
  SourceRecord,
  StatementRecord,
  StoreCounts,
  StoreUnavailableError,
  StudyQuery,
  StudyRecord,
  TokenRecord,
  UniqueViolationError,
  UpsertMode,
  UpsertResult,
  VersionedWrite,
} from '../evidence-store.port';
import * as records from './neo4j.records';
import { NODE_LABEL, Props, fold, num, searchText } from './neo4j.records';
import { SCHEMA, SEARCH_INDEX } from './neo4j.schema';

export interface Neo4jStoreConfig {
  uri: string;
  user?: string;
  password?: string;
  /** Default 'neo4j' (Community Edition has one user database). */
  database?: string;
}

/** Relationships a node owns (outgoing), each pointing at one type of node. */
type RelType =
  | 'IN_SOURCE'
  | 'STATES'
  | 'ABOUT'
  | 'VIA'
  | 'USES'
  | 'BROADER'
  | 'GAP_OF'
  | 'CONCERNS'
  | 'ADDRESSED_BY';

const TARGET: Record<RelType, NodeType> = {
  IN_SOURCE: NodeType.SOURCE,
  STATES: NodeType.CLAIM,
  ABOUT: NodeType.CONDITION,
  VIA: NodeType.MECHANISM,
  USES: NodeType.INTERVENTION,
  BROADER: NodeType.CONDITION,
  GAP_OF: NodeType.CLAIM,
  CONCERNS: NodeType.STATEMENT,
  ADDRESSED_BY: NodeType.STUDY,
};
const OWNED_RELS = Object.keys(TARGET) as RelType[];

/** One outgoing relationship to create; field names the record field for MissingReferenceError. */
interface Link {
  rel: RelType;
  from: string;
  to: string;
  field: string;
  position?: number;
}

interface Ref {
  id: string;
  type: NodeType;
  field: string;
}

const positioned = (rel: RelType, from: string, ids: string[], field: string): Link[] =>
  ids.map((to, position) => ({ rel, from, to, field, position }));

const optional = (rel: RelType, from: string, to: string | null, field: string): Link[] =>
  to === null ? [] : [{ rel, from, to, field }];

/** A claim's links for the fields given (all of them for a whole record, some for a patch). */
function claimLinks(
  id: string,
  c: Pick<ClaimPatch, 'conditionIds' | 'mechanismIds' | 'interventionId'>,
): { rels: RelType[]; links: Link[] } {
  const rels: RelType[] = [];
  const links: Link[] = [];
  if (c.conditionIds) {
    rels.push('ABOUT');
    links.push(...positioned('ABOUT', id, c.conditionIds, 'conditionIds'));
  }
  if (c.mechanismIds) {
    rels.push('VIA');
    links.push(...positioned('VIA', id, c.mechanismIds, 'mechanismIds'));
  }
  if (c.interventionId !== undefined) {
    rels.push('USES');
    links.push(...optional('USES', id, c.interventionId, 'interventionId'));
  }
  return { rels, links };
}

/** Every reference of a whole record, as relationships. */
function linksOf(type: NodeType, r: object): Link[] {
  switch (type) {
    case NodeType.STATEMENT: {
      const s = r as StatementRecord;
      return [
        { rel: 'IN_SOURCE', from: s.id, to: s.sourceId, field: 'sourceId' },
        { rel: 'STATES', from: s.id, to: s.claimId, field: 'claimId' },
      ];
    }
    case NodeType.CLAIM:
      return claimLinks((r as ClaimRecord).id, r as ClaimRecord).links;
    case NodeType.CONDITION: {
      const c = r as ConditionRecord;
      return c.broaderIds.map((to) => ({ rel: 'BROADER', from: c.id, to, field: 'broaderIds' }));
    }
    case NodeType.EVIDENCE_GAP: {
      const g = r as GapRecord;
      return [
        { rel: 'GAP_OF', from: g.id, to: g.claimId, field: 'claimId' },
        ...optional('CONCERNS', g.id, g.statementId, 'statementId'),
        ...optional('ADDRESSED_BY', g.id, g.addressedById, 'addressedById'),
      ];
    }
    default:
      return [];
  }
}

/**
 * The reference fields of each type, read back from relationships into the record's own names.
 * Claim conditions and mechanisms keep their order (position); broader ids are ordered by id.
 */
const REF_FIELDS: Partial<Record<NodeType, Record<string, string>>> = {
  [NodeType.STATEMENT]: {
    sourceId: 'head([(n)-[:IN_SOURCE]->(x) | x.id])',
    claimId: 'head([(n)-[:STATES]->(x) | x.id])',
  },
  [NodeType.CLAIM]: {
    interventionId: 'head([(n)-[:USES]->(x) | x.id])',
    conditionIds: 'COLLECT { MATCH (n)-[r:ABOUT]->(x) RETURN x.id ORDER BY r.position }',
    mechanismIds: 'COLLECT { MATCH (n)-[r:VIA]->(x) RETURN x.id ORDER BY r.position }',
  },
  [NodeType.CONDITION]: {
    broaderIds: 'COLLECT { MATCH (n)-[:BROADER]->(x) RETURN x.id ORDER BY x.id }',
  },
  [NodeType.EVIDENCE_GAP]: {
    claimId: 'head([(n)-[:GAP_OF]->(x) | x.id])',
    statementId: 'head([(n)-[:CONCERNS]->(x) | x.id])',
    addressedById: 'head([(n)-[:ADDRESSED_BY]->(x) | x.id])',
  },
};

/** Stored properties returned per type (internal ones such as searchBody stay in the database). */
const OWN_FIELDS: Record<NodeType, string[]> = {
  [NodeType.SOURCE]: ['title', 'url', 'publisher', 'kind', 'text', 'contentHash'],
  [NodeType.STATEMENT]: ['quote', 'start', 'end', 'prefix', 'suffix', 'hedging', 'reviewStatus'],
  [NodeType.CLAIM]: ['text', 'kind', 'reviewStatus'],
  [NodeType.CONDITION]: ['name', 'synonyms', 'codes', 'description'],
  [NodeType.MECHANISM]: ['name', 'synonyms', 'description'],
  [NodeType.INTERVENTION]: ['name', 'drug', 'route'],
  [NodeType.STUDY]: [
    'title',
    'authors',
    'year',
    'journal',
    'doi',
    'pmid',
    'design',
    'sampleSize',
    'population',
    'finding',
    'retracted',
    'retractionDate',
    'retractionNote',
  ],
  [NodeType.EVIDENCE_GAP]: ['kind', 'description', 'neededDesign', 'status'],
};

/** Map projection of node `n` into the record's shape, for RETURN ... AS p. */
function projection(type: NodeType): string {
  const own = ['id', 'createdAt', 'updatedAt', 'version', ...OWN_FIELDS[type]].map(
    (f) => `.\`${f}\``,
  );
  const refs = Object.entries(REF_FIELDS[type] ?? {}).map(([k, expr]) => `${k}: ${expr}`);
  return `n {${[...own, ...refs].join(', ')}}`;
}

const FROM_PROPS: Record<NodeType, (p: Props) => object> = {
  [NodeType.SOURCE]: records.source,
  [NodeType.STATEMENT]: records.statement,
  [NodeType.CLAIM]: records.claim,
  [NodeType.CONDITION]: records.condition,
  [NodeType.MECHANISM]: records.mechanism,
  [NodeType.INTERVENTION]: records.intervention,
  [NodeType.STUDY]: records.study,
  [NodeType.EVIDENCE_GAP]: records.gap,
};

const propsOf = (type: NodeType, r: object) => (records.toProps[type] as (x: object) => Props)(r);

/** Bundle and scan kinds that are nodes, in the order a bundle writes them. */
const NODE_KINDS = {
  sources: NodeType.SOURCE,
  interventions: NodeType.INTERVENTION,
  conditions: NodeType.CONDITION,
  mechanisms: NodeType.MECHANISM,
  claims: NodeType.CLAIM,
  statements: NodeType.STATEMENT,
  studies: NodeType.STUDY,
  gaps: NodeType.EVIDENCE_GAP,
} as const;

/** An evidence link read from `(s)-[r:EVIDENCE]->(c)`. */
const EVIDENCE_PROJECTION = 'r {.*, studyId: s.id, claimId: c.id}';

/** A citation read from `(a)-[r:CITES]->(b)`. */
const CITATION_PROJECTION = 'r {.*, citingId: a.id, citedId: b.id}';

/** A notice read from its node `n`. */
const NOTICE_PROJECTION = 'n {.*, studyId: head([(s)-[:HAS_NOTICE]->(n) | s.id])}';

// --- the graph as the API sees it ----------------------------------------------------------

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

const COUNTED: Record<keyof StoreCounts, string> = {
  sources: '(:Source)',
  statements: '(:Statement)',
  claims: '(:Claim)',
  conditions: '(:Condition)',
  mechanisms: '(:Mechanism)',
  interventions: '(:Intervention)',
  studies: '(:Study)',
  evidence: '()-[:EVIDENCE]->()',
  gaps: '(:EvidenceGap)',
  notices: '(:Notice)',
  citations: '()-[:CITES]->()',
};

const UNAVAILABLE = new Set([
  neo4j.error.SERVICE_UNAVAILABLE,
  neo4j.error.SESSION_EXPIRED,
  'Neo.TransientError.General.DatabaseUnavailable',
]);

// BM25 constants (Lucene's and SQLite's defaults) and SQLite's column weights bm25(4.0, 1.0).
const K1 = 1.2;
const B = 0.75;
const LABEL_WEIGHT = 4;
const BODY_WEIGHT = 1;

const dedupe = (ids: readonly string[]) => [...new Set(ids)];

async function rows(tx: ManagedTransaction, cypher: string, params: Props = {}): Promise<Props[]> {
  return (await tx.run(cypher, params)).records.map((r) => r.toObject() as Props);
}

/**
 * The Neo4j store: every node is (:Entity:<Type> {id, type, ...fields}); references are
 * relationships; evidence links are (Study)-[:EVIDENCE]->(Claim) relationships and citations
 * (citing:Study)-[:CITES]->(cited:Study). Notices are (Study)-[:HAS_NOTICE]->(:Notice) with no
 * :Entity label: they are records, not nodes of the graph (nodeTypes, search and the
 * exploration never see them). Revisions (:Revision) and API tokens (:ApiToken) are records of
 * the same kind, without :Entity and without relationships; a write's revisions are created in
 * the write's own transaction. Neo4j has no foreign keys, so each write checks its references
 * inside its own transaction and throws MissingReferenceError, which rolls the transaction back.
 */
export class Neo4jStore implements EvidenceStore {
  readonly kind = 'neo4j' as const;
  private readonly driver: Driver;
  private readonly database: string;
  // One bookmark chain for all sessions: a read after a write sees it, even on a cluster.
  private readonly bookmarks = neo4j.bookmarkManager();

  constructor(config: Neo4jStoreConfig) {
    this.database = config.database ?? 'neo4j';
    this.driver = neo4j.driver(
      config.uri,
      config.user ? neo4j.auth.basic(config.user, config.password ?? '') : undefined,
      {
        disableLosslessIntegers: true,
        // Fail fast when the server is down: the API answers SERVICE_UNAVAILABLE, not a hang.
        connectionTimeout: 5_000,
        maxTransactionRetryTime: 5_000,
      },
    );
  }

  async init(): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      try {
        await this.driver.verifyConnectivity({ database: this.database });
        // Schema changes run as auto-commit transactions of their own.
        for (const statement of SCHEMA) await session.run(statement);
        await session.run('CALL db.awaitIndexes(60)');
      } finally {
        await session.close();
      }
    } catch (err) {
      throw this.translate(err);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  async ping(): Promise<void> {
    await this.read((tx) => tx.run('RETURN 1'));
  }

  async counts(): Promise<StoreCounts> {
    const keys = Object.keys(COUNTED) as Array<keyof StoreCounts>;
    const [c] = await this.read((tx) =>
      rows(tx, `RETURN ${keys.map((k) => `COUNT { ${COUNTED[k]} } AS ${k}`).join(', ')}`),
    );
    const out = {} as StoreCounts;
    for (const k of keys) out[k] = num(c[k]);
    return out;
  }

  // --- helpers ------------------------------------------------------------------------------

  private async session<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      bookmarkManager: this.bookmarks,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      try {
        return mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work);
      } finally {
        await session.close();
      }
    } catch (err) {
      throw this.translate(err);
    }
  }

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.session('READ', work);
  }

  /** One write transaction; anything thrown inside rolls it back. */
  private write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.session('WRITE', work);
  }

  /** Driver errors to the port's typed errors; the port's own errors pass through. */
  private translate(err: unknown): unknown {
    const e = err as { code?: string; message?: string };
    if (e.code && UNAVAILABLE.has(e.code)) {
      return new StoreUnavailableError(`Neo4j is not available: ${e.message}`);
    }
    if (e.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      // "Node(3) already exists with label `Study` and property `doi` = '10.1/x'"
      const property = /property `(\w+)`/.exec(e.message ?? '')?.[1];
      return new UniqueViolationError(
        property === 'doi' || property === 'pmid' ? property : 'id',
        null,
      );
    }
    return err;
  }

  /**
   * Records of one type: `match` binds the node `n`; `tail` may order (by the record `p` or by
   * `n`) and limit.
   */
  private async nodes<T>(
    tx: ManagedTransaction,
    type: NodeType,
    match: string,
    params: Props,
    tail = '',
  ): Promise<T[]> {
    const found = await rows(tx, `${match} RETURN ${projection(type)} AS p ${tail}`, params);
    return found.map((r) => FROM_PROPS[type](r.p as Props) as T);
  }

  private async byIds<T>(type: NodeType, ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    return this.read((tx) =>
      this.nodes<T>(
        tx,
        type,
        `UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n:${NODE_LABEL[type]}`,
        { ids: dedupe(ids) },
      ),
    );
  }

  /** Records of one type related to the given ids: `pattern` binds `n` and uses `id`. */
  private async byOwners<T>(
    type: NodeType,
    pattern: string,
    ownerIds: readonly string[],
    orderBy: string,
  ): Promise<T[]> {
    if (ownerIds.length === 0) return [];
    return this.read((tx) =>
      this.nodes<T>(
        tx,
        type,
        `UNWIND $ids AS id MATCH ${pattern}`,
        { ids: dedupe(ownerIds) },
        `ORDER BY ${orderBy}`,
      ),
    );
  }

  private async evidence(
    tx: ManagedTransaction,
    match: string,
    params: Props,
    tail: string,
  ): Promise<EvidenceLinkRecord[]> {
    const found = await rows(tx, `${match} RETURN ${EVIDENCE_PROJECTION} AS p ${tail}`, params);
    return found.map((r) => records.evidence(r.p as Props));
  }

  /** Throws MissingReferenceError unless every ref is a node of the expected type. */
  private async requireNodes(tx: ManagedTransaction, refs: Ref[]): Promise<void> {
    if (refs.length === 0) return;
    const missing = await rows(
      tx,
      `UNWIND $refs AS ref
       OPTIONAL MATCH (n:Entity {id: ref.id})
       WITH ref, n WHERE n IS NULL OR n.type <> ref.type
       RETURN ref.field AS field LIMIT 1`,
      { refs },
    );
    if (missing.length > 0) throw new MissingReferenceError(missing[0].field as string);
  }

  /**
   * Takes the nodes' write locks (held until the transaction ends), so that a check made after
   * it cannot be overtaken by a concurrent writer. Sorted, so two writers lock in the same order.
   */
  private async lock(tx: ManagedTransaction, ids: string[]): Promise<void> {
    await tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) SET n._lock = true REMOVE n._lock', {
      ids: dedupe(ids).sort(),
    });
  }

  private async createNodes(tx: ManagedTransaction, type: NodeType, recs: object[]): Promise<void> {
    if (recs.length === 0) return;
    await tx.run(`UNWIND $rows AS row CREATE (n:Entity:${NODE_LABEL[type]}) SET n = row`, {
      rows: recs.map((r) => propsOf(type, r)),
    });
  }

  /** Overwrites nodes in place (SET n = replaces every property); relationships are relinked. */
  private async replaceNodes(
    tx: ManagedTransaction,
    type: NodeType,
    recs: object[],
  ): Promise<void> {
    if (recs.length === 0) return;
    await tx.run(
      `UNWIND $rows AS row MATCH (n:Entity {id: row.id}) WHERE n:${NODE_LABEL[type]} SET n = row`,
      { rows: recs.map((r) => propsOf(type, r)) },
    );
  }

  /**
   * Checks every link target, then replaces the owners' outgoing relationships of the given
   * types with the links.
   */
  private async relink(
    tx: ManagedTransaction,
    owners: string[],
    rels: RelType[],
    links: Link[],
  ): Promise<void> {
    await this.requireNodes(
      tx,
      links.map((l) => ({ id: l.to, type: TARGET[l.rel], field: l.field })),
    );
    // The same link twice is a duplicate key in SQLite's link tables.
    const keys = new Set(links.map((l) => `${l.rel}\u0000${l.from}\u0000${l.to}`));
    if (keys.size !== links.length) throw new UniqueViolationError('id', null);
    if (owners.length > 0 && rels.length > 0) {
      await tx.run(
        `UNWIND $ids AS id MATCH (:Entity {id: id})-[r:${rels.join('|')}]->() DELETE r`,
        { ids: owners },
      );
    }
    for (const rel of new Set(links.map((l) => l.rel))) {
      await tx.run(
        `UNWIND $links AS l
         MATCH (a:Entity {id: l.from}), (b:Entity {id: l.to})
         CREATE (a)-[r:${rel}]->(b) SET r.position = l.position`,
        {
          links: links
            .filter((l) => l.rel === rel)
            .map((l) => ({
              from: l.from,
              to: l.to,
              position: l.position === undefined ? null : neo4j.int(l.position),
            })),
        },
      );
    }
  }

  /** Creates nodes with their relationships, references checked. */
  private async insert(tx: ManagedTransaction, type: NodeType, recs: object[]): Promise<void> {
    await this.createNodes(tx, type, recs);
    await this.relink(
      tx,
      [],
      [],
      recs.flatMap((r) => linksOf(type, r)),
    );
  }

  private async insertEvidence(tx: ManagedTransaction, links: EvidenceLinkRecord[]): Promise<void> {
    if (links.length === 0) return;
    const pairs = new Set(links.map((e) => `${e.studyId}\u0000${e.claimId}`));
    if (pairs.size !== links.length) throw new UniqueViolationError('studyId,claimId', null);
    await this.requireNodes(tx, [
      ...links.map((e) => ({ id: e.studyId, type: NodeType.STUDY, field: 'studyId' })),
      ...links.map((e) => ({ id: e.claimId, type: NodeType.CLAIM, field: 'claimId' })),
    ]);
    // One link per study and claim: checked under the study's lock, so two writers cannot both
    // see "none yet".
    await this.lock(
      tx,
      links.map((e) => e.studyId),
    );
    const taken = await rows(
      tx,
      `UNWIND $links AS l
       MATCH (:Entity {id: l.studyId})-[:EVIDENCE]->(:Entity {id: l.claimId})
       RETURN 1 LIMIT 1`,
      { links: links.map((e) => ({ studyId: e.studyId, claimId: e.claimId })) },
    );
    if (taken.length > 0) throw new UniqueViolationError('studyId,claimId', null);
    await tx.run(
      `UNWIND $links AS l
       MATCH (s:Entity {id: l.studyId}), (c:Entity {id: l.claimId})
       CREATE (s)-[r:EVIDENCE]->(c) SET r = l.props`,
      {
        links: links.map((e) => ({
          studyId: e.studyId,
          claimId: e.claimId,
          props: records.evidenceProps(e),
        })),
      },
    );
  }

  /**
   * Creates a write's revisions, as (:Revision) nodes, in the write's transaction: they commit
   * with the change or not at all. Ids unique by constraint.
   */
  private async audit(tx: ManagedTransaction, revisions: Audit | undefined): Promise<void> {
    if (!revisions?.length) return;
    await tx.run('UNWIND $rows AS row CREATE (v:Revision) SET v = row', {
      rows: revisions.map(records.revisionProps),
    });
  }

  /**
   * An evidence link read under its study's write lock (the lock its creation takes), so that a
   * compare-and-set made after it cannot be overtaken; null when there is no such link.
   */
  private async lockedLink(tx: ManagedTransaction, id: string): Promise<EvidenceLinkRecord | null> {
    const [owner] = await rows(
      tx,
      'MATCH (s:Entity)-[:EVIDENCE {id: $id}]->() RETURN s.id AS studyId',
      { id },
    );
    if (!owner) return null;
    const studyId = owner.studyId as string;
    await this.lock(tx, [studyId]);
    // Read again: a concurrent writer may have changed or removed it while we waited.
    const [link] = await this.evidence(
      tx,
      'MATCH (s:Entity {id: $studyId})-[r:EVIDENCE {id: $id}]->(c)',
      { id, studyId },
      '',
    );
    return link ?? null;
  }

  /** Creates notices, each (Study)-[:HAS_NOTICE]->(:Notice); ids unique by constraint. */
  private async insertNotices(tx: ManagedTransaction, notices: NoticeRecord[]): Promise<void> {
    if (notices.length === 0) return;
    await this.requireNodes(
      tx,
      notices.map((n) => ({ id: n.studyId, type: NodeType.STUDY, field: 'studyId' })),
    );
    await tx.run(
      `UNWIND $rows AS row
       MATCH (s:Entity {id: row.studyId})
       CREATE (s)-[:HAS_NOTICE]->(n:Notice) SET n = row.props`,
      { rows: notices.map((n) => ({ studyId: n.studyId, props: records.noticeProps(n) })) },
    );
  }

  /**
   * Creates citations, one per ordered pair of studies. A pair already recorded (or twice in
   * the batch) is skipped when `skipKnown`, else a UniqueViolationError (as SQLite's UNIQUE).
   * Returns the ones created.
   */
  private async insertCitations(
    tx: ManagedTransaction,
    citations: CitationRecord[],
    skipKnown: boolean,
  ): Promise<CitationRecord[]> {
    if (citations.length === 0) return [];
    await this.requireNodes(tx, [
      ...citations.map((c) => ({ id: c.citingId, type: NodeType.STUDY, field: 'citingId' })),
      ...citations.map((c) => ({ id: c.citedId, type: NodeType.STUDY, field: 'citedId' })),
    ]);
    // Pairs are checked under the citing studies' locks: two writers cannot both see "none yet".
    await this.lock(
      tx,
      citations.map((c) => c.citingId),
    );
    const key = (citingId: string, citedId: string) => `${citingId}\u0000${citedId}`;
    const taken = new Set(
      (
        await rows(
          tx,
          `UNWIND $pairs AS c
           MATCH (:Entity {id: c.citingId})-[:CITES]->(:Entity {id: c.citedId})
           RETURN DISTINCT c.citingId AS citingId, c.citedId AS citedId`,
          { pairs: citations.map((c) => ({ citingId: c.citingId, citedId: c.citedId })) },
        )
      ).map((r) => key(r.citingId as string, r.citedId as string)),
    );
    const fresh: CitationRecord[] = [];
    for (const c of citations) {
      const k = key(c.citingId, c.citedId);
      if (taken.has(k)) {
        if (!skipKnown) throw new UniqueViolationError('id', null);
        continue;
      }
      taken.add(k);
      fresh.push(c);
    }
    if (fresh.length === 0) return [];
    await tx.run(
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.citingId}), (b:Entity {id: row.citedId})
       CREATE (a)-[r:CITES]->(b) SET r = row.props`,
      {
        rows: fresh.map((c) => ({
          citingId: c.citingId,
          citedId: c.citedId,
          props: records.citationProps(c),
        })),
      },
    );
    return fresh;
  }

  // --- generic ------------------------------------------------------------------------------

  async nodeTypes(ids: readonly string[]): Promise<Map<string, NodeType>> {
    if (ids.length === 0) return new Map();
    const found = await this.read((tx) =>
      rows(tx, 'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.type AS type', {
        ids: dedupe(ids),
      }),
    );
    return new Map(found.map((r) => [r.id as string, r.type as NodeType]));
  }

  // --- sources and statements ---------------------------------------------------------------

  async getSources(ids: readonly string[]): Promise<SourceRecord[]> {
    return this.byIds(NodeType.SOURCE, ids);
  }

  async listSources(): Promise<SourceRecord[]> {
    return this.read((tx) =>
      this.nodes(tx, NodeType.SOURCE, 'MATCH (n:Source)', {}, 'ORDER BY p.title, p.id'),
    );
  }

  async getStatements(ids: readonly string[]): Promise<StatementRecord[]> {
    return this.byIds(NodeType.STATEMENT, ids);
  }

  async statementsBySources(sourceIds: readonly string[]): Promise<StatementRecord[]> {
    return this.byOwners(
      NodeType.STATEMENT,
      '(n:Statement)-[:IN_SOURCE]->(:Entity {id: id})',
      sourceIds,
      'p.sourceId, p.start, p.id',
    );
  }

  async statementsByClaims(claimIds: readonly string[]): Promise<StatementRecord[]> {
    return this.byOwners(
      NodeType.STATEMENT,
      '(n:Statement)-[:STATES]->(:Entity {id: id})',
      claimIds,
      'p.claimId, p.sourceId, p.start, p.id',
    );
  }

  // --- claims -------------------------------------------------------------------------------

  async getClaims(ids: readonly string[]): Promise<ClaimRecord[]> {
    return this.byIds(NodeType.CLAIM, ids);
  }

  async findClaimIds(q: ClaimQuery): Promise<string[]> {
    const where: string[] = [];
    if (q.conditionIds) where.push('EXISTS { (n)-[:ABOUT]->(x) WHERE x.id IN $conditionIds }');
    if (q.mechanismIds) where.push('EXISTS { (n)-[:VIA]->(x) WHERE x.id IN $mechanismIds }');
    if (q.sourceId !== undefined) {
      where.push('EXISTS { (n)<-[:STATES]-(:Statement)-[:IN_SOURCE]->(x) WHERE x.id = $sourceId }');
    }
    if (q.hedging !== undefined) {
      where.push('EXISTS { (n)<-[:STATES]-(s:Statement) WHERE s.hedging = $hedging }');
    }
    if (q.kind !== undefined) where.push('n.kind = $kind');
    const found = await this.read((tx) =>
      rows(
        tx,
        `MATCH (n:Claim) ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         RETURN n.id AS id ORDER BY id`,
        {
          conditionIds: q.conditionIds ?? null,
          mechanismIds: q.mechanismIds ?? null,
          sourceId: q.sourceId ?? null,
          hedging: q.hedging ?? null,
          kind: q.kind ?? null,
        },
      ),
    );
    return found.map((r) => r.id as string);
  }

  // --- vocabulary ---------------------------------------------------------------------------

  async getConditions(ids: readonly string[]): Promise<ConditionRecord[]> {
    return this.byIds(NodeType.CONDITION, ids);
  }

  async listConditions(page: Page, search?: string): Promise<PageResult<ConditionRecord>> {
    const filter = search ? 'any(l IN n.labels WHERE l CONTAINS $search)' : 'true';
    // Keyset on (sortName, id) after the condition `after`; an unknown `after` gives no rows,
    // as in SQLite.
    const after = page.after
      ? `AND (n.sortName > a.sortName OR (n.sortName = a.sortName AND n.id > a.id))`
      : '';
    const params = {
      search: search ? normaliseLabel(search) : null,
      after: page.after ?? null,
      limit: neo4j.int(page.limit + 1),
    };
    return this.read(async (tx) => {
      const [total] = await rows(
        tx,
        `MATCH (n:Condition) WHERE ${filter} RETURN count(n) AS n`,
        params,
      );
      const found = await this.nodes<ConditionRecord>(
        tx,
        NodeType.CONDITION,
        `OPTIONAL MATCH (a:Entity {id: $after}) WHERE a:Condition
         MATCH (n:Condition) WHERE ${filter} ${after}`,
        params,
        'ORDER BY n.sortName, n.id LIMIT $limit',
      );
      return {
        items: found.slice(0, page.limit),
        totalCount: num(total.n),
        hasNextPage: found.length > page.limit,
      };
    });
  }

  async findConditionsByLabel(label: string): Promise<ConditionRecord[]> {
    return this.read((tx) =>
      this.nodes(
        tx,
        NodeType.CONDITION,
        'MATCH (n:Condition) WHERE $label IN n.labels',
        { label: normaliseLabel(label) },
        'ORDER BY p.id',
      ),
    );
  }

  async conditionLabels(): Promise<LabelledRef[]> {
    const found = await this.read((tx) =>
      rows(
        tx,
        'MATCH (n:Condition) RETURN n.id AS id, n.name AS name, n.synonyms AS synonyms ORDER BY id',
      ),
    );
    return found.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      synonyms: (r.synonyms as string[] | null) ?? [],
    }));
  }

  async narrowerConditions(rootIds: readonly string[], maxDepth: number): Promise<DescendantRef[]> {
    if (rootIds.length === 0 || !(maxDepth >= 1)) return [];
    // A variable-length bound cannot be a parameter: it is written from this checked integer
    // (none beyond that: unbounded). Relationships are not repeated within a path, so cycles end;
    // min() keeps the shortest.
    const bound = Math.ceil(maxDepth);
    const hops = Number.isSafeInteger(bound) ? String(bound) : '';
    const found = await this.read((tx) =>
      rows(
        tx,
        `UNWIND $roots AS root
         MATCH path = (:Entity {id: root})<-[:BROADER*1..${hops}]-(n:Condition)
         WHERE NOT n.id IN $roots
         RETURN n.id AS id, min(length(path)) AS depth ORDER BY depth, id`,
        { roots: dedupe(rootIds) },
      ),
    );
    return found.map((r) => ({ id: r.id as string, depth: num(r.depth) }));
  }

  async narrowerPairs(parentIds: readonly string[]): Promise<Array<[string, string]>> {
    if (parentIds.length === 0) return [];
    const found = await this.read((tx) =>
      rows(
        tx,
        `UNWIND $ids AS id MATCH (b:Entity {id: id})<-[:BROADER]-(n)
         RETURN b.id AS broader, n.id AS narrower ORDER BY broader, narrower`,
        { ids: dedupe(parentIds) },
      ),
    );
    return found.map((r) => [r.broader as string, r.narrower as string]);
  }

  async getMechanisms(ids: readonly string[]): Promise<MechanismRecord[]> {
    return this.byIds(NodeType.MECHANISM, ids);
  }

  async listMechanisms(): Promise<MechanismRecord[]> {
    return this.read((tx) =>
      this.nodes(tx, NodeType.MECHANISM, 'MATCH (n:Mechanism)', {}, 'ORDER BY n.sortName, n.id'),
    );
  }

  async findMechanismsByLabel(label: string): Promise<MechanismRecord[]> {
    return this.read((tx) =>
      this.nodes(
        tx,
        NodeType.MECHANISM,
        'MATCH (n:Mechanism) WHERE $label IN n.labels',
        { label: normaliseLabel(label) },
        'ORDER BY p.id',
      ),
    );
  }

  async getInterventions(ids: readonly string[]): Promise<InterventionRecord[]> {
    return this.byIds(NodeType.INTERVENTION, ids);
  }

  async listInterventions(): Promise<InterventionRecord[]> {
    return this.read((tx) =>
      this.nodes(
        tx,
        NodeType.INTERVENTION,
        'MATCH (n:Intervention)',
        {},
        'ORDER BY n.sortName, n.id',
      ),
    );
  }

  // --- studies and evidence -----------------------------------------------------------------

  async getStudies(ids: readonly string[]): Promise<StudyRecord[]> {
    return this.byIds(NodeType.STUDY, ids);
  }

  private async studyWhere(where: string, value: string): Promise<StudyRecord | null> {
    const found = await this.read((tx) =>
      this.nodes<StudyRecord>(tx, NodeType.STUDY, `MATCH (n:Study) WHERE ${where}`, { value }),
    );
    return found[0] ?? null;
  }

  async findStudyByDoi(doi: string): Promise<StudyRecord | null> {
    return this.studyWhere('n.doi = $value', doi);
  }

  async findStudyByPmid(pmid: string): Promise<StudyRecord | null> {
    return this.studyWhere('n.pmid = $value', pmid);
  }

  async listStudies(page: Page, q: StudyQuery): Promise<PageResult<StudyRecord>> {
    const where = ['true'];
    if (q.design !== undefined) where.push('n.design = $design');
    if (q.yearFrom !== undefined) where.push('n.year >= $yearFrom');
    if (q.yearTo !== undefined) where.push('n.year <= $yearTo');
    if (q.retracted !== undefined) where.push('n.retracted = $retracted');
    if (q.titleContains) where.push('toLower(n.title) CONTAINS $titleContains');
    const filter = where.join(' AND ');
    const params = {
      design: q.design ?? null,
      yearFrom: q.yearFrom ?? null,
      yearTo: q.yearTo ?? null,
      retracted: q.retracted ?? null,
      titleContains: q.titleContains?.toLowerCase() ?? null,
      after: page.after ?? null,
      limit: neo4j.int(page.limit + 1),
    };
    return this.read(async (tx) => {
      const [total] = await rows(
        tx,
        `MATCH (n:Study) WHERE ${filter} RETURN count(n) AS n`,
        params,
      );
      const found = await this.nodes<StudyRecord>(
        tx,
        NodeType.STUDY,
        `MATCH (n:Study) WHERE ${filter} ${page.after ? 'AND n.id > $after' : ''}`,
        params,
        'ORDER BY n.id LIMIT $limit',
      );
      return {
        items: found.slice(0, page.limit),
        totalCount: num(total.n),
        hasNextPage: found.length > page.limit,
      };
    });
  }

  async getEvidenceLinks(ids: readonly string[]): Promise<EvidenceLinkRecord[]> {
    if (ids.length === 0) return [];
    return this.read((tx) =>
      this.evidence(
        tx,
        'UNWIND $ids AS id MATCH (s)-[r:EVIDENCE {id: id}]->(c)',
        { ids: dedupe(ids) },
        'ORDER BY p.id',
      ),
    );
  }

  async evidenceByClaims(claimIds: readonly string[]): Promise<EvidenceLinkRecord[]> {
    if (claimIds.length === 0) return [];
    return this.read((tx) =>
      this.evidence(
        tx,
        'UNWIND $ids AS id MATCH (s)-[r:EVIDENCE]->(c:Entity {id: id})',
        { ids: dedupe(claimIds) },
        'ORDER BY p.claimId, p.studyId',
      ),
    );
  }

  async evidenceByStudies(studyIds: readonly string[]): Promise<EvidenceLinkRecord[]> {
    if (studyIds.length === 0) return [];
    return this.read((tx) =>
      this.evidence(
        tx,
        'UNWIND $ids AS id MATCH (s:Entity {id: id})-[r:EVIDENCE]->(c)',
        { ids: dedupe(studyIds) },
        'ORDER BY p.studyId, p.claimId',
      ),
    );
  }

  async getGaps(ids: readonly string[]): Promise<GapRecord[]> {
    return this.byIds(NodeType.EVIDENCE_GAP, ids);
  }

  async gapsByClaims(claimIds: readonly string[]): Promise<GapRecord[]> {
    return this.byOwners(
      NodeType.EVIDENCE_GAP,
      '(n:EvidenceGap)-[:GAP_OF]->(:Entity {id: id})',
      claimIds,
      'p.claimId, p.id',
    );
  }

  // --- citations and notices ----------------------------------------------------------------

  async citationsOf(
    studyIds: readonly string[],
    direction: 'cites' | 'citedBy',
  ): Promise<CitationRecord[]> {
    if (studyIds.length === 0) return [];
    const pattern =
      direction === 'cites'
        ? '(a:Entity {id: id})-[r:CITES]->(b)'
        : '(a)-[r:CITES]->(b:Entity {id: id})';
    const order = direction === 'cites' ? 'p.citingId, p.citedId' : 'p.citedId, p.citingId';
    const found = await this.read((tx) =>
      rows(
        tx,
        `UNWIND $ids AS id MATCH ${pattern} RETURN ${CITATION_PROJECTION} AS p ORDER BY ${order}`,
        { ids: dedupe(studyIds) },
      ),
    );
    return found.map((r) => records.citation(r.p as Props));
  }

  async citingStudies(
    studyId: string,
    maxHops: number,
  ): Promise<Array<{ id: string; hops: number }>> {
    // Breadth-first, one level per query over the new frontier: each study is reached once, at
    // its fewest hops, however many citation paths lead to it. (The frontier is bound before the
    // expansion: else the planner may scan every node for the NOT IN $seen filter.)
    return this.read(async (tx) => {
      const out: Array<{ id: string; hops: number }> = [];
      const seen = new Set([studyId]);
      let frontier = [studyId];
      for (let hops = 1; hops - 1 < maxHops && frontier.length > 0; hops++) {
        const found = await rows(
          tx,
          `UNWIND $frontier AS id
           MATCH (a:Entity {id: id})
           WITH a
           MATCH (a)<-[:CITES]-(n:Study)
           WHERE NOT n.id IN $seen
           RETURN DISTINCT n.id AS id ORDER BY id`,
          { frontier, seen: [...seen] },
        );
        frontier = found.map((r) => r.id as string);
        for (const id of frontier) {
          seen.add(id);
          out.push({ id, hops });
        }
      }
      return out;
    });
  }

  async noticesByStudies(studyIds: readonly string[]): Promise<NoticeRecord[]> {
    if (studyIds.length === 0) return [];
    const found = await this.read((tx) =>
      rows(
        tx,
        `UNWIND $ids AS id MATCH (s:Entity {id: id})-[:HAS_NOTICE]->(n:Notice)
         RETURN n {.*, studyId: s.id} AS p ORDER BY p.studyId, p.createdAt, p.id`,
        { ids: dedupe(studyIds) },
      ),
    );
    return found.map((r) => records.notice(r.p as Props));
  }

  async findStudiesByDois(dois: readonly string[]): Promise<StudyRecord[]> {
    return this.studiesWhere('n.doi IN $values', dedupe(dois));
  }

  async findStudiesByPmids(pmids: readonly string[]): Promise<StudyRecord[]> {
    return this.studiesWhere('n.pmid IN $values', dedupe(pmids));
  }

  async studiesByYears(years: readonly number[]): Promise<StudyRecord[]> {
    // Whole years go over as integers (a JS number would be a float); others match nothing.
    return this.studiesWhere(
      'n.year IN $values',
      [...new Set(years)].map((y) => (Number.isSafeInteger(y) ? neo4j.int(y) : y)),
    );
  }

  private async studiesWhere(where: string, values: unknown[]): Promise<StudyRecord[]> {
    if (values.length === 0) return [];
    return this.read((tx) =>
      this.nodes<StudyRecord>(
        tx,
        NodeType.STUDY,
        `MATCH (n:Study) WHERE ${where}`,
        { values },
        'ORDER BY n.id',
      ),
    );
  }

  // --- graph exploration --------------------------------------------------------------------

  /**
   * Breadth-first, one query per level over the frontier, in one read transaction: a node is
   * reached once, at its least depth; the walk stops as soon as more than `limit` nodes are known
   * (nodes come in (depth, id) order, so the first limit are then settled).
   */
  async neighborhood(
    rootId: string,
    depth: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<{
    nodes: Array<{ id: string; type: NodeType; depth: number }>;
    edges: GraphEdgeRecord[];
    truncated: boolean;
  }> {
    const edges = selectEdges(filter.edgeTypes);
    const nodeTypes = filter.nodeTypes?.length ? filter.nodeTypes : null;
    return this.read(async (tx) => {
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
        const next = await this.nextLevel(tx, frontier, seen, edges, nodeTypes, null, {
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
        edges: await this.edgesAmong(
          tx,
          nodes.map((n) => n.id),
          edges,
        ),
        truncated: found.length > limit,
      };
    });
  }

  /**
   * One breadth-first step: the nodes not yet seen that an allowed edge links to the frontier,
   * in either direction, whose type passes the filter (or whose id is `exempt`); ordered by id,
   * at most `room` of them.
   */
  private async nextLevel(
    tx: ManagedTransaction,
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

  /** Every allowed edge between two of the nodes, ordered by (type, source, target). */
  private async edgesAmong(
    tx: ManagedTransaction,
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

  /**
   * Simple paths, one length at a time (shortest first), stopping once `limit` are found: the
   * longer lengths, the costly ones, are only enumerated when needed. Each length k is one match
   * of an explicit k-hop pattern (k a checked integer) whose nodes are pruned as they are bound:
   * distinct, of an allowed type, and close enough to the target to reach it in the hops left
   * (distances from a bounded breadth-first walk back from the target). So only prefixes that
   * can still become a path are expanded, and a hub does not multiply the work.
   */
  async paths(
    fromId: string,
    toId: string,
    maxLength: number,
    filter: GraphFilter,
    limit: number,
  ): Promise<Array<{ nodeIds: string[]; edges: GraphEdgeRecord[] }>> {
    const edges = selectEdges(filter.edgeTypes);
    if (!edges || !(limit >= 1) || fromId === toId) return [];
    const longest = Math.min(PATH_BOUND, Math.ceil(maxLength));
    const nodeTypes = filter.nodeTypes?.length ? filter.nodeTypes : null;
    return this.read(async (tx) => {
      const out: Array<{ nodeIds: string[]; edges: GraphEdgeRecord[] }> = [];
      const toTarget = await this.distances(tx, toId, fromId, longest, edges, nodeTypes);
      const fromStart = await this.distances(tx, fromId, toId, longest, edges, nodeTypes);
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
  }

  /**
   * Distances from one end of a path over the edges and node types a path may use (the other
   * end, `exempt`, passes any type filter), breadth-first up to maxDepth steps. The walk stops
   * early past DISTANCE_NODES nodes: `known` says up to which distance the map is complete (a node
   * absent is farther than that).
   */
  private async distances(
    tx: ManagedTransaction,
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
        const next = await this.nextLevel(tx, frontier, seen, edges, nodeTypes, exempt, {
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

  async scanEdges(after: GraphEdgeRecord | undefined, limit: number): Promise<GraphEdgeRecord[]> {
    const a = after ?? { type: '', source: '', target: '' };
    const found = await this.read((tx) =>
      rows(
        tx,
        `MATCH (a:Entity)-[r:${GRAPH_RELS.join('|')}]->(b:Entity)
         WITH a.id AS source, b.id AS target, ${edgeTypeOf('r')} AS type
         WHERE type > $type OR (type = $type AND (source > $source
               OR (source = $source AND target > $target)))
         RETURN source, target, type ORDER BY type, source, target LIMIT $limit`,
        { type: a.type, source: a.source, target: a.target, limit: neo4j.int(limit) },
      ),
    );
    return found.map(edgeRecord);
  }

  // --- search -------------------------------------------------------------------------------

  /**
   * The full-text index finds the nodes having, for every term, a word that starts with it. It
   * cannot rank them: Lucene scores prefix queries as constants. So the score is computed here,
   * BM25-style, from each node's indexed words: per term and field, matching words saturate and
   * are normalised by the field's length; label 4 : body 1 as SQLite's bm25(4.0, 1.0); and a word
   * equal to the term counts twice, so exact words rank above prefix-only matches.
   */
  async search(q: SearchQuery): Promise<{ hits: SearchHitRecord[]; totalCount: number }> {
    const terms = q.terms.map(fold);
    if (terms.length === 0 || terms.includes('')) return { hits: [], totalCount: 0 };
    const lucene = terms
      .map((t) => {
        const e = escapeLucene(t);
        return `(searchLabel:${e}* OR searchBody:${e}*)`;
      })
      .join(' AND ');
    return this.read(async (tx) => {
      const matches = await rows(
        tx,
        `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $lucene) YIELD node AS n
         WHERE $types IS NULL OR n.type IN $types
         WITH n, [w IN split(n.searchLabel, ' ') WHERE w <> ''] AS lw,
                 [w IN split(n.searchBody, ' ') WHERE w <> ''] AS bw
         RETURN n.id AS id, size(lw) AS labelLength, size(bw) AS bodyLength,
                [t IN $terms | [
                  size([w IN lw WHERE w STARTS WITH t]) + size([w IN lw WHERE w = t]),
                  size([w IN bw WHERE w STARTS WITH t]) + size([w IN bw WHERE w = t])
                ]] AS counts`,
        { lucene, terms, types: q.types?.length ? q.types : null },
      );
      const ranked = rank(matches).slice(q.offset, q.offset + q.limit);
      const found = await rows(
        tx,
        'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n {.*} AS p',
        { ids: ranked.map((h) => h.id) },
      );
      const byId = new Map(found.map((r) => [(r.p as Props).id as string, r.p as Props]));
      const hits = ranked.flatMap(({ id, score }) => {
        const p = byId.get(id);
        if (!p) return [];
        const type = p.type as NodeType;
        return [{ id, type, ...searchText(type, p), score }];
      });
      return { hits, totalCount: matches.length };
    });
  }

  /** Every record of a kind in id order, a page at a time. */
  async scan<K extends RecordKind>(
    kind: K,
    after: string | undefined,
    limit: number,
  ): Promise<GraphBundle[K]> {
    const params = { after: after ?? '', limit: neo4j.int(limit) };
    if (kind === 'evidence') {
      return (await this.read((tx) =>
        this.evidence(
          tx,
          'MATCH (s)-[r:EVIDENCE]->(c) WHERE r.id > $after',
          params,
          'ORDER BY p.id LIMIT $limit',
        ),
      )) as GraphBundle[K];
    }
    if (kind === 'notices') {
      const found = await this.read((tx) =>
        rows(
          tx,
          `MATCH (n:Notice) WHERE n.id > $after
           RETURN ${NOTICE_PROJECTION} AS p ORDER BY n.id LIMIT $limit`,
          params,
        ),
      );
      return found.map((r) => records.notice(r.p as Props)) as GraphBundle[K];
    }
    if (kind === 'citations') {
      const found = await this.read((tx) =>
        rows(
          tx,
          `MATCH (a)-[r:CITES]->(b) WHERE r.id > $after
           RETURN ${CITATION_PROJECTION} AS p ORDER BY r.id LIMIT $limit`,
          params,
        ),
      );
      return found.map((r) => records.citation(r.p as Props)) as GraphBundle[K];
    }
    const type = NODE_KINDS[kind as keyof typeof NODE_KINDS];
    return (await this.read((tx) =>
      this.nodes(
        tx,
        type,
        `MATCH (n:Entity) WHERE n:${NODE_LABEL[type]} AND n.id > $after`,
        params,
        'ORDER BY p.id LIMIT $limit',
      ),
    )) as GraphBundle[K];
  }

  // --- writes -------------------------------------------------------------------------------

  async clear(): Promise<void> {
    await this.write((tx) =>
      tx.run('MATCH (n) WHERE n:Entity OR n:Notice OR n:Revision OR n:ApiToken DETACH DELETE n'),
    );
  }

  async createSource(record: SourceRecord, audit?: Audit): Promise<SourceRecord> {
    await this.write(async (tx) => {
      await this.insert(tx, NodeType.SOURCE, [record]);
      await this.audit(tx, audit);
    });
    return (await this.getSources([record.id]))[0];
  }

  async createStatement(record: StatementRecord, audit?: Audit): Promise<StatementRecord> {
    await this.write(async (tx) => {
      await this.insert(tx, NodeType.STATEMENT, [record]);
      await this.audit(tx, audit);
    });
    return (await this.getStatements([record.id]))[0];
  }

  async createClaim(record: ClaimRecord, audit?: Audit): Promise<ClaimRecord> {
    await this.write(async (tx) => {
      await this.insert(tx, NodeType.CLAIM, [record]);
      await this.audit(tx, audit);
    });
    return (await this.getClaims([record.id]))[0];
  }

  /**
   * Compare-and-set in one transaction: the node's write lock is taken first, then its version
   * compared, so of concurrent writers with the same expectedVersion exactly one applies (and
   * writes its revisions).
   */
  private async versioned<T>(
    type: NodeType,
    id: string,
    expectedVersion: number,
    apply: (tx: ManagedTransaction) => Promise<void>,
    reload: () => Promise<T[]>,
    audit: Audit | undefined,
  ): Promise<VersionedWrite<T>> {
    const result = await this.write(async (tx): Promise<VersionedWrite<null>> => {
      await this.lock(tx, [id]);
      const [cur] = await rows(
        tx,
        `MATCH (n:Entity {id: $id}) WHERE n:${NODE_LABEL[type]} RETURN n.version AS version`,
        { id },
      );
      if (!cur) return { ok: false, reason: 'NOT_FOUND' };
      const version = num(cur.version);
      if (version !== expectedVersion) {
        return { ok: false, reason: 'CONFLICT', currentVersion: version };
      }
      await apply(tx);
      await this.audit(tx, audit);
      return { ok: true, record: null };
    });
    return result.ok ? { ok: true, record: (await reload())[0] } : result;
  }

  /** Sets the changed properties and bumps the version. */
  private async bump(tx: ManagedTransaction, id: string, changes: Props): Promise<void> {
    await tx.run('MATCH (n:Entity {id: $id}) SET n += $changes, n.version = n.version + 1', {
      id,
      changes,
    });
  }

  async updateClaim(
    id: string,
    expectedVersion: number,
    patch: ClaimPatch,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<ClaimRecord>> {
    return this.versioned(
      NodeType.CLAIM,
      id,
      expectedVersion,
      async (tx) => {
        const { rels, links } = claimLinks(id, patch);
        await this.relink(tx, [id], rels, links);
        // Null text or kind means "unchanged", as SQLite's coalesce.
        const changes: Props = { updatedAt: at };
        if (patch.text !== undefined && patch.text !== null) {
          Object.assign(
            changes,
            { text: patch.text },
            records.searchProps(NodeType.CLAIM, { text: patch.text }),
          );
        }
        if (patch.kind !== undefined && patch.kind !== null) changes.kind = patch.kind;
        if (patch.reviewStatus !== undefined && patch.reviewStatus !== null) {
          changes.reviewStatus = patch.reviewStatus;
        }
        await this.bump(tx, id, changes);
      },
      () => this.getClaims([id]),
      audit,
    );
  }

  async createCondition(record: ConditionRecord, audit?: Audit): Promise<ConditionRecord> {
    await this.write(async (tx) => {
      await this.insert(tx, NodeType.CONDITION, [record]);
      await this.audit(tx, audit);
    });
    return (await this.getConditions([record.id]))[0];
  }

  async createMechanism(record: MechanismRecord, audit?: Audit): Promise<MechanismRecord> {
    await this.write(async (tx) => {
      await this.insert(tx, NodeType.MECHANISM, [record]);
      await this.audit(tx, audit);
    });
    return (await this.getMechanisms([record.id]))[0];
  }

  async createIntervention(record: InterventionRecord, audit?: Audit): Promise<InterventionRecord> {
    await this.write(async (tx) => {
      await this.insert(tx, NodeType.INTERVENTION, [record]);
      await this.audit(tx, audit);
    });
    return (await this.getInterventions([record.id]))[0];
  }

  async createStudy(record: StudyRecord, audit?: Audit): Promise<StudyRecord> {
    await insertStudyNamingHolder(this, record, async () => {
      await this.write(async (tx) => {
        await this.insert(tx, NodeType.STUDY, [record]);
        await this.audit(tx, audit);
      });
    });
    return (await this.getStudies([record.id]))[0];
  }

  async createEvidenceLink(record: EvidenceLinkRecord, audit?: Audit): Promise<EvidenceLinkRecord> {
    return this.write(async (tx) => {
      await this.insertEvidence(tx, [record]);
      await this.audit(tx, audit);
      const [link] = await this.evidence(
        tx,
        'MATCH (s)-[r:EVIDENCE {id: $id}]->(c)',
        { id: record.id },
        '',
      );
      return link;
    });
  }

  async deleteEvidenceLink(
    id: string,
    expectedVersion: number,
    audit?: Audit,
  ): Promise<VersionedWrite<EvidenceLinkRecord>> {
    return this.write(async (tx): Promise<VersionedWrite<EvidenceLinkRecord>> => {
      const cur = await this.lockedLink(tx, id);
      if (!cur) return { ok: false, reason: 'NOT_FOUND' };
      if (cur.version !== expectedVersion) {
        return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
      }
      await tx.run('MATCH ()-[r:EVIDENCE {id: $id}]->() DELETE r', { id });
      await this.audit(tx, audit);
      return { ok: true, record: cur };
    });
  }

  async setReviewStatus(
    kind: ReviewedKind,
    id: string,
    expectedVersion: number,
    status: ReviewStatus,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<ClaimRecord | StatementRecord | EvidenceLinkRecord>> {
    if (kind !== 'evidence') {
      const type = kind === 'claims' ? NodeType.CLAIM : NodeType.STATEMENT;
      return this.versioned<ClaimRecord | StatementRecord>(
        type,
        id,
        expectedVersion,
        (tx) => this.bump(tx, id, { reviewStatus: status, updatedAt: at }),
        () => this.byIds(type, [id]),
        audit,
      );
    }
    return this.write(async (tx): Promise<VersionedWrite<EvidenceLinkRecord>> => {
      const cur = await this.lockedLink(tx, id);
      if (!cur) return { ok: false, reason: 'NOT_FOUND' };
      if (cur.version !== expectedVersion) {
        return { ok: false, reason: 'CONFLICT', currentVersion: cur.version };
      }
      // A link written before links were versioned has no version: it reads as 1.
      const [updated] = await this.evidence(
        tx,
        `MATCH (s)-[r:EVIDENCE {id: $id}]->(c)
         SET r.reviewStatus = $status, r.updatedAt = $at, r.version = coalesce(r.version, 1) + 1`,
        { id, status, at },
        '',
      );
      await this.audit(tx, audit);
      return { ok: true, record: updated };
    });
  }

  async addNotice(
    notice: NoticeRecord,
    retraction?: RetractionRecord,
    audit?: Audit,
  ): Promise<StudyRecord> {
    return this.write(async (tx) => {
      await this.insertNotices(tx, [notice]);
      await this.audit(tx, audit);
      if (retraction) {
        // Under the study's lock, so that concurrent version bumps all count.
        await this.lock(tx, [notice.studyId]);
        await this.bump(tx, notice.studyId, {
          retracted: true,
          retractionDate: retraction.date,
          retractionNote: retraction.note,
          updatedAt: notice.createdAt,
        });
      }
      const [study] = await this.nodes<StudyRecord>(
        tx,
        NodeType.STUDY,
        'MATCH (n:Entity {id: $id}) WHERE n:Study',
        { id: notice.studyId },
      );
      return study;
    });
  }

  async addCitations(
    citations: CitationRecord[],
    audit?: (created: CitationRecord) => Audit,
  ): Promise<CitationRecord[]> {
    return this.write(async (tx) => {
      const created = await this.insertCitations(tx, citations, true);
      if (audit) await this.audit(tx, created.flatMap(audit));
      return created;
    });
  }

  async removeCitation(
    citingId: string,
    citedId: string,
    audit?: (removed: CitationRecord) => Audit,
  ): Promise<CitationRecord | null> {
    return this.write(async (tx) => {
      // Under the citing study's lock, as citations are created: of concurrent removals of the
      // same pair, one finds it.
      await this.lock(tx, [citingId]);
      const [r] = await rows(
        tx,
        `MATCH (a:Entity {id: $citingId})-[r:CITES]->(b:Entity {id: $citedId})
         WITH r, ${CITATION_PROJECTION} AS p
         DELETE r RETURN p`,
        { citingId, citedId },
      );
      if (!r) return null;
      const removed = records.citation(r.p as Props);
      if (audit) await this.audit(tx, audit(removed));
      return removed;
    });
  }

  async createGap(record: GapRecord, audit?: Audit): Promise<GapRecord> {
    await this.write(async (tx) => {
      await this.insert(tx, NodeType.EVIDENCE_GAP, [record]);
      await this.audit(tx, audit);
    });
    return (await this.getGaps([record.id]))[0];
  }

  async updateGap(
    id: string,
    expectedVersion: number,
    patch: GapPatch,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<GapRecord>> {
    return this.versioned(
      NodeType.EVIDENCE_GAP,
      id,
      expectedVersion,
      async (tx) => {
        if (patch.addressedById !== undefined) {
          await this.relink(
            tx,
            [id],
            ['ADDRESSED_BY'],
            optional('ADDRESSED_BY', id, patch.addressedById, 'addressedById'),
          );
        }
        const changes: Props = { updatedAt: at };
        if (patch.status !== undefined && patch.status !== null) changes.status = patch.status;
        await this.bump(tx, id, changes);
      },
      () => this.getGaps([id]),
      audit,
    );
  }

  // --- bulk upsert (seeding, copying) -------------------------------------------------------

  async upsertBundle(
    bundle: GraphBundle,
    mode: UpsertMode = 'create-missing',
    audit?: BundleAudit,
  ): Promise<UpsertResult> {
    const { create, replace, result, revisions } = await planBundle(this, bundle, mode, audit);
    await this.write(async (tx) => {
      // Replaced nodes are overwritten in place, so relationships pointing at them (a claim's
      // statements, a study's evidence) stay; their own outgoing relationships are rewritten.
      const links: Link[] = [];
      const replaced: string[] = [];
      for (const [kind, type] of Object.entries(NODE_KINDS)) {
        const created = create[kind as keyof typeof NODE_KINDS] as object[];
        const changed = replace[kind as keyof typeof NODE_KINDS] as Array<{ id: string }>;
        await this.createNodes(tx, type, created);
        await this.replaceNodes(tx, type, changed);
        replaced.push(...changed.map((r) => r.id));
        links.push(...[...created, ...changed].flatMap((r) => linksOf(type, r)));
      }
      // Links once every node exists: references may point anywhere in the bundle.
      await this.relink(tx, replaced, OWNED_RELS, links);
      await this.insertEvidence(tx, create.evidence);
      if (replace.evidence.length > 0) {
        await tx.run(
          `UNWIND $links AS l MATCH ()-[r:EVIDENCE {id: l.id}]->()
           SET r.relation = l.relation, r.note = l.note, r.quote = l.quote,
               r.updatedAt = l.updatedAt, r.version = l.version`,
          { links: replace.evidence.map(records.evidenceProps) },
        );
      }
      await this.insertNotices(tx, create.notices);
      await this.insertCitations(tx, create.citations, false);
      await this.audit(tx, revisions);
    });
    return result;
  }

  // --- history ------------------------------------------------------------------------------

  private async revisions(cypher: string, params: Props): Promise<RevisionRecord[]> {
    const found = await this.read((tx) => rows(tx, cypher, params));
    return found.map((r) => records.revision(r.p as Props));
  }

  async revisionsOf(
    entityId: string,
    after: string | undefined,
    limit: number,
  ): Promise<RevisionRecord[]> {
    return this.revisions(
      `MATCH (v:Revision) WHERE v.entityId = $entityId AND v.id > $after
       RETURN v {.*} AS p ORDER BY v.id LIMIT $limit`,
      { entityId, after: after ?? '', limit: neo4j.int(limit) },
    );
  }

  async getRevisions(ids: readonly string[]): Promise<RevisionRecord[]> {
    if (ids.length === 0) return [];
    return this.revisions(
      'UNWIND $ids AS id MATCH (v:Revision {id: id}) RETURN v {.*} AS p ORDER BY v.id',
      { ids: dedupe(ids) },
    );
  }

  async revisionsSince(at: string): Promise<RevisionRecord[]> {
    return this.revisions('MATCH (v:Revision) WHERE v.at > $at RETURN v {.*} AS p ORDER BY v.id', {
      at,
    });
  }

  async latestRevisionId(): Promise<string | null> {
    const [r] = await this.read((tx) =>
      rows(
        tx,
        'MATCH (v:Revision) WHERE v.id IS NOT NULL RETURN v.id AS id ORDER BY v.id DESC LIMIT 1',
      ),
    );
    return r ? (r.id as string) : null;
  }

  // --- API tokens ---------------------------------------------------------------------------

  async scanRevisions(after: string | undefined, limit: number): Promise<RevisionRecord[]> {
    const found = await this.read((tx) =>
      rows(
        tx,
        'MATCH (v:Revision) WHERE v.id > $after RETURN v {.*} AS p ORDER BY v.id LIMIT $limit',
        { after: after ?? '', limit: neo4j.int(limit) },
      ),
    );
    return found.map((r) => records.revision(r.p as Props));
  }

  async appendRevisions(revisions: readonly RevisionRecord[]): Promise<number> {
    if (revisions.length === 0) return 0;
    return this.write(async (tx) => {
      const [r] = await rows(
        tx,
        `UNWIND $rows AS row
         MERGE (v:Revision {id: row.id})
         ON CREATE SET v = row, v.fresh = true
         WITH v WHERE v.fresh
         REMOVE v.fresh
         RETURN count(v) AS n`,
        { rows: revisions.map(records.revisionProps) },
      );
      return Number(r.n);
    });
  }

  async createToken(record: TokenRecord, audit?: Audit): Promise<TokenRecord> {
    return this.write(async (tx) => {
      // Id and hash are unique by constraint: a taken one throws (UniqueViolationError).
      const [r] = await rows(tx, 'CREATE (t:ApiToken) SET t = $props RETURN t {.*} AS p', {
        props: records.tokenProps(record),
      });
      await this.audit(tx, audit);
      return records.token(r.p as Props);
    });
  }

  async tokenByHash(hash: string): Promise<TokenRecord | null> {
    const [r] = await this.read((tx) =>
      rows(tx, 'MATCH (t:ApiToken {hash: $hash}) RETURN t {.*} AS p', { hash }),
    );
    return r ? records.token(r.p as Props) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    const found = await this.read((tx) =>
      rows(tx, 'MATCH (t:ApiToken) RETURN t {.*} AS p ORDER BY t.createdAt, t.id'),
    );
    return found.map((r) => records.token(r.p as Props));
  }

  async revokeToken(id: string, at: string, audit?: Audit): Promise<TokenRecord | null> {
    return this.write(async (tx) => {
      // The token's write lock first: of concurrent revocations, exactly one sets revokedAt
      // (and writes its revisions); the others keep that first time.
      const [cur] = await rows(
        tx,
        'MATCH (t:ApiToken {id: $id}) SET t._lock = true REMOVE t._lock RETURN t.id AS id',
        { id },
      );
      if (!cur) return null;
      const [r] = await rows(
        tx,
        `MATCH (t:ApiToken {id: $id})
         WITH t, t.revokedAt IS NULL AS changed
         SET t.revokedAt = coalesce(t.revokedAt, $at)
         RETURN changed, t {.*} AS p`,
        { id, at },
      );
      if (r.changed) await this.audit(tx, audit);
      return records.token(r.p as Props);
    });
  }
}

/** Backslash before every character the Lucene query parser treats as syntax. */
function escapeLucene(term: string): string {
  return term.replace(/[+\-&|!(){}[\]^"~*?:\\/\s]/g, '\\$&');
}

/** Scores full-text matches (see search) and orders them by score, then id. */
function rank(matches: Props[]): Array<{ id: string; score: number }> {
  const mean = (key: string) =>
    Math.max(1, matches.reduce((s, m) => s + num(m[key]), 0) / Math.max(1, matches.length));
  const avgLabel = mean('labelLength');
  const avgBody = mean('bodyLength');
  const bm25 = (tf: number, length: number, avg: number) =>
    tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg));
  return matches
    .map((m) => {
      const counts = m.counts as unknown[][];
      const score = counts.reduce<number>(
        (s, [label, body]) =>
          s +
          LABEL_WEIGHT * bm25(num(label), num(m.labelLength), avgLabel) +
          BODY_WEIGHT * bm25(num(body), num(m.bodyLength), avgBody),
        0,
      );
      return { id: m.id as string, score };
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A graph edge from a row or map with source, target and type. */
function edgeRecord(r: Props): GraphEdgeRecord {
  return { source: r.source as string, target: r.target as string, type: r.type as EdgeType };
}
