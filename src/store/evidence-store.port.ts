/**
 * The store port: data access only. Stores fetch and write plain records; every rule (evidence
 * status, grades, anchoring, validation, gap logic) lives in the services, once, so that the SQLite
 * and Neo4j adapters stay identical in behaviour. test/contract/ states this port's behaviour.
 *
 * Conventions every adapter keeps:
 * - Batch reads take many ids and return the records found, in any order (DataLoaders reorder);
 *   unknown ids are simply absent.
 * - Each write method is one transaction: it applies whole or not at all.
 * - Uniqueness and references are enforced by the database too; violations surface as the typed
 *   errors at the end of this file, never as driver errors.
 */
import {
  ClaimKind,
  EdgeType,
  EvidenceRelation,
  GapKind,
  GapStatus,
  Hedging,
  NodeType,
  NoticeKind,
  ReviewStatus,
  SourceKind,
  StudyDesign,
} from '../graphql.schema';

export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');

export interface Versioned {
  id: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface SourceRecord extends Versioned {
  title: string;
  url: string | null;
  publisher: string | null;
  kind: SourceKind;
  text: string;
  contentHash: string;
}

export interface StatementRecord extends Versioned {
  sourceId: string;
  claimId: string;
  quote: string;
  /** Code point offsets into the source text, [start, end). */
  start: number;
  end: number;
  prefix: string;
  suffix: string;
  hedging: Hedging;
  reviewStatus: ReviewStatus;
}

export interface ClaimRecord extends Versioned {
  text: string;
  kind: ClaimKind;
  interventionId: string | null;
  reviewStatus: ReviewStatus;
  conditionIds: string[];
  mechanismIds: string[];
}

export interface CodeRef {
  system: string;
  code: string;
}

export interface ConditionRecord extends Versioned {
  name: string;
  synonyms: string[];
  codes: CodeRef[];
  description: string | null;
  broaderIds: string[];
}

export interface MechanismRecord extends Versioned {
  name: string;
  synonyms: string[];
  description: string | null;
}

export interface InterventionRecord extends Versioned {
  name: string;
  drug: string | null;
  route: string | null;
}

export interface RetractionRecord {
  date: string | null;
  note: string | null;
}

export interface StudyRecord extends Versioned {
  title: string;
  authors: string[];
  year: number | null;
  journal: string | null;
  /** Normalised (lower case, bare 10.x/...). Unique. */
  doi: string | null;
  /** Digits only. Unique. */
  pmid: string | null;
  design: StudyDesign;
  sampleSize: number | null;
  population: string | null;
  finding: string | null;
  retraction: RetractionRecord | null;
}

export interface EvidenceLinkRecord extends Versioned {
  studyId: string;
  claimId: string;
  relation: EvidenceRelation;
  note: string | null;
  quote: string | null;
  addedBy: string;
  reviewStatus: ReviewStatus;
}

export interface GapRecord extends Versioned {
  claimId: string;
  kind: GapKind;
  description: string;
  neededDesign: StudyDesign | null;
  status: GapStatus;
  statementId: string | null;
  addressedById: string | null;
}

export interface NoticeRecord {
  id: string;
  studyId: string;
  kind: NoticeKind;
  date: string | null;
  note: string | null;
  addedBy: string;
  createdAt: string;
}

export interface CitationRecord {
  /** `${citingId}>${citedId}`: one citation per ordered pair. */
  id: string;
  citingId: string;
  citedId: string;
  addedBy: string;
  createdAt: string;
}

/** Kinds of record a revision can describe: the bundle kinds, plus API tokens. */
export type AuditedKind = RecordKind | 'tokens';

export type RevisionAction = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * One change to one record, written in the same transaction as the change. `before` and `after`
 * are whole records (null on create / delete); the domain derives field-level diffs from them.
 * Ids sort in the order the changes were made (see common/ids.ts newRevisionId).
 */
export interface RevisionRecord {
  id: string;
  entityId: string;
  entityKind: AuditedKind;
  action: RevisionAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor: string;
  at: string;
  reason: string | null;
  /** The revision this change undid, when it is a revert. */
  revertOf: string | null;
}

export type TokenRole = 'READER' | 'EDITOR' | 'ADMIN';

export interface TokenRecord {
  id: string;
  name: string;
  role: TokenRole;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  hash: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

/** Records whose review status the workflow sets (compare-and-set on version). */
export type ReviewedKind = 'claims' | 'statements' | 'evidence';

export interface GraphEdgeRecord {
  source: string;
  target: string;
  type: EdgeType;
}

export interface GraphFilter {
  /** Only nodes of these types are reached (the start node always is). */
  nodeTypes?: NodeType[];
  /** Only edges of these types are followed. */
  edgeTypes?: EdgeType[];
}

/** Everything the seeder writes, in one transaction. */
export interface GraphBundle {
  sources: SourceRecord[];
  conditions: ConditionRecord[];
  mechanisms: MechanismRecord[];
  interventions: InterventionRecord[];
  claims: ClaimRecord[];
  statements: StatementRecord[];
  studies: StudyRecord[];
  evidence: EvidenceLinkRecord[];
  gaps: GapRecord[];
  notices: NoticeRecord[];
  citations: CitationRecord[];
}

export interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Present but different, left alone (create-missing mode). */
  differing: number;
}

/**
 * create-missing: add absent records, never touch existing ones (an editor's change survives a
 * re-seed). replace-changed: also overwrite records whose content differs (version + 1).
 */
export type UpsertMode = 'create-missing' | 'replace-changed';

export interface Page {
  /** Opaque position from a previous page (the last id seen). */
  after?: string;
  limit: number;
}

export interface PageResult<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
}

