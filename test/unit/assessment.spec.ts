/**
 * The assessment rules (src/evidence/assessment.ts): evidence status, GRADE-style grade,
 * explanation and overclaim flag. One test per rule; records are plain objects built by the
 * helpers below.
 */
import {
  GRADE_ORDER,
  IMPRECISION_THRESHOLD,
  LinkWithStudy,
  assess,
  atLeast,
  absoluteCue,
  compareSupport,
  gradeRank,
} from '../../src/evidence/assessment';
import {
  EvidenceGrade,
  ReviewStatus,
  EvidenceRelation,
  EvidenceStatus,
  Hedging,
  RiskOfBias,
  StudyDesign,
} from '../../src/graphql.schema';
import { EvidenceLinkRecord, StudyRecord } from '../../src/store/ports';

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

let seq = 0;

function buildStudy(overrides: Partial<StudyRecord> = {}): StudyRecord {
  seq += 1;
  return {
    id: `study-${String(seq).padStart(4, '0')}`,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    version: 1,
    title: `Study number ${seq}`,
    authors: [`Author${seq} AB`],
    year: 2010,
    journal: null,
    doi: null,
    pmid: null,
    design: StudyDesign.RCT,
    sampleSize: 100,
    population: null,
    finding: null,
    riskOfBias: RiskOfBias.NOT_ASSESSED,
    riskOfBiasReason: null,
    populationConditionIds: [],
    retraction: null,
    ...overrides,
  };
}

