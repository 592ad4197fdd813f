/**
 * What a clinician asks, over HTTP, against the real server on each seeded store.
 */
import { slice, startServer, storeKinds, TestServer } from '../support/server';

describe.each(storeKinds())('on the %s store', (store) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ store, seed: true });
  });

  afterAll(async () => {
    await server.close();
  });

  const REPORT = `
    query Report($condition: String!, $includeNarrower: Boolean, $minGrade: EvidenceGrade) {
      evidenceReport(condition: $condition, includeNarrower: $includeNarrower, minGrade: $minGrade) {
        condition { id name }
        conditionsIncluded { id }
        summary { claimCount openGapCount overclaimedCount text byStatus { status count } byGrade { grade count } }
        gaps { id kind }
        claims {
          claim { id text }
          status grade certainty domains { domain verdict reason } explanation overclaimed
          statements { quote start end hedging overclaimed source { id text } }
          supporting { study { id design } counts indirectness { domain reason } }
          contradicting { study { id title design sampleSize } counts relation note }
          mentioning { study { id design sampleSize } counts }
          gaps { kind status description neededDesign statement { id } }
          conditions { id }
        }
      }
    }`;

  describe('evidenceReport', () => {
    it('answers "fibro" with fibromyalgia\'s claims, the up-to-3-months one quoted, graded, explained, contradicted and with its gap', async () => {
      const { data, errors } = await server.gql(REPORT, { condition: 'fibro' });
      expect(errors).toBeUndefined();
      const report = data.evidenceReport;
      expect(report.condition).toEqual({ id: 'fibromyalgia', name: 'Fibromyalgia' });
      const c = report.claims.find(
        (x: any) => x.claim.id === 'claim-fibromyalgia-relief-up-to-3-months',
      );
      expect(c).toBeDefined();
      const quote = c.statements
        .map((s: any) => s.quote)
        .find((q: string) => q.includes('up to 3 months'));
      expect(quote).toBe(
        'Studies have shown that, in this way, patients could benefit from significant pain relief up to 3 months',
      );
      expect(c.status).toBe('CONTRADICTED');
      expect(c.grade).toBe('NONE');
      expect(c.explanation.join(' ')).toMatch(/systematic review/);
      expect(c.contradicting.length).toBeGreaterThanOrEqual(2);
      expect(
        c.contradicting.every(
          (l: any) =>
            l.study.design === 'SYSTEMATIC_REVIEW' && l.counts && l.relation === 'CONTRADICTS',
        ),
      ).toBe(true);
      expect(c.contradicting.map((l: any) => l.study.title)).toEqual(
        expect.arrayContaining([
          'Systematic Review of the Use of Intravenous Ketamine for Fibromyalgia',
          'Ketamine in fibromyalgia: a systematic review',
        ]),
      );
      expect(c.gaps.map((g: any) => g.kind)).toEqual(
        expect.arrayContaining(['NO_STUDY', 'UNCITED_ASSERTION']),
      );
      expect(c.overclaimed).toBe(true);
      expect(report.gaps.length).toBe(report.summary.openGapCount);
      expect(report.summary.claimCount).toBe(report.claims.length);
      expect(report.summary.text).toContain('Fibromyalgia');
    });

    it.each([['FM'], ['Fibromyalgia'], ['  fibromyalgia '], ['fibromyalgia'], ['fibromyitis']])(
      'resolves %p to fibromyalgia',
      async (name) => {
        const { data, errors } = await server.gql(REPORT, { condition: name });
        expect(errors).toBeUndefined();
        expect(data.evidenceReport.condition.id).toBe('fibromyalgia');
      },
    );

    it('finds post-treatment Lyme disease syndrome by "chronic Lyme" and "PTLDS"', async () => {
      for (const name of ['chronic Lyme', 'PTLDS']) {
        const { data } = await server.gql(REPORT, { condition: name });
        expect(data.evidenceReport.condition.id).toBe('post-treatment-lyme-disease-syndrome');
        expect(data.evidenceReport.claims.length).toBeGreaterThan(0);
      }
    });

    it('includes narrower conditions by default and not when asked', async () => {
      const wide = (await server.gql(REPORT, { condition: 'chronic pain' })).data.evidenceReport;
      expect(wide.conditionsIncluded.map((c: any) => c.id)).toEqual(
        expect.arrayContaining([
          'chronic-pain',
          'fibromyalgia',
          'crps',
          'neuropathic-pain',
          'diabetic-neuropathy',
        ]),
      );
      const ids = wide.claims.map((c: any) => c.claim.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'claim-fibromyalgia-relief-up-to-3-months',
          'claim-crps-pain-relief',
        ]),
      );
      const narrow = (
        await server.gql(REPORT, { condition: 'chronic pain', includeNarrower: false })
      ).data.evidenceReport;
      expect(narrow.conditionsIncluded.map((c: any) => c.id)).toEqual(['chronic-pain']);
      expect(narrow.claims.length).toBeLessThan(wide.claims.length);
      expect(
        narrow.claims.every((c: any) => c.conditions.some((x: any) => x.id === 'chronic-pain')),
      ).toBe(true);
    });

    it('orders claims strongest grade first and honours minGrade', async () => {
      const rank = ['NONE', 'VERY_LOW', 'LOW', 'MODERATE', 'HIGH'];
      const all = (await server.gql(REPORT, { condition: 'chronic pain' })).data.evidenceReport
        .claims;
      const ranks = all.map((c: any) => rank.indexOf(c.grade));
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      const low = (await server.gql(REPORT, { condition: 'chronic pain', minGrade: 'LOW' })).data
        .evidenceReport;
      expect(low.claims.length).toBeGreaterThan(0);
      expect(low.claims.every((c: any) => rank.indexOf(c.grade) >= rank.indexOf('LOW'))).toBe(true);
      expect(low.claims.length).toBeLessThan(all.length);
    });

    it('says a claim with only indirect studies has no direct test, names them, and counts none of them', async () => {
      const report = (await server.gql(REPORT, { condition: 'fibromyalgia' })).data.evidenceReport;
      const onlyMentions = report.claims.filter(
        (c: any) =>
          c.supporting.length === 0 && c.contradicting.length === 0 && c.mentioning.length > 0,
      );
      // The seeds hold such a claim (IV ketamine and fibromyalgia pain: a trial that only mentions).
      expect(onlyMentions.length).toBeGreaterThan(0);
      for (const c of onlyMentions) {
        expect(c.status).toBe('UNSUPPORTED');
        expect(c.explanation[0]).toMatch(
          new RegExp(
            `^No study tests this claim directly; ${c.mentioning.length} stud(y|ies) bears? on it indirectly: `,
          ),
        );
        expect(c.explanation.join(' ')).not.toMatch(/No study supports or contradicts/);
        expect(c.mentioning.map((m: any) => m.counts)).toEqual(c.mentioning.map(() => false));
      }
      // Supporting and contradicting links of studies on record do count.
      const counted = report.claims.flatMap((c: any) => [...c.supporting, ...c.contradicting]);
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.every((l: any) => l.counts === true)).toBe(true);
    });

    it('ranks equally graded claims by their strongest support, and says NONE means no evidence', async () => {
      const tier: Record<string, number> = {
        META_ANALYSIS: 4,
        SYSTEMATIC_REVIEW: 4,
        RCT: 4,
        COHORT: 3,
        CASE_CONTROL: 3,
      };
      const rank = ['NONE', 'VERY_LOW', 'LOW', 'MODERATE', 'HIGH'];
      for (const condition of ['chronic pain', 'depression', 'fibromyalgia']) {
        const report = (await server.gql(REPORT, { condition })).data.evidenceReport;
        const claims = report.claims;
        for (let i = 1; i < claims.length; i++) {
          const [a, b] = [claims[i - 1], claims[i]];
          if (a.grade !== b.grade || a.supporting.length === 0 || b.supporting.length === 0)
            continue;
          const [sa, sb] = [a.supporting[0].study, b.supporting[0].study];
          expect(tier[sa.design] ?? 1).toBeGreaterThanOrEqual(tier[sb.design] ?? 1);
        }
        expect(claims.map((c: any) => rank.indexOf(c.grade))).toEqual(
          claims.map((c: any) => rank.indexOf(c.grade)).sort((x: number, y: number) => y - x),
        );
        const text: string = report.summary.text;
        if (report.summary.overclaimedCount > 0)
          expect(text).toMatch(/stated as established fact on (evidence graded|weak evidence:)/);
        const noneOverclaimed = claims.filter((c: any) => c.overclaimed && c.grade === 'NONE');
        if (noneOverclaimed.length > 0) expect(text).toContain('graded NONE (no evidence)');
        expect(text).not.toMatch(/graded LOW or below/);
      }
    });

    it('flags a clinic\'s "has cured … depression" as an overclaim although the claim it states is well graded', async () => {
      const report = (await server.gql(REPORT, { condition: 'depression' })).data.evidenceReport;
      const cured = report.claims.flatMap((c: any) =>
        c.statements.filter((s: any) => /has cured/.test(s.quote)).map((s: any) => ({ c, s })),
      );
      expect(cured.length).toBeGreaterThan(0);
      for (const { c, s } of cured) {
        expect(s.overclaimed).toBe(true);
        expect(c.overclaimed).toBe(true);
        expect(c.explanation.join(' ')).toMatch(/absolute terms \("has cured"\)/);
      }
    });

    it("states each claim's certainty in GRADE's words with the five domains, agreeing with the rating-down steps", async () => {
      const report = (await server.gql(REPORT, { condition: 'chronic pain' })).data.evidenceReport;
      for (const c of report.claims) {
        expect(c.certainty.length).toBeGreaterThan(20);
        expect(c.domains.map((d: any) => d.domain)).toEqual([
          'RISK_OF_BIAS',
          'INCONSISTENCY',
          'INDIRECTNESS',
          'IMPRECISION',
          'PUBLICATION_BIAS',
        ]);
        const serious = c.domains
          .filter((d: any) => d.verdict === 'SERIOUS' || d.verdict === 'VERY_SERIOUS')
          .map((d: any) => d.domain);
        const ratedDown = ['INCONSISTENCY', 'INDIRECTNESS', 'IMPRECISION'].filter((d) =>
          c.explanation.some((l: string) => l.includes(`for ${d.toLowerCase()}`)),
        );
        expect({ claim: c.claim.id, serious }).toEqual({ claim: c.claim.id, serious: ratedDown });
      }
      const claim = (
        await server.gql(
          `{ claim(id: "claim-rapid-antidepressant-effect") { assessment { grade certainty domains { domain verdict } } } }`,
        )
      ).data.claim.assessment;
      expect(claim.certainty).toMatch(/confident|confidence/);
      expect(claim.domains).toHaveLength(5);
    });

    it('rates the PTSD trial\'s support of "ketamine relieves depression" down for indirectness, naming the difference', async () => {
      const report = (await server.gql(REPORT, { condition: 'depression' })).data.evidenceReport;
      const c = report.claims.find((x: any) => x.claim.id === 'claim-depression-relief');
      const ptsd = c.supporting.find((l: any) => l.study.id === 'study-abdallah-2022');
      expect(ptsd.indirectness).toEqual([
        {
          domain: 'POPULATION',
          reason:
            'the trial enrolled veterans and service members with PTSD, not people with depression',
        },
      ]);
      const named =
        'Abdallah 2022, rated down one step (population: the trial enrolled veterans and service members with PTSD, not people with depression)';
      expect(c.explanation.find((l: string) => l.includes('ndirectness'))).toContain(named);
      // A direct meta-analysis and a direct trial of depression hold the grade.
      expect(c.grade).toBe('HIGH');
      expect(c.domains.find((d: any) => d.domain === 'INDIRECTNESS')).toEqual({
        domain: 'INDIRECTNESS',
        verdict: 'NOT_SERIOUS',
        reason: expect.stringContaining(named),
      });
      // Where every support differs from the claim, the grade itself is rated down.
      const three = (
        await server.gql(
          `{ claim(id: "claim-results-within-three-sessions") { assessment { grade domains { domain verdict } explanation } } }`,
        )
      ).data.claim.assessment;
      expect(three.domains.find((d: any) => d.domain === 'INDIRECTNESS').verdict).toBe(
        'VERY_SERIOUS',
      );
      expect(three.explanation).toContainEqual(
        expect.stringMatching(
          /^Rated down two steps to LOW for indirectness: every supporting study differs from the claim: .*population: the trial enrolled only people with major depression, while the claim also covers chronic pain/,
        ),
      );
    });

    it('grades a well-supported claim with its reasons (depression: trials and meta-analyses)', async () => {
      const report = (await server.gql(REPORT, { condition: 'depression' })).data.evidenceReport;
      const rapid = report.claims.find(
        (c: any) => c.claim.id === 'claim-rapid-antidepressant-effect',
      );
      expect(rapid.status).toMatch(/SUPPORTED|CONTESTED/);
      expect(['HIGH', 'MODERATE']).toContain(rapid.grade);
      expect(rapid.explanation.some((l: string) => l.startsWith('Starts at HIGH'))).toBe(true);
      expect(rapid.explanation[rapid.explanation.length - 1]).not.toBe('');
    });

    it('refuses an unknown condition with NOT_FOUND and suggests near names', async () => {
      const { data, errors } = await server.gql(REPORT, { condition: 'fibromialgia' });
      expect(data).toBeNull();
      expect(errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'condition' });
      expect(errors![0].extensions!.suggestions).toContain('Fibromyalgia');
      expect(errors![0].message).toContain('Fibromyalgia');
      expect(JSON.stringify(errors)).not.toMatch(/at .*\.ts:\d+/);
    });
  });

  describe('the seeded corpus', () => {
    it('anchors every statement exactly: source.text[start:end) in code points equals the quote', async () => {
      const { data } = await server.gql(
        `{ sources { id text statements { id quote start end prefix suffix } } }`,
      );
      const sources = data.sources;
      expect(sources).toHaveLength(5);
      let n = 0;
      for (const s of sources) {
        for (const st of s.statements) {
          expect(slice(s.text, st.start, st.end)).toBe(st.quote);
          expect(slice(s.text, Math.max(0, st.start - st.prefix.length), st.start)).toBe(st.prefix);
          expect(slice(s.text, st.end, st.end + [...st.suffix].length)).toBe(st.suffix);
          n++;
        }
      }
      expect(n).toBeGreaterThanOrEqual(40);
    });

    it('holds every study from studies.json, findable by DOI (any spelling) and PMID', async () => {
      const byDoi = await server.gql(
        `{ study(doi: "https://doi.org/10.1016/J.PAIN.2009.06.023") { id title year design pmid evidence { claim { id } relation } } }`,
      );
      expect(byDoi.data.study).toMatchObject({
        id: 'study-sigtermans-2009',
        year: 2009,
        design: 'RCT',
        pmid: '19604642',
      });
      expect(byDoi.data.study.evidence.length).toBeGreaterThan(0);
      const byPmid = await server.gql(`{ study(pmid: "PMID: 23982301") { id authors } }`);
      expect(byPmid.data.study.authors[0]).toBe('Murrough JW');
      const all = await server.gql(`{ studies(first: 100) { totalCount edges { node { id } } } }`);
      expect(all.data.studies.totalCount).toBe(41);
    });
  });

  describe('browsing', () => {
    it('lists claims with filters and cursors', async () => {
      const q = `query($filter: ClaimFilter, $after: String) { claims(filter: $filter, first: 5, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id assessment { status grade overclaimed } statements { hedging source { id } } } } } }`;
      const contradicted = (await server.gql(q, { filter: { status: 'CONTRADICTED' } })).data
        .claims;
      expect(contradicted.totalCount).toBeGreaterThan(0);
      expect(
        contradicted.edges.every((e: any) => e.node.assessment.status === 'CONTRADICTED'),
      ).toBe(true);

      const fibroSource = (
        await server.gql(q, {
          filter: { source: 'src-fibromyalgia-iv-ketamine', hedging: 'ASSERTIVE' },
        })
      ).data.claims;
      expect(
        fibroSource.edges.every((e: any) =>
          e.node.statements.some(
            (s: any) => s.hedging === 'ASSERTIVE' && s.source.id === 'src-fibromyalgia-iv-ketamine',
          ),
        ),
      ).toBe(true);

      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const page: any = (await server.gql(q, { filter: { condition: 'chronic pain' }, after }))
          .data.claims;
        total = page.totalCount;
        seen.push(...page.edges.map((e: any) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen.length).toBe(total);
      expect(new Set(seen).size).toBe(total);
      expect(seen).toEqual([...seen].sort());
    });

    it('searches across types, best match first, and fetches any node by id', async () => {
      const res = await server.gql(
        `{ search(text: "anti-inflammatory", first: 5) { totalCount edges { node { type label snippet score node { id ... on Claim { text } ... on Mechanism { name } } } } } }`,
      );
      const hits = res.data.search.edges.map((e: any) => e.node);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.map((h: any) => h.type)).toEqual(expect.arrayContaining(['MECHANISM']));
      expect(hits[0].score).toBeGreaterThanOrEqual(hits[hits.length - 1].score);
      expect(hits[0].snippet).toContain('[');

      const node =
        await server.gql(`{ a: node(id: "fibromyalgia") { id __typename ... on Condition { name broader { id } } }
        b: node(id: "study-sigtermans-2009") { __typename } c: node(id: "nope") { id } }`);
      expect(node.data).toEqual({
        a: {
          id: 'fibromyalgia',
          __typename: 'Condition',
          name: 'Fibromyalgia',
          broader: [{ id: 'chronic-pain' }],
        },
        b: { __typename: 'Study' },
        c: null,
      });
    });

    it('walks the condition hierarchy and lists conditions', async () => {
      const res = await server.gql(
        `{ condition(name: "chronic pain") { id narrower { id } } conditions(first: 3) { totalCount edges { node { name } } pageInfo { hasNextPage } } }`,
      );
      expect(res.data.condition.narrower.map((c: any) => c.id)).toEqual(
        expect.arrayContaining(['fibromyalgia', 'crps']),
      );
      expect(res.data.conditions.edges).toHaveLength(3);
      expect(res.data.conditions.pageInfo.hasNextPage).toBe(true);
    });
  });
});
