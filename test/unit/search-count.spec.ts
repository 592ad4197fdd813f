/**
 * The count a search reports (SearchService): the store counts up to the cap + 1 and no further;
 * the domain turns that into an exact count or the cap flagged as a lower bound.
 */
import { searchCount, SEARCH_CANDIDATES } from '../../src/search/search.service';

describe('searchCount', () => {
  it('is exact up to the cap', () => {
    expect(searchCount(0, 3)).toEqual({ totalCount: 0, atLeast: false });
    expect(searchCount(2, 3)).toEqual({ totalCount: 2, atLeast: false });
    expect(searchCount(3, 3)).toEqual({ totalCount: 3, atLeast: false });
  });

  it('above the cap, says the cap and that more matched', () => {
    expect(searchCount(4, 3)).toEqual({ totalCount: 3, atLeast: true });
    expect(searchCount(SEARCH_CANDIDATES + 1, SEARCH_CANDIDATES)).toEqual({
      totalCount: SEARCH_CANDIDATES,
      atLeast: true,
    });
  });
});
