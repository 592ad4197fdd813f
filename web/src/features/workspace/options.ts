import type { ClaimKind, EvidenceRelation, Hedging } from '../../gql/graphql';

/** The choices the workspace's forms offer, in the words an editor reads. */
export const CLAIM_KINDS: Record<ClaimKind, string> = {
  EFFICACY: 'Efficacy',
  ONSET: 'Onset',
  DURATION: 'Duration',
  MECHANISM: 'Mechanism',
  SAFETY: 'Safety',
  ADVERSE_EFFECT: 'Adverse effect',
  DEPENDENCE: 'Dependence',
  PROCEDURE: 'Procedure',
};
export const HEDGINGS: Hedging[] = ['ASSERTIVE', 'HEDGED', 'ATTRIBUTED'];
export const RELATIONS: Record<EvidenceRelation, string> = {
  SUPPORTS: 'supports',
  CONTRADICTS: 'contradicts',
  MENTIONS: 'mentions (indirect, not counted)',
};
