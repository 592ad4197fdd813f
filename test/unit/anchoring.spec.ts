/**
 * Quote anchoring (W3C Web Annotation selectors): offsets in Unicode code points, 32 code points of
 * prefix/suffix context, and the invariant text[start:end] == quote.
 */
import {
  Anchor,
  CONTEXT_LENGTH,
  anchorAt,
  anchorQuote,
  spannedQuote,
  findOccurrences,
  isAnchor,
  verifyAnchor,
} from '../../src/sources/anchoring';
import { codePointLength, sliceCodePoints } from '../../src/common/text';

function expectAnchor(result: ReturnType<typeof anchorQuote>): Anchor {
  if (!isAnchor(result)) throw new Error(`expected an anchor, got ${JSON.stringify(result)}`);
  return result;
}

const SHORT = 'Ketamine infusions provide lasting relief for CRPS patients.';

describe('anchorQuote: a unique quote', () => {
  it('returns code point offsets with the text before and after as prefix and suffix', () => {
    const a = expectAnchor(anchorQuote(SHORT, 'lasting relief'));
    expect(a).toEqual({
      start: 27,
      end: 41,
      prefix: 'Ketamine infusions provide ',
      suffix: ' for CRPS patients.',
    });
    expect(sliceCodePoints(SHORT, a.start, a.end)).toBe('lasting relief');
  });

  it('uses 32 code points of context on each side', () => {
    expect(CONTEXT_LENGTH).toBe(32);
    const before = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'; // 52
    const after = '0123456789zyxwvutsrqponmlkjihgfedcbaZYXWVU'; // 42
    const text = `${before}[QUOTE]${after}`;
    const a = expectAnchor(anchorQuote(text, '[QUOTE]'));
    expect(a.start).toBe(52);
    expect(a.end).toBe(59);
    expect(a.prefix).toBe(before.slice(-32));
    expect(a.prefix).toBe('uvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(a.suffix).toBe(after.slice(0, 32));
    expect(a.suffix).toBe('0123456789zyxwvutsrqponmlkjihgfe');
  });

  it('has an empty prefix for a quote at the start and an empty suffix for one at the end', () => {
    const first = expectAnchor(anchorQuote(SHORT, 'Ketamine'));
    expect(first.start).toBe(0);
    expect(first.prefix).toBe('');
    const last = expectAnchor(anchorQuote(SHORT, 'patients.'));
    expect(last.end).toBe(codePointLength(SHORT));
    expect(last.suffix).toBe('');
  });
});

describe('anchorQuote: repeated quotes and occurrence', () => {
  const text = 'Pain relief came fast. The pain returned. Chronic pain persisted.';
  // "pain" (lower case) occurs at 27 and 50; "Pain" at 0 is a different string.
  const triple = 'pain; more pain; still pain';

  it('reports an ambiguous quote with the number of occurrences when no occurrence is given', () => {
    expect(anchorQuote(text, 'pain')).toEqual({ reason: 'ambiguous', occurrences: 2 });
    expect(anchorQuote(triple, 'pain')).toEqual({ reason: 'ambiguous', occurrences: 3 });
  });

  it('treats a null occurrence like no occurrence', () => {
    expect(anchorQuote(triple, 'pain', null)).toEqual({ reason: 'ambiguous', occurrences: 3 });
  });

  it('picks the nth occurrence (1-based)', () => {
    const first = expectAnchor(anchorQuote(triple, 'pain', 1));
    const second = expectAnchor(anchorQuote(triple, 'pain', 2));
    const third = expectAnchor(anchorQuote(triple, 'pain', 3));
    expect([first.start, second.start, third.start]).toEqual([0, 11, 23]);
    expect(second.end).toBe(15);
    expect(second.prefix).toBe('pain; more ');
    expect(second.suffix).toBe('; still pain');
    for (const a of [first, second, third])
      expect(verifyAnchor(triple, { quote: 'pain', ...a })).toBeNull();
  });

  it('accepts occurrence 1 for a unique quote', () => {
    expect(expectAnchor(anchorQuote(SHORT, 'CRPS', 1)).start).toBe(46);
  });

  it('rejects an occurrence beyond the number of matches', () => {
    expect(anchorQuote(triple, 'pain', 4)).toEqual({
      reason: 'occurrence-out-of-range',
      occurrences: 3,
    });
  });

  it('rejects occurrence 0 and negative occurrences', () => {
    expect(anchorQuote(triple, 'pain', 0)).toEqual({
      reason: 'occurrence-out-of-range',
      occurrences: 3,
    });
    expect(anchorQuote(triple, 'pain', -1)).toEqual({
      reason: 'occurrence-out-of-range',
      occurrences: 3,
    });
  });

  it('counts overlapping matches as separate occurrences', () => {
    expect(findOccurrences('aaaa', 'aa')).toEqual([0, 1, 2]);
    expect(anchorQuote('aaa', 'aa')).toEqual({ reason: 'ambiguous', occurrences: 2 });
  });
});

describe('anchorQuote: absent quotes', () => {
  it('reports a quote that is not in the text', () => {
    expect(anchorQuote(SHORT, 'cures depression')).toEqual({ reason: 'absent' });
  });

  it('ignores case only when there is no exact match, and spans the text as stored', () => {
    const a = expectAnchor(anchorQuote(SHORT, 'ketamine infusions'));
    expect(spannedQuote(SHORT, a)).toBe('Ketamine infusions');
  });

  it('treats an empty quote as absent', () => {
    expect(anchorQuote(SHORT, '')).toEqual({ reason: 'absent' });
    expect(findOccurrences(SHORT, '')).toEqual([]);
  });

  it('reports absent even when an occurrence is given', () => {
    expect(anchorQuote(SHORT, 'cures depression', 1)).toEqual({ reason: 'absent' });
  });
});

describe('anchorQuote: Unicode code points', () => {
  it('counts an astral emoji before the quote as one code point, not two UTF-16 units', () => {
    const text = '😀 Ketamine works.';
    expect(text.indexOf('Ketamine')).toBe(3); // UTF-16 index, not what we store
    const a = expectAnchor(anchorQuote(text, 'Ketamine'));
    expect(a.start).toBe(2);
    expect(a.end).toBe(10);
    expect(a.prefix).toBe('😀 ');
    expect(a.suffix).toBe(' works.');
    expect(sliceCodePoints(text, a.start, a.end)).toBe('Ketamine');
  });

  it('counts a mathematical script letter (𝒜) before the quote as one code point', () => {
    const text = '𝒜𝒜 score improved after infusion';
    const a = expectAnchor(anchorQuote(text, 'improved'));
    expect(a.start).toBe(9);
    expect(a.end).toBe(17);
    expect(a.prefix).toBe('𝒜𝒜 score ');
  });

  it('measures a quote containing an astral character in code points', () => {
    const text = 'Before 😀 after';
    const a = expectAnchor(anchorQuote(text, '😀 after'));
    expect(a.start).toBe(7);
    expect(a.end).toBe(14);
    expect(a.suffix).toBe('');
  });

  it('measures prefix and suffix context in code points, not UTF-16 units', () => {
    const emojis = '😀'.repeat(40);
    const text = `${emojis}QUOTE${emojis}`;
    const a = expectAnchor(anchorQuote(text, 'QUOTE'));
    expect(a.start).toBe(40);
    expect(a.end).toBe(45);
    expect(a.prefix).toBe('😀'.repeat(32));
    expect(a.suffix).toBe('😀'.repeat(32));
    expect(codePointLength(a.prefix)).toBe(32);
    expect(a.prefix.length).toBe(64); // UTF-16 units
  });

  it('preserves a non-breaking space and curly punctuation exactly', () => {
    const text = 'Ketamine\u00A0infusions don’t “cure” CRPS.';
    const a = expectAnchor(anchorQuote(text, 'don’t “cure”'));
    expect(a.start).toBe(19);
    expect(a.end).toBe(31);
    expect(a.prefix).toBe('Ketamine\u00A0infusions ');
    expect(a.prefix).toContain('\u00A0');
    expect(a.suffix).toBe(' CRPS.');
  });

  it('matches a normal space to a non-breaking one and a straight apostrophe to a curly one, keeping the source text', () => {
    const text = 'Ketamine\u00A0infusions don’t cure CRPS.';
    expect(spannedQuote(text, expectAnchor(anchorQuote(text, 'Ketamine infusions')))).toBe(
      'Ketamine\u00A0infusions',
    );
    expect(spannedQuote(text, expectAnchor(anchorQuote(text, "don't")))).toBe('don’t');
    expect(isAnchor(anchorQuote(text, 'Ketamine\u00A0infusions'))).toBe(true);
  });
});

describe('anchorAt', () => {
  it('builds the prefix and suffix for given code point offsets', () => {
    expect(anchorAt(SHORT, 27, 41)).toEqual({
      start: 27,
      end: 41,
      prefix: 'Ketamine infusions provide ',
      suffix: ' for CRPS patients.',
    });
  });
});

describe('isAnchor', () => {
  it('tells anchors from failures', () => {
    expect(isAnchor(anchorQuote(SHORT, 'CRPS'))).toBe(true);
    expect(isAnchor({ reason: 'absent' })).toBe(false);
    expect(isAnchor({ reason: 'ambiguous', occurrences: 2 })).toBe(false);
  });
});

describe('verifyAnchor', () => {
  const text = '😀 Ketamine infusions provide lasting relief for CRPS patients.';
  const quote = 'lasting relief';
  const good = { quote, ...expectAnchor(anchorQuote(text, quote)) };

  it('accepts a correct anchor', () => {
    expect(verifyAnchor(text, good)).toBeNull();
  });

  it('catches offsets that do not select the quote', () => {
    const msg = verifyAnchor(text, { ...good, start: good.start + 1, end: good.end + 1 });
    expect(msg).toMatch(/not the quote/);
    expect(msg).toContain(`text[${good.start + 1}:${good.end + 1}]`);
  });

  it('catches UTF-16 offsets used where code point offsets are required', () => {
    const utf16Start = text.indexOf(quote);
    expect(utf16Start).toBe(good.start + 1);
    expect(
      verifyAnchor(text, { ...good, start: utf16Start, end: utf16Start + quote.length }),
    ).toMatch(/not the quote/);
  });

  it('catches a wrong prefix', () => {
    expect(verifyAnchor(text, { ...good, prefix: 'Ketamine infusions provide ' })).toBe(
      'prefix does not match the text before the quote',
    );
  });

  it('catches a wrong suffix', () => {
    expect(verifyAnchor(text, { ...good, suffix: ' for CRPS' })).toBe(
      'suffix does not match the text after the quote',
    );
  });

  it('catches a quote that differs from the text at the offsets', () => {
    expect(verifyAnchor(text, { ...good, quote: 'lasting Relief' })).toMatch(/not the quote/);
  });
});

describe('anchorQuote: whitespace at the ends is never part of the span', () => {
  const text = 'One.\n  Ketamine helps.\t\nTwo.';

  it('leaves out leading and trailing whitespace the quote brought along', () => {
    const a = expectAnchor(anchorQuote(text, '\n  Ketamine helps.\t'));
    expect(spannedQuote(text, a)).toBe('Ketamine helps.');
    expect(a).toEqual(anchorAt(text, 7, 22));
    expect(verifyAnchor(text, { quote: 'Ketamine helps.', ...a })).toBeNull();
  });

  it('refuses a stored quote that starts or ends with whitespace', () => {
    const a = anchorAt(text, 5, 22);
    expect(verifyAnchor(text, { quote: '  Ketamine helps.', ...a })).toMatch(/whitespace/);
  });
});

describe('anchorQuote: a repeated quote and where it was seen (near)', () => {
  // "pain" at 0, 10 and 24 (code points; the emoji before the last is one).
  const text = 'pain, and pain, and 😀 x pain';

  it('takes the occurrence nearest the hint, even a stale one', () => {
    expect(expectAnchor(anchorQuote(text, 'pain', null, 10)).start).toBe(10);
    expect(expectAnchor(anchorQuote(text, 'pain', null, 22)).start).toBe(24);
    expect(expectAnchor(anchorQuote(text, 'pain', null, 1)).start).toBe(0);
  });

  it('is still ambiguous when two occurrences are as near, and an occurrence wins over the hint', () => {
    expect(anchorQuote(text, 'pain', null, 5)).toEqual({ reason: 'ambiguous', occurrences: 3 });
    expect(expectAnchor(anchorQuote(text, 'pain', 3, 0)).start).toBe(24);
  });

  it('a unique quote ignores the hint', () => {
    expect(expectAnchor(anchorQuote(text, 'x pain', null, 0)).start).toBe(22);
  });
});
