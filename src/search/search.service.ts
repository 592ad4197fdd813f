import { Injectable } from '@nestjs/common';
import { Connection, decodeOffsetCursor, offsetConnection, pageSize } from '../common/connection';
import { DomainError } from '../common/domain-error';
import { GraphService } from '../graph/graph.service';
import { NodeType } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';

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

function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Relevance, the same on every store: per term, a whole word in the heading (what a hit is called:
 * a name, a title, a claim) counts 4 and a prefix 2; in the body a whole word 1 and a prefix 0.5
 * (each at most 3 times); long bodies are damped.
 */
export function relevance(heading: string, body: string, terms: string[]): number {
  const l = words(heading);
  const b = words(body);
  let score = 0;
  for (const t of terms) {
    score += l.includes(t) ? 4 : l.some((w) => w.startsWith(t)) ? 2 : 0;
    const exact = Math.min(3, b.filter((w) => w === t).length);
    const prefix = Math.min(3, b.filter((w) => w !== t && w.startsWith(t)).length);
    score += exact + prefix * 0.5;
  }
  return Math.round((score / (1 + Math.log10(1 + b.length / 50))) * 1000) / 1000;
}

/**
 * A few words around the first matching word, matches in [brackets]: computed here, not by a
 * database, so both stores give the same snippet for the same text.
 */
export function snippet(body: string, terms: string[]): string {
  const words = body.split(/\s+/).filter(Boolean);
  const matches = (w: string) => {
    const token = w
      .normalize('NFKC')
      .toLowerCase()
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    return terms.some((t) => token.startsWith(t));
  };
  const first = Math.max(0, words.findIndex(matches));
  const from = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
  const shown = words.slice(from, from + SNIPPET_WORDS).map((w) => (matches(w) ? `[${w}]` : w));
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

@Injectable()
export class SearchService {
  constructor(private readonly graph: GraphService) {}

  async search(
    text: string,
    types: NodeType[] | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    scope: ReadScope,
  ): Promise<Connection<SearchHitView>> {
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
    });
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
      return node ? [{ ...h, snippet: snippet(body, terms), node }] : [];
    });
    return offsetConnection(hits, offset, Math.min(found.totalCount, SEARCH_CANDIDATES));
  }
}
