/**
 * Finding the vocabulary's conditions, mechanisms and interventions in a span by their names and
 * synonyms: words case- and accent-folded and compared by their Porter2 stems (the search index's
 * own word forms, `src/store/searchable-text.ts`), so "migraines" finds "migraine". A name written
 * in capitals of up to five letters ("FM", "TRD") is an acronym and must stand in capitals.
 * When one found name lies inside a longer one ("chronic pain" in "chronic pain syndrome",
 * "neuropathic pain" in "cancer-related neuropathic pain"), the longer, more specific one counts;
 * of a condition and its broader condition named in one span, only the narrower one is kept
 * where their words overlap.
 */
import { fold, stemOf } from '../store/searchable-text';

export interface VocabularyTerm {
  id: string;
  name: string;
  synonyms: string[];
}

export interface ConditionTerm extends VocabularyTerm {
  broaderIds: string[];
}

export interface InterventionTerm {
  id: string;
  name: string;
  drug: string | null;
}

export interface Vocabulary {
  conditions: ConditionTerm[];
  mechanisms: VocabularyTerm[];
  interventions: InterventionTerm[];
}

export interface Word {
  /** Original characters (UTF-16 offsets into the text). */
  start: number;
  end: number;
  raw: string;
  stem: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** A text's words with their offsets and stems. */
export function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = fold(m[0]);
    out.push({ start: m.index!, end: m.index! + m[0].length, raw: m[0], stem: stemOf(folded) });
  }
  return out;
}

interface Pattern {
  id: string;
  stems: string[];
  /** Acronyms: the raw words that must stand as written. */
  exact: string[] | null;
}

export interface Found {
  id: string;
  /** Offsets of the words matched, within the text searched. */
  start: number;
  end: number;
}

function isAcronym(name: string): boolean {
  return /^[\p{Lu}\d]{2,5}$/u.test(name.trim());
}

/** Brackets in a name qualify it ("Ketamine (any route)") and are not looked for. */
function bare(name: string): string {
  return name.replace(/\([^)]*\)/gu, ' ').trim();
}

export class Spotter {
  private readonly byFirst = new Map<string, Pattern[]>();

  constructor(terms: ReadonlyArray<{ id: string; names: string[] }>) {
    for (const t of terms)
      for (const name of t.names) {
        const clean = bare(name);
        const ws = wordsOf(clean);
        if (ws.length === 0) continue;
        const pattern: Pattern = {
          id: t.id,
          stems: ws.map((w) => w.stem),
          exact: isAcronym(clean) ? ws.map((w) => w.raw) : null,
        };
        const list = this.byFirst.get(pattern.stems[0]) ?? [];
        list.push(pattern);
        this.byFirst.set(pattern.stems[0], list);
      }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  }

  /** Every longest match, left to right; matches inside a longer match are dropped. */
  find(words: readonly Word[]): Found[] {
    const found: Found[] = [];
    for (let i = 0; i < words.length; i++) {
      for (const p of this.byFirst.get(words[i].stem) ?? []) {
        if (i + p.stems.length > words.length) continue;
        let ok = true;
        for (let k = 0; k < p.stems.length && ok; k++) {
          const w = words[i + k];
          ok = p.exact ? w.raw === p.exact[k] : w.stem === p.stems[k];
        }
        if (ok)
          found.push({ id: p.id, start: words[i].start, end: words[i + p.stems.length - 1].end });
      }
    }
    return found.filter(
      (f) =>
        !found.some(
          (g) =>
            g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start,
        ),
    );
  }
}

/** Every id above `id` in the hierarchy (its broader conditions, their broader ones, ...). */
export function ancestors(id: string, byId: ReadonlyMap<string, ConditionTerm>): Set<string> {
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.broaderIds ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next)?.broaderIds ?? []));
  }
  return seen;
}

/**
 * Found conditions, most specific kept: a condition whose match overlaps the match of a narrower
 * condition (one below it in the hierarchy) is left out.
 */
export function narrowest(found: Found[], byId: ReadonlyMap<string, ConditionTerm>): Found[] {
  return found.filter(
    (f) =>
      !found.some(
        (g) =>
          g.id !== f.id && g.start < f.end && f.start < g.end && ancestors(g.id, byId).has(f.id),
      ),
  );
}

/** Distinct ids in order of first appearance. */
export function distinctIds(found: readonly Found[]): string[] {
  return [...new Set([...found].sort((a, b) => a.start - b.start).map((f) => f.id))];
}
