/**
 * `npm run bench`: the extraction assistant, measured leave-one-out on the five seed sources.
 *
 * For each held-out source the assistant gets:
 * - the whole vocabulary (conditions with synonyms and hierarchy, mechanisms, interventions):
 *   it is not source-specific;
 * - only the claims that the OTHER four sources' curated statements anchor. A claim that only the
 *   held-out source states is held out with it (it cannot be ranked; such statements are counted
 *   apart as "claim unseen").
 * Nothing of the held-out source's curation (its statements, hedging, claims, gaps) is seen.
 *
 * Scores against the hand curation of the held-out source:
 * - a suggestion MATCHES a curated statement when their overlap is at least half of the curated
 *   span's length (in code points) — asymmetric, the issue's wording; the symmetric variant (at
 *   least half of each of the two spans) is printed next to it;
 * - recall: curated statements matched by some suggestion; precision: suggestions matching some
 *   curated statement;
 * - one suggestion per span (sentence, ", which" clause or list item): a sentence that curators
 *   split into several statements (one per claim, overlapping) is ONE suggestion that may match
 *   all of them; each such statement counts for recall, hedging and top three on its own;
 * - hedging accuracy: over matched curated statements, the suggestion's class equals the curated
 *   one (each statement is paired with the matching suggestion that overlaps it most);
 * - condition F1: micro-averaged over matched suggestions, the conditions found against the union
 *   of the conditions of the claims of the curated statements it matches;
 * - top three: over matched statements whose curated claim is among the training claims, the
 *   curated claim is among the suggestion's first three candidates;
 * - unseen: share of matched statements whose curated claim is not among the training claims;
 *   draft: of those, the share given a proposed claim text (no candidate fitted well);
 * - gaps: the curated UNCITED_ASSERTION gaps of matched statements, against proposed gaps.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReviewStatus } from '../src/graphql.schema';
import { CuratedClaim, CuratedGap, CuratedSource, CuratedStatement } from '../src/seed/curation';
import { ClaimInput } from '../src/suggestions/claim-ranking';
import { Vocabulary } from '../src/suggestions/spotting';
import { suggest, StatementSuggestionResult } from '../src/suggestions/suggest';

const SEEDS = join(__dirname, '..', 'seeds');
const read = <T>(file: string): T =>
  JSON.parse(readFileSync(join(SEEDS, 'curation', file), 'utf8')) as T;

/** Every seeded statement carries its offsets (the anchoring tool writes them). */
type Anchored = CuratedStatement & { start: number; end: number };

type Source = Omit<CuratedSource, 'statements'> & { statements: Anchored[] };

const sources = read<Source[]>('sources.json');
const claims = read<CuratedClaim[]>('claims.json');
const gaps = read<CuratedGap[]>('gaps.json');
const uncited = new Set(gaps.filter((g) => g.kind === 'UNCITED_ASSERTION').map((g) => g.statement));
const vocabulary: Vocabulary = {
  conditions: read<Array<{ id: string; name: string; synonyms: string[]; broader: string[] }>>(
    'conditions.json',
  ).map((c) => ({ id: c.id, name: c.name, synonyms: c.synonyms, broaderIds: c.broader })),
  mechanisms: read<Array<{ id: string; name: string; synonyms: string[] }>>('mechanisms.json'),
  interventions:
    read<Array<{ id: string; name: string; drug: string | null }>>('interventions.json'),
};
const claimById = new Map(claims.map((c) => [c.id, c]));

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}
const matchesAsym = (s: StatementSuggestionResult, c: Anchored) =>
  overlap(s, c) * 2 >= c.end - c.start;
const matchesSym = (s: StatementSuggestionResult, c: Anchored) =>
  matchesAsym(s, c) && overlap(s, c) * 2 >= s.end - s.start;

interface Counts {
  curated: number;
  suggestions: number;
  recalled: number;
  precise: number;
  recalledSym: number;
  preciseSym: number;
  hedgingRight: number;
  condTp: number;
  condFp: number;
  condFn: number;
  topThreeEligible: number;
  topThreeRight: number;
  claimUnseen: number;
  draftWhenUnseen: number;
  gapCurated: number;
  gapFound: number;
  gapProposed: number;
  gapProposedRight: number;
}

const zero = (): Counts => ({
  curated: 0,
  suggestions: 0,
  recalled: 0,
  precise: 0,
  recalledSym: 0,
  preciseSym: 0,
  hedgingRight: 0,
  condTp: 0,
  condFp: 0,
  condFn: 0,
  topThreeEligible: 0,
  topThreeRight: 0,
  claimUnseen: 0,
  draftWhenUnseen: 0,
  gapCurated: 0,
  gapFound: 0,
  gapProposed: 0,
  gapProposedRight: 0,
});

