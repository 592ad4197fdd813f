import { DomainError } from './domain-error';
import { normaliseLabel } from './text';

/**
 * Names and synonyms must each name one thing, or "fibro" could mean two conditions. Checks the
 * new name and synonyms against every existing label in one pass (one store read, not one per label).
 */
export function assertLabelsFree(
  input: { name: string; synonyms: string[] },
  existing: Array<{ id: string; name: string; synonyms: string[] }>,
  what: string,
): void {
  const holders = new Map<string, string>();
  for (const e of existing)
    for (const l of [e.name, ...e.synonyms]) holders.set(normaliseLabel(l), e.id);
  const candidates: Array<[string, string]> = [
    [input.name, 'input.name'],
    ...input.synonyms.map((s): [string, string] => [s, 'input.synonyms']),
  ];
  for (const [label, field] of candidates) {
    const holder = holders.get(normaliseLabel(label));
    if (holder) throw DomainError.badInput(field, `"${label}" already names ${what} ${holder}`);
  }
}
