/**
 * Which existing claims a span most likely states, ranked. Three parts, each in [0, 1]:
 * - words (weight 0.4): BM25 over the claim texts (`similarityIndex`, as `similarClaims` ranks: MiniSearch's BM25+), divided by
 *   the best claim's score for this span, so the best-worded claim gets 1;
 * - coverage (0.3): the share of the claim's content-word stems that the span holds (absolute:
 *   a claim whose words are mostly in the span fits, whatever the other claims are);
 * - concepts (0.3): the claim's conditions and mechanisms against those found in the span, as a
 *   Jaccard overlap in which a claim condition broader than a found one counts half (the span
 *   names fibromyalgia; a chronic-pain claim half fits).
 * Rounded to three decimals, ties by claim id: the same input always gives the same list.
 */
import { RankedClaim, similarityIndex } from '../claims/claim.matching';
import { ReviewStatus } from '../graphql.schema';
import { ancestors, ConditionTerm, wordsOf } from './spotting';

export interface ClaimInput {
  id: string;
  text: string;
  reviewStatus: ReviewStatus;
  conditionIds: string[];
  mechanismIds: string[];
  interventionId: string | null;
}

export interface RankedCandidate {
  claimId: string;
  score: number;
}

const WEIGHTS = { words: 0.4, coverage: 0.3, concepts: 0.3 };

/** Common English function words, left out of the coverage share. */
const STOP = new Set(
  (
    'a an the and or but of to in on for with by from as at is are was were be been being it its ' +
    'this that these those such than then so not no nor can may might could would should will ' +
    'has have had do does did who whom which what when where how all any some more most other ' +
    'only also very their them they there one its into over after before up out about'
  ).split(' '),
);

export function contentStems(text: string): Set<string> {
  return new Set(
    wordsOf(text)
      .filter((w) => !STOP.has(w.raw.toLowerCase()))
      .map((w) => w.stem),
  );
}

/** Every condition above one of the found ones. */
export function above(
  found: ReadonlySet<string>,
  conditions: ReadonlyMap<string, ConditionTerm>,
): Set<string> {
  const out = new Set<string>();
  for (const f of found) for (const a of ancestors(f, conditions)) out.add(a);
  return out;
}

export function conceptOverlap(
  found: ReadonlySet<string>,
  claim: ClaimInput,
  aboveFound: ReadonlySet<string>,
): number {
  const claimIds = [...claim.conditionIds, ...claim.mechanismIds];
  const union = new Set([...found, ...claimIds]);
  if (union.size === 0) return 0;
  const above = aboveFound;
  let shared = 0;
  for (const id of claimIds) {
    if (found.has(id)) shared += 1;
    else if (above.has(id)) shared += 0.5;
  }
  return shared / union.size;
}

export class ClaimRanker {
  private readonly claims: ClaimInput[];
  private readonly stems = new Map<string, Set<string>>();
  private readonly bm25: (text: string, first: number) => RankedClaim[];

  constructor(
    claims: readonly ClaimInput[],
    private readonly conditions: ReadonlyMap<string, ConditionTerm>,
  ) {
    this.claims = claims.filter((c) => c.reviewStatus !== ReviewStatus.REJECTED);
    for (const c of this.claims) this.stems.set(c.id, contentStems(c.text));
    this.bm25 = similarityIndex(this.claims);
  }

  rank(spanText: string, found: ReadonlySet<string>, first: number): RankedCandidate[] {
    if (this.claims.length === 0) return [];
    const bm25 = this.bm25(spanText, this.claims.length);
    const best = bm25[0]?.score ?? 0;
    const words = new Map(bm25.map((r) => [r.id, best > 0 ? r.score / best : 0]));
    const spanStems = contentStems(spanText);
    const aboveFound = above(found, this.conditions);
    return this.claims
      .map((c) => {
        const claimStems = this.stems.get(c.id)!;
        let held = 0;
        for (const s of claimStems) if (spanStems.has(s)) held++;
        const coverage = claimStems.size ? held / claimStems.size : 0;
        const concepts = conceptOverlap(found, c, aboveFound);
        const score =
          WEIGHTS.words * (words.get(c.id) ?? 0) +
          WEIGHTS.coverage * coverage +
          WEIGHTS.concepts * concepts;
        return { claimId: c.id, score: Math.round(score * 1000) / 1000 };
      })
      .filter((r) => r.score > 0)
      .sort(
        (a, b) => b.score - a.score || (a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0),
      )
      .slice(0, first);
  }
}
