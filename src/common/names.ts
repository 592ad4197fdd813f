import { DomainError } from './domain-error';
import { normaliseName } from './text';

/**
 * Names and synonyms must each name one thing, or "fibro" could mean two conditions. Checks the
 * new name and synonyms against every existing name and synonym in one pass (one store read, not
 * one per name), and returns the name and the distinct synonyms a new entry records.
 */
export function freeNames(
  asked: { name: string; synonyms?: string[] | null },
  existing: Array<{ id: string; name: string; synonyms: string[] }>,
  what: string,
): { name: string; synonyms: string[] } {
  const input = { name: asked.name, synonyms: [...new Set(asked.synonyms ?? [])] };
  const holders = new Map<string, string>();
  for (const e of existing)
    for (const n of [e.name, ...e.synonyms]) holders.set(normaliseName(n), e.id);
  const candidates: Array<[string, string]> = [
    [input.name, 'input.name'],
    ...input.synonyms.map((s): [string, string] => [s, 'input.synonyms']),
  ];
  for (const [name, field] of candidates) {
    const holder = holders.get(normaliseName(name));
    if (holder) throw DomainError.badInput(field, `"${name}" already names ${what} ${holder}`);
  }
  return input;
}
