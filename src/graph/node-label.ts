import { studyLabel } from '../evidence/study-label';
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
} from '../store/evidence-store.port';

const MAX_LABEL = 120;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LABEL ? `${flat.slice(0, MAX_LABEL - 1)}…` : flat;
}

/** The short text a graph view shows for a node: a name, a title, a claim, a quote. */
export function nodeLabel(type: NodeType, record: object): string {
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
      return clip(`${studyLabel(s)}: ${s.title}`);
    }
    case NodeType.EVIDENCE_GAP:
      return clip((record as GapRecord).description);
  }
}
