/**
 * What an editor does, over HTTP, against the real server: every mutation's happy path, and bad
 * input that must be refused with the right code and field while nothing at all is stored (the
 * SQLite file is read back through a separate connection after each refusal).
 */
import { anonymous, bearer, slice, startServer, storeKinds, TestServer } from '../support/server';

describe.each(storeKinds())('on the %s store', (store) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ store, seed: true });
  });

  afterAll(async () => {
    await server.close();
  });

  async function ok(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ) {
    const res = await server.gql(query, variables, headers);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  const TEXT =
    'Ketamine 😀 works fast. Ketamine has been shown to help. It may be safe. Ketamine has been shown to help.';

  describe('editing', () => {
    it('rates down a claim whose only support is a study at high risk of bias, naming the reason', async () => {
      const claim = await ok(
        `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`,
        { input: { text: 'Ketamine lifts mood for a month', kind: 'EFFICACY' } },
      );
      const study = await ok(
        `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id riskOfBias riskOfBiasReason } }`,
        {
          input: {
            title: 'An open-label cohort entered by an editor',
            authors: ['Roe Q'],
            year: 2023,
            design: 'COHORT',
            sampleSize: 120,
            riskOfBias: 'HIGH',
            riskOfBiasReason: 'open-label, no control group',
          },
        },
      );
      expect(study.createStudy).toMatchObject({
        riskOfBias: 'HIGH',
        riskOfBiasReason: 'open-label, no control group',
      });
      const link = await ok(
        `mutation($input: LinkEvidenceInput!) { linkEvidence(input: $input) { claim { assessment(includePending: true) { grade explanation domains { domain verdict reason } } } } }`,
        {
          input: {
            studyId: study.createStudy.id,
            claimId: claim.createClaim.id,
            relation: 'SUPPORTS',
          },
        },
      );
      const a = link.linkEvidence.claim.assessment;
      // A cohort starts LOW; resting only on a high-risk study takes it one step down.
      expect(a.grade).toBe('VERY_LOW');
      expect(a.explanation).toContain(
        'Rated down one step to VERY_LOW for risk of bias: the only supporting study is at high risk of bias: Roe 2023 (open-label, no control group).',
      );
      expect(a.domains).toContainEqual({
        domain: 'RISK_OF_BIAS',
        verdict: 'SERIOUS',
        reason:
          'the only supporting study is at high risk of bias: Roe 2023 (open-label, no control group).',
      });
    });

    it('judges a study through updateStudyRiskOfBias, audited; revert puts the judgement back', async () => {
      const UPDATE = `mutation($input: UpdateStudyRiskOfBiasInput!) { updateStudyRiskOfBias(input: $input) { id riskOfBias riskOfBiasReason version } }`;
      const created = await ok(
        `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id version riskOfBias riskOfBiasReason } }`,
        { input: { title: 'A study judged later', authors: ['Poe Z'], design: 'CASE_SERIES' } },
      );
      expect(created.createStudy).toMatchObject({
        version: 1,
        riskOfBias: 'NOT_ASSESSED',
        riskOfBiasReason: null,
      });
      const id = created.createStudy.id;
      const judged = await ok(UPDATE, {
        input: {
          id,
          expectedVersion: 1,
          reason: 'read the paper',
          riskOfBias: 'HIGH',
          riskOfBiasReason: 'no comparator group',
        },
      });
      expect(judged.updateStudyRiskOfBias).toEqual({
        id,
        riskOfBias: 'HIGH',
        riskOfBiasReason: 'no comparator group',
        version: 2,
      });
      const stale = await server.gql(UPDATE, {
        input: { id, expectedVersion: 1, riskOfBias: 'LOW', riskOfBiasReason: 'late' },
      });
      expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      const history = (
        await ok(
          `query($id: ID!) { history(id: $id) { edges { node { id action reason changes { field before after } } } } }`,
          { id },
        )
      ).history.edges.map((e: { node: { action: string } }) => e.node);
      const update = history.find((r: { action: string }) => r.action === 'UPDATE');
      expect(update).toMatchObject({
        reason: 'read the paper',
        changes: [
          // Changes carry values as JSON.
          { field: 'riskOfBias', before: '"NOT_ASSESSED"', after: '"HIGH"' },
          { field: 'riskOfBiasReason', before: null, after: '"no comparator group"' },
        ],
      });
      await ok(`mutation($input: RevertInput!) { revert(input: $input) { id } }`, {
        input: { revisionId: update.id },
      });
      const back = await ok(
        `query($id: ID!) { study(id: $id) { riskOfBias riskOfBiasReason version } }`,
        {
          id,
        },
      );
      expect(back.study).toEqual({
        riskOfBias: 'NOT_ASSESSED',
        riskOfBiasReason: null,
        version: 3,
      });
    });

    it('refuses a risk-of-bias judgement without a reason', async () => {
      const res = await server.gql(
        `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id } }`,
        {
          input: {
            title: 'A study judged without reason',
            authors: ['Roe Q'],
            design: 'RCT',
            riskOfBias: 'LOW',
          },
        },
      );
      expect(res.errors?.[0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.riskOfBiasReason' },
      });
    });

    it('creates a source, anchors statements by quote (code point offsets), and links a claim to studies', async () => {
      const src = await ok(
        `mutation($input: CreateSourceInput!) { createSource(input: $input) { id text contentHash version statements { id } } }`,
        {
          input: {
            id: 'src-editor-test',
            title: 'Editor test page',
            kind: 'CLINIC_MARKETING',
            url: 'https://clinic.example/page',
            text: TEXT,
          },
        },
      );
      expect(src.createSource).toMatchObject({
        id: 'src-editor-test',
        text: TEXT,
        version: 1,
        statements: [],
      });
      expect(src.createSource.contentHash).toMatch(/^[0-9a-f]{64}$/);

      const claim = await ok(
        `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id version reviewStatus conditions { id } assessment { status grade } } }`,
        {
          input: {
            text: 'Ketamine works within a day',
            kind: 'ONSET',
            conditionIds: ['fibromyalgia'],
            mechanismIds: ['nmda-receptor-antagonism'],
            interventionId: 'iv-ketamine-infusion',
          },
        },
      );
      const claimId = claim.createClaim.id;
      expect(claim.createClaim).toMatchObject({
        version: 1,
        reviewStatus: 'SUBMITTED',
        conditions: [{ id: 'fibromyalgia' }],
        assessment: { status: 'UNSUPPORTED', grade: 'NONE' },
      });

      const st = await ok(
        `mutation($input: AddStatementInput!) { addStatement(input: $input) { id quote start end prefix suffix hedging source { id } claim { id } } }`,
        {
          input: {
            sourceId: 'src-editor-test',
            claimId,
            quote: 'works fast',
            hedging: 'ASSERTIVE',
          },
        },
      );
      // "Ketamine 😀 " is 11 code points (12 UTF-16 units): offsets count code points.
      expect(st.addStatement).toMatchObject({
        quote: 'works fast',
        start: 11,
        end: 21,
        prefix: 'Ketamine 😀 ',
        hedging: 'ASSERTIVE',
      });
      expect(slice(TEXT, st.addStatement.start, st.addStatement.end)).toBe('works fast');

      const second = await ok(
        `mutation($input: AddStatementInput!) { addStatement(input: $input) { start end } }`,
        {
          input: {
            sourceId: 'src-editor-test',
            claimId,
            quote: 'Ketamine has been shown to help',
            occurrence: 2,
            hedging: 'ASSERTIVE',
          },
        },
      );
      expect(slice(TEXT, second.addStatement.start, second.addStatement.end)).toBe(
        'Ketamine has been shown to help',
      );
      expect(second.addStatement.start).toBeGreaterThan(40);

      const study = await ok(
        `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id doi pmid } }`,
        {
          input: {
            title: 'An editor-entered trial',
            authors: ['Doe J'],
            year: 2024,
            doi: 'https://doi.org/10.5555/Editor.Test',
            pmid: 'PMID: 99999999',
            design: 'RCT',
            sampleSize: 30,
          },
        },
      );
      expect(study.createStudy).toMatchObject({ doi: '10.5555/editor.test', pmid: '99999999' });

      const link = await ok(
        `mutation($input: LinkEvidenceInput!) { linkEvidence(input: $input) { id relation note addedBy counts study { id } claim { assessment(includePending: true) { status grade explanation overclaimed } } } }`,
        {
          input: {
            studyId: study.createStudy.id,
            claimId,
            relation: 'SUPPORTS',
            note: 'Tested onset directly',
          },
        },
      );
      expect(link.linkEvidence).toMatchObject({
        relation: 'SUPPORTS',
        note: 'Tested onset directly',
        addedBy: 'editor',
        counts: true,
      });
      // RCT starts HIGH, n=30 < 50 rates down once for imprecision.
      expect(link.linkEvidence.claim.assessment).toMatchObject({
        status: 'SUPPORTED',
        grade: 'MODERATE',
        overclaimed: false,
      });

      const report = await ok(
        `{ evidenceReport(condition: "fibromyalgia", includePending: true) { claims { claim { id } grade } } }`,
      );
      expect(report.evidenceReport.claims).toContainEqual({
        claim: { id: claimId },
        grade: 'MODERATE',
      });

      const unlinked = await ok(
        `mutation($input: UnlinkEvidenceInput!) { unlinkEvidence(input: $input) { id evidence { id } assessment { status grade } } }`,
        {
          input: { studyId: study.createStudy.id, claimId, expectedVersion: 1 },
        },
      );
      expect(unlinked.unlinkEvidence).toMatchObject({
        id: claimId,
        evidence: [],
        assessment: { status: 'UNSUPPORTED', grade: 'NONE' },
      });

      const gap = await ok(
        `mutation($input: RecordGapInput!) { recordGap(input: $input) { id status version kind statement { id } } }`,
        {
          input: {
            claimId,
            kind: 'UNCITED_ASSERTION',
            description: 'Says "has been shown", cites nothing',
            neededDesign: 'RCT',
            statementId: (await ok(`{ claim(id: "${claimId}") { statements { id quote } } }`)).claim
              .statements[1].id,
          },
        },
      );
      expect(gap.recordGap).toMatchObject({
        status: 'OPEN',
        version: 1,
        kind: 'UNCITED_ASSERTION',
      });
      const resolved = await ok(
        `mutation($input: ResolveGapInput!) { resolveGap(input: $input) { status version addressedBy { id } } }`,
        {
          input: { id: gap.recordGap.id, expectedVersion: 1, studyId: study.createStudy.id },
        },
      );
      expect(resolved.resolveGap).toEqual({
        status: 'ADDRESSED',
        version: 2,
        addressedBy: { id: study.createStudy.id },
      });
    });

    it('anchors a span without its surrounding whitespace, once: a repeat is CONFLICT naming the statement', async () => {
      const text = 'Intro line.\n  Ketamine eases pain within hours.  \nMore text.';
      await ok(`mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }`, {
        input: { id: 'src-editor-idempotent', title: 'Retry page', kind: 'NEWS', text },
      });
      const claim = await ok(
        `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`,
        { input: { text: 'Ketamine eases pain within hours', kind: 'ONSET' } },
      );
      const ADD = `mutation($input: AddStatementInput!) { addStatement(input: $input) { id quote start end prefix suffix } }`;
      const input = {
        sourceId: 'src-editor-idempotent',
        claimId: claim.createClaim.id,
        // As a hand selection takes it: the line break and the indentation along.
        quote: '\n  Ketamine eases pain within hours.  ',
        hedging: 'ASSERTIVE',
      };
      const first = (await ok(ADD, { input })).addStatement;
      expect(first).toMatchObject({
        quote: 'Ketamine eases pain within hours.',
        start: 14,
        end: 47,
        prefix: 'Intro line.\n  ',
        suffix: '  \nMore text.',
      });
      expect(slice(text, first.start, first.end)).toBe(first.quote);

      // The same statement again, as sent and trimmed: refused, the first one named, nothing stored.
      for (const quote of [input.quote, 'Ketamine eases pain within hours.']) {
        const before = await server.probe.snapshot();
        const again = await server.gql(ADD, { input: { ...input, quote } });
        expect(again.data?.addStatement ?? null).toBeNull();
        expect(again.errors![0].extensions).toMatchObject({
          code: 'CONFLICT',
          field: 'input.quote',
          existingId: first.id,
        });
        expect(await server.probe.snapshot()).toEqual(before);
      }
      const read = await ok(`{ source(id: "src-editor-idempotent") { statements { id } } }`);
      expect(read.source.statements).toEqual([{ id: first.id }]);

      // Other words of the same source are another statement.
      const other = await ok(ADD, { input: { ...input, quote: 'Ketamine eases pain' } });
      expect(other.addStatement).toMatchObject({ start: 14, end: 33 });
    });

    it('anchors a browser copy (straight quotes, hyphens, plain spaces, case) to the source exact words, and offers near passages when absent', async () => {
      const text =
        'Intro \u{1F489}.\r\nOur patients say \u201Cit\u2019s life\u2011changing\u201D \u2014 within\u00A0two\r\nweeks.';
      await ok(`mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }`, {
        input: { id: 'src-editor-tolerant', title: 'Copied page', kind: 'NEWS', text },
      });
      const claim = await ok(
        `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`,
        { input: { text: 'Ketamine changes lives within two weeks', kind: 'ONSET' } },
      );
      const ADD = `mutation($input: AddStatementInput!) { addStatement(input: $input) { id quote start end } }`;
      const input = {
        sourceId: 'src-editor-tolerant',
        claimId: claim.createClaim.id,
        quote: ' "It\'s life-changing" - within two weeks',
        hedging: 'ASSERTIVE',
      };
      const st = (await ok(ADD, { input })).addStatement;
      const exact = '\u201Cit\u2019s life\u2011changing\u201D \u2014 within\u00A0two\r\nweeks';
      expect(st.quote).toBe(exact);
      expect(slice(text, st.start, st.end)).toBe(exact);
      expect(st.start).toBe(27);

      // A misspelt quote: refused on input.quote, the near passage offered, nothing stored.
      const before = await server.probe.snapshot();
      const res = await server.gql(ADD, {
        input: { ...input, quote: 'our patiens say its life changing' },
      });
      expect(res.data?.addStatement ?? null).toBeNull();
      const ext = res.errors![0].extensions as {
        code: string;
        field: string;
        candidates: { start: number; end: number; text: string; similarity: number }[];
      };
      expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quote' });
      expect(ext.candidates.length).toBeGreaterThan(0);
      const [best] = ext.candidates;
      expect(best.text).toBe(slice(text, best.start, best.end));
      expect(best.text.startsWith('Our patients say')).toBe(true);
      expect(best.similarity).toBeGreaterThan(0.5);
      expect(best.similarity).toBeLessThan(1);
      expect(await server.probe.snapshot()).toEqual(before);
      const read = await ok(`{ source(id: "src-editor-tolerant") { statements { id } } }`);
      expect(read.source.statements).toEqual([{ id: st.id }]);
    });

    it('finds similar claims, refuses a duplicate claim naming the existing one, and filters claims by text', async () => {
      const CREATE = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`;
      const first = await ok(CREATE, {
        input: { text: 'Ketamine lozenges calm tinnitus within days', kind: 'EFFICACY' },
      });
      const id = first.createClaim.id;

      // The same proposition in other case, spacing and end punctuation: refused, nothing stored.
      const before = await server.probe.snapshot();
      const dup = await server.gql(CREATE, {
        input: { text: '  ketamine LOZENGES calm\u00A0tinnitus within days.', kind: 'ONSET' },
      });
      expect(dup.data?.createClaim ?? null).toBeNull();
      expect(dup.errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.text',
        existingId: id,
      });
      expect(await server.probe.snapshot()).toEqual(before);

      // Nor can an update turn another claim into a copy of it.
      const other = await ok(CREATE, {
        input: { text: 'Ketamine lozenges calm tinnitus for weeks', kind: 'EFFICACY' },
      });
      const upd = await server.gql(
        `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { id } }`,
        {
          input: {
            id: other.createClaim.id,
            expectedVersion: 1,
            text: 'Ketamine lozenges calm tinnitus within days!',
          },
        },
      );
      expect(upd.errors![0].extensions).toMatchObject({ code: 'CONFLICT', existingId: id });

      const similar = await ok(
        `{ similarClaims(text: "lozenge for tinnitus", first: 5) { score claim { id text } } }`,
      );
      const ids = similar.similarClaims.map((m: { claim: { id: string } }) => m.claim.id);
      expect(ids.slice(0, 2).sort()).toEqual([id, other.createClaim.id].sort());
      expect(similar.similarClaims[0].score).toBeGreaterThan(0);
      expect(similar.similarClaims.length).toBeLessThanOrEqual(5);
      const again = await ok(
        `{ similarClaims(text: "lozenge for tinnitus", first: 5) { score claim { id text } } }`,
      );
      expect(again).toEqual(similar);

      const filtered = await ok(
        `{ claims(filter: { text: "LOZENGES  calm" }) { totalCount edges { node { id } } } }`,
      );
      expect(filtered.claims.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
        [id, other.createClaim.id].sort(),
      );

      const blank = await server.gql(`{ similarClaims(text: "   ") { score } }`);
      expect(blank.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
      const tooMany = await server.gql(`{ similarClaims(text: "ketamine", first: -1) { score } }`);
      expect(tooMany.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    });

    it('gets statement suggestions for a seeded source; an unknown source is NOT_FOUND on sourceId; editors only', async () => {
      const query = `query($id: ID!) { suggestStatements(sourceId: $id) {
        start end text hedging hedgingCues conditions { id } intervention { id }
        claimCandidates { score claim { id } } proposedClaimText proposedGap { kind cue } } }`;
      const { suggestStatements } = await ok(query, { id: 'src-fibromyalgia-iv-ketamine' });
      expect(suggestStatements.length).toBeGreaterThan(0);
      const first = suggestStatements[0];
      const source = await ok(`{ source(id: "src-fibromyalgia-iv-ketamine") { text } }`);
      expect([...source.source.text].slice(first.start, first.end).join('')).toBe(first.text);
      expect(suggestStatements.some((s: { proposedGap: unknown }) => s.proposedGap)).toBe(true);
      const missing = await server.gql(query, { id: 'src-nowhere' });
      expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'sourceId' });
      const reader = await server.gql(query, { id: 'src-fibromyalgia-iv-ketamine' }, anonymous());
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(reader.errors![0].extensions!.code);
    });

    it('updates a claim with optimistic concurrency', async () => {
      // A claim of its own: its version is 1 whatever other tests did before.
      const created = await ok(
        `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id version } }`,
        {
          input: {
            text: 'IV ketamine relieves CRPS pain',
            kind: 'EFFICACY',
            conditionIds: ['crps'],
          },
        },
      );
      expect(created.createClaim.version).toBe(1);
      const upd = await ok(
        `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { id text version conditions { id } } }`,
        {
          input: {
            id: created.createClaim.id,
            expectedVersion: 1,
            text: 'IV ketamine relieves CRPS pain (edited)',
            conditionIds: ['crps', 'neuropathic-pain'],
          },
        },
      );
      expect(upd.updateClaim).toMatchObject({
        text: 'IV ketamine relieves CRPS pain (edited)',
        version: 2,
        conditions: [{ id: 'crps' }, { id: 'neuropathic-pain' }],
      });
    });

    it('adds conditions with broader links and mechanisms; the broader report includes the new condition', async () => {
      const c = await ok(
        `mutation($input: CreateConditionInput!) { createCondition(input: $input) { id broader { id } synonyms codes { system code } } }`,
        {
          input: {
            id: 'juvenile-fibromyalgia',
            name: 'Juvenile fibromyalgia',
            synonyms: ['JFM'],
            broaderIds: ['fibromyalgia'],
            codes: [{ system: 'MeSH', code: 'D005356' }],
          },
        },
      );
      expect(c.createCondition).toMatchObject({
        id: 'juvenile-fibromyalgia',
        broader: [{ id: 'fibromyalgia' }],
        synonyms: ['JFM'],
      });
      await ok(
        `mutation { createClaim(input: { id: "claim-jfm-test", text: "Ketamine helps juvenile fibromyalgia", kind: EFFICACY, conditionIds: ["juvenile-fibromyalgia"] }) { id } }`,
      );
      const r = await ok(
        `{ evidenceReport(condition: "chronic pain", includePending: true) { conditionsIncluded { id } claims { claim { id } } } }`,
      );
      expect(r.evidenceReport.conditionsIncluded.map((x: any) => x.id)).toContain(
        'juvenile-fibromyalgia',
      );
      expect(r.evidenceReport.claims.map((x: any) => x.claim.id)).toContain('claim-jfm-test');
      const m = await ok(
        `mutation { createMechanism(input: { name: "Opioid receptor agonism", synonyms: ["mu-opioid"] }) { id name } }`,
      );
      expect(m.createMechanism.id).toMatch(/^mechanism-/);
    });
  });

  describe('editing the vocabulary', () => {
    const UPDATE_CONDITION = `mutation($input: UpdateConditionInput!) { updateCondition(input: $input) { id name synonyms codes { system code } broader { id } version } }`;
    const UPDATE_MECHANISM = `mutation($input: UpdateMechanismInput!) { updateMechanism(input: $input) { id name synonyms version } }`;
    const HISTORY = `query($id: ID!) { history(id: $id) { edges { node { id action actor reason changes { field } } } } }`;
    const REVERT = `mutation($input: RevertInput!) { revert(input: $input) { id revertOf } }`;

    it('renames a condition and moves it in the hierarchy, audited; revert puts it back; a cycle is refused and stores nothing', async () => {
      await ok(
        `mutation { createCondition(input: { id: "vocab-parent", name: "Vocab parent" }) { id } }`,
      );
      await ok(
        `mutation { createCondition(input: { id: "vocab-child", name: "Vocab child", synonyms: ["VC"], broaderIds: ["vocab-parent"] }) { id } }`,
      );
      await ok(
        `mutation { createCondition(input: { id: "vocab-other", name: "Vocab other" }) { id } }`,
      );
      const edited = await ok(UPDATE_CONDITION, {
        input: {
          id: 'vocab-child',
          expectedVersion: 1,
          reason: 'fuller name',
          name: 'Vocab child syndrome',
          synonyms: ['VC', 'VCS'],
          codes: [{ system: 'ICD-10', code: 'X00.1' }],
          broaderIds: ['vocab-other', 'vocab-parent'],
        },
      });
      expect(edited.updateCondition).toMatchObject({
        name: 'Vocab child syndrome',
        synonyms: ['VC', 'VCS'],
        codes: [{ system: 'ICD-10', code: 'X00.1' }],
        broader: [{ id: 'vocab-other' }, { id: 'vocab-parent' }],
        version: 2,
      });
      // Found by its new synonym, in the narrower conditions of its new parent.
      const found = await ok(
        `{ condition(name: "vcs") { id } other: condition(id: "vocab-other") { narrower { id } } }`,
      );
      expect(found).toEqual({
        condition: { id: 'vocab-child' },
        other: { narrower: [{ id: 'vocab-child' }] },
      });
      const history = (await ok(HISTORY, { id: 'vocab-child' })).history.edges.map(
        (e: { node: unknown }) => e.node,
      );
      expect(history).toHaveLength(2);
      expect(history[1]).toMatchObject({
        action: 'UPDATE',
        actor: 'editor',
        reason: 'fuller name',
      });

      // The parent under its own child: refused on input.broaderIds, nothing stored.
      const before = await server.probe.snapshot();
      const cycle = await server.gql(UPDATE_CONDITION, {
        input: { id: 'vocab-parent', expectedVersion: 1, broaderIds: ['vocab-child'] },
      });
      expect(cycle.data?.updateCondition ?? null).toBeNull();
      expect(cycle.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.broaderIds',
      });
      // A stale version: CONFLICT with the current one.
      const stale = await server.gql(UPDATE_CONDITION, {
        input: { id: 'vocab-child', expectedVersion: 1, name: 'Late rename' },
      });
      expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
      // A name another condition holds, as on creation: BAD_USER_INPUT naming input.name.
      const taken = await server.gql(UPDATE_CONDITION, {
        input: { id: 'vocab-other', expectedVersion: 1, name: 'vocab  PARENT' },
      });
      expect(taken.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.name',
      });
      expect(await server.probe.snapshot()).toEqual(before);

      await ok(REVERT, { input: { revisionId: history[1].id } }, bearer(server.tokens.editor2));
      const back = await ok(
        `{ condition(id: "vocab-child") { name synonyms codes { code } broader { id } version } }`,
      );
      expect(back.condition).toEqual({
        name: 'Vocab child',
        synonyms: ['VC'],
        codes: [],
        broader: [{ id: 'vocab-parent' }],
        version: 3,
      });
    });

    it('renames a mechanism, audited and revertible', async () => {
      const m = await ok(
        `mutation { createMechanism(input: { name: "Vocab mechanism", synonyms: ["VM"] }) { id } }`,
      );
      const id = m.createMechanism.id;
      const edited = await ok(UPDATE_MECHANISM, {
        input: { id, expectedVersion: 1, name: 'Vocab mechanism, renamed', synonyms: [] },
      });
      expect(edited.updateMechanism).toMatchObject({
        name: 'Vocab mechanism, renamed',
        synonyms: [],
        version: 2,
      });
      const [, edit] = (await ok(HISTORY, { id })).history.edges.map(
        (e: { node: { id: string } }) => e.node,
      );
      await ok(REVERT, { input: { revisionId: edit.id } }, bearer(server.tokens.editor2));
      const back = await ok(`query($id: ID!) { mechanism(id: $id) { name synonyms version } }`, {
        id,
      });
      expect(back.mechanism).toEqual({ name: 'Vocab mechanism', synonyms: ['VM'], version: 3 });
    });
  });

  type Case = [
    name: string,
    query: string,
    variables: Record<string, unknown>,
    code: string,
    field: string | null,
  ];

  const ADD_STATEMENT = `mutation($input: AddStatementInput!) { addStatement(input: $input) { id } }`;
  const CREATE_STUDY = `mutation($input: CreateStudyInput!) { createStudy(input: $input) { id } }`;
  const CREATE_CLAIM = `mutation($input: CreateClaimInput!) { createClaim(input: $input) { id } }`;
  const UPDATE_CLAIM = `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { id } }`;
  const LINK = `mutation($input: LinkEvidenceInput!) { linkEvidence(input: $input) { id } }`;
  const CREATE_SOURCE = `mutation($input: CreateSourceInput!) { createSource(input: $input) { id } }`;
  const CREATE_CONDITION = `mutation($input: CreateConditionInput!) { createCondition(input: $input) { id } }`;
  const RECORD_GAP = `mutation($input: RecordGapInput!) { recordGap(input: $input) { id } }`;
  const study = (o: Record<string, unknown>) => ({
    input: { title: 'A study', authors: ['Roe R'], design: 'RCT', ...o },
  });

  const CASES: Case[] = [
    [
      'a quote not in the source',
      ADD_STATEMENT,
      {
        input: {
          sourceId: 'src-fibromyalgia-iv-ketamine',
          claimId: 'claim-fibromyalgia-pain-relief',
          quote: 'ketamine cures everything',
          hedging: 'ASSERTIVE',
        },
      },
      'BAD_USER_INPUT',
      'input.quote',
    ],
    [
      'an ambiguous quote without occurrence',
      ADD_STATEMENT,
      {
        input: {
          sourceId: 'src-fibromyalgia-iv-ketamine',
          claimId: 'claim-fibromyalgia-pain-relief',
          quote: 'ketamine',
          hedging: 'HEDGED',
        },
      },
      'BAD_USER_INPUT',
      'input.quote',
    ],
    [
      'an occurrence past the last one',
      ADD_STATEMENT,
      {
        input: {
          sourceId: 'src-fibromyalgia-iv-ketamine',
          claimId: 'claim-fibromyalgia-pain-relief',
          quote: 'up to 3 months',
          occurrence: 2,
          hedging: 'HEDGED',
        },
      },
      'BAD_USER_INPUT',
      'input.occurrence',
    ],
    [
      'a statement on an unknown source',
      ADD_STATEMENT,
      {
        input: {
          sourceId: 'nope',
          claimId: 'claim-fibromyalgia-pain-relief',
          quote: 'x',
          hedging: 'HEDGED',
        },
      },
      'BAD_USER_INPUT',
      'input.sourceId',
    ],
    [
      'a malformed DOI',
      CREATE_STUDY,
      study({ doi: '10.12/not a doi' }),
      'BAD_USER_INPUT',
      'input.doi',
    ],
    [
      'a DOI with no registrant',
      CREATE_STUDY,
      study({ doi: 'doi:11.1000/abc' }),
      'BAD_USER_INPUT',
      'input.doi',
    ],
    ['a malformed PMID', CREATE_STUDY, study({ pmid: '12ab' }), 'BAD_USER_INPUT', 'input.pmid'],
    [
      'a DOI already recorded (other spelling)',
      CREATE_STUDY,
      study({ doi: 'https://doi.org/10.1016/J.PAIN.2009.06.023' }),
      'CONFLICT',
      'input.doi',
    ],
    [
      'a PMID already recorded',
      CREATE_STUDY,
      study({ pmid: '19604642' }),
      'CONFLICT',
      'input.pmid',
    ],
    [
      'a study without authors',
      CREATE_STUDY,
      study({ authors: [] }),
      'BAD_USER_INPUT',
      'input.authors',
    ],
    [
      'a study with a negative sample size',
      CREATE_STUDY,
      study({ sampleSize: -3 }),
      'BAD_USER_INPUT',
      'input.sampleSize',
    ],
    [
      'an empty claim text',
      CREATE_CLAIM,
      { input: { text: '', kind: 'EFFICACY' } },
      'BAD_USER_INPUT',
      'input.text',
    ],
    [
      'a blank claim text',
      CREATE_CLAIM,
      { input: { text: ' \n\t ', kind: 'EFFICACY' } },
      'BAD_USER_INPUT',
      'input.text',
    ],
    [
      'an oversized claim text',
      CREATE_CLAIM,
      { input: { text: 'x'.repeat(2001), kind: 'EFFICACY' } },
      'BAD_USER_INPUT',
      'input.text',
    ],
    [
      'an unknown condition on a claim',
      CREATE_CLAIM,
      {
        input: {
          text: 'Ketamine helps X',
          kind: 'EFFICACY',
          conditionIds: ['fibromyalgia', 'no-such-condition'],
        },
      },
      'BAD_USER_INPUT',
      'input.conditionIds',
    ],
    [
      'an unknown mechanism on a claim',
      CREATE_CLAIM,
      { input: { text: 'Ketamine helps X', kind: 'EFFICACY', mechanismIds: ['no-such'] } },
      'BAD_USER_INPUT',
      'input.mechanismIds',
    ],
    [
      'a claim id that is not a slug',
      CREATE_CLAIM,
      { input: { id: 'Bad Id!', text: 'Ketamine helps X', kind: 'EFFICACY' } },
      'BAD_USER_INPUT',
      'input.id',
    ],
    [
      'a claim id already used by a condition',
      CREATE_CLAIM,
      { input: { id: 'fibromyalgia', text: 'Ketamine helps X', kind: 'EFFICACY' } },
      'BAD_USER_INPUT',
      'input.id',
    ],
    [
      'a stale expectedVersion',
      UPDATE_CLAIM,
      { input: { id: 'claim-anti-inflammatory-effects', expectedVersion: 7, text: 'changed' } },
      'CONFLICT',
      'input.expectedVersion',
    ],
    [
      'an update of an unknown claim',
      UPDATE_CLAIM,
      { input: { id: 'claim-nope', expectedVersion: 1, text: 'changed' } },
      'NOT_FOUND',
      'input.id',
    ],
    [
      'an update naming an unknown condition',
      UPDATE_CLAIM,
      {
        input: {
          id: 'claim-anti-inflammatory-effects',
          expectedVersion: 1,
          conditionIds: ['nope'],
        },
      },
      'BAD_USER_INPUT',
      'input.conditionIds',
    ],
    [
      'a link to an unknown study',
      LINK,
      {
        input: {
          studyId: 'study-nope',
          claimId: 'claim-anti-inflammatory-effects',
          relation: 'SUPPORTS',
        },
      },
      'BAD_USER_INPUT',
      'input.studyId',
    ],
    [
      'a link to an unknown claim',
      LINK,
      { input: { studyId: 'study-sigtermans-2009', claimId: 'claim-nope', relation: 'SUPPORTS' } },
      'BAD_USER_INPUT',
      'input.claimId',
    ],
    [
      'a second link between the same study and claim',
      LINK,
      {
        input: {
          studyId: 'study-sigtermans-2009',
          claimId: 'claim-crps-pain-relief',
          relation: 'CONTRADICTS',
        },
      },
      'CONFLICT',
      'input.studyId',
    ],
    [
      'a source URL that is not http(s)',
      CREATE_SOURCE,
      { input: { title: 'T', kind: 'NEWS', text: 'Some text', url: 'javascript:alert(1)' } },
      'BAD_USER_INPUT',
      'input.url',
    ],
    [
      'an empty source text',
      CREATE_SOURCE,
      { input: { title: 'T', kind: 'NEWS', text: '' } },
      'BAD_USER_INPUT',
      'input.text',
    ],
    [
      'a condition under an unknown broader one',
      CREATE_CONDITION,
      { input: { name: 'New pain', broaderIds: ['nope'] } },
      'BAD_USER_INPUT',
      'input.broaderIds',
    ],
    [
      'a condition name that already names another',
      CREATE_CONDITION,
      { input: { name: 'FIBRO' } },
      'BAD_USER_INPUT',
      'input.name',
    ],
    [
      'an uncited-assertion gap without its statement',
      RECORD_GAP,
      {
        input: {
          claimId: 'claim-anti-inflammatory-effects',
          kind: 'UNCITED_ASSERTION',
          description: 'x',
        },
      },
      'BAD_USER_INPUT',
      'input.statementId',
    ],
    [
      'a wrongly typed field (GraphQL coercion)',
      CREATE_CLAIM,
      { input: { text: 42, kind: 'EFFICACY' } },
      'BAD_USER_INPUT',
      null,
    ],
    [
      'an unknown enum value',
      CREATE_CLAIM,
      { input: { text: 'x', kind: 'MIRACLE' } },
      'BAD_USER_INPUT',
      null,
    ],
    [
      'a missing required field',
      CREATE_CLAIM,
      { input: { kind: 'EFFICACY' } },
      'BAD_USER_INPUT',
      null,
    ],
  ];

  describe('bad input is refused, named, and leaves the store untouched', () => {
    it.each(CASES)('%s', async (_name, query, variables, code, field) => {
      const before = await server.probe.snapshot();
      const res = await server.gql(query, variables);
      expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      const err = res.errors![0];
      expect(err.extensions?.code).toBe(code);
      if (field) expect(err.extensions?.field).toBe(field);
      expect(err.message.length).toBeGreaterThan(5);
      expect(JSON.stringify(err)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
      expect(await server.probe.snapshot()).toEqual(before);
    });

    it('a duplicate DOI error names the existing study', async () => {
      const res = await server.gql(CREATE_STUDY, study({ doi: '10.1016/j.pain.2009.06.023' }));
      expect(res.errors![0].extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'input.doi',
        existingId: 'study-sigtermans-2009',
      });
    });

    it('a stale update reports the current version', async () => {
      // A claim of its own, at version 1 whatever other tests did before.
      const created = await server.gql(CREATE_CLAIM, {
        input: { text: 'A claim for a stale update', kind: 'EFFICACY' },
      });
      expect(created.errors).toBeUndefined();
      const res = await server.gql(UPDATE_CLAIM, {
        input: { id: created.data.createClaim.id, expectedVersion: 3, text: 'x' },
      });
      expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    });
  });
});
