/**
 * The curated seed data keeps its promises: every quote sits exactly at its offsets, every study
 * from studies.json is used, every claim no study tests and every uncited "has been shown" has a gap.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EvidenceRelation, GapKind, Hedging } from '../../src/graphql.schema';
import {
  CuratedCitation,
  CuratedSource,
  loadCuration,
  SEEDS_DIR,
  StudiesFile,
} from '../../src/seed/curation';

const bundle = loadCuration();
const curatedSources = JSON.parse(
  readFileSync(join(SEEDS_DIR, 'curation', 'sources.json'), 'utf8'),
) as CuratedSource[];
const studiesFile = JSON.parse(
  readFileSync(join(SEEDS_DIR, 'studies.json'), 'utf8'),
) as StudiesFile;

describe('seed curation', () => {
  it('copies the five source documents verbatim into seeds/sources', () => {
    expect(bundle.sources).toHaveLength(5);
    for (const s of curatedSources)
      expect(readFileSync(join(SEEDS_DIR, 'sources', s.file), 'utf8').length).toBeGreaterThan(1000);
  });

  it('records 40 or more statements, each with its offsets written in the data file, matching the text in code points', () => {
    expect(bundle.statements.length).toBeGreaterThanOrEqual(40);
    for (const s of curatedSources) {
      const text = [...readFileSync(join(SEEDS_DIR, 'sources', s.file), 'utf8')];
      for (const st of s.statements) {
        expect(st.start).toEqual(expect.any(Number));
        expect(text.slice(st.start!, st.end!).join('')).toBe(st.quote);
        expect(text.slice(st.start! - [...st.prefix!].length, st.start!).join('')).toBe(st.prefix);
        expect(text.slice(st.end!, st.end! + [...st.suffix!].length).join('')).toBe(st.suffix);
      }
    }
  });

  it.each([
    ['anti-inflammatory', /anti-inflammatory/i],
    ['fibromyalgia up to 3 months', /up to 3 months/],
    ['rapid antidepressant', /rapid antidepressant|fast results as an antidepressant/i],
    ['first three sessions', /first three sessions/],
    ['non-addictive', /non-addictive/],
    ['glutamate', /glutamate/],
    ['new synapses', /new synapses/],
    ['restart of the pain response', /restart of the pain response/],
    ['suicidal thoughts', /suicidal/],
    ['PTSD', /PSTD/],
    ['CRPS', /CRPS/],
    ['sickle cell', /Sickle cell/],
    ['side effects', /dissociation/i],
  ])('covers the %s claim', (_name, pattern) => {
    expect(bundle.statements.some((s) => pattern.test(s.quote))).toBe(true);
  });

  it('links every study in studies.json to at least one claim', () => {
    const used = new Set(bundle.evidence.map((e) => e.studyId));
    expect(bundle.studies).toHaveLength(studiesFile.studies.length);
    expect(bundle.studies.filter((s) => !used.has(s.id)).map((s) => s.id)).toEqual([]);
  });

  it('gives every claim that no study supports or contradicts an open NO_STUDY gap', () => {
    const tested = new Set(
      bundle.evidence.filter((e) => e.relation !== EvidenceRelation.MENTIONS).map((e) => e.claimId),
    );
    const noStudy = new Set(
      bundle.gaps.filter((g) => g.kind === GapKind.NO_STUDY).map((g) => g.claimId),
    );
    expect(
      bundle.claims.filter((c) => !tested.has(c.id) && !noStudy.has(c.id)).map((c) => c.id),
    ).toEqual([]);
  });

  it('gives every assertive "has been shown" / "studies have shown" statement an UNCITED_ASSERTION gap', () => {
    const flagged = new Set(
      bundle.gaps.filter((g) => g.kind === GapKind.UNCITED_ASSERTION).map((g) => g.statementId),
    );
    const shown = bundle.statements.filter(
      (s) =>
        s.hedging === Hedging.ASSERTIVE &&
        /(has been|have) (shown|proven)|studies have shown/i.test(s.quote),
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((s) => !flagged.has(s.id)).map((s) => s.id)).toEqual([]);
  });

  it('records a gap for each noStudyFound note of studies.json', () => {
    const groups = Object.keys(studiesFile.noStudyFound);
    const raw = JSON.parse(
      readFileSync(join(SEEDS_DIR, 'curation', 'gaps.json'), 'utf8'),
    ) as Array<{ noStudyFoundGroup?: string }>;
    for (const g of groups) expect(raw.some((x) => x.noStudyFoundGroup === g)).toBe(true);
  });

  it('names synonyms the clinicians use: fibro, FM, chronic Lyme, PTLDS', () => {
    const byId = new Map(bundle.conditions.map((c) => [c.id, c]));
    expect(byId.get('fibromyalgia')!.synonyms).toEqual(expect.arrayContaining(['fibro', 'FM']));
    expect(byId.get('post-treatment-lyme-disease-syndrome')!.synonyms).toEqual(
      expect.arrayContaining(['chronic Lyme', 'PTLDS']),
    );
    for (const id of ['fibromyalgia', 'crps', 'neuropathic-pain'])
      expect(byId.get(id)!.broaderIds).toContain('chronic-pain');
  });

  describe('citations (citations.json)', () => {
    const curated = JSON.parse(
      readFileSync(join(SEEDS_DIR, 'curation', 'citations.json'), 'utf8'),
    ) as CuratedCitation[];

    it('seeds each citation read in a reference list once, between seeded studies, as the curation actor', () => {
      expect(bundle.citations.map((c) => c.id)).toEqual(
        curated.map((c) => `${c.citing}>${c.cited}`),
      );
      expect(new Set(bundle.citations.map((c) => c.id)).size).toBe(curated.length);
      const studies = new Set(bundle.studies.map((s) => s.id));
      for (const c of bundle.citations) {
        expect(studies.has(c.citingId) && studies.has(c.citedId)).toBe(true);
        expect(c.addedBy).toBe('seed:curation');
      }
      for (const c of curated) {
        expect(c.verifiedAt).toMatch(/^https?:\/\//);
        expect(c.reference.length).toBeGreaterThan(40);
      }
    });

    describe('refuses a citation it cannot trust', () => {
      let dir: string;
      beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'seeds-'));
        cpSync(SEEDS_DIR, dir, { recursive: true });
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));
      const withCitation = (c: Partial<CuratedCitation>) => {
        writeFileSync(
          join(dir, 'curation', 'citations.json'),
          JSON.stringify([{ ...curated[0], ...c }]),
        );
        return () => loadCuration(dir);
      };

      it.each<[string, Partial<CuratedCitation>, RegExp]>([
        ['an unknown study', { cited: 'study-nobody-1900' }, /no study study-nobody-1900/],
        ['a self-citation', { cited: 'study-cotter-2021' }, /cannot cite itself/],
        [
          'a citing study older than the cited one',
          { citing: 'study-berman-2000', cited: 'study-cotter-2021' },
          /a 2000 study cannot cite one from 2021/,
        ],
        ['no place where it was read', { verifiedAt: ' ' }, /needs verifiedAt/],
        [
          'a reference entry naming another DOI',
          { cited: 'study-zarate-2006' },
          /names DOI 10.1016\/s0006-3223\(99\)00230-9, not 10.1001\/archpsyc.63.8.856/,
        ],
      ])('%s', (_name, c, message) => {
        expect(withCitation(c)).toThrow(message);
      });
    });
  });
});
