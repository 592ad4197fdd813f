import {
  DomainAssessment,
  DomainVerdict,
  EvidenceGrade,
  EvidenceRelation,
  EvidenceStatus,
  GradeDomain,
  Hedging,
  IndirectnessDomain,
  RiskOfBias,
  StudyDesign,
} from '../graphql.schema';
import { EvidenceLinkRecord, StatementRecord, StudyRecord } from '../store/ports';
import { authorYear, designPhrase } from '../studies/study-wording';
import { counts } from './counting';

/**
 * How a claim's evidence is judged, in one place. Pure functions over plain records, computed on
 * every read and never stored:
 * - status: SUPPORTED (support, no contradiction), CONTRADICTED (contradiction only, or from a
 *   stronger design tier than all the support), CONTESTED (both, the support as strong), else
 *   UNSUPPORTED;
 * - grade, GRADE-style: the best supporting study's design tier sets the start (HIGH for trials
 *   and reviews of them, LOW for observational designs, VERY_LOW otherwise); one step down for
 *   inconsistency when an equal or stronger design contradicts, one for imprecision when the best
 *   supporting study has fewer than IMPRECISION_THRESHOLD participants; for risk of bias and for
 *   indirectness as `riskOfBias` and `indirectness` below define; NONE without support;
 * - the explanation a clinician reads: one sentence per step above;
 * - overclaim: a source states the claim assertively while its grade is LOW or below.
 * Which links and statements are judged (review, retraction) is decided in counting.ts.
 */

/** Design tiers: where a grade starts, and what "equal or higher design" compares. */
const DESIGN_TIER: Record<StudyDesign, number> = {
  [StudyDesign.META_ANALYSIS]: 3,
  [StudyDesign.SYSTEMATIC_REVIEW]: 3,
  [StudyDesign.RCT]: 3,
  [StudyDesign.COHORT]: 2,
  [StudyDesign.CASE_CONTROL]: 2,
  [StudyDesign.CASE_SERIES]: 1,
  [StudyDesign.CASE_REPORT]: 1,
  [StudyDesign.PRECLINICAL]: 1,
  [StudyDesign.NARRATIVE_REVIEW]: 1,
  [StudyDesign.GUIDELINE]: 1,
  [StudyDesign.EXPERT_OPINION]: 1,
};

/** Within a tier, which design is the better anchor (only to pick the "best" study to name). */
const DESIGN_ORDER: StudyDesign[] = [
  StudyDesign.META_ANALYSIS,
  StudyDesign.SYSTEMATIC_REVIEW,
  StudyDesign.RCT,
  StudyDesign.COHORT,
  StudyDesign.CASE_CONTROL,
  StudyDesign.CASE_SERIES,
  StudyDesign.CASE_REPORT,
  StudyDesign.GUIDELINE,
  StudyDesign.NARRATIVE_REVIEW,
  StudyDesign.EXPERT_OPINION,
  StudyDesign.PRECLINICAL,
];

const TIER_START: Record<number, EvidenceGrade> = {
  3: EvidenceGrade.HIGH,
  2: EvidenceGrade.LOW,
  1: EvidenceGrade.VERY_LOW,
};

/** Grades from strongest to weakest; rating down moves one step right. */
export const GRADE_ORDER: EvidenceGrade[] = [
  EvidenceGrade.HIGH,
  EvidenceGrade.MODERATE,
  EvidenceGrade.LOW,
  EvidenceGrade.VERY_LOW,
  EvidenceGrade.NONE,
];

export const IMPRECISION_THRESHOLD = 50;

/** Grades at or below which an assertive statement is an overclaim. */
const OVERCLAIM_GRADES = new Set([EvidenceGrade.LOW, EvidenceGrade.VERY_LOW, EvidenceGrade.NONE]);

export function gradeRank(grade: EvidenceGrade): number {
  return GRADE_ORDER.length - 1 - GRADE_ORDER.indexOf(grade);
}

