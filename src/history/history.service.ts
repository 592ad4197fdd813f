import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Connection, decodeIdCursor, loadPageById, pageSize } from '../common/connection';
import { DomainError, ErrorCode } from '../common/domain-error';
import { nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { ReviewStatus } from '../graphql.schema';
import {
  CitationRecord,
  ClaimPatch,
  ClaimRecord,
  EVIDENCE_STORE,
  EvidenceLinkRecord,
  EvidenceStore,
  GapPatch,
  GapRecord,
  ReviewedKind,
  RevisionRecord,
  VersionedWrite,
} from '../store/evidence-store.port';
import { fieldChanges, revision, WriteContext } from './revision';
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
    const rev = await this.undo(target, undo);
    return (await this.store.getRevisions([rev.id]))[0] ?? rev;
  }

  private cannot(target: RevisionRecord, why: string): DomainError {
    return DomainError.badInput(
      'input.revisionId',
      `a ${target.action} of ${target.entityKind} cannot be reverted: ${why}`,
    );
  }

  private async undo(target: RevisionRecord, ctx: WriteContext): Promise<RevisionRecord> {
    const at = nowIso();
    const id = target.entityId;
    const kind = target.entityKind;
    const reviewed = kind === 'claims' || kind === 'statements' || kind === 'evidence';

    if (target.action === 'UPDATE' && kind === 'claims') {
      const current = (await this.store.getClaims([id]))[0];
      this.requireUnchanged(target, current, CLAIM_FIELDS);
      const patch = this.restore(target, CLAIM_FIELDS) as ClaimPatch;
      const after = { ...current!, ...patch, updatedAt: at, version: current!.version + 1 };
      const rev = revision('claims', current!, after, ctx, at);
      await this.versioned(
        storeWrite(() => this.store.updateClaim(id, current!.version, patch, at, [rev])),
        id,
      );
      return rev;
    }
    if (target.action === 'UPDATE' && kind === 'gaps') {
      const current = (await this.store.getGaps([id]))[0];
      this.requireUnchanged(target, current, GAP_FIELDS);
      const patch = this.restore(target, GAP_FIELDS) as GapPatch;
      const after: GapRecord = {
        ...current!,
        ...patch,
        updatedAt: at,
        version: current!.version + 1,
      };
      const rev = revision('gaps', current!, after, ctx, at);
      await this.versioned(
        storeWrite(() => this.store.updateGap(id, current!.version, patch, at, [rev])),
        id,
      );
      return rev;
    }
    if (target.action === 'UPDATE' && reviewed) {
      const changed = fieldChanges(target.before, target.after).map((c) => c.field);
      if (changed.some((f) => f !== 'reviewStatus'))
        throw this.cannot(target, 'only review decisions on statements and links are undone');
      return this.setStatus(kind, target, target.before!.reviewStatus as ReviewStatus, ctx, at);
    }
    if (target.action === 'CREATE' && (kind === 'claims' || kind === 'statements')) {
      // Claims and statements are never deleted (others may cite them): undoing one's creation
      // withdraws it from every report.
      return this.setStatus(kind, target, ReviewStatus.REJECTED, ctx, at);
    }
    if (target.action === 'CREATE' && kind === 'evidence') {
      const current = (await this.store.getEvidenceLinks([id]))[0];
      if (!current) throw this.conflict(target, 'the link no longer exists');
      const rev = revision('evidence', current, null, ctx, at);
      await this.versioned(
        storeWrite(() => this.store.deleteEvidenceLink(id, current.version, [rev])),
        id,
      );
      return rev;
    }
    if (target.action === 'DELETE' && kind === 'evidence') {
      const before = target.before as unknown as EvidenceLinkRecord;
      if ((await this.store.getEvidenceLinks([id])).length > 0)
        throw this.conflict(target, 'the link exists again');
      const restored: EvidenceLinkRecord = {
        ...before,
        updatedAt: at,
        version: before.version + 1,
      };
      const rev = revision('evidence', null, restored, ctx, at);
      await storeWrite(() => this.store.createEvidenceLink(restored, [rev]));
      return rev;
    }
    if (target.action === 'CREATE' && kind === 'citations') {
      const c = target.after as unknown as CitationRecord;
      let rev: RevisionRecord | null = null;
      const removed = await storeWrite(() =>
        this.store.removeCitation(c.citingId, c.citedId, (x) => {
          rev = revision('citations', x, null, ctx, at);
          return [rev];
        }),
      );
      if (!removed || !rev) throw this.conflict(target, 'the citation is already gone');
      return rev;
    }
    if (target.action === 'DELETE' && kind === 'citations') {
      const c = target.before as unknown as CitationRecord;
      let rev: RevisionRecord | null = null;
      const added = await storeWrite(() =>
        this.store.addCitations([c], (x) => {
          rev = revision('citations', null, x, ctx, at);
          return [rev];
        }),
      );
      if (added.length === 0 || !rev) throw this.conflict(target, 'the citation exists again');
      return rev;
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
    at: string,
  ): Promise<RevisionRecord> {
    const current = await this.reviewed(kind, target.entityId);
    if (!current) throw this.conflict(target, 'the record no longer exists');
    if (target.action === 'UPDATE' && current.reviewStatus !== target.after!.reviewStatus)
      throw this.conflict(target, `its review status has changed since (${current.reviewStatus})`);
    if (current.reviewStatus === status) throw this.conflict(target, `it is already ${status}`);
    const after = { ...current, reviewStatus: status, updatedAt: at, version: current.version + 1 };
    const rev = revision(kind, current, after, ctx, at);
    await this.versioned(
      storeWrite(() =>
        this.store.setReviewStatus(kind, current.id, current.version, status, at, [rev]),
      ),
      current.id,
    );
    return rev;
  }

  async reviewed(
    kind: ReviewedKind,
    id: string,
  ): Promise<(ClaimRecord | { id: string; version: number; reviewStatus: ReviewStatus }) | null> {
    const found =
      kind === 'claims'
        ? await this.store.getClaims([id])
        : kind === 'statements'
          ? await this.store.getStatements([id])
          : await this.store.getEvidenceLinks([id]);
    return found[0] ?? null;
  }

  /** The fields the revision changed must still hold what it wrote. */
  private requireUnchanged(
    target: RevisionRecord,
    current: object | undefined,
    fields: readonly string[],
  ): void {
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

  private async versioned<T>(write: Promise<VersionedWrite<T>>, id: string): Promise<T> {
    const result = await write;
    if (result.ok) return result.record;
    if (result.reason === 'NOT_FOUND') throw DomainError.notFound(`"${id}"`, 'input.revisionId');
    throw DomainError.conflict(`${id} changed while reverting; try again.`, {
      field: 'input.revisionId',
      currentVersion: result.currentVersion,
    });
  }
}
