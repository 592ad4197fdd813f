/**
 * Importing bibliographic files (BibTeX, RIS, CSL-JSON) against each real store: studies are
 * created once, recognised again by DOI, PMID or title + year (in the store and within the file),
 * malformed records are rejected with their line and reason, and a re-run creates nothing.
 *
 * The fixtures in test/fixtures/citations/ are real studies from seeds/studies.json. Where a test
 * needs a DOI that belongs to no real work, it uses the reserved example prefix 10.5555/.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  CitationImportService,
  ImportReport,
} from '../../src/citations/import/citation-import.service';
import { DEFAULT_IMPORT_DESIGN, normaliseTitle } from '../../src/citations/import/csl-to-study';
import { DomainError, ErrorCode } from '../../src/common/domain-error';
import { CitationFormat, ImportStatus, StudyDesign } from '../../src/graphql.schema';
import { loadCuration } from '../../src/seed/curation';
import { EvidenceStore, StudyRecord } from '../../src/store/ports';
import { createNeo4jStore } from '../../src/store/neo4j/neo4j.store';
import { createSqliteStore } from '../../src/store/sqlite/sqlite.store';
import { Neo4jProbe } from '../support/neo4j-probe';
import { NEO4J_TEST_URI } from '../support/neo4j-test-server';
import { StoreKind, storeKinds } from '../support/server';
import { tempDbPath } from '../support/temp-sqlite';

const FIXTURES = join(__dirname, '..', 'fixtures', 'citations');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

interface SeedStudy {
  title: string;
  authors: string[];
  year: number;
  journal: string;
  doi: string | null;
  pmid: string | null;
  design: StudyDesign;
}
const SEEDS: SeedStudy[] = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'seeds', 'studies.json'), 'utf8'),
).studies;
const seed = (titleStart: string): SeedStudy => {
  const s = SEEDS.find((x) => x.title.startsWith(titleStart));
  if (!s) throw new Error(`no seeded study titled "${titleStart}..."`);
  return s;
};
const SIGTERMANS = seed('Ketamine produces effective and long-term pain relief');
const HARDY = seed('Randomized, double-blind, placebo-controlled study to assess');
const AMR = seed('Multi-day low dose ketamine infusion');
const ORHURHU = seed('Ketamine Infusions for Chronic Pain');

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" is not in the text`);
  return i + 1;
}

/** A BibTeX entry for a real seeded study, with fields overridden or removed (undefined). */
function bibEntry(key: string, s: SeedStudy, fields: Record<string, string | undefined> = {}) {
  const all: Record<string, string | undefined> = {
    author: s.authors.map((a) => a.replace(/^(.*) ([A-Z]+)$/, '$1, $2')).join(' and '),
    title: s.title,
    journal: s.journal,
    year: String(s.year),
    doi: s.doi ?? undefined,
    pmid: s.pmid ?? undefined,
    ...fields,
  };
  const body = Object.entries(all)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k} = {${v}}`)
    .join(',\n');
  return `@article{${key},\n${body}\n}\n`;
}

function statuses(r: ImportReport): string[] {
  return r.records.map((x) => x.status);
}

async function openStore(
  kind: StoreKind,
): Promise<{ store: EvidenceStore; close: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const { file, cleanup } = tempDbPath();
    const store = createSqliteStore(file);
    await store.init();
    return {
      store,
      close: async () => {
        await store.close();
        cleanup();
      },
    };
  }
  const probe = new Neo4jProbe(NEO4J_TEST_URI);
  await probe.wipe();
  await probe.close();
  const store = createNeo4jStore({ uri: NEO4J_TEST_URI });
  await store.init();
  return { store, close: () => store.close() };
}

describe('title normalisation for title + year matching', () => {
  it('ignores case, diacritics and punctuation', () => {
    expect(normaliseTitle('  Kétamine — and the “NMDA” Receptor: a Rôle?! ')).toBe(
      'ketamine and the nmda receptor a role',
    );
  });
});

describe.each(storeKinds())('importing citations (%s store)', (kind) => {
  let store: EvidenceStore;
  let close: () => Promise<void>;
  let importer: CitationImportService;
  const run = (
    format: CitationFormat,
    text: string,
    extra: { citedById?: string; batchSize?: number } = {},
  ) => importer.importText(format, text, { actor: 'test-importer', ...extra });

  beforeEach(async () => {
    ({ store, close } = await openStore(kind));
    importer = new CitationImportService(store);
  });
  afterEach(async () => {
    await close();
  });

  async function studyByDoi(doi: string): Promise<StudyRecord> {
    const s = await store.findStudyByDoi(doi.toLowerCase());
    if (!s) throw new Error(`no study with DOI ${doi}`);
    return s;
  }

  it('creates one study per BibTeX entry, with the fields of the record; a re-run creates nothing', async () => {
    const bib = fixture('studies.bib');
    const first = await run(CitationFormat.BIBTEX, bib);
    const n = (bib.match(/^@article\{/gm) ?? []).length;
    expect(n).toBeGreaterThanOrEqual(15);
    expect(first).toMatchObject({ created: n, merged: 0, rejected: 0 });
    expect(first.records.map((r) => r.index)).toEqual([...Array(n).keys()].map((i) => i + 1));
    expect(first.records[0].line).toBe(lineOf(bib, '@article{berman2000'));
    const counts = await store.counts();
    expect(counts.studies).toBe(n);

    // Fields come from the record: authors as "Family GI", DOI normalised, PMID, journal, year.
    const sig = await studyByDoi(SIGTERMANS.doi!);
    expect(sig).toMatchObject({
      title: SIGTERMANS.title,
      authors: SIGTERMANS.authors,
      year: SIGTERMANS.year,
      journal: SIGTERMANS.journal,
      doi: SIGTERMANS.doi!.toLowerCase(),
      pmid: SIGTERMANS.pmid,
      sampleSize: null,
      population: null,
      finding: null,
      retraction: null,
    });
    // Not stated in the record: the weakest design. Stated ("design: RCT"): that design.
    expect(sig.design).toBe(DEFAULT_IMPORT_DESIGN);
    expect(DEFAULT_IMPORT_DESIGN).toBe(StudyDesign.EXPERT_OPINION);
    expect((await studyByDoi(seed('Antidepressant effects of ketamine').doi!)).design).toBe(
      StudyDesign.RCT,
    );
    // "Zarate, Jr., C. A. and ... and others" keeps the suffix and the "et al." of the list.
    expect((await studyByDoi(seed('A randomized trial of an N-methyl').doi!)).authors).toEqual(
      seed('A randomized trial of an N-methyl').authors,
    );

    const second = await run(CitationFormat.BIBTEX, bib);
    expect(second).toMatchObject({ created: 0, merged: n, rejected: 0 });
    expect(second.records.map((r) => r.studyId)).toEqual(first.records.map((r) => r.studyId));
    // PMID-only records merge on the PMID, the others on the DOI.
    for (const r of second.records) {
      const s = SEEDS.find((x) => x.title === r.title)!;
      expect(r.reason).toBe(s.doi ? 'doi' : 'pmid');
    }
    expect(await store.counts()).toEqual(counts);
  });

  it('imports RIS after BibTeX: the overlapping records merge by DOI or PMID, the rest are created', async () => {
    const bib = await run(CitationFormat.BIBTEX, fixture('studies.bib'));
    const bibTitles = new Set(bib.records.map((r) => r.title));
    const ris = await run(CitationFormat.RIS, fixture('studies.ris'));
    const overlap = ris.records.filter((r) => bibTitles.has(r.title));
    expect(overlap.length).toBeGreaterThanOrEqual(5);
    expect(ris.rejected).toBe(0);
    expect(ris.merged).toBe(overlap.length);
    expect(ris.created).toBe(ris.records.length - overlap.length);
    const idInBib = new Map(bib.records.map((r) => [r.title, r.studyId]));
    for (const r of overlap) {
      expect(r.status).toBe(ImportStatus.MERGED);
      expect(r.studyId).toBe(idInBib.get(r.title));
    }
    // The RIS record of Hardy 2012 carries only its PMID (in N1), Amr 2010 has no DOI at all.
    expect(ris.records.find((r) => r.title === HARDY.title)?.reason).toBe('pmid');
    expect(ris.records.find((r) => r.title === AMR.title)?.reason).toBe('pmid');
    expect(overlap.filter((r) => r.reason === 'doi').length).toBe(overlap.length - 2);
    expect((await store.counts()).studies).toBe(bib.created + ris.created);
    // The PMID in a RIS note ("N1  - PMID: n") is read and stored.
    const amr = ris.records.find((r) => r.title === AMR.title)!;
    expect((await store.getStudies([amr.studyId!]))[0].pmid).toBe(AMR.pmid);
    const created = ris.records.filter((r) => r.status === ImportStatus.CREATED);
    const stored = await store.getStudies(created.map((r) => r.studyId!));
    for (const st of stored) {
      const s = SEEDS.find((x) => x.title === st.title)!;
      expect([st.doi, st.pmid]).toEqual([s.doi?.toLowerCase() ?? null, s.pmid]);
    }
    expect(stored.filter((st) => st.pmid).length).toBeGreaterThan(3);
  });

  it('imports CSL-JSON, and a re-run merges every record', async () => {
    const csl = fixture('studies.csl.json');
    const first = await run(CitationFormat.CSL_JSON, csl);
    const items = JSON.parse(csl) as Array<{ title: string; PMID?: string }>;
    expect(first).toMatchObject({ created: items.length, merged: 0, rejected: 0 });
    expect(first.records[1].line).toBe(
      lineOf(csl, `"id": "${(JSON.parse(csl) as Array<{ id: string }>)[1].id}"`) - 1,
    );
    const withPmid = items.find((i) => i.PMID)!;
    const rec = first.records.find((r) => r.title === withPmid.title)!;
    expect((await store.getStudies([rec.studyId!]))[0].pmid).toBe(withPmid.PMID);
    const again = await run(CitationFormat.CSL_JSON, csl);
    expect(again).toMatchObject({ created: 0, merged: items.length, rejected: 0 });
  });

  it('merges a record whose DOI is spelled differently (resolver prefix, upper case) into the seeded study', async () => {
    await store.upsertBundle(loadCuration());
    const before = await store.counts();
    const seeded = await studyByDoi(SIGTERMANS.doi!);
    const doi = `https://doi.org/${SIGTERMANS.doi!.toUpperCase()}`;
    const text =
      bibEntry('sig-a', SIGTERMANS, { doi, pmid: undefined }) +
      bibEntry('sig-b', SIGTERMANS, {
        doi: `doi:${SIGTERMANS.doi!.toUpperCase()}`,
        pmid: undefined,
      });
    const report = await run(CitationFormat.BIBTEX, text);
    expect(statuses(report)).toEqual([ImportStatus.MERGED, ImportStatus.MERGED]);
    expect(report.records.map((r) => [r.studyId, r.reason])).toEqual([
      [seeded.id, 'doi'],
      [seeded.id, 'doi'],
    ]);
    // Merging changes nothing about the existing study.
    expect((await store.getStudies([seeded.id]))[0]).toEqual(seeded);
    expect(await store.counts()).toEqual(before);
  });

  it('rejects a malformed entry with its line and reason while the others import', async () => {
    const text = fixture('broken.bib');
    const report = await run(CitationFormat.BIBTEX, text);
    expect(report).toMatchObject({ created: 3, merged: 0, rejected: 2 });
    const [broken, untitled] = report.records.filter((r) => r.status === ImportStatus.REJECTED);
    expect(broken).toMatchObject({
      index: 3,
      line: lineOf(text, '@article{murrough2013'),
      studyId: null,
    });
    expect(broken.reason).toMatch(/^BibTeX syntax error: expected "rbrace"/);
    expect(untitled).toMatchObject({
      index: 5,
      line: lineOf(text, '@article{murrough2015'),
      reason: 'no title',
    });
    // The entry after the broken one is read whole.
    expect(report.records[3]).toMatchObject({
      status: ImportStatus.CREATED,
      line: lineOf(text, '@article{diazgranados2010'),
      title: seed('Rapid Resolution of Suicidal Ideation').title,
    });
    expect((await store.counts()).studies).toBe(3);
  });

  it('rejects malformed identifiers, RIS records without ER and broken CSL-JSON items, one by one', async () => {
    const bad =
      bibEntry('bad-doi', SIGTERMANS, { doi: 'not-a-doi', pmid: undefined }) +
      bibEntry('bad-pmid', HARDY, { doi: undefined, pmid: 'PMC12345' }) +
      bibEntry('no-authors', AMR, { author: undefined });
    const bib = await run(CitationFormat.BIBTEX, bad);
    expect(statuses(bib)).toEqual([
      ImportStatus.REJECTED,
      ImportStatus.REJECTED,
      ImportStatus.REJECTED,
    ]);
    expect(bib.records[0].reason).toMatch(/^DOI "not-a-doi" is not a DOI/);
    expect(bib.records[1].reason).toMatch(/^PMID "PMC12345" is not a PMID/);
    expect(bib.records[2].reason).toBe('no authors');

    const risText = [
      'TY  - JOUR',
      `AU  - Amr, YM`,
      `TI  - ${AMR.title}`,
      `PY  - ${AMR.year}`,
      'TY  - JOUR',
      `AU  - Hardy, J`,
      `TI  - ${HARDY.title}`,
      `PY  - ${HARDY.year}`,
      `DO  - ${HARDY.doi}`,
      'ER  - ',
      '',
    ].join('\n');
    const ris = await run(CitationFormat.RIS, risText);
    expect(ris.records.map((r) => [r.line, r.status])).toEqual([
      [1, ImportStatus.REJECTED],
      [5, ImportStatus.CREATED],
    ]);
    expect(ris.records[0].reason).toMatch(/no "ER {2}-" line/);

    const item = (s: SeedStudy) =>
      JSON.stringify({
        type: 'article-journal',
        title: s.title,
        author: [{ family: s.authors[0].split(' ')[0], given: s.authors[0].split(' ')[1] }],
        issued: { 'date-parts': [[s.year]] },
        DOI: s.doi,
      });
    const csl = `[\n${item(SIGTERMANS)},\n{"type": "article-journal", "title": "x",, }\n,\n${item(ORHURHU)}\n]`;
    const fromCsl = await run(CitationFormat.CSL_JSON, csl);
    expect(fromCsl.records.map((r) => [r.index, r.line, r.status])).toEqual([
      [1, 2, ImportStatus.CREATED],
      [2, 3, ImportStatus.REJECTED],
      [3, 5, ImportStatus.CREATED],
    ]);
    expect(fromCsl.records[1].reason).toMatch(/^invalid JSON/);
  });

  it('deduplicates by title + year when a record has no DOI or PMID, in the store and within the file', async () => {
    await store.upsertBundle(loadCuration());
    const before = await store.counts();
    const seeded = await studyByDoi(SIGTERMANS.doi!);
    // Same work, title spelled differently (case, punctuation), no identifiers.
    const respelled = SIGTERMANS.title.toUpperCase().replace(/ /g, '  ').replace(/-/g, ' – ') + '.';
    const stored = await run(
      CitationFormat.BIBTEX,
      bibEntry('sig', SIGTERMANS, { title: respelled, doi: undefined, pmid: undefined }),
    );
    expect(stored.records[0]).toMatchObject({
      status: ImportStatus.MERGED,
      studyId: seeded.id,
      reason: 'title+year',
    });
    expect(await store.counts()).toEqual(before);

    // A work not in the store, twice in one file (the second without identifiers): one study.
    await store.clear();
    const twice = await run(
      CitationFormat.BIBTEX,
      bibEntry('a', SIGTERMANS) +
        bibEntry('b', SIGTERMANS, {
          title: SIGTERMANS.title.toLowerCase(),
          doi: undefined,
          pmid: undefined,
        }),
    );
    expect(statuses(twice)).toEqual([ImportStatus.CREATED, ImportStatus.MERGED]);
    expect(twice.records[1]).toMatchObject({
      studyId: twice.records[0].studyId,
      reason: 'title+year',
    });

    // Same title and year but a different DOI: another work (10.5555 is the reserved example prefix).
    const other = await run(
      CitationFormat.BIBTEX,
      bibEntry('c', SIGTERMANS, { doi: '10.5555/another-work', pmid: undefined }),
    );
    expect(other.records[0].status).toBe(ImportStatus.CREATED);
    expect((await store.counts()).studies).toBe(2);
  });

  it('records citations from citedById to every imported record, once; a re-run adds none', async () => {
    await store.upsertBundle(loadCuration());
    const citing = await studyByDoi(ORHURHU.doi!);
    const bib = fixture('studies.bib');
    const first = await run(CitationFormat.BIBTEX, bib, { citedById: citing.id });
    // Every entry of the file is a seeded study; the citing study itself is in the file too.
    expect(first.created).toBe(0);
    expect(first.records.some((r) => r.studyId === citing.id)).toBe(true);
    const cited = new Set(first.records.map((r) => r.studyId).filter((id) => id !== citing.id));
    const citations = await store.citationsOf([citing.id], 'cites');
    expect(new Set(citations.map((c) => c.citedId))).toEqual(cited);
    expect(
      citations.every((c) => c.id === `${citing.id}>${c.citedId}` && c.addedBy === 'test-importer'),
    ).toBe(true);
    const counts = await store.counts();

    const again = await run(CitationFormat.BIBTEX, bib, { citedById: citing.id });
    expect(again.merged).toBe(first.records.length);
    expect(await store.counts()).toEqual(counts);

    // Studies created by the import are cited too, in the same transaction as their creation.
    await store.clear();
    const own = await run(CitationFormat.BIBTEX, bib);
    const citingId = own.records.find((r) => r.title === ORHURHU.title)!.studyId!;
    const ris = await run(CitationFormat.RIS, fixture('studies.ris'), { citedById: citingId });
    expect(ris.created).toBeGreaterThan(0);
    const fromRis = ris.records.filter((r) => r.studyId !== citingId); // Orhurhu 2019 is in it too
    expect(fromRis.length).toBe(ris.records.length - 1);
    expect(new Set((await store.citationsOf([citingId], 'cites')).map((c) => c.citedId))).toEqual(
      new Set(fromRis.map((r) => r.studyId)),
    );

    const unknown = await run(CitationFormat.BIBTEX, bib, { citedById: 'study-nobody-1900' }).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      details: { field: 'input.citedById' },
    });
  });

  it('invalid records in the middle of a batch: the same results in batches of any size, nothing written for them', async () => {
    // Made-up records under the reserved example prefix 10.5555/; two entries share a line (one
    // located record, two parsed), the broken fixture's malformed and untitled entries sit in the
    // middle, and later records repeat earlier ones by DOI and by title + year.
    const made = (key: string, n: number, doi: string | null) =>
      `@article{${key}, author = {Testperson, A.}, title = {Made-up test record ${n}}, ` +
      `journal = {Test Journal}, year = {2001}${doi ? `, doi = {${doi}}` : ''}}`;
    const text = [
      made('m1', 1, '10.5555/batch.1'),
      bibEntry('bad-doi', SIGTERMANS, { doi: 'not-a-doi', pmid: undefined }),
      made('m2', 2, null) + ' ' + made('m3', 3, '10.5555/batch.3'),
      fixture('broken.bib'),
      made('m1-again', 1, '10.5555/BATCH.1'),
      made('m2-again', 2, null),
      made('m4', 4, '10.5555/batch.4'),
    ].join('\n');
    const outcome = async (batchSize: number) => {
      await store.clear();
      const progress: Array<[number, number]> = [];
      const report = await importer.importText(CitationFormat.BIBTEX, text, {
        actor: 'test-importer',
        batchSize,
        onProgress: (done, total) => progress.push([done, total]),
      });
      // Study ids are new on each run: name each by the record that created it.
      const creator = new Map(
        report.records
          .filter((r) => r.status === ImportStatus.CREATED)
          .map((r) => [r.studyId, r.index]),
      );
      const revisions = await store.scanRevisions(undefined, 1000);
      return {
        records: report.records.map((r) => ({
          ...r,
          studyId: r.studyId && creator.get(r.studyId),
        })),
        counts: { created: report.created, merged: report.merged, rejected: report.rejected },
        studies: (await store.counts()).studies,
        revised: revisions.map((v) => creator.get(v.entityId) ?? 0).sort((a, b) => a - b),
        progress,
      };
    };
    const whole = await outcome(500);
    expect(whole.counts).toEqual({ created: 7, merged: 2, rejected: 3 });
    expect(whole.records.map((r) => [r.index, r.status, r.reason])).toEqual([
      [1, ImportStatus.CREATED, null],
      [2, ImportStatus.REJECTED, expect.stringMatching(/^DOI "not-a-doi" is not a DOI/)],
      [3, ImportStatus.CREATED, null],
      [4, ImportStatus.CREATED, null],
      [5, ImportStatus.CREATED, null],
      [6, ImportStatus.CREATED, null],
      [7, ImportStatus.REJECTED, expect.stringMatching(/^BibTeX syntax error/)],
      [8, ImportStatus.CREATED, null],
      [9, ImportStatus.REJECTED, 'no title'],
      [10, ImportStatus.MERGED, 'doi'],
      [11, ImportStatus.MERGED, 'title+year'],
      [12, ImportStatus.CREATED, null],
    ]);
    // The two entries of one line have that line; rejected records have theirs.
    expect(whole.records[2].line).toBe(whole.records[3].line);
    expect(whole.records[6].line).toBe(lineOf(text, '@article{murrough2013'));
    expect(whole.records.slice(9, 11).map((r) => r.studyId)).toEqual([1, 3]);
    // Only created records are stored, each with its one revision.
    expect(whole.studies).toBe(7);
    expect(whole.revised).toEqual([1, 3, 4, 5, 6, 8, 12]);
    for (const batchSize of [1, 2, 5, 500]) {
      const batched = batchSize === 500 ? whole : await outcome(batchSize);
      expect({ ...batched, progress: undefined }).toEqual({ ...whole, progress: undefined });
      // Progress after each batch of exactly batchSize records; the total (records located, 11)
      // grows by the line holding two entries once it is parsed, and ends at every record.
      expect(batched.progress.map(([done]) => done)).toEqual([
        ...Array.from({ length: Math.ceil(12 / batchSize) }, (_, b) => Math.min(b * batchSize, 12)),
        12,
      ]);
      expect(
        batched.progress.every(([done, total]) => done <= total && total >= 11 && total <= 12),
      ).toBe(true);
      expect(batched.progress[batched.progress.length - 1]).toEqual([12, 12]);
    }
  });

  it('a batch whose write fails writes nothing: re-planned after a race, else the import stops after the batches before it', async () => {
    const made = (n: number) =>
      `@article{m${n}, author = {Testperson, A.}, title = {Made-up test record ${n}}, ` +
      `journal = {Test Journal}, year = {2001}, doi = {10.5555/fail.${n}}}`;
    const text = [1, 2, 3, 4, 5, 6].map(made).join('\n');
    // Another writer records the second batch's first DOI between its lookup and its write.
    let calls = 0;
    let other: StudyRecord | null = null;
    const racing = new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'upsertBundle') return value;
        return async (...args: Parameters<EvidenceStore['upsertBundle']>) => {
          if (++calls === 2)
            other = await target.createStudy({
              ...(await studyByDoi('10.5555/fail.1')),
              id: 'study-other-writer',
              title: 'Made-up test record 3',
              doi: '10.5555/fail.3',
            });
          return target.upsertBundle(...args);
        };
      },
    });
    const report = await new CitationImportService(racing).importText(CitationFormat.BIBTEX, text, {
      actor: 'test-importer',
      batchSize: 2,
    });
    expect(other).not.toBeNull();
    expect(calls).toBe(4); // the second batch twice
    expect(report.records.map((r) => [r.status, r.reason])).toEqual([
      [ImportStatus.CREATED, null],
      [ImportStatus.CREATED, null],
      [ImportStatus.MERGED, 'doi'],
      [ImportStatus.CREATED, null],
      [ImportStatus.CREATED, null],
      [ImportStatus.CREATED, null],
    ]);
    expect(report.records[2].studyId).toBe('study-other-writer');
    expect((await store.counts()).studies).toBe(6);
    // One revision per created study, none for the failed attempt.
    const revisions = await store.scanRevisions(undefined, 100);
    expect(revisions.map((v) => v.entityId).sort()).toEqual(
      report.records
        .filter((r) => r.status === ImportStatus.CREATED)
        .map((r) => r.studyId)
        .sort(),
    );

    // A write that fails for another reason: the batches before it stay, nothing of it is written.
    await store.clear();
    calls = 0;
    const failing = new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== 'upsertBundle') return value;
        return (...args: Parameters<EvidenceStore['upsertBundle']>) =>
          ++calls === 2
            ? Promise.reject(new Error('the disk is full'))
            : target.upsertBundle(...args);
      },
    });
    await expect(
      new CitationImportService(failing).importText(CitationFormat.BIBTEX, text, {
        actor: 'test-importer',
        batchSize: 2,
      }),
    ).rejects.toThrow('the disk is full');
    expect(calls).toBe(2);
    expect((await store.counts()).studies).toBe(2);
    expect(await store.findStudiesByDois(['10.5555/fail.3', '10.5555/fail.4'])).toEqual([]);
    expect(await store.scanRevisions(undefined, 100)).toHaveLength(2);
  });

  it('looks studies up at most once per batch, writes one transaction per batch and reports progress', async () => {
    const calls: Record<string, number> = {};
    const counted = new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const progress: Array<[number, number]> = [];
    const bib = fixture('studies.bib');
    const report = await new CitationImportService(counted).importText(CitationFormat.BIBTEX, bib, {
      actor: 'test-importer',
      batchSize: 7,
      onProgress: (done, total) => progress.push([done, total]),
    });
    const n = report.records.length;
    const batches = Math.ceil(n / 7);
    expect(progress).toEqual([
      [0, n],
      ...[...Array(batches).keys()].map((b): [number, number] => [Math.min((b + 1) * 7, n), n]),
    ]);
    expect(calls.upsertBundle).toBe(batches);
    expect(calls.findStudiesByDois).toBe(batches);
    expect(calls.findStudiesByPmids).toBe(batches);
    // Each year is read once per import, by the first batch that needs it.
    expect(calls.studiesByYears).toBeGreaterThanOrEqual(1);
    expect(calls.studiesByYears).toBeLessThanOrEqual(batches);
    expect(calls.findStudyByDoi).toBeUndefined();
    expect(calls.findStudyByPmid).toBeUndefined();
  });
  it('looks the next batch up while the current one is written, and plans it once that one is committed', async () => {
    const made = (n: number) =>
      `@article{p${n}, author = {Testperson, A.}, title = {Made-up test record ${n}}, ` +
      `journal = {Test Journal}, year = {2001}, doi = {10.5555/pipe.${n}}}`;
    // Records 3 and 4 repeat 1 and 2 (by DOI, then by title + year): each is in the batch after
    // the one that creates its study, so it merges only if that batch was committed first.
    const text = [
      made(1),
      made(2),
      made(1),
      made(2).replace('10.5555/pipe.2', '10.5555/pipe.2b').replace(', doi = {10.5555/pipe.2b}', ''),
      made(5),
    ].join('\n');
    const events: string[] = [];
    let writes = 0;
    const watched = new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'findStudiesByDois')
          return (dois: string[]) => {
            events.push(`lookup ${dois.join(',')}`);
            return target.findStudiesByDois(dois);
          };
        if (prop === 'upsertBundle')
          return async (...args: Parameters<EvidenceStore['upsertBundle']>) => {
            const n = ++writes;
            events.push(`write ${n} starts`);
            // Slow enough that the next batch is parsed and looked up meanwhile.
            await new Promise((resolve) => setTimeout(resolve, 50));
            const result = await target.upsertBundle(...args);
            events.push(`write ${n} committed`);
            return result;
          };
        return value;
      },
    });
    const report = await new CitationImportService(watched).importText(
      CitationFormat.BIBTEX,
      text,
      { actor: 'test-importer', batchSize: 2 },
    );
    // The second batch merges both its records: it writes nothing, and the third is looked up
    // at once.
    expect(events).toEqual([
      'lookup 10.5555/pipe.1,10.5555/pipe.2',
      'write 1 starts',
      'lookup 10.5555/pipe.1',
      'write 1 committed',
      'lookup 10.5555/pipe.5',
      'write 2 starts',
      'write 2 committed',
    ]);
    expect(report.records.map((r) => [r.status, r.reason])).toEqual([
      [ImportStatus.CREATED, null],
      [ImportStatus.CREATED, null],
      [ImportStatus.MERGED, 'doi'],
      [ImportStatus.MERGED, 'title+year'],
      [ImportStatus.CREATED, null],
    ]);
    expect(report.records[2].studyId).toBe(report.records[0].studyId);
    expect(report.records[3].studyId).toBe(report.records[1].studyId);
    expect((await store.counts()).studies).toBe(3);
  });
});
