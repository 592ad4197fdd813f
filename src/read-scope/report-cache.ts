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
import type {
  ConditionEvidenceOptions,
  ConditionEvidenceRecords,
  KnowledgeReads,
} from '../store/ports';

interface Entry {
  clock: string;
  withSources: boolean;
  /** Shared while in flight too: a burst of requests for one report reads it once. */
  records: Promise<ConditionEvidenceRecords | null>;
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
  reads: KnowledgeReads,
  clock: () => Promise<string>,
  maxBytes: number,
): void {
  if (maxBytes <= 0) return;
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    // Sized once read (in flight: 1); an entry larger than the whole cache is not kept.
    sizeCalculation: () => 1,
  });
  caches.set(reads, {
    clock,
    conditionEvidence(now, rootId, maxDepth, options) {
      const key = `${maxDepth}\u0000${rootId}`;
      const withSources = options.withSources ?? false;
      const hit = entries.get(key);
      if (hit && hit.clock === now && (hit.withSources || !withSources)) return hit.records;
      const records = reads.conditionEvidence(rootId, maxDepth, options).then((found) => {
        const frozen = found && deepFreeze(found);
        const entry = entries.get(key);
        // Re-set with its real size (it may have been replaced or dropped meanwhile).
        if (entry?.records === records) {
          entries.delete(key);
          const bytes = JSON.stringify(frozen).length;
          if (bytes <= maxBytes) entries.set(key, entry, { size: bytes });
        }
        return frozen;
      });
      entries.set(key, { clock: now, withSources, records });
      // A failed read is not kept: the next request reads again.
      records.catch(() => {
        if (entries.get(key)?.records === records) entries.delete(key);
      });
      return records;
    },
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
