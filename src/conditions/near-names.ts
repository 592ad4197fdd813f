/**
 * When a name someone typed is close to a vocabulary name: the rule behind "Did you mean".
 * General, not fitted to any list of names: a name is close when it shares all its word stems
 * with the input (either way round: "migraines" and "chronic migraine"), or when the two, or
 * each typed word and some word of the name, differ by few edits for their length (typos).
 */
import { distance } from 'fastest-levenshtein';
import { foldedWords, stemOf } from '../store/searchable-text';

/** Least similarity (1 − edits ÷ longer length) that counts as close: one typo in four letters. */
export const MIN_SIMILARITY = 0.75;

/** 1 − edit distance ÷ the longer length: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - distance(a, b) / longer;
}

const subset = (a: string[], b: string[]) => a.length > 0 && a.every((s) => b.includes(s));

/**
 * How close a typed name is to a vocabulary name, from 0 to 1; 0 when not close. Shared stems
 * count 1; otherwise the similarity of the whole names, or of the typed words to their nearest
 * words of the name (each at least MIN_SIMILARITY; slightly below a whole-name match).
 */
export function closeness(typed: string, name: string): number {
  const tw = foldedWords(typed);
  const nw = foldedWords(name);
  if (tw.length === 0 || nw.length === 0) return 0;
  const ts = tw.map(stemOf);
  const ns = nw.map(stemOf);
  if (subset(ts, ns) || subset(ns, ts)) return 1;
  const whole = similarity(tw.join(' '), nw.join(' '));
  const perWord = tw.map((w) => Math.max(...nw.map((n) => similarity(w, n))));
  const words = Math.min(...perWord) >= MIN_SIMILARITY ? 0.95 * Math.min(...perWord) : 0;
  const best = Math.max(whole, words);
  return best >= MIN_SIMILARITY ? Math.round(best * 1000) / 1000 : 0;
}