export interface ClaimQuery {
  /** Claims about any of these conditions. */
  conditionIds?: string[];
  /** Claims invoking any of these mechanisms. */
  mechanismIds?: string[];
  /** Claims stated by this source. */
  sourceId?: string;
  /** Claims with at least one statement worded this way. */
  hedging?: Hedging;
  kind?: ClaimKind;
}

export interface StudyQuery {
  design?: StudyDesign;
  yearFrom?: number;
  yearTo?: number;
  retracted?: boolean;
  /** Case-insensitive substring of the title. */
  titleContains?: string;
}

export interface LabelledRef {
  id: string;
  name: string;
  synonyms: string[];
}

export interface DescendantRef {
  id: string;
  depth: number;
}

export interface SearchQuery {
  /** Terms, already tokenised by the domain; matched as prefixes, all required. */
  terms: string[];
  types?: NodeType[];
  limit: number;
  offset: number;
}

export interface SearchHitRecord {
  id: string;
  type: NodeType;
  label: string;
  /** The indexed text that matched (the domain cuts the snippet from it). */
  body: string;
  /** Relevance from the database's own ranking; higher is better, comparable within one list. */
  score: number;
}

export interface ClaimPatch {
  text?: string;
  reviewStatus?: ReviewStatus;
  kind?: ClaimKind;
  interventionId?: string | null;
  conditionIds?: string[];
  mechanismIds?: string[];
}

export interface GapPatch {
  status?: GapStatus;
  addressedById?: string | null;
}

export type VersionedWrite<T> =
  | { ok: true; record: T }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'CONFLICT'; currentVersion: number };

export interface StoreCounts {
  sources: number;
  statements: number;
  claims: number;
  conditions: number;
  mechanisms: number;
  interventions: number;
  studies: number;
  evidence: number;
  gaps: number;
  notices: number;
  citations: number;
}

