/**
 * Full-text search over the search_index FTS5 table, which each node's insert keeps current
 * (see SqliteExecutor.index and ../searchable-text.ts): label_words, body_words and stems are
 * indexed (label 4 : body 1 : other word forms 0.5 in the ranking, the table's configured
 * `rank`, migration 9); label and body are the text as written.
 */
import type { NodeType } from '../../graphql.schema';
import type { SearchIndex } from '../ports';
import { termForms } from '../searchable-text';
import type { SqliteExecutor } from './sqlite.executor';
import type { Row } from './sqlite.rows';

/**
 * A query matching fewer than this many nodes is ranked whole by bm25, as it always was. One
 * matching more is broad: bm25 would cost a pass over every match (its IDF counts them), so its
 * candidates are read in the index's own order (rowid: the order nodes were written in), those
 * with the words in their heading first, and the count stops at the cap the domain asks for.
 * Still proportional to the matches: a broad prefix that is no word of its own ("ketam", not
 * "ketamine"; prefixes of 2 and 3 letters have an index of their own) merges the doclists of the
 * words it begins before the first row, and a types filter rarely met among many matches reads
 * on until it has the pool (type is no indexed column).
 */
export const RANK_POOL = 1000;

const quoted = (t: string) => `"${t.replace(/"/g, '""')}"`;

export function sqliteSearch(db: SqliteExecutor): SearchIndex {
  return {
    async search(q) {
      if (q.terms.length === 0) return { hits: [], totalCount: 0 };
      // Each form of each term (its folded word and stem, see termForms) is quoted, so FTS5
      // syntax in user text is inert, and matched as a prefix of an indexed word.
      const forms = q.terms.map(termForms);
      if (forms.some((f) => f.length === 0)) return { hits: [], totalCount: 0 };
      const expr = (form: (t: string) => string) =>
        forms.map((f) => `(${f.map(form).join(' OR ')})`).join(' AND ');
      const prefixMatch = expr((t) => `${quoted(t)}*`);
      const exactMatch = expr(quoted);
      const typeFilter = q.types?.length ? 'AND type IN (SELECT value FROM json_each(?))' : '';
      const typeParams = q.types?.length ? [JSON.stringify(q.types)] : [];
      const countUpTo = q.countUpTo ?? q.offset + q.limit + 1;
      const pool = Math.max(RANK_POOL, countUpTo, q.offset + q.limit);
      // rowids of the first `n` matches in index order: FTS5 stops at the LIMIT (for an exact
      // word it reads no further; a long prefix merges the doclists of the words it begins).
      const first = (match: string, n: number) =>
        (
          db
            .sql(
              `SELECT rowid AS r FROM search_index WHERE search_index MATCH ? ${typeFilter} LIMIT ?`,
            )
            .all(match, ...typeParams, n) as Array<{ r: number }>
        ).map((x) => x.r);

      // Broad when the exact words alone fill the pool (cheap to tell), else when the prefixes do.
      let broad: { match: string; rowids: number[] } | undefined;
      let matched = 0;
      for (const match of [exactMatch, prefixMatch]) {
        const rowids = first(match, pool);
        matched = rowids.length;
        if (rowids.length >= pool) {
          broad = { match, rowids };
          break;
        }
      }

      let hits: Row[];
      if (broad) {
        // Headings holding the words first (what the domain's relevance weighs most), then the
        // rest, each in index order; the domain re-ranks what it is given.
        const inHeading = first(`{label_words} : (${broad.match})`, q.offset + q.limit);
        const seen = new Set(inHeading);
        const page = [
          ...inHeading.map((r) => ({ r, score: 2 })),
          ...broad.rowids.filter((r) => !seen.has(r)).map((r) => ({ r, score: 1 })),
        ].slice(q.offset, q.offset + q.limit);
        const rows = page.length
          ? (db
              .sql(
                `SELECT rowid AS r, id, type, label, body FROM search_index
                 WHERE rowid IN (SELECT value FROM json_each(?))`,
              )
              .all(JSON.stringify(page.map((c) => c.r))) as Row[])
          : [];
        const byRowid = new Map(rows.map((row) => [row.r as number, row]));
        hits = page.flatMap(({ r, score }) => {
          const row = byRowid.get(r);
          return row ? [{ ...row, score }] : [];
        });
      } else {
        // Fewer than the pool: every match ranked by bm25 (the weights configured as `rank`);
        // bm25 is lower for better matches, the port wants higher.
        hits = db
          .sql(
            `SELECT id, type, label, body, -rank AS score FROM search_index
             WHERE search_index MATCH ? ${typeFilter} ORDER BY rank, id LIMIT ? OFFSET ?`,
          )
          .all(prefixMatch, ...typeParams, q.limit, q.offset) as Row[];
      }
      return {
        hits: hits.map((row) => ({
          id: row.id as string,
          type: row.type as NodeType,
          label: row.label as string,
          body: row.body as string,
          score: row.score as number,
        })),
        totalCount: Math.min(matched, countUpTo),
      };
    },
  };
}
