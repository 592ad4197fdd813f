/** Row <-> record mapping for the SQLite store: snake_case columns, JSON text for lists. */
import type {
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  RevisionRecord,
  StudyRecord,
} from '../ports';
import { Decoders, recordReaders } from '../record-fields';

/** A row as better-sqlite3 returns it: column name to value. */
export type Row = Record<string, unknown>;

const str = (v: unknown) => v as string;
const optStr = (v: unknown) => (v === null || v === undefined ? null : (v as string));
const optNum = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown): unknown => JSON.parse(str(v));

const DECODE: Decoders = {
  text: str,
  ref: str,
  optText: optStr,
  optRef: optStr,
  int: Number,
  optInt: optNum,
  list: json,
  json,
  optJson: (v) => (v === null ? null : json(v)),
};

/** The column a record's field is held in: the field's name in snake_case. */
const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Each record read from its row, by the field lists both stores share (../record-fields.ts). */
export const read = recordReaders<Row>(DECODE, column);

export function claim(r: Row, conditionIds: string[], mechanismIds: string[]): ClaimRecord {
  return { ...read.claim(r), conditionIds, mechanismIds };
}

export function condition(r: Row, broaderIds: string[]): ConditionRecord {
  return { ...read.condition(r), broaderIds };
}

export function study(r: Row): StudyRecord {
  return {
    ...read.study(r),
    retraction: Number(r.retracted)
      ? { date: optStr(r.retraction_date), note: optStr(r.retraction_note) }
      : null,
  };
}

export function studyParams(s: StudyRecord): Record<string, unknown> {
  return {
    ...s,
    authors: JSON.stringify(s.authors),
    // Records from before population conditions existed (an asOf snapshot of old history) have none.
    populationConditionIds: JSON.stringify(s.populationConditionIds ?? []),
    retracted: s.retraction ? 1 : 0,
    retractionDate: s.retraction?.date ?? null,
    retractionNote: s.retraction?.note ?? null,
  };
}

/** A link's row values; links from before indirectness existed (old history) record none. */
export function evidenceParams(e: EvidenceLinkRecord): Record<string, unknown> {
  return { ...e, indirectness: JSON.stringify(e.indirectness ?? []) };
}

export function revisionParams(v: RevisionRecord): Record<string, unknown> {
  return {
    ...v,
    before: v.before === null ? null : JSON.stringify(v.before),
    after: v.after === null ? null : JSON.stringify(v.after),
  };
}
