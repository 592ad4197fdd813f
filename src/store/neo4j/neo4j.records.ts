/**
 * Node properties <-> port records for the Neo4j store. A node holds its record's own fields;
 * references (a statement's source, a claim's conditions, ...) are relationships, read back by the
 * store's projections into the same property names the records use (sourceId, conditionIds, ...).
 */
import { NODE_TYPENAME } from '../../common/node-types';
import neo4j from 'neo4j-driver';
import { normaliseLabel } from '../../common/text';
import {
  ClaimKind,
  EvidenceRelation,
  GapKind,
  GapStatus,
  Hedging,
  NodeType,
  NoticeKind,
  ReviewStatus,
  SourceKind,
  StudyDesign,
} from '../../graphql.schema';
import {
  AuditedKind,
  CitationRecord,
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  InterventionRecord,
  MechanismRecord,
  NoticeRecord,
  RevisionAction,
  RevisionRecord,
  SourceRecord,
  StatementRecord,
  StudyRecord,
  TokenRecord,
  TokenRole,
  Versioned,
} from '../evidence-store.port';

export type Props = Record<string, unknown>;

/** The second label of each node type (every node also has :Entity): its GraphQL type name. */
export const NODE_LABEL = NODE_TYPENAME;

// --- reading -------------------------------------------------------------------------------

/** Integers may arrive as neo4j Integers whatever the driver config; records hold JS numbers. */
export function num(v: unknown): number {
  return neo4j.isInt(v) ? v.toNumber() : Number(v);
}

const str = (v: unknown) => v as string;
const optStr = (v: unknown) => (v === null || v === undefined ? null : (v as string));
const optNum = (v: unknown) => (v === null || v === undefined ? null : num(v));
const strList = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);

function meta(p: Props): Versioned {
  return {
    id: str(p.id),
    createdAt: str(p.createdAt),
    updatedAt: str(p.updatedAt),
    version: num(p.version),
  };
}

export function source(p: Props): SourceRecord {
  return {
    ...meta(p),
    title: str(p.title),
    url: optStr(p.url),
    publisher: optStr(p.publisher),
    kind: p.kind as SourceKind,
    text: str(p.text),
    contentHash: str(p.contentHash),
  };
}

export function statement(p: Props): StatementRecord {
  return {
    ...meta(p),
    sourceId: str(p.sourceId),
    claimId: str(p.claimId),
    quote: str(p.quote),
    start: num(p.start),
    end: num(p.end),
    prefix: str(p.prefix),
    suffix: str(p.suffix),
    hedging: p.hedging as Hedging,
    reviewStatus: p.reviewStatus as ReviewStatus,
  };
}

export function claim(p: Props): ClaimRecord {
  return {
    ...meta(p),
    text: str(p.text),
    kind: p.kind as ClaimKind,
    interventionId: optStr(p.interventionId),
    reviewStatus: p.reviewStatus as ReviewStatus,
    conditionIds: strList(p.conditionIds),
    mechanismIds: strList(p.mechanismIds),
  };
}

export function condition(p: Props): ConditionRecord {
  return {
    ...meta(p),
    name: str(p.name),
    synonyms: strList(p.synonyms),
    codes: JSON.parse(str(p.codes)),
    description: optStr(p.description),
    broaderIds: strList(p.broaderIds),
  };
}

export function mechanism(p: Props): MechanismRecord {
  return {
    ...meta(p),
    name: str(p.name),
    synonyms: strList(p.synonyms),
    description: optStr(p.description),
  };
}

export function intervention(p: Props): InterventionRecord {
  return { ...meta(p), name: str(p.name), drug: optStr(p.drug), route: optStr(p.route) };
}

export function study(p: Props): StudyRecord {
  return {
    ...meta(p),
    title: str(p.title),
    authors: strList(p.authors),
    year: optNum(p.year),
    journal: optStr(p.journal),
    doi: optStr(p.doi),
    pmid: optStr(p.pmid),
    design: p.design as StudyDesign,
    sampleSize: optNum(p.sampleSize),
    population: optStr(p.population),
    finding: optStr(p.finding),
    retraction: p.retracted
      ? { date: optStr(p.retractionDate), note: optStr(p.retractionNote) }
      : null,
  };
}

export function gap(p: Props): GapRecord {
  return {
    ...meta(p),
    claimId: str(p.claimId),
    kind: p.kind as GapKind,
    description: str(p.description),
    neededDesign: optStr(p.neededDesign) as StudyDesign | null,
    status: p.status as GapStatus,
    statementId: optStr(p.statementId),
    addressedById: optStr(p.addressedById),
  };
}

/**
 * Links written before links were versioned and reviewed have none of version, updatedAt and
 * reviewStatus: they read back as version 1, updated when created, accepted (as SQLite's
 * migration 3 fills them in).
 */
