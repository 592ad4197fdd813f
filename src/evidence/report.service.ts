import { Injectable } from '@nestjs/common';
import { ConditionsService, MAX_HIERARCHY_DEPTH } from '../conditions/conditions.service';
import {
  DomainAssessment,
  EvidenceGrade,
  EvidenceStatus,
  GapStatus,
  ReviewStatus,
} from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import {
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  GapRecord,
  StatementRecord,
} from '../store/ports';
import { atLeast, compareSupport, GRADE_ORDER, gradeRank } from './assessment';
import { ClaimEvidence, ClaimEvidenceService } from './claim-evidence.service';
import { reviewView, shown } from './counting';

export interface ClaimEvidenceView {
  claim: ClaimRecord;
  reviewStatus: ReviewStatus;
  pending: boolean;
  status: EvidenceStatus;
  grade: EvidenceGrade;
  certainty: string;
  domains: DomainAssessment[];
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
 * claim about them with status, grade, reasons, studies, statements and gaps, as the read scope
 * holds them (today, or asOf an instant). A constant number of batched store calls whatever the
 * number of claims.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly conditions: ConditionsService,
    private readonly evidence: ClaimEvidenceService,
  ) {}

  async evidenceReport(
    conditionRef: string,
    includeNarrower: boolean,
    minGrade: EvidenceGrade | null | undefined,
    scope: ReadScope,
    options: {
      includePending?: boolean;
      /** The statements' sources will be asked for: fetch them with the report's records. */
      withSources?: boolean;
    } = {},
  ): Promise<EvidenceReportView> {
    const includePending = options.includePending ?? false;
    const view = reviewView(includePending);
    // Everything else the report reads comes in one store read (one round trip on Neo4j), cached
    // in the scope's loaders for the evidence service and the nested fields. A reference is most
    // often an id, so that read is asked for while the reference is resolved (one round trip, not
    // two in turn); for a name it finds no condition and is asked again with the name's id.
    const depth = includeNarrower ? MAX_HIERARCHY_DEPTH : 0;
    const fetch = { withSources: options.withSources ?? false };
    const ref = conditionRef.trim();
    const [root, early] = await Promise.all([
      this.conditions.resolve(conditionRef, scope),
      ref ? scope.loaders.conditionEvidence(ref, depth, fetch) : null,
    ]);
    const found =
      early && root.id === ref
        ? early
        : await scope.loaders.conditionEvidence(root.id, depth, fetch);
    const byId = new Map(found?.conditions.map((c) => [c.id, c]));
    const included = [root, ...(found?.narrower ?? []).flatMap((n) => byId.get(n.id) ?? [])];
    const claimIds = found?.claims.map((c) => c.id) ?? [];
    const evidence = await this.evidence.forClaims(claimIds, scope, view);

    // Strongest first: by grade, then by the strongest support (design, then participants), so
    // "the strongest is graded HIGH" names the best-supported of equally graded claims.
    const views = evidence
      .filter((b) => shown(b.claim, view))
      .filter((b) => !minGrade || atLeast(b.assessment.grade, minGrade))
      .sort(
        (a, b) =>
          gradeRank(b.assessment.grade) - gradeRank(a.assessment.grade) ||
          compareSupport(a.assessment, b.assessment) ||
          STATUS_ORDER.indexOf(a.assessment.status) - STATUS_ORDER.indexOf(b.assessment.status) ||
          a.claim.text.localeCompare(b.claim.text),
      )
      .map((b) =>
        this.view(
          b,
          included.filter((c) => b.claim.conditionIds.includes(c.id)),
        ),
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
      asOf: scope.asOf,
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

  private view(b: ClaimEvidence, conditions: ConditionRecord[]): ClaimEvidenceView {
    const a = b.assessment;
    return {
      claim: b.claim,
      reviewStatus: b.claim.reviewStatus,
      pending: b.pending,
      status: a.status,
      grade: a.grade,
      certainty: a.certainty,
      domains: a.domains,
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
  if (overclaimed > 0) {
    const grades = GRADE_ORDER.map((g) => ({
      g,
      n: views.filter((v) => v.overclaimed && v.grade === g).length,
    })).filter((x) => x.n > 0);
    const graded = (g: EvidenceGrade) =>
      g === EvidenceGrade.NONE ? 'graded NONE (no evidence)' : `graded ${g}`;
    parts.push(
      grades.length === 1
        ? `${plural(overclaimed, 'claim is', 'claims are')} stated as established fact on evidence ${graded(grades[0].g)}.`
        : `${plural(overclaimed, 'claim is', 'claims are')} stated as established fact on weak evidence: ${grades.map((x) => `${x.n} ${graded(x.g)}`).join(', ')}.`,
    );
  }
  if (openGaps > 0) parts.push(`${plural(openGaps, 'open evidence gap')} (missing studies).`);
  return parts.join(' ');
}
