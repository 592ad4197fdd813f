/**
 * Trust in the record (issue 9, items 7 and 8), over HTTP on both stores: gaps and notices go
 * through review like claims, a gap recorded by mistake is withdrawn, an identical open gap is
 * refused, an accepted notice can be withdrawn by an admin, and markNotice is compare-and-set on
 * the study's version.
 */
import { anonymous, bearer, startServer, storeKinds, TestServer } from '../support/server';

const CLAIM = 'claim-fibromyalgia-repeat-infusions';

const GAPS = `query($p: Boolean) {
  evidenceReport(condition: "fibromyalgia", includePending: $p) {
    summary { openGapCount }
    gaps { id }
    claims { claim { id } pending gaps { id status reviewStatus } }
  }
}`;
const RECORD_GAP = `mutation($input: RecordGapInput!) { recordGap(input: $input) { id status reviewStatus version } }`;
const REVIEW = `mutation($input: ReviewChangeInput!) {
  reviewChange(input: $input) {
    __typename
    ... on EvidenceGap { id reviewStatus version }
    ... on Notice { id reviewStatus version study { retracted } }
  }
}`;
const HISTORY = `query($id: ID!) { history(id: $id) { edges { node { id action actor reason revertOf } } } }`;
const REVERT = `mutation($input: RevertInput!) { revert(input: $input) { id revertOf changes { field before after } } }`;

