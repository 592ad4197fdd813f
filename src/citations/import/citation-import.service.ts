/**
 * Imports bibliographic records (BibTeX, RIS, CSL-JSON) as studies.
 *
 * - Parsing is Citation.js's (citation-parsers.ts); csl-to-study.ts maps CSL-JSON onto a study.
 * - Deduplication: by normalised DOI, then PMID, then normalised title + year, against the store
 *   and within the file itself. A record of a work already known is MERGED: it reports the
 *   existing study and what matched, and changes nothing about that study.
 * - Records are written in batches, one transaction (upsertBundle) per batch, after at most one
 *   lookup of each kind per batch (findStudiesByDois, findStudiesByPmids, studiesByYears), never
 *   one per record. A year's studies are read once per import (see ImportState). While a batch
 *   is written, the next one is parsed and looked up (importBatch), so this process and the
 *   store work at the same time; each batch is planned once the one before it has committed.
 * - Design: only what the record states, else the weakest tier (see DEFAULT_IMPORT_DESIGN).
 * - Records without a DOI, a PMID or a year are refused: nothing could recognise them on a
 *   second import, so each re-run would add a duplicate.
 * - Re-running an import finds every study it created and creates nothing (idempotent).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, referenced } from '../../common/domain-error';
import { newId, nowIso } from '../../common/ids';
import { CitationFormat, ImportStatus, RiskOfBias } from '../../graphql.schema';
import { emptyBundle } from '../../store/bundle-plan';
import {
  CitationRecord,
  MissingReferenceError,
  StoreAdmin,
  StudyReads,
  StudyRecord,
  UniqueViolationError,
} from '../../store/ports';
import { ParsedRecord, readRecords } from './citation-parsers';
import { cslToStudy, ImportedStudy, MappedRecord, normaliseTitle } from './csl-to-study';
import { bundleAudit } from '../../history/revision';

export interface ImportOptions {
  /** Who imports (recorded on the citations created). */
  actor: string;
  /** A study that cites every imported record (the file is its reference list). */
  citedById?: string;
  /** Records per transaction; default 500. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportRecordResult {
  /** Position of the record in the file, from 1. */
  index: number;
  line: number | null;
  status: ImportStatus;
  studyId: string | null;
  title: string | null;
  /** Why it was rejected, or what it was merged on: 'doi' | 'pmid' | 'title+year'. */
  reason: string | null;
}

export interface ImportReport {
  created: number;
  merged: number;
  rejected: number;
  records: ImportRecordResult[];
}

/**
 * Records per write transaction. Measured on the 10,000-record bench into a warm local Neo4j:
 * 3,750-4,200 records/s with 500, 4,350-4,700 with 1,000, 4,450 with 2,000 (the server's cost per
 * transaction shared by more records); SQLite is indifferent.
 */
export const DEFAULT_IMPORT_BATCH = 1000;
/** A batch whose commit raced with another writer of the same DOI/PMID is re-planned this often. */
const RACE_RETRIES = 2;

type MatchedOn = 'doi' | 'pmid' | 'title+year';
/** What a record can be matched against: a stored study or one created earlier in this file. */
type Known = Pick<StudyRecord, 'id' | 'doi' | 'pmid'>;

/** Studies known by DOI, PMID and title+year key; lookups fall back to the committed layer. */
class KnownStudies {
  readonly byDoi = new Map<string, Known>();
  readonly byPmid = new Map<string, Known>();
  readonly byKey = new Map<string, Known>();

  constructor(private readonly under?: KnownStudies) {}

  doi(v: string): Known | undefined {
    return this.byDoi.get(v) ?? this.under?.doi(v);
  }
  pmid(v: string): Known | undefined {
    return this.byPmid.get(v) ?? this.under?.pmid(v);
  }
  key(v: string): Known | undefined {
    return this.byKey.get(v) ?? this.under?.key(v);
  }

  /** Records that a DOI, PMID and title+year lead to this study (first one wins). */
  add(s: Known, keys: { doi: string | null; pmid: string | null; key: string | null }): void {
    if (keys.doi && !this.doi(keys.doi)) this.byDoi.set(keys.doi, s);
    if (keys.pmid && !this.pmid(keys.pmid)) this.byPmid.set(keys.pmid, s);
    if (keys.key && !this.key(keys.key)) this.byKey.set(keys.key, s);
  }

