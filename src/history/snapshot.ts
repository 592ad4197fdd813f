/**
 * The knowledge base as it stood at an instant, rebuilt from the history: every record as it is
 * now, except that each record changed after the instant takes the `before` of its first later
 * revision (null: it did not exist yet); and the history itself as far as that instant. Loaded
 * into a snapshot store (SNAPSHOT_STORE_FACTORY), every read the domain knows (reports,
 * assessments, nested fields, a claim's history) works on it unchanged.
 */
import { emptyBundle } from '../store/bundle-plan';
import {
  GraphBundle,
  RECORD_KINDS,
  RecordKind,
  RevisionLog,
  RevisionRecord,
  SnapshotStoreFactory,
  StoreAdmin,
} from '../store/ports';
import { scanKind, scanRevisions } from '../store/scan-all';

/** What a snapshot is rebuilt from: the live store's records and its history. */
export type SnapshotSource = Pick<StoreAdmin, 'scan'> &
  Pick<RevisionLog, 'revisionsSince' | 'scanRevisions'>;

export async function bundleAsOf(
  store: Pick<StoreAdmin, 'scan'> & Pick<RevisionLog, 'revisionsSince'>,
  at: string,
): Promise<GraphBundle> {
  // History first: a change landing during the scan then shows up in both, and is undone.
  const later = await store.revisionsSince(at);
  const state = new Map<RecordKind, Map<string, object>>();
  for (const kind of RECORD_KINDS) {
    const byId = new Map<string, object>();
    for await (const page of scanKind(store, kind))
      for (const r of page as Array<{ id: string }>) byId.set(r.id, r);
    state.set(kind, byId);
  }
  const undone = new Set<string>();
  for (const r of later) {
    if (r.entityKind === 'tokens') continue;
    const key = `${r.entityKind}|${r.entityId}`;
    if (undone.has(key)) continue; // the first later revision holds the state at `at`
    undone.add(key);
    const byId = state.get(r.entityKind)!;
    if (r.before === null) byId.delete(r.entityId);
    else byId.set(r.entityId, r.before);
  }
  const bundle = emptyBundle();
  for (const kind of RECORD_KINDS) (bundle[kind] as object[]) = [...state.get(kind)!.values()];
  return bundle;
}

/**
 * The history as it stood at `at`: every revision made up to that instant, oldest first. Revision
 * ids sort in the order the changes were made, so the walk stops at the first later one.
 */
export async function revisionsUntil(
  log: Pick<RevisionLog, 'scanRevisions'>,
  at: string,
): Promise<RevisionRecord[]> {
  const kept: RevisionRecord[] = [];
  for await (const page of scanRevisions(log)) {
    const later = page.findIndex((r) => r.at > at);
    if (later < 0) kept.push(...page);
    else {
      kept.push(...page.slice(0, later));
      break;
    }
  }
  return kept;
}

/** A snapshot store of the knowledge base (records and history) as it stood at `at`. */
export async function snapshotOf(
  source: SnapshotSource,
  at: string,
  build: SnapshotStoreFactory,
): Promise<Awaited<ReturnType<SnapshotStoreFactory>>> {
  const bundle = await bundleAsOf(source, at);
  return build(bundle, await revisionsUntil(source, at));
}
