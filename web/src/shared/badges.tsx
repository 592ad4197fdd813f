import type { EvidenceGrade, EvidenceStatus } from '../gql/graphql';
import { GRADE_LABEL, STATUS_LABEL } from './labels';

/** Status as words with a colour and a symbol: never colour alone. */
const STATUS_SYMBOL: Record<EvidenceStatus, string> = {
  SUPPORTED: '✓',
  CONTESTED: '±',
  CONTRADICTED: '✗',
  UNSUPPORTED: '?',
};

export function StatusBadge({ status }: { status: EvidenceStatus }) {
  return (
    <span className={`badge status-${status.toLowerCase()}`} data-status={status}>
      <span aria-hidden="true">{STATUS_SYMBOL[status]} </span>
      {STATUS_LABEL[status]}
    </span>
  );
}

export function GradeBadge({ grade }: { grade: EvidenceGrade }) {
  return (
    <span
      className={`badge grade grade-${grade.toLowerCase().replace('_', '-')}`}
      data-grade={grade}
    >
      Evidence: {GRADE_LABEL[grade]}
    </span>
  );
}

export function PendingBadge() {
  return <span className="badge pending">Pending review</span>;
}

/** Nothing for reviewed items; words for the others (clinicians' reports leave them out). */
export function ReviewBadge({
  status,
}: {
  status: 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
}) {
  if (status === 'SUBMITTED') return <PendingBadge />;
  if (status === 'REJECTED') return <span className="badge rejected">Rejected in review</span>;
  if (status === 'WITHDRAWN') return <span className="badge rejected">Withdrawn</span>;
  return null;
}

export function OverclaimBadge() {
  return (
    <span className="badge overclaim">
      <span aria-hidden="true">⚠ </span>Overclaimed
    </span>
  );
}
