import type {
  Audit,
  DuplicateOf,
  EvidenceLinkRecord,
  EvidencePatch,
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
  /** A link's indirectness, compare-and-set on the version read. */
  updateEvidenceLink: VersionedUpdate<EvidencePatch, EvidenceLinkRecord>;
  /** Removes a link, compare-and-set on its version. */
  deleteEvidenceLink(
    id: string,
    expectedVersion: number,
    audit?: Audit,
  ): Promise<VersionedWrite<EvidenceLinkRecord>>;
  /** With `duplicateOf`: refused (UniqueViolationError on `description`) when it names one of the claim's gaps. */
  createGap(
    record: GapRecord,
    audit?: Audit,
    duplicateOf?: DuplicateOf<GapRecord>,
  ): Promise<GapRecord>;
  updateGap: VersionedUpdate<GapPatch, GapRecord>;
}

export type EvidenceLinkStore = EvidenceReads & EvidenceWrites;
