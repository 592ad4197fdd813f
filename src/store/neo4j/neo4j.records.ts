/**
 * Node properties <-> port records for the Neo4j store. A node holds its record's own fields;
 * references (a statement's source, a claim's conditions, ...) are relationships, read back by the
 * store's projections into the same property names the records use (sourceId, conditionIds, ...).
 */
import { NODE_TYPENAME } from '../../common/node-types';
import neo4j from 'neo4j-driver';
import { normaliseName } from '../../common/text';
import { NodeType, ReviewStatus, RiskOfBias } from '../../graphql.schema';
import type {
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  NodeRecords,
  NoticeRecord,
  StoredRecords,
  StudyRecord,
} from '../ports';
import { Decoders, FieldKind, fieldsOf, isRef, recordReaders, StoredKind } from '../record-fields';
import { SEARCH_FORMAT, searchableText, searchWords } from '../searchable-text';

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

/** JSON held in a string property (before / after); absent is null. */
const optJson = (v: unknown) =>
  v === null || v === undefined ? null : (JSON.parse(str(v)) as Record<string, unknown>);

const DECODE: Decoders = {
  text: str,
  ref: str,
  optText: optStr,
  optRef: optStr,
  int: num,
  optInt: optNum,
  list: strList,
  json: (v) => JSON.parse(str(v)),
  optJson,
};

/**
 * Each record read from its properties (or its projection, which names references as the record
 * does), by the field lists both stores share (../record-fields.ts).
 */
export const read = recordReaders<Props>(DECODE, (field) => field);

export function claim(p: Props): ClaimRecord {
  return {
    ...read.claim(p),
    conditionIds: strList(p.conditionIds),
    mechanismIds: strList(p.mechanismIds),
  };
}

export function condition(p: Props): ConditionRecord {
  return { ...read.condition(p), broaderIds: strList(p.broaderIds) };
}

/**
 * Studies written before judgements existed have no riskOfBias: NOT_ASSESSED (SQLite migration 7);
 * an absent populationConditionIds reads as none (migration 8).
 */
export function study(p: Props): StudyRecord {
  return {
    ...read.study({ ...p, riskOfBias: p.riskOfBias ?? RiskOfBias.NOT_ASSESSED }),
    retraction: p.retracted
      ? { date: optStr(p.retractionDate), note: optStr(p.retractionNote) }
      : null,
  };
}

/**
 * Links written before links were versioned and reviewed have none of version, updatedAt and
 * reviewStatus: they read back as version 1, updated when created, accepted (as SQLite's
 * migration 3 fills them in).
 */
export function evidence(p: Props): EvidenceLinkRecord {
  return read.evidence({
    ...p,
    updatedAt: p.updatedAt ?? p.createdAt,
    version: p.version ?? 1,
    reviewStatus: p.reviewStatus ?? ReviewStatus.ACCEPTED,
    // Links written before indirectness existed record no difference (SQLite migration 8).
    indirectness: p.indirectness ?? '[]',
  });
}

/** Gaps written before gaps were reviewed have no reviewStatus: accepted (SQLite migration 4). */
export function gap(p: Props): GapRecord {
  return read.gap({ ...p, reviewStatus: p.reviewStatus ?? ReviewStatus.ACCEPTED });
}

/**
 * Notices written before notices were reviewed and versioned were in effect: accepted, version 1,
 * updated when created (as SQLite's migration 4 fills them in).
 */
export function notice(p: Props): NoticeRecord {
  return read.notice({
    ...p,
    updatedAt: p.updatedAt ?? p.createdAt,
    version: p.version ?? 1,
    reviewStatus: p.reviewStatus ?? ReviewStatus.ACCEPTED,
  });
}

// --- writing -------------------------------------------------------------------------------
// Integers go over as neo4j Integers: a JS number parameter would be stored as a float.
// Null-valued properties are simply not stored (SET n = $props drops them).

const optInt = (v: number | null) => (v === null ? null : neo4j.int(v));

