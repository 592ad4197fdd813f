import type { SearchHitRecord, SearchQuery } from './records';

/** The full-text index over every node's searchable text (see ../searchable-text.ts). */
export interface SearchIndex {
  /**
   * The best `limit` matches after `offset`, and how many matched, counted up to
   * query.countUpTo only. Bounded whatever the store's size: a store ranks a capped candidate
   * set, not every match (see each adapter for which).
   */
  search(query: SearchQuery): Promise<{ hits: SearchHitRecord[]; totalCount: number }>;
}
