/**
 * The review workflow at service level, on a real SQLite file: who may review, what a decision
 * writes, stale versions, and what reports count before and after.
 */
import { ClaimsService } from '../../src/claims/claims.service';
import { ErrorCode } from '../../src/common/domain-error';
import { ReportService } from '../../src/evidence/report.service';
import { ClaimKind, ReviewDecision, ReviewStatus } from '../../src/graphql.schema';
import { ReviewService } from '../../src/review/review.service';
import { ClaimRecord } from '../../src/store/ports';
import * as f from '../support/fixtures';
import { admin, as, editor, MediumApp, mediumApp, refusal, seed } from './medium-app';

describe('review (medium: services over a temp SQLite file)', () => {
  let app: MediumApp;
  let claims: ClaimsService;
  let reviews: ReviewService;
  let reports: ReportService;
  let claim: ClaimRecord;

  beforeEach(async () => {
    app = await mediumApp({ REVIEWER_ROLE: 'EDITOR' });
    claims = app.get(ClaimsService);
    reviews = app.get(ReviewService);
    reports = app.get(ReportService);
    await seed(app.store, { conditions: [f.condition({ id: 'fibro', name: 'Fibromyalgia' })] });
    claim = await claims.create(
      { text: 'Ketamine helps fibromyalgia', kind: ClaimKind.EFFICACY, conditionIds: ['fibro'] },
      as('alice'),
      app.scope(),
    );
  });

  afterEach(() => app.close());

  const accept = (id: string, expectedVersion: number, reviewer = editor('bob')) =>
    reviews.review(
      { id, expectedVersion, decision: ReviewDecision.ACCEPT, reason: 'matches the study' },
      reviewer,
      app.scope(),
    );

  const reportIds = async (includePending = false) =>
    (
      await reports.evidenceReport('Fibromyalgia', true, null, app.scope(), { includePending })
    ).claims.map((c) => ({ id: c.claim.id, pending: c.pending }));

  it('a new claim waits for review: listed in the queue, shown only to readers asking for pending', async () => {
    expect(claim.reviewStatus).toBe(ReviewStatus.SUBMITTED);
    const queue = await reviews.queue({ first: 20 }, app.scope());
    expect(queue.edges.map((e) => e.node.id)).toEqual([claim.id]);
    expect(await reportIds()).toEqual([]);
    expect(await reportIds(true)).toEqual([{ id: claim.id, pending: true }]);
  });

  it('someone else accepts it: ACCEPTED at version 2, recorded with the reviewer and reason, out of the queue', async () => {
    const reviewed = await accept(claim.id, 1);
    expect(reviewed).toMatchObject({
      id: claim.id,
      reviewStatus: ReviewStatus.ACCEPTED,
      version: 2,
    });
    expect((await app.store.getClaims([claim.id]))[0]).toMatchObject({
      reviewStatus: ReviewStatus.ACCEPTED,
      version: 2,
    });
    const history = await app.store.revisionsOf(claim.id, undefined, 10);
    expect(history.map((r) => [r.action, r.actor, r.reason])).toEqual([
      ['CREATE', 'alice', null],
      ['UPDATE', 'bob', 'matches the study'],
    ]);
    expect(history[1].after).toMatchObject({ reviewStatus: 'ACCEPTED', version: 2 });
    expect((await reviews.queue({ first: 20 }, app.scope())).edges).toEqual([]);
    expect(await reportIds()).toEqual([{ id: claim.id, pending: false }]);
  });

  it('the author may not review their own claim, nor may anyone who changed it since', async () => {
    const own = await refusal(accept(claim.id, 1, editor('alice')));
    expect(own.code).toBe(ErrorCode.FORBIDDEN);
    expect(own.message).toMatch(/alice wrote or changed .*someone else must review it/);

    await claims.update(
      { id: claim.id, expectedVersion: 1, text: 'Ketamine helps fibromyalgia a little' },
      as('carol'),
      app.scope(),
    );
    expect((await refusal(accept(claim.id, 2, editor('carol')))).code).toBe(ErrorCode.FORBIDDEN);
    // Neither refusal wrote anything: still submitted, at the version carol's edit left.
    expect((await app.store.getClaims([claim.id]))[0]).toMatchObject({
      reviewStatus: ReviewStatus.SUBMITTED,
      version: 2,
    });
    expect(await accept(claim.id, 2, editor('bob'))).toMatchObject({ version: 3 });
  });

  it('a decision on a version someone has since changed is a CONFLICT naming the current version', async () => {
    await claims.update(
      { id: claim.id, expectedVersion: 1, kind: ClaimKind.MECHANISM },
      as('carol'),
      app.scope(),
    );
    const stale = await refusal(accept(claim.id, 1));
    expect(stale.code).toBe(ErrorCode.CONFLICT);
    expect(stale.details).toMatchObject({ field: 'input.expectedVersion', currentVersion: 2 });
    expect((await app.store.getClaims([claim.id]))[0].reviewStatus).toBe(ReviewStatus.SUBMITTED);
  });

  it('an item already decided is a CONFLICT; a rejection needs a reason and hides the claim', async () => {
    const noReason = await refusal(
      reviews.review(
        { id: claim.id, expectedVersion: 1, decision: ReviewDecision.REJECT },
        editor('bob'),
        app.scope(),
      ),
    );
    expect(noReason.details.field).toBe('input.reason');
    await reviews.review(
      { id: claim.id, expectedVersion: 1, decision: ReviewDecision.REJECT, reason: 'no source' },
      editor('bob'),
      app.scope(),
    );
    const again = await refusal(accept(claim.id, 2));
    expect(again.code).toBe(ErrorCode.CONFLICT);
    expect(again.message).toContain('already REJECTED');
    expect(await reportIds(true)).toEqual([]);
  });

  it('with REVIEWER_ROLE=ADMIN an editor may not review; an admin may', async () => {
    const strict = await mediumApp({ REVIEWER_ROLE: 'ADMIN' });
    try {
      await seed(strict.store, { claims: [f.claim({ reviewStatus: ReviewStatus.SUBMITTED })] });
      const service = strict.get(ReviewService);
      const input = { id: 'claim-a', expectedVersion: 1, decision: ReviewDecision.ACCEPT };
      expect((await refusal(service.review(input, editor('bob'), strict.scope()))).code).toBe(
        ErrorCode.FORBIDDEN,
      );
      expect(await service.review(input, admin('root'), strict.scope())).toMatchObject({
        reviewStatus: ReviewStatus.ACCEPTED,
      });
    } finally {
      await strict.close();
    }
  });

  it('an unknown id is NOT_FOUND', async () => {
    expect((await refusal(accept('no-such-claim', 1))).code).toBe(ErrorCode.NOT_FOUND);
  });
});
