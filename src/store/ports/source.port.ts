import type {
  Audit,
  CurationBatch,
  CurationGuards,
  DuplicateOf,
  SourceRecord,
  StatementRecord,
} from './records';

/** Sources (the clinic pages) and the statements anchored in them. */
export interface SourceReads {
  getSources(ids: readonly string[]): Promise<SourceRecord[]>;
  listSources(): Promise<SourceRecord[]>;
  getStatements(ids: readonly string[]): Promise<StatementRecord[]>;
  statementsBySources(sourceIds: readonly string[]): Promise<StatementRecord[]>;
  statementsByClaims(claimIds: readonly string[]): Promise<StatementRecord[]>;
}

export interface SourceWrites {
  createSource(record: SourceRecord, audit?: Audit): Promise<SourceRecord>;
  /** With `duplicateOf`: refused (UniqueViolationError on `quote`) when it names one of the claim's statements. */
  createStatement(
    record: StatementRecord,
    audit?: Audit,
    duplicateOf?: DuplicateOf<StatementRecord>,
  ): Promise<StatementRecord>;
  /**
   * A source's curation in one transaction: claims, statements, evidence links, gaps and `audit`
   * (their revisions), all or none. A duplicate (by `guards`) is a UniqueViolationError naming the
   * stored record; a missing reference a MissingReferenceError; a taken id or study-claim pair a
   * UniqueViolationError.
   */
  createCuration(batch: CurationBatch, audit?: Audit, guards?: CurationGuards): Promise<void>;
}

export type SourceStore = SourceReads & SourceWrites;
