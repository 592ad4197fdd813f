/**
 * What counts as evidence, decided here once: reports, assessments, claim filters and the
 * EvidenceLink.counts field all ask `counts` (or `shown`, its review half); the review queue and
 * a report's `pending` flag ask `awaitsReview`.
 */
import { EvidenceRelation, ReviewStatus } from '../graphql.schema';
import { StudyRecord } from '../store/ports';

/** Which review statuses a reader counts. */
export interface ReviewView {
  /** SUBMITTED (not yet reviewed) items count too; REJECTED ones never do. */
  includePending: boolean;
}

/** What clinicians see by default: reviewed (ACCEPTED) items only. */
export const REVIEWED: ReviewView = { includePending: false };
/** Reviewed items and those awaiting review. */
export const WITH_PENDING: ReviewView = { includePending: true };

export function reviewView(includePending: boolean | null | undefined): ReviewView {
  return includePending ? WITH_PENDING : REVIEWED;
}

/**
 * Whether something counts. Two conditions, each checked when given:
 * - review: a claim, statement or evidence link counts when ACCEPTED, or when SUBMITTED and the
 *   view includes pending work; a REJECTED one never counts (and is never shown);
 * - study: an evidence link counts only while its study is on record and not retracted. A
 *   retracted study's link stays shown, flagged, and is never counted.
 * A question about one condition gives only that one: `{ review }` for a claim or a statement
 * (they have no study) and for which links a view shows (retracted ones included); `{ study }`
 * for a link a view already shows (grading, and EvidenceLink.counts, which the schema defines by
 * the study alone).
 */
export function counts(question: {
  review?: { status: ReviewStatus; view: ReviewView };
  study?: StudyRecord | null;
}): boolean {
  const { review } = question;
  if (review) {
    const { status, view } = review;
    if (
      status !== ReviewStatus.ACCEPTED &&
      !(view.includePending && status === ReviewStatus.SUBMITTED)
    )
      return false;
  }
  if ('study' in question) {
    const study = question.study;
    if (!study || (study.retraction !== null && study.retraction !== undefined)) return false;
  }
  return true;
}

/**
 * The EvidenceLink.counts field: whether the link weighs in the claim's assessment. A mention
 * never does (it bears on the claim only indirectly); a support or contradiction does while its
 * study counts.
 */
export function linkCounts(
  link: { relation: EvidenceRelation },
  study: StudyRecord | null | undefined,
): boolean {
  return link.relation !== EvidenceRelation.MENTIONS && counts({ study });
}

/** Waiting for a reviewer's decision (the review queue; a report's `pending` flag). */
export function awaitsReview(item: { reviewStatus: ReviewStatus }): boolean {
  return item.reviewStatus === ReviewStatus.SUBMITTED;
}

/** Shorthand for the review condition alone: is this claim, statement or link shown in the view? */
export function shown(item: { reviewStatus: ReviewStatus }, view: ReviewView): boolean {
  return counts({ review: { status: item.reviewStatus, view } });
}
