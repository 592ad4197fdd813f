/**
 * conditionEvidence composed of the single reads it stands for: how a store whose reads cost no
 * round trip (SQLite, a snapshot) answers it, and the reference a remote store's one-query version
 * must equal (the contract suite compares them).
 */
import type {
  ClaimReads,
  ConditionEvidenceOptions,
  ConditionEvidenceRecords,
  EvidenceReads,
  SourceReads,
  StudyReads,
  VocabularyReads,
} from './ports';

type SingleReads = Pick<VocabularyReads, 'getConditions' | 'narrowerConditions' | 'narrowerPairs'> &
  Pick<ClaimReads, 'findClaimIds' | 'getClaims'> &
  Pick<EvidenceReads, 'evidenceByClaims' | 'gapsByClaims'> &
  Pick<SourceReads, 'statementsByClaims' | 'getSources'> &
  Pick<StudyReads, 'getStudies'>;

export async function conditionEvidenceFrom(
  reads: SingleReads,
  rootId: string,
  maxDepth: number,
  options: ConditionEvidenceOptions = {},
): Promise<ConditionEvidenceRecords | null> {
  const [root] = await reads.getConditions([rootId]);
  if (!root) return null;
  const narrower = await reads.narrowerConditions([rootId], maxDepth);
  const conditionIds = [rootId, ...narrower.map((n) => n.id)];
  const parents =
    maxDepth >= 1 ? [rootId, ...narrower.filter((n) => n.depth < maxDepth).map((n) => n.id)] : [];
  const [conditions, claimIds, narrowerPairs] = await Promise.all([
    reads.getConditions(conditionIds),
    reads.findClaimIds({ conditionIds }),
    parents.length ? reads.narrowerPairs(parents) : Promise.resolve([]),
  ]);
  const [claims, links, statements, gaps] = await Promise.all([
    reads.getClaims(claimIds),
    reads.evidenceByClaims(claimIds),
    reads.statementsByClaims(claimIds),
    reads.gapsByClaims(claimIds),
  ]);
  const [studies, sources] = await Promise.all([
    reads.getStudies([...new Set(links.map((l) => l.studyId))]),
    options.withSources
      ? reads.getSources([...new Set(statements.map((s) => s.sourceId))])
      : Promise.resolve([]),
  ]);
  return {
    narrower,
    conditions,
    narrowerPairs,
    claims: claims.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    links,
    studies,
    statements,
    gaps,
    sources,
  };
}
