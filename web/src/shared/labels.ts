import type { EvidenceGrade, EvidenceStatus, Hedging, NodeType, StudyDesign } from '../gql/graphql';

/** Enum values in the words a clinician reads. */
export const STATUS_LABEL: Record<EvidenceStatus, string> = {
  SUPPORTED: 'Supported',
  CONTESTED: 'Contested',
  CONTRADICTED: 'Contradicted',
  UNSUPPORTED: 'Unsupported',
};

export const STATUS_ORDER: EvidenceStatus[] = [
  'SUPPORTED',
  'CONTESTED',
  'CONTRADICTED',
  'UNSUPPORTED',
];

export const GRADE_LABEL: Record<EvidenceGrade, string> = {
  HIGH: 'High',
  MODERATE: 'Moderate',
  LOW: 'Low',
  VERY_LOW: 'Very low',
  NONE: 'None',
};

export const GRADE_ORDER: EvidenceGrade[] = ['NONE', 'VERY_LOW', 'LOW', 'MODERATE', 'HIGH'];

export const HEDGING_LABEL: Record<Hedging, string> = {
  ASSERTIVE: 'stated as fact',
  HEDGED: 'hedged',
  ATTRIBUTED: 'attributed to others',
};

export const DESIGN_LABEL: Record<StudyDesign, string> = {
  META_ANALYSIS: 'Meta-analysis',
  SYSTEMATIC_REVIEW: 'Systematic review',
  RCT: 'Randomised controlled trial',
  COHORT: 'Cohort study',
  CASE_CONTROL: 'Case-control study',
  CASE_SERIES: 'Case series',
  CASE_REPORT: 'Case report',
  PRECLINICAL: 'Preclinical study',
  NARRATIVE_REVIEW: 'Narrative review',
  GUIDELINE: 'Guideline',
  EXPERT_OPINION: 'Expert opinion',
};

export const NODE_TYPE_LABEL: Record<NodeType, string> = {
  SOURCE: 'Source',
  STATEMENT: 'Statement',
  CLAIM: 'Claim',
  CONDITION: 'Condition',
  MECHANISM: 'Mechanism',
  INTERVENTION: 'Intervention',
  STUDY: 'Study',
  EVIDENCE_GAP: 'Evidence gap',
};

/** A page of the explorer for a node, by its type; the graph explorer for the rest. */
export function nodePath(type: NodeType, id: string): string {
  const e = encodeURIComponent(id);
  switch (type) {
    case 'CONDITION':
      return `/conditions/${e}`;
    case 'CLAIM':
      return `/claims/${e}`;
    case 'STUDY':
      return `/studies/${e}`;
    case 'SOURCE':
      return `/sources/${e}`;
    default:
      return `/graph?node=${e}`;
  }
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (
    d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'
  );
}