export function atLeast(grade: EvidenceGrade, min: EvidenceGrade): boolean {
  return gradeRank(grade) >= gradeRank(min);
}

export interface LinkWithStudy {
  link: EvidenceLinkRecord;
  study: StudyRecord;
}

/** What the rules read of a statement: how it is hedged and, when known, its words. */
export type Wording = Pick<StatementRecord, 'hedging'> & { quote?: string };

/**
 * Wording that states a result as total or certain ("cured", "eliminates", "permanent relief",
 * "guaranteed", "100%"), which no evidence grade supports. Only the source's own assertion counts
 * (ASSERTIVE; reported speech is ATTRIBUTED), and a cue that is negated just before ("no cure",
 * "not a permanent fix", "without a guarantee") is not one. Returns the words found, or null.
 */
export function absoluteCue(statement: Wording): string | null {
  if (statement.hedging !== Hedging.ASSERTIVE || !statement.quote) return null;
  // A frozen statement (shared by the report cache) cannot change: its cue is found once.
  if (!Object.isFrozen(statement)) return findAbsoluteCue(statement.quote);
  let cue = CUES.get(statement);
  if (cue === undefined) CUES.set(statement, (cue = findAbsoluteCue(statement.quote)));
  return cue;
}

const CUES = new WeakMap<Wording, string | null>();

