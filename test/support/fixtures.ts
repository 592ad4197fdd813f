/** Plain records for tests: every field filled, overridable. */
import {
  ClaimKind,
  EvidenceRelation,
  GapKind,
  GapStatus,
  Hedging,
  NoticeKind,
  ReviewStatus,
  SourceKind,
  RiskOfBias,
  StudyDesign,
} from '../../src/graphql.schema';
import { anchorQuote, Anchor } from '../../src/sources/anchoring';
import { emptyBundle } from '../../src/store/bundle-plan';
import { contentHash } from '../../src/sources/sources.service';
import {
  CitationRecord,
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  GraphBundle,
  InterventionRecord,
  MechanismRecord,
  NoticeRecord,
  SourceRecord,
  StatementRecord,
  StudyRecord,
} from '../../src/store/ports';

export const AT = '2026-01-01T00:00:00.000Z';
export const LATER = '2026-02-01T00:00:00.000Z';
const meta = { createdAt: AT, updatedAt: AT, version: 1 };

export const SOURCE_TEXT =
  'Ketamine has been shown to relieve pain. It may help 😀 depression — “fast”. Ketamine has been shown to help.';

export function source(o: Partial<SourceRecord> = {}): SourceRecord {
  const text = o.text ?? SOURCE_TEXT;
  return {
    id: 'src-a',
    title: 'A clinic page',
    url: 'https://example.org/a',
    publisher: 'A clinic',
    kind: SourceKind.CLINIC_MARKETING,
    text,
    contentHash: contentHash(text),
    retrievedAt: null,
    htmlSha256: null,
    ...meta,
    ...o,
  };
}

export function condition(o: Partial<ConditionRecord> = {}): ConditionRecord {
  return {
    id: 'cond-a',
    name: 'Condition A',
    synonyms: [],
    codes: [],
    description: null,
    broaderIds: [],
    ...meta,
    ...o,
  };
}

export function mechanism(o: Partial<MechanismRecord> = {}): MechanismRecord {
  return { id: 'mech-a', name: 'Mechanism A', synonyms: [], description: null, ...meta, ...o };
}

export function intervention(o: Partial<InterventionRecord> = {}): InterventionRecord {
  return {
    id: 'int-a',
    name: 'IV ketamine',
    drug: 'ketamine',
    route: 'intravenous',
    ...meta,
    ...o,
  };
}

export function claim(o: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    id: 'claim-a',
    text: 'Ketamine relieves pain',
    kind: ClaimKind.EFFICACY,
    interventionId: null,
    reviewStatus: ReviewStatus.ACCEPTED,
    conditionIds: [],
    mechanismIds: [],
    ...meta,
    ...o,
  };
}

export function statement(o: Partial<StatementRecord> & { text?: string } = {}): StatementRecord {
  const { text = SOURCE_TEXT, ...rest } = o;
  const quote = rest.quote ?? 'relieve pain';
  const anchor = anchorQuote(text, quote) as Anchor;
  return {
    id: 'stmt-a',
    sourceId: 'src-a',
    claimId: 'claim-a',
    quote,
    ...anchor,
    hedging: Hedging.ASSERTIVE,
    reviewStatus: ReviewStatus.ACCEPTED,
    ...meta,
    ...rest,
  };
}

export function study(o: Partial<StudyRecord> = {}): StudyRecord {
  return {
    id: 'study-a',
    title: 'A randomised trial of ketamine',
    authors: ['Smith AB'],
    year: 2020,
    journal: 'Pain',
    doi: '10.1000/a',
    pmid: '1000',
    design: StudyDesign.RCT,
    sampleSize: 100,
    population: 'adults',
    finding: 'it helped',
    riskOfBias: RiskOfBias.NOT_ASSESSED,
    riskOfBiasReason: null,
    populationConditionIds: [],
    retraction: null,
    ...meta,
    ...o,
  };
}

export function link(o: Partial<EvidenceLinkRecord> = {}): EvidenceLinkRecord {
  return {
    id: 'ev-a',
    studyId: 'study-a',
    claimId: 'claim-a',
    relation: EvidenceRelation.SUPPORTS,
    note: 'note',
    quote: null,
    indirectness: [],
    addedBy: 'tester',
    reviewStatus: ReviewStatus.ACCEPTED,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...o,
  };
}

export function gap(o: Partial<GapRecord> = {}): GapRecord {
  return {
    id: 'gap-a',
    claimId: 'claim-a',
    kind: GapKind.NO_STUDY,
    description: 'No trial',
    neededDesign: StudyDesign.RCT,
    status: GapStatus.OPEN,
    statementId: null,
    addressedById: null,
    reviewStatus: ReviewStatus.ACCEPTED,
    ...meta,
    ...o,
  };
}

export { emptyBundle };

