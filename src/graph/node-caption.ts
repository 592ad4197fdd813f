import { NodeType } from '../graphql.schema';
import {
  ClaimRecord,
  ConditionRecord,
  GapRecord,
  InterventionRecord,
  MechanismRecord,
  SourceRecord,
  StatementRecord,
  StudyRecord,
} from '../store/ports';
import { authorYear } from '../studies/study-wording';

const MAX_CAPTION = 120;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_CAPTION ? `${flat.slice(0, MAX_CAPTION - 1)}…` : flat;
}

/**
 * A node's caption: the short text a graph view or an export shows for it (a name, a title, a
 * claim, a quote). The schema and export formats call it `label`.
 */
export function nodeCaption(type: NodeType, record: object): string {
  switch (type) {
    case NodeType.SOURCE:
      return clip((record as SourceRecord).title);
    case NodeType.STATEMENT:
      return clip(`“${(record as StatementRecord).quote}”`);
    case NodeType.CLAIM:
      return clip((record as ClaimRecord).text);
    case NodeType.CONDITION:
      return clip((record as ConditionRecord).name);
    case NodeType.MECHANISM:
      return clip((record as MechanismRecord).name);
    case NodeType.INTERVENTION:
      return clip((record as InterventionRecord).name);
    case NodeType.STUDY: {
      const s = record as StudyRecord;
      return clip(`${authorYear(s)}: ${s.title}`);
    }
    case NodeType.EVIDENCE_GAP:
      return clip((record as GapRecord).description);
  }
}
