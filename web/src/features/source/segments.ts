/**
 * A source's text cut at its statements' offsets (Unicode code points, as the API gives them),
 * as a tree: each statement is one mark holding exactly its quote; a statement inside another is
 * nested in it; one that only overlaps the previous one is marked from where that one ends, as a
 * part (not whole: the page gives the id, and the link target, to whole marks only).
 * Pure, so it is unit-tested without a browser (test/unit/web-source-segments.spec.ts).
 */
export interface Span {
  id: string;
  start: number;
  end: number;
}

export type Segment<T extends Span> =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'mark'; span: T; whole: boolean; start: number; end: number; children: Segment<T>[] };

export function segments<T extends Span>(length: number, spans: readonly T[]): Segment<T>[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= length && s.start < s.end);
  const sorted = [...valid].sort((a, b) => a.start - b.start || b.end - a.end);
  return cut(0, length, sorted);
}

function cut<T extends Span>(from: number, to: number, spans: T[]): Segment<T>[] {
  const out: Segment<T>[] = [];
  let at = from;
  let pending = spans;
  while (pending.length) {
    const s = pending[0]!;
    const start = Math.max(s.start, at);
    const end = Math.min(s.end, to);
    // The spans that start before this one ends: inside it, or overlapping its end.
    let j = 1;
    while (j < pending.length && pending[j]!.start < end) j++;
    const following = pending.slice(1, j);
    const inside = following.filter((x) => x.end <= end);
    if (start > at) out.push({ kind: 'text', start: at, end: start });
    if (end > start) {
      out.push({
        kind: 'mark',
        span: s,
        whole: start === s.start && end === s.end,
        start,
        end,
        children: cut(start, end, inside),
      });
    }
    at = Math.max(at, end);
    // Overlapping spans go on from where this one ends.
    pending = [...following.filter((x) => x.end > end), ...pending.slice(j)];
  }
  if (at < to) out.push({ kind: 'text', start: at, end: to });
  return out;
}
