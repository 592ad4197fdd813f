/**
 * The store ports: data access only. Stores fetch and write plain records; every rule (evidence
 * status, grades, anchoring, validation, gap logic) lives in the services, once, so that the SQLite
 * and Neo4j adapters stay identical in behaviour. test/contract/ states the ports' behaviour.
 *
 * The store is split into role ports, one per area; a service injects only the roles it uses (each
 * has its own injection token below). The full store is their intersection: only the factory,
 * copying and admin code see it.
 *
 * Conventions every adapter keeps:
 * - Batch reads take many ids and return the records found, in any order (DataLoaders reorder);
 *   unknown ids are simply absent.
 * - Each write method is one transaction: it applies whole or not at all.
 * - Uniqueness and references are enforced by the database too; violations surface as the typed
 *   errors in records.ts, never as driver errors.
 */
import type { StoreAdmin } from './admin.port';
import type { CitationReads, CitationWrites } from './citation.port';
import type { ClaimReads, ClaimWrites } from './claim.port';
import type { EvidenceReads, EvidenceWrites } from './evidence.port';
import type { GraphWalks } from './graph.port';
import type { ReportReads } from './report.port';
import type { ReviewWrites } from './review.port';
import type { RevisionLog } from './revision.port';
import type { SearchIndex } from './search.port';
import type { SourceReads, SourceWrites } from './source.port';
import type { StudyReads, StudyWrites } from './study.port';
import type { TokenStore } from './token.port';
import type { VocabularyReads, VocabularyWrites } from './vocabulary.port';

export * from './records';
export type { StoreAdmin } from './admin.port';
export type { CitationReads, CitationStore, CitationWrites, NoticeEffect } from './citation.port';
export type { ClaimReads, ClaimStore, ClaimText, ClaimWrites } from './claim.port';
export type { EvidenceLinkStore, EvidenceReads, EvidenceWrites } from './evidence.port';
export type { GraphWalks } from './graph.port';
export type {
  ConditionEvidenceOptions,
  ConditionEvidenceRecords,
  ReportReads,
} from './report.port';
export type { BatchReviewWrite, ReviewStatusChange, ReviewWrites } from './review.port';
export type { RevisionLog } from './revision.port';
export type { SearchIndex } from './search.port';
export type { SourceReads, SourceStore, SourceWrites } from './source.port';
export type { StudyReads, StudyStore, StudyWrites } from './study.port';
export type { TokenStore } from './token.port';
export type { VocabularyReads, VocabularyStore, VocabularyWrites } from './vocabulary.port';

/**
 * Everything a request may read about the knowledge base: what a read scope (today's store, or a
 * snapshot as of an instant) offers to loaders and services.
 */
export type KnowledgeReads = SourceReads &
  ClaimReads &
  VocabularyReads &
  StudyReads &
  EvidenceReads &
  CitationReads &
  GraphWalks &
  SearchIndex &
  RevisionLog &
  ReportReads;

/** The whole store: every role. Built by the store factory; seen only by factory, copy and admin code. */
export type EvidenceStore = KnowledgeReads &
  SourceWrites &
  ClaimWrites &
  VocabularyWrites &
  StudyWrites &
  EvidenceWrites &
  CitationWrites &
  ReviewWrites &
  TokenStore &
  StoreAdmin;

// Injection tokens: the full store, and one per role (all resolve to the same store object).
export const EVIDENCE_STORE = Symbol('EvidenceStore');
export const SOURCE_STORE = Symbol('SourceStore');
export const CLAIM_STORE = Symbol('ClaimStore');
export const VOCABULARY_STORE = Symbol('VocabularyStore');
export const STUDY_STORE = Symbol('StudyStore');
export const EVIDENCE_LINK_STORE = Symbol('EvidenceLinkStore');
export const CITATION_STORE = Symbol('CitationStore');
export const REVIEW_STORE = Symbol('ReviewStore');
export const GRAPH_WALKS = Symbol('GraphWalks');
export const SEARCH_INDEX = Symbol('SearchIndex');
export const REVISION_LOG = Symbol('RevisionLog');
export const TOKEN_STORE = Symbol('TokenStore');
export const STORE_ADMIN = Symbol('StoreAdmin');
/** The knowledge as it is now: the default read scope's store. */
export const KNOWLEDGE_READS = Symbol('KnowledgeReads');
/** Builds a read-only store holding a bundle (asOf snapshots): `SnapshotStoreFactory`. */
export const SNAPSHOT_STORE_FACTORY = Symbol('SnapshotStoreFactory');

export const ROLE_TOKENS = [
  SOURCE_STORE,
  CLAIM_STORE,
  VOCABULARY_STORE,
  STUDY_STORE,
  EVIDENCE_LINK_STORE,
  CITATION_STORE,
  REVIEW_STORE,
  GRAPH_WALKS,
  SEARCH_INDEX,
  REVISION_LOG,
  TOKEN_STORE,
  STORE_ADMIN,
  KNOWLEDGE_READS,
] as const;

/** Builds an in-memory store holding the given records and revisions (an asOf snapshot). */
export type SnapshotStoreFactory = (
  bundle: import('./records').GraphBundle,
  revisions: readonly import('./records').RevisionRecord[],
) => Promise<KnowledgeReads & { close(): Promise<void> }>;
