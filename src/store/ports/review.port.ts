import type { Audit, ReviewedKind, ReviewedRecord, VersionedWrite } from './records';
import type { ReviewStatus } from '../../graphql.schema';

/** The review workflow's one write; what waits for review is read through the other roles. */
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
}
