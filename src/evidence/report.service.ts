import { Injectable } from '@nestjs/common';
import { ConditionsService } from '../conditions/conditions.service';
import { EvidenceGrade, EvidenceStatus, GapStatus, ReviewStatus } from '../graphql.schema';
import { ClaimBundle, Loaders } from '../loaders/loaders';
import {
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  StatementRecord,
} from '../store/evidence-store.port';
import { atLeast, GRADE_ORDER, gradeRank } from './assessment.service';

export interface ClaimEvidenceView {
  claim: ClaimRecord;
  reviewStatus: ReviewStatus;
  pending: boolean;
  status: EvidenceStatus;
  grade: EvidenceGrade;
  explanation: string[];
  overclaimed: boolean;
  supporting: EvidenceLinkRecord[];
  contradicting: EvidenceLinkRecord[];
  mentioning: EvidenceLinkRecord[];
  statements: StatementRecord[];
  gaps: GapRecord[];
  conditions: ConditionRecord[];
}

export interface EvidenceReportView {
  condition: ConditionRecord;
  asOf: string | null;
  includesPending: boolean;
  conditionsIncluded: ConditionRecord[];
  claims: ClaimEvidenceView[];
  gaps: GapRecord[];
  summary: {
    claimCount: number;
    byStatus: Array<{ status: EvidenceStatus; count: number }>;
    byGrade: Array<{ grade: EvidenceGrade; count: number }>;
    overclaimedCount: number;
    openGapCount: number;
    text: string;
  };
}

const STATUS_ORDER = [
  EvidenceStatus.SUPPORTED,
  EvidenceStatus.CONTESTED,
  EvidenceStatus.CONTRADICTED,
  EvidenceStatus.UNSUPPORTED,
];

/**
 * The clinician's report: one condition (by name, synonym or id) with its narrower ones, every
 * claim about them with status, grade, reasons, studies, statements and gaps. A constant number
 * of batched store calls whatever the number of claims.
 */
@Injectable()
export class ReportService {
  constructor(private readonly conditions: ConditionsService) {}

  async evidenceReport(
    conditionRef: string,
    includeNarrower: boolean,
    minGrade: EvidenceGrade | null | undefined,
    loaders: Loaders,
    options: { includePending?: boolean; asOf?: string | null } = {},
  ): Promise<EvidenceReportView> {
    const includePending = options.includePending ?? false;
    const root = await this.conditions.resolve(conditionRef, loaders);
    const included = await this.conditions.withNarrower(root, includeNarrower, loaders);
    const includedIds = new Set(included.map((c) => c.id));
    const claimIds = await loaders.store.findClaimIds({ conditionIds: [...includedIds] });
    const bundles = await loaders.all(
      includePending ? loaders.claimBundleWithPending : loaders.claimBundle,
      claimIds,
    );

    // Review decides what a clinician sees: accepted claims, plus submitted ones when asked.
    const visible = (s: ReviewStatus) =>
      s === ReviewStatus.ACCEPTED || (includePending && s === ReviewStatus.SUBMITTED);
    const views = bundles
      .filter((b) => visible(b.claim.reviewStatus))
      .filter((b) => !minGrade || atLeast(b.assessment.grade, minGrade))
      .map((b) =>
        this.view(
          b,
          included.filter((c) => b.claim.conditionIds.includes(c.id)),
        ),
      )
      .sort(
        (a, b) =>
          gradeRank(b.grade) - gradeRank(a.grade) ||
          STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
          a.claim.text.localeCompare(b.claim.text),
      );

    const gaps = views.flatMap((v) => v.gaps.filter((g) => g.status === GapStatus.OPEN));
    const byStatus = STATUS_ORDER.map((status) => ({
      status,
      count: views.filter((v) => v.status === status).length,
    }));
    const byGrade = GRADE_ORDER.map((grade) => ({
      grade,
      count: views.filter((v) => v.grade === grade).length,
    }));
    const overclaimedCount = views.filter((v) => v.overclaimed).length;
    return {
      condition: root,
      asOf: options.asOf ?? null,
      includesPending: includePending,
      conditionsIncluded: included,
      claims: views,
      gaps,
      summary: {
        claimCount: views.length,
        byStatus,
        byGrade,
        overclaimedCount,
        openGapCount: gaps.length,
        text: summaryText(
          root,
          included.length - 1,
          views,
          byStatus,
          overclaimedCount,
          gaps.length,
          minGrade,
        ),
      },
    };
  }

  private view(b: ClaimBundle, conditions: ConditionRecord[]): ClaimEvidenceView {
    const a = b.assessment;
    return {
      claim: b.claim,
      reviewStatus: b.claim.reviewStatus,
      pending: b.pending,
      status: a.status,
      grade: a.grade,
      explanation: a.explanation,
      overclaimed: a.overclaimed,
      supporting: a.supporting.map((l) => l.link),
      contradicting: a.contradicting.map((l) => l.link),
      mentioning: a.mentioning.map((l) => l.link),
      statements: b.statements,
      gaps: b.gaps,
      conditions,
    };
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summaryText(
  root: ConditionRecord,
  narrowerCount: number,
  views: ClaimEvidenceView[],
  byStatus: Array<{ status: EvidenceStatus; count: number }>,
  overclaimed: number,
  openGaps: number,
  minGrade: EvidenceGrade | null | undefined,
): string {
  const scope =
    narrowerCount > 0
      ? `${root.name} and ${plural(narrowerCount, 'narrower condition')}`
      : root.name;
  if (views.length === 0) {
    return `No claims about ${scope}${minGrade ? ` are graded ${minGrade} or better` : ' are recorded'}.`;
  }
  const parts = [
    `${plural(views.length, 'claim')} about ${scope}${minGrade ? ` graded ${minGrade} or better` : ''}.`,
  ];
  parts.push(
    byStatus
      .filter((s) => s.count > 0)
      .map((s) => `${s.count} ${s.status.toLowerCase()}`)
      .join(', ') + '.',
  );
  const best = views[0];
  parts.push(
    best.grade === EvidenceGrade.NONE
      ? 'No claim has supporting evidence.'
      : `The strongest is graded ${best.grade}: "${best.claim.text}".`,
  );
  if (overclaimed > 0)
    parts.push(
      `${plural(overclaimed, 'claim is', 'claims are')} stated as established fact on evidence graded LOW or below.`,
    );
  if (openGaps > 0) parts.push(`${plural(openGaps, 'open evidence gap')} (missing studies).`);
  return parts.join(' ');
}
