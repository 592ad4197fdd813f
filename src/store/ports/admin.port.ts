import type {
  BundleAudit,
  GraphBundle,
  RecordKind,
  StoreCounts,
  UpsertMode,
  UpsertResult,
} from './records';

/** Lifecycle, health and whole-store operations: seeding, copying, export, tests. */
export interface StoreAdmin {
  readonly kind: 'sqlite' | 'neo4j';
  /** Creates or migrates what the store needs; idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;
  /**
   * The store clock: a value that changes whenever a write transaction commits, through any
   * connection or process, and never comes back, so what was read while it said one value is
   * still current while it says the same (the report cache, src/read-scope/report-cache.ts).
   * One cheap read.
   */
  clock(): Promise<string>;
  /** A cheap round trip: resolves when the database answers, else StoreUnavailableError. */
  ping(): Promise<void>;
  counts(): Promise<StoreCounts>;
  /** Every record of a kind in id order, a page at a time (copying, checksums, export). */
  scan<K extends RecordKind>(
    kind: K,
    after: string | undefined,
    limit: number,
  ): Promise<GraphBundle[K]>;
  /** Deletes everything (store:copy --replace, tests). */
  clear(): Promise<void>;
  /**
   * Writes a whole bundle in one transaction: absent records are created; identical ones are left
   * alone, so a re-run changes nothing; differing ones follow the mode. What is stored is read
   * inside that transaction, so an edit landing meanwhile is never silently overwritten.
   */
  upsertBundle(bundle: GraphBundle, mode?: UpsertMode, audit?: BundleAudit): Promise<UpsertResult>;
}
