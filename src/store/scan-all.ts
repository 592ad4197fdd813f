/**
 * Walking a whole store a page at a time: one loop for snapshots, copies, checksums and exports,
 * so none of them holds more than a page of a kind in memory or gets the cursor wrong.
 */
import type {
  GraphBundle,
  GraphEdgeRecord,
  GraphWalks,
  RecordKind,
  RevisionLog,
  RevisionRecord,
  StoreAdmin,
} from './ports';

export const SCAN_PAGE = 1000;

/**
 * Pages from a keyset-paginated read: `fetch(after, limit)` returns the page after a cursor; the
 * cursor of a page is taken from its last item. Stops at the first short page.
 */
export async function* pages<T, C>(
  fetch: (after: C | undefined, limit: number) => Promise<T[]>,
  cursor: (last: T) => C,
  limit = SCAN_PAGE,
): AsyncGenerator<T[]> {
  for (let after: C | undefined; ;) {
    const page = await fetch(after, limit);
    if (page.length > 0) yield page;
    if (page.length < limit) return;
    after = cursor(page[page.length - 1]);
  }
}

/** Every record of one kind, in id order, a page at a time. */
export function scanKind<K extends RecordKind>(
  store: Pick<StoreAdmin, 'scan'>,
  kind: K,
  limit = SCAN_PAGE,
): AsyncGenerator<GraphBundle[K]> {
  return pages<{ id: string }, string>(
    (after, n) => store.scan(kind, after, n) as Promise<Array<{ id: string }>>,
    (last) => last.id,
    limit,
  ) as AsyncGenerator<GraphBundle[K]>;
}

/** Every revision, in id order (the order the changes were made), a page at a time. */
export function scanRevisions(
  store: Pick<RevisionLog, 'scanRevisions'>,
  limit = SCAN_PAGE,
): AsyncGenerator<RevisionRecord[]> {
  return pages<RevisionRecord, string>(
    (after, n) => store.scanRevisions(after, n),
    (last) => last.id,
    limit,
  );
}

/** Every edge of the graph, ordered by (type, source, target), a page at a time. */
export function scanEdges(
  store: Pick<GraphWalks, 'scanEdges'>,
  limit = SCAN_PAGE,
): AsyncGenerator<GraphEdgeRecord[]> {
  return pages<GraphEdgeRecord, GraphEdgeRecord>(
    (after, n) => store.scanEdges(after, n),
    (last) => last,
    limit,
  );
}