function buildLink(
  study: StudyRecord,
  relation: EvidenceRelation,
  overrides: Partial<EvidenceLinkRecord> = {},
): EvidenceLinkRecord {
  return {
    id: `link-${study.id}-${relation.toLowerCase()}`,
    studyId: study.id,
    claimId: 'claim-ketamine-crps',
    relation,
    note: null,
    quote: null,
    indirectness: [],
    addedBy: 'test',
    reviewStatus: ReviewStatus.ACCEPTED,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function evidence(relation: EvidenceRelation, study: Partial<StudyRecord> = {}): LinkWithStudy {
  const s = buildStudy(study);
  return { link: buildLink(s, relation), study: s };
}

const supports = (study: Partial<StudyRecord> = {}) => evidence(EvidenceRelation.SUPPORTS, study);
const contradicts = (study: Partial<StudyRecord> = {}) =>
  evidence(EvidenceRelation.CONTRADICTS, study);
const mentions = (study: Partial<StudyRecord> = {}) => evidence(EvidenceRelation.MENTIONS, study);

const RETRACTED = { retraction: { date: '2012-03-01', note: 'Data fabrication' } };

const ASSERTIVE = [{ hedging: Hedging.ASSERTIVE }];
const HEDGED = [{ hedging: Hedging.HEDGED }];
const ATTRIBUTED = [{ hedging: Hedging.ATTRIBUTED }];

const joined = (explanation: string[]) => explanation.join('\n');

// ---------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------

describe('assess: status', () => {
  it('is UNSUPPORTED when the claim has no evidence links', () => {
    const r = assess([], []);
    expect(r.status).toBe(EvidenceStatus.UNSUPPORTED);
    expect(r.grade).toBe(EvidenceGrade.NONE);
  });

  it('is UNSUPPORTED when the claim only has MENTIONS links', () => {
    const r = assess([mentions({ design: StudyDesign.META_ANALYSIS }), mentions()], []);
    expect(r.status).toBe(EvidenceStatus.UNSUPPORTED);
    expect(r.grade).toBe(EvidenceGrade.NONE);
  });

  it('is SUPPORTED when studies support and none contradicts', () => {
    const r = assess([supports(), supports({ design: StudyDesign.COHORT })], []);
    expect(r.status).toBe(EvidenceStatus.SUPPORTED);
  });

  it('is CONTESTED when support and contradiction come from the same design tier', () => {
    const r = assess(
      [supports({ design: StudyDesign.RCT }), contradicts({ design: StudyDesign.RCT })],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTESTED);
  });

  it('is CONTESTED when the contradiction comes from a weaker design than the support', () => {
    const r = assess(
      [supports({ design: StudyDesign.RCT }), contradicts({ design: StudyDesign.CASE_REPORT })],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTESTED);
  });

  it('is CONTRADICTED when studies contradict and none supports', () => {
    const r = assess([contradicts({ design: StudyDesign.CASE_SERIES })], []);
    expect(r.status).toBe(EvidenceStatus.CONTRADICTED);
    expect(r.grade).toBe(EvidenceGrade.NONE);
  });

  it('is CONTRADICTED when the contradiction comes from a stronger design tier than all the support', () => {
    const r = assess(
      [
        contradicts({ design: StudyDesign.RCT }),
        supports({ design: StudyDesign.CASE_SERIES }),
        supports({ design: StudyDesign.CASE_REPORT }),
      ],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTRADICTED);
  });
});

// ---------------------------------------------------------------------------------------------
// Starting grade
// ---------------------------------------------------------------------------------------------

describe('assess: starting grade by the best supporting design (n >= 50, so no imprecision)', () => {
  it.each([
    [StudyDesign.META_ANALYSIS, EvidenceGrade.HIGH],
    [StudyDesign.SYSTEMATIC_REVIEW, EvidenceGrade.HIGH],
    [StudyDesign.RCT, EvidenceGrade.HIGH],
    [StudyDesign.COHORT, EvidenceGrade.LOW],
    [StudyDesign.CASE_CONTROL, EvidenceGrade.LOW],
    [StudyDesign.CASE_SERIES, EvidenceGrade.VERY_LOW],
    [StudyDesign.CASE_REPORT, EvidenceGrade.VERY_LOW],
    [StudyDesign.PRECLINICAL, EvidenceGrade.VERY_LOW],
    [StudyDesign.NARRATIVE_REVIEW, EvidenceGrade.VERY_LOW],
    [StudyDesign.GUIDELINE, EvidenceGrade.VERY_LOW],
    [StudyDesign.EXPERT_OPINION, EvidenceGrade.VERY_LOW],
  ])('a supporting %s starts (and ends) at %s', (design, expected) => {
    const r = assess([supports({ design, sampleSize: 50 })], []);
    expect(r.status).toBe(EvidenceStatus.SUPPORTED);
    expect(r.grade).toBe(expected);
    expect(r.explanation).toContain(`Final grade: ${expected}.`);
  });

  it('covers every StudyDesign value in the table above', () => {
    expect(Object.values(StudyDesign)).toHaveLength(11);
  });

  it('is NONE when nothing supports the claim', () => {
    const r = assess([contradicts({ design: StudyDesign.META_ANALYSIS })], []);
    expect(r.grade).toBe(EvidenceGrade.NONE);
    expect(r.explanation).toContain('Grade NONE: no supporting study.');
    expect(joined(r.explanation)).not.toContain('Final grade');
  });
});

// ---------------------------------------------------------------------------------------------
// Inconsistency
// ---------------------------------------------------------------------------------------------

describe('assess: rating down for inconsistency', () => {
  it('rates down one step when a contradicting study has the same design tier as the best support', () => {
    const r = assess(
      [supports({ design: StudyDesign.RCT }), contradicts({ design: StudyDesign.RCT })],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
    expect(joined(r.explanation)).toMatch(/Rated down one step to MODERATE for inconsistency/);
  });

  it('treats different designs of the same tier as equal (systematic review supports, RCT contradicts)', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.SYSTEMATIC_REVIEW }),
        contradicts({ design: StudyDesign.RCT }),
      ],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTESTED);
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
  });

  it('rates down one step when the contradicting study has a higher design tier than the support', () => {
    const r = assess(
      [supports({ design: StudyDesign.COHORT }), contradicts({ design: StudyDesign.RCT })],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTRADICTED);
    expect(r.grade).toBe(EvidenceGrade.VERY_LOW);
    expect(joined(r.explanation)).toMatch(/for inconsistency/);
  });

  it('does not rate down for a contradiction from a lower design tier', () => {
    const r = assess(
      [supports({ design: StudyDesign.RCT }), contradicts({ design: StudyDesign.COHORT })],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTESTED);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(joined(r.explanation)).not.toMatch(/inconsistency/);
  });

  it('rates down only once however many studies contradict', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.RCT }),
        contradicts({ design: StudyDesign.RCT }),
        contradicts({ design: StudyDesign.META_ANALYSIS }),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
  });
});

// ---------------------------------------------------------------------------------------------
// Imprecision
// ---------------------------------------------------------------------------------------------

describe('assess: rating down for imprecision', () => {
  it('uses a threshold of 50 participants', () => {
    expect(IMPRECISION_THRESHOLD).toBe(50);
  });

  it('rates down one step when the best supporting study has 49 participants', () => {
    const r = assess([supports({ design: StudyDesign.RCT, sampleSize: 49 })], []);
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
    expect(r.explanation).toContain(
      'Rated down one step to MODERATE for imprecision: the best supporting study had 49 participants, fewer than 50.',
    );
  });

  it('does not rate down when the best supporting study has exactly 50 participants', () => {
    const r = assess([supports({ design: StudyDesign.RCT, sampleSize: 50 })], []);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(joined(r.explanation)).not.toMatch(/imprecision/i);
  });

  it('does not rate down when the sample size is unknown, but says imprecision was not assessed', () => {
    const r = assess([supports({ design: StudyDesign.RCT, sampleSize: null })], []);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(r.explanation).toContain(
      'Imprecision not assessed: the best supporting study does not report its sample size.',
    );
  });

  it('judges imprecision on the best supporting study, not on the contradicting one', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.RCT, sampleSize: 100 }),
        contradicts({ design: StudyDesign.CASE_REPORT, sampleSize: 1 }),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.HIGH);
  });
});

