/**
 * What search matches and shows for each node type: a label (what a hit is called) and a body
 * (the words it is found by). One definition, indexed by both adapters, so the two stores find the
 * same nodes for the same words.
 */
import { NodeType } from '../graphql.schema';
import type { NodeRecords } from './ports';

export interface SearchableText {
  label: string;
  body: string;
}

const vocabulary = (r: { name: string; synonyms: string[]; description: string | null }) => ({
  label: r.name,
  body: [r.name, ...r.synonyms, r.description ?? ''].join(' \n'),
});

const TEXT: { [T in NodeType]: (r: NodeRecords[T]) => SearchableText } = {
  [NodeType.SOURCE]: (r) => ({ label: r.title, body: r.text }),
  [NodeType.STATEMENT]: (r) => ({ label: r.quote, body: r.quote }),
  [NodeType.CLAIM]: (r) => ({ label: r.text, body: r.text }),
  [NodeType.CONDITION]: vocabulary,
  [NodeType.MECHANISM]: vocabulary,
  [NodeType.INTERVENTION]: (r) => ({
    label: r.name,
    body: [r.name, r.drug ?? '', r.route ?? ''].join(' '),
  }),
  [NodeType.STUDY]: (r) => ({
    label: r.title,
    body: [r.title, r.authors.join(', '), r.journal ?? '', r.finding ?? ''].join(' \n'),
  }),
  [NodeType.EVIDENCE_GAP]: (r) => ({ label: r.description, body: r.description }),
};

export function searchableText<T extends NodeType>(
  type: T,
  record: NodeRecords[T],
): SearchableText {
  return (TEXT[type] as (r: NodeRecords[T]) => SearchableText)(record);
}
