/**
 * Bibliographic files (BibTeX, RIS, CSL-JSON) to CSL-JSON items, through Citation.js
 * (@citation-js/core with @citation-js/plugin-bibtex and @citation-js/plugin-ris; CSL-JSON is
 * Citation.js's own data model). Every field is parsed by the library.
 *
 * The library parses a whole file at once and throws on the first malformed record, which would
 * lose the whole file and say nothing about where. So this module only *locates* records (where
 * each one starts and ends, see the three `locate*` functions) and hands each record's text to the
 * library on its own: a malformed record is rejected with its line and the library's reason while
 * the others import.
 *
 * Version note: the 0.7 line of Citation.js is used on purpose. 0.8 pulls in node-fetch 3, an
 * ES module that Node 20 can only `require` through its newer require(esm) support and that
 * Jest's module loader cannot load at all; 0.9 needs Node 22. 0.7 is still maintained (0.7.21).
 */
import { lazy } from '../../common/lazy-module';
import { CitationFormat } from '../../graphql.schema';

/** A CSL-JSON item, as the library returns it (only the fields the importer reads are typed). */
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  suffix?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
}

export interface CslDate {
  'date-parts'?: Array<Array<number | string>>;
  literal?: string;
  raw?: string;
}

export interface CslItem {
  type?: string;
  title?: string;
  author?: CslName[];
  issued?: CslDate;
  'container-title'?: string;
  DOI?: string;
  PMID?: string;
  keyword?: string;
  note?: string;
  [field: string]: unknown;
}

export type ParsedRecord =
  | { ok: true; index: number; line?: number; csl: CslItem }
  | { ok: false; index: number; line?: number; reason: string };

/** The slice of Citation.js's API used here (the package ships no type declarations). */
interface CitationJs {
  plugins: {
    input: {
      chain(
        input: unknown,
        options: { generateGraph?: boolean; forceType?: string; strict?: boolean },
      ): unknown[];
      util: { clean(items: unknown[], bestGuessConversions?: boolean): unknown[] };
    };
  };
}
/** Citation.js with its BibTeX and RIS plugins, loaded with the first import (lazy-module.ts). */
const citationJs = lazy(() => {
  /* eslint-disable @typescript-eslint/no-require-imports -- untyped CommonJS packages */
  require('@citation-js/plugin-bibtex');
  require('@citation-js/plugin-ris');
  return require('@citation-js/core') as CitationJs;
  /* eslint-enable @typescript-eslint/no-require-imports */
});

/** One record's text and where it starts in the file (1-based line). */
interface Located {
  text: string;
  line: number;
  /** Lines of prelude (BibTeX @string macros) put before the record's own text. */
  preludeLines?: number;
}

/** A record that could not even be cut out of the file (e.g. a RIS record without ER). */
interface Unlocated {
  line: number;
  reason: string;
}

export function parseRecords(format: CitationFormat, text: string): ParsedRecord[] {
  return [...readRecords(format, text).records];
}

/** The records of a file as an import takes them (see readRecords). */
export interface RecordReader {
  /** Each record in file order, parsed when the iterator reaches it; one pass only. */
  records: IterableIterator<ParsedRecord>;
  /**
   * How many records are known so far: those located, plus the extra entries found when one
   * located record held several (two entries on one line). Once the iterator is done, it is the
   * number of records it gave.
   */
  count(): number;
}

/**
 * The records of a file, parsed as they are taken: the file is cut into records at once (cheap),
 * and each record's text is parsed by the library only when the iterator reaches it, so an import
 * can write one batch while it parses the next.
 */
export function readRecords(format: CitationFormat, text: string): RecordReader {
  switch (format) {
    case CitationFormat.BIBTEX:
      return parseLocated(locateBibtex(text), '@biblatex/text', bibtexReason);
    case CitationFormat.RIS:
      return parseLocated(locateRis(text), '@ris/file', (e) => firstLine(e));
    case CitationFormat.CSL_JSON:
      return parseCslJson(text);
  }
}

/** A parsed record before it is numbered. */
type Unnumbered =
  { ok: true; line?: number; csl: CslItem } | { ok: false; line?: number; reason: string };

function numbered(parsed: Iterable<Unnumbered>, count: () => number): RecordReader {
  function* records(): Generator<ParsedRecord> {
    let index = 0;
    for (const p of parsed) yield { ...p, index: ++index };
  }
  return { records: records(), count };
}

function parseLocated(
  located: Array<Located | Unlocated>,
  inputType: string,
  reasonOf: (err: unknown, rec: Located) => string,
): RecordReader {
  let extra = 0;
  const parseOne = (rec: Located | Unlocated): Unnumbered[] => {
    if ('reason' in rec) return [{ ok: false, line: rec.line, reason: rec.reason }];
    let items: CslItem[];
    try {
      items = citationJs().plugins.input.chain(rec.text, {
        generateGraph: false,
        forceType: inputType,
      }) as CslItem[];
    } catch (err) {
      return [{ ok: false, line: rec.line, reason: reasonOf(err, rec) }];
    }
    if (items.length === 0)
      return [{ ok: false, line: rec.line, reason: 'no bibliographic record found here' }];
    // One located record normally gives one item; two entries on one line give two.
    extra += items.length - 1;
    return items.map((csl) => ({ ok: true, line: rec.line, csl }));
  };
  function* parsed(): Generator<Unnumbered> {
    for (const rec of located) yield* parseOne(rec);
  }
  return numbered(parsed(), () => located.length + extra);
}