/** The kinds of record a whole-store scan walks, in an order that respects references. */
export const RECORD_KINDS = [
  'sources',
  'interventions',
  'conditions',
  'mechanisms',
  'claims',
  'statements',
  'studies',
  'notices',
  'citations',
  'evidence',
  'gaps',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface EvidenceStore {
  readonly kind: 'sqlite' | 'neo4j';
  /** Creates or migrates what the store needs; idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** A cheap round trip: resolves when the database answers, else StoreUnavailableError. */
  ping(): Promise<void>;
  counts(): Promise<StoreCounts>;

  // --- generic ------------------------------------------------------------------------------
  /** The type of each known id (ids are unique across types). */
  nodeTypes(ids: readonly string[]): Promise<Map<string, NodeType>>;

  // --- sources and statements ---------------------------------------------------------------
  getSources(ids: readonly string[]): Promise<SourceRecord[]>;
  listSources(): Promise<SourceRecord[]>;
  getStatements(ids: readonly string[]): Promise<StatementRecord[]>;
  statementsBySources(sourceIds: readonly string[]): Promise<StatementRecord[]>;
  statementsByClaims(claimIds: readonly string[]): Promise<StatementRecord[]>;

  // --- claims -------------------------------------------------------------------------------
  getClaims(ids: readonly string[]): Promise<ClaimRecord[]>;
  /** Ids of matching claims, ordered by id. All criteria must hold. */
  findClaimIds(query: ClaimQuery): Promise<string[]>;

  // --- vocabulary ---------------------------------------------------------------------------
  getConditions(ids: readonly string[]): Promise<ConditionRecord[]>;
  listConditions(page: Page, search?: string): Promise<PageResult<ConditionRecord>>;
  /** Conditions whose name or a synonym equals the label (case-insensitive, spaces collapsed). */
  findConditionsByLabel(label: string): Promise<ConditionRecord[]>;
  /** Every condition's id, name and synonyms: the vocabulary for suggestions. */
  conditionLabels(): Promise<LabelledRef[]>;
  /** Narrower conditions of the roots, transitively, at most maxDepth steps down. Roots excluded. */
  narrowerConditions(rootIds: readonly string[], maxDepth: number): Promise<DescendantRef[]>;
  /** Direct narrower conditions of each parent: [parentId, childId] pairs. */
  narrowerPairs(parentIds: readonly string[]): Promise<Array<[string, string]>>;
  getMechanisms(ids: readonly string[]): Promise<MechanismRecord[]>;
  listMechanisms(): Promise<MechanismRecord[]>;
  findMechanismsByLabel(label: string): Promise<MechanismRecord[]>;
  getInterventions(ids: readonly string[]): Promise<InterventionRecord[]>;
  listInterventions(): Promise<InterventionRecord[]>;

  // --- studies and evidence -----------------------------------------------------------------
  getStudies(ids: readonly string[]): Promise<StudyRecord[]>;
  findStudyByDoi(doi: string): Promise<StudyRecord | null>;
  findStudyByPmid(pmid: string): Promise<StudyRecord | null>;
  listStudies(page: Page, query: StudyQuery): Promise<PageResult<StudyRecord>>;
  getEvidenceLinks(ids: readonly string[]): Promise<EvidenceLinkRecord[]>;
  evidenceByClaims(claimIds: readonly string[]): Promise<EvidenceLinkRecord[]>;
  evidenceByStudies(studyIds: readonly string[]): Promise<EvidenceLinkRecord[]>;
  getGaps(ids: readonly string[]): Promise<GapRecord[]>;
  gapsByClaims(claimIds: readonly string[]): Promise<GapRecord[]>;

  // --- citations and notices ----------------------------------------------------------------
  /** Citations where the given studies cite (direction 'cites') or are cited ('citedBy'). */
  citationsOf(
    studyIds: readonly string[],
    direction: 'cites' | 'citedBy',
  ): Promise<CitationRecord[]>;
  /** Studies citing the given one, transitively up to maxHops, nearest first: {id, hops} by hops, id. */
  citingStudies(studyId: string, maxHops: number): Promise<Array<{ id: string; hops: number }>>;
  noticesByStudies(studyIds: readonly string[]): Promise<NoticeRecord[]>;
  findStudiesByDois(dois: readonly string[]): Promise<StudyRecord[]>;
  findStudiesByPmids(pmids: readonly string[]): Promise<StudyRecord[]>;
  /** Studies published in any of these years (title + year deduplication). */
  studiesByYears(years: readonly number[]): Promise<StudyRecord[]>;

  // --- graph exploration (traversals run in the database, bounded) ----------------------------
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

  // --- search -------------------------------------------------------------------------------
  search(query: SearchQuery): Promise<{ hits: SearchHitRecord[]; totalCount: number }>;

  /** Every record of a kind in id order, a page at a time (copying, checksums, export). */
  scan<K extends RecordKind>(
    kind: K,
    after: string | undefined,
    limit: number,
  ): Promise<GraphBundle[K]>;

  // --- writes (each one transaction) ----------------------------------------------------------
  /** Deletes everything (store:copy --replace, tests). */
  clear(): Promise<void>;
  createSource(record: SourceRecord, audit?: Audit): Promise<SourceRecord>;
  createStatement(record: StatementRecord, audit?: Audit): Promise<StatementRecord>;
  createClaim(record: ClaimRecord, audit?: Audit): Promise<ClaimRecord>;
  /** Compare-and-set on version: applies only when the stored version equals expectedVersion. */
  updateClaim(
    id: string,
    expectedVersion: number,
    patch: ClaimPatch,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<ClaimRecord>>;
  createCondition(record: ConditionRecord, audit?: Audit): Promise<ConditionRecord>;
  createMechanism(record: MechanismRecord, audit?: Audit): Promise<MechanismRecord>;
  createIntervention(record: InterventionRecord, audit?: Audit): Promise<InterventionRecord>;
  createStudy(record: StudyRecord, audit?: Audit): Promise<StudyRecord>;
  createEvidenceLink(record: EvidenceLinkRecord, audit?: Audit): Promise<EvidenceLinkRecord>;
  /** Removes a link, compare-and-set on its version. */
  deleteEvidenceLink(
    id: string,
    expectedVersion: number,
    audit?: Audit,
  ): Promise<VersionedWrite<EvidenceLinkRecord>>;
  createGap(record: GapRecord, audit?: Audit): Promise<GapRecord>;
  /**
   * Records a notice; with `retraction`, also sets the study's retraction in the same transaction
   * (the domain decides which notices retract).
   */
  addNotice(
    notice: NoticeRecord,
    retraction?: RetractionRecord,
    audit?: Audit,
  ): Promise<StudyRecord>;
  /**
   * Adds citations, skipping pairs already recorded; returns the ones that were new. `audit` maps
   * each new citation to its revisions (skipped pairs write none).
   */
  addCitations(
    records: CitationRecord[],
    audit?: (created: CitationRecord) => Audit,
  ): Promise<CitationRecord[]>;
  /** Removes a citation; the removed record, or null when there was none. */
  removeCitation(
    citingId: string,
    citedId: string,
    audit?: (removed: CitationRecord) => Audit,
  ): Promise<CitationRecord | null>;
  updateGap(
    id: string,
    expectedVersion: number,
    patch: GapPatch,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<GapRecord>>;
  /** Sets the review status of a claim, statement or evidence link; compare-and-set on version. */
  setReviewStatus(
    kind: ReviewedKind,
    id: string,
    expectedVersion: number,
    status: ReviewStatus,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<ClaimRecord | StatementRecord | EvidenceLinkRecord>>;
  /**
   * Writes a whole bundle in one transaction: absent records are created; identical ones are left
   * alone, so a re-run changes nothing; differing ones follow the mode.
   */
  upsertBundle(bundle: GraphBundle, mode?: UpsertMode, audit?: BundleAudit): Promise<UpsertResult>;

  // --- history --------------------------------------------------------------------------------
  /** Revisions of one record, oldest first, a page at a time after the given revision id. */
  revisionsOf(
    entityId: string,
    after: string | undefined,
    limit: number,
  ): Promise<RevisionRecord[]>;
  getRevisions(ids: readonly string[]): Promise<RevisionRecord[]>;
  /** Every revision made after the instant, oldest first (asOf reconstruction). */
  revisionsSince(at: string): Promise<RevisionRecord[]>;
  /** The newest revision id, or null: a cheap marker of "has anything changed". */
  latestRevisionId(): Promise<string | null>;
  /** Revisions in id order, a page at a time after the given id (copying the history). */
  scanRevisions(after: string | undefined, limit: number): Promise<RevisionRecord[]>;
  /** Writes revisions as they are, skipping ids already stored (copying); returns how many were new. */
  appendRevisions(revisions: readonly RevisionRecord[]): Promise<number>;

  // --- API tokens -----------------------------------------------------------------------------
  createToken(record: TokenRecord, audit?: Audit): Promise<TokenRecord>;
  tokenByHash(hash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  /** Marks a token revoked; null when unknown. Revoking twice keeps the first time. */
  revokeToken(id: string, at: string, audit?: Audit): Promise<TokenRecord | null>;
}

/** Revisions to write in the same transaction as a change. */
export type Audit = readonly RevisionRecord[];

/**
 * For a bundle write: the domain's revision for each record the store creates (before null) or
 * replaces; the store writes them in the bundle's transaction.
 */
export interface BundleAudit {
  revision(kind: AuditedKind, before: object | null, after: object): RevisionRecord;
}

/** A unique value (id, DOI, PMID, study-claim pair) is already taken. */
export class UniqueViolationError extends Error {
  constructor(
    readonly field: string,
    readonly existingId: string | null,
  ) {
    super(`unique violation on ${field}${existingId ? ` (held by ${existingId})` : ''}`);
    this.name = 'UniqueViolationError';
  }
}

/** A referenced record does not exist (raced away between the service's check and the write). */
export class MissingReferenceError extends Error {
  constructor(readonly field: string) {
    super(`missing reference: ${field}`);
    this.name = 'MissingReferenceError';
  }
}

/** The database cannot be reached. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}