  commitInto(target: KnownStudies): void {
    for (const [k, v] of this.byDoi) target.byDoi.set(k, v);
    for (const [k, v] of this.byPmid) target.byPmid.set(k, v);
    for (const [k, v] of this.byKey) target.byKey.set(k, v);
  }
}

function titleKey(title: string, year: number | null): string | null {
  return year === null ? null : `${normaliseTitle(title)}|${year}`;
}

/** Title + year names the same work only when no identifier says otherwise. */
function compatible(a: Known, b: { doi: string | null; pmid: string | null }): boolean {
  return !(a.doi && b.doi && a.doi !== b.doi) && !(a.pmid && b.pmid && a.pmid !== b.pmid);
}

/** What one import remembers from batch to batch. */
interface ImportState {
  /** Studies created or merged into by this import, by the identifiers that led to them. */
  known: KnownStudies;
  /** Citations written by this import. */
  citations: Set<string>;
  /**
   * Stored studies by title + year, for the years looked up so far. Each year is read from the
   * store once per import (the first batch that needs it); studies this import creates later
   * are in `known`. Identifier lookups (DOI, PMID) are fresh in every batch.
   */
  storedByKey: Map<string, Known>;
  yearsRead: Set<number>;
}

/** A parsed record and the study it maps to (or why it cannot be one). */
interface MappedParsed {
  p: ParsedRecord;
  m: MappedRecord;
}

/** A batch ready to plan: its records and the stored studies its lookups found. */
interface LookedUp {
  mapped: MappedParsed[];
  stored: KnownStudies;
}

/**
 * Records parsed between two turns of the event loop: while a batch is parsed, the replies to the
 * previous batch's write are handled in between, so that write is not held up by the parsing.
 */
const PARSE_SLICE = 50;

