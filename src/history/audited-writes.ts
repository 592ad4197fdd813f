/**
 * The audited compare-and-set writes. Each builds the record as it will be after the change and
 * its revision, writes both in one store transaction guarded by the version that was read, and
 * turns a lost race into CONFLICT. Editing, review and revert all change records through these, so
 * "what a change records" and "what a stale write answers" are decided once.
 */
import { DomainError } from '../common/domain-error';
import { nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { ReviewStatus } from '../graphql.schema';
import {
  ClaimPatch,
  ClaimReads,
  ClaimRecord,
  ClaimWrites,
  ConditionPatch,
  ConditionRecord,
  EvidenceLinkRecord,
  EvidencePatch,
  EvidenceReads,
  EvidenceWrites,
  GapPatch,
  GapRecord,
  MechanismPatch,
  MechanismRecord,
  StudyPatch,
  StudyRecord,
  StudyWrites,
  ReviewedKind,
  ReviewedRecord,
  ReviewWrites,
  SourceReads,
  VersionedUpdate,
  VersionedWrite,
  VocabularyWrites,
} from '../store/ports';
import { revision, WriteContext } from './revision';

export type { ReviewedRecord };

/** CONFLICT for a version that is not the current one. */
export function staleVersion(
  id: string,
  expected: number,
  current: number,
  field = 'input.expectedVersion',
): DomainError {
  return DomainError.conflict(
    `${id} was changed by someone else: it is at version ${current}, not ${expected}. Reload it and apply your change again.`,
    { field, currentVersion: current },
  );
}

/** The written record, or the error a client can act on. */
async function written<T>(
  write: () => Promise<VersionedWrite<T>>,
  id: string,
  expected: number,
  field?: string,
): Promise<T> {
  const result = await storeWrite(write);
  if (result.ok) return result.record;
  if (result.reason === 'NOT_FOUND') throw DomainError.notFound(`"${id}"`, 'input.id');
  throw staleVersion(id, expected, result.currentVersion, field);
}

/** Only the fields given (undefined ones are left as they are). */
function given<P extends object>(patch: P): P {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as P;
}

/** A patch on the version that was read: the record after it, its revision, one write of both. */
function patched<
  P extends object,
  R extends
    ClaimRecord | GapRecord | ConditionRecord | MechanismRecord | StudyRecord | EvidenceLinkRecord,
>(
  kind: 'claims' | 'gaps' | 'conditions' | 'mechanisms' | 'studies' | 'evidence',
  update: VersionedUpdate<P, R>,
  current: R,
  patch: P,
  ctx: WriteContext,
  conflictField?: string,
): Promise<R> {
  const at = nowIso();
  const p = given(patch);
  const after = { ...current, ...p, updatedAt: at, version: current.version + 1 };
  const rev = revision(kind, current, after, ctx, at);
  return written(
    () => update(current.id, current.version, p, at, [rev]),
    current.id,
    current.version,
    conflictField,
  );
}

export function updateClaim(
  store: Pick<ClaimWrites, 'updateClaim'>,
  current: ClaimRecord,
  patch: ClaimPatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<ClaimRecord> {
  return patched('claims', store.updateClaim.bind(store), current, patch, ctx, conflictField);
}

export function updateStudy(
  store: Pick<StudyWrites, 'updateStudy'>,
  current: StudyRecord,
  patch: StudyPatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<StudyRecord> {
  return patched('studies', store.updateStudy.bind(store), current, patch, ctx, conflictField);
}

export function updateCondition(
  store: Pick<VocabularyWrites, 'updateCondition'>,
  current: ConditionRecord,
  patch: ConditionPatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<ConditionRecord> {
  return patched(
    'conditions',
    store.updateCondition.bind(store),
    current,
    patch,
    ctx,
    conflictField,
  );
}

export function updateMechanism(
  store: Pick<VocabularyWrites, 'updateMechanism'>,
  current: MechanismRecord,
  patch: MechanismPatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<MechanismRecord> {
  return patched(
    'mechanisms',
    store.updateMechanism.bind(store),
    current,
    patch,
    ctx,
    conflictField,
  );
}

export function updateGap(
  store: Pick<EvidenceWrites, 'updateGap'>,
  current: GapRecord,
  patch: GapPatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<GapRecord> {
  return patched('gaps', store.updateGap.bind(store), current, patch, ctx, conflictField);
}

export function updateEvidenceLink(
  store: Pick<EvidenceWrites, 'updateEvidenceLink'>,
  current: EvidenceLinkRecord,
  patch: EvidencePatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<EvidenceLinkRecord> {
  return patched(
    'evidence',
    store.updateEvidenceLink.bind(store),
    current,
    patch,
    ctx,
    conflictField,
  );
}

export function setReviewStatus(
  store: ReviewWrites,
  kind: ReviewedKind,
  current: ReviewedRecord,
  status: ReviewStatus,
  ctx: WriteContext,
  conflictField?: string,
): Promise<ReviewedRecord> {
  const at = nowIso();
  const after = { ...current, reviewStatus: status, updatedAt: at, version: current.version + 1 };
  const rev = revision(kind, current, after, ctx, at);
  return written(
    () => store.setReviewStatus(kind, current.id, current.version, status, at, [rev]),
    current.id,
    current.version,
    conflictField,
  );
}

/** Removes a link on the version the caller last read (`expectedVersion`). */
export function deleteEvidenceLink(
  store: Pick<EvidenceWrites, 'deleteEvidenceLink'>,
  link: EvidenceLinkRecord,
  ctx: WriteContext,
  expectedVersion: number = link.version,
  conflictField?: string,
): Promise<EvidenceLinkRecord> {
  return written(
    () =>
      store.deleteEvidenceLink(link.id, expectedVersion, [revision('evidence', link, null, ctx)]),
    link.id,
    expectedVersion,
    conflictField,
  );
}

/** A claim, statement, evidence link or gap by id and kind; null when there is none. */
export async function loadReviewed(
  store: Pick<ClaimReads, 'getClaims'> &
    Pick<SourceReads, 'getStatements'> &
    Pick<EvidenceReads, 'getEvidenceLinks' | 'getGaps'>,
  kind: ReviewedKind,
  id: string,
): Promise<ReviewedRecord | null> {
  const found: ReviewedRecord[] =
    kind === 'claims'
      ? await store.getClaims([id])
      : kind === 'statements'
        ? await store.getStatements([id])
        : kind === 'gaps'
          ? await store.getGaps([id])
          : await store.getEvidenceLinks([id]);
  return found[0] ?? null;
}
