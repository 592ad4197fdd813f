/**
 * Text helpers that count in Unicode code points, as the anchoring model requires
 * (W3C TextPositionSelector). JavaScript strings index UTF-16 code units, so an astral
 * character (emoji, some CJK) is one code point but two units.
 */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Slice by code point offsets [start, end). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return codePoints(text).slice(start, end).join('');
}

/** Case- and space-insensitive key for the names (name and synonyms) things are looked up by. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
