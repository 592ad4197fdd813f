import { Injectable } from '@nestjs/common';
import { Connection, decodeOffsetCursor, offsetConnection, pageSize } from '../common/connection';
import { DomainError } from '../common/domain-error';
import { GraphService } from '../graph/graph.service';
import { NodeType } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { foldedWords, termMatcher, WordMatch } from '../store/searchable-text';

const MAX_TERMS = 12;

/** Words of the query: letters and digits in any script; everything else separates. */
export function searchTerms(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, MAX_TERMS);
}

const SNIPPET_WORDS = 12;
/** Matches ranked per query: the store's best this many, re-ranked here. */
export const SEARCH_CANDIDATES = 500;

/**
 * The count a search reports, from the store's count capped at cap + 1 (the store stops
 * counting there, so a query matching the whole store costs what cap + 1 matches do): exact up to
 * the cap; above it, the cap itself, flagged as a lower bound. The cap is the number of hits that
 * can be paged through, so totalCount always says how far paging goes.
 */
export function searchCount(
  counted: number,
  cap: number,
): { totalCount: number; atLeast: boolean } {
  return counted > cap
    ? { totalCount: cap, atLeast: true }
    : { totalCount: counted, atLeast: false };
}

/**
 * Relevance, the same on every store: per term, the best matching word in the heading (what a hit
 * is called: a name, a title, a claim) counts 4 when it is the term itself, 3 when it shares the
 * term's stem ("migraines" for "migraine") and 2 when it only starts with it; in the body each
 * matching word counts 1, 0.75 or 0.5 (at most 3 words of each kind); long bodies are damped. So
 * exact words rank above stem-only matches, and those above prefixes.
 */
export function relevance(heading: string, body: string, terms: string[]): number {
  const l = foldedWords(heading);
  const b = foldedWords(body);
  // Each distinct body word is matched once per term, however often it occurs.
  const occurrences = new Map<string, number>();
  for (const w of b) occurrences.set(w, (occurrences.get(w) ?? 0) + 1);
  const HEADING: Record<number, number> = {
    [WordMatch.EXACT]: 4,
    [WordMatch.STEM]: 3,
    [WordMatch.PREFIX]: 2,
  };
  const BODY: Record<number, number> = {
    [WordMatch.EXACT]: 1,
    [WordMatch.STEM]: 0.75,
    [WordMatch.PREFIX]: 0.5,
  };
  let score = 0;
  for (const t of terms) {
    const match = termMatcher(t);
    const best = Math.max(WordMatch.NONE, ...l.map(match));
    score += best === WordMatch.NONE ? 0 : HEADING[best];
    const count = [0, 0, 0, 0];
    for (const [w, n] of occurrences) count[match(w)] += n;
    for (const k of [WordMatch.EXACT, WordMatch.STEM, WordMatch.PREFIX] as const)
      score += Math.min(3, count[k]) * BODY[k];
  }
  return Math.round((score / (1 + Math.log10(1 + b.length / 50))) * 1000) / 1000;
}

/**
 * A few words around the first matching word, each matching word in [brackets] (its punctuation
 * outside), for every node type alike: from the body, or from the heading when only the heading
 * matches (a source found by its title). A word matches as the store found it (wordMatch: the
 * word, its stem or a prefix). Computed here, not by a database, so both stores give the same
 * snippet for the same text.
 */
export function snippet(body: string, terms: string[], heading = ''): string {
  const matchers = terms.map(termMatcher);
  const matches = (w: string) =>
    foldedWords(w).some((f) => matchers.some((m) => m(f) !== WordMatch.NONE));
  const inBody = body.split(/\s+/).filter(Boolean);
  const words = inBody.some(matches) ? inBody : heading.split(/\s+/).filter(Boolean);
  const first = Math.max(0, words.findIndex(matches));
  const from = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
  const mark = (w: string) => {
    if (!matches(w)) return w;
    // Brackets around the letters and digits, not the punctuation around them: "([pain],".
    const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(w)!;
    return `${m[1]}[${m[2]}]${m[3]}`;
  };
  const shown = words.slice(from, from + SNIPPET_WORDS).map(mark);
  return `${from > 0 ? '… ' : ''}${shown.join(' ')}${from + SNIPPET_WORDS < words.length ? ' …' : ''}`;
}

export interface SearchHitView {
  node: object;
  type: NodeType;
  /** The hit's heading: SearchHit.label in the schema. */
  label: string;
  snippet: string;
  score: number;
}

/** A page of hits; totalCountIsEstimate: more matched than totalCount (see searchCount). */
export type SearchConnection = Connection<SearchHitView> & { totalCountIsEstimate: boolean };

@Injectable()
export class SearchService {
  constructor(private readonly graph: GraphService) {}

  async search(
    text: string,
    types: NodeType[] | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    scope: ReadScope,
  ): Promise<SearchConnection> {
    const terms = searchTerms(text);
    if (terms.length === 0) throw DomainError.badInput('text', 'must contain at least one word');
    const limit = pageSize(first);
    const offset = decodeOffsetCursor(after);
    // The database finds and pre-ranks candidates; the final order is ours, so every store
    // answers the same query with the same list.
    const found = await scope.store.search({
      terms,
      types: types ?? undefined,
      limit: SEARCH_CANDIDATES,
      offset: 0,
      countUpTo: SEARCH_CANDIDATES + 1,
    });
    const count = searchCount(found.totalCount, SEARCH_CANDIDATES);
    const ranked = found.hits
      // The store's `label` is the hit's heading.
      .map((h) => ({ ...h, score: relevance(h.label, h.body, terms) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(offset, offset + limit);
    const nodes = await this.graph.typedNodes(
      ranked.map((h) => ({ id: h.id, type: h.type })),
      scope,
    );
    const hits = ranked.flatMap(({ body, ...h }) => {
      const node = nodes.get(h.id);
      return node ? [{ ...h, snippet: snippet(body, terms, h.label), node }] : [];
    });
    return {
      ...offsetConnection(hits, offset, count.totalCount),
      totalCountIsEstimate: count.atLeast,
    };
  }
}
