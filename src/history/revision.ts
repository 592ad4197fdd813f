/**
 * Building revisions and reading them back as field-level changes. Services build one revision
 * per record they change and hand it to the store with the change, so both land in one
 * transaction; the store never decides what a change was.
 */
import { newRevisionId, nowIso } from '../common/ids';
import { AuditedKind, BundleAudit, RevisionRecord, Versioned } from '../store/ports';

/** Who makes a change and why: every write in the domain takes one. */
export interface WriteContext {
  actor: string;
  reason?: string | null;
  /** Set when the change undoes an earlier revision. */
  revertOf?: string | null;
}

/** Bookkeeping fields: shown on the revision itself, not listed as changed fields. */
const BOOKKEEPING = new Set(['updatedAt', 'version']);

function plain(record: object | null): Record<string, unknown> | null {
  // A JSON round trip: revisions hold data, never class instances or undefined fields.
  return record === null ? null : (JSON.parse(JSON.stringify(record)) as Record<string, unknown>);
}

export function revision(
  kind: AuditedKind,
  before: object | null,
  after: object | null,
  ctx: WriteContext,
  at: string = nowIso(),
): RevisionRecord {
  const entityId = ((after ?? before) as { id: string }).id;
  return {
    id: newRevisionId(at),
    entityId,
    entityKind: kind,
    action: before === null ? 'CREATE' : after === null ? 'DELETE' : 'UPDATE',
    before: plain(before),
    after: plain(after),
    actor: ctx.actor,
    at,
    reason: ctx.reason ?? null,
    revertOf: ctx.revertOf ?? null,
  };
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between before and after (every field on a create or delete). */
export function fieldChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (BOOKKEEPING.has(field) || field === 'id') continue;
    const b = before ? (before[field] ?? null) : null;
    const a = after ? (after[field] ?? null) : null;
    if (before && after && same(a, b)) continue;
    out.push({ field, before: b, after: a });
  }
  return out;
}

/** A review decision touches only the review status (and bookkeeping). */
export function isReviewOnly(r: RevisionRecord): boolean {
  return (
    r.action === 'UPDATE' &&
    fieldChanges(r.before, r.after).every((c) => c.field === 'reviewStatus')
  );
}

/** A new record: its own fields, with the bookkeeping every record starts with (now, version 1). */
export function newRecord<T extends Versioned>(
  id: string,
  fields: Omit<T, keyof Versioned>,
  at: string = nowIso(),
): T {
  return { id, ...fields, createdAt: at, updatedAt: at, version: 1 } as T;
}

/** A new record and its CREATE revision, as the arguments of a store create method. */
export function created<T extends object>(
  kind: AuditedKind,
  record: T,
  ctx: WriteContext,
): [T, RevisionRecord[]] {
  const at = (record as { createdAt?: string }).createdAt ?? nowIso();
  return [record, [revision(kind, null, record, ctx, at)]];
}

/** Audit for a bundle write (seeding, imports): one revision per record it creates or replaces. */
export function bundleAudit(ctx: WriteContext, at: string = nowIso()): BundleAudit {
  return { revision: (kind, before, after) => revision(kind, before, after, ctx, at) };
}