export function evidence(p: Props): EvidenceLinkRecord {
  return {
    id: str(p.id),
    createdAt: str(p.createdAt),
    updatedAt: optStr(p.updatedAt) ?? str(p.createdAt),
    version: optNum(p.version) ?? 1,
    studyId: str(p.studyId),
    claimId: str(p.claimId),
    relation: p.relation as EvidenceRelation,
    note: optStr(p.note),
    quote: optStr(p.quote),
    addedBy: str(p.addedBy),
    reviewStatus: (optStr(p.reviewStatus) ?? ReviewStatus.ACCEPTED) as ReviewStatus,
  };
}

export function notice(p: Props): NoticeRecord {
  return {
    id: str(p.id),
    studyId: str(p.studyId),
    kind: p.kind as NoticeKind,
    date: optStr(p.date),
    note: optStr(p.note),
    addedBy: str(p.addedBy),
    createdAt: str(p.createdAt),
  };
}

export function citation(p: Props): CitationRecord {
  return {
    id: str(p.id),
    citingId: str(p.citingId),
    citedId: str(p.citedId),
    addedBy: str(p.addedBy),
    createdAt: str(p.createdAt),
  };
}

/** JSON held in a string property (before / after); absent is null. */
const optJson = (v: unknown) =>
  v === null || v === undefined ? null : (JSON.parse(str(v)) as Record<string, unknown>);

export function revision(p: Props): RevisionRecord {
  return {
    id: str(p.id),
    entityId: str(p.entityId),
    entityKind: p.entityKind as AuditedKind,
    action: p.action as RevisionAction,
    before: optJson(p.before),
    after: optJson(p.after),
    actor: str(p.actor),
    at: str(p.at),
    reason: optStr(p.reason),
    revertOf: optStr(p.revertOf),
  };
}

export function token(p: Props): TokenRecord {
  return {
    id: str(p.id),
    name: str(p.name),
    role: p.role as TokenRole,
    hash: str(p.hash),
    createdAt: str(p.createdAt),
    createdBy: str(p.createdBy),
    revokedAt: optStr(p.revokedAt),
  };
}

// --- writing -------------------------------------------------------------------------------
// Integers go over as neo4j Integers: a JS number parameter would be stored as a float.
// Null-valued properties are simply not stored (SET n = $props drops them).

const optInt = (v: number | null) => (v === null ? null : neo4j.int(v));