/** The next `n` records of a file, parsed and mapped, yielding to the event loop now and then. */
async function takeMapped(records: Iterator<ParsedRecord>, n: number): Promise<MappedParsed[]> {
  const out: MappedParsed[] = [];
  while (out.length < n) {
    const r = records.next();
    if (r.done) break;
    const p = r.value;
    out.push({
      p,
      m: p.ok ? cslToStudy(p.csl) : ({ ok: false, title: null, reason: p.reason } as const),
    });
    if (out.length % PARSE_SLICE === 0 && out.length < n)
      await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/**
 * What an import needs from the store: the study lookups it deduplicates by, and the bundle write
 * (one transaction per batch, as seeding does).
 */
export type ImportStore = Pick<
  StudyReads,
  'getStudies' | 'findStudiesByDois' | 'findStudiesByPmids' | 'studiesByYears'
> &
  Pick<StoreAdmin, 'upsertBundle'>;

/** Provides the ImportStore: the study reads and the bundle write, from their two roles. */
export const IMPORT_STORE = Symbol('ImportStore');

export function importStore(
  studies: StudyReads,
  bundles: Pick<StoreAdmin, 'upsertBundle'>,
): ImportStore {
  return {
    getStudies: (ids) => studies.getStudies(ids),
    findStudiesByDois: (dois) => studies.findStudiesByDois(dois),
    findStudiesByPmids: (pmids) => studies.findStudiesByPmids(pmids),
    studiesByYears: (years) => studies.studiesByYears(years),
    upsertBundle: (bundle, mode, audit) => bundles.upsertBundle(bundle, mode, audit),
  };
}

@Injectable()
export class CitationImportService {
  constructor(@Inject(IMPORT_STORE) private readonly store: ImportStore) {}

  async importText(
    format: CitationFormat,
    text: string,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_IMPORT_BATCH));
    if (options.citedById !== undefined) {
      const [citing] = await this.store.getStudies([options.citedById]);
      referenced(citing, 'input.citedById', 'study', options.citedById);
    }
    const reader = readRecords(format, text);
    const take = () => takeMapped(reader.records, batchSize);
    const first = await take();
    // Nothing recognised is a wrong format or a wrong file, not a successful import of nothing.
    if (first.length === 0)
      throw DomainError.badInput(
        'input.content',
        `has no ${format} records: is the file in that format?`,
      );
    const report: ImportReport = { created: 0, merged: 0, rejected: 0, records: [] };
    const state: ImportState = {
      known: new KnownStudies(),
      citations: new Set(),
      storedByKey: new Map(),
      yearsRead: new Set(),
    };
    options.onProgress?.(0, reader.count());

    let done = 0;
    let batch: Promise<LookedUp> | null = this.lookUp(first, state.known, state);
    while (batch) {
      const { results, next } = await this.importBatch(
        await batch,
        state,
        options,
        async (known) => {
          const records = await take();
          return records.length > 0 ? { lookedUp: this.lookUp(records, known, state) } : null;
        },
      );
      for (const r of results) {
        report.records.push(r);
        if (r.status === ImportStatus.CREATED) report.created++;
        else if (r.status === ImportStatus.MERGED) report.merged++;
        else report.rejected++;
      }
      done += results.length;
      options.onProgress?.(done, reader.count());
      batch = next;
    }
    return report;
  }

  /**
   * One batch: decide, write in one transaction, re-planned (looked up again) if its commit raced
   * with another writer. While the write is under way, `following` parses the next batch and
   * starts its lookups, so this process and the store work at the same time; the next batch is
   * planned only once this one is committed (its studies are then known to the import).
   */
  private async importBatch(
    looked: LookedUp,
    state: ImportState,
    options: ImportOptions,
    following: (known: KnownStudies) => Promise<{ lookedUp: Promise<LookedUp> } | null>,
  ): Promise<{ results: ImportRecordResult[]; next: Promise<LookedUp> | null }> {
    let next: Promise<LookedUp> | null = null;
    let nextTaken = false;
    for (let attempt = 0; ; attempt++) {
      const pending = new KnownStudies(state.known);
      const planned = this.plan(looked, pending, state, options);
      const write =
        planned.bundle.studies.length > 0 || planned.bundle.citations.length > 0
          ? this.store.upsertBundle(
              planned.bundle,
              'create-missing',
              bundleAudit({ actor: options.actor, reason: 'citation import' }),
            )
          : Promise.resolve();
      // Settled into a value at once: a failure while the next batch is parsed is no unhandled
      // rejection, and is handled below.
      const outcome = write.then(
        () => null,
        (err: unknown) => ({ err }),
      );
      if (!nextTaken) {
        nextTaken = true;
        // The next batch's lookups read the store while this batch is written: what this batch
        // creates is in `pending` (and in state.known once committed), so nothing is missed.
        try {
          next = (await following(pending))?.lookedUp ?? null;
        } catch (err) {
          await outcome; // not left running behind the error
          throw err;
        }
        // Awaited by the caller, after this batch: a failure must not count as unhandled before.
        next?.catch(() => undefined);
      }
      const failed = await outcome;
      if (failed) {
        const { err } = failed;
        // Another writer recorded one of these DOIs/PMIDs since the lookup: look again.
        if (err instanceof UniqueViolationError && attempt < RACE_RETRIES) {
          looked = await this.lookUp(looked.mapped, state.known, state);
          continue;
        }
        if (err instanceof MissingReferenceError && options.citedById !== undefined)
          throw DomainError.badInput('input.citedById', `no study has id "${options.citedById}"`);
        throw err;
      }
      pending.commitInto(state.known);
      for (const c of planned.bundle.citations) state.citations.add(c.id);
      return { results: planned.results, next };
    }
  }

  /**
   * One lookup of each kind for a whole batch: the stored studies with its DOIs and PMIDs, and
   * (title + year being the last resort) the stored studies of the years of records that no
   * identifier matched and that this import has not read yet.
   */
  private async lookUp(
    mapped: MappedParsed[],
    known: KnownStudies,
    state: ImportState,
  ): Promise<LookedUp> {
    const studies = mapped.flatMap(({ m }) => (m.ok ? [m.study] : []));
    const dois = [...new Set(studies.flatMap((s) => (s.doi ? [s.doi] : [])))];
    const pmids = [...new Set(studies.flatMap((s) => (s.pmid ? [s.pmid] : [])))];
    const [byDoi, byPmid] = await Promise.all([
      dois.length ? this.store.findStudiesByDois(dois) : Promise.resolve([]),
      pmids.length ? this.store.findStudiesByPmids(pmids) : Promise.resolve([]),
    ]);
    const stored = new KnownStudies();
    for (const s of [...byDoi, ...byPmid]) stored.add(s, { doi: s.doi, pmid: s.pmid, key: null });
    const years = [
      ...new Set(
        studies
          .filter(
            (s) =>
              !(s.doi && (known.doi(s.doi) || stored.doi(s.doi))) &&
              !(s.pmid && (known.pmid(s.pmid) || stored.pmid(s.pmid))),
          )
          .flatMap((s) => (s.year === null || state.yearsRead.has(s.year) ? [] : [s.year])),
      ),
    ];
    if (years.length > 0) {
      const sameYears = await this.store.studiesByYears(years);
      // Several stored studies with one title + year: the first by id, so the choice is stable.
      for (const s of sameYears.sort((a, b) => (a.id < b.id ? -1 : 1))) {
        const key = titleKey(s.title, s.year);
        if (key && !state.storedByKey.has(key))
          state.storedByKey.set(key, { id: s.id, doi: s.doi, pmid: s.pmid });
      }
      for (const y of years) state.yearsRead.add(y);
    }
    return { mapped, stored };
  }

  /** What each record of a looked-up batch becomes, and the bundle that writes it. */
  private plan(
    { mapped, stored }: LookedUp,
    known: KnownStudies,
    state: ImportState,
    options: ImportOptions,
  ) {
    const bundle = emptyBundle();
    const results: ImportRecordResult[] = [];
    const at = nowIso();
    const planned = new Set<string>();
    const cite = (studyId: string) => {
      const id = `${options.citedById}>${studyId}`;
      // A study does not cite itself; a pair already written (or planned) is not written twice.
      if (options.citedById === undefined || studyId === options.citedById) return;
      if (state.citations.has(id) || planned.has(id)) return;
      planned.add(id);
      const rec: CitationRecord = {
        id,
        citingId: options.citedById,
        citedId: studyId,
        addedBy: options.actor,
        createdAt: at,
      };
      bundle.citations.push(rec);
    };

    for (const { p, m } of mapped) {
      const base = { index: p.index, line: p.line ?? null };
      if (!m.ok) {
        results.push({
          ...base,
          status: ImportStatus.REJECTED,
          studyId: null,
          title: m.title,
          reason: m.reason,
        });
        continue;
      }
      const s = m.study;
      const key = titleKey(s.title, s.year);
      const match = this.match(s, key, known, stored, state.storedByKey);
      if (match) {
        // Later records of the same work are recognised by this one's identifiers too.
        known.add(match.study, { doi: s.doi, pmid: s.pmid, key });
        cite(match.study.id);
        results.push({
          ...base,
          status: ImportStatus.MERGED,
          studyId: match.study.id,
          title: s.title,
          reason: match.on,
        });
        continue;
      }
      const record: StudyRecord = {
        id: newId('study'),
        ...s,
        sampleSize: null,
        population: null,
        finding: null,
        riskOfBias: RiskOfBias.NOT_ASSESSED,
        riskOfBiasReason: null,
        populationConditionIds: [],
        retraction: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      bundle.studies.push(record);
      known.add(record, { doi: s.doi, pmid: s.pmid, key });
      cite(record.id);
      results.push({
        ...base,
        status: ImportStatus.CREATED,
        studyId: record.id,
        title: s.title,
        reason: null,
      });
    }
    return { bundle, results };
  }

  private match(
    s: ImportedStudy,
    key: string | null,
    known: KnownStudies,
    stored: KnownStudies,
    storedByKey: ReadonlyMap<string, Known>,
  ): { study: Known; on: MatchedOn } | null {
    const byDoi = s.doi ? (known.doi(s.doi) ?? stored.doi(s.doi)) : undefined;
    if (byDoi) return { study: byDoi, on: 'doi' };
    const byPmid = s.pmid ? (known.pmid(s.pmid) ?? stored.pmid(s.pmid)) : undefined;
    if (byPmid) return { study: byPmid, on: 'pmid' };
    if (!key) return null;
    for (const candidate of [known.key(key), storedByKey.get(key)]) {
      if (candidate && compatible(candidate, s)) return { study: candidate, on: 'title+year' };
    }
    return null;
  }
}
