/**
 * Indirectness (GRADE): how a supporting study differs from its claim rates the grade down, one
 * step for one domain and two for several, unless a direct study of the strongest design supports
 * the claim; the explanation names each difference. Also what a link may record, and the seeded
 * judgements.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { assess, LinkWithStudy } from '../../src/evidence/assessment';
import { indirectness as recorded } from '../../src/evidence/evidence.service';
import {
  EvidenceGrade,
  EvidenceRelation,
  IndirectnessDomain,
  StudyDesign,
} from '../../src/graphql.schema';
import { loadCuration, SEEDS_DIR } from '../../src/seed/curation';
import { IndirectnessRecord, StudyRecord } from '../../src/store/ports';
import { link, study } from '../support/fixtures';

const { POPULATION, INTERVENTION, OUTCOME, TIMEFRAME } = IndirectnessDomain;
const PTSD: IndirectnessRecord = {
  domain: POPULATION,
  reason: 'the trial enrolled people with PTSD, not depression',
};
const ROUTE: IndirectnessRecord = {
  domain: INTERVENTION,
  reason: 'intranasal esketamine, not IV ketamine',
};
const ACUTE: IndirectnessRecord = { domain: OUTCOME, reason: 'acute pain during infusion only' };
const ONE_WEEK: IndirectnessRecord = {
  domain: TIMEFRAME,
  reason: 'followed for 1 week, not 3 months',
};

let seq = 0;
function evidence(
  relation: EvidenceRelation,
  s: Partial<StudyRecord>,
  indirectness: IndirectnessRecord[] = [],
): LinkWithStudy {
  seq += 1;
  const st = study({ id: `study-${seq}`, sampleSize: 300, ...s });
  return {
    study: st,
    link: link({ id: `ev-${seq}`, studyId: st.id, relation, indirectness }),
  };
}
const supports = (s: Partial<StudyRecord>, i: IndirectnessRecord[] = []) =>
  evidence(EvidenceRelation.SUPPORTS, s, i);
const domain = (r: ReturnType<typeof assess>) =>
  r.domains.find((d) => d.domain === 'INDIRECTNESS')!;

describe('assess: indirectness', () => {
  it('rates down one step when the only support differs in one domain, naming the difference', () => {
    const r = assess([supports({ authors: ['Abdallah CG'], year: 2022 }, [PTSD])], []);
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
    const reason =
      'the only supporting study differs from the claim: Abdallah 2022, rated down one step (population: the trial enrolled people with PTSD, not depression).';
    expect(domain(r)).toMatchObject({ verdict: 'SERIOUS', reason });
    expect(r.explanation).toContain(`Rated down one step to MODERATE for indirectness: ${reason}`);
  });

  it('rates down two steps for several domains on one link, and no more for three', () => {
    const two = assess([supports({ authors: ['Doe J'], year: 2010 }, [PTSD, ROUTE])], []);
    expect(two.grade).toBe(EvidenceGrade.LOW);
    expect(domain(two).verdict).toBe('VERY_SERIOUS');
    expect(two.explanation).toContain(
      'Rated down two steps to LOW for indirectness: the only supporting study differs from the claim: Doe 2010, rated down two steps (population: the trial enrolled people with PTSD, not depression; intervention: intranasal esketamine, not IV ketamine).',
    );
    const three = assess([supports({}, [PTSD, ROUTE, ACUTE])], []);
    expect(three.grade).toBe(EvidenceGrade.LOW);
    expect(domain(three).verdict).toBe('VERY_SERIOUS');
  });

  it('counts domains, not entries: the same domain twice is one step', () => {
    const r = assess([supports({}, [PTSD, { ...PTSD, reason: 'veterans only' }])], []);
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
  });

  it('keeps the grade when a direct study of the strongest design supports it, and says the indirect one counts lower', () => {
    const r = assess(
      [
        supports({ authors: ['Abdallah CG'], year: 2022, sampleSize: 158 }, [PTSD]),
        supports({ authors: ['Fond G'], year: 2014, design: StudyDesign.META_ANALYSIS }),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    const reason =
      'the strongest support is direct (Fond 2014), so the grade stands; indirect support counts lower: Abdallah 2022, rated down one step (population: the trial enrolled people with PTSD, not depression).';
    expect(domain(r)).toMatchObject({ verdict: 'NOT_SERIOUS', reason });
    expect(r.explanation).toContain(`Indirectness not serious: ${reason}`);
  });

  it('lets a weaker direct design stop the fall, and says so', () => {
    const cohort = { authors: ['Roe A'], year: 2001, design: StudyDesign.COHORT };
    const oneDomain = assess(
      [supports({ authors: ['Doe J'], year: 2010 }, [PTSD]), supports(cohort)],
      [],
    );
    expect(oneDomain.grade).toBe(EvidenceGrade.MODERATE);
    expect(domain(oneDomain)).toMatchObject({
      verdict: 'SERIOUS',
      reason:
        'the strongest support differs from the claim: Doe 2010, rated down one step (population: the trial enrolled people with PTSD, not depression); the direct support (Roe 2001) is from weaker designs.',
    });
    // Two steps down from HIGH meet the direct cohort's LOW: two steps, no further.
    const twoDomains = assess([supports({}, [PTSD, ROUTE]), supports(cohort)], []);
    expect(twoDomains.grade).toBe(EvidenceGrade.LOW);
    expect(domain(twoDomains).verdict).toBe('VERY_SERIOUS');
  });

  it('says where the floor stops it', () => {
    const caseReport = { authors: ['Doe J'], year: 2017, design: StudyDesign.CASE_REPORT };
    const floor = assess([supports(caseReport, [PTSD])], []);
    expect(floor.grade).toBe(EvidenceGrade.VERY_LOW);
    expect(floor.explanation).toContain(
      'Would be rated down one step, but VERY_LOW is the floor for supported claims, for indirectness: the only supporting study differs from the claim: Doe 2017, rated down one step (population: the trial enrolled people with PTSD, not depression).',
    );
    const cohort = { authors: ['Doe J'], year: 2017, design: StudyDesign.COHORT };
    const partly = assess([supports(cohort, [PTSD, ACUTE])], []);
    expect(partly.grade).toBe(EvidenceGrade.VERY_LOW);
    expect(partly.explanation.join('\n')).toContain(
      'Rated down one step to VERY_LOW (two steps were due, but VERY_LOW is the floor for supported claims) for indirectness:',
    );
  });

  it('is NOT_SERIOUS with no explanation step when no support records a difference', () => {
    const r = assess([supports({})], []);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(domain(r)).toMatchObject({
      verdict: 'NOT_SERIOUS',
      reason:
        'no supporting study is recorded as differing from the claim in population, intervention, comparator, outcome or timeframe.',
    });
    expect(r.explanation.some((e) => /indirect/i.test(e))).toBe(false);
  });

  it('ignores the differences of contradicting, mentioning and retracted studies', () => {
    const r = assess(
      [
        supports({}),
        supports({ retraction: { date: '2020-01-01', note: 'fabricated' } }, [PTSD]),
        evidence(EvidenceRelation.CONTRADICTS, { design: StudyDesign.CASE_REPORT }, [ROUTE]),
        evidence(EvidenceRelation.MENTIONS, {}, [ACUTE]),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(domain(r).verdict).toBe('NOT_SERIOUS');
    expect(r.explanation.some((e) => /indirectness/i.test(e))).toBe(false);
  });

  it('applies after risk of bias and inconsistency and before imprecision, in GRADE’s order', () => {
    const r = assess(
      [supports({ authors: ['Doe J'], year: 2010, sampleSize: 20 }, [ONE_WEEK])],
      [],
    );
    const steps = r.explanation.map((e) => e.split(':')[0]);
    expect(steps.indexOf('Rated down one step to MODERATE for indirectness')).toBeLessThan(
      steps.indexOf('Rated down one step to LOW for imprecision'),
    );
    expect(r.grade).toBe(EvidenceGrade.LOW);
  });
});

describe('indirectness as recorded on a link', () => {
  it('keeps GRADE’s domain order and each reason exactly as sent', () => {
    expect(
      recorded([
        { domain: OUTCOME, reason: ' acute only ' },
        { domain: POPULATION, reason: 'PTSD, not depression' },
      ]),
    ).toEqual([
      { domain: POPULATION, reason: 'PTSD, not depression' },
      { domain: OUTCOME, reason: ' acute only ' },
    ]);
    expect(recorded(undefined)).toEqual([]);
  });

  it('refuses a domain given twice, naming the entry', () => {
    expect(() =>
      recorded([
        { domain: POPULATION, reason: 'a' },
        { domain: POPULATION, reason: 'b' },
      ]),
    ).toThrow('input.indirectness[1].domain: POPULATION is given twice; one entry per domain');
  });
});

describe('seeded indirectness', () => {
  const bundle = loadCuration();
  const file = JSON.parse(
    readFileSync(join(SEEDS_DIR, 'curation', 'indirectness.json'), 'utf8'),
  ) as Array<{ study: string; claim: string; indirectness: unknown[]; source?: string }>;

  it('judges every seeded link once, each indirect one with the record it was read from', () => {
    expect(file).toHaveLength(bundle.evidence.length);
    for (const j of file.filter((x) => x.indirectness.length > 0))
      expect(j.source).toMatch(/^studies\.json (population|finding)/);
  });

  it('rates the PTSD trial down as support for the depression claim, naming the population', () => {
    const l = bundle.evidence.find(
      (e) => e.studyId === 'study-abdallah-2022' && e.claimId === 'claim-depression-relief',
    )!;
    expect(l.indirectness).toEqual([
      { domain: POPULATION, reason: expect.stringMatching(/PTSD, not people with depression/) },
    ]);
  });

  it('records every study’s population conditions from the vocabulary', () => {
    const conditions = new Set(bundle.conditions.map((c) => c.id));
    for (const s of bundle.studies)
      for (const c of s.populationConditionIds) expect(conditions).toContain(c);
    expect(bundle.studies.find((s) => s.id === 'study-feder-2014')!.populationConditionIds).toEqual(
      ['ptsd'],
    );
  });
});
