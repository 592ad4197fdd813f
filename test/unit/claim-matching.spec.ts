/** Claims compared by their words: the duplicate rule and the similar-claims ranking. */
import { claimKey, rankSimilar, sameClaim, textContains } from '../../src/claims/claim.matching';
import { ReviewStatus } from '../../src/graphql.schema';

const claim = (id: string, text: string, reviewStatus = ReviewStatus.ACCEPTED) => ({
  id,
  text,
  reviewStatus,
});

describe('claimKey', () => {
  it('sets aside case, spacing, Unicode composition and punctuation at the ends', () => {
    expect(claimKey('  Ketamine  RELIEVES\u00A0pain. ')).toBe('ketamine relieves pain');
    expect(claimKey('\u201CCaf\u00E9 patients improve\u201D')).toBe(
      claimKey('cafe\u0301 patients improve'),
    );
    expect(claimKey('Ketamine relieves pain?!')).toBe('ketamine relieves pain');
  });

  it('keeps punctuation and words inside the text: a different proposition stays different', () => {
    expect(claimKey('Ketamine relieves pain, not mood')).not.toBe(
      claimKey('Ketamine relieves pain not mood'),
    );
    expect(claimKey('Ketamine relieves pain')).not.toBe(claimKey('Ketamine relieves no pain'));
  });
});

describe('sameClaim', () => {
  const claims = [
    claim('c-1', 'Ketamine relieves pain.'),
    claim('c-2', 'Ketamine lifts mood', ReviewStatus.REJECTED),
    claim('c-3', 'Ketamine helps sleep', ReviewStatus.SUBMITTED),
  ];

  it('finds an accepted or submitted claim with the same normalised text', () => {
    expect(sameClaim('ketamine relieves  PAIN', claims)?.id).toBe('c-1');
    expect(sameClaim('Ketamine helps sleep!', claims)?.id).toBe('c-3');
  });

  it('ignores rejected claims and the claim being edited', () => {
    expect(sameClaim('Ketamine lifts mood', claims)).toBeUndefined();
    expect(sameClaim('Ketamine relieves pain', claims, 'c-1')).toBeUndefined();
  });
});

describe('textContains', () => {
  it('is case-insensitive and spacing-insensitive', () => {
    expect(textContains('Ketamine relieves\u00A0Pain quickly', 'relieves pain')).toBe(true);
    expect(textContains('Ketamine relieves pain', 'mood')).toBe(false);
  });
});

describe('rankSimilar', () => {
  const claims = [
    claim('c-a', 'Ketamine infusions relieve fibromyalgia pain'),
    claim('c-b', 'Ketamine relieves depression within hours'),
    claim('c-c', 'Esketamine nasal spray is approved for depression'),
    claim('c-d', 'Ketamine infusions relieve CRPS pain', ReviewStatus.REJECTED),
    claim('c-e', 'Magnesium helps migraine'),
  ];

  it('ranks by shared rare words first, with scores, and leaves out rejected and unrelated claims', () => {
    const ranked = rankSimilar('ketamine infusion relieves pain in fibromyalgia', claims, 10);
    expect(ranked[0].id).toBe('c-a');
    expect(ranked.map((r) => r.id)).not.toContain('c-d');
    expect(ranked.map((r) => r.id)).not.toContain('c-e');
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i].score).toBeLessThanOrEqual(ranked[i - 1].score);
    expect(ranked[0].score).toBeGreaterThan(0);
  });

  it('is deterministic whatever the order of the claims, and honours first', () => {
    const q = 'ketamine depression';
    const forward = rankSimilar(q, claims, 10);
    expect(rankSimilar(q, [...claims].reverse(), 10)).toEqual(forward);
    expect(
      forward
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['c-b', 'c-c'].sort());
    expect(rankSimilar(q, claims, 1)).toEqual(forward.slice(0, 1));
  });

  it('finds nothing for words no claim has', () => {
    expect(rankSimilar('zebra violin', claims, 10)).toEqual([]);
  });
});
