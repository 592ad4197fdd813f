import type { Audit, ClaimPatch, ClaimQuery, ClaimRecord, VersionedUpdate } from './records';

export interface ClaimReads {
  getClaims(ids: readonly string[]): Promise<ClaimRecord[]>;
  /** Ids of matching claims, ordered by id. All criteria must hold. */
  findClaimIds(query: ClaimQuery): Promise<string[]>;
}

export interface ClaimWrites {
  createClaim(record: ClaimRecord, audit?: Audit): Promise<ClaimRecord>;
  updateClaim: VersionedUpdate<ClaimPatch, ClaimRecord>;
}

export type ClaimStore = ClaimReads & ClaimWrites;