// ---------------------------------------------------------------------------------------------
// Combined downgrades and the floor
// ---------------------------------------------------------------------------------------------

describe('assess: combined downgrades and the floor', () => {
  it('applies inconsistency and imprecision together (HIGH -> LOW)', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.RCT, sampleSize: 30 }),
        contradicts({ design: StudyDesign.RCT, sampleSize: 100 }),
      ],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTESTED);
    expect(r.grade).toBe(EvidenceGrade.LOW);
    const text = joined(r.explanation);
    expect(text).toContain('Rated down one step to MODERATE for inconsistency');
    expect(text).toContain('Rated down one step to LOW for imprecision');
    expect(r.explanation[r.explanation.length - 1]).toBe('Final grade: LOW.');
  });

  it('never goes below VERY_LOW for a supported claim (cohort, contradicted by RCT, n < 50)', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.COHORT, sampleSize: 10 }),
        contradicts({ design: StudyDesign.RCT }),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.VERY_LOW);
  });

  it('keeps a VERY_LOW start at VERY_LOW after both downgrades (case series, contradicted, n < 50)', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.CASE_SERIES, sampleSize: 10 }),
        contradicts({ design: StudyDesign.CASE_SERIES }),
      ],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.CONTESTED);
    expect(r.grade).toBe(EvidenceGrade.VERY_LOW);
    expect(r.grade).not.toBe(EvidenceGrade.NONE);
  });
});

// ---------------------------------------------------------------------------------------------
// Choosing the best supporting study
// ---------------------------------------------------------------------------------------------

describe('assess: the best supporting study', () => {
  it('is chosen by design tier before sample size (RCT n=20 beats cohort n=5000)', () => {
    const cohort = supports({ design: StudyDesign.COHORT, sampleSize: 5000 });
    const rct = supports({ design: StudyDesign.RCT, sampleSize: 20 });
    const r = assess([cohort, rct], []);
    expect(r.supporting[0]).toBe(rct);
    // starts HIGH from the RCT, then imprecision because the RCT has 20 participants
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
  });

  it('is chosen by design order within a tier (meta-analysis before RCT)', () => {
    const rct = supports({ design: StudyDesign.RCT, sampleSize: 10 });
    const meta = supports({ design: StudyDesign.META_ANALYSIS, sampleSize: 400 });
    const r = assess([rct, meta], []);
    expect(r.supporting[0]).toBe(meta);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
  });

  it('is the larger study when designs are equal (RCT n=20 and RCT n=200: no imprecision downgrade)', () => {
    const small = supports({ design: StudyDesign.RCT, sampleSize: 20 });
    const large = supports({ design: StudyDesign.RCT, sampleSize: 200 });
    const r = assess([small, large], []);
    expect(r.supporting[0]).toBe(large);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(joined(r.explanation)).not.toMatch(/imprecision/i);
  });

  it('lists counted supporting links strongest first', () => {
    const report = supports({ design: StudyDesign.CASE_REPORT, sampleSize: 1 });
    const cohort = supports({ design: StudyDesign.COHORT, sampleSize: 300 });
    const rct = supports({ design: StudyDesign.RCT, sampleSize: 60 });
    const r = assess([report, cohort, rct], []);
    expect(r.supporting).toEqual([rct, cohort, report]);
  });
});

// ---------------------------------------------------------------------------------------------
// Retraction
// ---------------------------------------------------------------------------------------------

