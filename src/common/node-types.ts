import { NodeType } from '../graphql.schema';

/** Each node type's GraphQL type name (also its Neo4j label). */
export const NODE_TYPENAME: Record<NodeType, string> = {
  [NodeType.SOURCE]: 'Source',
  [NodeType.STATEMENT]: 'Statement',
  [NodeType.CLAIM]: 'Claim',
  [NodeType.CONDITION]: 'Condition',
  [NodeType.MECHANISM]: 'Mechanism',
  [NodeType.INTERVENTION]: 'Intervention',
  [NodeType.STUDY]: 'Study',
  [NodeType.EVIDENCE_GAP]: 'EvidenceGap',
};
