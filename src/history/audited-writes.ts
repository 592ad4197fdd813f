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
  ClaimRecord,
  EvidenceLinkRecord,
  EvidenceStore,
  GapPatch,
  GapRecord,
  ReviewedKind,
  StatementRecord,
  VersionedWrite,
} from '../store/evidence-store.port';
import { revision, WriteContext } from './revision';

export type ReviewedRecord = ClaimRecord | StatementRecord | EvidenceLinkRecord;

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

export function updateClaim(
  store: EvidenceStore,
  current: ClaimRecord,
  patch: ClaimPatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<ClaimRecord> {
  const at = nowIso();
  const p = given(patch);
  const after = { ...current, ...p, updatedAt: at, version: current.version + 1 };
  const rev = revision('claims', current, after, ctx, at);
  return written(
    () => store.updateClaim(current.id, current.version, p, at, [rev]),
    current.id,
    current.version,
    conflictField,
  );
}

export function updateGap(
  store: EvidenceStore,
  current: GapRecord,
  patch: GapPatch,
  ctx: WriteContext,
  conflictField?: string,
): Promise<GapRecord> {
  const at = nowIso();
  const p = given(patch);
  const after = { ...current, ...p, updatedAt: at, version: current.version + 1 };
  const rev = revision('gaps', current, after, ctx, at);
  return written(
    () => store.updateGap(current.id, current.version, p, at, [rev]),
    current.id,
    current.version,
    conflictField,
  );
}

export function setReviewStatus(
  store: EvidenceStore,
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
  store: EvidenceStore,
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

/** A claim, statement or evidence link by id and kind; null when there is none. */
export async function loadReviewed(
  store: EvidenceStore,
  kind: ReviewedKind,
  id: string,
): Promise<ReviewedRecord | null> {
  const found =
    kind === 'claims'
      ? await store.getClaims([id])
      : kind === 'statements'
        ? await store.getStatements([id])
        : await store.getEvidenceLinks([id]);
  return found[0] ?? null;
}