describe('assess: retracted studies never count', () => {
  it('makes a claim whose only support is retracted UNSUPPORTED with grade NONE', () => {
    const r = assess([supports({ design: StudyDesign.RCT, ...RETRACTED })], []);
    expect(r.status).toBe(EvidenceStatus.UNSUPPORTED);
    expect(r.grade).toBe(EvidenceGrade.NONE);
  });

  it('keeps the retracted link visible: in supporting (after the counted ones) and in excluded', () => {
    const retracted = supports({ design: StudyDesign.META_ANALYSIS, ...RETRACTED });
    const cohort = supports({ design: StudyDesign.COHORT, sampleSize: 100 });
    const r = assess([retracted, cohort], []);
    expect(r.supporting).toEqual([cohort, retracted]);
    expect(r.excluded).toEqual([retracted]);
    expect(r.contradicting).toEqual([]);
  });

  it('grades from the best non-retracted support only (retracted meta-analysis, cohort left: LOW)', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.META_ANALYSIS, ...RETRACTED }),
        supports({ design: StudyDesign.COHORT, sampleSize: 100 }),
      ],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.SUPPORTED);
    expect(r.grade).toBe(EvidenceGrade.LOW);
  });

  it('mentions the retraction, with its date, in the explanation', () => {
    const r = assess([supports({ authors: ['Sigtermans MJ'], year: 2009, ...RETRACTED })], []);
    expect(r.explanation).toContain(
      'Sigtermans 2009 is retracted (2012-03-01); its supports link is shown but not counted.',
    );
  });

  it('mentions a retraction without a date without an empty date', () => {
    const r = assess(
      [
        supports({
          authors: ['Sigtermans MJ'],
          year: 2009,
          retraction: { date: null, note: null },
        }),
      ],
      [],
    );
    expect(r.explanation).toContain(
      'Sigtermans 2009 is retracted; its supports link is shown but not counted.',
    );
  });

  it('no longer rates down for inconsistency once the contradicting study is retracted', () => {
    const support = supports({ design: StudyDesign.RCT, sampleSize: 100 });
    const retractedContra = contradicts({ design: StudyDesign.RCT, sampleSize: 100, ...RETRACTED });
    const r = assess([support, retractedContra], []);
    expect(r.status).toBe(EvidenceStatus.SUPPORTED);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(joined(r.explanation)).not.toMatch(/inconsistency/);
    expect(r.contradicting).toEqual([retractedContra]);
    expect(r.excluded).toEqual([retractedContra]);
  });
});

// ---------------------------------------------------------------------------------------------
// Mentions
// ---------------------------------------------------------------------------------------------

describe('assess: MENTIONS links', () => {
  it('never count towards status or grade (an RCT that only mentions does not lift a case series)', () => {
    const mention = mentions({ design: StudyDesign.RCT, sampleSize: 500 });
    const r = assess([supports({ design: StudyDesign.CASE_SERIES, sampleSize: 80 }), mention], []);
    expect(r.status).toBe(EvidenceStatus.SUPPORTED);
    expect(r.grade).toBe(EvidenceGrade.VERY_LOW);
    expect(r.mentioning).toEqual([mention]);
  });

  it('are named in the explanation as not counted (one study)', () => {
    const r = assess([supports(), mentions()], []);
    expect(r.explanation).toContain(
      '1 study bears on it only indirectly (mentions) and is not counted.',
    );
  });

  it('are named in the explanation as not counted (several studies)', () => {
    const r = assess([supports(), mentions(), mentions()], []);
    expect(r.explanation).toContain(
      '2 studies bear on it only indirectly (mentions) and are not counted.',
    );
  });

  it('when they are all there is, the explanation says so first: not "no study", but none tests it directly', () => {
    const r = assess(
      [
        mentions({
          id: 'm1',
          design: StudyDesign.RCT,
          sampleSize: 60,
          authors: ['Pastrak M'],
          year: 2021,
        }),
        mentions({
          id: 'm2',
          design: StudyDesign.CASE_SERIES,
          sampleSize: 12,
          authors: ['Doe J'],
          year: 2015,
        }),
      ],
      [],
    );
    expect(r.status).toBe(EvidenceStatus.UNSUPPORTED);
    expect(r.explanation[0]).toBe(
      'No study tests this claim directly; 2 studies bear on it indirectly: ' +
        'a randomised controlled trial (Pastrak 2021, 60 participants); ' +
        'a case series (Doe 2015, 12 participants).',
    );
    expect(joined(r.explanation)).not.toMatch(/No study supports or contradicts/);
  });

  it('without any link at all, the explanation says no study supports or contradicts it', () => {
    expect(assess([], []).explanation[0]).toBe('No study supports or contradicts this claim.');
  });
});

describe('compareSupport: ranking claims of equal grade', () => {
  it('puts the claim with the stronger design first, then the larger study, then those without support', () => {
    const rct = assess([supports({ id: 'a', design: StudyDesign.RCT, sampleSize: 40 })], []);
    const bigRct = assess([supports({ id: 'b', design: StudyDesign.RCT, sampleSize: 400 })], []);
    const cohort = assess(
      [supports({ id: 'c', design: StudyDesign.COHORT, sampleSize: 4000 })],
      [],
    );
    const none = assess([mentions({ id: 'd', design: StudyDesign.META_ANALYSIS })], []);
    const ranked = [none, cohort, rct, bigRct].sort(compareSupport);
    expect(ranked).toEqual([bigRct, rct, cohort, none]);
  });

  it('ignores a retracted study, however strong', () => {
    const retracted = assess(
      [
        supports({ id: 'r', design: StudyDesign.META_ANALYSIS, ...RETRACTED }),
        supports({ id: 's', design: StudyDesign.CASE_SERIES }),
      ],
      [],
    );
    const rct = assess([supports({ id: 't', design: StudyDesign.RCT })], []);
    expect([retracted, rct].sort(compareSupport)).toEqual([rct, retracted]);
  });
});

