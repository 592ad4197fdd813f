import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { deleteEvidenceLink, staleVersion, updateGap } from '../history/audited-writes';
import { created, WriteContext } from '../history/revision';
import { GapKind, GapStatus, ReviewStatus } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import {
  ClaimRecord,
  EVIDENCE_STORE,
  EvidenceLinkRecord,
  EvidenceStore,
  GapRecord,
} from '../store/evidence-store.port';
import { LinkEvidenceDto, RecordGapDto, ResolveGapDto, UnlinkEvidenceDto } from './evidence.inputs';

/** Editor writes on the evidence itself: links between studies and claims, and missing-study gaps. */
@Injectable()
export class EvidenceService {
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  private async claimAndStudy(input: { claimId: string; studyId: string }, loaders: Loaders) {
    const [claim, study] = await Promise.all([
      loaders.claim.load(input.claimId),
      loaders.study.load(input.studyId),
    ]);
    if (!study) throw DomainError.badInput('input.studyId', `no study has id "${input.studyId}"`);
    if (!claim) throw DomainError.badInput('input.claimId', `no claim has id "${input.claimId}"`);
    return { claim, study };
  }

  /** A new link waits for review (SUBMITTED) before clinicians' reports count it. */
  async link(
    input: LinkEvidenceDto,
    ctx: WriteContext,
    loaders: Loaders,
  ): Promise<EvidenceLinkRecord> {
    const { claim, study } = await this.claimAndStudy(input, loaders);
    const existing = (await loaders.evidenceByClaim.load(claim.id)).find(
      (l) => l.studyId === study.id,
    );
    if (existing) {
      throw DomainError.conflict(
        `Study ${study.id} is already linked to claim ${claim.id} (${existing.relation}); unlink it first to change the relation.`,
        {
          field: 'input.studyId',
          existingId: existing.id,
        },
      );
    }
    const at = nowIso();
    const record: EvidenceLinkRecord = {
      id: newId('evidence'),
      studyId: study.id,
      claimId: claim.id,
      relation: input.relation,
      note: input.note ?? null,
      quote: input.quote ?? null,
      addedBy: ctx.actor,
      reviewStatus: ReviewStatus.SUBMITTED,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    return storeWrite(() => this.store.createEvidenceLink(...created('evidence', record, ctx)));
  }

  async unlink(
    input: UnlinkEvidenceDto,
    ctx: WriteContext,
    loaders: Loaders,
  ): Promise<ClaimRecord> {
    const { claim, study } = await this.claimAndStudy(input, loaders);
    const link = (await loaders.evidenceByClaim.load(claim.id)).find((l) => l.studyId === study.id);
    if (!link)
      throw DomainError.notFound(
        `A link from study ${study.id} to claim ${claim.id}`,
        'input.studyId',
      );
    await deleteEvidenceLink(this.store, link, ctx, input.expectedVersion);
    return claim;
  }

  async recordGap(input: RecordGapDto, ctx: WriteContext, loaders: Loaders): Promise<GapRecord> {
    const claim = await loaders.claim.load(input.claimId);
    if (!claim) throw DomainError.badInput('input.claimId', `no claim has id "${input.claimId}"`);
    if (input.statementId) {
      const statement = await loaders.statement.load(input.statementId);
      if (!statement)
        throw DomainError.badInput(
          'input.statementId',
          `no statement has id "${input.statementId}"`,
        );
      if (statement.claimId !== claim.id)
        throw DomainError.badInput(
          'input.statementId',
          `statement ${statement.id} states another claim (${statement.claimId})`,
        );
    } else if (input.kind === GapKind.UNCITED_ASSERTION) {
      throw DomainError.badInput(
        'input.statementId',
        'is required for an UNCITED_ASSERTION gap: which statement asserts evidence without citing it?',
      );
    }
    const at = nowIso();
    const record: GapRecord = {
      id: newId('gap'),
      claimId: claim.id,
      kind: input.kind,
      description: input.description,
      neededDesign: input.neededDesign ?? null,
      status: GapStatus.OPEN,
      statementId: input.statementId ?? null,
      addressedById: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    return storeWrite(() => this.store.createGap(...created('gaps', record, ctx)));
  }

  async resolveGap(input: ResolveGapDto, ctx: WriteContext, loaders: Loaders): Promise<GapRecord> {
    const gap = await loaders.gap.load(input.id);
    if (!gap) throw DomainError.notFound(`Gap "${input.id}"`, 'input.id');
    if (!(await loaders.study.load(input.studyId)))
      throw DomainError.badInput('input.studyId', `no study has id "${input.studyId}"`);
    if (gap.status === GapStatus.ADDRESSED) {
      throw DomainError.conflict(`Gap ${gap.id} is already addressed by ${gap.addressedById}`, {
        field: 'input.id',
        currentVersion: gap.version,
      });
    }
    if (gap.version !== input.expectedVersion)
      throw staleVersion(gap.id, input.expectedVersion, gap.version);
    return updateGap(
      this.store,
      gap,
      { status: GapStatus.ADDRESSED, addressedById: input.studyId },
      ctx,
    );
  }
}
