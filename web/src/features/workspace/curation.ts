/**
 * The workspace's decisions as one importCuration input, and the server's refusals mapped back
 * to the workspace items that caused them. Pure (no React, no fetch), so it is unit-tested
 * without a browser (test/unit/web-workspace-curation.spec.ts).
 */
import type { ClaimKind, EvidenceRelation, GapKind, Hedging } from '../../gql/graphql';

/** The claim a work item states: an existing one, or a new one written in the workspace. */
export type ClaimChoice =
  | { kind: 'existing'; claimId: string; text: string }
  | { kind: 'new'; text: string; claimKind: ClaimKind }
  /** The new claim another item of this batch creates (a claim stated twice in one page). */
  | { kind: 'same-as'; item: string; text: string };

export type ItemStatus = 'open' | 'accepted' | 'rejected' | 'stored';

/** One span to curate: an assistant suggestion, or a passage an editor selected. */
export interface WorkItem {
  /** Stable within the page: `s<n>` for suggestions, `a<n>` for selections. */
  id: string;
  origin: 'suggestion' | 'selection';
  /** Code points, as the API's offsets. */
  start: number;
  end: number;
  quote: string;
  hedging: Hedging;
  claim: ClaimChoice;
  /** Given to a new claim (the vocabulary the span names). */
  conditionIds: string[];
  mechanismIds: string[];
  interventionId: string | null;
  /** An evidence gap on the claim, recorded when `include` (the assistant proposes some). */
  gap: { kind: GapKind; description: string; include: boolean };
  status: ItemStatus;
}

/** A study to link to a claim of this source (a work item's claim, or one already stored). */
export interface WorkLink {
  id: string;
  /** A work item's id (its claim), or a stored claim's id. */
  claim: { item: string } | { claimId: string };
  claimText: string;
  studyId: string;
  studyTitle: string;
  relation: EvidenceRelation;
}

export interface CurationInput {
  sourceId: string;
  claims: Array<{
    key: string;
    id?: string;
    text?: string;
    kind?: ClaimKind;
    interventionId?: string;
    conditionIds?: string[];
    mechanismIds?: string[];
  }>;
  statements: Array<{
    key: string;
    claim: string;
    quote: string;
    start: number;
    end: number;
    hedging: Hedging;
  }>;
  links: Array<{ key: string; claim: string; studyId: string; relation: EvidenceRelation }>;
  gaps: Array<{
    key: string;
    claim: string;
    kind: GapKind;
    description: string;
    statement: string;
  }>;
}

/** Where each input entry came from: `claims[0]` and its key both name the work item. */
export type Origins = Record<string, string>;

export function gapDescription(cue: string): string {
  return `The source says "${cue}" and cites no study for it.`;
}

/**
 * The accepted items (and links) as one importCuration input. Each item's claim gets a key of
 * its own (an existing claim is named by id there, so the server checks it still exists).
 */
