/**
 * What each record stores, field by field in the record's own order, and how each field is held.
 * Both adapters read rows and node properties back into records from these lists (and Neo4j writes
 * its properties from them), so the two stores cannot disagree on a field. What a store keeps apart
 * is not listed and each adapter reads it itself: a claim's condition and mechanism lists, a
 * condition's broader list, a study's retraction.
 */
import type { StoredRecords } from './ports';

/**
 * How a field is held. `ref`: another record's id (a column in SQLite, a relationship in Neo4j);
 * `list`: strings (JSON text in SQLite, a list property in Neo4j); `json`: a structure held as JSON
 * text in both. The `opt` kinds may be null.
 */
export type FieldKind =
  'text' | 'optText' | 'int' | 'optInt' | 'list' | 'json' | 'optJson' | 'ref' | 'optRef';

/** How a field of type V may be listed; the compiler checks every list against its record. */
type KindOf<V> = [V] extends [string]
  ? 'text' | 'ref'
  : [V] extends [string | null]
    ? 'optText' | 'optRef'
    : [V] extends [number]
      ? 'int'
      : [V] extends [number | null]
        ? 'optInt'
        : [V] extends [string[]]
          ? 'list'
          : [V] extends [object]
            ? 'json'
            : 'optJson';

/** A record's field list: every field of T, once, with a kind its type allows. */
export type Fields<T> = { readonly [K in keyof T]-?: KindOf<T[K]> };

/** The records listed here (../ports/records.ts StoredRecords says which part of each). */
export type StoredKind = keyof StoredRecords;

const VERSIONED = { id: 'text', createdAt: 'text', updatedAt: 'text', version: 'int' } as const;

/** Every stored record's fields, in the record's order, with how each is held. */
export const FIELDS: { readonly [K in StoredKind]: Fields<StoredRecords[K]> } = {
  source: {
    ...VERSIONED,
    title: 'text',
    url: 'optText',
    publisher: 'optText',
    kind: 'text',
    text: 'text',
    contentHash: 'text',
    retrievedAt: 'optText',
    htmlSha256: 'optText',
  },
  statement: {
    ...VERSIONED,
    sourceId: 'ref',
    claimId: 'ref',
    quote: 'text',
    start: 'int',
    end: 'int',
    prefix: 'text',
    suffix: 'text',
    hedging: 'text',
    reviewStatus: 'text',
  },
  claim: {
    ...VERSIONED,
    text: 'text',
    kind: 'text',
    interventionId: 'optRef',
    reviewStatus: 'text',
  },
  condition: {
    ...VERSIONED,
    name: 'text',
    synonyms: 'list',
    codes: 'json',
    description: 'optText',
  },
  mechanism: { ...VERSIONED, name: 'text', synonyms: 'list', description: 'optText' },
  intervention: { ...VERSIONED, name: 'text', drug: 'optText', route: 'optText' },
  study: {
    ...VERSIONED,
    title: 'text',
    authors: 'list',
    year: 'optInt',
    journal: 'optText',
    doi: 'optText',
    pmid: 'optText',
    design: 'text',
    sampleSize: 'optInt',
    population: 'optText',
    finding: 'optText',
    riskOfBias: 'text',
    riskOfBiasReason: 'optText',
    populationConditionIds: 'list',
  },
  evidence: {
    ...VERSIONED,
    studyId: 'ref',
    claimId: 'ref',
    relation: 'text',
    note: 'optText',
    quote: 'optText',
    indirectness: 'json',
    addedBy: 'text',
    reviewStatus: 'text',
  },
  gap: {
    ...VERSIONED,
    claimId: 'ref',
    kind: 'text',
    description: 'text',
    neededDesign: 'optText',
    status: 'text',
    statementId: 'optRef',
    addressedById: 'optRef',
    reviewStatus: 'text',
  },
  notice: {
    id: 'text',
    studyId: 'ref',
    kind: 'text',
    date: 'optText',
    note: 'optText',
    addedBy: 'text',
    createdAt: 'text',
    updatedAt: 'text',
    version: 'int',
    reviewStatus: 'text',
  },
  citation: { id: 'text', citingId: 'ref', citedId: 'ref', addedBy: 'text', createdAt: 'text' },
  revision: {
    id: 'text',
    entityId: 'text',
    entityKind: 'text',
    action: 'text',
    before: 'optJson',
    after: 'optJson',
    actor: 'text',
    at: 'text',
    reason: 'optText',
    revertOf: 'optText',
  },
  token: {
    id: 'text',
    name: 'text',
    role: 'text',
    hash: 'text',
    createdAt: 'text',
    createdBy: 'text',
    revokedAt: 'optText',
  },
};

/** A record's fields with their kinds, in the record's order. */
export function fieldsOf(kind: StoredKind): Array<[string, FieldKind]> {
  return Object.entries(FIELDS[kind]) as Array<[string, FieldKind]>;
}

/** References are held apart from a record's own values (relationships, in Neo4j). */
export const isRef = (kind: FieldKind): kind is 'ref' | 'optRef' =>
  kind === 'ref' || kind === 'optRef';

/** One store's way of turning a held value of each kind back into the record's value. */
export type Decoders = Readonly<Record<FieldKind, (held: unknown) => unknown>>;

/** Each record's reader, taking a row or a node's properties. */
export type RecordReaders<In> = { readonly [K in StoredKind]: (held: In) => StoredRecords[K] };

/**
 * A store's readers for every record, from its decoders and its name for each field (a column, a
 * property): each reads the listed fields, in order, and nothing else.
 */
export function recordReaders<In extends Record<string, unknown>>(
  decode: Decoders,
  heldAs: (field: string) => string,
): RecordReaders<In> {
  const readers: Partial<Record<StoredKind, (held: In) => unknown>> = {};
  for (const kind of Object.keys(FIELDS) as StoredKind[]) {
    const plan = fieldsOf(kind).map(([field, k]) => ({
      field,
      from: heldAs(field),
      read: decode[k],
    }));
    readers[kind] = (held) => {
      const record: Record<string, unknown> = {};
      for (const { field, from, read } of plan) record[field] = read(held[from]);
      return record;
    };
  }
  return readers as RecordReaders<In>;
}