/** SQLite's lower() folds ASCII only; sorting on the same key keeps both stores' orders equal. */
export function sortKey(name: string): string {
  return name.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

function node(type: NodeType, r: Versioned, own: Props): Props {
  const props: Props = {
    id: r.id,
    type,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: neo4j.int(r.version),
    ...own,
  };
  return { ...props, ...searchProps(type, props) };
}

/** Normalised name and synonyms, for exact label lookups and the label filter. */
const labels = (name: string, synonyms: string[]) => [
  ...new Set([name, ...synonyms].map(normaliseLabel)),
];

export const toProps: {
  [NodeType.SOURCE]: (r: SourceRecord) => Props;
  [NodeType.STATEMENT]: (r: StatementRecord) => Props;
  [NodeType.CLAIM]: (r: ClaimRecord) => Props;
  [NodeType.CONDITION]: (r: ConditionRecord) => Props;
  [NodeType.MECHANISM]: (r: MechanismRecord) => Props;
  [NodeType.INTERVENTION]: (r: InterventionRecord) => Props;
  [NodeType.STUDY]: (r: StudyRecord) => Props;
  [NodeType.EVIDENCE_GAP]: (r: GapRecord) => Props;
} = {
  [NodeType.SOURCE]: (r) =>
    node(NodeType.SOURCE, r, {
      title: r.title,
      url: r.url,
      publisher: r.publisher,
      kind: r.kind,
      text: r.text,
      contentHash: r.contentHash,
    }),
  [NodeType.STATEMENT]: (r) =>
    node(NodeType.STATEMENT, r, {
      quote: r.quote,
      start: neo4j.int(r.start),
      end: neo4j.int(r.end),
      prefix: r.prefix,
      suffix: r.suffix,
      hedging: r.hedging,
      reviewStatus: r.reviewStatus,
    }),
  [NodeType.CLAIM]: (r) =>
    node(NodeType.CLAIM, r, { text: r.text, kind: r.kind, reviewStatus: r.reviewStatus }),
  [NodeType.CONDITION]: (r) =>
    node(NodeType.CONDITION, r, {
      name: r.name,
      synonyms: r.synonyms,
      // A list of maps cannot be a property.
      codes: JSON.stringify(r.codes),
      description: r.description,
      labels: labels(r.name, r.synonyms),
      sortName: sortKey(r.name),
    }),
  [NodeType.MECHANISM]: (r) =>
    node(NodeType.MECHANISM, r, {
      name: r.name,
      synonyms: r.synonyms,
      description: r.description,
      labels: labels(r.name, r.synonyms),
      sortName: sortKey(r.name),
    }),
  [NodeType.INTERVENTION]: (r) =>
    node(NodeType.INTERVENTION, r, {
      name: r.name,
      drug: r.drug,
      route: r.route,
      sortName: sortKey(r.name),
    }),
  [NodeType.STUDY]: (r) =>
    node(NodeType.STUDY, r, {
      title: r.title,
      authors: r.authors,
      year: optInt(r.year),
      journal: r.journal,
      doi: r.doi,
      pmid: r.pmid,
      design: r.design,
      sampleSize: optInt(r.sampleSize),
      population: r.population,
      finding: r.finding,
      retracted: Boolean(r.retraction),
      retractionDate: r.retraction?.date ?? null,
      retractionNote: r.retraction?.note ?? null,
    }),
  [NodeType.EVIDENCE_GAP]: (r) =>
    node(NodeType.EVIDENCE_GAP, r, {
      kind: r.kind,
      description: r.description,
      neededDesign: r.neededDesign,
      status: r.status,
    }),
};

/** The evidence relationship's own properties (its ends are the study and the claim). */
export function evidenceProps(e: EvidenceLinkRecord): Props {
  return {
    id: e.id,
    relation: e.relation,
    note: e.note,
    quote: e.quote,
    addedBy: e.addedBy,
    reviewStatus: e.reviewStatus,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    version: neo4j.int(e.version),
  };
}

/** A notice node's own properties (its study is the (Study)-[:HAS_NOTICE]-> relationship). */
export function noticeProps(n: NoticeRecord): Props {
  return {
    id: n.id,
    kind: n.kind,
    date: n.date,
    note: n.note,
    addedBy: n.addedBy,
    createdAt: n.createdAt,
  };
}

/** The citation relationship's own properties (its ends are the citing and the cited study). */
export function citationProps(c: CitationRecord): Props {
  return { id: c.id, addedBy: c.addedBy, createdAt: c.createdAt };
}

/**
 * A (:Revision) node's properties. before / after are whole records of any shape (nested lists
 * and maps, which a property cannot hold): they are kept as JSON strings and parsed on read, so
 * they round-trip exactly, as in SQLite's revisions table.
 */
export function revisionProps(v: RevisionRecord): Props {
  return {
    id: v.id,
    entityId: v.entityId,
    entityKind: v.entityKind,
    action: v.action,
    before: v.before === null ? null : JSON.stringify(v.before),
    after: v.after === null ? null : JSON.stringify(v.after),
    actor: v.actor,
    at: v.at,
    reason: v.reason,
    revertOf: v.revertOf,
  };
}

/** An (:ApiToken) node's properties: the secret's hash, never the secret. */
export function tokenProps(t: TokenRecord): Props {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    hash: t.hash,
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    revokedAt: t.revokedAt,
  };
}

// --- search --------------------------------------------------------------------------------

/** What search matches and returns for a node: the same label and body the SQLite store indexes. */
export function searchText(type: NodeType, p: Props): { label: string; body: string } {
  const s = (v: unknown) => optStr(v) ?? '';
  switch (type) {
    case NodeType.SOURCE:
      return { label: s(p.title), body: s(p.text) };
    case NodeType.STATEMENT:
      return { label: s(p.quote), body: s(p.quote) };
    case NodeType.CLAIM:
      return { label: s(p.text), body: s(p.text) };
    case NodeType.CONDITION:
    case NodeType.MECHANISM:
      return {
        label: s(p.name),
        body: [s(p.name), ...strList(p.synonyms), s(p.description)].join(' \n'),
      };
    case NodeType.INTERVENTION:
      return { label: s(p.name), body: [s(p.name), s(p.drug), s(p.route)].join(' ') };
    case NodeType.STUDY:
      return {
        label: s(p.title),
        body: [s(p.title), strList(p.authors).join(', '), s(p.journal), s(p.finding)].join(' \n'),
      };
    case NodeType.EVIDENCE_GAP:
      return { label: s(p.description), body: s(p.description) };
  }
}

/**
 * Case and diacritics folded the same way for indexed text and query terms ("sjogren" finds
 * "Sjögren", as SQLite's remove_diacritics does).
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{Mn}+/gu, '');
}

/**
 * The indexed form of a text: its words (letters and digits, as the search service splits a
 * query) folded and joined by single spaces, so a whitespace analyzer sees exactly those words.
 */
export function searchWords(text: string): string {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** The indexed words of a node's label and body, from its properties. */
export function searchProps(type: NodeType, p: Props): Props {
  const { label, body } = searchText(type, p);
  return { searchLabel: searchWords(label), searchBody: searchWords(body) };
}