// --- locating records -----------------------------------------------------------------------

/**
 * BibTeX: an entry starts on a line beginning with `@type{` or `@type(`; it runs until the next
 * such line. @comment and @preamble are not records. @string macros are not records either, but
 * every entry may use them, so they are put before each entry's text (the "prelude").
 */
const BIBTEX_ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/;

export function locateBibtex(text: string): Located[] {
  const lines = text.split(/\r\n|\r|\n/);
  const starts: Array<{ line: number; kind: string }> = [];
  lines.forEach((l, i) => {
    const m = BIBTEX_ENTRY_START.exec(l);
    if (m) starts.push({ line: i, kind: m[1].toLowerCase() });
  });
  const chunks = starts.map((s, k) => ({
    ...s,
    text: lines.slice(s.line, k + 1 < starts.length ? starts[k + 1].line : lines.length).join('\n'),
  }));
  const prelude = chunks
    .filter((c) => c.kind === 'string')
    .map((c) => c.text)
    .join('\n');
  const preludeLines = prelude ? prelude.split('\n').length : 0;
  return chunks
    .filter((c) => !['string', 'comment', 'preamble'].includes(c.kind))
    .map((c) => ({
      text: prelude ? `${prelude}\n${c.text}` : c.text,
      line: c.line + 1,
      preludeLines,
    }));
}

/** The library's syntax error names a line within the text it was given: make it the file's. */
function bibtexReason(err: unknown, rec: Located): string {
  const msg = firstLine(err);
  return `BibTeX syntax error: ${msg
    .replace(
      /at line (\d+) col (\d+)/,
      (_m, l: string, c: string) =>
        `at line ${Number(l) - (rec.preludeLines ?? 0) + rec.line - 1} col ${c}`,
    )
    .replace(/got EOF/, 'got the end of the entry')
    .replace(/:$/, '')}`;
}

/**
 * RIS: a record starts with a `TY  - ` line and ends with an `ER  - ` line; text between records
 * is ignored. A record that reaches the next TY (or the end of the file) without ER is rejected.
 */
const RIS_START = /^TY {2}-/;
const RIS_END = /^ER {2}-/;

export function locateRis(text: string): Array<Located | Unlocated> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Array<Located | Unlocated> = [];
  let start = -1;
  lines.forEach((l, i) => {
    if (RIS_START.test(l)) {
      if (start >= 0)
        out.push({ line: start + 1, reason: 'record has no "ER  -" line before the next "TY  -"' });
      start = i;
    } else if (RIS_END.test(l) && start >= 0) {
      out.push({ line: start + 1, text: lines.slice(start, i + 1).join('\n') });
      start = -1;
    }
  });
  if (start >= 0)
    out.push({ line: start + 1, reason: 'record has no "ER  -" line before the end of the file' });
  return out;
}

/**
 * CSL-JSON: a top-level array of items (or a single item). Each element's extent is found by a
 * scan that tracks only strings and bracket depth; each element is then parsed on its own, so one
 * malformed element does not lose the others. Citation.js then cleans each item (its CSL rules).
 */
function parseCslJson(text: string): RecordReader {
  const body = text.replace(/^\uFEFF/, '');
  const lineAt = lineFinder(body);
  const located = locateJsonElements(body);
  if ('reason' in located)
    return numbered([{ ok: false, line: 1, reason: located.reason }], () => 1);
  const parseOne = ({ start, end }: { start: number; end: number }): Unnumbered => {
    const line = lineAt(start);
    let value: unknown;
    try {
      value = JSON.parse(body.slice(start, end));
    } catch (err) {
      return { ok: false, line, reason: `invalid JSON: ${firstLine(err)}` };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, line, reason: 'a CSL-JSON item must be an object' };
    try {
      const [csl] = citationJs().plugins.input.util.clean(
        citationJs().plugins.input.chain(value, { generateGraph: false, forceType: '@csl/object' }),
      ) as CslItem[];
      return { ok: true, line, csl };
    } catch (err) {
      return { ok: false, line, reason: firstLine(err) };
    }
  };
  function* parsed(): Generator<Unnumbered> {
    for (const element of located as Array<{ start: number; end: number }>) yield parseOne(element);
  }
  return numbered(parsed(), () => (located as unknown[]).length);
}

export function locateJsonElements(
  text: string,
): Array<{ start: number; end: number }> | { reason: string } {
  let i = skipSpace(text, 0);
  if (text[i] === '{') return [{ start: i, end: text.length }];
  if (text[i] !== '[')
    return { reason: 'CSL-JSON must be an array of items ("[ {...}, ... ]") or one item' };
  const out: Array<{ start: number; end: number }> = [];
  i++;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length || text[i] === ']') break;
    const start = i;
    let depth = 0;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      } else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        if (depth === 0) break; // the array's own closing bracket
        depth--;
      } else if (ch === ',' && depth === 0) break;
    }
    out.push({ start, end: i });
    if (text[i] === ',') i++;
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Offset to 1-based line number, by binary search over line starts. */
function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0].trim();
}
