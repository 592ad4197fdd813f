/**
 * What a notice's review status does to its study (issue 9, item 7): a RETRACTION retracts while
 * it is ACCEPTED, and only then; other notices never touch the study.
 */
import { noticeEffect } from '../../src/citations/notice-review';
import { DomainError, ErrorCode } from '../../src/common/domain-error';
import { NoticeKind, ReviewStatus } from '../../src/graphql.schema';
import { notice, study } from '../support/fixtures';

const retraction = (reviewStatus: ReviewStatus) =>
  notice({ kind: NoticeKind.RETRACTION, date: '2024-01-02', note: 'Fabricated', reviewStatus });

describe('noticeEffect', () => {
  it('retracts the study when a retraction is accepted', () => {
    expect(
      noticeEffect(retraction(ReviewStatus.SUBMITTED), study(), ReviewStatus.ACCEPTED),
    ).toEqual({ retraction: { date: '2024-01-02', note: 'Fabricated' } });
  });

  it('ends the retraction when an accepted one is withdrawn', () => {
    expect(
      noticeEffect(retraction(ReviewStatus.ACCEPTED), study(), ReviewStatus.WITHDRAWN),
    ).toEqual({ retraction: null });
  });

  it('changes nothing when a submitted retraction is rejected, or for other notices', () => {
    expect(
      noticeEffect(retraction(ReviewStatus.SUBMITTED), study(), ReviewStatus.REJECTED),
    ).toBeNull();
    for (const kind of [NoticeKind.CORRECTION, NoticeKind.EXPRESSION_OF_CONCERN])
      expect(
        noticeEffect(
          notice({ kind, reviewStatus: ReviewStatus.SUBMITTED }),
          study(),
          ReviewStatus.ACCEPTED,
        ),
      ).toBeNull();
  });

  it('refuses to accept a second retraction of a retracted study (CONFLICT)', () => {
    const retracted = study({ retraction: { date: '2023-05-06', note: null } });
    let error: unknown;
    try {
      noticeEffect(retraction(ReviewStatus.SUBMITTED), retracted, ReviewStatus.ACCEPTED);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.CONFLICT);
  });
});
