/**
 * Relay connections. Cursors are opaque base64url tokens holding either the last id seen (keyset
 * pages, stable under inserts) or an offset (ranked lists such as search).
 */
import type { Page, PageResult } from '../store/ports';
import { DomainError } from './domain-error';

export const MAX_PAGE_SIZE = 100;

export interface Connection<T> {
  edges: Array<{ node: T; cursor: string }>;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number;
}

export function encodeIdCursor(id: string): string {
  return Buffer.from(`id:${id}`, 'utf8').toString('base64url');
}

export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

export function decodeIdCursor(
  cursor: string | null | undefined,
  field = 'after',
): string | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('id:') || raw.length < 4)
    throw DomainError.badInput(field, 'not a cursor from this list');
  return raw.slice(3);
}

export function decodeOffsetCursor(cursor: string | null | undefined, field = 'after'): number {
  if (cursor === null || cursor === undefined) return 0;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^offset:(\d{1,9})$/.exec(raw);
  if (!m) throw DomainError.badInput(field, 'not a cursor from this list');
  return Number(m[1]) + 1;
}

export function pageSize(first: number | null | undefined, field = 'first'): number {
  const n = first ?? 20;
  if (!Number.isInteger(n) || n < 0)
    throw DomainError.badInput(field, 'must be a non-negative integer');
  if (n > MAX_PAGE_SIZE) throw DomainError.badInput(field, `must be at most ${MAX_PAGE_SIZE}`);
  return n;
}

/** A connection field's paging arguments, as the schema gives them (first defaults to 20). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** The store page a keyset connection's arguments ask for: checked size, decoded id cursor. */
export function keysetPage({ first, after }: PageArgs): Page {
  return { limit: pageSize(first), after: decodeIdCursor(after) };
}

export function keysetConnection<T extends { id: string }>(
  items: T[],
  totalCount: number,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): Connection<T> {
  const edges = items.map((node) => ({ node, cursor: encodeIdCursor(node.id) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A store's keyset page as a connection: a previous page exists when it started after an id. */
export function storePageConnection<T extends { id: string }>(
  found: PageResult<T>,
  asked: Page,
): Connection<T> {
  return keysetConnection(
    found.items,
    found.totalCount,
    found.hasNextPage,
    asked.after !== undefined,
  );
}

/** A page of an in-memory list ordered by id (lists whose filter the domain computes). */
export function pageById<T extends { id: string }>(
  all: T[],
  first: number,
  after?: string,
): Connection<T> {
  const start = after === undefined ? 0 : all.findIndex((x) => x.id > after);
  const from = start === -1 ? all.length : start;
  const items = all.slice(from, from + first);
  return keysetConnection(items, all.length, from + first < all.length, from > 0);
}

/**
 * A page of records whose ids the domain has already filtered and ordered by id: pages the ids,
 * then loads only that page's records (one batched read).
 */
export async function loadPageById<T extends { id: string }>(
  ids: string[],
  first: number,
  after: string | undefined,
  load: (ids: string[]) => Promise<T[]>,
): Promise<Connection<T>> {
  const page = pageById(
    ids.map((id) => ({ id })),
    first,
    after,
  );
  const found = new Map((await load(page.edges.map((e) => e.node.id))).map((r) => [r.id, r]));
  return {
    ...page,
    edges: page.edges.flatMap((e) => {
      const node = found.get(e.node.id);
      return node ? [{ cursor: e.cursor, node }] : [];
    }),
  };
}

export function offsetConnection<T>(items: T[], offset: number, totalCount: number): Connection<T> {
  const edges = items.map((node, i) => ({ node, cursor: encodeOffsetCursor(offset + i) }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: offset + items.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
