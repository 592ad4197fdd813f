import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { deepFreeze } from '../common/deep-freeze';
import { ReadScope } from '../read-scope/read-scope';
import {
  ClaimRecord,
  EvidenceLinkRecord,
  GapRecord,
  StatementRecord,
  StudyRecord,
} from '../store/ports';
import { assess, AssessmentResult, LinkWithStudy, statementOverclaims } from './assessment';
import { awaitsReview, linkCounts, REVIEWED, ReviewView, shown } from './counting';

/** A claim with the evidence a view shows for it, and what that evidence is worth. */
export interface ClaimEvidence {
  claim: ClaimRecord;
  /** Links the view shows, with their studies (retracted ones included: flagged, not counted). */
  links: LinkWithStudy[];
  /** Statements the view shows. */
  statements: StatementRecord[];
  gaps: GapRecord[];
  assessment: AssessmentResult;
  /** The claim, or a statement or link shown for it, awaits review. */
  pending: boolean;
}

/**
 * Assessments of records the report cache shares between requests (deep-frozen, so they cannot
 * change): a claim's assessment is a pure function of its links, their studies and its
 * statements, so while a request is given the very same records as an earlier one, it gets the
 * earlier result (frozen in turn). Keyed by the claim record, at most one entry per review view;
 * records read afresh (not frozen) are assessed every time. Measured on the 25-claim report
 * served from the cache, assessing was about a sixth of a request's CPU.
 */
interface KeptAssessment {
  links: readonly LinkWithStudy[];
  statements: readonly StatementRecord[];
  result: AssessmentResult;
}
const KEPT = new WeakMap<ClaimRecord, KeptAssessment[]>();

function sameRecords(kept: KeptAssessment, links: LinkWithStudy[], stmts: StatementRecord[]) {
  return (
    kept.links.length === links.length &&
    kept.statements.length === stmts.length &&
    kept.links.every((l, i) => l.link === links[i].link && l.study === links[i].study) &&
    kept.statements.every((s, i) => s === stmts[i])
  );
}

function assessKept(
  claim: ClaimRecord,
  links: LinkWithStudy[],
  stmts: StatementRecord[],
): AssessmentResult {
  const shared =
    Object.isFrozen(claim) &&
    links.every((l) => Object.isFrozen(l.link) && Object.isFrozen(l.study)) &&
    stmts.every((s) => Object.isFrozen(s));
  if (!shared) return assess(links, stmts);
  const entries = KEPT.get(claim) ?? [];
  const hit = entries.find((e) => sameRecords(e, links, stmts));
  if (hit) return hit.result;
  const result = deepFreeze(assess(links, stmts));
  // Two review views (reviewed, with pending) at most: the newest two are kept.
  KEPT.set(claim, [{ links, statements: stmts, result }, ...entries].slice(0, 2));
  return result;
}

/** Per read scope, one cache of claim evidence for each review view. */
const CACHE: Record<'reviewed' | 'withPending', symbol> = {
  reviewed: Symbol('claim evidence (reviewed)'),
  withPending: Symbol('claim evidence (with pending)'),
};

/**
 * The evidence for claims: assembles each claim's links, studies, statements and gaps as a review
 * view shows them, and assesses it (assessment.ts). Five batched reads per tick however many
 * claims are asked for, cached per read scope; every report, filter and field about a claim's
 * evidence asks here.
 */
@Injectable()
export class ClaimEvidenceService {
  /** A claim's evidence; null for an unknown claim. */
  forClaim(claimId: string, scope: ReadScope, view: ReviewView): Promise<ClaimEvidence | null> {
    return this.cache(scope, view).load(claimId);
  }

  /** Many claims' evidence, in the order asked for; unknown claims are left out. */
  forClaims(
    claimIds: readonly string[],
    scope: ReadScope,
    view: ReviewView,
  ): Promise<ClaimEvidence[]> {
    return scope.loaders.all(this.cache(scope, view), claimIds);
  }

  /** A claim's assessment; null for an unknown claim. */
  async assessment(
    claimId: string,
    scope: ReadScope,
    view: ReviewView,
  ): Promise<AssessmentResult | null> {
    return (await this.forClaim(claimId, scope, view))?.assessment ?? null;
  }

  /** Whether a statement overclaims, judged against its claim as reviewed. */
  statementOverclaimed(statement: StatementRecord, scope: ReadScope): Promise<boolean> {
    return statementOverclaims(statement, () =>
      this.assessment(statement.claimId, scope, REVIEWED),
    );
  }

  /** Whether a link weighs in its claim's assessment (the EvidenceLink.counts field). */
  async linkCounts(link: EvidenceLinkRecord, scope: ReadScope): Promise<boolean> {
    return linkCounts(link, await scope.loaders.study.load(link.studyId));
  }

  private cache(scope: ReadScope, view: ReviewView): DataLoader<string, ClaimEvidence | null> {
    return scope.own(view.includePending ? CACHE.withPending : CACHE.reviewed, () => {
      return new DataLoader((ids) => this.assemble(ids, scope, view));
    });
  }

  private async assemble(
    ids: readonly string[],
    scope: ReadScope,
    view: ReviewView,
  ): Promise<Array<ClaimEvidence | null>> {
    const { loaders } = scope;
    const [claims, evidence, statements, gaps] = await Promise.all([
      loaders.claim.loadMany(ids),
      loaders.evidenceByClaim.loadMany(ids),
      loaders.statementsByClaim.loadMany(ids),
      loaders.gapsByClaim.loadMany(ids),
    ]);
    const listed = <T>(found: T[] | Error): T[] => (found instanceof Error ? [] : found);
    const links = evidence.map((found) => listed(found).filter((l) => shown(l, view)));
    const studies = await this.studies(
      scope,
      links.flat().map((l) => l.studyId),
    );
    return ids.map((_, i) => {
      const claim = claims[i];
      if (!claim || claim instanceof Error) return null;
      const withStudies = links[i].flatMap((link) => {
        const study = studies.get(link.studyId);
        return study ? [{ link, study }] : [];
      });
      const stmts = listed(statements[i]).filter((s) => shown(s, view));
      return {
        claim,
        links: withStudies,
        statements: stmts,
        gaps: listed(gaps[i]).filter((g) => shown(g, view)),
        assessment: assessKept(claim, withStudies, stmts),
        pending:
          awaitsReview(claim) ||
          stmts.some(awaitsReview) ||
          listed(gaps[i]).some((g) => shown(g, view) && awaitsReview(g)) ||
          withStudies.some((l) => awaitsReview(l.link)),
      };
    });
  }

  private async studies(scope: ReadScope, ids: string[]): Promise<Map<string, StudyRecord>> {
    const found = await scope.loaders.all(scope.loaders.study, [...new Set(ids)]);
    return new Map(found.map((s) => [s.id, s]));
  }
}
