/**
 * importCuration at service level, on a real SQLite file: a seeded source's whole curation in one
 * call, every refused item listed in one error with nothing stored, identical items as no-ops,
 * and the source's review in one reviewChanges.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { DomainError, ErrorCode } from '../../src/common/domain-error';
import { CurationService } from '../../src/curation/curation.service';
import { ImportCurationDto } from '../../src/curation/curation.inputs';
import {
  ClaimKind,
  EvidenceRelation,
  GapKind,
  Hedging,
  ReviewDecision,
  ReviewStatus,
  SourceKind,
} from '../../src/graphql.schema';
import { ReviewService } from '../../src/review/review.service';
import { curationOfSource, loadCuration, SEEDS_DIR } from '../../src/seed/curation';
import { SourcesService } from '../../src/sources/sources.service';
import { as, editor, MediumApp, mediumApp, refusal, seed } from './medium-app';

const FIBRO = 'src-fibromyalgia-iv-ketamine';
const FIBRO_TEXT = readFileSync(join(SEEDS_DIR, 'sources', '002_f4edce3c25a8221b.txt'), 'utf8');

describe('importCuration (medium: services over a temp SQLite file)', () => {
  let app: MediumApp;
  let curation: CurationService;
  let sourceId: string;

  /** The vocabulary and studies of the seed, and no source, claim, link or gap. */
  beforeEach(async () => {
    app = await mediumApp({ REVIEWER_ROLE: 'EDITOR' });
    curation = app.get(CurationService);
    const full = loadCuration();
    await seed(app.store, {
      conditions: full.conditions,
      mechanisms: full.mechanisms,
      interventions: full.interventions,
      studies: full.studies,
    });
    const source = await app.get(SourcesService).createSource(
      {
        title: 'IV ketamine for fibromyalgia',
        kind: SourceKind.CLINIC_MARKETING,
        text: FIBRO_TEXT,
      },
      as('alice'),
    );
    sourceId = source.id;
  });

  afterEach(() => app.close());

  const importAs = (input: ImportCurationDto, actor = 'alice') =>
    curation.importCuration(input, as(actor), app.scope());

  /** Everything stored: counts and the newest revision. */
  const state = async () => ({
    counts: await app.store.counts(),
    latest: await app.store.latestRevisionId(),
  });

  it("imports a seeded source's whole curation in one call, SUBMITTED with a revision each; the same again creates nothing", async () => {
    const input = curationOfSource(FIBRO, sourceId) as ImportCurationDto;
    const result = await importAs(input);
    expect(result.created).toBe(11 + 15 + 13 + 9);
    expect(result.items.every((i) => i.created)).toBe(true);
    expect(result.items.find((i) => i.key === 'claim-fibromyalgia-pain-relief')?.id).toBe(
      'claim-fibromyalgia-pain-relief',
    );
    const counts = await app.store.counts();
    expect(counts).toMatchObject({ claims: 11, statements: 15, evidence: 13, gaps: 9, sources: 1 });
    const statements = await app.store.statementsBySources([sourceId]);
    expect(statements.every((s) => s.reviewStatus === ReviewStatus.SUBMITTED)).toBe(true);
    // Every quote anchored where the seed says it is.
    const seeded = input.statements!;
    for (const s of seeded) {
      const id = result.items.find((i) => i.key === s.key)!.id;
      expect(statements.find((x) => x.id === id)).toMatchObject({ start: s.start, end: s.end });
    }
    const gapItem = result.items.find(
      (i) => i.item.startsWith('gaps') && i.key?.startsWith('gap-uncited'),
    )!;
    const [gap] = await app.store.getGaps([gapItem.id]);
    expect(statements.map((s) => s.id)).toContain(gap.statementId);
    const history = await app.store.revisionsOf(statements[0].id, undefined, 10);
    expect(history).toMatchObject([{ action: 'CREATE', actor: 'alice' }]);

    const before = await state();
    const again = await importAs(input);
    expect(again.created).toBe(0);
    expect(again.items.map((i) => i.id)).toEqual(result.items.map((i) => i.id));
    expect(await state()).toEqual(before);

    // A second user accepts the whole source in one review.
    const reviewed = await app
      .get(ReviewService)
      .reviewMany(
        { sourceId, decision: ReviewDecision.ACCEPT, reason: 'checked against the page' },
        editor('bob'),
        app.scope(),
      );
    expect(reviewed).toHaveLength(48);
    expect(
      (await app.store.statementsBySources([sourceId])).every(
        (s) => s.reviewStatus === ReviewStatus.ACCEPTED,
      ),
    ).toBe(true);
  });

  it('lists every refused item in one BAD_USER_INPUT error and stores nothing', async () => {
    const good = curationOfSource(FIBRO, sourceId) as ImportCurationDto;
    await importAs({ sourceId, claims: good.claims!.slice(0, 1) });
    const before = await state();
    const err = await refusal(
      importAs({
        sourceId,
        claims: [
          // The stored claim's words under a new key: refused, naming it.
          { key: 'dup', text: good.claims![0].text!.toUpperCase(), kind: good.claims![0].kind },
          {
            key: 'new',
            text: 'Ketamine cures everything',
            kind: good.claims![0].kind!,
            conditionIds: ['no-such-condition'],
          },
          { key: 'fine', text: 'Ketamine is a new proposition here', kind: good.claims![0].kind! },
        ],
        statements: [
          { key: 's0', claim: 'fine', quote: good.statements![0].quote, hedging: Hedging.HEDGED },
          {
            key: 's1',
            claim: 'fine',
            quote: 'words that are nowhere in this page',
            hedging: Hedging.HEDGED,
          },
          { key: 's2', claim: 'nobody', quote: good.statements![1].quote, hedging: Hedging.HEDGED },
          { key: 's0', claim: 'fine', quote: good.statements![2].quote, hedging: Hedging.HEDGED },
        ],
        links: [
          { claim: 'fine', doi: '10.5555/not-a-seeded-study', relation: EvidenceRelation.SUPPORTS },
          { claim: 'fine', doi: 'not a doi', relation: EvidenceRelation.SUPPORTS },
          { claim: 'fine', relation: EvidenceRelation.SUPPORTS },
        ],
        gaps: [
          { claim: 'new', kind: GapKind.NO_STUDY, description: 'No trial' },
          { claim: 'fine', kind: GapKind.UNCITED_ASSERTION, description: 'Uncited' },
          {
            claim: 'fine',
            kind: GapKind.UNCITED_ASSERTION,
            description: 'Other claim',
            statement: 's1',
          },
        ],
      }),
    );
    expect(err.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(err.details.problems).toEqual([
      expect.objectContaining({
        item: 'dup',
        field: 'input.claims[0].text',
        existingId: good.claims![0].id,
      }),
      expect.objectContaining({ item: 'new', field: 'input.claims[1].conditionIds' }),
      expect.objectContaining({ item: 's1', field: 'input.statements[1].quote' }),
      expect.objectContaining({ item: 's2', field: 'input.statements[2].claim' }),
      expect.objectContaining({ item: 's0', field: 'input.statements[3].key' }),
      expect.objectContaining({ item: 'links[0]', field: 'input.links[0].doi' }),
      expect.objectContaining({ item: 'links[1]', field: 'input.links[1].doi' }),
      expect.objectContaining({ item: 'links[2]', field: 'input.links[2].studyId' }),
      expect.objectContaining({
        item: 'gaps[0]',
        field: 'input.gaps[0].claim',
        reason: expect.stringMatching(/refused/),
      }),
      expect.objectContaining({ item: 'gaps[1]', field: 'input.gaps[1].statement' }),
      expect.objectContaining({ item: 'gaps[2]', field: 'input.gaps[2].statement' }),
    ]);
    expect(err.details.field).toBe('input.claims[0].text');
    expect(await state()).toEqual(before);
  });

  it('a link or statement colliding with a stored one but differing is refused naming it; repeats of one item are refused', async () => {
    const good = curationOfSource(FIBRO, sourceId) as ImportCurationDto;
    const first = await importAs({ ...good, gaps: [] });
    const before = await state();
    const link = good.links![0];
    const stmt = good.statements![0];
    const err = await refusal(
      importAs({
        sourceId,
        claims: [{ key: 'c2', text: 'A claim said twice on one page', kind: good.claims![0].kind }],
        statements: [
          { ...stmt, key: undefined, hedging: Hedging.ATTRIBUTED },
          { claim: 'c2', quote: stmt.quote, hedging: Hedging.HEDGED },
          { claim: 'c2', quote: stmt.quote, hedging: Hedging.HEDGED },
        ],
        // The second is identical to a stored link: a no-op, not a refusal.
        links: [{ ...link, relation: EvidenceRelation.MENTIONS }, { ...good.links![1] }],
      }),
    );
    const stmtId = first.items.find((i) => i.key === stmt.key)!.id;
    expect(err.details.problems).toEqual([
      expect.objectContaining({
        item: 'statements[0]',
        field: 'input.statements[0].quote',
        existingId: stmtId,
      }),
      expect.objectContaining({
        item: 'statements[2]',
        field: 'input.statements[2].quote',
        reason: expect.stringMatching(/of this input/),
      }),
      expect.objectContaining({ item: 'links[0]', field: 'input.links[0].doi' }),
    ]);
    expect(err.details.problems![2].existingId).toBeDefined();
    expect(await state()).toEqual(before);
  });

  it('start picks among repeats of a quote; without it a repeated quote is ambiguous', async () => {
    const claimInput = {
      key: 'c',
      text: 'Ketamine is named on this page',
      kind: ClaimKind.EFFICACY,
    };
    const word = 'ketamine';
    const starts = [...FIBRO_TEXT.toLowerCase().matchAll(/ketamine/g)].map((m) => m.index!);
    expect(starts.length).toBeGreaterThan(2);
    const err = await refusal(
      importAs({
        sourceId,
        claims: [claimInput],
        statements: [{ claim: 'c', quote: word, hedging: Hedging.ASSERTIVE }],
      }),
    );
    expect(err.details.problems![0]).toMatchObject({
      field: 'input.statements[0].quote',
      reason: expect.stringMatching(/occurs/),
    });
    const result = await importAs({
      sourceId,
      claims: [claimInput],
      statements: [{ claim: 'c', quote: word, start: starts[2] + 1, hedging: Hedging.ASSERTIVE }],
    });
    const [stmt] = await app.store.getStatements([result.items[1].id]);
    // Code points and UTF-16 agree before this point only if the page has no astral characters.
    expect(stmt.quote.toLowerCase()).toBe(word);
    expect(Math.abs(stmt.start - starts[2])).toBeLessThan(5);
  });

  it('an unknown source is refused on its field', async () => {
    const err = await refusal(importAs({ sourceId: 'no-such-source' }));
    expect(err).toBeInstanceOf(DomainError);
    expect(err.details.field).toBe('input.sourceId');
  });
});
