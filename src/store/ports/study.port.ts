import type {
  Audit,
  Page,
  PageResult,
  StudyPatch,
  StudyQuery,
  StudyRecord,
  VersionedUpdate,
} from './records';

export interface StudyReads {
  getStudies(ids: readonly string[]): Promise<StudyRecord[]>;
  findStudyByDoi(doi: string): Promise<StudyRecord | null>;
  findStudyByPmid(pmid: string): Promise<StudyRecord | null>;
  listStudies(page: Page, query: StudyQuery): Promise<PageResult<StudyRecord>>;
  findStudiesByDois(dois: readonly string[]): Promise<StudyRecord[]>;
  findStudiesByPmids(pmids: readonly string[]): Promise<StudyRecord[]>;
  /** Studies published in any of these years (title + year deduplication). */
  studiesByYears(years: readonly number[]): Promise<StudyRecord[]>;
}

export interface StudyWrites {
  createStudy(record: StudyRecord, audit?: Audit): Promise<StudyRecord>;
  /** The risk-of-bias judgement, compare-and-set on the version read. */
  updateStudy: VersionedUpdate<StudyPatch, StudyRecord>;
}

export type StudyStore = StudyReads & StudyWrites;
