import type {
  Audit,
  CitationRecord,
  NoticeRecord,
  RetractionRecord,
  StudyRecord,
  VersionedWrite,
} from './records';
import type { ReviewStatus } from '../../graphql.schema';

/** The citation network between studies, and notices (retractions, corrections) on studies. */
export interface CitationReads {
  /** Citations where the given studies cite (direction 'cites') or are cited ('citedBy'). */
  citationsOf(
    studyIds: readonly string[],
    direction: 'cites' | 'citedBy',
  ): Promise<CitationRecord[]>;
  /** Studies citing the given one, transitively up to maxHops, nearest first: {id, hops} by hops, id. */
  citingStudies(studyId: string, maxHops: number): Promise<Array<{ id: string; hops: number }>>;
  noticesByStudies(studyIds: readonly string[]): Promise<NoticeRecord[]>;
  getNotices(ids: readonly string[]): Promise<NoticeRecord[]>;
  /** Every notice, oldest first (createdAt, id): notices are few. */
  listNotices(): Promise<NoticeRecord[]>;
}

/** What a notice's new review status does to its study (the domain decides). */
export interface NoticeEffect {
  /** The study's retraction from now on: set (a retraction accepted) or null (withdrawn). */
  retraction: RetractionRecord | null;
}

export interface CitationWrites {
  /**
   * Records a notice while its study is at `expectedStudyVersion` (compare-and-set on the study;
   * the study itself is not changed: a notice takes effect when it is accepted).
   */
  addNotice(
    notice: NoticeRecord,
    expectedStudyVersion: number,
    audit?: Audit,
  ): Promise<VersionedWrite<StudyRecord>>;
  /**
   * Sets a notice's review status, compare-and-set on the notice's version; with `effect`, also
   * sets or clears its study's retraction (study version + 1), in the same transaction.
   */
  setNoticeStatus(
    id: string,
    expectedVersion: number,
    status: ReviewStatus,
    at: string,
    effect?: NoticeEffect | null,
    audit?: Audit,
  ): Promise<VersionedWrite<NoticeRecord>>;
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
}

export type CitationStore = CitationReads & CitationWrites;
