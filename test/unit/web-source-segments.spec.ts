import { Segment, Span, segments } from '../../web/src/features/source/segments';

/** The text a segment tree shows, and each whole mark's own text, from code-point offsets. */
function read(text: string, parts: Segment<Span>[]) {
  const chars = Array.from(text);
  const marks: Record<string, string> = {};
  const walk = (ps: Segment<Span>[]): string =>
    ps
      .map((p) => {
        if (p.kind === 'text') return chars.slice(p.start, p.end).join('');
        const inner = walk(p.children);
        if (p.whole) marks[p.span.id] = inner;
        return inner;
      })
      .join('');
  return { shown: walk(parts), marks };
}

const span = (id: string, start: number, end: number): Span => ({ id, start, end });

describe('source text segments (the source page highlighting)', () => {
  const text = 'Ketamine 💉 relieves pain for up to 3 months, studies have shown.';
  const at = (quote: string) => {
    const chars = Array.from(text);
    const start = Array.from(text.slice(0, text.indexOf(quote))).length;
    return { start, end: start + Array.from(quote).length, chars };
  };

  it('marks each statement with exactly its quote, at code-point offsets, and keeps the text whole', () => {
    const a = at('💉 relieves pain');
    const b = at('studies have shown');
    const parts = segments(a.chars.length, [span('b', b.start, b.end), span('a', a.start, a.end)]);
    const { shown, marks } = read(text, parts);
    expect(shown).toBe(text);
    expect(marks).toEqual({ a: '💉 relieves pain', b: 'studies have shown' });
    expect(parts.map((p) => p.kind)).toEqual(['text', 'mark', 'text', 'mark', 'text']);
  });

  it('nests a statement inside another, both whole', () => {
    const outer = at('relieves pain for up to 3 months');
    const inner = at('up to 3 months');
    const parts = segments(outer.chars.length, [
      span('inner', inner.start, inner.end),
      span('outer', outer.start, outer.end),
    ]);
    const { shown, marks } = read(text, parts);
    expect(shown).toBe(text);
    expect(marks).toEqual({ outer: 'relieves pain for up to 3 months', inner: 'up to 3 months' });
    const outerMark = parts.find((p) => p.kind === 'mark')!;
    expect(outerMark.kind === 'mark' && outerMark.children.some((c) => c.kind === 'mark')).toBe(
      true,
    );
  });

  it('an overlapping statement is marked from where the previous one ends, as a part', () => {
    const first = at('relieves pain for');
    const second = at('pain for up to 3');
    const parts = segments(first.chars.length, [
      span('first', first.start, first.end),
      span('second', second.start, second.end),
    ]);
    const { shown, marks } = read(text, parts);
    expect(shown).toBe(text);
    expect(marks).toEqual({ first: 'relieves pain for' });
    const piece = parts.find((p) => p.kind === 'mark' && p.span.id === 'second');
    expect(piece).toMatchObject({ whole: false, start: first.end, end: second.end });
  });

  it('identical spans nest; adjacent spans stay apart; empty or out-of-range spans are left out', () => {
    const a = at('Ketamine');
    const b = at(' 💉');
    const length = Array.from(text).length;
    const parts = segments(length, [
      span('a', a.start, a.end),
      span('a2', a.start, a.end),
      span('b', b.start, b.end),
      span('empty', 3, 3),
      span('beyond', length - 2, length + 5),
    ]);
    const { shown, marks } = read(text, parts);
    expect(shown).toBe(text);
    expect(marks).toEqual({ a: 'Ketamine', a2: 'Ketamine', b: ' 💉' });
  });

  it('any set of spans: the text is shown once, in order, and every whole mark holds its exact slice', () => {
    const chars = Array.from(text);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const spans = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => {
        const start = Math.floor(random() * chars.length);
        const end = Math.min(chars.length, start + 1 + Math.floor(random() * 20));
        return span(`s${i}`, start, end);
      });
      const { shown, marks } = read(text, segments(chars.length, spans));
      expect(shown).toBe(text);
      for (const [id, quote] of Object.entries(marks)) {
        const s = spans.find((x) => x.id === id)!;
        expect(quote).toBe(chars.slice(s.start, s.end).join(''));
      }
      // The first span in reading order is always marked whole.
      const first = [...spans].sort((x, y) => x.start - y.start || y.end - x.end)[0]!;
      expect(marks[first.id]).toBeDefined();
    }
  });
});
