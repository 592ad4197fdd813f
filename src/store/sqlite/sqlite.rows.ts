/** Row <-> record mapping for the SQLite store: snake_case columns, JSON text for arrays. */
import {
  ClaimKind,
  NoticeKind,
  EvidenceRelation,
  GapKind,
  GapStatus,
  Hedging,
  ReviewStatus,
  SourceKind,
  StudyDesign,
} from '../../graphql.schema';
import {
  CitationRecord,
  ClaimRecord,
  NoticeRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  InterventionRecord,
  MechanismRecord,
  SourceRecord,
  StatementRecord,
  StudyRecord,
  AuditedKind,
  RevisionAction,
  RevisionRecord,
  TokenRecord,
  TokenRole,
} from '../evidence-store.port';

type Row = Record<string, unknown>;

const str = (v: unknown) => v as string;
const optStr = (v: unknown) => (v === null || v === undefined ? null : (v as string));
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function meta(r: Row) {
  return {
    id: str(r.id),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
    version: Number(r.version),
  };
}

export function source(r: Row): SourceRecord {
  return {
    ...meta(r),
    title: str(r.title),
    url: optStr(r.url),
    publisher: optStr(r.publisher),
    kind: r.kind as SourceKind,
    text: str(r.text),
    contentHash: str(r.content_hash),
  };
}

export function statement(r: Row): StatementRecord {
  return {
    ...meta(r),
    sourceId: str(r.source_id),
    claimId: str(r.claim_id),
    quote: str(r.quote),
    start: Number(r.start),
    end: Number(r.end),
    prefix: str(r.prefix),
    suffix: str(r.suffix),
    hedging: r.hedging as Hedging,
    reviewStatus: r.review_status as ReviewStatus,
  };
}

export function claim(r: Row, conditionIds: string[], mechanismIds: string[]): ClaimRecord {
  return {
    ...meta(r),
    text: str(r.text),
    kind: r.kind as ClaimKind,
    interventionId: optStr(r.intervention_id),
    reviewStatus: r.review_status as ReviewStatus,
    conditionIds,
    mechanismIds,
  };
}

export function condition(r: Row, broaderIds: string[]): ConditionRecord {
  return {
    ...meta(r),
    name: str(r.name),
    synonyms: JSON.parse(str(r.synonyms)),
    codes: JSON.parse(str(r.codes)),
    description: optStr(r.description),
    broaderIds,
  };
}

export function mechanism(r: Row): MechanismRecord {
  return {
    ...meta(r),
    name: str(r.name),
    synonyms: JSON.parse(str(r.synonyms)),
    description: optStr(r.description),
  };
}

export function intervention(r: Row): InterventionRecord {
  return { ...meta(r), name: str(r.name), drug: optStr(r.drug), route: optStr(r.route) };
}

export function study(r: Row): StudyRecord {
  return {
    ...meta(r),
    title: str(r.title),
    authors: JSON.parse(str(r.authors)),
    year: optNum(r.year),
    journal: optStr(r.journal),
    doi: optStr(r.doi),
    pmid: optStr(r.pmid),
    design: r.design as StudyDesign,
    sampleSize: optNum(r.sample_size),
    population: optStr(r.population),
    finding: optStr(r.finding),
    retraction: Number(r.retracted)
      ? { date: optStr(r.retraction_date), note: optStr(r.retraction_note) }
      : null,
  };
}

export function studyParams(s: StudyRecord): Record<string, unknown> {
  return {
    ...s,
    authors: JSON.stringify(s.authors),
    retracted: s.retraction ? 1 : 0,
    retractionDate: s.retraction?.date ?? null,
    retractionNote: s.retraction?.note ?? null,
  };
}

export function evidence(r: Row): EvidenceLinkRecord {
  return {
    ...meta(r),
    studyId: str(r.study_id),
    claimId: str(r.claim_id),
    relation: r.relation as EvidenceRelation,
    note: optStr(r.note),
    quote: optStr(r.quote),
    addedBy: str(r.added_by),
    reviewStatus: r.review_status as ReviewStatus,
  };
}

export function revision(r: Row): RevisionRecord {
  return {
    id: str(r.id),
    entityId: str(r.entity_id),
    entityKind: r.entity_kind as AuditedKind,
    action: r.action as RevisionAction,
    before: r.before === null ? null : (JSON.parse(str(r.before)) as Record<string, unknown>),
    after: r.after === null ? null : (JSON.parse(str(r.after)) as Record<string, unknown>),
    actor: str(r.actor),
    at: str(r.at),
    reason: optStr(r.reason),
    revertOf: optStr(r.revert_of),
  };
}

export function revisionParams(v: RevisionRecord): Record<string, unknown> {
  return {
    ...v,
    before: v.before === null ? null : JSON.stringify(v.before),
    after: v.after === null ? null : JSON.stringify(v.after),
  };
}

export function token(r: Row): TokenRecord {
  return {
    id: str(r.id),
    name: str(r.name),
    role: r.role as TokenRole,
    hash: str(r.hash),
    createdAt: str(r.created_at),
    createdBy: str(r.created_by),
    revokedAt: optStr(r.revoked_at),
  };
}

export function gap(r: Row): GapRecord {
  return {
    ...meta(r),
    claimId: str(r.claim_id),
    kind: r.kind as GapKind,
    description: str(r.description),
    neededDesign: optStr(r.needed_design) as StudyDesign | null,
    status: r.status as GapStatus,
    statementId: optStr(r.statement_id),
    addressedById: optStr(r.addressed_by_id),
  };
}

export function notice(r: Row): NoticeRecord {
  return {
    id: str(r.id),
    studyId: str(r.study_id),
    kind: r.kind as NoticeKind,
    date: optStr(r.date),
    note: optStr(r.note),
    addedBy: str(r.added_by),
    createdAt: str(r.created_at),
  };
}

export function citation(r: Row): CitationRecord {
  return {
    id: str(r.id),
    citingId: str(r.citing_id),
    citedId: str(r.cited_id),
    addedBy: str(r.added_by),
    createdAt: str(r.created_at),
  };
}
