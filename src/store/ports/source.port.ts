import type { Audit, SourceRecord, StatementRecord } from './records';

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
  createStatement(record: StatementRecord, audit?: Audit): Promise<StatementRecord>;
}

export type SourceStore = SourceReads & SourceWrites;
