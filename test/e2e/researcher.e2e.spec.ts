/**
 * What a researcher does, over HTTP on each store: walk neighbourhoods and paths, follow the
 * citation network, and see what rests on a retracted paper.
 */
import { bearer, startServer, storeKinds, TestServer } from '../support/server';

describe.each(storeKinds())('on the %s store', (store) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ store, seed: true });
  });

  afterAll(async () => {
    await server.close();
  });

  async function ok(query: string, variables?: Record<string, unknown>) {
    const res = await server.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  describe('exploration', () => {
    const HOOD = `query($id: ID!, $depth: Int, $types: [NodeType!], $edgeTypes: [EdgeType!], $limit: Int) {
      neighborhood(id: $id, depth: $depth, types: $types, edgeTypes: $edgeTypes, limit: $limit) {
        truncated nodes { id type label } edges { source target type } } }`;

    it('shows fibromyalgia at depth 2: its claims and broader condition, then their studies, statements and siblings', async () => {
      const { neighborhood: n } = await ok(HOOD, { id: 'fibromyalgia', depth: 2 });
      const ids = n.nodes.map((x: any) => x.id);
      expect(n.nodes[0]).toEqual({ id: 'fibromyalgia', type: 'CONDITION', label: 'Fibromyalgia' });
      expect(ids).toEqual(
        expect.arrayContaining([
          'chronic-pain',
          'claim-fibromyalgia-relief-up-to-3-months',
          'claim-fibromyalgia-pain-relief',
          'study-pastrak-2021',
          'study-de-carvalho-2024',
          'crps',
          'claim-pain-signal-blockade',
        ]),
      );
      expect(n.edges).toContainEqual({
        source: 'claim-fibromyalgia-relief-up-to-3-months',
        target: 'fibromyalgia',
        type: 'ABOUT',
      });
      expect(n.edges).toContainEqual({
        source: 'study-pastrak-2021',
        target: 'claim-fibromyalgia-relief-up-to-3-months',
        type: 'CONTRADICTS',
      });
      expect(n.edges).toContainEqual({
        source: 'fibromyalgia',
        target: 'chronic-pain',
        type: 'BROADER',
      });
      const known = new Set(ids);
      expect(n.edges.every((e: any) => known.has(e.source) && known.has(e.target))).toBe(true);
      expect(n.nodes.find((x: any) => x.id === 'study-pastrak-2021').label).toMatch(
        /^Pastrak 2021: /,
      );
      expect(n.truncated).toBe(false);
    });

    it('filters by node and edge type and says when the limit cut the slice', async () => {
      const conditions = (await ok(HOOD, { id: 'fibromyalgia', depth: 3, edgeTypes: ['BROADER'] }))
        .neighborhood;
      expect(conditions.nodes.every((x: any) => x.type === 'CONDITION')).toBe(true);
      expect(conditions.nodes.map((x: any) => x.id)).toEqual(
        expect.arrayContaining(['chronic-pain', 'crps', 'neuropathic-pain', 'diabetic-neuropathy']),
      );
      const studies = (await ok(HOOD, { id: 'claim-crps-pain-relief', depth: 1, types: ['STUDY'] }))
        .neighborhood;
      expect(studies.nodes.slice(1).every((x: any) => x.type === 'STUDY')).toBe(true);
      expect(studies.nodes.map((x: any) => x.id)).toEqual(
        expect.arrayContaining(['study-sigtermans-2009', 'study-schwartzman-2009']),
      );
      const cut = (await ok(HOOD, { id: 'chronic-pain', depth: 3, limit: 10 })).neighborhood;
      expect(cut.nodes).toHaveLength(10);
      expect(cut.truncated).toBe(true);
    });

    it('finds the shortest paths from fibromyalgia to NMDA receptor antagonism first', async () => {
      const { paths } =
        await ok(`{ paths(from: "fibromyalgia", to: "nmda-receptor-antagonism", maxLength: 4, limit: 5) {
        length nodes { id type } edges { source target type } } }`);
      expect(paths.length).toBeGreaterThanOrEqual(2);
      expect(paths[0].length).toBe(3);
      expect(paths.map((p: any) => p.length)).toEqual([...paths.map((p: any) => p.length)].sort());
      const routes = paths
        .filter((p: any) => p.length === 3)
        .map((p: any) => p.nodes.map((x: any) => x.id));
      expect(routes).toContainEqual([
        'fibromyalgia',
        'chronic-pain',
        'claim-pain-signal-blockade',
        'nmda-receptor-antagonism',
      ]);
      for (const p of paths) {
        expect(p.nodes[0].id).toBe('fibromyalgia');
        expect(p.nodes[p.nodes.length - 1]).toEqual({
          id: 'nmda-receptor-antagonism',
          type: 'MECHANISM',
        });
        expect(p.edges).toHaveLength(p.length);
        p.edges.forEach((e: any, i: number) => {
          expect([e.source, e.target].sort()).toEqual([p.nodes[i].id, p.nodes[i + 1].id].sort());
        });
      }
    });

    it('refuses unbounded or unknown walks with clear errors', async () => {
      const deep = await server.gql(`{ neighborhood(id: "fibromyalgia", depth: 4) { truncated } }`);
      expect(deep.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
      const long = await server.gql(
        `{ paths(from: "fibromyalgia", to: "crps", maxLength: 9) { length } }`,
      );
      expect(long.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'maxLength',
      });
      const unknown = await server.gql(`{ neighborhood(id: "no-such-node") { truncated } }`);
      expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    });
  });

  describe('search that forgives', () => {
    const SEARCH = `query($t: String!) { search(text: $t, first: 100) {
      totalCount totalCountIsEstimate edges { node { type label snippet node { id } } } } }`;
    const ids = async (t: string) => {
      const { search } = await ok(SEARCH, { t });
      return {
        total: search.totalCount as number,
        estimate: search.totalCountIsEstimate as boolean,
        ids: search.edges.map((e: any) => e.node.node.id).sort() as string[],
        snippets: search.edges.map((e: any) => e.node.snippet) as string[],
      };
    };

    it('finds the same nodes for a word, its plural and other forms of it', async () => {
      for (const [one, other] of [
        ['infusion', 'infusions'],
        ['study', 'studies'],
        ['receptor', 'receptors'],
      ]) {
        const a = await ids(one);
        const b = await ids(other);
        expect(a.total).toBeGreaterThan(0);
        // Fewer than the cap: an exact count.
        expect(a.estimate).toBe(false);
        expect([other, b.total, b.ids]).toEqual([other, a.total, a.ids]);
      }
      // "treated" finds what mentions treatment too (its stem begins "treatment").
      const treated = await ids('treated');
      expect(treated.ids).toEqual(expect.arrayContaining((await ids('treat')).ids));
    });

    it('highlights the matching words of every hit, whatever its type', async () => {
      const { snippets } = await ids('infusions');
      expect(snippets.length).toBeGreaterThan(0);
      for (const s of snippets) expect(s).toMatch(/\[[^\]]*infus[^\]]*\]/i);
    });

    it('suggests only close names for an unknown condition, and none when nothing is close', async () => {
      const REPORT = `query($c: String!) { evidenceReport(condition: $c) { condition { id } } }`;
      const typo = await server.gql(REPORT, { c: 'fibromialgia' });
      expect(typo.errors![0].extensions!.code).toBe('NOT_FOUND');
      expect(typo.errors![0].extensions!.suggestions).toEqual(['Fibromyalgia']);
      const far = await server.gql(REPORT, { c: 'migraine' });
      expect(far.errors![0].extensions!.code).toBe('NOT_FOUND');
      expect(far.errors![0].extensions!.suggestions).toEqual([]);
      expect(far.errors![0].message).toMatch(/no condition has a close name/i);
    });
  });

  describe('citations and retractions', () => {
    it('imports a small BibTeX upload: known studies merge by DOI, a malformed record is rejected with its line', async () => {
      const bib = [
        '@article{sigtermans2009,',
        '  title = {Ketamine produces effective and long-term pain relief in patients with Complex Regional Pain Syndrome Type 1},',
        '  author = {Sigtermans, M. J. and van Hilten, J. J. and Bauer, M. C. R.},',
        '  journal = {Pain}, year = {2009}, doi = {10.1016/J.PAIN.2009.06.023}',
        '}',
        '@article{broken,',
        '  author = {Nobody, N.}, year = {2020}, doi = {not a doi}',
        '}',
      ].join('\n');
      const res = await ok(
        `mutation($input: ImportCitationsInput!) { importCitations(input: $input) {
        created merged rejected records { index line status studyId reason } } }`,
        { input: { format: 'BIBTEX', content: bib, citedById: 'study-bell-2017' } },
      );
      const r = res.importCitations;
      expect(r).toMatchObject({ created: 0, merged: 1, rejected: 1 });
      expect(r.records[0]).toMatchObject({
        index: 1,
        line: 1,
        status: 'MERGED',
        studyId: 'study-sigtermans-2009',
        reason: 'doi',
      });
      expect(r.records[1]).toMatchObject({ index: 2, line: 6, status: 'REJECTED', studyId: null });
      expect(r.records[1].reason.length).toBeGreaterThan(5);
      const cites = await ok(
        `{ study(id: "study-bell-2017") { cites { edges { node { id } } } } }`,
      );
      expect(cites.study.cites.edges).toContainEqual({ node: { id: 'study-sigtermans-2009' } });
    });

    it('records citations between studies and reads them both ways, with counts', async () => {
      const add =
        await ok(`mutation { addCitation(input: { citingId: "study-pastrak-2021", citedId: "study-graven-nielsen-2000" }) {
        id cites { totalCount edges { node { id } } } } }`);
      expect(add.addCitation.cites).toEqual({
        totalCount: 1,
        edges: [{ node: { id: 'study-graven-nielsen-2000' } }],
      });
      await ok(
        `mutation { addCitation(input: { citingId: "study-de-carvalho-2024", citedId: "study-pastrak-2021" }) { id } }`,
      );
      const cited = await ok(
        `{ study(id: "study-graven-nielsen-2000") { citedBy { totalCount edges { node { id } } } } }`,
      );
      expect(cited.study.citedBy.totalCount).toBe(1);
      const again = await server.gql(
        `mutation { addCitation(input: { citingId: "study-pastrak-2021", citedId: "study-graven-nielsen-2000" }) { id } }`,
      );
      expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
      const self = await server.gql(
        `mutation { addCitation(input: { citingId: "study-pastrak-2021", citedId: "study-pastrak-2021" }) { id } }`,
      );
      expect(self.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.citedId',
      });
      const hood = await ok(
        `{ neighborhood(id: "study-pastrak-2021", edgeTypes: [CITES]) { edges { source target type } } }`,
      );
      expect(hood.neighborhood.edges).toContainEqual({
        source: 'study-pastrak-2021',
        target: 'study-graven-nielsen-2000',
        type: 'CITES',
      });
    });

    it('seeds the citations read in published reference lists: what cites Sigtermans 2009 and what rests on it', async () => {
      // seeds/curation/citations.json: Niesters 2014 (a review) and Cotter 2021 (a case series)
      // list Sigtermans 2009 in their reference lists.
      const seeded = await ok(`{
        niesters: study(id: "study-niesters-2014") { cites { totalCount edges { node { id } } } }
        cotter: study(id: "study-cotter-2021") { cites { edges { node { id } } } }
        sigtermans: study(id: "study-sigtermans-2009") { citedBy { edges { node { id } } } }
        retractionImpact(study: "study-sigtermans-2009") { citingStudies { study { id } hops } } }`);
      expect(seeded.niesters.cites).toEqual({
        totalCount: 1,
        edges: [{ node: { id: 'study-sigtermans-2009' } }],
      });
      expect(seeded.cotter.cites.edges.map((e: any) => e.node.id)).toEqual([
        'study-berman-2000',
        'study-schwartzman-2009',
        'study-sigtermans-2009',
        'study-zarate-2006',
      ]);
      expect(seeded.sigtermans.citedBy.edges).toEqual(
        expect.arrayContaining([
          { node: { id: 'study-cotter-2021' } },
          { node: { id: 'study-niesters-2014' } },
        ]),
      );
      expect(seeded.retractionImpact.citingStudies).toEqual(
        expect.arrayContaining([
          { study: { id: 'study-cotter-2021' }, hops: 1 },
          { study: { id: 'study-niesters-2014' }, hops: 1 },
        ]),
      );
    });

    it('retracting Sigtermans 2009 drops it from every assessment that used it; retractionImpact names them', async () => {
      const REPORT = `{ evidenceReport(condition: "CRPS") { claims { claim { id } explanation supporting { study { id } counts } } } }`;
      const before = (await ok(REPORT)).evidenceReport.claims.find(
        (c: any) => c.claim.id === 'claim-crps-pain-relief',
      );
      expect(before.supporting).toContainEqual({
        study: { id: 'study-sigtermans-2009' },
        counts: true,
      });

      // Bell 2017 cites it through its reference list (the BibTeX import test records that too;
      // whichever runs first records it, the other finds it there).
      const bell = await server.gql(
        `mutation { addCitation(input: { citingId: "study-bell-2017", citedId: "study-sigtermans-2009" }) { id } }`,
      );
      expect(bell.errors?.[0].extensions?.code ?? 'CREATED').toMatch(/^(CREATED|CONFLICT)$/);
      await ok(
        `mutation { addCitation(input: { citingId: "study-orhurhu-2019", citedId: "study-sigtermans-2009" }) { id } }`,
      );
      await ok(
        `mutation { addCitation(input: { citingId: "study-cohen-2018", citedId: "study-orhurhu-2019" }) { id } }`,
      );
      // A notice waits for review on the study's version read (issue 9: it took effect at once).
      const version = async () =>
        (await ok(`{ study(id: "study-sigtermans-2009") { version } }`)).study.version;
      const MARK = `mutation($input: MarkNoticeInput!) { markNotice(input: $input) { retracted notices(includePending: true) { id kind reviewStatus } } }`;
      const ACCEPT = `mutation($input: ReviewChangeInput!) { reviewChange(input: $input) { ... on Notice {
        reviewStatus study { retracted retraction { date note } notices { kind date } } } } }`;
      const accept = async (id: string) => {
        const res = await server.gql(
          ACCEPT,
          { input: { id, expectedVersion: 1, decision: 'ACCEPT' } },
          bearer(server.tokens.admin),
        );
        expect(res.errors).toBeUndefined();
        return res.data.reviewChange;
      };
      const sigtermans = { studyId: 'study-sigtermans-2009' };
      const correction = await ok(MARK, {
        input: {
          ...sigtermans,
          kind: 'CORRECTION',
          date: '2010-01-05',
          note: 'Erratum',
          expectedVersion: await version(),
        },
      });
      expect(correction.markNotice).toMatchObject({
        retracted: false,
        notices: [{ kind: 'CORRECTION', reviewStatus: 'SUBMITTED' }],
      });
      await accept(correction.markNotice.notices[0].id);

      const marked = await ok(MARK, {
        input: {
          ...sigtermans,
          kind: 'RETRACTION',
          date: '2026-11-01',
          note: 'Test retraction',
          expectedVersion: await version(),
        },
      });
      expect(marked.markNotice.retracted).toBe(false);
      const retraction = marked.markNotice.notices.find((n: any) => n.kind === 'RETRACTION');
      expect(await accept(retraction.id)).toEqual({
        reviewStatus: 'ACCEPTED',
        study: {
          retracted: true,
          retraction: { date: '2026-11-01', note: 'Test retraction' },
          notices: [
            { kind: 'CORRECTION', date: '2010-01-05' },
            { kind: 'RETRACTION', date: '2026-11-01' },
          ],
        },
      });

      const after = (await ok(REPORT)).evidenceReport.claims.find(
        (c: any) => c.claim.id === 'claim-crps-pain-relief',
      );
      expect(after.supporting).toContainEqual({
        study: { id: 'study-sigtermans-2009' },
        counts: false,
      });
      expect(after.explanation[0]).toMatch(/Sigtermans 2009 is retracted \(2026-11-01\)/);
      const perception = await ok(
        `{ claim(id: "claim-perception-changes") { assessment { explanation } evidence { study { id } counts } } }`,
      );
      expect(perception.claim.evidence).toContainEqual({
        study: { id: 'study-sigtermans-2009' },
        counts: false,
      });

      const impact = await ok(`{ retractionImpact(study: "study-sigtermans-2009") {
        study { id } claims { claim { id } relation assessment { status grade explanation } } citingStudies { study { id } hops } } }`);
      const r = impact.retractionImpact;
      expect(r.claims.map((c: any) => c.claim.id).sort()).toEqual([
        'claim-crps-pain-relief',
        'claim-perception-changes',
      ]);
      expect(
        r.claims.every(
          (c: any) =>
            c.relation === 'SUPPORTS' && /retracted/.test(c.assessment.explanation.join(' ')),
        ),
      ).toBe(true);
      expect(r.citingStudies).toEqual([
        { study: { id: 'study-bell-2017' }, hops: 1 },
        { study: { id: 'study-cotter-2021' }, hops: 1 }, // seeded (citations.json)
        { study: { id: 'study-niesters-2014' }, hops: 1 }, // seeded (citations.json)
        { study: { id: 'study-orhurhu-2019' }, hops: 1 },
        { study: { id: 'study-cohen-2018' }, hops: 2 },
      ]);

      const twice = await server.gql(
        `mutation { markNotice(input: { studyId: "study-sigtermans-2009", kind: RETRACTION, expectedVersion: ${await version()} }) { id } }`,
      );
      expect(twice.errors?.[0].extensions?.code).toBe('CONFLICT');
      const badDate = await server.gql(
        `mutation { markNotice(input: { studyId: "study-sigtermans-2009", kind: CORRECTION, date: "yesterday", expectedVersion: 1 }) { id } }`,
      );
      expect(badDate.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.date',
      });
    });
  });
});