export function curationInput(
  sourceId: string,
  items: readonly WorkItem[],
  links: readonly WorkLink[],
): { input: CurationInput; origins: Origins } {
  const input: CurationInput = { sourceId, claims: [], statements: [], links: [], gaps: [] };
  const origins: Origins = {};
  const note = (list: string, index: number, key: string, origin: string) => {
    origins[`${list}[${index}]`] = origin;
    origins[key] = origin;
  };
  const accepted = items.filter((i) => i.status === 'accepted');
  for (const item of accepted) {
    const claimKey =
      item.claim.kind === 'same-as' ? `${item.claim.item}-claim` : `${item.id}-claim`;
    if (item.claim.kind === 'same-as') {
      // Named by the other item's key: no claim entry of its own.
    } else if (item.claim.kind === 'existing') {
      note('claims', input.claims.length, claimKey, item.id);
      input.claims.push({ key: claimKey, id: item.claim.claimId });
    } else {
      note('claims', input.claims.length, claimKey, item.id);
      input.claims.push({
        key: claimKey,
        text: item.claim.text.trim(),
        kind: item.claim.claimKind,
        ...(item.interventionId ? { interventionId: item.interventionId } : {}),
        conditionIds: item.conditionIds,
        mechanismIds: item.mechanismIds,
      });
    }
    const statementKey = `${item.id}-statement`;
    note('statements', input.statements.length, statementKey, item.id);
    input.statements.push({
      key: statementKey,
      claim: claimKey,
      quote: item.quote,
      start: item.start,
      end: item.end,
      hedging: item.hedging,
    });
    if (item.gap.include) {
      const gapKey = `${item.id}-gap`;
      note('gaps', input.gaps.length, gapKey, item.id);
      input.gaps.push({
        key: gapKey,
        claim: claimKey,
        kind: item.gap.kind,
        description: item.gap.description.trim(),
        statement: statementKey,
      });
    }
  }
  const sent = new Set(accepted.map((i) => i.id));
  for (const link of links) {
    let claim: string;
    if ('item' in link.claim) {
      // A link to an item not sent (rejected meanwhile) has no claim to go to.
      if (!sent.has(link.claim.item)) continue;
      claim = `${link.claim.item}-claim`;
    } else {
      claim = link.claim.claimId;
    }
    const key = `${link.id}-link`;
    note('links', input.links.length, key, link.id);
    input.links.push({ key, claim, studyId: link.studyId, relation: link.relation });
  }
  return { input, origins };
}

/** A refused field as the workspace calls it. */
const FIELD_WORDS: Record<string, string> = {
  id: 'Claim',
  text: 'Claim text',
  kind: 'Claim kind',
  conditionIds: 'Conditions',
  claim: 'Claim',
  quote: 'Quote',
  start: 'Quote',
  hedging: 'Hedging',
  studyId: 'Study',
  relation: 'Relation',
  description: 'Gap',
  statement: 'Gap',
};

export interface Problem {
  item?: string;
  field?: string;
  reason?: string;
}

/**
 * The server's refusals by work item (or link) id. A problem names its item by key (the
 * service) or as `statements[3]` (input validation); one naming neither goes under ''.
 */
export function problemsByOrigin(
  problems: readonly Problem[],
  origins: Origins,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    const origin = (p.item && origins[p.item]) ?? '';
    const field = p.field ? p.field.replace(/^input\.\w+\[\d+\]\.?/, '') : '';
    const name = FIELD_WORDS[field] ?? field;
    const words = name ? `${name}: ${p.reason ?? 'is refused'}` : (p.reason ?? 'Refused');
    (out[origin] ??= []).push(words);
  }
  // "Names a refused item of this input" says nothing new next to that item's own refusal.
  for (const [origin, list] of Object.entries(out)) {
    const own = list.filter((w) => !/of this input, which is refused/.test(w));
    if (own.length > 0) out[origin] = own;
  }
  return out;
}

/**
 * Where typed words first stand in the text, in code points (the keyboard's way to select):
 * exactly, else ignoring case; null when absent.
 */
export function findWords(text: string, words: string): { start: number; end: number } | null {
  const wanted = words.trim();
  if (!wanted) return null;
  let at = text.indexOf(wanted);
  if (at < 0) at = text.toLowerCase().indexOf(wanted.toLowerCase());
  if (at < 0) return null;
  const start = codePoints(text, at);
  return { start, end: start + Array.from(wanted).length };
}

/** The code-point offsets of a passage with the whitespace at its ends left out (or null). */
export function trimmed(
  chars: readonly string[],
  start: number,
  end: number,
): { start: number; end: number } | null {
  let s = Math.max(0, start);
  let e = Math.min(chars.length, end);
  while (s < e && /\s/u.test(chars[s]!)) s++;
  while (e > s && /\s/u.test(chars[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

/** Code points in a UTF-16 string's first `units` code units. */
export function codePoints(text: string, units: number): number {
  return Array.from(text.slice(0, units)).length;
}
