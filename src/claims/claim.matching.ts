/**
 * Claims compared by their words: the duplicate rule (one normalised form per proposition) and
 * the ranking of similar claims an editor may reuse instead of writing a new one.
 */
import MiniSearch from 'minisearch';
import { ReviewStatus } from '../graphql.schema';
import type { ClaimText } from '../store/ports';

/** Punctuation and symbols at either end (a full stop, quotes, brackets) do not make a new claim. */
const EDGE_PUNCTUATION = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

/**
 * The form two claim texts are compared in: Unicode NFC, lower case, runs of whitespace as one
 * space, punctuation at the ends left out. "Ketamine relieves pain." and " ketamine  relieves
 * pain" are the same claim; "Ketamine relieves pain?" too (the end mark is not the proposition).
 */
export function claimKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').replace(EDGE_PUNCTUATION, '');
}

/** The existing claim (not rejected; never `exceptId`) whose text is the same as `text`, if any. */
export function sameClaim(
  text: string,
  claims: readonly ClaimText[],
  exceptId?: string,
): ClaimText | undefined {
  const key = claimKey(text);
  return claims.find(
    (c) =>
      c.id !== exceptId && c.reviewStatus !== ReviewStatus.REJECTED && claimKey(c.text) === key,
  );
}

/** Case-insensitive "contains", on the same folded forms (NFC, lower case, single spaces). */
export function textContains(text: string, part: string): boolean {
  const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ');
  return fold(text).includes(fold(part).trim());
}

const WORD = /[\p{L}\p{N}]+/gu;

function terms(text: string): string[] {
  return Array.from(text.normalize('NFC').toLowerCase().matchAll(WORD), (m) => m[0]);
}

export interface RankedClaim {
  id: string;
  score: number;
}

/**
 * Claims ranked by BM25 (MiniSearch's BM25+ over the claim texts), best first; ties by id, so the
 * same store and text always give the same list. A word of four letters or more also matches as a
 * prefix ("infusion" finds "infusions"), and with one edit in five letters (a typo), both
 * weighted down by MiniSearch. Rejected claims are never offered.
 */
export function rankSimilar(
  text: string,
  claims: readonly ClaimText[],
  first: number,
): RankedClaim[] {
  return similarityIndex(claims)(text, first);
}

/**
 * The ranking of `rankSimilar` over one index of the claims, for ranking many texts against the
 * same claims (the extraction assistant ranks every span of a page).
 */
export function similarityIndex(
  claims: readonly ClaimText[],
): (text: string, first: number) => RankedClaim[] {
  const candidates = claims.filter((c) => c.reviewStatus !== ReviewStatus.REJECTED);
  const index = new MiniSearch<ClaimText>({
    fields: ['text'],
    idField: 'id',
    tokenize: (s) => terms(s),
    processTerm: (t) => t,
  });
  index.addAll(candidates);
  return (text, first) =>
    index
      .search(terms(text).join(' '), {
        combineWith: 'OR',
        prefix: (t) => t.length >= 4,
        fuzzy: (t) => (t.length >= 5 ? 0.2 : false),
      })
      .map((h) => ({ id: h.id as string, score: Math.round(h.score * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, first);
}
