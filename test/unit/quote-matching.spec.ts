/**
 * Tolerant anchoring: the folding that makes a browser copy match its source, the map back to the
 * source's exact code points, and the "did you mean" candidates for a quote that is not there.
 */
import { anchorQuote, isAnchor, spannedQuote } from '../../src/sources/anchoring';
import { findTolerant, foldForMatching, nearestCandidates } from '../../src/sources/quote.matching';
import { codePointLength, sliceCodePoints } from '../../src/common/text';

function anchored(text: string, quote: string, occurrence?: number) {
  const a = anchorQuote(text, quote, occurrence);
  if (!isAnchor(a)) throw new Error(`expected an anchor, got ${JSON.stringify(a)}`);
  return { ...a, quote: spannedQuote(text, a) };
}

describe('foldForMatching', () => {
  it('folds quote marks, guillemets, dashes, whitespace runs and case', () => {
    expect(
      foldForMatching(
        '\u201CIt\u2019s\u201D \u00ABKetamine\u00BB \u2013 a\u00A0\u00A0\r\nDrug\u2014\u2212',
      ).text,
    ).toBe('"it\'s" "ketamine" - a drug--');
  });

  it('composes decomposed accents (NFC) and maps each unit to the whole grapheme', () => {
    const f = foldForMatching('cafe\u0301 x');
    expect(f.text).toBe('caf\u00E9 x');
    // "é" came from code points 3..5 (e + combining acute).
    expect([f.start[3], f.end[3]]).toEqual([3, 5]);
    expect([f.start[5], f.end[5]]).toEqual([6, 7]);
  });

  it('counts astral characters as one code point in the map back', () => {
    const f = foldForMatching('\u{1F489} Dose');
    // The syringe is two UTF-16 units but one code point: both units map to 0..1.
    expect(f.text).toBe('\u{1F489} dose');
    expect([f.start[0], f.end[0], f.start[1], f.end[1]]).toEqual([0, 1, 0, 1]);
    expect([f.start[3], f.end[3]]).toEqual([2, 3]);
  });

  it('drops invisible characters a copy may add or lose (soft hyphen, zero-width space)', () => {
    expect(foldForMatching('keta\u00ADmine\u200B works').text).toBe('ketamine works');
  });
});

describe('anchorQuote, tolerant', () => {
  const TEXT =
    'Patients said \u201Cit\u2019s life\u2011changing\u201D \u2014 in\u00A0two\r\nweeks.';

  it('finds a straight-quoted, hyphenated, single-spaced copy and stores the exact source text', () => {
    const a = anchored(TEXT, '"It\'s life-changing" - in two weeks');
    expect(a.quote).toBe('\u201Cit\u2019s life\u2011changing\u201D \u2014 in\u00A0two\r\nweeks');
    expect(sliceCodePoints(TEXT, a.start, a.end)).toBe(a.quote);
    expect(a.start).toBe(14);
  });

  it('maps offsets back in code points past astral characters and combining marks', () => {
    const text = '\u{1F489}\u{1F489} Re\u0301sume\u0301: ketamine WORKS fast';
    const a = anchored(text, 'r\u00E9sum\u00E9: Ketamine works');
    expect(a.quote).toBe('Re\u0301sume\u0301: ketamine WORKS');
    expect(a.start).toBe(3);
    expect(a.end).toBe(3 + codePointLength('Re\u0301sume\u0301: ketamine WORKS'));
  });

  it('does not match half a grapheme', () => {
    expect(findTolerant('cafe\u0301', 'cafe')).toEqual([]);
  });

  it('keeps occurrence and ambiguity for tolerant matches', () => {
    const text = 'Relief\u00A0fast. Then relief  fast again.';
    expect(anchorQuote(text, 'relief fast')).toEqual({ reason: 'ambiguous', occurrences: 2 });
    expect(anchored(text, 'relief fast', 2).quote).toBe('relief  fast');
    expect(anchorQuote(text, 'relief fast', 3)).toEqual({
      reason: 'occurrence-out-of-range',
      occurrences: 2,
    });
  });

  it('prefers an exact match to a tolerant one', () => {
    // Exact "Fast" occurs once; folded, "fast" would occur twice.
    const a = anchored('fast and Fast', 'Fast');
    expect(a.start).toBe(9);
  });

  it('still refuses words that are not there', () => {
    expect(anchorQuote(TEXT, 'three weeks')).toEqual({ reason: 'absent' });
  });
});

describe('nearestCandidates', () => {
  const TEXT =
    'Ketamine infusions can relieve treatment-resistant depression within hours. ' +
    'Effects usually fade after one to two weeks without further doses.';

  it('offers the near passage with its exact text, code-point offsets and similarity', () => {
    const [best, ...rest] = nearestCandidates(TEXT, 'ketamine infusion can releive depression');
    expect(best.text).toBe(sliceCodePoints(TEXT, best.start, best.end));
    expect(best.text.startsWith('Ketamine infusions can relieve')).toBe(true);
    expect(best.similarity).toBeGreaterThan(0.6);
    expect(best.similarity).toBeLessThan(1);
    for (const r of rest) expect(r.similarity).toBeLessThanOrEqual(best.similarity);
  });

  it('is deterministic and offers nothing for words unlike the text', () => {
    const q = 'effects fade after two weeks';
    expect(nearestCandidates(TEXT, q)).toEqual(nearestCandidates(TEXT, q));
    expect(nearestCandidates(TEXT, 'zebra quantum violin')).toEqual([]);
  });

  it('reports code-point offsets after astral characters', () => {
    const text = '\u{1F489} Ketamine relieves pain quickly.';
    const [c] = nearestCandidates(text, 'ketamine relieve pain');
    expect(c.start).toBe(2);
    expect(c.text).toBe('Ketamine relieves pain');
  });
});
