import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Connection, decodeIdCursor, loadPageById, pageSize } from '../common/connection';
import { DomainError, ErrorCode } from '../common/domain-error';
import { nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { ReviewStatus } from '../graphql.schema';
import {
  CitationRecord,
  ClaimPatch,
  EVIDENCE_STORE,
  EvidenceLinkRecord,
  EvidenceStore,
  GapPatch,
  ReviewedKind,
  RevisionRecord,
} from '../store/evidence-store.port';
import {
  deleteEvidenceLink,
  loadReviewed,
  setReviewStatus,
  updateClaim,
  updateGap,
} from './audited-writes';
import { created, fieldChanges, revision, WriteContext } from './revision';
import { snapshotStore } from './snapshot';

/** History is read whole per record (then paged): a record with more changes is cut here. */
export const HISTORY_CAP = 5000;
/** Rebuilt snapshots kept for repeated asOf reads (each is an in-memory copy of the graph). */
const SNAPSHOT_CACHE = 4;

const CLAIM_FIELDS = [
  'text',
  'kind',
  'interventionId',
  'conditionIds',
  'mechanismIds',
  'reviewStatus',
] as const;
const GAP_FIELDS = ['status', 'addressedById'] as const;

@Injectable()
export class HistoryService implements OnModuleDestroy {
  private readonly snapshots = new Map<string, Promise<EvidenceStore>>();

  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  async history(
    entityId: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<RevisionRecord>> {
    const limit = pageSize(first);
    const revisions = await this.store.revisionsOf(entityId, undefined, HISTORY_CAP);
    const byId = new Map(revisions.map((r) => [r.id, r]));
    return loadPageById(
      revisions.map((r) => r.id),
      limit,
      decodeIdCursor(after),
      async (ids) => ids.map((id) => byId.get(id)!),
    );
  }

  async revision(id: string): Promise<RevisionRecord | null> {
    return (await this.store.getRevisions([id]))[0] ?? null;
  }

  /**
   * The store as it stood at `at`, rebuilt from the history (see snapshot.ts). Cached by instant
   * and by the newest revision, so a repeated question costs one cheap query.
   */
  async storeAsOf(at: string): Promise<EvidenceStore> {
    const key = `${at}|${await this.store.latestRevisionId()}`;
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      snapshot = snapshotStore(this.store, at);
      this.snapshots.set(key, snapshot);
      snapshot.catch(() => this.snapshots.delete(key));
      while (this.snapshots.size > SNAPSHOT_CACHE) {
        const [oldest, evicted] = this.snapshots.entries().next().value!;
        this.snapshots.delete(oldest);
        void evicted.then((s) => s.close()).catch(() => undefined);
      }
    }
    return snapshot;
  }

  async onModuleDestroy(): Promise<void> {
    for (const s of this.snapshots.values()) await (await s.catch(() => null))?.close();
    this.snapshots.clear();
  }

  /**
   * Undoes one revision as a new change, recorded with `revertOf`. Only if the record still holds
   * what that revision wrote: reverting over a later change would silently discard it, so that is
   * a CONFLICT naming the newer revision (revert that first).
   */
  async revert(revisionId: string, ctx: WriteContext): Promise<RevisionRecord> {
    const target = await this.revision(revisionId);
    if (!target) throw DomainError.notFound(`Revision "${revisionId}"`, 'input.revisionId');
    const undo: WriteContext = {
      ...ctx,
      reason: ctx.reason ?? `revert of ${target.id}`,
      revertOf: target.id,
    };
    await this.undo(target, undo);
    // The undo is the newest revision of the record that names the target.
    const later = await this.store.revisionsOf(target.entityId, target.id, HISTORY_CAP);
    return later.filter((r) => r.revertOf === target.id).pop()!;
  }

  private cannot(target: RevisionRecord, why: string): DomainError {
    return DomainError.badInput(
      'input.revisionId',
      `a ${target.action} of ${target.entityKind} cannot be reverted: ${why}`,
    );
  }

  private async undo(target: RevisionRecord, ctx: WriteContext): Promise<void> {
    const id = target.entityId;
    const kind = target.entityKind;
    const reviewed = kind === 'claims' || kind === 'statements' || kind === 'evidence';
    const raced = 'input.revisionId';

    if (target.action === 'UPDATE' && kind === 'claims') {
      const current = (await this.store.getClaims([id]))[0];
      this.requireUnchanged(target, current, CLAIM_FIELDS);
      const patch = this.restore(target, CLAIM_FIELDS) as ClaimPatch;
      await updateClaim(this.store, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && kind === 'gaps') {
      const current = (await this.store.getGaps([id]))[0];
      this.requireUnchanged(target, current, GAP_FIELDS);
      const patch = this.restore(target, GAP_FIELDS) as GapPatch;
      await updateGap(this.store, current, patch, ctx, raced);
      return;
    }
    if (target.action === 'UPDATE' && reviewed) {
      const changed = fieldChanges(target.before, target.after).map((c) => c.field);
      if (changed.some((f) => f !== 'reviewStatus'))
        throw this.cannot(target, 'only review decisions on statements and links are undone');
      return this.setStatus(kind, target, target.before!.reviewStatus as ReviewStatus, ctx);
    }
    if (target.action === 'CREATE' && (kind === 'claims' || kind === 'statements')) {
      // Claims and statements are never deleted (others may cite them): undoing one's creation
      // withdraws it from every report.
      return this.setStatus(kind, target, ReviewStatus.REJECTED, ctx);
    }
    if (target.action === 'CREATE' && kind === 'evidence') {
      const current = await loadReviewed(this.store, 'evidence', id);
      if (!current) throw this.conflict(target, 'the link no longer exists');
      await deleteEvidenceLink(
        this.store,
        current as EvidenceLinkRecord,
        ctx,
        current.version,
        raced,
      );
      return;
    }
    if (target.action === 'DELETE' && kind === 'evidence') {
      if (await loadReviewed(this.store, 'evidence', id))
        throw this.conflict(target, 'the link exists again');
      const at = nowIso();
      const before = target.before as unknown as EvidenceLinkRecord;
      const restored = { ...before, updatedAt: at, version: before.version + 1 };
      await storeWrite(() => this.store.createEvidenceLink(...created('evidence', restored, ctx)));
      return;
    }
    if (target.action === 'CREATE' && kind === 'citations') {
      const c = target.after as unknown as CitationRecord;
      const removed = await storeWrite(() =>
        this.store.removeCitation(c.citingId, c.citedId, (x) => [
          revision('citations', x, null, ctx),
        ]),
      );
      if (!removed) throw this.conflict(target, 'the citation is already gone');
      return;
    }
    if (target.action === 'DELETE' && kind === 'citations') {
      const c = target.before as unknown as CitationRecord;
      const added = await storeWrite(() =>
        this.store.addCitations([c], (x) => [revision('citations', null, x, ctx)]),
      );
      if (added.length === 0) throw this.conflict(target, 'the citation exists again');
      return;
    }
    if (kind === 'notices' || kind === 'studies')
      throw this.cannot(
        target,
        'notices and retractions are a permanent record; record a CORRECTION notice instead',
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
  ): Promise<void> {
    const current = await loadReviewed(this.store, kind, target.entityId);
    if (!current) throw this.conflict(target, 'the record no longer exists');
    if (target.action === 'UPDATE' && current.reviewStatus !== target.after!.reviewStatus)
      throw this.conflict(target, `its review status has changed since (${current.reviewStatus})`);
    if (current.reviewStatus === status) throw this.conflict(target, `it is already ${status}`);
    await setReviewStatus(this.store, kind, current, status, ctx, 'input.revisionId');
  }

  /** The fields the revision changed must still hold what it wrote. */
  private requireUnchanged<T extends object>(
    target: RevisionRecord,
    current: T | undefined,
    fields: readonly string[],
  ): asserts current is T {
    if (!current) throw this.conflict(target, 'the record no longer exists');
    const now = current as Record<string, unknown>;
    for (const c of fieldChanges(target.before, target.after)) {
      if (!fields.includes(c.field)) continue;
      if (JSON.stringify(now[c.field] ?? null) !== JSON.stringify(c.after))
        throw this.conflict(target, `${c.field} has been changed again since`);
    }
  }

  private restore(target: RevisionRecord, fields: readonly string[]): Record<string, unknown> {
    const patch: Record<string, unknown> = {};
    for (const c of fieldChanges(target.before, target.after))
      if (fields.includes(c.field)) patch[c.field] = c.before;
    if (Object.keys(patch).length === 0) throw this.cannot(target, 'it changed nothing to undo');
    return patch;
  }

  private conflict(target: RevisionRecord, why: string): DomainError {
    return new DomainError(
      ErrorCode.CONFLICT,
      `Revision ${target.id} cannot be reverted: ${why}. Look at history(id: "${target.entityId}").`,
      { field: 'input.revisionId' },
    );
  }
}
