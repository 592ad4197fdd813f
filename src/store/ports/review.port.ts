import type { Audit, ReviewedKind, ReviewedRecord, VersionedWrite } from './records';
import type { ReviewStatus } from '../../graphql.schema';

/** One item of a bulk review: the record at the version that was read, and its new status. */
export interface ReviewStatusChange {
  kind: ReviewedKind;
  id: string;
  expectedVersion: number;
  status: ReviewStatus;
}

/** A bulk review's outcome: every record written, or the first change (by index) that was not. */
export type BatchReviewWrite =
  | { ok: true; records: ReviewedRecord[] }
  | { ok: false; index: number; reason: 'NOT_FOUND' }
  | { ok: false; index: number; reason: 'CONFLICT'; currentVersion: number };

/** The review workflow's writes; what waits for review is read through the other roles. */
export interface ReviewWrites {
  /** Sets the review status of a claim, statement, evidence link or gap; compare-and-set on version. */
  setReviewStatus(
    kind: ReviewedKind,
    id: string,
    expectedVersion: number,
    status: ReviewStatus,
    at: string,
    audit?: Audit,
  ): Promise<VersionedWrite<ReviewedRecord>>;

  /**
   * Sets many review statuses in one transaction, compare-and-set per change: any change whose
   * record is gone or at another version rolls back all of them. `audit` holds every revision.
   */
  setReviewStatuses(
    changes: ReviewStatusChange[],
    at: string,
    audit?: Audit,
  ): Promise<BatchReviewWrite>;
}