export function notice(o: Partial<NoticeRecord> = {}): NoticeRecord {
  return {
    id: 'notice-a',
    studyId: 'study-a',
    kind: NoticeKind.CORRECTION,
    date: '2021-03-04',
    note: 'Erratum in table 2',
    addedBy: 'tester',
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    reviewStatus: ReviewStatus.ACCEPTED,
    ...o,
  };
}

export function citation(o: Partial<CitationRecord> = {}): CitationRecord {
  const citingId = o.citingId ?? 'study-b';
  const citedId = o.citedId ?? 'study-a';
  return {
    id: `${citingId}>${citedId}`,
    citingId,
    citedId,
    addedBy: 'tester',
    createdAt: AT,
    ...o,
  };
}

/** A small connected graph: source, condition tree, mechanism, claims, statements, studies, links, gap. */
export function smallGraph(): GraphBundle {
  return {
    sources: [source()],
    conditions: [
      condition({ id: 'pain', name: 'Chronic pain', synonyms: ['persistent pain'] }),
      condition({
        id: 'fibro',
        name: 'Fibromyalgia',
        synonyms: ['FM', 'fibro'],
        codes: [{ system: 'MeSH', code: 'D005356' }],
        broaderIds: ['pain'],
      }),
    ],
    mechanisms: [
      mechanism({ id: 'nmda', name: 'NMDA receptor antagonism', synonyms: ['NMDA blockade'] }),
    ],
    interventions: [intervention()],
    claims: [
      claim({
        id: 'claim-a',
        conditionIds: ['fibro'],
        mechanismIds: ['nmda'],
        interventionId: 'int-a',
      }),
      claim({ id: 'claim-b', text: 'Ketamine helps depression', conditionIds: ['pain'] }),
    ],
    statements: [
      statement(),
      statement({
        id: 'stmt-b',
        claimId: 'claim-b',
        quote: 'help 😀 depression',
        hedging: Hedging.HEDGED,
      }),
    ],
    studies: [
      study(),
      study({
        id: 'study-b',
        title: 'A cohort of fibromyalgia patients',
        doi: '10.1000/b',
        pmid: null,
        design: StudyDesign.COHORT,
      }),
    ],
    evidence: [
      link(),
      link({ id: 'ev-b', studyId: 'study-b', relation: EvidenceRelation.CONTRADICTS }),
    ],
    gaps: [gap({ claimId: 'claim-b' })],
    notices: [notice()],
    citations: [citation()],
  };
}

/**
 * One condition ("Big condition", with a narrower child) carrying n claims, each with an anchored
 * statement, a supporting and a contradicting link, and a gap on every fifth: for store-call
 * counting and benchmarks.
 */
export function syntheticCondition(n: number, studyCount = 4): GraphBundle {
  const sentences = Array.from({ length: n }, (_, i) => `Claim number ${i} is stated here.`);
  const text = sentences.join(' ');
  const b = emptyBundle();
  b.sources.push(source({ text }));
  b.conditions.push(
    condition({ id: 'big', name: 'Big condition' }),
    condition({ id: 'big-child', name: 'Child', broaderIds: ['big'] }),
  );
  b.mechanisms.push(mechanism());
  b.interventions.push(intervention());
  const designs = Object.values(StudyDesign);
  for (let i = 0; i < studyCount; i++) {
    b.studies.push(
      study({
        id: `s${i}`,
        doi: `10.1000/s${i}`,
        pmid: null,
        design: designs[i % designs.length],
        sampleSize: 20 + i * 40,
      }),
    );
  }
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const id = `claim-${String(i).padStart(5, '0')}`;
    const quote = `Claim number ${i} is stated`;
    // Offsets computed directly (all ASCII): anchoring each quote by search would be quadratic.
    const start = offset;
    const end = start + quote.length;
    offset += sentences[i].length + 1;
    b.claims.push(
      claim({
        id,
        text: `Claim ${i}`,
        conditionIds: [i % 2 ? 'big' : 'big-child'],
        mechanismIds: ['mech-a'],
        interventionId: 'int-a',
      }),
    );
    b.statements.push({
      ...statement({ id: `stmt-${i}`, claimId: id }),
      quote,
      start,
      end,
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
      hedging: i % 3 ? Hedging.ASSERTIVE : Hedging.HEDGED,
    });
    b.evidence.push(
      link({
        id: `ev-${i}-a`,
        studyId: `s${i % studyCount}`,
        claimId: id,
        relation: EvidenceRelation.SUPPORTS,
      }),
    );
    b.evidence.push(
      link({
        id: `ev-${i}-b`,
        studyId: `s${(i + 1) % studyCount}`,
        claimId: id,
        relation: EvidenceRelation.CONTRADICTS,
      }),
    );
    if (i % 5 === 0) b.gaps.push(gap({ id: `gap-${i}`, claimId: id }));
  }
  return b;
}
