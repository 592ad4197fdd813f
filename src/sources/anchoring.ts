/**
 * Anchors a quote in a source the way W3C Web Annotation selectors do: a TextPositionSelector
 * (start/end in Unicode code points) plus a TextQuoteSelector (exact, prefix, suffix). The
 * invariant checked on every write is text[start:end] == quote, counted in code points.
 */
import { codePointLength, sliceCodePoints } from '../common/text';
import { findTolerant, Span } from './quote.matching';

export const CONTEXT_LENGTH = 32;

export interface Anchor {
  start: number;
  end: number;
  prefix: string;
  suffix: string;
}

export type AnchorFailure =
  | { reason: 'absent' }
  | { reason: 'ambiguous'; occurrences: number }
  | { reason: 'occurrence-out-of-range'; occurrences: number };

/** UTF-16 index -> code point index. */
function toCodePointOffset(text: string, utf16Index: number): number {
  return codePointLength(text.slice(0, utf16Index));
}

export function findOccurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  if (quote.length === 0) return found;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) found.push(i);
  return found;
}

/**
 * Finds the quote (the occurrence-th match, 1-based, when given). Without an occurrence, a quote
 * that appears more than once is ambiguous: the editor must say which, or say where it was seen
 * (`near`, a code-point offset such as a stored start: the nearest occurrence is taken, a tie is
 * still ambiguous). The span leaves out whitespace at the quote's ends (a selection by hand often
 * takes a space or a line break along).
 */
export function anchorQuote(
  text: string,
  quote: string,
  occurrence?: number | null,
  near?: number | null,
): Anchor | AnchorFailure {
  const hits = findOccurrences(text, quote);
  // Not there character for character: try again with quote marks, dashes, whitespace, case and
  // Unicode composition folded (a quote copied from a browser); the span is the source's own.
  const spans: Span[] = hits.length
    ? hits.map((index) => exactSpan(text, quote, index))
    : findTolerant(text, quote);
  if (spans.length === 0) return { reason: 'absent' };
  let span: Span;
  if (occurrence === undefined || occurrence === null) {
    if (spans.length > 1 && near !== undefined && near !== null) {
      const distance = (s: Span) => Math.abs(s.start - near);
      const sorted = [...spans].sort((a, b) => distance(a) - distance(b));
      if (distance(sorted[0]) === distance(sorted[1]))
        return { reason: 'ambiguous', occurrences: spans.length };
      span = sorted[0];
    } else {
      if (spans.length > 1) return { reason: 'ambiguous', occurrences: spans.length };
      span = spans[0];
    }
  } else {
    if (occurrence < 1 || occurrence > spans.length)
      return { reason: 'occurrence-out-of-range', occurrences: spans.length };
    span = spans[occurrence - 1];
  }
  return anchorAt(text, span.start, span.end);
}

/**
 * Whitespace at either end is never part of the span: the words start and end where the text's
 * words do (found with the padding, so `occurrence` still counts what the editor sent).
 */
function exactSpan(text: string, quote: string, index: number): Span {
  const lead = codePointLength(quote) - codePointLength(quote.trimStart());
  const trail = codePointLength(quote) - codePointLength(quote.trimEnd());
  const start = toCodePointOffset(text, index) + lead;
  return { start, end: toCodePointOffset(text, index) + codePointLength(quote) - trail };
}

/** The words an anchor spans: what a statement stores as its quote. */
export function spannedQuote(text: string, anchor: Pick<Anchor, 'start' | 'end'>): string {
  return sliceCodePoints(text, anchor.start, anchor.end);
}

export function anchorAt(text: string, start: number, end: number): Anchor {
  return {
    start,
    end,
    prefix: sliceCodePoints(text, Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: sliceCodePoints(text, end, end + CONTEXT_LENGTH),
  };
}

export function isAnchor(a: Anchor | AnchorFailure): a is Anchor {
  return (a as Anchor).start !== undefined;
}

/** The invariant: the quote is exactly the text between the offsets, and the context matches. */
export function verifyAnchor(
  text: string,
  s: { quote: string; start: number; end: number; prefix: string; suffix: string },
): string | null {
  if (s.quote !== s.quote.trim())
    return 'the quote begins or ends with whitespace, which is never part of an anchored span';
  const exact = sliceCodePoints(text, s.start, s.end);
  if (exact !== s.quote)
    return `text[${s.start}:${s.end}] is ${JSON.stringify(exact)}, not the quote`;
  const ctx = anchorAt(text, s.start, s.end);
  if (ctx.prefix !== s.prefix) return 'prefix does not match the text before the quote';
  if (ctx.suffix !== s.suffix) return 'suffix does not match the text after the quote';
  return null;
}
