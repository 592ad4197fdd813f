/**
 * Tolerant anchoring. A quote copied from a browser or a PDF rarely equals the source's characters:
 * curly versus straight quotes, en dashes versus hyphens, non-breaking spaces, line breaks, case,
 * composed versus decomposed accents. Both sides are folded the same way, the quote is found in the
 * folded text, and the match is mapped back to the source's own code points, so the stored quote
 * is always the source's exact text.
 */
import { distance } from 'fastest-levenshtein';
import { sliceCodePoints } from '../common/text';

/** Folded text plus, for each of its UTF-16 units, the original code-point span it came from. */
export interface FoldedText {
  text: string;
  /** Original code-point offset where the unit's grapheme (base + combining marks) starts. */
  start: number[];
  /** Original code-point offset where that grapheme ends. */
  end: number[];
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u2035\u0060\u00B4\u2039\u203A\uFF07]/gu;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u2036\u00AB\u00BB\u301D\u301E\uFF02]/gu;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/gu;
/** Invisible characters that a copy may add or drop: soft hyphen, zero-width space/joiners, BOM. */
const INVISIBLE = /\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/gu;
const WHITESPACE = /\s/u;
/** A base code point with its combining marks (or stray marks): folded and mapped as one. */
const GRAPHEME = /\P{M}\p{M}*|\p{M}+/gsu;

function foldGrapheme(g: string): string {
  const nfc = g.normalize('NFC').replace(INVISIBLE, '');
  if (nfc.length > 0 && WHITESPACE.test(nfc)) return ' ';
  return nfc
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .toLowerCase();
}

/**
 * NFC, one kind of quote mark each, one kind of dash, any run of whitespace (NBSP, CRLF, tabs)
 * as one space, lower case; with the map back to the original's code points.
 */
export function foldForMatching(original: string): FoldedText {
  // Pieces joined once at the end: appending to a growing string and looking at its last
  // character would flatten it each time (quadratic on a long source).
  const pieces: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  let afterSpace = false;
  for (const m of original.matchAll(GRAPHEME)) {
    const g = m[0];
    const length = g.length === 1 || (g.length === 2 && g.codePointAt(0)! > 0xffff) ? 1 : count(g);
    const folded = foldGrapheme(g);
    if (!(folded === ' ' && afterSpace) && folded.length > 0) {
      for (let i = 0; i < folded.length; i++) {
        start.push(offset);
        end.push(offset + length);
      }
      pieces.push(folded);
      afterSpace = folded === ' ';
    }
    offset += length;
  }
  return { text: pieces.join(''), start, end };
}

function count(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Every place the folded quote occurs in the folded text, as original code-point spans, in order.
 * A match must begin and end on whole graphemes (a bare "e" does not match the "é" of "café").
 */
export function findTolerant(text: string | FoldedText, quote: string): Span[] {
  const t = typeof text === 'string' ? foldForMatching(text) : text;
  const q = foldForMatching(quote).text.trim();
  const found: Span[] = [];
  if (q.length === 0) return found;
  for (let i = t.text.indexOf(q); i !== -1; i = t.text.indexOf(q, i + 1)) {
    const last = i + q.length - 1;
    const startsWhole = i === 0 || t.start[i] !== t.start[i - 1];
    const endsWhole = last + 1 === t.text.length || t.start[last + 1] !== t.start[last];
    if (startsWhole && endsWhole) found.push({ start: t.start[i], end: t.end[last] });
  }
  return found;
}

export interface QuoteCandidate {
  /** Code-point offsets in the source. */
  start: number;
  end: number;
  /** The source's exact characters between the offsets. */
  text: string;
  /** 1 - Levenshtein distance / longer length, over the folded forms; 0..1, 3 decimals. */
  similarity: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
/** Windows kept after the cheap word-overlap pass, before the edit-distance pass. */
const SHORTLIST = 24;
export const MIN_SIMILARITY = 0.5;

interface Token {
  word: string;
  from: number;
  to: number;
}

function tokens(folded: string): Token[] {
  return Array.from(folded.matchAll(WORD), (m) => ({
    word: m[0],
    from: m.index,
    to: m.index + m[0].length,
  }));
}

/**
 * The nearest passages to a quote that is not in the text, best first: word-overlap over sliding
 * windows of the quote's length shortlists places (linear in the text), then Levenshtein similarity
 * (fastest-levenshtein, Myers' bit-parallel algorithm) ranks them, trying a word more or less at
 * either end. Ties go to the earlier passage, so the same input always gives the same answer.
 */
export function nearestCandidates(text: string, quote: string, limit = 3): QuoteCandidate[] {
  const t = foldForMatching(text);
  const q = foldForMatching(quote).text.trim();
  const words = tokens(t.text);
  const quoteWords = tokens(q).map((w) => w.word);
  const n = quoteWords.length;
  if (n === 0 || words.length === 0) return [];
  const wanted = new Set(quoteWords);
  const width = Math.min(n, words.length);
  // Word overlap of each window [k, k + width), slid in one pass.
  const overlap: number[] = [];
  let hits = 0;
  for (let k = 0; k < words.length; k++) {
    if (wanted.has(words[k].word)) hits++;
    if (k >= width && wanted.has(words[k - width].word)) hits--;
    if (k >= width - 1) overlap.push(hits);
  }
  const shortlist = overlap
    .map((score, k) => ({ score, k }))
    .filter((w) => w.score > 0)
    .sort((a, b) => b.score - a.score || a.k - b.k)
    .slice(0, SHORTLIST);
  const similarity = (from: number, to: number) => {
    const s = t.text.slice(words[from].from, words[to].to);
    return 1 - distance(s, q) / Math.max(s.length, q.length);
  };
  const scored: { from: number; to: number; sim: number }[] = [];
  for (const { k } of shortlist) {
    let best = { from: k, to: k + width - 1, sim: similarity(k, k + width - 1) };
    for (const df of [-1, 0, 1])
      for (const dt of [-1, 0, 1]) {
        const from = k + df;
        const to = k + width - 1 + dt;
        if (from < 0 || to >= words.length || to < from) continue;
        const sim = similarity(from, to);
        if (sim > best.sim + 1e-12) best = { from, to, sim };
      }
    scored.push(best);
  }
  scored.sort((a, b) => b.sim - a.sim || a.from - b.from);
  const chosen: typeof scored = [];
  for (const c of scored) {
    if (c.sim < MIN_SIMILARITY || chosen.length >= limit) break;
    if (chosen.some((o) => c.from <= o.to && o.from <= c.to)) continue;
    chosen.push(c);
  }
  return chosen.map((c) => {
    const start = t.start[words[c.from].from];
    const end = t.end[words[c.to].to - 1];
    return {
      start,
      end,
      text: sliceCodePoints(text, start, end),
      similarity: Math.round(c.sim * 1000) / 1000,
    };
  });
}
