/**
 * The EvidenceStore contract: one suite, run unchanged against every adapter with a real database
 * each. Every test starts from an empty store; where a behaviour is checked, the database is also
 * read through an independent probe (raw SQL, raw Cypher), not only through the store under test.
 */
import {
  EdgeType,
  EvidenceRelation,
  GapStatus,
  Hedging,
  NodeType,
  NoticeKind,
  IndirectnessDomain,
  ReviewStatus,
  RiskOfBias,
  StudyDesign,
} from '../../src/graphql.schema';
import { createHash } from 'crypto';
import { newRevisionId } from '../../src/common/ids';
import { revision } from '../../src/history/revision';
import {
  BundleAudit,
  EvidenceStore,
  GapRecord,
  MissingReferenceError,
  RECORD_KINDS,
  RevisionRecord,
  StatementRecord,
  StoreCounts,
  UniqueViolationError,
} from '../../src/store/ports';
import { emptyBundle } from '../../src/store/bundle-plan';
import { conditionEvidenceFrom } from '../../src/store/condition-evidence';
import * as f from '../support/fixtures';
import { describeAsOfOverlay } from './as-of.contract';

/** Reads the database without the store under test. */
export interface StoreProbe {
  counts(): Promise<StoreCounts>;
  /** One stored property of a node, read raw. */
  property(
    id: string,
    name: 'text' | 'version' | 'doi' | 'title' | 'quote' | 'reviewStatus' | 'status' | 'name',
  ): Promise<unknown>;
  /** Revisions stored for one record (any record when no id), read raw. */
  revisionCount(entityId?: string): Promise<number>;
  /** Stored API tokens, read raw: id and hash only. */
  tokens(): Promise<Array<{ id: string; hash: string }>>;
  close(): Promise<void>;
}

export interface StoreHarness {
  /** A fresh, empty, initialised store and a probe of the same database. */
  setup(): Promise<{ store: EvidenceStore; probe: StoreProbe }>;
  /** Opens a second store on the same database (to check init is idempotent and data persists). */
  reopen(): Promise<EvidenceStore>;
  teardown(): Promise<void>;
}

const ZERO: StoreCounts = {
  sources: 0,
  statements: 0,
  claims: 0,
  conditions: 0,
  mechanisms: 0,
  interventions: 0,
  studies: 0,
  evidence: 0,
  gaps: 0,
  notices: 0,
  citations: 0,
};