describe.each(storeKinds())('on the %s store', (store) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ store, seed: true });
  });

  afterAll(async () => {
    await server.close();
  });

  async function ok(query: string, variables?: Record<string, unknown>, headers?: object) {
    const res = await server.gql(query, variables, headers as Record<string, string>);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  async function refused(query: string, variables?: Record<string, unknown>, headers?: object) {
    const res = await server.gql(query, variables, headers as Record<string, string>);
    expect(res.errors?.length).toBe(1);
    return res.errors![0];
  }

  const admin = () => bearer(server.tokens.admin);
  const report = async (pending = false) =>
    (await ok(GAPS, { p: pending }, anonymous())).evidenceReport;
  const claimGaps = (r: any) => r.claims.find((c: any) => c.claim.id === CLAIM).gaps;

  describe('notices (item 7)', () => {
    const STUDY = 'study-sigtermans-2009';
    const MARK = `mutation($input: MarkNoticeInput!) {
      markNotice(input: $input) { id version retracted notices(includePending: true) { id kind reviewStatus } }
    }`;
    const WITHDRAW = `mutation($input: WithdrawNoticeInput!) { withdrawNotice(input: $input) { id retracted version notices { id } } }`;
    const COUNTS = `query($at: DateTime) {
      evidenceReport(condition: "CRPS", asOf: $at) {
        claims { claim { id } supporting { study { id } counts } }
      }
    }`;
    const counts = async (at?: string) =>
      (await ok(COUNTS, { at }, anonymous())).evidenceReport.claims
        .find((c: any) => c.claim.id === 'claim-crps-pain-relief')
        .supporting.find((l: any) => l.study.id === STUDY).counts as boolean;
    const study = async () =>
      (
        await ok(
          `{ study(id: "${STUDY}") { version retracted notices { id } pending: notices(includePending: true) { id reviewStatus } } }`,
        )
      ).study;

    it("an editor's retraction waits for someone else's review, takes the study's version, and an admin can withdraw it with a reason", async () => {
      const start = await study();
      expect(start.retracted).toBe(false);
      expect(await counts()).toBe(true);
      const retraction = {
        studyId: STUDY,
        kind: 'RETRACTION',
        date: '2026-11-02',
        note: 'Test retraction',
      };

      // A stale study version: CONFLICT with the current one, nothing stored.
      let before = await server.probe.snapshot();
      const stale = await refused(MARK, {
        input: { ...retraction, expectedVersion: start.version + 1 },
      });
      expect(stale.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.expectedVersion',
        currentVersion: start.version,
      });
      expect(await server.probe.snapshot()).toEqual(before);

      // Recorded, but nothing changes for anyone until it is reviewed.
      const marked = (await ok(MARK, { input: { ...retraction, expectedVersion: start.version } }))
        .markNotice;
      expect(marked).toMatchObject({ retracted: false, version: start.version });
      const notice = marked.notices.find((n: any) => n.kind === 'RETRACTION');
      expect(notice.reviewStatus).toBe('SUBMITTED');
      expect(await counts()).toBe(true);
      expect((await study()).notices).toEqual([]);
      // A second retraction while one waits: CONFLICT naming it.
      const second = await refused(MARK, {
        input: { ...retraction, expectedVersion: start.version },
      });
      expect(second.extensions).toMatchObject({ code: 'CONFLICT', existingId: notice.id });

      // Nobody reviews their own notice; it is in the queue; an admin accepts it.
      expect(
        (
          await refused(REVIEW, {
            input: { id: notice.id, expectedVersion: 1, decision: 'ACCEPT' },
          })
        ).extensions?.code,
      ).toBe('FORBIDDEN');
      const queue = await ok(
        `{ reviewQueue(first: 100) { edges { node { __typename ... on Notice { id study { id } } } } } }`,
      );
      expect(queue.reviewQueue.edges.map((e: any) => e.node)).toContainEqual({
        __typename: 'Notice',
        id: notice.id,
        study: { id: STUDY },
      });
      const accepted = await ok(
        REVIEW,
        { input: { id: notice.id, expectedVersion: 1, decision: 'ACCEPT' } },
        admin(),
      );
      expect(accepted.reviewChange).toEqual({
        __typename: 'Notice',
        id: notice.id,
        reviewStatus: 'ACCEPTED',
        version: 2,
        study: { retracted: true },
      });
      expect(await counts()).toBe(false);
      const retractedAt = new Date().toISOString();
      const retracted = await study();
      expect(retracted).toMatchObject({ retracted: true, version: start.version + 1 });
      expect(retracted.notices).toEqual([{ id: notice.id }]);

      // Only an admin withdraws, with a reason, on the notice's version.
      const input = {
        id: notice.id,
        expectedVersion: 2,
        reason: 'Retraction notice was for another paper',
      };
      before = await server.probe.snapshot();
      expect((await refused(WITHDRAW, { input })).extensions?.code).toBe('FORBIDDEN');
      expect(
        (await refused(WITHDRAW, { input: { ...input, reason: ' \u200B ' } }, admin())).extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      expect(
        (await refused(WITHDRAW, { input: { ...input, expectedVersion: 1 } }, admin())).extensions,
      ).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      expect(await server.probe.snapshot()).toEqual(before);

      const withdrawn = (await ok(WITHDRAW, { input }, admin())).withdrawNotice;
      expect(withdrawn).toEqual({
        id: STUDY,
        retracted: false,
        version: start.version + 2,
        notices: [],
      });
      expect(await counts()).toBe(true);
      // Out of every list (pending ones too); the history keeps it.
      expect((await study()).pending).toEqual([]);
      const history = (await ok(HISTORY, { id: notice.id })).history.edges.map((e: any) => e.node);
      expect(history.map((r: any) => [r.action, r.actor, r.reason])).toEqual([
        ['CREATE', 'editor', null],
        ['UPDATE', 'admin', null],
        ['UPDATE', 'admin', input.reason],
      ]);
      // The past is still there: as of the acceptance, the study was retracted.
      expect(await counts(retractedAt)).toBe(false);
      // A withdrawn notice is not withdrawn twice.
      expect(
        (await refused(WITHDRAW, { input: { ...input, expectedVersion: 3 } }, admin())).extensions
          ?.code,
      ).toBe('CONFLICT');
    });
  });

  describe('gaps (item 8)', () => {
    it('a new gap waits for review, a second identical open gap is CONFLICT naming it, and a revert of its creation withdraws it', async () => {
      const base = await report();
      const description = 'No trial of repeated infusions follows patients past 12 weeks';
      const gap = (
        await ok(RECORD_GAP, {
          input: { claimId: CLAIM, kind: 'NO_STUDY', description, neededDesign: 'RCT' },
        })
      ).recordGap;
      expect(gap).toMatchObject({ status: 'OPEN', reviewStatus: 'SUBMITTED', version: 1 });

      // Not counted until someone else accepts it; shown, pending, when asked.
      expect((await report()).summary.openGapCount).toBe(base.summary.openGapCount);
      expect(claimGaps(await report()).map((g: any) => g.id)).not.toContain(gap.id);
      const pending = await report(true);
      expect(pending.gaps.map((g: any) => g.id)).toContain(gap.id);
      expect(pending.claims.find((c: any) => c.claim.id === CLAIM).pending).toBe(true);

      // The same gap again, however spaced and cased: refused, the first one named, nothing stored.
      const before = await server.probe.snapshot();
      const twice = await refused(RECORD_GAP, {
        input: { claimId: CLAIM, kind: 'NO_STUDY', description: `  ${description.toUpperCase()} ` },
      });
      expect(twice.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.description',
        existingId: gap.id,
      });
      expect(await server.probe.snapshot()).toEqual(before);

      // Nobody reviews their own gap; an admin does.
      const own = await refused(REVIEW, {
        input: { id: gap.id, expectedVersion: 1, decision: 'ACCEPT' },
      });
      expect(own.extensions?.code).toBe('FORBIDDEN');
      const queue = await ok(
        `{ reviewQueue(first: 100) { edges { node { __typename ... on EvidenceGap { id } } } } }`,
      );
      expect(queue.reviewQueue.edges.map((e: any) => e.node)).toContainEqual({
        __typename: 'EvidenceGap',
        id: gap.id,
      });
      const accepted = await ok(
        REVIEW,
        { input: { id: gap.id, expectedVersion: 1, decision: 'ACCEPT' } },
        admin(),
      );
      expect(accepted.reviewChange).toEqual({
        __typename: 'EvidenceGap',
        id: gap.id,
        reviewStatus: 'ACCEPTED',
        version: 2,
      });
      const counted = await report();
      expect(counted.summary.openGapCount).toBe(base.summary.openGapCount + 1);
      expect(counted.gaps.map((g: any) => g.id)).toContain(gap.id);

      // Recorded by mistake: reverting its creation withdraws it, out of every count.
      const [creation] = (await ok(HISTORY, { id: gap.id })).history.edges.map((e: any) => e.node);
      expect(creation).toMatchObject({ action: 'CREATE', actor: 'editor' });
      const undone = await ok(
        REVERT,
        { input: { revisionId: creation.id, reason: 'recorded on the wrong claim' } },
        bearer(server.tokens.editor2),
      );
      expect(undone.revert).toMatchObject({
        revertOf: creation.id,
        changes: [{ field: 'status', before: '"OPEN"', after: '"WITHDRAWN"' }],
      });
      const withdrawn = await report();
      expect(withdrawn.summary.openGapCount).toBe(base.summary.openGapCount);
      expect(withdrawn.gaps.map((g: any) => g.id)).not.toContain(gap.id);
      expect(claimGaps(withdrawn)).toContainEqual({
        id: gap.id,
        status: 'WITHDRAWN',
        reviewStatus: 'ACCEPTED',
      });
      // Withdrawn is not open: the same gap may be recorded again.
      const again = (
        await ok(RECORD_GAP, { input: { claimId: CLAIM, kind: 'NO_STUDY', description } })
      ).recordGap;
      expect(again.id).not.toBe(gap.id);
    });
  });
});
