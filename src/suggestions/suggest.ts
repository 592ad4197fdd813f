/**
 * The extraction assistant's core, pure and deterministic: a page's text, the vocabulary and the
 * existing claims in; the spans that make claims about the intervention out, each with its
 * hedging and cues, the conditions, mechanisms and intervention it names, the claims it most
 * likely states, a draft claim text when none fits, and an uncited-research gap when due.
 *
 * One suggestion per span (a sentence or a list item). A sentence that names several conditions
 * is one suggestion listing them all; its candidates are ranked for the whole span.
 *
 * When a span makes a claim about the intervention:
 * - it is a sentence or list item, not a heading, a question or a lead-in ending in a colon (its
 *   items carry what it says), nor a call to action (addressed to the reader and advising an
 *   action: "you should", "talk to your doctor", "consider ...");
 * - it is about the intervention: it names it (a name, or the drug of an intervention), or among
 *   its first words one refers back ("it", "this treatment", "the same substance", "side
 *   effects"...) and one of the two spans before it in the same section is about it, or it is an
 *   item of a list whose lead-in is about it (a line that opens a list is about the intervention
 *   when it names it or the span before it is about it);
 * - and it says something a claim can be about: a condition or mechanism of the vocabulary, or a
 *   word of effect, use, safety or harm (EFFECT_WORDS below); a list item says what its lead-in
 *   says (the item completes it: "Side effects include:" / "- Blurred vision").
 */
import { Hedging } from '../graphql.schema';
import { ClaimInput, ClaimRanker, RankedCandidate } from './claim-ranking';
import { citesAnything, judgeHedging, researchCue } from './hedging';
import { segment, Segment } from './segmentation';
import {
  ConditionTerm,
  distinctIds,
  Found,
  InterventionTerm,
  narrowest,
  Spotter,
  Vocabulary,
  wordsOf,
} from './spotting';

export const MAX_CANDIDATES = 5;
/** Below this score the best candidate does not fit well, and a claim text is proposed. */
export const FIT_THRESHOLD = 0.5;

export interface StatementSuggestionResult {
  /** Code points, as statements are anchored. */
  start: number;
  end: number;
  text: string;
  hedging: Hedging;
  hedgingCues: string[];
  conditionIds: string[];
  mechanismIds: string[];
  interventionId: string | null;
  claimCandidates: RankedCandidate[];
  proposedClaimText: string | null;
  proposedGap: { kind: 'UNCITED_ASSERTION'; cue: string } | null;
}

/** Words of effect, use, safety and harm (general English and general clinical words). */
const EFFECT_WORDS = (
  'treat treatment relief relieve reduce reduction improve improvement help benefit beneficial ' +
  'effective efficacy effect alleviate lessen ease manage cure heal work result respond response ' +
  'block safe safety tolerate risk side adverse symptom pain mood relax sleep addictive addiction ' +
  'dependence dependency option alternative recovery remission quality function fast rapid quick ' +
  'lasting valuable success successful outcome prevent protect harm dangerous complication ' +
  'nausea vomiting headache dizziness drowsiness fatigue hallucination receptor inflammation'
)
  .split(' ')
  .map((w) => wordsOf(w)[0].stem);
const EFFECT_STEMS = new Set(EFFECT_WORDS);

