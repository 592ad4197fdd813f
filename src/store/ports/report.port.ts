import type {
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  SourceRecord,
  StatementRecord,
  StudyRecord,
} from './records';

/**
 * Everything a report about one condition reads, fetched at once. Each list is what the single
 * reads named beside it would return for the same keys, in the same order, so a read scope can
 * answer those reads from it (src/read-scope/loaders.ts primes them).
 */
export interface ConditionEvidenceRecords {
  /** narrowerConditions([root], maxDepth): ordered by (depth, id). */
  narrower: Array<{ id: string; depth: number }>;
  /** getConditions of the root and every narrower condition. */
  conditions: ConditionRecord[];
  /**
   * narrowerPairs of the root and every narrower condition above maxDepth (those whose narrower
   * conditions are all within reach); none when maxDepth < 1.
   */
  narrowerPairs: Array<[string, string]>;
  /** Claims about the root or a narrower condition (findClaimIds + getClaims), ordered by id. */
  claims: ClaimRecord[];
  /** evidenceByClaims of those claims. */
  links: EvidenceLinkRecord[];
  /** getStudies of those links' studies. */
  studies: StudyRecord[];
  /** statementsByClaims of those claims. */
  statements: StatementRecord[];
  /** gapsByClaims of those claims. */
  gaps: GapRecord[];
  /** getSources of those statements' sources, when asked for (`withSources`); else none. */
  sources: SourceRecord[];
}

/** What a report's read brings beyond its own records: what the request's selection will need. */
export interface ConditionEvidenceOptions {
  /** The statements' sources (whole records, page text included: only when a field asks). */
  withSources?: boolean;
}

/** Reads shaped by what a report needs, so that a remote store answers one in one round trip. */
export interface ReportReads {
  /**
   * A condition, the conditions narrower than it down to maxDepth (0: none), the claims about any
   * of them and those claims' evidence links, studies, statements and gaps; null when no condition
   * has the id. One read (one transaction on Neo4j); bounded by maxDepth and by what the claims hold.
   */
  conditionEvidence(
    rootId: string,
    maxDepth: number,
    options?: ConditionEvidenceOptions,
  ): Promise<ConditionEvidenceRecords | null>;
}
