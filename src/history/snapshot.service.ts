import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ReadScope } from '../read-scope/read-scope';
import {
  KNOWLEDGE_READS,
  KnowledgeReads,
  REVISION_LOG,
  RevisionLog,
  SNAPSHOT_STORE_FACTORY,
  SnapshotStoreFactory,
  STORE_ADMIN,
  StoreAdmin,
} from '../store/ports';
import { AsOfReads, overlayAsOf } from './as-of-reads';

/** asOf read stores kept for repeated asOf reads (each holds its overlay, rarely a snapshot copy). */
export const SNAPSHOT_CACHE = 4;

type SnapshotStore = KnowledgeReads & { close(): Promise<void> };

interface Entry {
  store: Promise<SnapshotStore>;
  /** Scopes reading this snapshot that have not been released. */
  readers: number;
  /** Out of the cache: closed as soon as its last reader is done. */
  evicted: boolean;
}

/**
 * Read scopes as of an instant (asOf): each over the live store plus an overlay of the records
 * changed since (as-of-reads.ts; the few reads without an overlay build a snapshot copy, snapshot.ts,
 * on first use). They are cached by instant and by the newest
 * revision, so a repeated question costs one cheap query; a snapshot leaving the cache is closed
 * once no scope reads it any more, and every snapshot is closed when the module stops.
 */
@Injectable()
export class SnapshotService implements OnModuleDestroy {
  private readonly cache = new Map<string, Entry>();
  /** Every snapshot not yet closed: the cached ones, and evicted ones still being read. */
  private readonly open = new Set<Entry>();

  constructor(
    @Inject(STORE_ADMIN) private readonly admin: Pick<StoreAdmin, 'scan'>,
    @Inject(KNOWLEDGE_READS) private readonly live: KnowledgeReads,
    @Inject(REVISION_LOG) private readonly history: RevisionLog,
    @Inject(SNAPSHOT_STORE_FACTORY) private readonly build: SnapshotStoreFactory,
  ) {}

  /** A read scope over the knowledge as it stood at `at`; release() it when done. */
  async scopeAsOf(at: string): Promise<ReadScope> {
    const latest = await this.history.latestRevisionId();
    const key = `${at}|${latest}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = { store: this.rebuild(at, latest), readers: 0, evicted: false };
      this.cache.set(key, entry);
      this.open.add(entry);
      this.evictOldest();
    }
    const held = entry;
    held.readers++;
    let store: SnapshotStore;
    try {
      store = await held.store;
    } catch (err) {
      held.readers--;
      if (this.cache.get(key) === held) this.cache.delete(key);
      this.open.delete(held);
      throw err;
    }
    return new ReadScope(store, { asOf: at, onRelease: () => this.release(held) });
  }

  private async rebuild(at: string, latest: string | null): Promise<SnapshotStore> {
    const overlay = await overlayAsOf(this.history, at, latest);
    return new AsOfReads({ live: this.live, admin: this.admin, build: this.build }, overlay);
  }

  private evictOldest(): void {
    while (this.cache.size > SNAPSHOT_CACHE) {
      const [oldest, entry] = this.cache.entries().next().value!;
      this.cache.delete(oldest);
      entry.evicted = true;
      if (entry.readers === 0) void this.close(entry);
    }
  }

  private release(entry: Entry): void {
    entry.readers--;
    if (entry.evicted && entry.readers === 0) void this.close(entry);
  }

  private async close(entry: Entry): Promise<void> {
    if (!this.open.delete(entry)) return;
    await (await entry.store.catch(() => null))?.close();
  }

  async onModuleDestroy(): Promise<void> {
    this.cache.clear();
    for (const entry of [...this.open]) await this.close(entry);
  }
}
