import { Inject, Injectable } from '@nestjs/common';
import { DomainError, referenced } from '../common/domain-error';
import { newId } from '../common/ids';
import { normaliseName } from '../common/text';
import { storeWrite } from '../common/store-errors';
import {
  deleteEvidenceLink,
  staleVersion,
  updateEvidenceLink,
  updateGap,
} from '../history/audited-writes';
import { created, newRecord, WriteContext } from '../history/revision';
import { GapKind, GapStatus, IndirectnessDomain, ReviewStatus } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import {
  ClaimRecord,
  EVIDENCE_LINK_STORE,
  EvidenceLinkRecord,
  EvidenceWrites,
  GapRecord,
  StatementRecord,
  IndirectnessRecord,
} from '../store/ports';
import {
  IndirectnessDto,
  LinkEvidenceDto,
  RecordGapDto,
  ResolveGapDto,
  UnlinkEvidenceDto,
  UpdateEvidenceIndirectnessDto,
} from './evidence.inputs';

/**
 * How a study differs from a claim, as recorded: each domain once, in GRADE's order (population,
 * intervention, comparator, outcome, timeframe), each reason as sent. A domain given twice is bad
 * input naming the second entry.
 */
export function indirectness(
  given: IndirectnessDto[] | undefined,
  path = 'input.indirectness',
): IndirectnessRecord[] {
  const order = Object.values(IndirectnessDomain);
  const seen = new Set<IndirectnessDomain>();
  for (const [i, d] of (given ?? []).entries()) {
    if (seen.has(d.domain))
      throw DomainError.badInput(
        `${path}[${i}].domain`,
        `${d.domain} is given twice; one entry per domain`,
      );
    seen.add(d.domain);
  }
  return (given ?? [])
    .map((d) => ({ domain: d.domain, reason: d.reason }))
    .sort((a, b) => order.indexOf(a.domain) - order.indexOf(b.domain));
}

/** One link per study and claim: a second is refused, naming the one there (`at`: the input path). */
export function alreadyLinked(existing: EvidenceLinkRecord, at = 'input'): DomainError {
  return DomainError.conflict(
    `Study ${existing.studyId} is already linked to claim ${existing.claimId} (${existing.relation}); unlink it first to change the relation.`,
    { field: `${at}.studyId`, existingId: existing.id },
  );
}

/** A gap's statement must state the gap's claim; an UNCITED_ASSERTION gap must name one. */
export function checkGapStatement(
  kind: GapKind,
  claimId: string,
  statement: Pick<StatementRecord, 'id' | 'claimId'> | null,
  at = 'input',
  field = 'statementId',
): void {
  if (statement) {
    if (statement.claimId !== claimId)
      throw DomainError.badInput(
        `${at}.${field}`,
        `statement ${statement.id} states another claim (${statement.claimId})`,
      );
  } else if (kind === GapKind.UNCITED_ASSERTION) {
    throw DomainError.badInput(
      `${at}.${field}`,
      'is required for an UNCITED_ASSERTION gap: which statement asserts evidence without citing it?',
    );
  }
}

/**
 * The duplicate rule of gaps: among a claim's gaps, an open one (not rejected) of the same kind
 * whose description is the same once case and spacing are set aside.
 */
export function sameGap(
  gap: Pick<GapRecord, 'kind' | 'description'>,
  siblings: GapRecord[],
): GapRecord | undefined {
  const key = normaliseName(gap.description);
  return siblings.find(
    (g) =>
      g.status === GapStatus.OPEN &&
      g.reviewStatus !== ReviewStatus.REJECTED &&
      g.kind === gap.kind &&
      normaliseName(g.description) === key,
  );
}

/**
 * Editor writes on the evidence itself: links between studies and claims, and missing-study gaps.
 * What the evidence is worth is ClaimEvidenceService's (claim-evidence.service.ts).
 */
@Injectable()
export class EvidenceService {
  constructor(@Inject(EVIDENCE_LINK_STORE) private readonly evidence: EvidenceWrites) {}

  /** The claim and the study an input names (both must exist), and the link between them if any. */
  private async linkEnds(input: { claimId: string; studyId: string }, { loaders }: ReadScope) {
    const [claim, study] = await Promise.all([
      loaders.claim.load(input.claimId),
      loaders.study.load(input.studyId),
    ]);
    const ends = {
      study: referenced(study, 'input.studyId', 'study', input.studyId),
      claim: referenced(claim, 'input.claimId', 'claim', input.claimId),
    };
    const links = await loaders.evidenceByClaim.load(ends.claim.id);
    return { ...ends, link: links.find((l) => l.studyId === ends.study.id) };
  }

