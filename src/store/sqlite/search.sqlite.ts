/**
 * Full-text search over the search_index FTS5 table, which each node's insert keeps current
 * (see SqliteExecutor.index and ../searchable-text.ts): label_words, body_words and stems are
 * indexed (label 4 : body 1 : other word forms 0.5 in the ranking); label and body are the text
 * as written.
 */
import type { NodeType } from '../../graphql.schema';
import type { SearchIndex } from '../ports';
import { termForms } from '../searchable-text';
import type { SqliteExecutor } from './sqlite.executor';
import type { Row } from './sqlite.rows';

export function sqliteSearch(db: SqliteExecutor): SearchIndex {
  return {
    async search(q) {
      if (q.terms.length === 0) return { hits: [], totalCount: 0 };
      // Each form of each term (its folded word and stem, see termForms) is quoted, so FTS5
      // syntax in user text is inert, and matched as a prefix of an indexed word.
      const forms = q.terms.map(termForms);
      if (forms.some((f) => f.length === 0)) return { hits: [], totalCount: 0 };
      const match = forms
        .map((f) => `(${f.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' OR ')})`)
        .join(' AND ');
      const typeFilter = q.types?.length ? 'AND type IN (SELECT value FROM json_each(?))' : '';
      const typeParams = q.types?.length ? [JSON.stringify(q.types)] : [];
      const total = (
        db
          .sql(`SELECT count(*) AS n FROM search_index WHERE search_index MATCH ? ${typeFilter}`)
          .get(match, ...typeParams) as { n: number }
      ).n;
      const found = db
        .sql(
          `SELECT id, type, label, body,
                bm25(search_index, 0, 0, 0, 0, 4.0, 1.0, 0.5) AS rank
         FROM search_index WHERE search_index MATCH ? ${typeFilter}
         ORDER BY rank, id LIMIT ? OFFSET ?`,
        )
        .all(match, ...typeParams, q.limit, q.offset) as Row[];
      return {
        hits: found.map((r) => ({
          id: r.id as string,
          type: r.type as NodeType,
          label: r.label as string,
          body: r.body as string,
          // bm25 is lower for better matches; the port wants higher.
          score: -(r.rank as number),
        })),
        totalCount: total,
      };
    },
  };
}