/** A span that refers back to what was just said: the intervention, if the span before was. */
const REFERS_BACK =
  /^(?:[\p{L}\p{N}'’-]+[\s,]+){0,8}?(?:it|its|this|these|such|(?:the|this|that|these)\s+(?:[\p{L}-]+\s+)?(?:drug|medication|medicine|treatment|therapy|procedure|infusions?|substance|process|results?)|side\s+effects?|adverse\s+effects?)\b/iu;

/** Addressed to the reader ("you", "your") and advising an action: a call to action, not a claim. */
const READER = /\b(?:you|your|you're)\b/iu;
const ADVICE =
  /\b(?:you\s+should|consider|considering|talk\s+to|speak\s+(?:with|to)|consult|ask\s+your|contact|call\s+us|schedule|book)\b/iu;

export function isCallToAction(text: string): boolean {
  return READER.test(text) && ADVICE.test(text);
}

const LEADING_CONNECTIVE =
  /^(?:however|additionally|in addition|moreover|furthermore|also|therefore|thus|for this reason|as a result|in fact|but|and|so)\s*,?\s+/iu;

interface Prepared {
  conditions: Spotter;
  mechanisms: Spotter;
  interventions: Spotter;
  conditionsById: Map<string, ConditionTerm>;
  ranker: ClaimRanker;
}

function prepare(vocabulary: Vocabulary, claims: readonly ClaimInput[]): Prepared {
  const conditionsById = new Map(vocabulary.conditions.map((c) => [c.id, c]));
  const interventionNames = (i: InterventionTerm) => [i.name, ...(i.drug ? [i.drug] : [])];
  return {
    conditions: new Spotter(
      vocabulary.conditions.map((c) => ({ id: c.id, names: [c.name, ...c.synonyms] })),
    ),
    mechanisms: new Spotter(
      vocabulary.mechanisms.map((m) => ({ id: m.id, names: [m.name, ...m.synonyms] })),
    ),
    interventions: new Spotter(
      vocabulary.interventions.map((i) => ({ id: i.id, names: interventionNames(i) })),
    ),
    conditionsById,
    ranker: new ClaimRanker(claims, conditionsById),
  };
}

/**
 * The intervention a span names: the one most of whose name's words stand in the span (so
 * "ketamine infusion therapy" is the IV infusion, plain "ketamine" the drug in general); ties go
 * to the shorter name, then the id.
 */
function interventionOf(
  span: string,
  found: Found[],
  p: Prepared,
  vocabulary: Vocabulary,
): string | null {
  if (found.length === 0) return null;
  const spanStems = new Set(wordsOf(span).map((w) => w.stem));
  const scored = vocabulary.interventions
    .filter((i) => found.some((f) => f.id === i.id) || (i.drug && found.length > 0))
    .map((i) => {
      const nameStems = wordsOf(i.name.replace(/\([^)]*\)/gu, '')).map((w) => w.stem);
      return {
        id: i.id,
        held: nameStems.filter((s) => spanStems.has(s)).length,
        size: nameStems.length,
      };
    })
    .filter((s) => s.held > 0)
    .sort((a, b) => b.held - a.held || a.size - b.size || (a.id < b.id ? -1 : 1));
  return scored[0]?.id ?? found[0].id;
}

/** UTF-16 index -> code point index, for every index of the text. */
function codePointIndex(text: string): (utf16: number) => number {
  const map = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = cp;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        map[i + 1] = cp;
        i++;
      }
    }
    cp++;
  }
  map[text.length] = cp;
  return (i) => map[i];
}

