import type { RevisionChange, RevisionRecord } from './records';

/** The history: one revision per change, written by each write in its own transaction. */
export interface RevisionLog {
  /** Revisions of one record, oldest first, a page at a time after the given revision id. */
  revisionsOf(
    entityId: string,
    after: string | undefined,
    limit: number,
  ): Promise<RevisionRecord[]>;
  getRevisions(ids: readonly string[]): Promise<RevisionRecord[]>;
  /** Every revision made after the instant, oldest first (asOf reconstruction). */
  revisionsSince(at: string): Promise<RevisionRecord[]>;
  /**
   * revisionsSince, each without what asOf does not read (`after` is the larger half), found by
   * the index on time: an asOf overlay costs the changes since the instant, not the history.
   */
  changesSince(at: string): Promise<RevisionChange[]>;
  /** The newest revision id, or null: a cheap marker of "has anything changed". */
  latestRevisionId(): Promise<string | null>;
  /** Revisions in id order, a page at a time after the given id (copying the history). */
  scanRevisions(after: string | undefined, limit: number): Promise<RevisionRecord[]>;
  /** Writes revisions as they are, skipping ids already stored (copying); returns how many were new. */
  appendRevisions(revisions: readonly RevisionRecord[]): Promise<number>;
}
