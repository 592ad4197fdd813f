/**
 * A page's text cut into the pieces the assistant judges one by one: sentences (split by wink-nlp
 * with its bundled English model, no weights fetched), list items and headings. Offsets here are
 * UTF-16 indexes into the text; the assistant turns them into code points at the end.
 *
 * Layout rules, general for extracted web text:
 * - a line break always ends a piece (extracted pages keep one paragraph or list item per line);
 * - a blank line starts a new paragraph;
 * - a non-restrictive relative clause (", which ...") is a piece of its own: it adds a
 *   proposition, often worded more or less firmly than the clause it follows;
 * - a line opened by a bullet or a number ("-", "•", "*", "1.", "2)") is a list item; its marker is
 *   not part of the span, and it keeps the line before the list as its lead-in;
 * - a line without sentence punctuation at its end and of at most twelve words, a question, and a
 *   line ending in a colon that is short (four words) or a title (Title Case, at most twelve words)
 *   are headings (they name a topic, they assert nothing).
 */
import type { ItemSentence } from 'wink-nlp';
import { lazy } from '../common/lazy-module';

// The tokeniser and its English model (a tenth of a second) load with the first page asked for.
const wink = lazy(() => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  // CommonJS modules: require gives the default export itself.
  const winkNLP: typeof import('wink-nlp').default = require('wink-nlp');
  const model: typeof import('wink-eng-lite-web-model').default = require('wink-eng-lite-web-model');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return winkNLP(model, ['sbd']);
});

export type SegmentKind = 'sentence' | 'item' | 'heading';

export interface Segment {
  /** UTF-16 offsets into the page's text, whitespace and the closing full stop left out. */
  start: number;
  end: number;
  text: string;
  kind: SegmentKind;
  /** Blank-line paragraph the piece is in (0-based). */
  paragraph: number;
  /** Index of the heading the piece falls under, or -1 before the first heading. */
  section: number;
  /** For a list item: index of the piece that introduces the list (the line before it), or -1. */
  lead: number;
  /** The line ends in a colon (a heading or sentence that opens a list). */
  opensList: boolean;
  /** A non-restrictive relative clause (", which ...") cut from the sentence before it. */
  continues: boolean;
}

/** ", which": a non-restrictive relative clause adds a proposition of its own. */
const RELATIVE_CLAUSE = /,\s+(?=which\s)/giu;

const BULLET = /^(?:[-–—•*▪◦·]|\d{1,2}[.)])\s+/u;
const END_PUNCTUATION = /[.!;]+$/u;
const MAX_HEADING_WORDS = 12;
const MAX_COLON_HEADING_WORDS = 4;

/** Most words of four letters or more start with a capital: a title, not a sentence. */
function titleCase(text: string): boolean {
  const long = text.match(/[\p{L}]{4,}/gu) ?? [];
  return long.length > 0 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length >= 0.6;
}

function words(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Sentences of one line, as [start, end) within the line, found from wink-nlp's tokens. */
function sentencesOf(line: string): Array<[number, number]> {
  const nlp = wink();
  const doc = nlp.readDoc(line);
  const its = nlp.its;
  const spans: Array<[number, number]> = [];
  let cursor = 0;
  doc.sentences().each((sentence: ItemSentence) => {
    const tokens = sentence.tokens().out(its.value) as string[];
    let start = -1;
    let end = cursor;
    for (const token of tokens) {
      const at = line.indexOf(token, cursor);
      if (at === -1) continue;
      if (start === -1) start = at;
      cursor = at + token.length;
      end = cursor;
    }
    if (start !== -1) spans.push([start, end]);
  });
  if (spans.length === 0 && line.trim()) spans.push([0, line.length]);
  // Whatever a token search skipped at the end of the line stays with the last sentence.
  return spans;
}

function trimmed(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  const closing = END_PUNCTUATION.exec(text.slice(start, end));
  if (closing && closing.index > 0) end = start + closing.index;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return [start, end];
}

/** The page's pieces in reading order. */
export function segment(text: string): Segment[] {
  const out: Segment[] = [];
  let paragraph = 0;
  let section = -1;
  let lead = -1;
  let offset = 0;
  let blankBefore = false;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/u, '');
    const content = line.trim();
    if (!content) {
      blankBefore = true;
      continue;
    }
    if (blankBefore && out.length > 0) paragraph++;
    blankBefore = false;
    const indent = line.length - line.trimStart().length;
    const bullet = BULLET.exec(content);
    const opensList = /:\s*$/u.test(content);
    if (bullet) {
      const s = lineStart + indent + bullet[0].length;
      for (const [a, b] of sentencesOf(line.slice(s - lineStart))) {
        const [start, end] = trimmed(text, s + a, s + b);
        if (end > start)
          out.push({
            start,
            end,
            text: text.slice(start, end),
            kind: 'item',
            paragraph,
            section,
            lead,
            opensList: false,
            continues: false,
          });
      }
      continue;
    }
    const n = words(content);
    const heading =
      (!/[.!;:,]\s*$/u.test(content) && n <= MAX_HEADING_WORDS) ||
      /\?\s*$/u.test(content) ||
      (opensList &&
        (n <= MAX_COLON_HEADING_WORDS || (n <= MAX_HEADING_WORDS && titleCase(content))));
    if (heading) {
      const [start, end] = trimmed(text, lineStart + indent, lineStart + line.length);
      section = out.length;
      lead = out.length;
      out.push({
        start,
        end,
        text: text.slice(start, end),
        kind: 'heading',
        paragraph,
        section,
        lead: -1,
        opensList,
        continues: false,
      });
      continue;
    }
    const spans = sentencesOf(line);
    spans.forEach(([a, b], k) => {
      const [start, end] = trimmed(text, lineStart + a, lineStart + b);
      if (end <= start) return;
      const cuts = [start];
      for (const m of text.slice(start, end).matchAll(RELATIVE_CLAUSE)) cuts.push(start + m.index!);
      cuts.push(end);
      for (let c = 0; c + 1 < cuts.length; c++) {
        const [from, to] = trimmed(text, c === 0 ? cuts[c] : cuts[c] + 1, cuts[c + 1]);
        if (to <= from) continue;
        out.push({
          start: from,
          end: to,
          text: text.slice(from, to),
          kind: 'sentence',
          paragraph,
          section,
          lead: -1,
          // Only the line's last sentence opens the list that follows.
          opensList: opensList && k === spans.length - 1 && c + 2 === cuts.length,
          continues: c > 0,
        });
      }
    });
    lead = out.length - 1;
  }
  return out;
}