/** A draft claim text from the span: connectives dropped, a leading "it" named, capitalised. */
export function draftClaimText(span: string, interventionName: string | null): string {
  let text = span.replace(LEADING_CONNECTIVE, '').trim();
  if (interventionName) text = text.replace(/^it\b/iu, interventionName);
  text = text.replace(/[.!;:,]+$/u, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function suggest(
  sourceText: string,
  vocabulary: Vocabulary,
  claims: readonly ClaimInput[],
): StatementSuggestionResult[] {
  const p = prepare(vocabulary, claims);
  const segments = segment(sourceText);
  const toCodePoint = codePointIndex(sourceText);
  const cites = citesAnything(sourceText);
  const namesIntervention = segments.map((s) => p.interventions.find(wordsOf(s.text)).length > 0);
  const about: boolean[] = [];
  const says: boolean[] = [];
  const out: StatementSuggestionResult[] = [];
  segments.forEach((s: Segment, i) => {
    about[i] = namesIntervention[i] || isAboutByReference(s, i, segments, about);
    const words = wordsOf(s.text);
    if (s.opensList) says[i] = words.some((w) => EFFECT_STEMS.has(w.stem));
    // Headings and questions assert nothing; a lead-in ending in a colon is completed by its items.
    if (s.kind === 'heading' || s.opensList || /\?\s*$/u.test(s.text) || !about[i]) return;
    if (isCallToAction(s.text)) return;
    const conditions = narrowest(p.conditions.find(words), p.conditionsById);
    const mechanisms = p.mechanisms.find(words);
    says[i] =
      conditions.length > 0 ||
      mechanisms.length > 0 ||
      words.some((w) => EFFECT_STEMS.has(w.stem)) ||
      (s.kind === 'item' && s.lead >= 0 && says[s.lead]);
    if (!says[i]) return;
    let judged = judgeHedging(s.text);
    if (s.kind === 'item' && judged.hedging === Hedging.ASSERTIVE && s.lead >= 0)
      judged = judgeHedging(segments[s.lead].text); // an item completes its lead-in
    const conditionIds = distinctIds(conditions);
    const mechanismIds = distinctIds(mechanisms);
    const interventionFound = p.interventions.find(words);
    let interventionId = interventionOf(s.text, interventionFound, p, vocabulary);
    if (!interventionId) interventionId = nearestIntervention(i, segments, p, vocabulary);
    // A span that names no condition is ranked as about its section's (or else the page's) topic.
    const topic = conditionIds.length ? [] : topicConditions(i, segments, p);
    const claimCandidates = p.ranker.rank(
      s.text,
      new Set([...conditionIds, ...topic, ...mechanismIds]),
      MAX_CANDIDATES,
    );
    const fits = (claimCandidates[0]?.score ?? 0) >= FIT_THRESHOLD;
    const interventionName =
      vocabulary.interventions
        .find((v) => v.id === interventionId)
        ?.name.replace(/\s*\([^)]*\)/gu, '') ?? null;
    const cue = researchCue(s.text);
    out.push({
      start: toCodePoint(s.start),
      end: toCodePoint(s.end),
      text: s.text,
      hedging: judged.hedging,
      hedgingCues: judged.cues,
      conditionIds,
      mechanismIds,
      interventionId,
      claimCandidates,
      proposedClaimText: fits ? null : draftClaimText(s.text, interventionName),
      proposedGap: cue && !cites ? { kind: 'UNCITED_ASSERTION', cue } : null,
    });
  });
  return out;
}

/** Spans back that a referring word may point to. */
const REFERENCE_WINDOW = 2;

function isAboutByReference(
  s: Segment,
  i: number,
  segments: readonly Segment[],
  about: readonly boolean[],
): boolean {
  if (s.kind === 'item') return s.lead >= 0 && about[s.lead];
  if (s.continues) return about[i - 1];
  if (!s.opensList && (s.kind === 'heading' || !REFERS_BACK.test(s.text))) return false;
  let seen = 0;
  for (let j = i - 1; j >= 0 && seen < REFERENCE_WINDOW; j--) {
    const prev = segments[j];
    if (prev.kind === 'item') continue;
    if (about[j]) return true;
    if (prev.kind === 'heading' && !prev.opensList) return false;
    seen++;
  }
  return false;
}

/** Conditions named by the heading of a span's section, or else by the page's first heading. */
function topicConditions(i: number, segments: readonly Segment[], p: Prepared): string[] {
  const named = (j: number) =>
    distinctIds(narrowest(p.conditions.find(wordsOf(segments[j].text)), p.conditionsById));
  const section = segments[i].section;
  if (section >= 0) {
    const own = named(section);
    if (own.length) return own;
  }
  const title = segments.findIndex((s) => s.kind === 'heading');
  return title >= 0 && title < i ? named(title) : [];
}

/** The intervention of the nearest span before that names one (for a span that refers back). */
function nearestIntervention(
  i: number,
  segments: readonly Segment[],
  p: Prepared,
  vocabulary: Vocabulary,
): string | null {
  for (let j = i - 1; j >= 0; j--) {
    const found = p.interventions.find(wordsOf(segments[j].text));
    if (found.length) return interventionOf(segments[j].text, found, p, vocabulary);
  }
  return null;
}
