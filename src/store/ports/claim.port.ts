import type { ReviewStatus } from '../../graphql.schema';
import type { Audit, ClaimPatch, ClaimQuery, ClaimRecord, VersionedUpdate } from './records';

/** What the domain needs to compare claims by their words. */
export interface ClaimText {
  id: string;
  text: string;
  reviewStatus: ReviewStatus;
}

export interface ClaimReads {
  getClaims(ids: readonly string[]): Promise<ClaimRecord[]>;
  /** Ids of matching claims, ordered by id. All criteria must hold. */
  findClaimIds(query: ClaimQuery): Promise<string[]>;
  /**
   * Every claim's id, text and review status, ordered by id: the domain ranks similar claims and
   * spots duplicates over these (the rules live in the claims service, not in each store).
   */
  claimTexts(): Promise<ClaimText[]>;
}

export interface ClaimWrites {
  createClaim(record: ClaimRecord, audit?: Audit): Promise<ClaimRecord>;
  updateClaim: VersionedUpdate<ClaimPatch, ClaimRecord>;
}

export type ClaimStore = ClaimReads & ClaimWrites;
