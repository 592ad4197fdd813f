import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { GapKind, GapStatus } from '../graphql.schema';
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

  async link(input: LinkEvidenceDto, actor: string, loaders: Loaders): Promise<EvidenceLinkRecord> {
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
    return storeWrite(() =>
      this.store.createEvidenceLink({
        id: newId('evidence'),
        studyId: study.id,
        claimId: claim.id,
        relation: input.relation,
        note: input.note ?? null,
        quote: input.quote ?? null,
        addedBy: actor,
        createdAt: nowIso(),
      }),
    );
  }

  async unlink(input: UnlinkEvidenceDto, loaders: Loaders): Promise<ClaimRecord> {
    const { claim, study } = await this.claimAndStudy(input, loaders);
    const removed = await storeWrite(() => this.store.deleteEvidenceLink(study.id, claim.id));
    if (!removed)
      throw DomainError.notFound(
        `A link from study ${study.id} to claim ${claim.id}`,
        'input.studyId',
      );
    return claim;
  }

  async recordGap(input: RecordGapDto, loaders: Loaders): Promise<GapRecord> {
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
    return storeWrite(() =>
      this.store.createGap({
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
      }),
    );
  }

  async resolveGap(input: ResolveGapDto, loaders: Loaders): Promise<GapRecord> {
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
    const result = await storeWrite(() =>
      this.store.updateGap(
        gap.id,
        input.expectedVersion,
        { status: GapStatus.ADDRESSED, addressedById: input.studyId },
        nowIso(),
      ),
    );
    if (result.ok) return result.record;
    if (result.reason === 'NOT_FOUND') throw DomainError.notFound(`Gap "${input.id}"`, 'input.id');
    throw DomainError.conflict(
      `Gap ${gap.id} is at version ${result.currentVersion}, not ${input.expectedVersion}; reload it and try again.`,
      {
        field: 'input.expectedVersion',
        currentVersion: result.currentVersion,
      },
    );
  }
}
