/** Relay connections: opaque cursors, page sizes, keyset (by id) and offset pages. */
import {
  MAX_PAGE_SIZE,
  decodeIdCursor,
  decodeOffsetCursor,
  encodeIdCursor,
  encodeOffsetCursor,
  offsetConnection,
  pageById,
  pageSize,
} from '../../src/common/connection';
import { DomainError, ErrorCode } from '../../src/common/domain-error';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('id cursors', () => {
  it.each([['claim-ketamine-crps'], ['study:with:colons'], ['ünïcödé-😀'], ['x']])(
    'round-trip %j',
    (id) => {
      expect(decodeIdCursor(encodeIdCursor(id))).toBe(id);
    },
  );

  it('are opaque base64url tokens, not the raw id', () => {
    const c = encodeIdCursor('claim-ketamine-crps');
    expect(c).not.toContain('claim-ketamine-crps');
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('decode to undefined when absent', () => {
    expect(decodeIdCursor(undefined)).toBeUndefined();
    expect(decodeIdCursor(null)).toBeUndefined();
  });

  it('reject an offset cursor as BAD_USER_INPUT on field "after"', () => {
    const e = thrown(() => decodeIdCursor(encodeOffsetCursor(3)));
    expect(e.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details.field).toBe('after');
    expect(e.details.reason).toBe('not a cursor from this list');
  });

  it('reject a garbage cursor as BAD_USER_INPUT', () => {
    const e = thrown(() => decodeIdCursor('not-a-cursor'));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details.field).toBe('after');
  });

  it('reject a cursor holding an empty id', () => {
    expect(thrown(() => decodeIdCursor(encodeIdCursor(''))).code).toBe('BAD_USER_INPUT');
  });

  it('name the field they were given', () => {
    expect(thrown(() => decodeIdCursor('bogus', 'before')).details.field).toBe('before');
  });
});

describe('offset cursors', () => {
  it('round-trip to the offset after the one encoded (where the next page starts)', () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(0))).toBe(1);
    expect(decodeOffsetCursor(encodeOffsetCursor(41))).toBe(42);
  });

  it('decode to 0 when absent', () => {
    expect(decodeOffsetCursor(undefined)).toBe(0);
    expect(decodeOffsetCursor(null)).toBe(0);
  });

  it('reject an id cursor as BAD_USER_INPUT on field "after"', () => {
    const e = thrown(() => decodeOffsetCursor(encodeIdCursor('claim-1')));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details.field).toBe('after');
  });

  it('reject a garbage cursor and a negative offset', () => {
    expect(thrown(() => decodeOffsetCursor('garbage')).code).toBe('BAD_USER_INPUT');
    const negative = Buffer.from('offset:-1', 'utf8').toString('base64url');
    expect(thrown(() => decodeOffsetCursor(negative)).code).toBe('BAD_USER_INPUT');
  });
});

describe('pageSize', () => {
  it('defaults to 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it('accepts 0 and values up to the maximum of 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
  });

  it('refuses more than 100 as BAD_USER_INPUT on field "first"', () => {
    const e = thrown(() => pageSize(101));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details.field).toBe('first');
    expect(e.details.reason).toBe('must be at most 100');
  });

  it('rejects negatives as BAD_USER_INPUT on field "first"', () => {
    const e = thrown(() => pageSize(-1));
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.details.field).toBe('first');
    expect(e.details.reason).toBe('must be a non-negative integer');
  });

  it('rejects a non-integer', () => {
    expect(thrown(() => pageSize(2.5)).code).toBe('BAD_USER_INPUT');
  });

  it('names the field it was given', () => {
    expect(thrown(() => pageSize(-3, 'limit')).details.field).toBe('limit');
  });
});

describe('pageById', () => {
  const all = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, name: id.toUpperCase() }));
  const ids = (c: { edges: Array<{ node: { id: string } }> }) => c.edges.map((e) => e.node.id);

  it('returns the first page with hasNextPage and without hasPreviousPage', () => {
    const page = pageById(all, 2);
    expect(ids(page)).toEqual(['a', 'b']);
    expect(page.totalCount).toBe(5);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.pageInfo.hasPreviousPage).toBe(false);
    expect(page.pageInfo.startCursor).toBe(encodeIdCursor('a'));
    expect(page.pageInfo.endCursor).toBe(encodeIdCursor('b'));
    expect(page.edges[1].cursor).toBe(encodeIdCursor('b'));
  });

  it('walks every page via endCursor, without gaps or repeats', () => {
    const seen: string[] = [];
    let after: string | undefined;
    const flags: Array<[boolean, boolean]> = [];
    for (let i = 0; i < 10; i++) {
      const page = pageById(all, 2, after);
      seen.push(...ids(page));
      flags.push([page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage]);
      if (!page.pageInfo.hasNextPage) break;
      after = decodeIdCursor(page.pageInfo.endCursor);
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(flags).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });

  it('has no next page when the page ends exactly at the last item', () => {
    const page = pageById(all, 2, 'c');
    expect(ids(page)).toEqual(['d', 'e']);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.pageInfo.hasPreviousPage).toBe(true);
  });

  it('resumes after an id that is no longer in the list (stable under deletes)', () => {
    const without = all.filter((x) => x.id !== 'b');
    expect(ids(pageById(without, 2, 'b'))).toEqual(['c', 'd']);
  });

  it('returns an empty page with null cursors after the last item', () => {
    const page = pageById(all, 2, 'e');
    expect(page.edges).toEqual([]);
    expect(page.totalCount).toBe(5);
    expect(page.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('returns everything in one page when first covers the list', () => {
    const page = pageById(all, 100);
    expect(ids(page)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(page.pageInfo.hasPreviousPage).toBe(false);
  });
});

describe('offsetConnection', () => {
  it('gives each edge an offset cursor and reports the next page', () => {
    const c = offsetConnection(['x', 'y'], 0, 5);
    expect(c.edges).toEqual([
      { node: 'x', cursor: encodeOffsetCursor(0) },
      { node: 'y', cursor: encodeOffsetCursor(1) },
    ]);
    expect(c.totalCount).toBe(5);
    expect(c.pageInfo.hasNextPage).toBe(true);
    expect(c.pageInfo.hasPreviousPage).toBe(false);
  });

  it('continues from the endCursor of the previous page', () => {
    const first = offsetConnection(['x', 'y'], 0, 5);
    const next = decodeOffsetCursor(first.pageInfo.endCursor);
    expect(next).toBe(2);
    const second = offsetConnection(['z', 'w'], next, 5);
    expect(second.pageInfo.startCursor).toBe(encodeOffsetCursor(2));
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.pageInfo.hasNextPage).toBe(true);
  });

  it('has no next page on the last page', () => {
    const c = offsetConnection(['v'], 4, 5);
    expect(c.pageInfo.hasNextPage).toBe(false);
    expect(c.pageInfo.hasPreviousPage).toBe(true);
  });

  it('has null cursors when empty', () => {
    expect(offsetConnection([], 0, 0).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
