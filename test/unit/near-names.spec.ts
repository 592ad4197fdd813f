/** Which names are close enough to offer as "Did you mean" for an unknown condition. */
import { closeness, MIN_SIMILARITY, similarity } from '../../src/conditions/near-names';

describe('near names', () => {
  it('measures similarity as 1 − edits ÷ the longer length', () => {
    expect(similarity('abcd', 'abcd')).toBe(1);
    expect(similarity('abcd', 'abce')).toBe(0.75);
    expect(similarity('abcd', 'wxyz')).toBe(0);
  });

  it('finds names sharing all word stems either way round', () => {
    expect(closeness('headaches', 'Headache')).toBe(1);
    expect(closeness('headache', 'Chronic headache')).toBe(1);
    expect(closeness('chronic headaches', 'Headache')).toBe(1);
  });

  it('finds typos: few edits for the length, of the whole name or of each word', () => {
    expect(closeness('hedache', 'Headache')).toBeGreaterThanOrEqual(MIN_SIMILARITY);
    expect(closeness('chronik hedache', 'Chronic headache')).toBeGreaterThanOrEqual(MIN_SIMILARITY);
  });

  it('offers nothing for a name sharing only a few letters or one word of several', () => {
    expect(closeness('headache', 'Spinal cord injury ache')).toBe(0);
    expect(closeness('headache', 'Backache')).toBe(0);
    expect(closeness('chronic headache', 'Chronic back pain')).toBe(0);
    expect(closeness('xyz', 'Headache')).toBe(0);
    expect(closeness('', 'Headache')).toBe(0);
  });
});
