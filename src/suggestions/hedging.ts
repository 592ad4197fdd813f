/**
 * Wording cues, in one place: how firmly a span words what it says (the hedging class and the
 * words that decided it), whether it leans on research it does not cite ("studies have shown"),
 * and whether a page cites anything at all. General English lexicons, not phrases of any page.
 *
 * The order of the decision:
 * 1. ATTRIBUTED: the span puts the statement in someone else's mouth ("scientists believe",
 *    "patients have reported", "is generally considered", "according to experts");
 * 2. HEDGED: a modal or softener ("may", "might", "could", "can", "potential", "possibly",
 *    "seems", "appears", "promising", "likely", "suggests");
 * 3. otherwise ASSERTIVE ("is", "provides", "has been shown", "studies have shown": a result
 *    stated as established fact, even when it leans on research).
 */
import { Hedging } from '../graphql.schema';

export interface HedgingJudgement {
  hedging: Hedging;
  /** The words that decided it, as they stand in the span, in reading order; empty for ASSERTIVE. */
  cues: string[];
}

const PEOPLE =
  '(?:scientists?|researchers?|experts?|doctors?|physicians?|clinicians?|specialists?|patients?|users?|people|individuals|many|some|others|proponents|advocates)';
const SAYING =
  '(?:believe[sd]?|think|thinks|thought|report(?:s|ed)?|say|says|said|claim(?:s|ed)?|agree[sd]?|describe[sd]?|swear|testify|testified)';

const ATTRIBUTION: RegExp[] = [
  // "scientists believe", "many patients have reported", "experts now agree"
  new RegExp(
    `\\b${PEOPLE}(?:\\s+\\w+){0,2}?\\s+(?:(?:have|has|had|often|now|widely|generally)\\s+){0,2}${SAYING}\\b`,
    'giu',
  ),
  // "is generally considered safe", "is widely believed", "are thought to"
  /\b(?:is|are|was|were|be|been)\s+(?:(?:generally|widely|often|commonly|usually|largely)\s+)?(?:considered|believed|thought|regarded|reported|said|claimed|held)\b/giu,
  // "according to experts" (not "according to the directions": instructions are not a source)
  /\baccording\s+to\s+(?:(?:the|some|many|most|recent|several)\s+)?(?:experts?|researchers?|scientists?|studies|study|research|doctors?|physicians?|specialists?|reports?|sources?|proponents|users|patients|surveys?)\b/giu,
  /\b(?:it\s+is|it's)\s+(?:widely\s+|generally\s+)?(?:believed|thought|said|claimed)\b/giu,
];

const HEDGE =
  /\b(?:may|might|could|can|potential(?:ly)?|possibl[ey]|perhaps|seems?|seemed|appears?|appeared|promising|likely|suggests?|suggested|hope(?:s|d)?\s+to|probably|arguably)\b/giu;

/** Research asserted as a source: "studies have shown", "has been proven", "research shows". */
const RESEARCH_CUES: RegExp[] = [
  /\b(?:studies|study|research|researchers|scientists|trials?|evidence|data|science|experts|clinical\s+trials)\s+(?:\w+\s+){0,2}?(?:(?:has|have|had)\s+)?(?:shown|show|shows|proven|prove|proves|demonstrated|demonstrates|demonstrate|found|finds|confirmed|confirms|confirm|indicates?|indicated|revealed|reveals?)\b/giu,
  /\b(?:has|have|had|been)\s+(?:(?:been|clinically|scientifically)\s+)*(?:shown|proven|demonstrated|confirmed)\b/giu,
  /\b(?:clinically|scientifically)\s+(?:proven|tested|shown)\b/giu,
];

/**
 * A page cites something when it carries a reference a reader can follow: a DOI, a PMID, an
 * author–year parenthesis ("(Smith et al., 2019)", "(Smith 2019)"), a numbered reference ("[3]"),
 * "et al." or a references heading.
 */
const CITATION_MARKS: RegExp[] = [
  /\b10\.\d{4,9}\/\S+/u,
  /\bPMID:?\s*\d{5,9}\b/iu,
  /\bet\s+al\b/iu,
  /\(\s*\p{Lu}[\p{L}'-]+(?:\s+(?:&|and)\s+\p{Lu}[\p{L}'-]+)?,?\s+(?:19|20)\d{2}[a-z]?\s*\)/u,
  /\[\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\]/u,
  /^\s*(?:references|bibliography|sources|works cited)\s*:?\s*$/imu,
];

function matches(patterns: RegExp[], text: string): Array<{ index: number; text: string }> {
  const found: Array<{ index: number; text: string }> = [];
  for (const p of patterns)
    for (const m of text.matchAll(p)) found.push({ index: m.index!, text: m[0] });
  return found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
}

function unique(found: Array<{ index: number; text: string }>): string[] {
  const out: string[] = [];
  let until = -1;
  for (const f of found) {
    if (f.index < until) continue;
    out.push(f.text);
    until = f.index + f.text.length;
  }
  return out;
}

/** The hedging class of a span and the cue words that decided it. */
export function judgeHedging(text: string): HedgingJudgement {
  const attributed = unique(matches(ATTRIBUTION, text));
  if (attributed.length) return { hedging: Hedging.ATTRIBUTED, cues: attributed };
  const hedged = unique(matches([HEDGE], text));
  if (hedged.length) return { hedging: Hedging.HEDGED, cues: hedged };
  return { hedging: Hedging.ASSERTIVE, cues: [] };
}

/** The words by which a span asserts research ("studies have shown"), or null. */
export function researchCue(text: string): string | null {
  return unique(matches(RESEARCH_CUES, text))[0] ?? null;
}

/** Whether a page's text cites anything (a DOI, PMID, author–year, numbered reference...). */
export function citesAnything(text: string): boolean {
  return CITATION_MARKS.some((p) => p.test(text));
}
