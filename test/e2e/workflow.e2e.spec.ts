/**
 * The editorial workflow over HTTP, on both stores: tokens and roles, review before clinicians
 * see anything, history with revert and asOf, and no lost updates under concurrent editors.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { curationOfSource, SEEDS_DIR } from '../../src/seed/curation';
import { anonymous, bearer, startServer, storeKinds, TestServer } from '../support/server';

const REPORT = `query($c: String!, $p: Boolean, $at: DateTime) {
  evidenceReport(condition: $c, includePending: $p, asOf: $at) {
    asOf includesPending
    claims { claim { id text } reviewStatus pending status grade supporting { id reviewStatus } }
  }
}`;

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

  async function code(query: string, variables?: Record<string, unknown>, headers?: object) {
    const res = await server.gql(query, variables, headers as Record<string, string>);
    expect(res.errors?.length).toBeGreaterThan(0);
    return res.errors![0].extensions?.code as string;
  }

  const CREATE_CLAIM = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id version reviewStatus } }`;
  const newClaim = (text: string) => ({
    input: { text, kind: 'EFFICACY', conditionIds: ['fibromyalgia'] },
  });
  const reportIds = async (pending = false, at?: string) =>
    (
      await ok(REPORT, { c: 'fibromyalgia', p: pending, at }, anonymous())
    ).evidenceReport.claims.map((c: { claim: { id: string } }) => c.claim.id);

  describe('access control', () => {
    it('refuses an anonymous mutation (UNAUTHENTICATED) and a reader (FORBIDDEN); nothing is stored', async () => {
      const before = await server.probe.snapshot();
      expect(await code(CREATE_CLAIM, newClaim('Anonymous claim'), anonymous())).toBe(
        'UNAUTHENTICATED',
      );
      expect(await code(CREATE_CLAIM, newClaim('Reader claim'), bearer(server.tokens.reader))).toBe(
        'FORBIDDEN',
      );
      expect(
        await code(CREATE_CLAIM, newClaim('Bad token'), { authorization: 'Bearer ekb_nope' }),
      ).toBe('UNAUTHENTICATED');
      expect(
        await code(CREATE_CLAIM, newClaim('Not bearer'), { authorization: 'Basic eA==' }),
      ).toBe('UNAUTHENTICATED');
      expect(await server.probe.snapshot()).toEqual(before);
    });

    it('lets anyone read; a bad token is refused even for reads', async () => {
      expect((await ok(`{ me { authenticated name role } }`, {}, anonymous())).me).toEqual({
        authenticated: false,
        name: null,
        role: null,
      });
      expect((await ok(`{ me { name role } }`, {}, bearer(server.tokens.reader))).me).toEqual({
        name: 'reader',
        role: 'READER',
      });
      expect(await code(`{ me { name } }`, {}, { authorization: 'Bearer ekb_x' })).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('lets an admin issue, list and revoke tokens; a revoked token stops working at once', async () => {
      const CREATE = `mutation($input: CreateTokenInput!) { createToken(input: $input) { secret token { id name role createdBy revokedAt } } }`;
      expect(await code(CREATE, { input: { name: 'x', role: 'EDITOR' } })).toBe('FORBIDDEN');
      const issued = (
        await ok(CREATE, { input: { name: 'carol', role: 'EDITOR' } }, bearer(server.tokens.admin))
      ).createToken;
      expect(issued.secret).toMatch(/^ekb_[A-Za-z0-9_-]{43}$/);
      expect(issued.token).toMatchObject({ name: 'carol', role: 'EDITOR', createdBy: 'admin' });
      // Only the hash is stored.
      const stored = JSON.stringify(await server.probe.snapshot());
      expect(stored).not.toContain(issued.secret);
      const mine = await ok(`{ me { name role } }`, {}, bearer(issued.secret));
      expect(mine.me).toEqual({ name: 'carol', role: 'EDITOR' });
      const listed = (await ok(`{ tokens { id name } }`, {}, bearer(server.tokens.admin))).tokens;
      expect(listed.map((t: { name: string }) => t.name)).toContain('carol');
      expect(await code(`{ tokens { id } }`)).toBe('FORBIDDEN');
      const revoked = await ok(
        `mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { id revokedAt } }`,
        { input: { id: issued.token.id } },
        bearer(server.tokens.admin),
      );
      expect(revoked.revokeToken.revokedAt).not.toBeNull();
      expect(await code(`{ me { name } }`, {}, bearer(issued.secret))).toBe('UNAUTHENTICATED');
      const HISTORY = `query($id: ID!) { history(id: $id) { edges { node { action actor changes { field } } } } }`;
      const history = await ok(HISTORY, { id: issued.token.id }, bearer(server.tokens.admin));
      expect(history.history.edges.map((e: any) => [e.node.action, e.node.actor])).toEqual([
        ['CREATE', 'admin'],
        ['UPDATE', 'admin'],
      ]);
      expect(JSON.stringify(history)).not.toContain('hash');
      // Who was issued which role is for admins only: to an editor the token has no history.
      expect((await ok(HISTORY, { id: issued.token.id })).history.edges).toEqual([]);
    });
  });

  describe('review', () => {
    it('keeps a submitted claim and link out of the report until someone else accepts them', async () => {
      const t0 = new Date().toISOString();
      const claim = (await ok(CREATE_CLAIM, newClaim('Ketamine helps fibromyalgia for a week')))
        .createClaim;
      expect(claim.reviewStatus).toBe('SUBMITTED');
      const link = (
        await ok(
          `mutation($input: LinkEvidenceInput!) { linkEvidence(input: $input) { id version reviewStatus addedBy } }`,
          {
            input: {
              studyId: (await ok(`{ studies(first: 1) { edges { node { id } } } }`)).studies
                .edges[0].node.id,
              claimId: claim.id,
              relation: 'SUPPORTS',
            },
          },
        )
      ).linkEvidence;
      expect(link).toMatchObject({ reviewStatus: 'SUBMITTED', addedBy: 'editor' });

      expect(await reportIds()).not.toContain(claim.id);
      const pending = (await ok(REPORT, { c: 'fibromyalgia', p: true }, anonymous()))
        .evidenceReport;
      expect(pending.includesPending).toBe(true);
      const row = pending.claims.find((c: any) => c.claim.id === claim.id);
      expect(row).toMatchObject({ reviewStatus: 'SUBMITTED', pending: true });
      expect(row.supporting).toEqual([{ id: link.id, reviewStatus: 'SUBMITTED' }]);

      const REVIEW = `mutation($input: ReviewChangeInput!) { reviewChange(input: $input) { __typename ... on Claim { id reviewStatus version } ... on EvidenceLink { id reviewStatus version } } }`;
      const queue = await ok(
        `{ reviewQueue(first: 100) { totalCount edges { node { __typename ... on Claim { id } ... on EvidenceLink { id } } } } }`,
      );
      expect(queue.reviewQueue.edges.map((e: any) => e.node.id)).toEqual(
        expect.arrayContaining([claim.id, link.id]),
      );
      // Editors do not review by default (REVIEWER_ROLE=ADMIN); nobody reviews their own work.
      expect(
        await code(REVIEW, { input: { id: claim.id, expectedVersion: 1, decision: 'ACCEPT' } }),
      ).toBe('FORBIDDEN');
      const adminClaim = (
        await ok(CREATE_CLAIM, newClaim('Admin-written claim'), bearer(server.tokens.admin))
      ).createClaim;
      expect(
        await code(
          REVIEW,
          { input: { id: adminClaim.id, expectedVersion: 1, decision: 'ACCEPT' } },
          bearer(server.tokens.admin),
        ),
      ).toBe('FORBIDDEN');
      // A rejection needs a reason; a stale version is a conflict.
      expect(
        await code(
          REVIEW,
          { input: { id: claim.id, expectedVersion: 1, decision: 'REJECT' } },
          bearer(server.tokens.admin),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        await code(
          REVIEW,
          { input: { id: claim.id, expectedVersion: 7, decision: 'ACCEPT' } },
          bearer(server.tokens.admin),
        ),
      ).toBe('CONFLICT');

      const accepted = await ok(
        REVIEW,
        {
          input: {
            id: claim.id,
            expectedVersion: 1,
            decision: 'ACCEPT',
            reason: 'matches the study',
          },
        },
        bearer(server.tokens.admin),
      );
      expect(accepted.reviewChange).toEqual({
        __typename: 'Claim',
        id: claim.id,
        reviewStatus: 'ACCEPTED',
        version: 2,
      });
      const after = (await ok(REPORT, { c: 'fibromyalgia' }, anonymous())).evidenceReport;
      const shown = after.claims.find((c: any) => c.claim.id === claim.id);
      // The claim counts now, but its link is still unreviewed: no support yet.
      expect(shown).toMatchObject({ reviewStatus: 'ACCEPTED', pending: false, supporting: [] });
      await ok(
        REVIEW,
        { input: { id: link.id, expectedVersion: 1, decision: 'ACCEPT' } },
        bearer(server.tokens.admin),
      );
      const final = (await ok(REPORT, { c: 'fibromyalgia' }, anonymous())).evidenceReport;
      expect(final.claims.find((c: any) => c.claim.id === claim.id).supporting).toEqual([
        { id: link.id, reviewStatus: 'ACCEPTED' },
      ]);
      expect(
        await code(
          REVIEW,
          { input: { id: claim.id, expectedVersion: 2, decision: 'ACCEPT' } },
          bearer(server.tokens.admin),
        ),
      ).toBe('CONFLICT');

      // asOf: the report as it stood before any of this.
      const then = (await ok(REPORT, { c: 'fibromyalgia', at: t0 }, anonymous())).evidenceReport;
      expect(then.asOf).toBe(t0);
      expect(then.claims.map((c: any) => c.claim.id)).not.toContain(claim.id);
      expect(then.claims.map((c: any) => c.claim.id).sort()).toEqual(
        (await reportIds()).filter((id: string) => id !== claim.id).sort(),
      );
      // Before the seed there was nothing at all.
      expect(
        await code(REPORT, { c: 'fibromyalgia', at: '2020-01-01T00:00:00.000Z' }, anonymous()),
      ).toBe('NOT_FOUND');

      // Changing an accepted claim's words makes it a new proposition to review.
      const edited = await ok(
        `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { reviewStatus version } }`,
        {
          input: {
            id: claim.id,
            expectedVersion: 2,
            text: 'Ketamine helps fibromyalgia for a month',
          },
        },
      );
      expect(edited.updateClaim).toEqual({ reviewStatus: 'SUBMITTED', version: 3 });
      expect(await reportIds()).not.toContain(claim.id);
      expect(await reportIds(true)).toContain(claim.id);
    });
  });

  describe('bulk review', () => {
    const BULK = `mutation($input: ReviewChangesInput!) { reviewChanges(input: $input) {
      __typename
      ... on Claim { id reviewStatus version }
      ... on Statement { id reviewStatus version }
      ... on EvidenceLink { id reviewStatus version }
      ... on EvidenceGap { id reviewStatus version }
    } }`;

    /** A source with one statement of a new claim and a gap on it, all by the editor. */
    async function curatedSource(tag: string) {
      const text = `Ketamine ${tag} relieves nerve pain within hours, studies have shown.`;
      const source = (
        await ok(`mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }`, {
          input: { title: `Bulk ${tag}`, kind: 'CLINIC_MARKETING', text },
        })
      ).createSource;
      const claim = (await ok(CREATE_CLAIM, newClaim(`Ketamine ${tag} relieves nerve pain`)))
        .createClaim;
      const statement = (
        await ok(
          `mutation($input: AddStatementInput!) { addStatement(input: $input) { id version } }`,
          {
            input: {
              sourceId: source.id,
              claimId: claim.id,
              quote: `Ketamine ${tag} relieves nerve pain within hours`,
              hedging: 'ASSERTIVE',
            },
          },
        )
      ).addStatement;
      const gap = (
        await ok(`mutation($input: RecordGapInput!) { recordGap(input: $input) { id version } }`, {
          input: {
            claimId: claim.id,
            kind: 'UNCITED_ASSERTION',
            description: 'studies have shown, none named',
            statementId: statement.id,
          },
        })
      ).recordGap;
      return { source, claim, statement, gap };
    }

    /** Whether each item still waits for review, read back one by one. */
    async function statuses(ids: string[]) {
      const pending: boolean[] = [];
      for (const id of ids) {
        const read = await ok(
          `query($id: ID!) { node(id: $id) { ... on Claim { reviewStatus }
            ... on Statement { reviewStatus } ... on EvidenceGap { reviewStatus } } }`,
          { id },
        );
        pending.push(read.node.reviewStatus === 'SUBMITTED');
      }
      return pending;
    }

    it('accepts a list in one call; a stale item in the middle writes nothing and is named', async () => {
      const a = await curatedSource('bulk-list');
      const admin = bearer(server.tokens.admin);
      const items = [
        { id: a.statement.id, expectedVersion: a.statement.version },
        { id: a.claim.id, expectedVersion: 9 },
        { id: a.gap.id, expectedVersion: a.gap.version },
      ];
      const stale = await server.gql(BULK, { input: { items, decision: 'ACCEPT' } }, admin);
      expect(stale.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.items[1].expectedVersion',
        itemId: a.claim.id,
        currentVersion: 1,
      });
      // Read back: all three still wait for review, at their old versions.
      expect(await statuses([a.statement.id, a.claim.id, a.gap.id])).toEqual([true, true, true]);
      const rejectWithoutReason = await server.gql(
        BULK,
        { input: { items: items.slice(0, 1), decision: 'REJECT' } },
        admin,
      );
      expect(rejectWithoutReason.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.reason',
      });
      items[1].expectedVersion = 1;
      const done = await ok(BULK, { input: { items, decision: 'ACCEPT' } }, admin);
      expect(done.reviewChanges).toEqual([
        { __typename: 'Statement', id: a.statement.id, reviewStatus: 'ACCEPTED', version: 2 },
        { __typename: 'Claim', id: a.claim.id, reviewStatus: 'ACCEPTED', version: 2 },
        { __typename: 'EvidenceGap', id: a.gap.id, reviewStatus: 'ACCEPTED', version: 2 },
      ]);
      expect(await statuses([a.statement.id, a.claim.id, a.gap.id])).toEqual([false, false, false]);
      // Each item has a revision of its own, by the reviewer.
      for (const id of [a.statement.id, a.claim.id, a.gap.id]) {
        const history = await ok(
          `query($id: ID!) { history(id: $id) { edges { node { actor action } } } }`,
          { id },
        );
        // Oldest first: the editor's creation, then the admin's review.
        expect(history.history.edges.map((e: any) => e.node)).toEqual([
          { actor: 'editor', action: 'CREATE' },
          { actor: 'admin', action: 'UPDATE' },
        ]);
      }
    });

    it('accepts everything of a source; one item the reviewer wrote refuses the whole source', async () => {
      const a = await curatedSource('bulk-source');
      const admin = bearer(server.tokens.admin);
      // The admin adds a second gap on the same claim: the admin may not review it.
      const own = (
        await ok(
          `mutation($input: RecordGapInput!) { recordGap(input: $input) { id } }`,
          {
            input: {
              claimId: a.claim.id,
              kind: 'UNCITED_ASSERTION',
              description: 'admin gap',
              statementId: a.statement.id,
            },
          },
          admin,
        )
      ).recordGap;
      const refused = await server.gql(
        BULK,
        { input: { sourceId: a.source.id, decision: 'ACCEPT' } },
        admin,
      );
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: 'input.sourceId',
        itemId: own.id,
      });
      expect(refused.errors?.[0].message).toContain(own.id);
      const ids = [a.statement.id, a.claim.id, a.gap.id, own.id];
      expect(await statuses(ids)).toEqual([true, true, true, true]);
      // An editor is no reviewer here (REVIEWER_ROLE=ADMIN): refused, nothing written.
      expect(await code(BULK, { input: { sourceId: a.source.id, decision: 'ACCEPT' } })).toBe(
        'FORBIDDEN',
      );
      expect(await statuses(ids)).toEqual([true, true, true, true]);
      // By list, the same item is named by its index.
      const byList = await server.gql(
        BULK,
        { input: { items: [{ id: own.id, expectedVersion: 1 }], decision: 'ACCEPT' } },
        admin,
      );
      expect(byList.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: 'input.items[0].id',
        itemId: own.id,
      });

      // A source whose items are all the editor's: the admin rejects them all in one call.
      const b = await curatedSource('bulk-source-b');
      const rejected = await ok(
        BULK,
        { input: { sourceId: b.source.id, decision: 'REJECT', reason: 'not what the page says' } },
        admin,
      );
      expect(rejected.reviewChanges.map((r: any) => [r.__typename, r.id, r.reviewStatus])).toEqual([
        ['Statement', b.statement.id, 'REJECTED'],
        ['Claim', b.claim.id, 'REJECTED'],
        ['EvidenceGap', b.gap.id, 'REJECTED'],
      ]);
      expect(await statuses([b.statement.id, b.claim.id, b.gap.id])).toEqual([false, false, false]);
      // Nothing is left of that source to review.
      expect(
        (await ok(BULK, { input: { sourceId: b.source.id, decision: 'ACCEPT' } }, admin))
          .reviewChanges,
      ).toEqual([]);
    });

    it('curates seed source 002 in three calls: createSource, importCuration, reviewChanges by source', async () => {
      const text = readFileSync(join(SEEDS_DIR, 'sources', '002_f4edce3c25a8221b.txt'), 'utf8');
      const calls = { bulk: 0 };
      const call = async (q: string, v: Record<string, unknown>, h?: object) => {
        calls.bulk++;
        return ok(q, v, h);
      };
      const source = (
        await call(`mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }`, {
          input: { title: 'IV ketamine for fibromyalgia (again)', kind: 'CLINIC_MARKETING', text },
        })
      ).createSource;
      // The seed's curation of that page: its claims are stored already (named by id, as are
      // its seeded links and gaps: no-ops), its 15 statements are new to this source.
      const input = curationOfSource('src-fibromyalgia-iv-ketamine', source.id);
      const imported = (
        await call(
          `mutation($input: ImportCurationInput!) { importCuration(input: $input) {
            created source { id } items { item key id created } } }`,
          { input },
        )
      ).importCuration;
      const items = imported.items as Array<{ item: string; key: string; created: boolean }>;
      const perKind = (kind: string) => items.filter((i) => i.item.startsWith(kind));
      expect([11, 15, 13, 9]).toEqual(
        ['claims', 'statements', 'links', 'gaps'].map((k) => perKind(k).length),
      );
      expect(imported.created).toBe(15);
      expect(perKind('statements').every((i) => i.created)).toBe(true);
      expect(items.filter((i) => !i.item.startsWith('statements')).some((i) => i.created)).toBe(
        false,
      );
      // The same import again stores nothing more.
      const before = await server.probe.snapshot();
      const again = await server.gql(
        `mutation($input: ImportCurationInput!) { importCuration(input: $input) { created } }`,
        { input },
      );
      expect(again.data?.importCuration.created).toBe(0);
      expect(await server.probe.snapshot()).toEqual(before);
      // Two bad items among good ones: both listed in one error, nothing stored.
      const bad = await server.gql(
        `mutation($input: ImportCurationInput!) { importCuration(input: $input) { created } }`,
        {
          input: {
            ...input,
            statements: [
              ...input.statements!,
              { claim: 'claim-relaxation', quote: 'not on this page at all', hedging: 'HEDGED' },
            ],
            gaps: [...input.gaps!, { claim: 'no-such-claim', kind: 'NO_STUDY', description: 'x' }],
          },
        },
      );
      expect(bad.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.statements[15].quote',
        problems: [
          { item: 'statements[15]', field: 'input.statements[15].quote' },
          { item: 'gaps[9]', field: 'input.gaps[9].claim' },
        ],
      });
      expect(await server.probe.snapshot()).toEqual(before);

      const reviewed = (
        await call(
          BULK,
          { input: { sourceId: source.id, decision: 'ACCEPT' } },
          bearer(server.tokens.admin),
        )
      ).reviewChanges;
      expect(reviewed).toHaveLength(15);
      const read = await ok(
        `query($id: ID!) { source(id: $id) { statements { quote reviewStatus claim { id } } } }`,
        { id: source.id },
        anonymous(),
      );
      const statements = read.source.statements as Array<{
        reviewStatus: string;
        claim: { id: string };
      }>;
      expect(statements).toHaveLength(15);
      expect(statements.every((s) => s.reviewStatus === 'ACCEPTED')).toBe(true);
      expect(new Set(statements.map((s) => s.claim.id)).size).toBe(11);
      const report = await ok(
        `{ claim(id: "claim-fibromyalgia-pain-relief") { statements { source { id } reviewStatus } } }`,
        {},
        anonymous(),
      );
      expect(
        report.claim.statements.filter(
          (s: any) => s.source.id === source.id && s.reviewStatus === 'ACCEPTED',
        ),
      ).toHaveLength(4);
      // Three calls; one call per item is createSource, one write per new statement and one
      // reviewChange each (1 + 15 + 15 here; 1 + 48 + 48 from a store without the seed's claims).
      expect(calls.bulk).toBe(3);
      expect(1 + 2 * imported.created).toBe(31);
      expect(1 + 2 * items.length).toBe(97);
    });

    it('refuses both or neither of items and sourceId, an empty list, and more than 500 items', async () => {
      const admin = bearer(server.tokens.admin);
      const field = async (input: object) =>
        (await server.gql(BULK, { input }, admin)).errors?.[0].extensions?.field;
      expect(await field({ decision: 'ACCEPT' })).toBe('input');
      expect(await field({ items: [], decision: 'ACCEPT' })).toBe('input.items');
      const many = Array.from({ length: 501 }, (_, i) => ({ id: `x${i}`, expectedVersion: 1 }));
      const tooMany = await server.gql(BULK, { input: { items: many, decision: 'ACCEPT' } }, admin);
      expect(tooMany.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.items',
      });
      expect(
        await field({
          items: [{ id: 'x', expectedVersion: 1 }],
          sourceId: 'y',
          decision: 'ACCEPT',
        }),
      ).toBe('input.sourceId');
      const unknown = await server.gql(
        BULK,
        { input: { sourceId: 'no-such-source', decision: 'ACCEPT' } },
        admin,
      );
      expect(unknown.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.sourceId',
      });
    });
  });

  describe('history', () => {
    it('records who changed what, and revert restores it as a new attributed change', async () => {
      const claim = (await ok(CREATE_CLAIM, newClaim('Original wording'))).createClaim;
      const UPDATE = `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { id text version reviewStatus } }`;
      const updated = await ok(UPDATE, {
        input: { id: claim.id, expectedVersion: 1, text: 'Changed wording', reason: 'clearer' },
      });
      expect(updated.updateClaim).toMatchObject({ text: 'Changed wording', version: 2 });
      const HISTORY = `query($id: ID!) { claim(id: $id) { text history { totalCount edges { node { id action actor reason revertOf changes { field before after } } } } } }`;
      const h = (await ok(HISTORY, { id: claim.id })).claim.history;
      expect(h.totalCount).toBe(2);
      const [created, edit] = h.edges.map((e: any) => e.node);
      expect(created).toMatchObject({ action: 'CREATE', actor: 'editor' });
      expect(edit).toMatchObject({
        action: 'UPDATE',
        actor: 'editor',
        reason: 'clearer',
        changes: [{ field: 'text', before: '"Original wording"', after: '"Changed wording"' }],
      });
      const REVERT = `mutation($input: RevertInput!) { revert(input: $input) { id action actor revertOf entityId changes { field before after } } }`;
      const reverted = await ok(
        REVERT,
        { input: { revisionId: edit.id } },
        bearer(server.tokens.editor2),
      );
      expect(reverted.revert).toMatchObject({
        action: 'UPDATE',
        actor: 'editor2',
        revertOf: edit.id,
        entityId: claim.id,
        changes: [{ field: 'text', before: '"Changed wording"', after: '"Original wording"' }],
      });
      const now = (await ok(HISTORY, { id: claim.id })).claim;
      expect(now.text).toBe('Original wording');
      expect(now.history.totalCount).toBe(3);
      // An update that changes nothing writes nothing: same version, no revision.
      const same = await ok(UPDATE, {
        input: { id: claim.id, expectedVersion: 3, text: 'Original wording', kind: 'EFFICACY' },
      });
      expect(same.updateClaim.version).toBe(3);
      expect(await server.probe.revisionCount(claim.id)).toBe(3);
      // Reverting the same edit again would undo nothing it wrote: refused, nothing stored.
      const before = await server.probe.snapshot();
      expect(await code(REVERT, { input: { revisionId: edit.id } })).toBe('CONFLICT');
      expect(await code(REVERT, { input: { revisionId: 'rev-none' } })).toBe('NOT_FOUND');
      expect(await server.probe.snapshot()).toEqual(before);
      // Reverting a creation withdraws the claim (claims are never deleted).
      const withdrawn = await ok(REVERT, { input: { revisionId: created.id } });
      expect(withdrawn.revert.changes).toEqual([
        { field: 'reviewStatus', before: '"SUBMITTED"', after: '"REJECTED"' },
      ]);
    });

    it('of 20 concurrent updates with the same version exactly one wins and writes one revision', async () => {
      const claim = (await ok(CREATE_CLAIM, newClaim('Contended claim'))).createClaim;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          server.gql(
            `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { version } }`,
            { input: { id: claim.id, expectedVersion: 1, text: `Edit ${i}` } },
          ),
        ),
      );
      const wins = results.filter((r) => !r.errors);
      const losses = results.filter((r) => r.errors);
      expect(wins).toHaveLength(1);
      expect(losses).toHaveLength(19);
      for (const r of losses) {
        expect(r.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      }
      expect(await server.probe.revisionCount(claim.id)).toBe(2); // the creation and one update
      const h = await ok(`query($id: ID!) { history(id: $id) { edges { node { action } } } }`, {
        id: claim.id,
      });
      expect(h.history.edges.map((e: any) => e.node.action)).toEqual(['CREATE', 'UPDATE']);
    });
  });
});