function findAbsoluteCue(text: string): string | null {
  const cue =
    /\b(?:(?:has|have|had|been|be|is|are|was|were|will)\s+)?(?:cur(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing)|eradicat(?:e|es|ed|ing)|permanent(?:ly)?|guarantee(?:d|s)?|completely\s+(?:resolv|remov|eliminat|cur)\w*|100\s?%)(?![\w-])/gi;
  for (const m of text.matchAll(cue)) {
    const before = text.slice(Math.max(0, m.index! - 30), m.index).toLowerCase();
    if (
      /\b(?:no|not|never|without|isn't|aren't|nor|cannot|can't)\b(?:\s+\w+){0,2}\s*$/.test(before)
    )
      continue;
    return m[0];
  }
  return null;
}

/** GRADE's certainty statements, one per grade (GRADE handbook, section 5: quality of evidence). */
export const CERTAINTY: Record<EvidenceGrade, string> = {
  [EvidenceGrade.HIGH]:
    'We are very confident that the true effect lies close to what the claim says.',
  [EvidenceGrade.MODERATE]:
    'We are moderately confident: the true effect is likely to be close to what the claim says, but it may be substantially different.',
  [EvidenceGrade.LOW]:
    'Our confidence is limited: the true effect may be substantially different from what the claim says.',
  [EvidenceGrade.VERY_LOW]:
    'We have very little confidence: the true effect is likely to be substantially different from what the claim says.',
  [EvidenceGrade.NONE]: 'No study supports this claim, so there is no certainty to state.',
};

export interface AssessmentResult {
  status: EvidenceStatus;
  grade: EvidenceGrade;
  /** GRADE's certainty statement for the grade. */
  certainty: string;
  /** GRADE's five domains in a fixed order, each with its verdict and reason. */
  domains: DomainAssessment[];
  explanation: string[];
  overclaimed: boolean;
  /** Every link by relation, counted ones strongest first, then retracted ones (flagged, not counted). */
  supporting: LinkWithStudy[];
  contradicting: LinkWithStudy[];
  mentioning: LinkWithStudy[];
  /** Links to retracted studies: shown, flagged, never counted. */
  excluded: LinkWithStudy[];
}

function compareStrength(a: LinkWithStudy, b: LinkWithStudy): number {
  const tier = DESIGN_TIER[b.study.design] - DESIGN_TIER[a.study.design];
  if (tier !== 0) return tier;
  const order = DESIGN_ORDER.indexOf(a.study.design) - DESIGN_ORDER.indexOf(b.study.design);
  if (order !== 0) return order;
  const size = (b.study.sampleSize ?? -1) - (a.study.sampleSize ?? -1);
  if (size !== 0) return size;
  return a.study.id < b.study.id ? -1 : a.study.id > b.study.id ? 1 : 0;
}

/**
 * Orders two assessed claims by their strongest counted support: the better design first, then
 * the larger study; claims without support last. Used to rank claims of equal grade.
 */
export function compareSupport(a: AssessmentResult, b: AssessmentResult): number {
  const best = (x: AssessmentResult) => x.supporting.find((l) => counts({ study: l.study }));
  const [sa, sb] = [best(a), best(b)];
  if (!sa || !sb) return sa ? -1 : sb ? 1 : 0;
  return compareStrength(sa, sb);
}

function rateDown(grade: EvidenceGrade): EvidenceGrade {
  return grade === EvidenceGrade.VERY_LOW ? grade : GRADE_ORDER[GRADE_ORDER.indexOf(grade) + 1];
}

function participants(n: number | null): string {
  return n === null ? 'sample size not reported' : `${n} participant${n === 1 ? '' : 's'}`;
}

/** "a randomised controlled trial (Sigtermans 2009, 60 participants)", with the right article. */
function describe(l: LinkWithStudy): string {
  const phrase = designPhrase(l.study.design);
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase} (${authorYear(l.study)}, ${participants(l.study.sampleSize)})`;
}

function rateDownStep(from: EvidenceGrade, to: EvidenceGrade): string {
  return from === to
    ? `Would be rated down one step, but ${to} is the floor for supported claims,`
    : `Rated down one step to ${to}`;
}

const STEPS = ['no steps', 'one step', 'two steps'];

/** The words for rating down `steps` from `from` to `to`, where the floor may stop it short. */
function rateDownSteps(from: EvidenceGrade, to: EvidenceGrade, steps: number): string {
  const taken = gradeRank(from) - gradeRank(to);
  if (taken === steps) return `Rated down ${STEPS[steps]} to ${to}`;
  if (taken === 0)
    return `Would be rated down ${STEPS[steps]}, but ${to} is the floor for supported claims,`;
  return `Rated down ${STEPS[taken]} to ${to} (${STEPS[steps]} were due, but ${to} is the floor for supported claims)`;
}

/** "Feder 2014 (open-label, no control group)": a study and why it was judged so. */
function judged(l: LinkWithStudy): string {
  return `${authorYear(l.study)} (${l.study.riskOfBiasReason ?? 'no reason recorded'})`;
}

/**
 * GRADE's risk-of-bias domain over the counted supporting studies (non-empty):
 * - SERIOUS, rated down one step, when every one is judged HIGH: the support rests only on them;
 * - NOT_SERIOUS when at least one is judged LOW or SOME_CONCERNS: some support does not rest on
 *   high-risk studies;
 * - otherwise NOT_ASSESSED, not rated down: none is judged, or only some are judged HIGH and the
 *   rest carry no judgement, so it is unknown whether the support rests on high-risk studies.
 */
export function riskOfBias(supporting: LinkWithStudy[]): {
  verdict: DomainVerdict;
  reason: string;
} {
  const high = supporting.filter((l) => l.study.riskOfBias === RiskOfBias.HIGH);
  const lower = supporting.filter(
    (l) => l.study.riskOfBias === RiskOfBias.LOW || l.study.riskOfBias === RiskOfBias.SOME_CONCERNS,
  );
  const list = (ls: LinkWithStudy[]) => ls.map(judged).join('; ');
  if (high.length === supporting.length) {
    return {
      verdict: DomainVerdict.SERIOUS,
      reason:
        supporting.length === 1
          ? `the only supporting study is at high risk of bias: ${list(high)}.`
          : `every supporting study is at high risk of bias: ${list(high)}.`,
    };
  }
  if (lower.length > 0) {
    const words = (l: LinkWithStudy) =>
      `${l.study.riskOfBias === RiskOfBias.LOW ? 'low risk' : 'some concerns'}: ${judged(l)}`;
    return {
      verdict: DomainVerdict.NOT_SERIOUS,
      reason: `not all the support is at high risk of bias (${lower.map(words).join('; ')}).`,
    };
  }
  if (high.length > 0) {
    const rest = supporting.length - high.length;
    return {
      verdict: DomainVerdict.NOT_ASSESSED,
      reason: `${high.length} supporting ${high.length === 1 ? 'study is' : 'studies are'} at high risk of bias (${list(high)}) and ${rest} ${rest === 1 ? 'has' : 'have'} no judgement, so whether the support rests only on high-risk studies is not known.`,
    };
  }
  return {
    verdict: DomainVerdict.NOT_ASSESSED,
    reason: `no supporting study has a risk-of-bias judgement recorded.`,
  };
}

/** The words for each indirectness domain in an explanation. */
const DOMAIN_WORDS: Record<IndirectnessDomain, string> = {
  [IndirectnessDomain.POPULATION]: 'population',
  [IndirectnessDomain.INTERVENTION]: 'intervention',
  [IndirectnessDomain.COMPARATOR]: 'comparator',
  [IndirectnessDomain.OUTCOME]: 'outcome',
  [IndirectnessDomain.TIMEFRAME]: 'timeframe',
};

/** How many steps a link's support counts lower: one for one domain, two for several. */
export function indirectSteps(l: LinkWithStudy): number {
  return Math.min(2, new Set(l.link.indirectness.map((d) => d.domain)).size);
}

/** "Abdallah 2022, rated down one step (population: the trial enrolled people with PTSD, not depression)". */
function differs(l: LinkWithStudy): string {
  const how = l.link.indirectness.map((d) => `${DOMAIN_WORDS[d.domain]}: ${d.reason}`).join('; ');
  return `${authorYear(l.study)}, rated down ${STEPS[indirectSteps(l)]} (${how})`;
}

/**
 * GRADE's indirectness domain over the counted supporting links (non-empty), from what each link
 * records of how its study differs from the claim (population, intervention, comparator, outcome,
 * timeframe):
 * - each supporting link counts as its design's starting grade rated down one step when it differs
 *   in one domain, two when it differs in several;
 * - `steps`, how far the claim's grade is rated down, is how far the best of those falls short of
 *   the start set by the strongest design: 0 when a direct study of that design supports the claim,
 *   else 1 or 2 (a weaker direct design can stop the fall: a direct cohort holds an RCT that
 *   differs in two domains at LOW);
 * - the verdict is NOT_SERIOUS at 0 steps (the reason still names indirect support, rated down on
 *   its own), SERIOUS at 1 and VERY_SERIOUS at 2. Contradicting and mentioning links' differences
 *   are shown on the links, never used here.
 */
export function indirectness(supporting: LinkWithStudy[]): {
  verdict: DomainVerdict;
  reason: string;
  steps: number;
} {
  const startRank = (l: LinkWithStudy) => gradeRank(TIER_START[DESIGN_TIER[l.study.design]]);
  const top = Math.max(...supporting.map(startRank));
  const best = Math.max(...supporting.map((l) => startRank(l) - indirectSteps(l)));
  const steps = top - best;
  const indirect = supporting.filter((l) => indirectSteps(l) > 0);
  const direct = supporting.filter((l) => indirectSteps(l) === 0);
  const names = (ls: LinkWithStudy[]) => ls.map((l) => authorYear(l.study)).join('; ');
  const listed = indirect.map(differs).join('; ');
  if (indirect.length === 0)
    return {
      verdict: DomainVerdict.NOT_SERIOUS,
      reason:
        'no supporting study is recorded as differing from the claim in population, intervention, comparator, outcome or timeframe.',
      steps,
    };
  if (steps === 0) {
    const strongest = direct.filter((l) => startRank(l) === top);
    return {
      verdict: DomainVerdict.NOT_SERIOUS,
      reason: `the strongest support is direct (${names(strongest)}), so the grade stands; indirect support counts lower: ${listed}.`,
      steps,
    };
  }
  const verdict = steps === 1 ? DomainVerdict.SERIOUS : DomainVerdict.VERY_SERIOUS;
  if (direct.length === 0)
    return {
      verdict,
      reason:
        supporting.length === 1
          ? `the only supporting study differs from the claim: ${listed}.`
          : `every supporting study differs from the claim: ${listed}.`,
      steps,
    };
  return {
    verdict,
    reason: `the strongest support differs from the claim: ${listed}; the direct support (${names(direct)}) is from weaker designs.`,
    steps,
  };
}

export function assess(links: LinkWithStudy[], statements: Wording[]): AssessmentResult {
  // The links given are those the reader's view shows; a retracted study's link is shown, not counted.
  const excluded = links.filter((l) => !counts({ study: l.study }));
  const counted = links.filter((l) => counts({ study: l.study }));
  const supporting = counted
    .filter((l) => l.link.relation === EvidenceRelation.SUPPORTS)
    .sort(compareStrength);
  const contradicting = counted
    .filter((l) => l.link.relation === EvidenceRelation.CONTRADICTS)
    .sort(compareStrength);
  const mentioning = counted
    .filter((l) => l.link.relation === EvidenceRelation.MENTIONS)
    .sort(compareStrength);
  const explanation: string[] = [];

  for (const l of excluded) {
    explanation.push(
      `${authorYear(l.study)} is retracted${l.study.retraction?.date ? ` (${l.study.retraction.date})` : ''}; its ${l.link.relation.toLowerCase()} link is shown but not counted.`,
    );
  }

  const bestSupport = supporting[0];
  const bestContra = contradicting[0];
  const supportTier = bestSupport ? DESIGN_TIER[bestSupport.study.design] : 0;
  const contraTier = bestContra ? DESIGN_TIER[bestContra.study.design] : 0;

  let status: EvidenceStatus;
  if (!bestSupport && !bestContra) status = EvidenceStatus.UNSUPPORTED;
  else if (!bestContra) status = EvidenceStatus.SUPPORTED;
  else if (!bestSupport) status = EvidenceStatus.CONTRADICTED;
  else status = contraTier > supportTier ? EvidenceStatus.CONTRADICTED : EvidenceStatus.CONTESTED;

  const count = (n: number, what: string) =>
    `${n} ${n === 1 ? what : what.replace(/y$/, 'ie') + 's'}`;
  switch (status) {
    case EvidenceStatus.UNSUPPORTED:
      // "No study" alone would read as "no studies exist" when some bear on it indirectly.
      explanation.push(
        mentioning.length > 0
          ? `No study tests this claim directly; ${count(mentioning.length, 'study')} bear${mentioning.length === 1 ? 's' : ''} on it indirectly: ${mentioning.map(describe).join('; ')}.`
          : 'No study supports or contradicts this claim.',
      );
      break;
    case EvidenceStatus.SUPPORTED:
      explanation.push(
        `Supported: ${count(supporting.length, 'study')} support${supporting.length === 1 ? 's' : ''} it and none contradicts it.`,
      );
      break;
    case EvidenceStatus.CONTESTED:
      explanation.push(
        `Contested: ${count(supporting.length, 'study')} support${supporting.length === 1 ? 's' : ''} it and ${count(contradicting.length, 'study')} contradict${contradicting.length === 1 ? 's' : ''} it.`,
      );
      break;
    case EvidenceStatus.CONTRADICTED:
      explanation.push(
        bestSupport
          ? `Contradicted: the contradicting evidence, led by ${describe(bestContra)}, comes from stronger designs than all the support.`
          : `Contradicted: ${count(contradicting.length, 'study')} contradict${contradicting.length === 1 ? 's' : ''} it, led by ${describe(bestContra)}, and none supports it.`,
      );
      break;
  }

  let grade: EvidenceGrade;
  // GRADE's five domains, each with its verdict; the rating-down steps below fill in two of them.
  const domain = (d: GradeDomain, verdict: DomainVerdict, reason: string): DomainAssessment => ({
    domain: d,
    verdict,
    reason,
  });
  const domains = new Map<GradeDomain, DomainAssessment>();
  if (!bestSupport) {
    grade = EvidenceGrade.NONE;
    explanation.push('Grade NONE: no supporting study.');
    for (const d of Object.values(GradeDomain))
      domains.set(d, domain(d, DomainVerdict.NOT_ASSESSED, 'No supporting study to assess.'));
  } else {
    const bias = riskOfBias(supporting);
    domains.set(
      GradeDomain.RISK_OF_BIAS,
      domain(GradeDomain.RISK_OF_BIAS, bias.verdict, bias.reason),
    );
    const indirect = indirectness(supporting);
    domains.set(
      GradeDomain.INDIRECTNESS,
      domain(GradeDomain.INDIRECTNESS, indirect.verdict, indirect.reason),
    );
    domains.set(
      GradeDomain.PUBLICATION_BIAS,
      domain(
        GradeDomain.PUBLICATION_BIAS,
        DomainVerdict.NOT_ASSESSED,
        'Not assessed: it needs a funnel plot or a search of trial registries, which the knowledge base does not hold.',
      ),
    );
    domains.set(
      GradeDomain.INCONSISTENCY,
      bestContra && contraTier >= supportTier
        ? domain(
            GradeDomain.INCONSISTENCY,
            DomainVerdict.SERIOUS,
            `${describe(bestContra)} contradicts the claim, a design as strong as or stronger than the best support.`,
          )
        : domain(
            GradeDomain.INCONSISTENCY,
            DomainVerdict.NOT_SERIOUS,
            bestContra
              ? `Only weaker designs contradict it (the strongest: ${describe(bestContra)}).`
              : 'No study contradicts it.',
          ),
    );
    const n = bestSupport.study.sampleSize;
    domains.set(
      GradeDomain.IMPRECISION,
      n === null
        ? domain(
            GradeDomain.IMPRECISION,
            DomainVerdict.NOT_ASSESSED,
            'The best supporting study does not report its sample size.',
          )
        : n < IMPRECISION_THRESHOLD
          ? domain(
              GradeDomain.IMPRECISION,
              DomainVerdict.SERIOUS,
              `The best supporting study had ${participants(n)}, fewer than ${IMPRECISION_THRESHOLD}.`,
            )
          : domain(
              GradeDomain.IMPRECISION,
              DomainVerdict.NOT_SERIOUS,
              `The best supporting study had ${participants(n)}.`,
            ),
    );
    grade = TIER_START[supportTier];
    explanation.push(
      `Starts at ${grade}: the best supporting evidence is ${describe(bestSupport)}.`,
    );
    if (bias.verdict === DomainVerdict.SERIOUS) {
      const from = grade;
      grade = rateDown(grade);
      explanation.push(`${rateDownStep(from, grade)} for risk of bias: ${bias.reason}`);
    } else {
      explanation.push(
        `Risk of bias ${bias.verdict === DomainVerdict.NOT_SERIOUS ? 'not serious' : 'not assessed'}: ${bias.reason}`,
      );
    }
    if (bestContra && contraTier >= supportTier) {
      const from = grade;
      grade = rateDown(grade);
      explanation.push(
        `${rateDownStep(from, grade)} for inconsistency: ${describe(bestContra)} contradicts the claim, a design as strong as or stronger than the best support.`,
      );
    }
    if (indirect.steps > 0) {
      const from = grade;
      for (let i = 0; i < indirect.steps; i++) grade = rateDown(grade);
      explanation.push(
        `${rateDownSteps(from, grade, indirect.steps)} for indirectness: ${indirect.reason}`,
      );
    } else if (supporting.some((l) => indirectSteps(l) > 0)) {
      explanation.push(`Indirectness not serious: ${indirect.reason}`);
    }
    if (bestSupport.study.sampleSize === null) {
      explanation.push(
        'Imprecision not assessed: the best supporting study does not report its sample size.',
      );
    } else if (bestSupport.study.sampleSize < IMPRECISION_THRESHOLD) {
      const from = grade;
      grade = rateDown(grade);
      explanation.push(
        `${rateDownStep(from, grade)} for imprecision: the best supporting study had ${participants(bestSupport.study.sampleSize)}, fewer than ${IMPRECISION_THRESHOLD}.`,
      );
    }
    explanation.push(`Final grade: ${grade}.`);
  }

  if (mentioning.length > 0 && status !== EvidenceStatus.UNSUPPORTED) {
    explanation.push(
      `${count(mentioning.length, 'study')} bear${mentioning.length === 1 ? 's' : ''} on it only indirectly (mentions) and ${mentioning.length === 1 ? 'is' : 'are'} not counted.`,
    );
  }

  const weak =
    OVERCLAIM_GRADES.has(grade) && statements.some((s) => s.hedging === Hedging.ASSERTIVE);
  const absolute = statements.map(absoluteCue).find((cue) => cue !== null) ?? null;
  if (weak) {
    explanation.push(
      `Overclaimed: a source states this as established fact, but the evidence is graded ${grade}.`,
    );
  }
  if (absolute) {
    explanation.push(
      `Overclaimed: a source words this in absolute terms ("${absolute}"); studies measure how much and how often a treatment helps, and no grade of evidence (this claim's is ${grade}) shows a certain or total result.`,
    );
  }
  const overclaimed = weak || absolute !== null;

  const withExcluded = (list: LinkWithStudy[], relation: EvidenceRelation) => [
    ...list,
    ...excluded.filter((l) => l.link.relation === relation),
  ];
  return {
    status,
    grade,
    certainty: CERTAINTY[grade],
    domains: Object.values(GradeDomain).map((d) => domains.get(d)!),
    explanation,
    overclaimed,
    supporting: withExcluded(supporting, EvidenceRelation.SUPPORTS),
    contradicting: withExcluded(contradicting, EvidenceRelation.CONTRADICTS),
    mentioning: withExcluded(mentioning, EvidenceRelation.MENTIONS),
    excluded,
  };
}

/**
 * The gap between wording and evidence for one statement: it overclaims when it states its claim
 * assertively and the claim's assessment is overclaimed. The assessment is asked for only when
 * the wording is assertive (null: no such claim).
 */
export async function statementOverclaims(
  statement: Wording,
  claimAssessment: () => Promise<Pick<AssessmentResult, 'overclaimed' | 'grade'> | null>,
): Promise<boolean> {
  if (statement.hedging !== Hedging.ASSERTIVE) return false;
  if (absoluteCue(statement) !== null) return true;
  const a = await claimAssessment();
  // The claim may be overclaimed only through another statement's absolute words.
  return a !== null && OVERCLAIM_GRADES.has(a.grade) && a.overclaimed;
}

/** The part of an assessment the API shows as a claim's Assessment. */
export function assessmentSummary(
  a: AssessmentResult,
): Pick<
  AssessmentResult,
  'status' | 'grade' | 'certainty' | 'domains' | 'explanation' | 'overclaimed'
> {
  return {
    status: a.status,
    grade: a.grade,
    certainty: a.certainty,
    domains: a.domains,
    explanation: a.explanation,
    overclaimed: a.overclaimed,
  };
}