/** SQLite's lower() folds ASCII only; sorting on the same key keeps both stores' orders equal. */
export function sortKey(name: string): string {
  return name.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

const ENCODE: Record<Exclude<FieldKind, 'ref' | 'optRef'>, (v: unknown) => unknown> = {
  text: (v) => v,
  optText: (v) => v,
  list: (v) => v,
  int: (v) => neo4j.int(v as number),
  optInt: (v) => optInt(v as number | null),
  // A list of maps (a condition's codes) cannot be a property.
  json: (v) => JSON.stringify(v),
  // before / after are whole records of any shape (nested lists and maps, which a property cannot
  // hold): kept as JSON strings and parsed on read, so they round-trip exactly, as in SQLite.
  optJson: (v) => (v === null ? null : JSON.stringify(v)),
};

/** Each kind's own fields with their encoders, listed once (bulk writes encode many records). */
const ENCODERS = new Map<StoredKind, Array<[string, (v: unknown) => unknown]>>();

function encodersOf(kind: StoredKind): Array<[string, (v: unknown) => unknown]> {
  let list = ENCODERS.get(kind);
  if (!list) {
    list = fieldsOf(kind).flatMap(([field, k]) => (isRef(k) ? [] : [[field, ENCODE[k]]]));
    ENCODERS.set(kind, list);
  }
  return list;
}

/** A record's own properties, by its shared field list; its references are relationships. */
function encode(kind: StoredKind, record: object): Props {
  const props: Props = {};
  for (const [field, encoded] of encodersOf(kind))
    props[field] = encoded((record as Record<string, unknown>)[field]);
  return props;
}

/** A record's properties where it is no :Entity node (a link, a notice, a revision, a token). */
export function ownProps<K extends StoredKind>(kind: K, record: StoredRecords[K]): Props {
  return encode(kind, record);
}

/** The field list (../record-fields.ts) of each node type's record. */
export const STORED_KIND = {
  [NodeType.SOURCE]: 'source',
  [NodeType.STATEMENT]: 'statement',
  [NodeType.CLAIM]: 'claim',
  [NodeType.CONDITION]: 'condition',
  [NodeType.MECHANISM]: 'mechanism',
  [NodeType.INTERVENTION]: 'intervention',
  [NodeType.STUDY]: 'study',
  [NodeType.EVIDENCE_GAP]: 'gap',
} as const satisfies Record<NodeType, StoredKind>;

/** A node's properties: its record's own fields, its type, what else it keeps, its search words. */
function node<T extends NodeType>(type: T, r: NodeRecords[T], extra: Props = {}): Props {
  const props = encode(STORED_KIND[type], r);
  props.type = type;
  return Object.assign(props, extra, searchProps(type, r));
}

/** Normalised name and synonyms, for exact label lookups and the label filter. */
const labels = (name: string, synonyms: string[]) => [
  ...new Set([name, ...synonyms].map(normaliseName)),
];

export const toProps: { [T in NodeType]: (r: NodeRecords[T]) => Props } = {
  [NodeType.SOURCE]: (r) => node(NodeType.SOURCE, r),
  [NodeType.STATEMENT]: (r) => node(NodeType.STATEMENT, r),
  [NodeType.CLAIM]: (r) => node(NodeType.CLAIM, r),
  [NodeType.CONDITION]: (r) =>
    node(NodeType.CONDITION, r, { labels: labels(r.name, r.synonyms), sortName: sortKey(r.name) }),
  [NodeType.MECHANISM]: (r) =>
    node(NodeType.MECHANISM, r, { labels: labels(r.name, r.synonyms), sortName: sortKey(r.name) }),
  [NodeType.INTERVENTION]: (r) => node(NodeType.INTERVENTION, r, { sortName: sortKey(r.name) }),
  [NodeType.STUDY]: (r) =>
    node(NodeType.STUDY, r, {
      retracted: Boolean(r.retraction),
      retractionDate: r.retraction?.date ?? null,
      retractionNote: r.retraction?.note ?? null,
    }),
  [NodeType.EVIDENCE_GAP]: (r) => node(NodeType.EVIDENCE_GAP, r),
};

// --- search --------------------------------------------------------------------------------

/**
 * The indexed words of a node's label and body: the text search matches and shows for its type
 * (one definition for both stores, see ../searchable-text.ts): folded words and their stems.
 */
export function searchProps<T extends NodeType>(type: T, record: NodeRecords[T]): Props {
  const { label, body } = searchableText(type, record);
  return {
    searchLabel: searchWords(label),
    searchBody: searchWords(body),
    // Which format those words were written in: init re-indexes nodes written in another.
    searchFormat: SEARCH_FORMAT,
  };
}