// Settings read by the auth guard and the review service, in front of the store: on SQLite only
// (the store under them changes nothing they decide; each store's reads and writes are covered
// above and by the contract suite). Each its own server.
const SETTINGS_STORES = ['sqlite'] as const;

describe.each(SETTINGS_STORES)('with ALLOW_ANONYMOUS_READS=false on the %s store', (store) => {
  it('needs a token for every read, except health checks', async () => {
    const closed = await startServer({
      store,
      seed: true,
      env: { ALLOW_ANONYMOUS_READS: 'false' },
    });
    try {
      const q = `{ evidenceReport(condition: "fibro") { summary { claimCount } } }`;
      const anon = await closed.gql(q, {}, anonymous());
      expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const reader = await closed.gql(q, {}, bearer(closed.tokens.reader));
      expect(reader.errors).toBeUndefined();
      const base = closed.url.replace(/\/graphql$/, '');
      const exportAnon = await fetch(`${base}/export?format=json`);
      expect(exportAnon.status).toBe(401);
      expect(((await exportAnon.json()) as any).error.code).toBe('UNAUTHENTICATED');
      const exportReader = await fetch(`${base}/export?format=json`, {
        headers: bearer(closed.tokens.reader),
      });
      expect(exportReader.status).toBe(200);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/ready`)).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});

describe.each(SETTINGS_STORES)('with REVIEWER_ROLE=EDITOR on the %s store', (store) => {
  const CREATE_CLAIM = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id version reviewStatus } }`;
  const newClaim = (text: string) => ({
    input: { text, kind: 'EFFICACY', conditionIds: ['fibromyalgia'] },
  });
  it('lets a second editor review when REVIEWER_ROLE=EDITOR, never the author', async () => {
    const other = await startServer({ store, seed: true, env: { REVIEWER_ROLE: 'EDITOR' } });
    try {
      const claim = (await other.gql(CREATE_CLAIM, newClaim('Second-editor review claim'))).data
        .createClaim;
      const REVIEW = `mutation($input: ReviewChangeInput!) { reviewChange(input: $input) { ... on Claim { reviewStatus } } }`;
      const input = { id: claim.id, expectedVersion: 1, decision: 'ACCEPT' };
      const own = await other.gql(REVIEW, { input });
      expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const byReader = await other.gql(REVIEW, { input }, bearer(other.tokens.reader));
      expect(byReader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const second = await other.gql(REVIEW, { input }, bearer(other.tokens.editor2));
      expect(second.errors).toBeUndefined();
      expect(second.data.reviewChange.reviewStatus).toBe('ACCEPTED');
    } finally {
      await other.close();
    }
  });
});
