import { MAX_NAME_LENGTH, MAX_SEARCH_LENGTH, maxLengthOf } from '../../src/graphql/argument-limits';
import { LIMITS } from '../../src/common/validation';

describe('string argument maxima', () => {
  it('lets a whole claim text be checked for similar claims, search text up to 1,000, names 200', () => {
    expect(maxLengthOf('Query.similarClaims.text')).toBe(LIMITS.claimText);
    expect(maxLengthOf('Query.search.text')).toBe(MAX_SEARCH_LENGTH);
    expect(maxLengthOf('ClaimFilter.text')).toBe(MAX_SEARCH_LENGTH);
    expect(maxLengthOf('Query.evidenceReport.condition')).toBe(MAX_NAME_LENGTH);
    expect(maxLengthOf('Query.claim.id')).toBe(MAX_NAME_LENGTH);
  });
});
