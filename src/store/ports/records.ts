/**
 * The records the store ports read and write: plain data, no behaviour. The role ports beside this
 * file say which reads and writes exist; the adapters under ../sqlite and ../neo4j implement them.
 */
import {
  ClaimKind,
  EdgeType,
  EvidenceRelation,
  IndirectnessDomain,
  GapKind,
  GapStatus,
  Hedging,
  NodeType,
  NoticeKind,
  ReviewStatus,
  SourceKind,
  RiskOfBias,
  StudyDesign,
} from '../../graphql.schema';

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
  /** The day the document was retrieved, YYYY-MM-DD. */
  retrievedAt: string | null;
  /** SHA-256 (hex) of the HTML the text was extracted from; null for pasted text. */
  htmlSha256: string | null;
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
  riskOfBias: RiskOfBias;
  /** Why; null exactly when riskOfBias is NOT_ASSESSED. */
  riskOfBiasReason: string | null;
  /** Conditions of the study's population (vocabulary ids); empty when not recorded. */
  populationConditionIds: string[];
  retraction: RetractionRecord | null;
}

export interface EvidenceLinkRecord extends Versioned {
  studyId: string;
  claimId: string;
  relation: EvidenceRelation;
  note: string | null;
  quote: string | null;
  /** How the study differs from the claim, one entry per domain; empty: it tests it directly. */
  indirectness: IndirectnessRecord[];
  addedBy: string;
  reviewStatus: ReviewStatus;
}

export interface IndirectnessRecord {
  domain: IndirectnessDomain;
  reason: string;
}

export interface GapRecord extends Versioned {
  claimId: string;
  kind: GapKind;
  description: string;
  neededDesign: StudyDesign | null;
  status: GapStatus;
  statementId: string | null;
  addressedById: string | null;
  reviewStatus: ReviewStatus;
}

export interface NoticeRecord {
  id: string;
  studyId: string;
  kind: NoticeKind;
  date: string | null;
  note: string | null;
  addedBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** A notice takes effect (a retraction retracts) only once ACCEPTED; WITHDRAWN ends that. */
  reviewStatus: ReviewStatus;
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

/** A revision as asOf undoes it: which record, and how it stood before (no `after`, actor, reason). */
export type RevisionChange = Pick<
  RevisionRecord,
  'id' | 'entityId' | 'entityKind' | 'before' | 'at'
>;

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
export type ReviewedRecord = ClaimRecord | StatementRecord | EvidenceLinkRecord | GapRecord;

export type ReviewedKind = 'claims' | 'statements' | 'evidence' | 'gaps';

/** The record type behind each node type. */
export interface NodeRecords {
  [NodeType.SOURCE]: SourceRecord;
  [NodeType.STATEMENT]: StatementRecord;
  [NodeType.CLAIM]: ClaimRecord;
  [NodeType.CONDITION]: ConditionRecord;
  [NodeType.MECHANISM]: MechanismRecord;
  [NodeType.INTERVENTION]: InterventionRecord;
  [NodeType.STUDY]: StudyRecord;
  [NodeType.EVIDENCE_GAP]: GapRecord;
}

/**
 * The part of each record that its store holds field by field (../record-fields.ts lists the
 * fields); the rest (a claim's condition and mechanism lists, a condition's broader list, a
 * study's retraction) each adapter reads itself.
 */
export interface StoredRecords {
  source: SourceRecord;
  statement: StatementRecord;
  claim: Omit<ClaimRecord, 'conditionIds' | 'mechanismIds'>;
  condition: Omit<ConditionRecord, 'broaderIds'>;
  mechanism: MechanismRecord;
  intervention: InterventionRecord;
  study: Omit<StudyRecord, 'retraction'>;
  evidence: EvidenceLinkRecord;
  gap: GapRecord;
  notice: NoticeRecord;
  citation: CitationRecord;
  revision: RevisionRecord;
  token: TokenRecord;
}

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

export interface NamedRef {
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
  /**
   * Matches are counted up to this many and no further: totalCount is min(matches, countUpTo),
   * so a query matching the whole store costs what one matching countUpTo does. By default
   * offset + limit + 1 (enough to tell whether more follow the page). The domain decides what a
   * capped count means (see search.service.ts).
   */
  countUpTo?: number;
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

/** A vocabulary edit: only the fields given change; the whole list given replaces the old one. */
export interface ConditionPatch {
  name?: string;
  synonyms?: string[];
  codes?: CodeRef[];
  broaderIds?: string[];
}

export interface StudyPatch {
  riskOfBias?: RiskOfBias;
  riskOfBiasReason?: string | null;
}

export interface EvidencePatch {
  indirectness?: IndirectnessRecord[];
}

export interface MechanismPatch {
  name?: string;
  synonyms?: string[];
}

export interface GapPatch {
  status?: GapStatus;
  addressedById?: string | null;
}

export type VersionedWrite<T> =
  | { ok: true; record: T }
  | { ok: false; reason: 'NOT_FOUND' }
  | { ok: false; reason: 'CONFLICT'; currentVersion: number };

/**
 * A compare-and-set update of a record's fields: applies the patch (and bumps the version) only
 * when the stored version equals expectedVersion.
 */
export type VersionedUpdate<P, R> = (
  id: string,
  expectedVersion: number,
  patch: P,
  at: string,
  audit?: Audit,
) => Promise<VersionedWrite<R>>;

/** How many records of each kind a store holds. */
export type StoreCounts = Record<RecordKind, number>;

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

/** Revisions to write in the same transaction as a change. */
export type Audit = readonly RevisionRecord[];

/**
 * For a bundle write: the domain's revision for each record the store creates (before null) or
 * replaces; the store writes them in the bundle's transaction.
 */
export interface BundleAudit {
  revision(kind: AuditedKind, before: object | null, after: object): RevisionRecord;
}

/**
 * Which of a claim's records (its statements, its gaps) a new one would duplicate; the domain
 * decides, the store asks inside its write, under the claim's lock, so that of concurrent
 * duplicates one is written and the others get a UniqueViolationError naming it.
 */
export type DuplicateOf<T> = (siblings: T[]) => T | undefined;

/**
 * A source's curation written at once (importCuration): new claims, the statements anchored in
 * the source, evidence links and gaps. All or nothing, in one transaction.
 */
export interface CurationBatch {
  claims: ClaimRecord[];
  statements: StatementRecord[];
  evidence: EvidenceLinkRecord[];
  gaps: GapRecord[];
}

/**
 * The duplicate rules of a curation's statements and gaps (as `DuplicateOf`, per record): asked
 * inside the write with the claim's stored records and the batch's earlier ones of that claim.
 */
export interface CurationGuards {
  statement?: (record: StatementRecord, siblings: StatementRecord[]) => StatementRecord | undefined;
  gap?: (record: GapRecord, siblings: GapRecord[]) => GapRecord | undefined;
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
