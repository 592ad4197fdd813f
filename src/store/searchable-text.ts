/**
 * What search matches and shows for each node type: a label (what a hit is called) and a body
 * (the words it is found by). One definition, indexed by both adapters, so the two stores find the
 * same nodes for the same words.
 *
 * The indexed words and the query's word forms are made here too, once for both stores: words are
 * case- and accent-folded, and each is indexed with its English stem (Porter2, the Snowball
 * English stemmer) so "migraines" finds "migraine". The databases' own analyzers only split on
 * spaces and match prefixes; neither stems, so both hold exactly the same tokens.
 */
import stem from 'wink-porter2-stemmer';
import { NodeType } from '../graphql.schema';
import type { NodeRecords } from './ports';

/**
 * Version of the indexed-word format (folding, stemming). Stores re-index their search words at
 * init when what they hold was written under another version.
 */
export const SEARCH_FORMAT = 2;

/**
 * Case and diacritics folded the same way for indexed text and query terms ("sjogren" finds
 * "Sjögren").
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{Mn}+/gu, '');
}

/** The folded words of a text: letters and digits in any script; everything else separates. */
export function foldedWords(text: string): string[] {
  return fold(text.normalize('NFKC')).match(/[\p{L}\p{N}]+/gu) ?? [];
}

const stems = new Map<string, string>();
const STEM_CACHE = 50_000;

/** The stem of a folded word (the word itself when the stemmer leaves it alone). */
export function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    // The stemmer is for English words; digits and other scripts pass through unchanged.
    s = /^[a-z]+$/.test(word) ? stem(word) : word;
    // Ranking stems every word of every candidate: remembered, within a bound.
    if (stems.size >= STEM_CACHE) stems.clear();
    stems.set(word, s);
  }
  return s;
}

/** A text's folded words joined by single spaces (so a whitespace tokenizer sees exactly these). */
export function wordsOnly(text: string): string {
  return foldedWords(text).join(' ');
}

/** The stems of a text's folded words that differ from their word, joined by single spaces. */
export function stemsOnly(text: string): string {
  return foldedWords(text)
    .map((w) => [w, stemOf(w)])
    .filter(([w, s]) => s !== w)
    .map(([, s]) => s)
    .join(' ');
}

/**
 * The indexed form of a text: each folded word, followed by its stem when that differs, joined by
 * single spaces. A store may keep the stems apart (SQLite does, to weigh them less); either way
 * it holds these tokens.
 */
export function searchWords(text: string): string {
  return foldedWords(text)
    .flatMap((w) => {
      const s = stemOf(w);
      return s === w ? [w] : [w, s];
    })
    .join(' ');
}

/**
 * The forms a query term is matched by, each as a prefix of an indexed word: the folded term
 * (typing "ketam" finds "ketamine") and its stem ("migraines" finds "migraine").
 */
export function termForms(term: string): string[] {
  const folded = foldedWords(term).join('');
  if (folded === '') return [];
  const s = stemOf(folded);
  return s === folded ? [folded] : [folded, s];
}

/** How well a text's word matches a query term: the rule both ranking and snippets use. */
export enum WordMatch {
  NONE = 0,
  /** The word or its stem starts with the term or the term's stem ("infus" → "infusion"). */
  PREFIX = 1,
  /** Same stem, different word ("migraines" for "migraine"). */
  STEM = 2,
  /** The same word. */
  EXACT = 3,
}

/**
 * How folded words match a term (see termForms): EXACT, STEM or PREFIX, else NONE. Made once per
 * term, applied to many words.
 */
export function termMatcher(term: string): (word: string) => WordMatch {
  const t = foldedWords(term).join('');
  const ts = stemOf(t);
  return (word) => {
    if (t === '' || word === '') return WordMatch.NONE;
    if (word === t) return WordMatch.EXACT;
    // A stem keeps its word's first letter: a word starting otherwise cannot match.
    if (word[0] !== t[0]) return WordMatch.NONE;
    const ws = stemOf(word);
    if (ws === ts) return WordMatch.STEM;
    // The store matches when a form of the term begins the word or its stem (both indexed).
    return word.startsWith(t) || word.startsWith(ts) || ws.startsWith(t) || ws.startsWith(ts)
      ? WordMatch.PREFIX
      : WordMatch.NONE;
  };
}

export interface SearchableText {
  label: string;
  body: string;
}

const vocabulary = (r: { name: string; synonyms: string[]; description: string | null }) => ({
  label: r.name,
  body: [r.name, ...r.synonyms, r.description ?? ''].join(' \n'),
});

const TEXT: { [T in NodeType]: (r: NodeRecords[T]) => SearchableText } = {
  [NodeType.SOURCE]: (r) => ({ label: r.title, body: r.text }),
  [NodeType.STATEMENT]: (r) => ({ label: r.quote, body: r.quote }),
  [NodeType.CLAIM]: (r) => ({ label: r.text, body: r.text }),
  [NodeType.CONDITION]: vocabulary,
  [NodeType.MECHANISM]: vocabulary,
  [NodeType.INTERVENTION]: (r) => ({
    label: r.name,
    body: [r.name, r.drug ?? '', r.route ?? ''].join(' '),
  }),
  [NodeType.STUDY]: (r) => ({
    label: r.title,
    body: [r.title, r.authors.join(', '), r.journal ?? '', r.finding ?? ''].join(' \n'),
  }),
  [NodeType.EVIDENCE_GAP]: (r) => ({ label: r.description, body: r.description }),
};

export function searchableText<T extends NodeType>(
  type: T,
  record: NodeRecords[T],
): SearchableText {
  return (TEXT[type] as (r: NodeRecords[T]) => SearchableText)(record);
}
