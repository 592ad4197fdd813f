import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/domain-error';
import { nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { GapStatus, ReviewStatus } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import {
  CITATION_STORE,
  CitationRecord,
  CitationWrites,
  CLAIM_STORE,
  ClaimPatch,
  ClaimWrites,
  ConditionPatch,
  EVIDENCE_LINK_STORE,
  EvidenceLinkRecord,
  EvidencePatch,
  EvidenceWrites,
  GapPatch,
  KnowledgeReads,
  MechanismPatch,
  REVIEW_STORE,
  ReviewedKind,
  STUDY_STORE,
  StudyPatch,
  StudyWrites,
  ReviewWrites,
  RevisionRecord,
  VOCABULARY_STORE,
  VocabularyWrites,
} from '../store/ports';
import { freeNames } from '../common/names';
import { broaderCycle } from '../conditions/hierarchy.rules';
import {
  deleteEvidenceLink,
  loadReviewed,
  setReviewStatus,
  updateClaim,
  updateCondition,
  updateEvidenceLink,
  updateGap,
  updateMechanism,
  updateStudy,
} from './audited-writes';
import { HISTORY_CAP } from './history.service';
import { fieldChanges, isReviewOnly, revision, WriteContext } from './revision';

const CLAIM_FIELDS = [
  'text',
  'kind',
  'interventionId',
  'conditionIds',
  'mechanismIds',
  'reviewStatus',
] as const;
const GAP_FIELDS = ['status', 'addressedById'] as const;
const CONDITION_FIELDS = ['name', 'synonyms', 'codes', 'broaderIds'] as const;
const MECHANISM_FIELDS = ['name', 'synonyms'] as const;
const STUDY_FIELDS = ['riskOfBias', 'riskOfBiasReason'] as const;
const EVIDENCE_FIELDS = ['indirectness'] as const;

/**
 * Undoing a change: one revision is undone as a new change, recorded with `revertOf`, through the
 * same audited writes as editing and review. What is current is read from the read scope.
 */
@Injectable()
export class RevertService {
  constructor(
    @Inject(CLAIM_STORE) private readonly claims: Pick<ClaimWrites, 'updateClaim'>,
    @Inject(EVIDENCE_LINK_STORE) private readonly evidence: EvidenceWrites,
    @Inject(REVIEW_STORE) private readonly review: ReviewWrites,
    @Inject(CITATION_STORE)
    private readonly citations: Pick<CitationWrites, 'addCitations' | 'removeCitation'>,
    @Inject(VOCABULARY_STORE)
    private readonly vocabulary: Pick<VocabularyWrites, 'updateCondition' | 'updateMechanism'>,
    @Inject(STUDY_STORE) private readonly studies: Pick<StudyWrites, 'updateStudy'>,
  ) {}

  /**
   * Only if the record still holds what that revision wrote: reverting over a later change would
   * silently discard it, so that is a CONFLICT naming the newer revision (revert that first).
   */
  async revert(revisionId: string, ctx: WriteContext, scope: ReadScope): Promise<RevisionRecord> {
    const { store } = scope;
    const [target] = await store.getRevisions([revisionId]);
    if (!target) throw DomainError.notFound(`Revision "${revisionId}"`, 'input.revisionId');
    const undo: WriteContext = {
      ...ctx,
      reason: ctx.reason ?? `revert of ${target.id}`,
      revertOf: target.id,
    };
    await this.undo(target, undo, store);
    // The undo is the newest revision of the record that names the target.
    const later = await store.revisionsOf(target.entityId, target.id, HISTORY_CAP);
    return later.filter((r) => r.revertOf === target.id).pop()!;
  }

  private cannot(target: RevisionRecord, why: string): DomainError {
    return DomainError.badInput(
      'input.revisionId',
      `a ${target.action} of ${target.entityKind} cannot be reverted: ${why}`,
    );
  }

  private async undo(
    target: RevisionRecord,
    ctx: WriteContext,
    store: KnowledgeReads,
  ): Promise<void> {
    const id = target.entityId;
    const kind = target.entityKind;
    const reviewed =
      kind === 'claims' || kind === 'statements' || kind === 'evidence' || kind === 'gaps';
    const raced = 'input.revisionId';

    if (target.action === 'UPDATE' && kind === 'claims') {
      const current = (await store.getClaims([id]))[0];
      const patch = this.undoPatch(target, current, CLAIM_FIELDS) as ClaimPatch;
      await updateClaim(this.claims, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && kind === 'conditions') {
      const current = (await store.getConditions([id]))[0];
      const patch = this.undoPatch(target, current, CONDITION_FIELDS) as ConditionPatch;
      // The names and the hierarchy as they are now must still allow what is put back.
      const others = (await store.conditionNames()).filter((c) => c.id !== id);
      this.stillFree(target, { ...current, ...patch }, others);
      if (
        patch.broaderIds &&
        (await broaderCycle(id, patch.broaderIds, (ids) => store.getConditions(ids)))
      )
        throw this.conflict(
          target,
          'its old broader conditions are now narrower than it (a cycle)',
        );
      await updateCondition(this.vocabulary, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && kind === 'mechanisms') {
      const current = (await store.getMechanisms([id]))[0];
      const patch = this.undoPatch(target, current, MECHANISM_FIELDS) as MechanismPatch;
      const others = (await store.listMechanisms()).filter((m) => m.id !== id);
      this.stillFree(target, { ...current, ...patch }, others);
      await updateMechanism(this.vocabulary, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && kind === 'studies') {
      // Only the risk-of-bias judgement is ever updated on a study.
      const current = (await store.getStudies([id]))[0];
      const patch = this.undoPatch(target, current, STUDY_FIELDS) as StudyPatch;
      await updateStudy(this.studies, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && kind === 'gaps' && !isReviewOnly(target)) {
      const current = (await store.getGaps([id]))[0];
      const patch = this.undoPatch(target, current, GAP_FIELDS) as GapPatch;
      await updateGap(this.evidence, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && kind === 'evidence' && !isReviewOnly(target)) {
      // Besides review decisions, only a link's indirectness is ever updated.
      const current = (await store.getEvidenceLinks([id]))[0];
      if (!current) throw this.conflict(target, 'the link no longer exists');
      const patch = this.undoPatch(target, current, EVIDENCE_FIELDS) as EvidencePatch;
      await updateEvidenceLink(this.evidence, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && reviewed) {
      const changed = fieldChanges(target.before, target.after).map((c) => c.field);
      if (changed.some((f) => f !== 'reviewStatus'))
        throw this.cannot(target, 'only review decisions on statements and links are undone');
      return this.setStatus(kind, target, target.before!.reviewStatus as ReviewStatus, ctx, store);
    }
    if (target.action === 'CREATE' && (kind === 'claims' || kind === 'statements')) {
      // Claims and statements are never deleted (others may cite them): undoing one's creation
      // withdraws it from every report.
      return this.setStatus(kind, target, ReviewStatus.REJECTED, ctx, store);
    }
    if (target.action === 'CREATE' && kind === 'gaps') {
      // A gap recorded by mistake is withdrawn, not deleted: the record and its history stay,
      // and no report counts it (only OPEN gaps are open).
      const current = (await store.getGaps([id]))[0];
      if (!current) throw this.conflict(target, 'the gap no longer exists');
      if (current.status !== GapStatus.OPEN)
        throw this.conflict(target, `the gap is ${current.status} now, not OPEN`);
      await updateGap(this.evidence, current, { status: GapStatus.WITHDRAWN }, ctx, raced);
      return;
    }
    if (target.action === 'CREATE' && kind === 'evidence') {
      const current = await loadReviewed(store, 'evidence', id);
      if (!current) throw this.conflict(target, 'the link no longer exists');
      await deleteEvidenceLink(
        this.evidence,
        current as EvidenceLinkRecord,
        ctx,
        current.version,
        raced,
      );
      return;
    }
    if (target.action === 'DELETE' && kind === 'evidence') {
      if (await loadReviewed(store, 'evidence', id))
        throw this.conflict(target, 'the link exists again');
      const at = nowIso();
      const before = target.before as unknown as EvidenceLinkRecord;
      const restored = { ...before, updatedAt: at, version: before.version + 1 };
      // Recorded now, not at the link's first creation: revision ids follow the order of changes.
      const restoral = revision('evidence', null, restored, ctx, at);
      await storeWrite(() => this.evidence.createEvidenceLink(restored, [restoral]));
      return;
    }
    if (target.action === 'CREATE' && kind === 'citations') {
      const c = target.after as unknown as CitationRecord;
      const removed = await storeWrite(() =>
        this.citations.removeCitation(c.citingId, c.citedId, (x) => [
          revision('citations', x, null, ctx),
        ]),
      );
      if (!removed) throw this.conflict(target, 'the citation is already gone');
      return;
    }
    if (target.action === 'DELETE' && kind === 'citations') {
      const c = target.before as unknown as CitationRecord;
      const added = await storeWrite(() =>
        this.citations.addCitations([c], (x) => [revision('citations', null, x, ctx)]),
      );
      if (added.length === 0) throw this.conflict(target, 'the citation exists again');
      return;
    }
    if (kind === 'notices' || kind === 'studies')
      throw this.cannot(
        target,
        'notices are reviewed (reviewChange) and an accepted one is withdrawn by an admin (withdrawNotice), not reverted',
      );
    if (kind === 'tokens') throw this.cannot(target, 'issue or revoke a token instead');
    throw this.cannot(
      target,
      'sources, studies and vocabulary are not deleted once recorded (claims may rely on them)',
    );
  }

  private async setStatus(
    kind: ReviewedKind,
    target: RevisionRecord,
    status: ReviewStatus,
    ctx: WriteContext,
    store: KnowledgeReads,
  ): Promise<void> {
    const current = await loadReviewed(store, kind, target.entityId);
    if (!current) throw this.conflict(target, 'the record no longer exists');
    if (target.action === 'UPDATE' && current.reviewStatus !== target.after!.reviewStatus)
      throw this.conflict(target, `its review status has changed since (${current.reviewStatus})`);
    if (current.reviewStatus === status) throw this.conflict(target, `it is already ${status}`);
    await setReviewStatus(this.review, kind, current, status, ctx, 'input.revisionId');
  }

  /**
   * The patch that puts back what the revision replaced in these fields. They must still hold what
   * it wrote (the record must still exist), and it must have changed at least one of them.
   */
  private undoPatch(
    target: RevisionRecord,
    current: object | undefined,
    fields: readonly string[],
  ): Record<string, unknown> {
    if (!current) throw this.conflict(target, 'the record no longer exists');
    const now = current as Record<string, unknown>;
    const changes = fieldChanges(target.before, target.after).filter((c) =>
      fields.includes(c.field),
    );
    for (const c of changes) {
      if (JSON.stringify(now[c.field] ?? null) !== JSON.stringify(c.after))
        throw this.conflict(target, `${c.field} has been changed again since`);
    }
    if (changes.length === 0) throw this.cannot(target, 'it changed nothing to undo');
    return Object.fromEntries(changes.map((c) => [c.field, c.before]));
  }

  /** The names a revert puts back must not have been taken by another entry since. */
  private stillFree(
    target: RevisionRecord,
    restored: { name: string; synonyms: string[] },
    others: Array<{ id: string; name: string; synonyms: string[] }>,
  ): void {
    try {
      freeNames(restored, others, target.entityKind === 'conditions' ? 'condition' : 'mechanism');
    } catch (e) {
      if (e instanceof DomainError) throw this.conflict(target, e.details.reason ?? e.message);
      throw e;
    }
  }

  private conflict(target: RevisionRecord, why: string): DomainError {
    return new DomainError(
      ErrorCode.CONFLICT,
      `Revision ${target.id} cannot be reverted: ${why}. Look at history(id: "${target.entityId}").`,
      { field: 'input.revisionId' },
    );
  }
}