function evaluate(held: Source): Counts {
  const text = readFileSync(join(SEEDS, 'sources', held.file), 'utf8');
  const trainingClaimIds = new Set(
    sources.filter((s) => s.id !== held.id).flatMap((s) => s.statements.map((st) => st.claim)),
  );
  const training: ClaimInput[] = [...trainingClaimIds].sort().map((id) => {
    const c = claimById.get(id)!;
    return {
      id,
      text: c.text,
      reviewStatus: ReviewStatus.ACCEPTED,
      conditionIds: c.conditions,
      mechanismIds: c.mechanisms,
      interventionId: c.intervention,
    };
  });
  const suggestions = suggest(text, vocabulary, training);
  const n = zero();
  n.curated = held.statements.length;
  n.suggestions = suggestions.length;
  const verbose = process.env.BENCH_VERBOSE === '1';
  for (const c of held.statements) {
    if (verbose && !suggestions.some((s) => matchesAsym(s, c)))
      console.log(`  missed   ${held.id}: ${JSON.stringify(c.quote)}`);
    const matching = suggestions.filter((s) => matchesAsym(s, c));
    if (suggestions.some((s) => matchesSym(s, c))) n.recalledSym++;
    if (uncited.has(c.id)) n.gapCurated++;
    if (matching.length === 0) continue;
    n.recalled++;
    const best = [...matching].sort((a, b) => overlap(b, c) - overlap(a, c))[0];
    if (best.hedging === c.hedging) n.hedgingRight++;
    else if (verbose)
      console.log(
        `  hedging  ${JSON.stringify(c.quote)}: ${best.hedging} [${best.hedgingCues}] curated ${c.hedging}`,
      );
    if (uncited.has(c.id) && best.proposedGap) n.gapFound++;
    if (!trainingClaimIds.has(c.claim)) {
      n.claimUnseen++;
      if (best.proposedClaimText) n.draftWhenUnseen++;
    } else {
      n.topThreeEligible++;
      if (best.claimCandidates.slice(0, 3).some((k) => k.claimId === c.claim)) n.topThreeRight++;
    }
  }
  for (const s of suggestions) {
    const matched = held.statements.filter((c) => matchesAsym(s, c));
    if (held.statements.some((c) => matchesSym(s, c))) n.preciseSym++;
    if (s.proposedGap) {
      n.gapProposed++;
      if (matched.some((c) => uncited.has(c.id))) n.gapProposedRight++;
    }
    if (verbose && matched.length === 0)
      console.log(`  extra    ${held.id}: ${JSON.stringify(s.text)}`);
    if (matched.length === 0) continue;
    n.precise++;
    const gold = new Set(matched.flatMap((c) => claimById.get(c.claim)!.conditions));
    const found = new Set(s.conditionIds);
    if (
      verbose &&
      (![...found].every((id) => gold.has(id)) || ![...gold].every((id) => found.has(id)))
    )
      console.log(
        `  cond     ${JSON.stringify(s.text)} found [${[...found]}] curated [${[...gold]}]`,
      );
    for (const id of found)
      if (gold.has(id)) n.condTp++;
      else n.condFp++;
    for (const id of gold) if (!found.has(id)) n.condFn++;
  }
  return n;
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
function scores(n: Counts) {
  const p = ratio(n.condTp, n.condTp + n.condFp) ?? 0;
  const r = ratio(n.condTp, n.condTp + n.condFn) ?? 0;
  return {
    curatedStatements: n.curated,
    suggestions: n.suggestions,
    recall: ratio(n.recalled, n.curated),
    precision: ratio(n.precise, n.suggestions),
    recallSymmetric: ratio(n.recalledSym, n.curated),
    precisionSymmetric: ratio(n.preciseSym, n.suggestions),
    hedgingAccuracy: ratio(n.hedgingRight, n.recalled),
    conditionF1: p + r === 0 ? 0 : Math.round(((2 * p * r) / (p + r)) * 1000) / 1000,
    topThree: ratio(n.topThreeRight, n.topThreeEligible),
    claimUnseenShare: ratio(n.claimUnseen, n.recalled),
    draftWhenUnseen: ratio(n.draftWhenUnseen, n.claimUnseen),
    uncitedGapRecall: ratio(n.gapFound, n.gapCurated),
    uncitedGapPrecision: ratio(n.gapProposedRight, n.gapProposed),
  };
}

function main(): void {
  const perSource: Record<string, ReturnType<typeof scores>> = {};
  const total = zero();
  for (const held of sources) {
    const n = evaluate(held);
    perSource[held.id] = scores(n);
    for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += n[k];
  }
  const overall = scores(total);
  const cols: Array<[string, keyof ReturnType<typeof scores>]> = [
    ['stmts', 'curatedStatements'],
    ['sugg', 'suggestions'],
    ['recall', 'recall'],
    ['prec', 'precision'],
    ['rec-sym', 'recallSymmetric'],
    ['prec-sym', 'precisionSymmetric'],
    ['hedging', 'hedgingAccuracy'],
    ['cond-F1', 'conditionF1'],
    ['top-3', 'topThree'],
    ['unseen', 'claimUnseenShare'],
    ['draft', 'draftWhenUnseen'],
    ['gap-rec', 'uncitedGapRecall'],
    ['gap-prec', 'uncitedGapPrecision'],
  ];
  const fmt = (v: number | null) => (v === null ? '-' : String(v));
  const rows = [
    ['source', ...cols.map(([h]) => h)],
    ...Object.entries(perSource).map(([id, s]) => [id, ...cols.map(([, k]) => fmt(s[k]))]),
    ['OVERALL', ...cols.map(([, k]) => fmt(overall[k]))],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('extraction assistant, leave one out over the 5 seed sources');
  console.log(
    'held out per run: the source, its statements and every claim only it states; vocabulary is whole',
  );
  console.log(
    'match: overlap >= half of the curated span (rec-sym/prec-sym: >= half of both spans); one suggestion per sentence, ", which" clause or list item, matching every curated statement it covers',
  );
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  console.log('aims: recall >= 0.8, precision >= 0.6, hedging >= 0.85, top-3 >= 0.7');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'suggestions.json'),
    JSON.stringify({ perSource, overall }, null, 2) + '\n',
  );
}

main();
