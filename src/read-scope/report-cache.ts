/**
 * Reports' records kept between requests, checked against the store clock on every request: a
 * report read while the clock said c is served again only while the clock still says c, so no
 * request ever sees an older state than a read of its own would (a write, in this process or any
 * other, moves the clock before it is visible). What a hit saves is the report's one big read,
 * on Neo4j a statement of many subqueries and a large result to decode; it costs one small read
 * of the clock per request.
 *
 * Only today's knowledge is cached (the store module registers the live store); snapshots and
 * asOf reads are never registered. The cached records are shared by every request that gets them,
 * so they are frozen: a service that tried to change one would fail loudly, not corrupt the cache.
 */
import { LRUCache } from 'lru-cache';
import { deepFreeze } from '../common/deep-freeze';
import type {
  ConditionEvidenceOptions,
  ConditionEvidenceRecords,
  KnowledgeReads,
  StoreAdmin,
} from '../store/ports';

interface Entry {
  clock: string;
  /** For a report's records: whether the statements' sources were read too. */
  withSources: boolean;
  /** Shared while in flight too: a burst of requests for one report reads it once. */
  value: Promise<unknown>;
}

export interface ReportCache {
  /** The clock, read once per request (a scope's loaders keep it until a write clears them). */
  clock(): Promise<string>;
  conditionEvidence(
    clock: string,
    rootId: string,
    maxDepth: number,
    options: ConditionEvidenceOptions,
  ): Promise<ConditionEvidenceRecords | null>;
  /**
   * Another read a report makes on every request (say, what a condition's name refers to),
   * under a key naming it and everything it depends on; `read` when not kept at this clock.
   */
  kept<T>(clock: string, key: string, read: () => Promise<T>): Promise<T>;
}

const caches = new WeakMap<KnowledgeReads, ReportCache>();

/** The cache of a store's reports, when one was registered for it. */
export function reportCacheOf(reads: KnowledgeReads): ReportCache | undefined {
  return caches.get(reads);
}

/**
 * Caches the reports read from `reads` (the live store), holding at most `maxBytes` of them in
 * all, measured as their JSON (least recently used dropped first); 0 caches nothing.
 */
export function registerReportCache(
  reads: KnowledgeReads & Pick<StoreAdmin, 'clock'>,
  maxBytes: number,
): void {
  if (maxBytes <= 0) return;
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    // Sized once read (in flight: 1); an entry larger than the whole cache is not kept.
    sizeCalculation: () => 1,
  });
  /** The entry's value when kept at `now` and `usable`; else `read`, kept at `now`. */
  function keep<T>(
    now: string,
    key: string,
    usable: (e: Entry) => boolean,
    read: () => Promise<T>,
    withSources = false,
  ): Promise<T> {
    const hit = entries.get(key);
    if (hit && hit.clock === now && usable(hit)) return hit.value as Promise<T>;
    const value: Promise<T> = read().then((found) => {
      const frozen = deepFreeze(found);
      const entry = entries.get(key);
      // Re-set with its real size (it may have been replaced or dropped meanwhile).
      if (entry?.value === value) {
        entries.delete(key);
        const bytes = JSON.stringify(frozen ?? null).length;
        if (bytes <= maxBytes) entries.set(key, entry, { size: bytes });
      }
      return frozen;
    });
    entries.set(key, { clock: now, withSources, value });
    // A failed read is not kept: the next request reads again.
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  }

  caches.set(reads, {
    clock: () => reads.clock(),
    conditionEvidence(now, rootId, maxDepth, options) {
      const withSources = options.withSources ?? false;
      return keep(
        now,
        `report\u0000${maxDepth}\u0000${rootId}`,
        (e) => e.withSources || !withSources,
        () => reads.conditionEvidence(rootId, maxDepth, options),
        withSources,
      );
    },
    kept: (now, key, read) => keep(now, `kept\u0000${key}`, () => true, read),
  });
}
