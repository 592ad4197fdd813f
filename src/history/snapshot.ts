/**
 * The knowledge base as it stood at an instant, rebuilt from the history: every record as it is
 * now, except that each record changed after the instant takes the `before` of its first later
 * revision (null: it did not exist yet). The result is loaded into an in-memory SQLite store, so
 * every read the domain knows (reports, assessments, nested fields) works on it unchanged.
 */
import { emptyBundle } from '../store/bundle-plan';
import {
  EvidenceStore,
  GraphBundle,
  RECORD_KINDS,
  RecordKind,
  RevisionRecord,
} from '../store/evidence-store.port';
import { SqliteStore } from '../store/sqlite/sqlite.store';

const SCAN_PAGE = 1000;

export async function bundleAsOf(store: EvidenceStore, at: string): Promise<GraphBundle> {
  // History first: a change landing during the scan then shows up in both, and is undone.
  const later = await store.revisionsSince(at);
  const state = new Map<RecordKind, Map<string, object>>();
  for (const kind of RECORD_KINDS) {
    const byId = new Map<string, object>();
    for (let after: string | undefined; ;) {
      const page = (await store.scan(kind, after, SCAN_PAGE)) as Array<{ id: string }>;
      for (const r of page) byId.set(r.id, r);
      if (page.length < SCAN_PAGE) break;
      after = page[page.length - 1].id;
    }
    state.set(kind, byId);
  }
  const undone = new Set<string>();
  for (const r of later as RevisionRecord[]) {
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

export async function snapshotStore(store: EvidenceStore, at: string): Promise<EvidenceStore> {
  const snapshot = new SqliteStore(':memory:');
  await snapshot.init();
  await snapshot.upsertBundle(await bundleAsOf(store, at), 'create-missing');
  return snapshot;
}
