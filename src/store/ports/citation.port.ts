import type { Audit, CitationRecord, NoticeRecord, RetractionRecord, StudyRecord } from './records';

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
}

export interface CitationWrites {
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
}

export type CitationStore = CitationReads & CitationWrites;
