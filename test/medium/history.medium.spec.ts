/**
 * The history at service level, on a real SQLite file: listing a record's revisions, field-level
 * changes, and reading as of an instant through a read scope, where a claim's history is the
 * history as it stood then.
 */
import { AuthService } from '../../src/auth/auth.service';
import { ClaimsService } from '../../src/claims/claims.service';
import { nowIso } from '../../src/common/ids';
import { ReportResolver } from '../../src/evidence/report.resolver';
import { GraphQLResolveInfo } from 'graphql';
import { contextForField, requestContext } from '../../src/graphql/request-context';
import { ClaimKind, ReviewDecision, ReviewStatus } from '../../src/graphql.schema';
import { ClaimHistoryResolver, HistoryResolver } from '../../src/history/history.resolver';
import { HistoryService } from '../../src/history/history.service';
import { SNAPSHOT_CACHE, SnapshotService } from '../../src/history/snapshot.service';
import { ReviewService } from '../../src/review/review.service';
import { ClaimRecord, TokenRole } from '../../src/store/ports';
import * as f from '../support/fixtures';
import { as, editor, MediumApp, mediumApp, seed, tick } from './medium-app';

describe('history (medium: services over a temp SQLite file)', () => {
  let app: MediumApp;
  let history: HistoryService;
  let snapshots: SnapshotService;
  let claim: ClaimRecord;
  /** After the claim was written and accepted, before it was edited. */
  let accepted: string;

  beforeEach(async () => {
    app = await mediumApp({ REVIEWER_ROLE: 'EDITOR' });
    history = app.get(HistoryService);
    snapshots = app.get(SnapshotService);
    const claims = app.get(ClaimsService);
    await seed(app.store, { conditions: [f.condition({ id: 'fibro', name: 'Fibromyalgia' })] });
    claim = await claims.create(
      { text: 'Ketamine helps fibromyalgia', kind: ClaimKind.EFFICACY, conditionIds: ['fibro'] },
      as('alice'),
      app.scope(),
    );
    await app
      .get(ReviewService)
      .review(
        { id: claim.id, expectedVersion: 1, decision: ReviewDecision.ACCEPT },
        editor('bob'),
        app.scope(),
      );
    await tick();
    accepted = nowIso();
    await tick();
    await claims.update(
      { id: claim.id, expectedVersion: 2, text: 'Ketamine cures fibromyalgia', reason: 'stronger' },
      as('carol', 'stronger'),
      app.scope(),
    );
  });

  afterEach(() => app.close());

  describe('listing', () => {
    it('lists a record’s revisions oldest first, a page at a time', async () => {
      const first = await history.history(claim.id, { first: 2 }, app.scope(), null);
      expect(first.totalCount).toBe(3);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.edges.map((e) => [e.node.action, e.node.actor])).toEqual([
        ['CREATE', 'alice'],
        ['UPDATE', 'bob'],
      ]);
      const rest = await history.history(
        claim.id,
        { first: 2, after: first.pageInfo.endCursor },
        app.scope(),
        null,
      );
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect(rest.edges.map((e) => [e.node.action, e.node.actor, e.node.reason])).toEqual([
        ['UPDATE', 'carol', 'stronger'],
      ]);
      expect(await history.revision(rest.edges[0].node.id, app.scope(), null)).toEqual(
        rest.edges[0].node,
      );
    });

    it('shows each change as the fields it changed, bookkeeping aside, values as JSON', async () => {
      const [created, review, edit] = (
        await history.history(claim.id, { first: 10 }, app.scope(), null)
      ).edges;
      const changes = app.get(HistoryResolver).changes.bind(app.get(HistoryResolver));
      expect(changes(review.node)).toEqual([
        { field: 'reviewStatus', before: '"SUBMITTED"', after: '"ACCEPTED"' },
      ]);
      // Editing an accepted claim sends it back to review: both fields changed.
      expect(changes(edit.node)).toEqual([
        { field: 'reviewStatus', before: '"ACCEPTED"', after: '"SUBMITTED"' },
        {
          field: 'text',
          before: '"Ketamine helps fibromyalgia"',
          after: '"Ketamine cures fibromyalgia"',
        },
      ]);
      // A creation lists every field, from nothing.
      expect(changes(created.node)).toContainEqual({
        field: 'conditionIds',
        before: null,
        after: '["fibro"]',
      });
      expect(changes(created.node).map((c) => c.field)).not.toContain('version');
    });
  });

  describe('token revisions', () => {
    it('are shown to admins only: to anyone else a token has no history', async () => {
      const auth = new AuthService(app.store);
      const { token } = await auth.createToken('ci-bot', 'EDITOR', as('root'));
      await auth.revokeToken(token.id, as('root'));
      const viewer = (role: TokenRole) => ({ tokenId: 'tok-viewer', name: 'viewer', role });

      const forAdmin = await history.history(token.id, { first: 10 }, app.scope(), viewer('ADMIN'));
      expect(forAdmin.edges.map((e) => e.node.action)).toEqual(['CREATE', 'UPDATE']);
      const revisionId = forAdmin.edges[0].node.id;
      expect(await history.revision(revisionId, app.scope(), viewer('ADMIN'))).not.toBeNull();

      for (const v of [null, viewer('READER'), viewer('EDITOR')]) {
        expect((await history.history(token.id, { first: 10 }, app.scope(), v)).totalCount).toBe(0);
        expect(await history.revision(revisionId, app.scope(), v)).toBeNull();
      }
    });
  });

  describe('as of an instant', () => {
    it('a report asOf reads the snapshot, and a claim’s history in it is the history as it stood', async () => {
      const ctx = requestContext(app.store);
      // The report as the root field `evidenceReport` of a request.
      const info = {
        path: { key: 'evidenceReport', prev: undefined },
        fieldNodes: [],
        fragments: {},
      } as unknown as GraphQLResolveInfo;
      const report = await app
        .get(ReportResolver)
        .evidenceReport('Fibromyalgia', null, undefined, null, accepted, ctx, info);

      // The report's fields now read the snapshot: the claim as it was, accepted, before the edit.
      const scope = contextForField(ctx, info).scope;
      expect(scope.asOf).toBe(accepted);
      expect(ctx.scope.asOf).toBeNull();
      expect(report.asOf).toBe(accepted);
      expect(report.claims.map((c) => [c.claim.text, c.reviewStatus])).toEqual([
        ['Ketamine helps fibromyalgia', ReviewStatus.ACCEPTED],
      ]);
      const then = await app
        .get(ClaimHistoryResolver)
        .historyOf(report.claims[0].claim, { first: 20 }, scope);
      expect(then.edges.map((e) => [e.node.action, e.node.actor])).toEqual([
        ['CREATE', 'alice'],
        ['UPDATE', 'bob'],
      ]);

      // Today the claim is back in review: not in the report, and its history has the edit.
      const today = await app
        .get(ReportResolver)
        .evidenceReport(
          'Fibromyalgia',
          null,
          undefined,
          null,
          null,
          requestContext(app.store),
          info,
        );
      expect(today.claims).toEqual([]);
      expect((await history.history(claim.id, { first: 20 }, app.scope(), null)).totalCount).toBe(
        3,
      );
      for (const scope of ctx.entered ?? []) scope.release();
    });

    it('before anything was written there is nothing, history included', async () => {
      const scope = await snapshots.scopeAsOf('2000-01-01T00:00:00.000Z');
      try {
        expect(await scope.loaders.claim.load(claim.id)).toBeNull();
        expect((await history.history(claim.id, { first: 20 }, scope, null)).totalCount).toBe(0);
      } finally {
        scope.release();
      }
    });

    it('caches snapshots by instant, and closes one leaving the cache once its last reader is done', async () => {
      const held = await snapshots.scopeAsOf(accepted);
      const again = await snapshots.scopeAsOf(accepted);
      expect(again.store).toBe(held.store);
      again.release();

      // More instants than the cache keeps push the first one out; its reader still reads.
      const base = Date.parse(accepted);
      for (let i = 1; i <= SNAPSHOT_CACHE; i++)
        (await snapshots.scopeAsOf(new Date(base - i).toISOString())).release();
      expect((await held.loaders.claim.load(claim.id))?.version).toBe(2);

      held.release();
      await new Promise((resolve) => setImmediate(resolve));
      await expect(held.store.getClaims([claim.id])).rejects.toThrow();
    });

    it('closes every snapshot when the module stops', async () => {
      const held = await snapshots.scopeAsOf(accepted);
      await app.module.close();
      await expect(held.store.getClaims([claim.id])).rejects.toThrow();
    });
  });
});
