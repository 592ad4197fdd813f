import neo4j from 'neo4j-driver';
import { NodeType } from '../../graphql.schema';
import { SearchIndex } from '../ports';
import { searchableText, termForms } from '../searchable-text';
import { Neo4jExecutor, rows } from './neo4j.executor';
import { FROM_PROPS } from './neo4j.model';
import { Props, num } from './neo4j.records';
import { SEARCH_INDEX } from './neo4j.schema';

// BM25 constants (Lucene's and SQLite's defaults) and SQLite's column weights bm25(4.0, 1.0).
const K1 = 1.2;
const B = 0.75;
const LABEL_WEIGHT = 4;
const BODY_WEIGHT = 1;
/** The fewest candidates Lucene is asked for (the search service's count cap is 501). */
const MIN_POOL = 501;

/** Backslash before every character the Lucene query parser treats as syntax. */
function escapeLucene(term: string): string {
  return term.replace(/[+\-&|!(){}[\]^"~*?:\\/\s]/g, '\\$&');
}

/** Scores full-text matches (see search) and orders them by score, then id. */
function rank(matches: Props[]): Array<{ id: string; score: number }> {
  const mean = (key: string) =>
    Math.max(1, matches.reduce((s, m) => s + num(m[key]), 0) / Math.max(1, matches.length));
  const avgLabel = mean('labelLength');
  const avgBody = mean('bodyLength');
  const bm25 = (tf: number, length: number, avg: number) =>
    tf === 0 ? 0 : (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg));
  return matches
    .map((m) => {
      const counts = m.counts as unknown[][];
      const score = counts.reduce<number>(
        (s, [label, body]) =>
          s +
          LABEL_WEIGHT * bm25(num(label), num(m.labelLength), avgLabel) +
          BODY_WEIGHT * bm25(num(body), num(m.bodyLength), avgBody),
        0,
      );
      return { id: m.id as string, score };
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Search over the full-text index of every node's searchable words (searchLabel, searchBody:
 * see neo4j.records.ts searchProps).
 */
export function neo4jSearch(x: Neo4jExecutor): SearchIndex {
  return {
    /**
     * The full-text index finds the nodes having, for every term, a word that starts with it, and
     * Lucene keeps only its best `pool` of them (limit inside the index: a query matching the
     * whole store returns no more than that, and the count stops there). Lucene scores a prefix
     * as a constant, so its order comes from the exact words (label 4 : body 1) over the
     * prefixes (label 2 : body 0.5). That pool is then ranked here as before, BM25-style, from each
     * node's indexed words: per term and field, matching words saturate and are normalised by
     * the field's length; label 4 : body 1 as SQLite's bm25(4.0, 1.0); and a word equal to the
     * term counts twice, so exact words rank above prefix-only matches. A query matching fewer
     * than the pool is ranked whole. A term matches by any of its forms (the folded word and its
     * stem, see termForms).
     */
    async search(q) {
      const forms = q.terms.map(termForms);
      if (forms.length === 0 || forms.some((f) => f.length === 0))
        return { hits: [], totalCount: 0 };
      const lucene = [
        ...forms.map((f) =>
          f
            .map(escapeLucene)
            .map(
              (e) =>
                `searchLabel:${e}^4 OR searchBody:${e} OR searchLabel:${e}*^2 OR searchBody:${e}*^0.5`,
            )
            .join(' OR '),
        ),
        // Node types are upper-case words of letters and underscores: nothing to escape.
        ...(q.types?.length ? [`type:${q.types.join(' OR type:')}`] : []),
      ]
        .map((any) => `(${any})`)
        .join(' AND ');
      const countUpTo = q.countUpTo ?? q.offset + q.limit + 1;
      // At least MIN_POOL whatever the count cap or page: ranking re-scores the pool (lengths are
      // averaged over it), and Lucene breaks ties by its own document order, so a pool sized by
      // the cap would let a smaller cap change which nodes come first.
      const pool = Math.max(MIN_POOL, countUpTo, q.offset + q.limit);
      return x.read(async (tx) => {
        const matches = await rows(
          tx,
          `CALL db.index.fulltext.queryNodes('${SEARCH_INDEX}', $lucene, {limit: $pool})
             YIELD node AS n
           WITH n, [w IN split(n.searchLabel, ' ') WHERE w <> ''] AS lw,
                   [w IN split(n.searchBody, ' ') WHERE w <> ''] AS bw
           RETURN n.id AS id, n {.*} AS p, size(lw) AS labelLength, size(bw) AS bodyLength,
                  [f IN $forms | [
                    size([w IN lw WHERE any(t IN f WHERE w STARTS WITH t)]) +
                      size([w IN lw WHERE w = f[0]]),
                    size([w IN bw WHERE any(t IN f WHERE w STARTS WITH t)]) +
                      size([w IN bw WHERE w = f[0]])
                  ]] AS counts`,
          { lucene, forms, pool: neo4j.int(pool) },
        );
        const ranked = rank(matches).slice(q.offset, q.offset + q.limit);
        // Each candidate's fields came with it: no second read for the page.
        const byId = new Map(matches.map((r) => [r.id as string, r.p as Props]));
        const hits = ranked.flatMap(({ id, score }) => {
          const p = byId.get(id);
          if (!p) return [];
          const type = p.type as NodeType;
          // The label and body from the node's own fields (its references play no part).
          const { label, body } = searchableText(type, FROM_PROPS[type](p));
          return [{ id, type, label, body, score }];
        });
        return { hits, totalCount: Math.min(matches.length, countUpTo) };
      });
    },
  };
}
