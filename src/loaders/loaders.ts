/**
 * Request-scoped batched reads (DataLoader). Every nested field and every service read within one
 * request goes through these, so a query costs a handful of store calls whatever its size: each
 * loader turns all the keys asked for in one tick into one store call.
 */
import DataLoader from 'dataloader';
import { assess, AssessmentResult, LinkWithStudy } from '../evidence/assessment.service';
import { NodeType, ReviewStatus } from '../graphql.schema';
import {
  CitationRecord,
  ClaimRecord,
  ConditionRecord,
  EvidenceLinkRecord,
  EvidenceStore,
  GapRecord,
  InterventionRecord,
  MechanismRecord,
  NoticeRecord,
  SourceRecord,
  StatementRecord,
  StudyRecord,
} from '../store/evidence-store.port';

function byId<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const found = new Map((await fetch(ids)).map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function grouped<T>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
  key: (r: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const groups = new Map<string, T[]>();
    for (const r of await fetch(ids)) {
      const k = key(r);
      const list = groups.get(k);
      if (list) list.push(r);
      else groups.set(k, [r]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export interface ClaimBundle {
  claim: ClaimRecord;
  links: LinkWithStudy[];
  statements: StatementRecord[];
  gaps: GapRecord[];
  assessment: AssessmentResult;
  /** The claim, or a statement or link counted for it, awaits review. */
  pending: boolean;
}

export class Loaders {
  readonly source: DataLoader<string, SourceRecord | null>;
  readonly statement: DataLoader<string, StatementRecord | null>;
  readonly claim: DataLoader<string, ClaimRecord | null>;
  readonly condition: DataLoader<string, ConditionRecord | null>;
  readonly mechanism: DataLoader<string, MechanismRecord | null>;
  readonly intervention: DataLoader<string, InterventionRecord | null>;
  readonly study: DataLoader<string, StudyRecord | null>;
  readonly gap: DataLoader<string, GapRecord | null>;
  readonly statementsBySource: DataLoader<string, StatementRecord[]>;
  readonly statementsByClaim: DataLoader<string, StatementRecord[]>;
  readonly evidenceByClaim: DataLoader<string, EvidenceLinkRecord[]>;
  readonly evidenceByStudy: DataLoader<string, EvidenceLinkRecord[]>;
  readonly gapsByClaim: DataLoader<string, GapRecord[]>;
  readonly citationsByCiting: DataLoader<string, CitationRecord[]>;
  readonly citationsByCited: DataLoader<string, CitationRecord[]>;
  readonly noticesByStudy: DataLoader<string, NoticeRecord[]>;
  readonly narrowerIds: DataLoader<string, string[]>;
  readonly claimIdsByCondition: DataLoader<string, string[]>;
  readonly claimIdsByMechanism: DataLoader<string, string[]>;
  /**
   * Claim with its evidence, statements, gaps and assessment: four batched store calls per tick.
   * Counts only reviewed (ACCEPTED) statements and links: what clinicians see by default.
   */
  readonly claimBundle: DataLoader<string, ClaimBundle | null>;
  /** The same, also counting SUBMITTED (not yet reviewed) ones; never REJECTED. */
  readonly claimBundleWithPending: DataLoader<string, ClaimBundle | null>;

  constructor(readonly store: EvidenceStore) {
    this.source = byId((ids) => store.getSources(ids));
    this.statement = byId((ids) => store.getStatements(ids));
    this.claim = byId((ids) => store.getClaims(ids));
    this.condition = byId((ids) => store.getConditions(ids));
    this.mechanism = byId((ids) => store.getMechanisms(ids));
    this.intervention = byId((ids) => store.getInterventions(ids));
    this.study = byId((ids) => store.getStudies(ids));
    this.gap = byId((ids) => store.getGaps(ids));
    this.statementsBySource = grouped(
      (ids) => store.statementsBySources(ids),
      (s) => s.sourceId,
    );
    this.statementsByClaim = grouped(
      (ids) => store.statementsByClaims(ids),
      (s) => s.claimId,
    );
    this.evidenceByClaim = grouped(
      (ids) => store.evidenceByClaims(ids),
      (e) => e.claimId,
    );
    this.evidenceByStudy = grouped(
      (ids) => store.evidenceByStudies(ids),
      (e) => e.studyId,
    );
    this.citationsByCiting = grouped(
      (ids) => store.citationsOf(ids, 'cites'),
      (c) => c.citingId,
    );
    this.citationsByCited = grouped(
      (ids) => store.citationsOf(ids, 'citedBy'),
      (c) => c.citedId,
    );
    this.noticesByStudy = grouped(
      (ids) => store.noticesByStudies(ids),
      (n) => n.studyId,
    );
    this.gapsByClaim = grouped(
      (ids) => store.gapsByClaims(ids),
      (g) => g.claimId,
    );
    this.narrowerIds = new DataLoader(async (ids) => {
      const pairs = await store.narrowerPairs(ids);
      return ids.map((id) => pairs.filter(([p]) => p === id).map(([, c]) => c));
    });
    this.claimIdsByCondition = this.claimIdsBy(
      (ids) => store.findClaimIds({ conditionIds: [...ids] }),
      (c) => c.conditionIds,
    );
    this.claimIdsByMechanism = this.claimIdsBy(
      (ids) => store.findClaimIds({ mechanismIds: [...ids] }),
      (c) => c.mechanismIds,
    );
    this.claimBundle = this.bundleLoader(false);
    this.claimBundleWithPending = this.bundleLoader(true);
  }

  private bundleLoader(includePending: boolean): DataLoader<string, ClaimBundle | null> {
    const counted = (s: ReviewStatus) =>
      s === ReviewStatus.ACCEPTED || (includePending && s === ReviewStatus.SUBMITTED);
    return new DataLoader(async (ids) => {
      const [claims, evidence, statements, gaps] = await Promise.all([
        this.claim.loadMany(ids),
        this.evidenceByClaim.loadMany(ids),
        this.statementsByClaim.loadMany(ids),
        this.gapsByClaim.loadMany(ids),
      ]);
      const links = evidence.map((l) =>
        l instanceof Error ? [] : l.filter((x) => counted(x.reviewStatus)),
      );
      const studies = await this.studies([...new Set(links.flat().map((l) => l.studyId))]);
      return ids.map((_, i) => {
        const claim = claims[i];
        if (!claim || claim instanceof Error) return null;
        const withStudies = links[i].flatMap((link) => {
          const study = studies.get(link.studyId);
          return study ? [{ link, study }] : [];
        });
        const stmts =
          statements[i] instanceof Error
            ? []
            : (statements[i] as StatementRecord[]).filter((s) => counted(s.reviewStatus));
        return {
          claim,
          links: withStudies,
          statements: stmts,
          gaps: gaps[i] instanceof Error ? [] : (gaps[i] as GapRecord[]),
          assessment: assess(withStudies, stmts),
          pending:
            claim.reviewStatus === ReviewStatus.SUBMITTED ||
            stmts.some((s) => s.reviewStatus === ReviewStatus.SUBMITTED) ||
            withStudies.some((l) => l.link.reviewStatus === ReviewStatus.SUBMITTED),
        };
      });
    });
  }

  /** The by-id loader for a node type. */
  byType(type: NodeType): DataLoader<string, object | null> {
    const loaders: Record<NodeType, DataLoader<string, object | null>> = {
      [NodeType.SOURCE]: this.source,
      [NodeType.STATEMENT]: this.statement,
      [NodeType.CLAIM]: this.claim,
      [NodeType.CONDITION]: this.condition,
      [NodeType.MECHANISM]: this.mechanism,
      [NodeType.INTERVENTION]: this.intervention,
      [NodeType.STUDY]: this.study,
      [NodeType.EVIDENCE_GAP]: this.gap,
    };
    return loaders[type];
  }

  /** Forgets everything read so far in this request (after a write). */
  clearAll(): void {
    for (const value of Object.values(this)) if (value instanceof DataLoader) value.clearAll();
  }

  async studies(ids: string[]): Promise<Map<string, StudyRecord>> {
    const found = await this.study.loadMany(ids);
    return new Map(found.flatMap((s) => (s && !(s instanceof Error) ? [[s.id, s] as const] : [])));
  }

  /** Loads many by id, dropping the absent ones, keeping the order asked for. */
  async all<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
    const found = await loader.loadMany(ids);
    return found.filter((x): x is T => x !== null && !(x instanceof Error));
  }

  /** Claim ids per owner (condition or mechanism): one id query and one claim fetch per tick. */
  private claimIdsBy(
    find: (ids: readonly string[]) => Promise<string[]>,
    owners: (c: ClaimRecord) => string[],
  ): DataLoader<string, string[]> {
    return new DataLoader(async (ids) => {
      const claims = await this.all(this.claim, await find(ids));
      return ids.map((id) => claims.filter((c) => owners(c).includes(id)).map((c) => c.id));
    });
  }
}
