/** What counts as evidence (src/evidence/counting.ts) and the per-statement overclaim rule. */
import { statementOverclaims } from '../../src/evidence/assessment';
import {
  awaitsReview,
  counts,
  REVIEWED,
  reviewView,
  shown,
  WITH_PENDING,
} from '../../src/evidence/counting';
import { EvidenceGrade, Hedging, ReviewStatus } from '../../src/graphql.schema';
import * as f from '../support/fixtures';

describe('counts', () => {
  it.each([
    [ReviewStatus.ACCEPTED, false, true],
    [ReviewStatus.ACCEPTED, true, true],
    [ReviewStatus.SUBMITTED, false, false],
    [ReviewStatus.SUBMITTED, true, true],
    [ReviewStatus.REJECTED, false, false],
    [ReviewStatus.REJECTED, true, false],
  ])('review: %s with includePending=%s counts: %s', (status, includePending, expected) => {
    expect(counts({ review: { status, view: reviewView(includePending) } })).toBe(expected);
  });

  it('study: a link counts while its study is on record and not retracted', () => {
    expect(counts({ study: f.study() })).toBe(true);
    expect(counts({ study: f.study({ retraction: { date: '2024-01-01', note: null } }) })).toBe(
      false,
    );
    expect(counts({ study: null })).toBe(false);
    expect(counts({ study: undefined })).toBe(false);
  });

  it('both conditions must hold when both are asked', () => {
    const retracted = f.study({ retraction: { date: null, note: 'fraud' } });
    const accepted = { status: ReviewStatus.ACCEPTED, view: REVIEWED };
    const rejected = { status: ReviewStatus.REJECTED, view: WITH_PENDING };
    expect(counts({ review: accepted, study: f.study() })).toBe(true);
    expect(counts({ review: accepted, study: retracted })).toBe(false);
    expect(counts({ review: rejected, study: f.study() })).toBe(false);
  });

  it('shown is the review condition alone; awaitsReview means SUBMITTED', () => {
    const submitted = f.claim({ reviewStatus: ReviewStatus.SUBMITTED });
    expect(shown(submitted, REVIEWED)).toBe(false);
    expect(shown(submitted, WITH_PENDING)).toBe(true);
    expect(awaitsReview(submitted)).toBe(true);
    expect(awaitsReview(f.claim())).toBe(false);
  });
});

describe('statementOverclaims', () => {
  const low = (overclaimed: boolean) => async () => ({ overclaimed, grade: EvidenceGrade.LOW });

  it('an assertive statement overclaims when its claim is overclaimed on weak evidence', async () => {
    const assertive = { hedging: Hedging.ASSERTIVE };
    expect(await statementOverclaims(assertive, low(true))).toBe(true);
    expect(await statementOverclaims(assertive, low(false))).toBe(false);
    expect(await statementOverclaims(assertive, async () => null)).toBe(false);
  });

  it('a plain assertive statement does not overclaim a well-graded claim that another statement words absolutely', async () => {
    const plain = { hedging: Hedging.ASSERTIVE, quote: 'Ketamine relieves depression.' };
    const high = async () => ({ overclaimed: true, grade: EvidenceGrade.HIGH });
    expect(await statementOverclaims(plain, high)).toBe(false);
  });

  it('absolute wording overclaims whatever the grade, and the claim need not be assessed', async () => {
    const cured = {
      hedging: Hedging.ASSERTIVE,
      quote: 'Ketamine has cured patients of depression',
    };
    const assessed = jest.fn(async () => ({ overclaimed: false, grade: EvidenceGrade.HIGH }));
    expect(await statementOverclaims(cured, assessed)).toBe(true);
    expect(assessed).not.toHaveBeenCalled();
  });

  it('a hedged statement never overclaims, and its claim is not assessed', async () => {
    const assessed = jest.fn(async () => ({ overclaimed: true, grade: EvidenceGrade.LOW }));
    expect(await statementOverclaims({ hedging: Hedging.HEDGED }, assessed)).toBe(false);
    expect(assessed).not.toHaveBeenCalled();
  });
});