  /** A new link waits for review (SUBMITTED) before clinicians' reports count it. */
  async link(
    input: LinkEvidenceDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<EvidenceLinkRecord> {
    const { claim, study, link: existing } = await this.linkEnds(input, scope);
    if (existing) throw alreadyLinked(existing);
    const record = newRecord<EvidenceLinkRecord>(newId('evidence'), {
      studyId: study.id,
      claimId: claim.id,
      relation: input.relation,
      note: input.note ?? null,
      quote: input.quote ?? null,
      indirectness: indirectness(input.indirectness),
      addedBy: ctx.actor,
      reviewStatus: ReviewStatus.SUBMITTED,
    });
    return storeWrite(() => this.evidence.createEvidenceLink(...created('evidence', record, ctx)));
  }

  /** Replaces a link's indirectness on the version read: one revision, revertible. */
  async updateIndirectness(
    input: UpdateEvidenceIndirectnessDto,
    ctx: WriteContext,
    { store }: ReadScope,
  ): Promise<EvidenceLinkRecord> {
    const given = indirectness(input.indirectness);
    const [current] = await store.getEvidenceLinks([input.id]);
    if (!current) throw DomainError.notFound(`Evidence link "${input.id}"`, 'input.id');
    if (current.version !== input.expectedVersion)
      throw staleVersion(current.id, input.expectedVersion, current.version);
    // The same differences again change nothing: no new version, no revision.
    if (JSON.stringify(given) === JSON.stringify(current.indirectness)) return current;
    return updateEvidenceLink(this.evidence, current, { indirectness: given }, ctx);
  }

  async unlink(
    input: UnlinkEvidenceDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<ClaimRecord> {
    const { claim, study, link } = await this.linkEnds(input, scope);
    if (!link)
      throw DomainError.notFound(
        `A link from study ${study.id} to claim ${claim.id}`,
        'input.studyId',
      );
    await deleteEvidenceLink(this.evidence, link, ctx, input.expectedVersion);
    return claim;
  }

  async recordGap(
    input: RecordGapDto,
    ctx: WriteContext,
    { loaders }: ReadScope,
  ): Promise<GapRecord> {
    const claim = await loaders.known(loaders.claim, input.claimId, 'input.claimId', 'claim');
    const statement = input.statementId
      ? await loaders.known(loaders.statement, input.statementId, 'input.statementId', 'statement')
      : null;
    checkGapStatement(input.kind, claim.id, statement);
    // The same open gap twice (a retry, or two editors noticing it) would count twice. Checked
    // here for the message, and by the store inside the write for concurrent requests.
    const duplicateOf = (siblings: GapRecord[]) => sameGap(input, siblings);
    const same = duplicateOf(await loaders.gapsByClaim.load(claim.id));
    if (same)
      throw DomainError.conflict(`Claim ${claim.id} already has this open gap: ${same.id}.`, {
        field: 'input.description',
        existingId: same.id,
      });
    // Like a claim, a gap recorded through the API counts once someone else accepts it.
    const record = newRecord<GapRecord>(newId('gap'), {
      claimId: claim.id,
      kind: input.kind,
      description: input.description,
      neededDesign: input.neededDesign ?? null,
      status: GapStatus.OPEN,
      statementId: input.statementId ?? null,
      addressedById: null,
      reviewStatus: ReviewStatus.SUBMITTED,
    });
    return storeWrite(() => this.evidence.createGap(...created('gaps', record, ctx), duplicateOf));
  }

  async resolveGap(
    input: ResolveGapDto,
    ctx: WriteContext,
    { loaders }: ReadScope,
  ): Promise<GapRecord> {
    const gap = await loaders.gap.load(input.id);
    if (!gap) throw DomainError.notFound(`Gap "${input.id}"`, 'input.id');
    await loaders.known(loaders.study, input.studyId, 'input.studyId', 'study');
    if (gap.status === GapStatus.ADDRESSED) {
      throw DomainError.conflict(`Gap ${gap.id} is already addressed by ${gap.addressedById}`, {
        field: 'input.id',
        currentVersion: gap.version,
      });
    }
    if (gap.version !== input.expectedVersion)
      throw staleVersion(gap.id, input.expectedVersion, gap.version);
    return updateGap(
      this.evidence,
      gap,
      { status: GapStatus.ADDRESSED, addressedById: input.studyId },
      ctx,
    );
  }
}