export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`EvidenceStore contract: ${name}`, () => {
    let store: EvidenceStore;
    let probe: StoreProbe;

    beforeEach(async () => {
      ({ store, probe } = await harness.setup());
    });

    afterEach(async () => {
      await probe.close();
      await harness.teardown();
    });

    const seedSmall = () => store.upsertBundle(f.smallGraph());

    describe('lifecycle', () => {
      it('starts empty', async () => {
        expect(await store.counts()).toEqual(ZERO);
        expect(await probe.counts()).toEqual(ZERO);
      });

      it('init is idempotent and data survives a reopen', async () => {
        await seedSmall();
        const again = await harness.reopen();
        expect(await again.counts()).toEqual(await probe.counts());
        expect((await again.getClaims(['claim-a']))[0].text).toBe('Ketamine relieves pain');
        await again.close();
      });

      it('the clock holds still while nothing is written and moves with every write', async () => {
        await seedSmall();
        const start = await store.clock();
        await store.getClaims(['claim-a']);
        await store.conditionEvidence('pain', 8);
        expect(await store.clock()).toBe(start);

        await store.createStudy(f.study({ id: 'study-clock', doi: '10.1000/clock', pmid: null }));
        const afterCreate = await store.clock();
        expect(afterCreate).not.toBe(start);
        await store.setReviewStatus(
          'claims',
          'claim-a',
          1,
          ReviewStatus.REJECTED,
          '2026-11-30T00:00:00.000Z',
        );
        const afterReview = await store.clock();
        expect([start, afterCreate]).not.toContain(afterReview);
      });

      it("the clock moves with another connection's writes (another worker, a CLI)", async () => {
        await seedSmall();
        const other = await harness.reopen();
        try {
          const start = await store.clock();
          expect(await other.clock()).toBe(await other.clock());
          await other.createStudy(f.study({ id: 'study-other', doi: '10.1000/other', pmid: null }));
          expect(await store.clock()).not.toBe(start);
        } finally {
          await other.close();
        }
      });
    });

    describe('round trips', () => {
      it('stores and returns every record type unchanged', async () => {
        const g = f.smallGraph();
        await store.upsertBundle(g);
        expect(await store.getSources(['src-a'])).toEqual(g.sources);
        expect(sortById(await store.getConditions(['pain', 'fibro']))).toEqual(
          sortById(g.conditions),
        );
        expect(await store.getMechanisms(['nmda'])).toEqual(g.mechanisms);
        expect(await store.getInterventions(['int-a'])).toEqual(g.interventions);
        expect(sortById(await store.getClaims(['claim-a', 'claim-b']))).toEqual(sortById(g.claims));
        expect(sortById(await store.getStatements(['stmt-a', 'stmt-b']))).toEqual(
          sortById(g.statements),
        );
        expect(sortById(await store.getStudies(['study-a', 'study-b']))).toEqual(
          sortById(g.studies),
        );
        expect(sortById(await store.evidenceByClaims(['claim-a']))).toEqual(sortById(g.evidence));
        expect(await store.getGaps(['gap-a'])).toEqual(g.gaps);
        expect(await probe.counts()).toEqual({
          ...ZERO,
          sources: 1,
          conditions: 2,
          mechanisms: 1,
          interventions: 1,
          claims: 2,
          statements: 2,
          studies: 2,
          evidence: 2,
          gaps: 1,
          notices: 1,
          citations: 1,
        });
      });

      it("keeps a study's risk-of-bias judgement and reason, NOT_ASSESSED where none", async () => {
        const high = f.study({
          id: 'study-high',
          doi: '10.1000/high',
          pmid: null,
          riskOfBias: RiskOfBias.HIGH,
          riskOfBiasReason: 'Open-label, no control group',
        });
        const some = f.study({
          id: 'study-some',
          doi: '10.1000/some',
          pmid: null,
          riskOfBias: RiskOfBias.SOME_CONCERNS,
          riskOfBiasReason: 'Allocation concealment unclear',
        });
        await store.createStudy(high);
        const g = f.smallGraph();
        await store.upsertBundle({ ...g, studies: [...g.studies, some] });
        const all = sortById([high, some, ...g.studies]);
        expect(g.studies[0]).toMatchObject({ riskOfBias: 'NOT_ASSESSED', riskOfBiasReason: null });
        expect(sortById(await store.getStudies(all.map((s) => s.id)))).toEqual(all);
        expect(await store.scan('studies', undefined, 10)).toEqual(all);
        const again = await harness.reopen();
        expect(sortById(await again.getStudies(all.map((s) => s.id)))).toEqual(all);
        await again.close();
      });

      it("keeps a link's indirectness and a study's population conditions, none where none recorded", async () => {
        const g = f.smallGraph();
        expect(g.evidence[0].indirectness).toEqual([]);
        expect(g.studies[0].populationConditionIds).toEqual([]);
        const differs = [
          {
            domain: IndirectnessDomain.POPULATION,
            reason: 'the trial enrolled people with PTSD, not depression 😀',
          },
          { domain: IndirectnessDomain.TIMEFRAME, reason: 'followed for 1 week, not 3 months' },
        ];
        const studies = [
          { ...g.studies[0], populationConditionIds: ['fibro', 'pain'] },
          ...g.studies.slice(1),
        ];
        const evidence = [{ ...g.evidence[0], indirectness: differs }, ...g.evidence.slice(1)];
        await store.upsertBundle({ ...g, studies, evidence });
        const ids = evidence.map((e) => e.id);
        expect(sortById(await store.getEvidenceLinks(ids))).toEqual(sortById(evidence));
        expect(sortById(await store.getStudies(studies.map((x) => x.id)))).toEqual(
          sortById(studies),
        );
        const again = await harness.reopen();
        expect(sortById(await again.getEvidenceLinks(ids))).toEqual(sortById(evidence));
        expect((await again.getStudies([studies[0].id]))[0].populationConditionIds).toEqual([
          'fibro',
          'pain',
        ]);
        await again.close();
        // A bundle whose link records another difference replaces it.
        const replaced = await store.upsertBundle(g, 'replace-changed');
        expect(replaced.updated).toBe(2);
        expect((await store.getEvidenceLinks([evidence[0].id]))[0]).toMatchObject({
          indirectness: [],
          version: evidence[0].version + 1,
        });
      });

      it("keeps a source's retrieval day and HTML hash, and null where there are none", async () => {
        const page = f.source({
          id: 'src-page',
          retrievedAt: '2026-11-30',
          htmlSha256: createHash('sha256').update('<p>page</p>').digest('hex'),
        });
        const pasted = f.source({ id: 'src-pasted', retrievedAt: '2025-01-02' });
        const bundled = f.source({
          id: 'src-bundled',
          retrievedAt: '2024-02-29',
          htmlSha256: 'f'.repeat(64),
        });
        await store.createSource(page);
        await store.createSource(pasted);
        const g = f.smallGraph();
        await store.upsertBundle({ ...g, sources: [...g.sources, bundled] });
        const all = sortById([page, pasted, bundled, g.sources[0]]);
        expect(g.sources[0]).toMatchObject({ retrievedAt: null, htmlSha256: null });
        expect(sortById(await store.getSources(all.map((s) => s.id)))).toEqual(all);
        expect(sortById(await store.listSources())).toEqual(all);
        expect(await store.scan('sources', undefined, 10)).toEqual(all);
        const again = await harness.reopen();
        expect(sortById(await again.getSources(all.map((s) => s.id)))).toEqual(all);
        await again.close();
      });

      it('keeps text byte-exact: astral characters, RTL marks, quotes, control characters, SQL and Cypher fragments', async () => {
        const text =
          "Robert'); DROP TABLE claims;-- MATCH (n) DETACH DELETE n \u202Eevil\u202C 😀 \u0007 “q” \\ \t\n";
        await store.createClaim(f.claim({ text }));
        expect((await store.getClaims(['claim-a']))[0].text).toBe(text);
        expect(await probe.property('claim-a', 'text')).toBe(text);
      });

      it('batch reads return only the ids found, whatever is asked', async () => {
        await seedSmall();
        const got = await store.getClaims(['nope', 'claim-b', 'claim-a', 'claim-a']);
        expect(got.map((c) => c.id).sort()).toEqual(['claim-a', 'claim-b']);
        expect(await store.getStudies([])).toEqual([]);
      });

      it('knows the type of every node id', async () => {
        await seedSmall();
        const types = await store.nodeTypes([
          'src-a',
          'stmt-a',
          'claim-a',
          'fibro',
          'nmda',
          'int-a',
          'study-a',
          'gap-a',
          'nope',
        ]);
        expect(Object.fromEntries(types)).toEqual({
          'src-a': NodeType.SOURCE,
          'stmt-a': NodeType.STATEMENT,
          'claim-a': NodeType.CLAIM,
          fibro: NodeType.CONDITION,
          nmda: NodeType.MECHANISM,
          'int-a': NodeType.INTERVENTION,
          'study-a': NodeType.STUDY,
          'gap-a': NodeType.EVIDENCE_GAP,
        });
      });
    });

    describe('constraints: a refused write leaves nothing behind', () => {
      it('ids are unique across types', async () => {
        await seedSmall();
        const before = await probe.counts();
        await expect(
          store.createStudy(f.study({ id: 'claim-a', doi: '10.1000/zz', pmid: null })),
        ).rejects.toBeInstanceOf(UniqueViolationError);
        await expect(store.createCondition(f.condition({ id: 'study-a' }))).rejects.toBeInstanceOf(
          UniqueViolationError,
        );
        expect(await probe.counts()).toEqual(before);
      });

      it('a second study with the same DOI or PMID is refused and names the holder', async () => {
        await store.createStudy(f.study());
        const byDoi = store.createStudy(f.study({ id: 'study-x', pmid: null }));
        await expect(byDoi).rejects.toMatchObject({ field: 'doi', existingId: 'study-a' });
        const byPmid = store.createStudy(f.study({ id: 'study-y', doi: null }));
        await expect(byPmid).rejects.toMatchObject({ field: 'pmid', existingId: 'study-a' });
        expect((await probe.counts()).studies).toBe(1);
      });

      it('one evidence link per study and claim', async () => {
        await seedSmall();
        await expect(store.createEvidenceLink(f.link({ id: 'ev-dup' }))).rejects.toBeInstanceOf(
          UniqueViolationError,
        );
        expect((await probe.counts()).evidence).toBe(2);
      });

      it('references must exist', async () => {
        await seedSmall();
        const before = await probe.counts();
        await expect(
          store.createStatement(f.statement({ id: 'stmt-x', claimId: 'nope' })),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        await expect(
          store.createClaim(f.claim({ id: 'claim-x', conditionIds: ['fibro', 'nope'] })),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        await expect(
          store.createEvidenceLink(f.link({ id: 'ev-x', studyId: 'nope' })),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        await expect(
          store.createCondition(f.condition({ id: 'c-x', broaderIds: ['nope'] })),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        expect(await probe.counts()).toEqual(before);
        expect(await store.nodeTypes(['claim-x', 'c-x', 'stmt-x'])).toEqual(new Map());
      });

      it('a bundle with one bad record writes nothing at all', async () => {
        const g = f.smallGraph();
        g.statements.push(f.statement({ id: 'stmt-bad', claimId: 'missing-claim' }));
        await expect(store.upsertBundle(g)).rejects.toBeInstanceOf(MissingReferenceError);
        expect(await probe.counts()).toEqual(ZERO);
      });

      it('an audited bundle that fails in its node or link writes leaves neither records nor revisions', async () => {
        await seedSmall();
        const before = await probe.counts();
        const revisionsBefore = await probe.revisionCount();
        const audit: BundleAudit = {
          revision: (kind, b, a) => revision(kind, b, a, { actor: 'importer' }, f.LATER),
        };
        const fresh = (id: string, doi: string | null) =>
          f.study({ id, doi, pmid: null, title: `Imported ${id}` });
        // A DOI another stored study holds, after and before records that are fine.
        const duplicate = {
          ...emptyBundle(),
          studies: [fresh('study-new-1', '10.5555/new.1'), fresh('study-dup', '10.1000/b')],
        };
        duplicate.studies.push(fresh('study-new-2', null));
        await expect(store.upsertBundle(duplicate, 'create-missing', audit)).rejects.toBeInstanceOf(
          UniqueViolationError,
        );
        // A link to a claim that does not exist, beside new studies.
        const missing = {
          ...emptyBundle(),
          studies: [fresh('study-new-3', '10.5555/new.3')],
          evidence: [f.link({ id: 'ev-new', studyId: 'study-new-3', claimId: 'no-such-claim' })],
        };
        await expect(store.upsertBundle(missing, 'create-missing', audit)).rejects.toBeInstanceOf(
          MissingReferenceError,
        );
        expect(await probe.counts()).toEqual(before);
        expect(await probe.revisionCount()).toBe(revisionsBefore);
        const ids = ['study-new-1', 'study-dup', 'study-new-2', 'study-new-3'];
        expect(await store.nodeTypes(ids)).toEqual(new Map());
        // The same records without the faulty one are written, each with its revision.
        duplicate.studies.splice(1, 1);
        await store.upsertBundle(duplicate, 'create-missing', audit);
        expect((await probe.counts()).studies).toBe(before.studies + 2);
        expect(await probe.revisionCount('study-new-1')).toBe(1);
        expect(await probe.revisionCount('study-new-2')).toBe(1);
      });
    });

    describe("a source's curation in one transaction (createCuration)", () => {
      const curationRev = (id: string, kind: RevisionRecord['entityKind'], after: object) =>
        revision(kind, null, after, { actor: 'alice' }, f.LATER);
      const submitted = { reviewStatus: ReviewStatus.SUBMITTED, createdAt: f.LATER };
      const batch = () => {
        const claimC = f.claim({
          id: 'claim-c',
          text: 'Ketamine helps everything',
          conditionIds: ['fibro'],
          ...submitted,
        });
        const statements = [
          f.statement({
            id: 'stmt-c',
            claimId: 'claim-c',
            quote: 'Ketamine has been shown to help',
            ...submitted,
          }),
          f.statement({ id: 'stmt-d', claimId: 'claim-b', quote: '“fast”', ...submitted }),
        ];
        const evidence = [
          f.link({ id: 'ev-c', studyId: 'study-b', claimId: 'claim-c', ...submitted }),
        ];
        const gaps = [
          f.gap({ id: 'gap-c', claimId: 'claim-c', statementId: 'stmt-c', ...submitted }),
        ];
        return { claims: [claimC], statements, evidence, gaps };
      };
      const auditOf = (b: ReturnType<typeof batch>) => [
        ...b.claims.map((c) => curationRev(c.id, 'claims', c)),
        ...b.statements.map((s) => curationRev(s.id, 'statements', s)),
        ...b.evidence.map((e) => curationRev(e.id, 'evidence', e)),
        ...b.gaps.map((g) => curationRev(g.id, 'gaps', g)),
      ];

      it('writes new claims, statements (of new and stored claims), links, gaps and their revisions', async () => {
        await seedSmall();
        const before = await probe.counts();
        const revisionsBefore = await probe.revisionCount();
        const b = batch();
        await store.createCuration(b, auditOf(b));
        expect(await probe.counts()).toEqual({
          ...before,
          claims: before.claims + 1,
          statements: before.statements + 2,
          evidence: before.evidence + 1,
          gaps: before.gaps + 1,
        });
        expect(await probe.revisionCount()).toBe(revisionsBefore + 5);
        expect(await probe.revisionCount('stmt-c')).toBe(1);
        expect(await probe.property('claim-c', 'reviewStatus')).toBe(ReviewStatus.SUBMITTED);
        expect(await probe.property('stmt-d', 'quote')).toBe('“fast”');
        expect((await store.getClaims(['claim-c']))[0]).toMatchObject({ conditionIds: ['fibro'] });
        expect((await store.statementsByClaims(['claim-c'])).map((s) => s.id)).toEqual(['stmt-c']);
        expect((await store.evidenceByClaims(['claim-c']))[0]).toMatchObject({
          id: 'ev-c',
          studyId: 'study-b',
          reviewStatus: ReviewStatus.SUBMITTED,
        });
        expect((await store.gapsByClaims(['claim-c']))[0]).toMatchObject({ statementId: 'stmt-c' });
      });

      it.each([
        ['a statement of a missing claim', MissingReferenceError],
        ['a study already linked to the claim', UniqueViolationError],
        ['an id already taken', UniqueViolationError],
        ['a gap on a missing statement', MissingReferenceError],
      ] as const)(
        'an item in the middle failing (%s) leaves the store unchanged',
        async (what, error) => {
          await seedSmall();
          const before = await probe.counts();
          const revisionsBefore = await probe.revisionCount();
          const b = batch();
          if (what === 'a statement of a missing claim')
            b.statements.splice(
              1,
              0,
              f.statement({ id: 'stmt-x', claimId: 'nope', quote: 'pain' }),
            );
          if (what === 'a study already linked to the claim')
            b.evidence.push(f.link({ id: 'ev-x', studyId: 'study-a', claimId: 'claim-a' }));
          if (what === 'an id already taken')
            b.statements[1] = { ...b.statements[1], id: 'claim-a' };
          if (what === 'a gap on a missing statement')
            b.gaps.push(f.gap({ id: 'gap-x', claimId: 'claim-a', statementId: 'stmt-none' }));
          await expect(store.createCuration(b, auditOf(b))).rejects.toBeInstanceOf(error);
          expect(await probe.counts()).toEqual(before);
          expect(await probe.revisionCount()).toBe(revisionsBefore);
          expect(await store.nodeTypes(['claim-c', 'stmt-c', 'stmt-d', 'gap-c', 'stmt-x'])).toEqual(
            new Map(),
          );
          expect(await store.evidenceByClaims(['claim-c'])).toEqual([]);
        },
      );

      it("asks the guards with the claim's stored records and the batch's earlier ones", async () => {
        await seedSmall();
        const before = await probe.counts();
        const sameSpan = (r: StatementRecord, siblings: StatementRecord[]) =>
          siblings.find((s) => s.sourceId === r.sourceId && s.start === r.start && s.end === r.end);
        // stmt-a (stored) states claim-a at these words.
        const stored = batch();
        stored.statements.push(f.statement({ id: 'stmt-y', ...submitted }));
        await expect(
          store.createCuration(stored, auditOf(stored), { statement: sameSpan }),
        ).rejects.toMatchObject({ field: 'quote', existingId: 'stmt-a' });
        // Two of the batch's own: the second names the first.
        const twice = batch();
        twice.statements.push({ ...twice.statements[0], id: 'stmt-c2' });
        await expect(
          store.createCuration(twice, auditOf(twice), { statement: sameSpan }),
        ).rejects.toMatchObject({ field: 'quote', existingId: 'stmt-c' });
        const gapTwice = batch();
        gapTwice.gaps.push(f.gap({ id: 'gap-y', claimId: 'claim-b', ...submitted }));
        const sameGap = (g: GapRecord, siblings: GapRecord[]) =>
          siblings.find((x) => x.description === g.description && x.kind === g.kind);
        await expect(
          store.createCuration(gapTwice, auditOf(gapTwice), { gap: sameGap }),
        ).rejects.toMatchObject({ field: 'description', existingId: 'gap-a' });
        expect(await probe.counts()).toEqual(before);
      });
    });

    describe('versioned updates', () => {
      it("updateStudy sets and clears a study's risk of bias on the expected version", async () => {
        await seedSmall();
        const at = '2026-02-01T00:00:00.000Z';
        const judged = await store.updateStudy(
          'study-a',
          1,
          { riskOfBias: RiskOfBias.HIGH, riskOfBiasReason: 'no control group' },
          at,
        );
        expect(judged).toMatchObject({
          ok: true,
          record: { riskOfBias: 'HIGH', riskOfBiasReason: 'no control group', version: 2 },
        });
        expect(
          await store.updateStudy('study-a', 1, { riskOfBias: RiskOfBias.LOW }, at),
        ).toMatchObject({ ok: false, currentVersion: 2 });
        await store.updateStudy(
          'study-a',
          2,
          { riskOfBias: RiskOfBias.NOT_ASSESSED, riskOfBiasReason: null },
          at,
        );
        expect((await store.getStudies(['study-a']))[0]).toMatchObject({
          riskOfBias: 'NOT_ASSESSED',
          riskOfBiasReason: null,
          version: 3,
          updatedAt: at,
        });
      });

      it("updateEvidenceLink replaces a link's indirectness on the expected version", async () => {
        await seedSmall();
        const [before] = await store.getEvidenceLinks([f.smallGraph().evidence[0].id]);
        const at = '2026-02-01T00:00:00.000Z';
        const differs = [{ domain: IndirectnessDomain.OUTCOME, reason: 'acute pain only' }];
        const r = await store.updateEvidenceLink(
          before.id,
          before.version,
          { indirectness: differs },
          at,
        );
        expect(r).toMatchObject({
          ok: true,
          record: {
            id: before.id,
            indirectness: differs,
            version: before.version + 1,
            updatedAt: at,
          },
        });
        expect(
          await store.updateEvidenceLink(before.id, before.version, { indirectness: [] }, at),
        ).toMatchObject({ ok: false, reason: 'CONFLICT', currentVersion: before.version + 1 });
        expect(
          await store.updateEvidenceLink('ev-none', 1, { indirectness: [] }, at),
        ).toMatchObject({ ok: false, reason: 'NOT_FOUND' });
        await store.updateEvidenceLink(before.id, before.version + 1, { indirectness: [] }, at);
        expect((await store.getEvidenceLinks([before.id]))[0]).toEqual({
          ...before,
          indirectness: [],
          version: before.version + 2,
          updatedAt: at,
        });
      });

      it('updateClaim applies on the expected version and bumps it', async () => {
        await seedSmall();
        const r = await store.updateClaim(
          'claim-a',
          1,
          { text: 'New text', conditionIds: ['pain'], mechanismIds: [] },
          '2026-02-01T00:00:00.000Z',
        );
        expect(r).toMatchObject({
          ok: true,
          record: {
            text: 'New text',
            version: 2,
            conditionIds: ['pain'],
            mechanismIds: [],
            interventionId: 'int-a',
            updatedAt: '2026-02-01T00:00:00.000Z',
          },
        });
        expect(await probe.property('claim-a', 'version')).toBe(2);
        expect(await store.findClaimIds({ conditionIds: ['fibro'] })).toEqual([]);
      });

      it('updateClaim with a stale version changes nothing and reports the current version', async () => {
        await seedSmall();
        await store.updateClaim('claim-a', 1, { text: 'First' }, f.AT);
        const stale = await store.updateClaim('claim-a', 1, { text: 'Second' }, f.AT);
        expect(stale).toEqual({ ok: false, reason: 'CONFLICT', currentVersion: 2 });
        expect(await probe.property('claim-a', 'text')).toBe('First');
        expect(await store.updateClaim('nope', 1, { text: 'x' }, f.AT)).toEqual({
          ok: false,
          reason: 'NOT_FOUND',
        });
      });

      it('updateClaim can clear the intervention; unknown conditions roll the whole update back', async () => {
        await seedSmall();
        expect(await store.updateClaim('claim-a', 1, { interventionId: null }, f.AT)).toMatchObject(
          { ok: true, record: { interventionId: null } },
        );
        await expect(
          store.updateClaim('claim-a', 2, { text: 'changed', conditionIds: ['nope'] }, f.AT),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        expect(await probe.property('claim-a', 'text')).toBe('Ketamine relieves pain');
        expect(await probe.property('claim-a', 'version')).toBe(2);
      });

      it('updateGap is a compare-and-set too', async () => {
        await seedSmall();
        const ok = await store.updateGap(
          'gap-a',
          1,
          { status: GapStatus.ADDRESSED, addressedById: 'study-a' },
          f.AT,
        );
        expect(ok).toMatchObject({
          ok: true,
          record: { status: GapStatus.ADDRESSED, addressedById: 'study-a', version: 2 },
        });
        expect(await store.updateGap('gap-a', 1, { status: GapStatus.OPEN }, f.AT)).toEqual({
          ok: false,
          reason: 'CONFLICT',
          currentVersion: 2,
        });
      });
    });

    describe('concurrency', () => {
      beforeEach(seedSmall);

      it('of 20 concurrent updates on the same version exactly one wins', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.updateClaim('claim-a', 1, { text: `Edit ${i}` }, f.AT),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual(
          Array(19).fill({ ok: false, reason: 'CONFLICT', currentVersion: 2 }),
        );
        expect(await probe.property('claim-a', 'version')).toBe(2);
      });

      it('of concurrent links for the same study and claim exactly one is written', async () => {
        await store.createClaim(f.claim({ id: 'claim-c' }));
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            store.createEvidenceLink(f.link({ id: `ev-c${i}`, claimId: 'claim-c' })),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((x) => x.status === 'rejected')) {
          expect((r as PromiseRejectedResult).reason).toBeInstanceOf(UniqueViolationError);
        }
        expect((await probe.counts()).evidence).toBe(3);
      });

      it("of concurrent duplicates of a claim's statement or gap exactly one is written, the others name it", async () => {
        await store.createClaim(f.claim({ id: 'claim-d' }));
        // The domain's question (here: same span; same description), asked inside each write.
        const sameSpan = (s: StatementRecord) => (xs: StatementRecord[]) =>
          xs.find((x) => x.sourceId === s.sourceId && x.start === s.start && x.end === s.end);
        const statements = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => {
            const s = f.statement({ id: `stmt-d${i}`, claimId: 'claim-d' });
            return store.createStatement(s, undefined, sameSpan(s));
          }),
        );
        const written = statements.filter((r) => r.status === 'fulfilled');
        expect(written).toHaveLength(1);
        const winner = (written[0] as PromiseFulfilledResult<StatementRecord>).value.id;
        for (const r of statements.filter((x) => x.status === 'rejected'))
          expect((r as PromiseRejectedResult).reason).toMatchObject({
            name: 'UniqueViolationError',
            field: 'quote',
            existingId: winner,
          });
        expect((await store.statementsByClaims(['claim-d'])).map((s) => s.id)).toEqual([winner]);

        const sameText = (xs: GapRecord[]) => xs.find((x) => x.description === 'No trial');
        const gaps = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            store.createGap(f.gap({ id: `gap-d${i}`, claimId: 'claim-d' }), undefined, sameText),
          ),
        );
        expect(gaps.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of gaps.filter((x) => x.status === 'rejected'))
          expect((r as PromiseRejectedResult).reason).toMatchObject({ field: 'description' });
        expect(await store.gapsByClaims(['claim-d'])).toHaveLength(1);
        // Without the question, a second one is written as before.
        await store.createGap(f.gap({ id: 'gap-d-other', claimId: 'claim-d' }));
        expect(await store.gapsByClaims(['claim-d'])).toHaveLength(2);
      });
    });

    describe('history, review and tokens', () => {
      beforeEach(seedSmall);

      const rev = (
        entityId: string,
        entityKind: RevisionRecord['entityKind'],
        action: RevisionRecord['action'],
        after: object | null,
        over: Partial<RevisionRecord> = {},
      ): RevisionRecord => {
        const at = over.at ?? f.AT;
        return {
          id: newRevisionId(at),
          entityId,
          entityKind,
          action,
          before: null,
          after: after as Record<string, unknown> | null,
          actor: 'alice',
          at,
          reason: null,
          revertOf: null,
          ...over,
        };
      };

      it('writes a revision with the change, and none when the change fails', async () => {
        const claim = f.claim({ id: 'claim-h', text: 'Ünïcode \u202e text' });
        const created = rev('claim-h', 'claims', 'CREATE', claim, { reason: 'why' });
        await store.createClaim(claim, [created]);
        expect(await probe.revisionCount('claim-h')).toBe(1);
        expect(await store.revisionsOf('claim-h', undefined, 10)).toEqual([created]);
        // A failing write (duplicate id) stores neither the record nor its revision.
        await expect(
          store.createClaim(claim, [rev('claim-h', 'claims', 'CREATE', claim)]),
        ).rejects.toBeInstanceOf(UniqueViolationError);
        expect(await probe.revisionCount('claim-h')).toBe(1);
        // A stale compare-and-set writes no revision either.
        const stale = await store.updateClaim('claim-h', 9, { text: 'x' }, f.AT, [
          rev('claim-h', 'claims', 'UPDATE', null),
        ]);
        expect(stale.ok).toBe(false);
        expect(await probe.revisionCount('claim-h')).toBe(1);
        // A missing reference rolls back the update and its revision.
        await expect(
          store.updateClaim('claim-h', 1, { conditionIds: ['nope'] }, f.AT, [
            rev('claim-h', 'claims', 'UPDATE', null),
          ]),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        expect(await probe.revisionCount('claim-h')).toBe(1);
        expect(await probe.property('claim-h', 'version')).toBe(1);
      });

      it('updateCondition renames, replaces synonyms, codes and broader links, with its revision; lookups and search follow', async () => {
        await store.createCondition(f.condition({ id: 'neuro', name: 'Neuropathic pain' }));
        const edit = rev('fibro', 'conditions', 'UPDATE', null);
        const done = await store.updateCondition(
          'fibro',
          1,
          {
            name: 'Fibromyalgia syndrome',
            synonyms: ['FMS'],
            codes: [{ system: 'ICD-10', code: 'M79.7' }],
            broaderIds: ['neuro', 'pain'],
          },
          f.LATER,
          [edit],
        );
        expect(done).toMatchObject({
          ok: true,
          record: {
            id: 'fibro',
            name: 'Fibromyalgia syndrome',
            synonyms: ['FMS'],
            codes: [{ system: 'ICD-10', code: 'M79.7' }],
            broaderIds: ['neuro', 'pain'],
            version: 2,
            updatedAt: f.LATER,
            createdAt: f.AT,
          },
        });
        expect(await probe.property('fibro', 'version')).toBe(2);
        expect(await probe.revisionCount('fibro')).toBe(1);
        expect((await store.findConditionsByName('fms')).map((c) => c.id)).toEqual(['fibro']);
        expect(await store.findConditionsByName('FM')).toEqual([]);
        expect(await store.narrowerPairs(['neuro'])).toEqual([['neuro', 'fibro']]);
        const found = await store.search({ terms: ['syndrome'], limit: 10, offset: 0 });
        expect(found.hits.map((h) => h.id)).toEqual(['fibro']);
        expect(found.hits[0].label).toBe('Fibromyalgia syndrome');
        // Only the fields given change.
        const again = await store.updateCondition('fibro', 2, { broaderIds: [] }, f.LATER);
        expect(again).toMatchObject({
          ok: true,
          record: { name: 'Fibromyalgia syndrome', synonyms: ['FMS'], broaderIds: [], version: 3 },
        });
        expect(await store.narrowerPairs(['neuro', 'pain'])).toEqual([]);
      });

      it('updateCondition and updateMechanism are compare-and-set: stale or unknown changes nothing', async () => {
        const edit = rev('fibro', 'conditions', 'UPDATE', null);
        expect(await store.updateCondition('fibro', 5, { name: 'X' }, f.LATER, [edit])).toEqual({
          ok: false,
          reason: 'CONFLICT',
          currentVersion: 1,
        });
        expect(await store.updateCondition('nope', 1, { name: 'X' }, f.LATER)).toEqual({
          ok: false,
          reason: 'NOT_FOUND',
        });
        expect(await store.updateMechanism('nmda', 2, { name: 'X' }, f.LATER)).toEqual({
          ok: false,
          reason: 'CONFLICT',
          currentVersion: 1,
        });
        expect(await store.updateMechanism('fibro', 1, { name: 'X' }, f.LATER)).toEqual({
          ok: false,
          reason: 'NOT_FOUND',
        });
        expect(await probe.property('fibro', 'name')).toBe('Fibromyalgia');
        expect(await probe.revisionCount('fibro')).toBe(0);
        // An unknown broader condition rolls the whole update back.
        await expect(
          store.updateCondition('fibro', 1, { name: 'Y', broaderIds: ['nope'] }, f.LATER, [edit]),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        expect(await probe.property('fibro', 'name')).toBe('Fibromyalgia');
        expect(await probe.property('fibro', 'version')).toBe(1);
        expect(await probe.revisionCount('fibro')).toBe(0);
      });

      it('updateMechanism renames and replaces synonyms, with its revision; lookups follow', async () => {
        const done = await store.updateMechanism(
          'nmda',
          1,
          { name: 'NMDA antagonism', synonyms: ['glutamate blockade'] },
          f.LATER,
          [rev('nmda', 'mechanisms', 'UPDATE', null)],
        );
        expect(done).toMatchObject({
          ok: true,
          record: { name: 'NMDA antagonism', synonyms: ['glutamate blockade'], version: 2 },
        });
        expect((await store.findMechanismsByName('Glutamate  Blockade')).map((m) => m.id)).toEqual([
          'nmda',
        ]);
        expect(await store.findMechanismsByName('NMDA blockade')).toEqual([]);
        expect(await probe.revisionCount('nmda')).toBe(1);
      });

      it('of 20 concurrent audited updates exactly one revision is stored', async () => {
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.updateClaim('claim-a', 1, { text: `Edit ${i}` }, f.AT, [
              rev('claim-a', 'claims', 'UPDATE', { text: `Edit ${i}` }),
            ]),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(await probe.revisionCount('claim-a')).toBe(1);
      });

      it('pages revisions of a record in order and finds them by id and by time', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const at = new Date(Date.parse('2025-01-01T00:00:00.000Z') + i * 1000).toISOString();
          const r = rev('claim-a', 'claims', 'UPDATE', { n: i }, { at });
          ids.push(r.id);
          const cur = (await store.getClaims(['claim-a']))[0];
          expect(
            (await store.updateClaim('claim-a', cur.version, { text: `v${i}` }, at, [r])).ok,
          ).toBe(true);
        }
        const first = await store.revisionsOf('claim-a', undefined, 2);
        expect(first.map((r) => r.id)).toEqual(ids.slice(0, 2));
        const rest = await store.revisionsOf('claim-a', first[1].id, 10);
        expect(rest.map((r) => r.id)).toEqual(ids.slice(2));
        expect((await store.getRevisions([ids[3], 'rev-none'])).map((r) => r.after)).toEqual([
          { n: 3 },
        ]);
        expect((await store.revisionsSince('2025-01-01T00:00:02.000Z')).map((r) => r.id)).toEqual(
          ids.slice(3),
        );
        expect(await store.latestRevisionId()).toBe(ids[4]);
      });

      it('sets review status on claims, statements and links by compare-and-set', async () => {
        const [link] = await store.evidenceByStudies(['study-a']);
        const r1 = await store.setReviewStatus(
          'claims',
          'claim-a',
          1,
          ReviewStatus.REJECTED,
          f.LATER,
          [rev('claim-a', 'claims', 'UPDATE', null)],
        );
        expect(r1).toMatchObject({
          ok: true,
          record: { reviewStatus: ReviewStatus.REJECTED, version: 2, updatedAt: f.LATER },
        });
        const r2 = await store.setReviewStatus(
          'statements',
          'stmt-a',
          1,
          ReviewStatus.ACCEPTED,
          f.LATER,
        );
        expect(r2).toMatchObject({ ok: true, record: { id: 'stmt-a', version: 2 } });
        const r3 = await store.setReviewStatus(
          'evidence',
          link.id,
          link.version,
          ReviewStatus.SUBMITTED,
          f.LATER,
        );
        expect(r3).toMatchObject({
          ok: true,
          record: { id: link.id, reviewStatus: ReviewStatus.SUBMITTED, version: link.version + 1 },
        });
        expect(
          await store.setReviewStatus('claims', 'claim-a', 1, ReviewStatus.ACCEPTED, f.LATER),
        ).toEqual({
          ok: false,
          reason: 'CONFLICT',
          currentVersion: 2,
        });
        expect(
          await store.setReviewStatus('evidence', 'nope', 1, ReviewStatus.ACCEPTED, f.LATER),
        ).toEqual({
          ok: false,
          reason: 'NOT_FOUND',
        });
        expect((await store.evidenceByStudies(['study-a']))[0]).toMatchObject({
          reviewStatus: ReviewStatus.SUBMITTED,
        });
        expect(await probe.revisionCount('claim-a')).toBe(1);
      });

      it('sets many review statuses in one transaction: a stale item in the middle writes none', async () => {
        const [link] = await store.evidenceByStudies(['study-a']);
        const batch = (claimVersion: number) => [
          {
            kind: 'statements' as const,
            id: 'stmt-a',
            expectedVersion: 1,
            status: ReviewStatus.ACCEPTED,
          },
          {
            kind: 'claims' as const,
            id: 'claim-a',
            expectedVersion: claimVersion,
            status: ReviewStatus.ACCEPTED,
          },
          {
            kind: 'evidence' as const,
            id: link.id,
            expectedVersion: link.version,
            status: ReviewStatus.ACCEPTED,
          },
        ];
        const audit = [
          rev('stmt-a', 'statements', 'UPDATE', null),
          rev('claim-a', 'claims', 'UPDATE', null),
        ];
        const before = await probe.revisionCount();
        const stale = await store.setReviewStatuses(batch(7), f.LATER, audit);
        expect(stale).toEqual({ ok: false, index: 1, reason: 'CONFLICT', currentVersion: 1 });
        // Nothing written: the item before the stale one is rolled back too, and no revision kept.
        expect(await probe.property('stmt-a', 'version')).toBe(1);
        expect(await probe.property('claim-a', 'version')).toBe(1);
        expect(await probe.revisionCount()).toBe(before);
        expect((await store.getStatements(['stmt-a']))[0]).toMatchObject({ version: 1 });
        expect((await store.evidenceByStudies(['study-a']))[0]).toMatchObject({
          version: link.version,
          reviewStatus: link.reviewStatus,
        });
        const missing = await store.setReviewStatuses(
          [
            ...batch(1),
            { kind: 'gaps', id: 'gap-none', expectedVersion: 1, status: ReviewStatus.ACCEPTED },
          ],
          f.LATER,
          audit,
        );
        expect(missing).toEqual({ ok: false, index: 3, reason: 'NOT_FOUND' });
        expect(await probe.property('claim-a', 'version')).toBe(1);

        const done = await store.setReviewStatuses(batch(1), f.LATER, audit);
        expect(done).toMatchObject({
          ok: true,
          records: [
            { id: 'stmt-a', reviewStatus: ReviewStatus.ACCEPTED, version: 2, updatedAt: f.LATER },
            { id: 'claim-a', reviewStatus: ReviewStatus.ACCEPTED, version: 2, updatedAt: f.LATER },
            { id: link.id, reviewStatus: ReviewStatus.ACCEPTED, version: link.version + 1 },
          ],
        });
        expect(await probe.property('stmt-a', 'reviewStatus')).toBe(ReviewStatus.ACCEPTED);
        expect(await probe.property('claim-a', 'version')).toBe(2);
        expect(await probe.revisionCount()).toBe(before + 2);
        expect((await store.evidenceByStudies(['study-a']))[0]).toMatchObject({
          reviewStatus: ReviewStatus.ACCEPTED,
        });
      });

      it('gaps are reviewed too: created SUBMITTED, their status set by compare-and-set', async () => {
        const g = f.gap({ id: 'gap-r', reviewStatus: ReviewStatus.SUBMITTED });
        expect(await store.createGap(g)).toEqual(g);
        expect(await probe.property('gap-r', 'reviewStatus')).toBe(ReviewStatus.SUBMITTED);
        const accepted = await store.setReviewStatus(
          'gaps',
          'gap-r',
          1,
          ReviewStatus.ACCEPTED,
          f.LATER,
          [rev('gap-r', 'gaps', 'UPDATE', null)],
        );
        expect(accepted).toEqual({
          ok: true,
          record: { ...g, reviewStatus: ReviewStatus.ACCEPTED, version: 2, updatedAt: f.LATER },
        });
        expect(
          await store.setReviewStatus('gaps', 'gap-r', 1, ReviewStatus.REJECTED, f.LATER),
        ).toEqual({ ok: false, reason: 'CONFLICT', currentVersion: 2 });
        expect(await probe.property('gap-r', 'reviewStatus')).toBe(ReviewStatus.ACCEPTED);
        expect(await probe.revisionCount('gap-r')).toBe(1);
        // Withdrawn is a status of its own, kept on the record.
        const withdrawn = await store.updateGap(
          'gap-r',
          2,
          { status: GapStatus.WITHDRAWN },
          f.LATER,
        );
        expect(withdrawn).toMatchObject({ ok: true, record: { status: GapStatus.WITHDRAWN } });
        expect(await probe.property('gap-r', 'status')).toBe(GapStatus.WITHDRAWN);
        expect((await store.gapsByClaims([g.claimId])).find((x) => x.id === 'gap-r')).toMatchObject(
          { status: GapStatus.WITHDRAWN, reviewStatus: ReviewStatus.ACCEPTED, version: 3 },
        );
      });

      it('audits citations per created or removed pair only', async () => {
        const c = f.citation({ id: 'study-a>study-b', citingId: 'study-a', citedId: 'study-b' });
        const created = await store.addCitations([c, c], (x) => [
          rev(x.id, 'citations', 'CREATE', x),
        ]);
        expect(created).toEqual([c]);
        expect(await probe.revisionCount(c.id)).toBe(1);
        expect(await store.addCitations([c], (x) => [rev(x.id, 'citations', 'CREATE', x)])).toEqual(
          [],
        );
        expect(await probe.revisionCount(c.id)).toBe(1);
        const removed = await store.removeCitation('study-a', 'study-b', (x) => [
          rev(x.id, 'citations', 'DELETE', null, { before: { ...x } }),
        ]);
        expect(removed).toEqual(c);
        expect(await store.removeCitation('study-a', 'study-b')).toBeNull();
        expect(await probe.revisionCount(c.id)).toBe(2);
      });

      it('audits a bundle load: one revision per created or replaced record', async () => {
        await store.clear();
        let n = 0;
        const audit: BundleAudit = {
          revision: (kind, before, after) => ({
            ...revision(kind, before, after, { actor: 'seed', reason: 'seed' }, f.AT),
            id: `rev-${String(n++).padStart(4, '0')}`,
          }),
        };
        const bundle = f.smallGraph();
        await store.upsertBundle(bundle, 'create-missing', audit);
        const total = RECORD_KINDS.reduce((sum, k) => sum + bundle[k].length, 0);
        expect(await probe.revisionCount()).toBe(total);
        await store.upsertBundle(bundle, 'create-missing', audit);
        expect(await probe.revisionCount()).toBe(total);
        const edited = f.smallGraph();
        edited.claims[0] = { ...edited.claims[0], text: 'Changed' };
        await store.upsertBundle(edited, 'replace-changed', audit);
        expect(await probe.revisionCount()).toBe(total + 1);
        const [last] = await store.revisionsOf(
          edited.claims[0].id,
          'rev-' + String(total - 1).padStart(4, '0'),
          5,
        );
        expect(last).toMatchObject({
          action: 'UPDATE',
          before: { text: bundle.claims[0].text },
          after: { text: 'Changed', version: 2 },
        });
      });

      it('scans and appends revisions as they are, skipping known ids (copying)', async () => {
        const a = rev('claim-a', 'claims', 'UPDATE', { x: 1 }, { before: { x: 0 } });
        const b = rev('claim-b', 'claims', 'DELETE', null, { before: { y: [1, 'ü'] } });
        expect(await store.appendRevisions([a, b])).toBe(2);
        expect(await store.appendRevisions([a, b])).toBe(0);
        expect(await store.scanRevisions(undefined, 10)).toEqual([a, b]);
        expect(await store.scanRevisions(a.id, 10)).toEqual([b]);
        expect(await probe.revisionCount()).toBe(2);
      });

      it('stores tokens by hash, finds, lists and revokes them', async () => {
        const t = {
          id: 'tok-1',
          name: 'alice',
          role: 'EDITOR' as const,
          hash: 'a'.repeat(64),
          createdAt: f.AT,
          createdBy: 'admin',
          revokedAt: null,
        };
        expect(
          await store.createToken(t, [rev('tok-1', 'tokens', 'CREATE', { id: 'tok-1' })]),
        ).toEqual(t);
        await expect(store.createToken({ ...t, id: 'tok-2' })).rejects.toBeInstanceOf(
          UniqueViolationError,
        );
        expect(await store.tokenByHash('a'.repeat(64))).toEqual(t);
        expect(await store.tokenByHash('b'.repeat(64))).toBeNull();
        expect(await probe.tokens()).toEqual([{ id: 'tok-1', hash: 'a'.repeat(64) }]);
        expect((await store.revokeToken('tok-1', f.LATER))?.revokedAt).toBe(f.LATER);
        expect((await store.revokeToken('tok-1', '2030-01-01T00:00:00.000Z'))?.revokedAt).toBe(
          f.LATER,
        );
        expect(await store.revokeToken('tok-x', f.LATER)).toBeNull();
        expect(await store.listTokens()).toEqual([{ ...t, revokedAt: f.LATER }]);
        expect(await probe.revisionCount('tok-1')).toBe(1);
      });
    });

    describe('queries', () => {
      beforeEach(seedSmall);

      it('findClaimIds filters by condition, mechanism, source, hedging and kind, ordered by id', async () => {
        expect(await store.findClaimIds({})).toEqual(['claim-a', 'claim-b']);
        expect(await store.findClaimIds({ conditionIds: ['fibro'] })).toEqual(['claim-a']);
        expect(await store.findClaimIds({ conditionIds: ['fibro', 'pain'] })).toEqual([
          'claim-a',
          'claim-b',
        ]);
        expect(await store.findClaimIds({ mechanismIds: ['nmda'] })).toEqual(['claim-a']);
        expect(await store.findClaimIds({ sourceId: 'src-a' })).toEqual(['claim-a', 'claim-b']);
        expect(await store.findClaimIds({ hedging: Hedging.HEDGED })).toEqual(['claim-b']);
        expect(await store.findClaimIds({ hedging: Hedging.ATTRIBUTED })).toEqual([]);
        expect(
          await store.findClaimIds({ conditionIds: ['pain'], hedging: Hedging.ASSERTIVE }),
        ).toEqual([]);
      });

      it('claimTexts lists every claim with its text and review status, ordered by id', async () => {
        expect(await store.claimTexts()).toEqual([
          { id: 'claim-a', text: 'Ketamine relieves pain', reviewStatus: ReviewStatus.ACCEPTED },
          { id: 'claim-b', text: 'Ketamine helps depression', reviewStatus: ReviewStatus.ACCEPTED },
        ]);
        await store.updateClaim('claim-b', 1, { reviewStatus: ReviewStatus.REJECTED }, f.AT);
        expect((await store.claimTexts())[1]).toEqual({
          id: 'claim-b',
          text: 'Ketamine helps depression',
          reviewStatus: ReviewStatus.REJECTED,
        });
      });

      it('walks the condition hierarchy down, bounded by depth', async () => {
        await store.createCondition(
          f.condition({ id: 'fibro-child', name: 'Juvenile fibromyalgia', broaderIds: ['fibro'] }),
        );
        await store.createCondition(
          f.condition({ id: 'fibro-grandchild', name: 'Deep', broaderIds: ['fibro-child'] }),
        );
        expect(await store.narrowerConditions(['pain'], 8)).toEqual([
          { id: 'fibro', depth: 1 },
          { id: 'fibro-child', depth: 2 },
          { id: 'fibro-grandchild', depth: 3 },
        ]);
        expect(await store.narrowerConditions(['pain'], 2)).toEqual([
          { id: 'fibro', depth: 1 },
          { id: 'fibro-child', depth: 2 },
        ]);
        expect(await store.narrowerPairs(['pain', 'fibro'])).toEqual([
          ['fibro', 'fibro-child'],
          ['pain', 'fibro'],
        ]);
      });

      it("conditionEvidence returns in one read what a report's single reads return", async () => {
        await store.createCondition(
          f.condition({ id: 'fibro-child', name: 'Juvenile fibromyalgia', broaderIds: ['fibro'] }),
        );
        await store.createClaim(
          f.claim({ id: 'claim-c', text: 'C', conditionIds: ['fibro-child'] }),
        );
        await store.createGap(f.gap({ id: 'gap-c', claimId: 'claim-c' }));
        // Lists whose order the single reads leave free, sorted; the rest as returned.
        const sorted = (r: Awaited<ReturnType<typeof store.conditionEvidence>>) =>
          r && {
            ...r,
            conditions: [...r.conditions].sort((a, b) => a.id.localeCompare(b.id)),
            studies: [...r.studies].sort((a, b) => a.id.localeCompare(b.id)),
            sources: [...r.sources].sort((a, b) => a.id.localeCompare(b.id)),
          };
        const ids = (rs: Array<{ id: string }>) => rs.map((r) => r.id);

        const all = sorted(await store.conditionEvidence('pain', 8))!;
        expect(all.narrower).toEqual([
          { id: 'fibro', depth: 1 },
          { id: 'fibro-child', depth: 2 },
        ]);
        expect(ids(all.conditions)).toEqual(['fibro', 'fibro-child', 'pain']);
        expect(all.narrowerPairs).toEqual([
          ['fibro', 'fibro-child'],
          ['pain', 'fibro'],
        ]);
        expect(ids(all.claims)).toEqual(['claim-a', 'claim-b', 'claim-c']);
        expect(all.claims[0]).toEqual((await store.getClaims(['claim-a']))[0]);
        expect(all.links).toEqual(await store.evidenceByClaims(['claim-a', 'claim-b', 'claim-c']));
        expect(ids(all.studies)).toEqual(['study-a', 'study-b']);
        expect(all.statements).toEqual(await store.statementsByClaims(['claim-a', 'claim-b']));
        expect(all.gaps).toEqual(await store.gapsByClaims(['claim-a', 'claim-b', 'claim-c']));
        expect(ids(all.gaps)).toEqual(['gap-a', 'gap-c']);
        // The statements' sources only when asked for.
        expect(all.sources).toEqual([]);
        const withSources = (await store.conditionEvidence('pain', 8, { withSources: true }))!;
        expect(withSources.sources).toEqual(await store.getSources(['src-a']));
        expect(sorted(withSources)).toEqual(
          sorted(await conditionEvidenceFrom(store, 'pain', 8, { withSources: true })),
        );
        // The same as the reads it stands for, whatever the depth and the root.
        for (const [root, depth] of [
          ['pain', 8],
          ['pain', 1],
          ['pain', 0],
          ['fibro', 1],
          ['fibro-child', 8],
        ] as const) {
          expect({
            root,
            depth,
            found: sorted(await store.conditionEvidence(root, depth)),
          }).toEqual({
            root,
            depth,
            found: sorted(await conditionEvidenceFrom(store, root, depth)),
          });
        }
        // Down to depth 1: fibro's own narrower conditions are out of reach, so no pairs for it.
        const one = (await store.conditionEvidence('pain', 1))!;
        expect(one.narrowerPairs).toEqual([['pain', 'fibro']]);
        expect(ids(one.claims)).toEqual(['claim-a', 'claim-b']);
        const none = (await store.conditionEvidence('pain', 0))!;
        expect({ narrower: none.narrower, pairs: none.narrowerPairs }).toEqual({
          narrower: [],
          pairs: [],
        });
        expect(ids(none.claims)).toEqual(['claim-b']);
        expect(await store.conditionEvidence('nothing', 8)).toBeNull();
        expect(await store.conditionEvidence('claim-a', 8)).toBeNull();
      });

      it('finds conditions and mechanisms by any label, ignoring case and spacing', async () => {
        expect((await store.findConditionsByName('  FIBRO ')).map((c) => c.id)).toEqual(['fibro']);
        expect((await store.findConditionsByName('persistent   pain')).map((c) => c.id)).toEqual([
          'pain',
        ]);
        expect(await store.findConditionsByName('nothing')).toEqual([]);
        expect((await store.findMechanismsByName('nmda blockade')).map((m) => m.id)).toEqual([
          'nmda',
        ]);
        expect((await store.conditionNames()).find((c) => c.id === 'fibro')).toEqual({
          id: 'fibro',
          name: 'Fibromyalgia',
          synonyms: ['FM', 'fibro'],
        });
      });

      it('finds a name exactly, whatever characters a query language would read in it', async () => {
        const names = [
          'Pain "A" \\ B* (x) AND y',
          'pain OR fibro',
          'C++ -d ~2 ^3 [a TO b] {c} ?!:/',
        ];
        for (const [i, name] of names.entries())
          await store.createCondition(f.condition({ id: `odd-${i}`, name }));
        for (const [i, name] of names.entries()) {
          const found = await store.findConditionsByName(`  ${name.toUpperCase()} `);
          expect({ name, ids: found.map((c) => c.id) }).toEqual({ name, ids: [`odd-${i}`] });
        }
        expect(await store.findConditionsByName('Pain')).toEqual([]);
        expect(await store.findConditionsByName('pain*')).toEqual([]);
        expect(await store.findConditionsByName('"')).toEqual([]);
        expect(await store.findConditionsByName('   ')).toEqual([]);
      });

      it('pages conditions by name with a total count, and filters by label text', async () => {
        const first = await store.listConditions({ limit: 1 });
        expect(first).toMatchObject({ totalCount: 2, hasNextPage: true, items: [{ id: 'pain' }] });
        const second = await store.listConditions({ limit: 1, after: 'pain' });
        expect(second).toMatchObject({
          totalCount: 2,
          hasNextPage: false,
          items: [{ id: 'fibro' }],
        });
        expect((await store.listConditions({ limit: 10 }, 'FIB')).items.map((c) => c.id)).toEqual([
          'fibro',
        ]);
      });

      it('pages and filters studies', async () => {
        expect(
          (await store.listStudies({ limit: 10 }, { design: StudyDesign.COHORT })).items.map(
            (s) => s.id,
          ),
        ).toEqual(['study-b']);
        expect(
          (await store.listStudies({ limit: 10 }, { titleContains: 'RANDOMISED' })).items.map(
            (s) => s.id,
          ),
        ).toEqual(['study-a']);
        expect((await store.listStudies({ limit: 10 }, { yearFrom: 2021 })).totalCount).toBe(0);
        const p1 = await store.listStudies({ limit: 1 }, {});
        expect(p1).toMatchObject({ totalCount: 2, hasNextPage: true, items: [{ id: 'study-a' }] });
        expect(
          (await store.listStudies({ limit: 1, after: 'study-a' }, {})).items.map((s) => s.id),
        ).toEqual(['study-b']);
      });

      it('matches titles case-insensitively beyond ASCII', async () => {
        await store.createStudy(
          f.study({
            id: 'study-fr',
            title: 'ÉTUDE RANDOMISÉE de la kétamine',
            doi: '10.1000/fr',
            pmid: null,
          }),
        );
        expect(
          (await store.listStudies({ limit: 10 }, { titleContains: 'étude randomisée' })).items.map(
            (s) => s.id,
          ),
        ).toEqual(['study-fr']);
      });

      it('finds studies by DOI and PMID', async () => {
        expect((await store.findStudyByDoi('10.1000/b'))?.id).toBe('study-b');
        expect((await store.findStudyByPmid('1000'))?.id).toBe('study-a');
        expect(await store.findStudyByDoi('10.1000/none')).toBeNull();
      });

      it('reads evidence links by id', async () => {
        const links = await store.evidenceByClaims(['claim-a', 'claim-b']);
        const found = await store.getEvidenceLinks([links[1].id, 'nope', links[0].id]);
        expect(found.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          [...links].sort((a, b) => a.id.localeCompare(b.id)),
        );
      });

      it('groups statements, evidence and gaps by their owners', async () => {
        expect((await store.statementsBySources(['src-a'])).map((s) => s.id)).toEqual([
          'stmt-a',
          'stmt-b',
        ]);
        expect((await store.statementsByClaims(['claim-b'])).map((s) => s.id)).toEqual(['stmt-b']);
        expect((await store.evidenceByStudies(['study-b'])).map((e) => e.relation)).toEqual([
          EvidenceRelation.CONTRADICTS,
        ]);
        expect((await store.gapsByClaims(['claim-a', 'claim-b'])).map((g) => g.id)).toEqual([
          'gap-a',
        ]);
      });

      it('deletes an evidence link on its version only, returning what it removed', async () => {
        const [link] = await store.evidenceByStudies(['study-a']);
        expect(await store.deleteEvidenceLink(link.id, link.version + 1)).toEqual({
          ok: false,
          reason: 'CONFLICT',
          currentVersion: link.version,
        });
        expect(await store.deleteEvidenceLink(link.id, link.version)).toEqual({
          ok: true,
          record: link,
        });
        expect(await store.deleteEvidenceLink(link.id, link.version)).toEqual({
          ok: false,
          reason: 'NOT_FOUND',
        });
        expect((await probe.counts()).evidence).toBe(1);
      });
    });

    describe('search', () => {
      beforeEach(seedSmall);

      it('ranks matches, matches prefixes and filters by type', async () => {
        const all = await store.search({ terms: ['fibromyalg'], limit: 10, offset: 0 });
        expect(all.totalCount).toBe(2);
        expect(all.hits.map((h) => h.id)).toEqual(['fibro', 'study-b']);
        expect(all.hits[0]).toMatchObject({ type: NodeType.CONDITION, label: 'Fibromyalgia' });
        expect(all.hits[0].score).toBeGreaterThan(all.hits[1].score);
        const studies = await store.search({
          terms: ['fibromyalgia'],
          types: [NodeType.STUDY],
          limit: 10,
          offset: 0,
        });
        expect(studies.hits.map((h) => h.id)).toEqual(['study-b']);
      });

      it('requires every term, pages with offset, and keeps query syntax inert', async () => {
        expect(
          (
            await store.search({ terms: ['ketamine', 'depression'], limit: 10, offset: 0 })
          ).hits.map((h) => h.id),
        ).toEqual(expect.arrayContaining(['claim-b']));
        const page2 = await store.search({ terms: ['ketamine'], limit: 1, offset: 1 });
        expect(page2.hits).toHaveLength(1);
        expect(page2.totalCount).toBeGreaterThan(1);
        expect(
          (await store.search({ terms: ['"OR', 'NEAR(', '*'], limit: 10, offset: 0 })).hits,
        ).toEqual([]);
      });

      it('search ignores case and diacritics, and ranks an exact word above a prefix', async () => {
        await store.createCondition(f.condition({ id: 'sjogren', name: 'Sjögren syndrome' }));
        await store.createCondition(f.condition({ id: 'pain-x', name: 'Painful joints' }));
        const found = await store.search({ terms: ['sjogren'], limit: 10, offset: 0 });
        expect(found.hits.map((h) => h.id)).toEqual(['sjogren']);
        expect(found.hits[0]).toMatchObject({
          label: 'Sjögren syndrome',
          type: NodeType.CONDITION,
        });
        const pain = await store.search({
          terms: ['pain'],
          types: [NodeType.CONDITION],
          limit: 10,
          offset: 0,
        });
        expect(pain.hits.map((h) => h.id)).toEqual(['pain', 'pain-x']);
      });

      it('matches plurals and word forms by their stem, the word as typed above its other forms', async () => {
        await store.createCondition(f.condition({ id: 'headache', name: 'Headache' }));
        await store.createCondition(
          f.condition({ id: 'headaches', name: 'Recurring headaches', synonyms: [] }),
        );
        await store.createCondition(
          f.condition({ id: 'infused', name: 'Infused drug reactions', synonyms: [] }),
        );
        const ids = async (terms: string[]) =>
          (
            await store.search({ terms, types: [NodeType.CONDITION], limit: 10, offset: 0 })
          ).hits.map((h) => h.id);
        expect((await ids(['headaches'])).sort()).toEqual(['headache', 'headaches']);
        expect((await ids(['headache'])).sort()).toEqual(['headache', 'headaches']);
        expect(await ids(['infusions'])).toEqual(['infused']);
        expect(await ids(['reacting', 'drugs'])).toEqual(['infused']);
        // Still a prefix of the word as typed: partial words find what they begin.
        expect(await ids(['infu'])).toEqual(['infused']);
        const found = await store.search({
          terms: ['headache'],
          types: [NodeType.CONDITION],
          limit: 10,
          offset: 0,
        });
        expect(found.totalCount).toBe(2);
        expect(found.hits[0].id).toBe('headache');
      });

      it('follows updates: a renamed claim is found by its new words only', async () => {
        await store.updateClaim('claim-b', 1, { text: 'Ketamine eases anxiety' }, f.AT);
        expect(
          (await store.search({ terms: ['anxiety'], limit: 10, offset: 0 })).hits.map((h) => h.id),
        ).toEqual(['claim-b']);
        expect(
          (
            await store.search({
              terms: ['depression'],
              types: [NodeType.CLAIM],
              limit: 10,
              offset: 0,
            })
          ).hits,
        ).toEqual([]);
      });
    });

    describe('search that does not scan', () => {
      beforeEach(seedSmall);

      it('counts up to countUpTo and no further, and pages the ranked matches', async () => {
        const claims = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((w, i) =>
          f.claim({ id: `claim-zeta-${i}`, text: `Zeta ${w} relieves fatigue` }),
        );
        await store.upsertBundle({ ...f.emptyBundle(), claims });
        const all = await store.search({ terms: ['zeta'], limit: 10, offset: 0, countUpTo: 10 });
        expect(all.totalCount).toBe(5);
        const capped = await store.search({ terms: ['zeta'], limit: 2, offset: 0, countUpTo: 3 });
        expect(capped.totalCount).toBe(3);
        expect(capped.hits.map((h) => h.id)).toEqual(all.hits.slice(0, 2).map((h) => h.id));
        const next = await store.search({ terms: ['zeta'], limit: 2, offset: 2, countUpTo: 5 });
        expect(next.hits.map((h) => h.id)).toEqual(all.hits.slice(2, 4).map((h) => h.id));
        // Without countUpTo: enough to tell whether more follow the page.
        expect((await store.search({ terms: ['zeta'], limit: 2, offset: 0 })).totalCount).toBe(3);
        // Prefixes and word forms still match under a cap.
        expect(
          (await store.search({ terms: ['fibro'], limit: 1, offset: 0, countUpTo: 2 })).hits[0],
        ).toMatchObject({ id: 'fibro', label: 'Fibromyalgia' });
        const forms = await store.search({
          terms: ['relieve'],
          limit: 10,
          offset: 0,
          countUpTo: 2,
        });
        expect(forms.totalCount).toBe(2);
      });

      it('a query matching more than a thousand nodes: capped count, disjoint pages, type filter, selective terms', async () => {
        const claims = Array.from({ length: 1100 }, (_, i) =>
          f.claim({
            id: `claim-many-${String(i).padStart(4, '0')}`,
            text: `Omega infusion eases ${i === 700 ? 'quixotic' : 'ordinary'} pain ${i}`,
          }),
        );
        await store.upsertBundle({ ...f.emptyBundle(), claims });
        await store.createCondition(f.condition({ id: 'omega', name: 'Omega syndrome' }));
        for (const terms of [['omega'], ['omeg'], ['omega', 'infusions']]) {
          const p1 = await store.search({ terms, limit: 50, offset: 0, countUpTo: 501 });
          const p2 = await store.search({ terms, limit: 50, offset: 50, countUpTo: 501 });
          expect([p1.totalCount, p2.totalCount]).toEqual([501, 501]);
          expect(p1.hits).toHaveLength(50);
          expect(p2.hits).toHaveLength(50);
          const ids = [...p1.hits, ...p2.hits].map((h) => h.id);
          expect(new Set(ids).size).toBe(100);
          for (const h of p1.hits) expect(h.label.toLowerCase()).toContain('omeg');
        }
        const conditions = await store.search({
          terms: ['omega'],
          types: [NodeType.CONDITION],
          limit: 10,
          offset: 0,
          countUpTo: 501,
        });
        expect(conditions).toMatchObject({ totalCount: 1, hits: [{ id: 'omega' }] });
        const one = await store.search({
          terms: ['omega', 'quixot'],
          limit: 10,
          offset: 0,
          countUpTo: 501,
        });
        expect(one).toMatchObject({ totalCount: 1, hits: [{ id: 'claim-many-0700' }] });
      });
    });

    describe('citations and notices', () => {
      beforeEach(seedSmall);

      it('reads citations both ways and walks citing studies by hops', async () => {
        await store.createStudy(f.study({ id: 'study-c', doi: '10.1000/c', pmid: null }));
        expect(
          await store
            .addCitations([f.citation({ citingId: 'study-c', citedId: 'study-b' }), f.citation()])
            .then((xs) => xs.length),
        ).toBe(1);
        expect((await store.citationsOf(['study-b'], 'cites')).map((c) => c.citedId)).toEqual([
          'study-a',
        ]);
        expect(
          (await store.citationsOf(['study-a', 'study-b'], 'citedBy')).map((c) => c.id),
        ).toEqual(['study-b>study-a', 'study-c>study-b']);
        expect(await store.citingStudies('study-a', 2)).toEqual([
          { id: 'study-b', hops: 1 },
          { id: 'study-c', hops: 2 },
        ]);
        expect(await store.citingStudies('study-a', 1)).toEqual([{ id: 'study-b', hops: 1 }]);
        expect((await store.removeCitation('study-c', 'study-b'))?.id).toBe('study-c>study-b');
        expect(await store.removeCitation('study-c', 'study-b')).toBeNull();
        expect((await probe.counts()).citations).toBe(1);
      });

      it('refuses a citation of an unknown study, writing none of the batch', async () => {
        await expect(
          store.addCitations([
            f.citation({ citingId: 'study-a', citedId: 'study-b' }),
            f.citation({ citingId: 'study-a', citedId: 'nope' }),
          ]),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        expect((await probe.counts()).citations).toBe(1);
      });

      it('records notices on the study version read, without changing the study', async () => {
        const before = (await store.getStudies(['study-b']))[0];
        const submitted = f.notice({
          id: 'notice-r',
          studyId: 'study-b',
          kind: NoticeKind.RETRACTION,
          date: '2024-01-02',
          note: 'Data fabricated',
          reviewStatus: ReviewStatus.SUBMITTED,
        });
        expect(await store.addNotice(submitted, before.version)).toEqual({
          ok: true,
          record: before,
        });
        expect(await probe.property('study-b', 'version')).toBe(before.version);
        // A stale study version writes nothing.
        expect(
          await store.addNotice(
            f.notice({ id: 'notice-s', studyId: 'study-b' }),
            before.version + 3,
          ),
        ).toEqual({ ok: false, reason: 'CONFLICT', currentVersion: before.version });
        const study = (await store.getStudies(['study-a']))[0];
        const concern = await store.addNotice(
          f.notice({ id: 'notice-c', studyId: 'study-a', kind: NoticeKind.EXPRESSION_OF_CONCERN }),
          study.version,
        );
        expect(concern).toMatchObject({ ok: true, record: { retraction: null } });
        expect(
          (await store.noticesByStudies(['study-a', 'study-b'])).map((n) => [n.id, n.kind]),
        ).toEqual([
          ['notice-a', NoticeKind.CORRECTION],
          ['notice-c', NoticeKind.EXPRESSION_OF_CONCERN],
          ['notice-r', NoticeKind.RETRACTION],
        ]);
        expect(await store.getNotices(['notice-r', 'nope'])).toEqual([submitted]);
        expect((await store.listNotices()).map((n) => n.id).sort()).toEqual([
          'notice-a',
          'notice-c',
          'notice-r',
        ]);
        await expect(
          store.addNotice(f.notice({ id: 'notice-x', studyId: 'nope' }), 1),
        ).rejects.toBeInstanceOf(MissingReferenceError);
        expect((await probe.counts()).notices).toBe(3);
      });

      it("sets a notice's status by compare-and-set, with its study's retraction in the same write", async () => {
        const rev = (id: string, kind: 'notices' | 'studies') => ({
          id: newRevisionId(f.LATER),
          entityId: id,
          entityKind: kind,
          action: 'UPDATE' as const,
          before: null,
          after: null,
          actor: 'alice',
          at: f.LATER,
          reason: null,
          revertOf: null,
        });
        const study = (await store.getStudies(['study-b']))[0];
        const notice = f.notice({
          id: 'notice-r',
          studyId: 'study-b',
          kind: NoticeKind.RETRACTION,
          reviewStatus: ReviewStatus.SUBMITTED,
        });
        await store.addNotice(notice, study.version);
        const retraction = { date: '2024-01-02', note: 'Data fabricated' };
        const accepted = await store.setNoticeStatus(
          'notice-r',
          1,
          ReviewStatus.ACCEPTED,
          f.LATER,
          { retraction },
          [rev('notice-r', 'notices'), rev('study-b', 'studies')],
        );
        expect(accepted).toEqual({
          ok: true,
          record: {
            ...notice,
            reviewStatus: ReviewStatus.ACCEPTED,
            version: 2,
            updatedAt: f.LATER,
          },
        });
        expect((await store.getStudies(['study-b']))[0]).toMatchObject({
          retraction,
          version: study.version + 1,
          updatedAt: f.LATER,
        });
        expect(await probe.property('study-b', 'version')).toBe(study.version + 1);
        expect(await probe.revisionCount('notice-r')).toBe(1);
        expect(await probe.revisionCount('study-b')).toBe(1);
        // Stale: nothing changes, on the notice or on the study.
        expect(
          await store.setNoticeStatus('notice-r', 1, ReviewStatus.WITHDRAWN, f.LATER, {
            retraction: null,
          }),
        ).toEqual({ ok: false, reason: 'CONFLICT', currentVersion: 2 });
        expect((await store.getStudies(['study-b']))[0].retraction).toEqual(retraction);
        expect(await store.setNoticeStatus('nope', 1, ReviewStatus.ACCEPTED, f.LATER)).toEqual({
          ok: false,
          reason: 'NOT_FOUND',
        });
        // Withdrawn: the retraction is cleared.
        const withdrawn = await store.setNoticeStatus(
          'notice-r',
          2,
          ReviewStatus.WITHDRAWN,
          f.LATER,
          { retraction: null },
        );
        expect(withdrawn).toMatchObject({
          ok: true,
          record: { reviewStatus: ReviewStatus.WITHDRAWN, version: 3 },
        });
        expect((await store.getStudies(['study-b']))[0]).toMatchObject({
          retraction: null,
          version: study.version + 2,
        });
        // Without an effect the study is left alone.
        const a = (await store.getStudies(['study-a']))[0];
        await store.setNoticeStatus('notice-a', 1, ReviewStatus.WITHDRAWN, f.LATER);
        expect((await store.getStudies(['study-a']))[0]).toEqual(a);
        expect((await store.getNotices(['notice-a']))[0].reviewStatus).toBe(ReviewStatus.WITHDRAWN);
      });

      it('finds studies by lists of DOIs, PMIDs and years', async () => {
        expect(
          (await store.findStudiesByDois(['10.1000/b', '10.1000/zz'])).map((s) => s.id),
        ).toEqual(['study-b']);
        expect((await store.findStudiesByPmids(['1000'])).map((s) => s.id)).toEqual(['study-a']);
        expect((await store.studiesByYears([2020, 1999])).map((s) => s.id)).toEqual([
          'study-a',
          'study-b',
        ]);
        expect(await store.studiesByYears([])).toEqual([]);
      });
    });

    describe('graph exploration', () => {
      beforeEach(seedSmall);

      it('walks a neighbourhood breadth-first in either direction, nearest first', async () => {
        const one = await store.neighborhood('fibro', 1, {}, 100);
        expect(one.nodes).toEqual([
          { id: 'fibro', type: NodeType.CONDITION, depth: 0 },
          { id: 'claim-a', type: NodeType.CLAIM, depth: 1 },
          { id: 'pain', type: NodeType.CONDITION, depth: 1 },
        ]);
        expect(one.edges).toEqual([
          { source: 'claim-a', target: 'fibro', type: EdgeType.ABOUT },
          { source: 'fibro', target: 'pain', type: EdgeType.BROADER },
        ]);
        expect(one.truncated).toBe(false);
        const two = await store.neighborhood('fibro', 2, {}, 100);
        expect(two.nodes.map((n) => n.id)).toEqual([
          'fibro',
          'claim-a',
          'pain',
          'claim-b',
          'int-a',
          'nmda',
          'stmt-a',
          'study-a',
          'study-b',
        ]);
        expect(two.edges).toContainEqual({
          source: 'study-b',
          target: 'study-a',
          type: EdgeType.CITES,
        });
        expect(two.edges).toContainEqual({
          source: 'study-b',
          target: 'claim-a',
          type: EdgeType.CONTRADICTS,
        });
        expect(two.edges).toHaveLength(9);
      });

      it('cuts at the limit and says so; filters node and edge types', async () => {
        const cut = await store.neighborhood('fibro', 2, {}, 4);
        expect(cut.nodes.map((n) => n.id)).toEqual(['fibro', 'claim-a', 'pain', 'claim-b']);
        expect(cut.truncated).toBe(true);
        const typed = await store.neighborhood(
          'fibro',
          2,
          { nodeTypes: [NodeType.CLAIM, NodeType.CONDITION] },
          100,
        );
        expect(typed.nodes.map((n) => n.id)).toEqual(['fibro', 'claim-a', 'pain', 'claim-b']);
        const broader = await store.neighborhood(
          'fibro',
          3,
          { edgeTypes: [EdgeType.BROADER] },
          100,
        );
        expect(broader.nodes.map((n) => n.id)).toEqual(['fibro', 'pain']);
        expect(broader.edges).toEqual([
          { source: 'fibro', target: 'pain', type: EdgeType.BROADER },
        ]);
        expect(await store.neighborhood('nope', 2, {}, 10)).toEqual({
          nodes: [],
          edges: [],
          truncated: false,
        });
      });

      it('finds simple paths, shortest first, with their edges in path order', async () => {
        expect(await store.paths('fibro', 'nmda', 4, {}, 10)).toEqual([
          {
            nodeIds: ['fibro', 'claim-a', 'nmda'],
            edges: [
              { source: 'claim-a', target: 'fibro', type: EdgeType.ABOUT },
              { source: 'claim-a', target: 'nmda', type: EdgeType.VIA },
            ],
          },
        ]);
        const studies = await store.paths('study-b', 'study-a', 4, {}, 10);
        expect(studies.map((p) => p.nodeIds)).toEqual([
          ['study-b', 'study-a'],
          ['study-b', 'claim-a', 'study-a'],
        ]);
        expect(
          (await store.paths('study-b', 'study-a', 4, { edgeTypes: [EdgeType.CITES] }, 10)).map(
            (p) => p.nodeIds,
          ),
        ).toEqual([['study-b', 'study-a']]);
        expect(
          await store.paths('study-b', 'study-a', 4, { nodeTypes: [NodeType.STUDY] }, 10),
        ).toHaveLength(1);
        expect(await store.paths('fibro', 'nmda', 1, {}, 10)).toEqual([]);
        expect(await store.paths('study-b', 'study-a', 4, {}, 1)).toHaveLength(1);
      });

      it('scans every edge in (type, source, target) order, a page at a time', async () => {
        const all: Array<{ source: string; target: string; type: EdgeType }> = [];
        for (let after: (typeof all)[number] | undefined; ;) {
          const page = await store.scanEdges(after, 4);
          if (page.length === 0) break;
          all.push(...page);
          after = page[page.length - 1];
        }
        expect(all).toHaveLength(13);
        const key = (e: (typeof all)[number]) => `${e.type}|${e.source}|${e.target}`;
        expect(all.map(key)).toEqual([...all.map(key)].sort());
        expect(all.filter((e) => e.type === EdgeType.IN_SOURCE)).toEqual([
          { source: 'stmt-a', target: 'src-a', type: EdgeType.IN_SOURCE },
          { source: 'stmt-b', target: 'src-a', type: EdgeType.IN_SOURCE },
        ]);
      });
    });

    describe('whole-store scans (copying, checksums)', () => {
      it('walks every kind in id order, a page at a time, returning records equal to the reads', async () => {
        const g = f.smallGraph();
        await store.upsertBundle(g);
        const all: Record<string, string[]> = {};
        for (const kind of RECORD_KINDS) {
          const ids: string[] = [];
          let after: string | undefined;
          for (;;) {
            const page = (await store.scan(kind, after, 1)) as Array<{ id: string }>;
            if (page.length === 0) break;
            ids.push(...page.map((r) => r.id));
            after = page[page.length - 1].id;
          }
          all[kind] = ids;
        }
        expect(all).toEqual({
          notices: ['notice-a'],
          citations: ['study-b>study-a'],
          sources: ['src-a'],
          interventions: ['int-a'],
          conditions: ['fibro', 'pain'],
          mechanisms: ['nmda'],
          claims: ['claim-a', 'claim-b'],
          statements: ['stmt-a', 'stmt-b'],
          studies: ['study-a', 'study-b'],
          evidence: ['ev-a', 'ev-b'],
          gaps: ['gap-a'],
        });
        expect(await store.scan('claims', undefined, 10)).toEqual(sortById(g.claims));
        expect(await store.scan('evidence', 'ev-a', 10)).toEqual([g.evidence[1]]);
      });

      it('clear empties the store', async () => {
        await seedSmall();
        await store.clear();
        expect(await probe.counts()).toEqual(ZERO);
        expect(await store.search({ terms: ['ketamine'], limit: 5, offset: 0 })).toEqual({
          hits: [],
          totalCount: 0,
        });
        await seedSmall();
        expect((await probe.counts()).claims).toBe(2);
      });

      it('answers a ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('bundles (seeding)', () => {
      it('a second identical load changes nothing', async () => {
        const first = await store.upsertBundle(f.smallGraph());
        expect(first).toMatchObject({ updated: 0, unchanged: 0, differing: 0 });
        expect(first.created).toBeGreaterThan(10);
        const again = await store.upsertBundle(f.smallGraph());
        expect(again).toEqual({ created: 0, updated: 0, unchanged: first.created, differing: 0 });
        expect(await probe.property('claim-a', 'version')).toBe(1);
      });

      it('create-missing leaves an edited record alone; replace-changed overwrites it and bumps the version', async () => {
        await store.upsertBundle(f.smallGraph());
        await store.updateClaim('claim-a', 1, { text: 'Edited by an editor' }, f.AT);
        const keep = await store.upsertBundle(f.smallGraph());
        expect(keep.differing).toBe(1);
        expect(await probe.property('claim-a', 'text')).toBe('Edited by an editor');
        const replace = await store.upsertBundle(f.smallGraph(), 'replace-changed');
        expect(replace.updated).toBe(1);
        expect(await probe.property('claim-a', 'text')).toBe('Ketamine relieves pain');
        expect(await probe.property('claim-a', 'version')).toBe(3);
        expect((await store.statementsByClaims(['claim-a'])).map((s) => s.id)).toEqual(['stmt-a']);
        expect((await store.getClaims(['claim-a']))[0].conditionIds).toEqual(['fibro']);
      });

      it('an edit landing while a bundle is planned is never overwritten unseen', async () => {
        // A bundle write plans from what is stored; if that read happened outside its write
        // transaction, an edit in between would be replaced under the same version number.
        // The edit starts after a growing number of ticks, so it lands at every point of the
        // bundle write's reads in turn (and, on a server, at whatever point timing gives).
        for (let ticks = 0; ticks < 16; ticks++) {
          await store.clear();
          await store.upsertBundle(f.smallGraph());
          const bundle = f.smallGraph();
          bundle.claims[0] = { ...bundle.claims[0], text: 'Text from the bundle' };
          const audit: BundleAudit = {
            revision: (kind, before, after) =>
              revision(kind, before, after, { actor: 'seed', reason: null }, f.AT),
          };
          const edit = async () => {
            for (let i = 0; i < ticks; i++) await Promise.resolve();
            return store.updateClaim('claim-a', 1, { text: 'Text from an editor' }, f.AT, [
              revision(
                'claims',
                { id: 'claim-a', version: 1 },
                { id: 'claim-a', version: 2 },
                {
                  actor: 'editor',
                  reason: null,
                },
              ),
            ]);
          };
          const [loaded, edited] = await Promise.all([
            store.upsertBundle(bundle, 'replace-changed', audit),
            edit(),
          ]);

          const [claim] = await store.getClaims(['claim-a']);
          // Every write that applied moved the version on by one: none was lost.
          expect(claim.version).toBe(1 + (edited.ok ? 1 : 0) + loaded.updated);
          expect(await probe.property('claim-a', 'version')).toBe(claim.version);
          expect(loaded.updated).toBe(1);
          expect(claim.text).toBe('Text from the bundle');
          if (edited.ok) {
            // The edit came first, so the bundle replaced the edited claim, and its revision
            // says so.
            const bundleRevision = (await store.revisionsOf('claim-a', undefined, 10)).find(
              (r) => r.actor === 'seed',
            );
            expect(bundleRevision).toMatchObject({
              before: { text: 'Text from an editor', version: 2 },
              after: { text: 'Text from the bundle', version: 3 },
            });
          } else {
            expect(edited).toEqual({ ok: false, reason: 'CONFLICT', currentVersion: 2 });
          }
          expect(await probe.revisionCount('claim-a')).toBe(1 + (edited.ok ? 1 : 0));
        }
      });
    });

    describeAsOfOverlay(() => store);
  });
}

function sortById<T extends { id: string }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
}