// ---------------------------------------------------------------------------------------------
// Overclaim
// ---------------------------------------------------------------------------------------------

describe('assess: overclaimed', () => {
  it.each([
    ['LOW', [supports({ design: StudyDesign.COHORT, sampleSize: 100 })], EvidenceGrade.LOW],
    [
      'VERY_LOW',
      [supports({ design: StudyDesign.CASE_SERIES, sampleSize: 100 })],
      EvidenceGrade.VERY_LOW,
    ],
    ['NONE', [] as LinkWithStudy[], EvidenceGrade.NONE],
  ])('is true for an ASSERTIVE statement over a claim graded %s', (_label, links, grade) => {
    const r = assess(links, ASSERTIVE);
    expect(r.grade).toBe(grade);
    expect(r.overclaimed).toBe(true);
    expect(r.explanation).toContain(
      `Overclaimed: a source states this as established fact, but the evidence is graded ${grade}.`,
    );
  });

  it('is true when any one of several statements is ASSERTIVE', () => {
    const r = assess(
      [supports({ design: StudyDesign.COHORT })],
      [{ hedging: Hedging.HEDGED }, { hedging: Hedging.ASSERTIVE }],
    );
    expect(r.overclaimed).toBe(true);
  });

  it('is false for a HEDGED statement over a LOW claim', () => {
    const r = assess([supports({ design: StudyDesign.COHORT })], HEDGED);
    expect(r.grade).toBe(EvidenceGrade.LOW);
    expect(r.overclaimed).toBe(false);
  });

  it('is false for an ATTRIBUTED statement over an unsupported claim', () => {
    const r = assess([], ATTRIBUTED);
    expect(r.overclaimed).toBe(false);
    expect(joined(r.explanation)).not.toMatch(/Overclaimed/);
  });

  it('is false for an ASSERTIVE statement over a HIGH claim', () => {
    const r = assess([supports({ design: StudyDesign.RCT, sampleSize: 100 })], ASSERTIVE);
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(r.overclaimed).toBe(false);
  });

  it('is false for an ASSERTIVE statement over a MODERATE claim', () => {
    const r = assess([supports({ design: StudyDesign.RCT, sampleSize: 20 })], ASSERTIVE);
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
    expect(r.overclaimed).toBe(false);
  });

  it('is false when the claim has no statements', () => {
    expect(assess([], []).overclaimed).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Explanation
// ---------------------------------------------------------------------------------------------

describe('assess: explanation', () => {
  it('is never empty', () => {
    expect(assess([], []).explanation.length).toBeGreaterThan(0);
    expect(assess([supports()], []).explanation.length).toBeGreaterThan(0);
  });

  it('spells out every step for a single supporting RCT, ending with the final grade', () => {
    const r = assess(
      [
        supports({
          design: StudyDesign.RCT,
          authors: ['Sigtermans MJ', 'van Hilten JJ'],
          year: 2009,
          sampleSize: 60,
        }),
      ],
      [],
    );
    expect(r.explanation).toEqual([
      'Supported: 1 study supports it and none contradicts it.',
      'Starts at HIGH: the best supporting evidence is a randomised controlled trial (Sigtermans 2009, 60 participants).',
      'Risk of bias not assessed: no supporting study has a risk-of-bias judgement recorded.',
      'Final grade: HIGH.',
    ]);
  });

  it('describes an unsupported claim exactly', () => {
    expect(assess([], []).explanation).toEqual([
      'No study supports or contradicts this claim.',
      'Grade NONE: no supporting study.',
    ]);
  });

  it('names the study label and design of the leading contradiction', () => {
    const r = assess(
      [
        contradicts({
          design: StudyDesign.RCT,
          authors: ['Schwartzman RJ'],
          year: 2009,
          sampleSize: 26,
        }),
      ],
      [],
    );
    expect(r.explanation[0]).toBe(
      'Contradicted: 1 study contradicts it, led by a randomised controlled trial (Schwartzman 2009, 26 participants), and none supports it.',
    );
  });

  it('names the contradicting study in the inconsistency step', () => {
    const r = assess(
      [
        supports({
          design: StudyDesign.RCT,
          authors: ['Sigtermans MJ'],
          year: 2009,
          sampleSize: 60,
        }),
        contradicts({
          design: StudyDesign.META_ANALYSIS,
          authors: ['Zarate CA Jr'],
          year: 2006,
          sampleSize: 300,
        }),
      ],
      [],
    );
    expect(r.explanation).toContain(
      'Rated down one step to MODERATE for inconsistency: a meta-analysis (Zarate 2006, 300 participants) contradicts the claim, a design as strong as or stronger than the best support.',
    );
    expect(r.explanation[0]).toBe('Contested: 1 study supports it and 1 study contradicts it.');
  });

  it('says when the sample size is not reported', () => {
    const r = assess(
      [
        supports({
          design: StudyDesign.COHORT,
          authors: ['de Carvalho JF'],
          year: 2024,
          sampleSize: null,
        }),
      ],
      [],
    );
    expect(r.explanation).toContain(
      'Starts at LOW: the best supporting evidence is a cohort study (de Carvalho 2024, sample size not reported).',
    );
  });

  it('uses "an" before a design phrase that starts with a vowel (an expert opinion)', () => {
    const r = assess(
      [
        supports({
          design: StudyDesign.EXPERT_OPINION,
          authors: ['Cohen SP'],
          year: 2018,
          sampleSize: 50,
        }),
      ],
      [],
    );
    expect(r.explanation).toContain(
      'Starts at VERY_LOW: the best supporting evidence is an expert opinion (Cohen 2018, 50 participants).',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Grade ordering helpers and the injectable wrapper
// ---------------------------------------------------------------------------------------------

describe('grade ordering', () => {
  it('GRADE_ORDER runs from strongest to weakest', () => {
    expect(GRADE_ORDER).toEqual([
      EvidenceGrade.HIGH,
      EvidenceGrade.MODERATE,
      EvidenceGrade.LOW,
      EvidenceGrade.VERY_LOW,
      EvidenceGrade.NONE,
    ]);
  });

  it('gradeRank is higher for stronger grades, NONE lowest', () => {
    expect(gradeRank(EvidenceGrade.HIGH)).toBeGreaterThan(gradeRank(EvidenceGrade.MODERATE));
    expect(gradeRank(EvidenceGrade.MODERATE)).toBeGreaterThan(gradeRank(EvidenceGrade.LOW));
    expect(gradeRank(EvidenceGrade.LOW)).toBeGreaterThan(gradeRank(EvidenceGrade.VERY_LOW));
    expect(gradeRank(EvidenceGrade.VERY_LOW)).toBeGreaterThan(gradeRank(EvidenceGrade.NONE));
    expect(gradeRank(EvidenceGrade.NONE)).toBe(0);
    expect(gradeRank(EvidenceGrade.HIGH)).toBe(4);
  });

  it('atLeast is true for the same grade and for stronger grades', () => {
    expect(atLeast(EvidenceGrade.LOW, EvidenceGrade.LOW)).toBe(true);
    expect(atLeast(EvidenceGrade.HIGH, EvidenceGrade.MODERATE)).toBe(true);
    expect(atLeast(EvidenceGrade.MODERATE, EvidenceGrade.VERY_LOW)).toBe(true);
  });

  it('atLeast is false for weaker grades', () => {
    expect(atLeast(EvidenceGrade.VERY_LOW, EvidenceGrade.LOW)).toBe(false);
    expect(atLeast(EvidenceGrade.NONE, EvidenceGrade.VERY_LOW)).toBe(false);
    expect(atLeast(EvidenceGrade.MODERATE, EvidenceGrade.HIGH)).toBe(false);
  });

  it('every grade is at least NONE', () => {
    for (const g of GRADE_ORDER) expect(atLeast(g, EvidenceGrade.NONE)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Absolute wording
// ---------------------------------------------------------------------------------------------

describe('absoluteCue: wording no evidence grade supports', () => {
  const says = (quote: string, hedging = Hedging.ASSERTIVE) => absoluteCue({ hedging, quote });

  it.each([
    ['Ketamine has cured many patients of their depression', 'has cured'],
    ['This infusion cures migraines.', 'cures'],
    ['Our protocol eliminates chronic pain for good', 'eliminates'],
    ['patients report permanent relief after six sessions', 'permanent'],
    ['Results are guaranteed or your money back', 'are guaranteed'],
    ['It completely resolves PTSD symptoms', 'completely resolves'],
    ['100% of our patients improved', '100%'],
    ['a treatment that will eradicate treatment-resistant depression', 'will eradicate'],
  ])('finds it in "%s"', (quote, cue) => {
    expect(says(quote)?.toLowerCase()).toBe(cue.toLowerCase());
  });

  it.each([
    'There is no cure for fibromyalgia, but ketamine may ease the pain',
    'Ketamine is not a permanent fix and sessions may need repeating',
    'We cannot guarantee results',
    'Relief may last up to 3 months in some patients',
    'Ketamine has been shown to reduce depressive symptoms within hours',
    'a curated list of clinics', // a word that only begins like one
    'The securing strap is removed after the infusion',
  ])('finds none in "%s"', (quote) => {
    expect(says(quote)).toBeNull();
  });

  it('counts only the source’s own assertion, not hedged or reported words', () => {
    expect(says('Patients told us it cured them', Hedging.ATTRIBUTED)).toBeNull();
    expect(says('It may cure some forms of depression', Hedging.HEDGED)).toBeNull();
  });

  it('makes a claim overclaimed even on HIGH evidence, and says why', () => {
    const links = [supports({ design: StudyDesign.META_ANALYSIS, sampleSize: 900 })];
    const plain = assess(links, [
      { hedging: Hedging.ASSERTIVE, quote: 'Ketamine relieves depression' },
    ]);
    expect(plain.grade).toBe(EvidenceGrade.HIGH);
    expect(plain.overclaimed).toBe(false);
    const cured = assess(links, [
      {
        hedging: Hedging.ASSERTIVE,
        quote: 'ketamine has cured various patients suffering from depression',
      },
    ]);
    expect(cured.grade).toBe(EvidenceGrade.HIGH);
    expect(cured.overclaimed).toBe(true);
    expect(joined(cured.explanation)).toMatch(
      /absolute terms \("has cured"\).*graded|this claim's is HIGH/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// GRADE's words and domains
// ---------------------------------------------------------------------------------------------

describe('GRADE certainty and domains', () => {
  const verdicts = (r: ReturnType<typeof assess>) =>
    Object.fromEntries(r.domains.map((d) => [d.domain, d.verdict]));

  it('states the certainty in GRADE’s words for each grade', () => {
    const high = assess([supports({ design: StudyDesign.RCT, sampleSize: 400 })], []);
    expect(high.grade).toBe(EvidenceGrade.HIGH);
    expect(high.certainty).toMatch(/^We are very confident/);
    const moderate = assess([supports({ design: StudyDesign.RCT, sampleSize: 30 })], []);
    expect(moderate.grade).toBe(EvidenceGrade.MODERATE);
    expect(moderate.certainty).toMatch(/^We are moderately confident/);
    expect(assess([], []).certainty).toMatch(/^No study supports this claim/);
  });

  it('lists the five domains in GRADE’s order, each with a verdict and a reason', () => {
    const r = assess([supports({ design: StudyDesign.RCT, sampleSize: 400 })], []);
    expect(r.domains.map((d) => d.domain)).toEqual([
      'RISK_OF_BIAS',
      'INCONSISTENCY',
      'INDIRECTNESS',
      'IMPRECISION',
      'PUBLICATION_BIAS',
    ]);
    expect(r.domains.every((d) => d.reason.length > 10)).toBe(true);
    expect(verdicts(r)).toEqual({
      RISK_OF_BIAS: 'NOT_ASSESSED',
      INCONSISTENCY: 'NOT_SERIOUS',
      INDIRECTNESS: 'NOT_SERIOUS',
      IMPRECISION: 'NOT_SERIOUS',
      PUBLICATION_BIAS: 'NOT_ASSESSED',
    });
  });

  it('marks a domain SERIOUS exactly where the grade was rated down for it', () => {
    const r = assess(
      [
        supports({ design: StudyDesign.RCT, sampleSize: 30 }),
        contradicts({ design: StudyDesign.META_ANALYSIS }),
      ],
      [],
    );
    expect(verdicts(r)).toMatchObject({ INCONSISTENCY: 'SERIOUS', IMPRECISION: 'SERIOUS' });
    expect(r.domains.find((d) => d.domain === 'IMPRECISION')!.reason).toMatch(/30 participants/);
    const weakerContra = assess(
      [
        supports({ design: StudyDesign.RCT, sampleSize: 300 }),
        contradicts({ design: StudyDesign.CASE_REPORT }),
      ],
      [],
    );
    expect(verdicts(weakerContra)).toMatchObject({ INCONSISTENCY: 'NOT_SERIOUS' });
    expect(weakerContra.domains.find((d) => d.domain === 'INCONSISTENCY')!.reason).toMatch(
      /Only weaker designs contradict it/,
    );
  });

  it('assesses nothing without support, and says so', () => {
    const r = assess([contradicts()], []);
    expect(new Set(r.domains.map((d) => d.verdict))).toEqual(new Set(['NOT_ASSESSED']));
  });

  it('says imprecision is not assessed when the sample size is unknown', () => {
    const r = assess([supports({ design: StudyDesign.RCT, sampleSize: null })], []);
    expect(verdicts(r).IMPRECISION).toBe('NOT_ASSESSED');
  });
});

describe('assess: risk of bias', () => {
  const judged = (
    riskOfBias: RiskOfBias,
    reason: string | null,
    o: Partial<StudyRecord> = {},
  ): Partial<StudyRecord> => ({ riskOfBias, riskOfBiasReason: reason, ...o });
  const rob = (r: ReturnType<typeof assess>) => r.domains.find((d) => d.domain === 'RISK_OF_BIAS')!;

  it('rates down one step when the only supporting study is at high risk, naming it and why', () => {
    const r = assess(
      [
        supports(
          judged(RiskOfBias.HIGH, 'open-label, no control group', {
            authors: ['Doe J'],
            year: 2010,
            design: StudyDesign.COHORT,
            sampleSize: 200,
          }),
        ),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.VERY_LOW);
    expect(rob(r)).toMatchObject({
      verdict: 'SERIOUS',
      reason:
        'the only supporting study is at high risk of bias: Doe 2010 (open-label, no control group).',
    });
    expect(r.explanation).toContain(
      'Rated down one step to VERY_LOW for risk of bias: the only supporting study is at high risk of bias: Doe 2010 (open-label, no control group).',
    );
  });

  it('rates down when every supporting study is high risk, listing each with its reason', () => {
    const r = assess(
      [
        supports(
          judged(RiskOfBias.HIGH, 'no blinding', {
            authors: ['Roe A'],
            year: 2001,
            sampleSize: 300,
          }),
        ),
        supports(
          judged(RiskOfBias.HIGH, 'high attrition', {
            authors: ['Poe B'],
            year: 2002,
            sampleSize: 100,
          }),
        ),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
    expect(rob(r).verdict).toBe('SERIOUS');
    expect(r.explanation).toContain(
      'Rated down one step to MODERATE for risk of bias: every supporting study is at high risk of bias: Roe 2001 (no blinding); Poe 2002 (high attrition).',
    );
  });

  it('says the floor holds when a VERY_LOW start is at high risk', () => {
    const r = assess(
      [
        supports(
          judged(RiskOfBias.HIGH, 'single uncontrolled case', {
            authors: ['Doe J'],
            year: 2017,
            design: StudyDesign.CASE_REPORT,
            sampleSize: 1,
          }),
        ),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.VERY_LOW);
    expect(r.explanation).toContain(
      'Would be rated down one step, but VERY_LOW is the floor for supported claims, for risk of bias: the only supporting study is at high risk of bias: Doe 2017 (single uncontrolled case).',
    );
  });

  it('is NOT_SERIOUS, not rated down, when any supporting study is LOW or SOME_CONCERNS', () => {
    for (const lower of [RiskOfBias.LOW, RiskOfBias.SOME_CONCERNS]) {
      const r = assess(
        [
          supports(
            judged(RiskOfBias.HIGH, 'no blinding', {
              authors: ['Roe A'],
              year: 2001,
              sampleSize: 300,
            }),
          ),
          supports(
            judged(lower, 'concealed allocation', {
              authors: ['Poe B'],
              year: 2002,
              sampleSize: 100,
            }),
          ),
        ],
        [],
      );
      expect(r.grade).toBe(EvidenceGrade.HIGH);
      const words = lower === RiskOfBias.LOW ? 'low risk' : 'some concerns';
      expect(rob(r)).toMatchObject({
        verdict: 'NOT_SERIOUS',
        reason: `not all the support is at high risk of bias (${words}: Poe 2002 (concealed allocation)).`,
      });
      expect(r.explanation).toContain(
        `Risk of bias not serious: not all the support is at high risk of bias (${words}: Poe 2002 (concealed allocation)).`,
      );
    }
  });

  it('is NOT_ASSESSED, not rated down, when some support is high risk and the rest unjudged', () => {
    const r = assess(
      [
        supports(
          judged(RiskOfBias.HIGH, 'no blinding', {
            authors: ['Roe A'],
            year: 2001,
            sampleSize: 300,
          }),
        ),
        supports({ authors: ['Poe B'], year: 2002, sampleSize: 100 }),
      ],
      [],
    );
    expect(r.grade).toBe(EvidenceGrade.HIGH);
    expect(rob(r)).toMatchObject({
      verdict: 'NOT_ASSESSED',
      reason:
        '1 supporting study is at high risk of bias (Roe 2001 (no blinding)) and 1 has no judgement, so whether the support rests only on high-risk studies is not known.',
    });
  });

  it('says "not assessed" when no supporting study has a judgement', () => {
    const r = assess([supports({ sampleSize: 300 })], []);
    expect(rob(r).verdict).toBe('NOT_ASSESSED');
    expect(r.explanation).toContain(
      'Risk of bias not assessed: no supporting study has a risk-of-bias judgement recorded.',
    );
  });

  it('ignores the judgements of contradicting, mentioning and retracted studies', () => {
    const r = assess(
      [
        supports(
          judged(RiskOfBias.HIGH, 'no blinding', {
            authors: ['Roe A'],
            year: 2001,
            sampleSize: 300,
          }),
        ),
        supports(judged(RiskOfBias.LOW, 'well conducted', { ...RETRACTED, sampleSize: 300 })),
        mentions(judged(RiskOfBias.LOW, 'well conducted')),
        contradicts(judged(RiskOfBias.LOW, 'well conducted', { design: StudyDesign.CASE_REPORT })),
      ],
      [],
    );
    expect(rob(r).verdict).toBe('SERIOUS');
    expect(r.grade).toBe(EvidenceGrade.MODERATE);
  });
});
