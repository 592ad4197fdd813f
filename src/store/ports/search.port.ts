import type { SearchHitRecord, SearchQuery } from './records';

/** The full-text index over every node's searchable text (see ../searchable-text.ts). */
export interface SearchIndex {
  search(query: SearchQuery): Promise<{ hits: SearchHitRecord[]; totalCount: number }>;
}
