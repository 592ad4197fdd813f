/**
 * A bibliographic record (CSL-JSON, as Citation.js parses BibTeX, RIS and CSL-JSON) as the study
 * fields it gives: title, authors, year, journal, DOI, PMID and the design it states, or why it
 * cannot be imported. The import service (citation-import.service.ts) deduplicates and writes.
 */
import { blank, LIMITS, textProblem } from '../../common/validation';
import { StudyDesign } from '../../graphql.schema';
import { StudyRecord } from '../../store/ports';
import { normaliseDoi, normalisePmid } from '../../studies/identifiers';
import { CslItem, CslName } from './citation-parsers';
/** The study fields a bibliographic record gives; the rest stays empty for an editor to fill. */
export type ImportedStudy = Pick<
  StudyRecord,
  'title' | 'authors' | 'year' | 'journal' | 'doi' | 'pmid' | 'design'
>;

export type MappedRecord =
  { ok: true; study: ImportedStudy } | { ok: false; title: string | null; reason: string };

const DESIGNS = new Set<string>(Object.values(StudyDesign));

/**
 * The design, only when the record states it as `design: <NAME>` in its keywords or note, with
 * NAME one of the StudyDesign names (case, spaces and hyphens aside: "design: meta-analysis").
 *
 * Otherwise EXPERT_OPINION: a bibliographic record does not say how a study was designed, and
 * the grade of every claim it is linked to starts from its design, so an unclassified study must
 * never look stronger than it is. EXPERT_OPINION is in the weakest tier (VERY_LOW), and it is the
 * honest label for "not yet appraised": an editor sets the real design after reading the paper.
 * Nothing is inferred from the title or the CSL type ("review" in a title may be a systematic
 * review or a narrative one; CSL's type "review" means a critique of another work).
 */
export const DEFAULT_IMPORT_DESIGN = StudyDesign.EXPERT_OPINION;

export function statedDesign(csl: CslItem): StudyDesign | null {
  for (const field of [csl.keyword, csl.note]) {
    if (typeof field !== 'string') continue;
    for (const m of field.matchAll(/\bdesign\s*[:=]\s*([A-Za-z][A-Za-z _-]*[A-Za-z])/gi)) {
      const name = m[1]
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_');
      if (DESIGNS.has(name)) return name as StudyDesign;
    }
  }
  return null;
}

/** Normalised title for matching: NFKD, no diacritics, lower case, runs of non-alphanumerics as one space. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Family GI" as in seeds/studies.json: "Sigtermans MJ", "van Hilten JJ", "Zarate CA Jr". */
export function formatAuthor(name: CslName): string | null {
  if (name.literal?.trim()) return name.literal.trim();
  const family = [name['dropping-particle'], name['non-dropping-particle'], name.family]
    .filter((p): p is string => !!p?.trim())
    .map((p) => p.trim())
    .join(' ');
  if (!family) return null;
  // BibTeX's "and others" is the list's "et al.".
  if (family.toLowerCase() === 'others' && !name.given) return 'et al.';
  const initials = (name.given ?? '')
    .split(/[\s.]+/)
    .filter(Boolean)
    .map((part) =>
      // Already initials ("MCR", "J-P"): keep them; a name ("Jacobus", "Jean-Pierre"): its initials.
      /^[\p{Lu}]{1,4}$/u.test(part)
        ? part
        : part
            .split('-')
            .filter(Boolean)
            .map((p) => p[0].toUpperCase())
            .join(''),
    )
    .join('');
  const suffix = name.suffix?.trim().replace(/\.$/, '');
  return [family, initials, suffix].filter(Boolean).join(' ');
}

function firstYear(csl: CslItem): number | null {
  const part = csl.issued?.['date-parts']?.[0]?.[0];
  const year = typeof part === 'number' ? part : Number.parseInt(String(part ?? ''), 10);
  return Number.isInteger(year) ? year : null;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
}

/** CSL-JSON item to the fields of a study, or the reason it cannot be one. */
export function cslToStudy(csl: CslItem): MappedRecord {
  const title = text(csl.title);
  if (!title || blank(title)) return { ok: false, title: null, reason: 'no title' };
  const reject = (reason: string): MappedRecord => ({ ok: false, title, reason });
  if (title.length > LIMITS.title) return reject(`title is longer than ${LIMITS.title} characters`);

  const authors = (Array.isArray(csl.author) ? csl.author : [])
    .map(formatAuthor)
    .filter((a): a is string => a !== null);
  if (authors.length === 0) return reject('no authors');
  if (authors.length > 500) return reject('more than 500 authors');
  if (authors.some((a) => a.length > LIMITS.name))
    return reject(`an author's name is longer than ${LIMITS.name} characters`);

  const year = firstYear(csl);
  if (year !== null && (year < 1800 || year > 2100))
    return reject(`year ${year} is outside 1800..2100`);

  const journal = text(csl['container-title']);
  if (journal && journal.length > LIMITS.name)
    return reject(`journal is longer than ${LIMITS.name} characters`);
  // The text policy of the API holds for files too (the CLI imports without the API).
  const texts: Array<[string, string | null]> = [
    ['title', title],
    ['journal', journal],
    ...authors.map((a): [string, string] => ["an author's name", a]),
  ];
  for (const [what, value] of texts) {
    const problem = value === null ? null : textProblem(value);
    if (problem) return reject(`${what} ${problem}`);
  }

  let doi: string | null = null;
  const rawDoi = text(csl.DOI);
  if (rawDoi) {
    const n = normaliseDoi(rawDoi);
    if (!n.ok) return reject(`DOI "${rawDoi}" ${n.reason}`);
    doi = n.value;
  }
  let pmid: string | null = null;
  // CSL's PMID variable; else the "PMID: n" line that RIS (N1) and Zotero put in the note.
  const rawPmid = text(csl.PMID) ?? (typeof csl.note === 'string' ? pmidInNote(csl.note) : null);
  if (rawPmid) {
    const n = normalisePmid(rawPmid);
    if (!n.ok) return reject(`PMID "${rawPmid}" ${n.reason}`);
    pmid = n.value;
  }
  // Without any of these, a record could not be recognised on a second import: refuse it rather
  // than create a duplicate each time.
  if (!doi && !pmid && year === null)
    return reject('no DOI, PMID or year: it could not be matched against known studies');

  return {
    ok: true,
    study: {
      title,
      authors,
      year,
      journal,
      doi,
      pmid,
      design: statedDesign(csl) ?? DEFAULT_IMPORT_DESIGN,
    },
  };
}

function pmidInNote(note: string): string | null {
  return /^\s*PMID\s*:\s*(\S+)/im.exec(note)?.[1] ?? null;
}
