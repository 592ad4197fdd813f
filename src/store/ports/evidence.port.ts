import type {
  Audit,
  EvidenceLinkRecord,
  GapPatch,
  GapRecord,
  VersionedUpdate,
  VersionedWrite,
} from './records';

/** Evidence links (study → claim) and evidence gaps (the study that is missing). */
export interface EvidenceReads {
  getEvidenceLinks(ids: readonly string[]): Promise<EvidenceLinkRecord[]>;
  evidenceByClaims(claimIds: readonly string[]): Promise<EvidenceLinkRecord[]>;
  evidenceByStudies(studyIds: readonly string[]): Promise<EvidenceLinkRecord[]>;
  getGaps(ids: readonly string[]): Promise<GapRecord[]>;
  gapsByClaims(claimIds: readonly string[]): Promise<GapRecord[]>;
}

export interface EvidenceWrites {
  createEvidenceLink(record: EvidenceLinkRecord, audit?: Audit): Promise<EvidenceLinkRecord>;
  /** Removes a link, compare-and-set on its version. */
  deleteEvidenceLink(
    id: string,
    expectedVersion: number,
    audit?: Audit,
  ): Promise<VersionedWrite<EvidenceLinkRecord>>;
  createGap(record: GapRecord, audit?: Audit): Promise<GapRecord>;
  updateGap: VersionedUpdate<GapPatch, GapRecord>;
}

export type EvidenceLinkStore = EvidenceReads & EvidenceWrites;
