import { Inject, Injectable } from '@nestjs/common';
import { Connection, keysetPage, loadPageById, PageArgs } from '../common/connection';
import { DomainError, referenced } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { revision, WriteContext } from '../history/revision';
import { AssessmentResult } from '../evidence/assessment';
import { ClaimEvidenceService } from '../evidence/claim-evidence.service';
import { awaitsReview, REVIEWED, ReviewView, shown } from '../evidence/counting';
import { staleVersion } from '../history/audited-writes';
import { EvidenceRelation, NoticeKind, ReviewStatus } from '../graphql.schema';
import { setNoticeStatus } from './notice-review';
import { ReadScope } from '../read-scope/read-scope';
import {
  CITATION_STORE,
  CitationWrites,
  ClaimRecord,
  NoticeRecord,
  StudyRecord,
} from '../store/ports';
import { CitationDto, MarkNoticeDto, WithdrawNoticeDto } from './citation.inputs';

/** How far "studies that cite it" reaches when a study is retracted. */
export const IMPACT_HOPS = 2;

export interface RetractionImpactView {
  study: StudyRecord;
  claims: Array<{ claim: ClaimRecord; relation: EvidenceRelation; assessment: AssessmentResult }>;
  citingStudies: Array<{ study: StudyRecord; hops: number }>;
}

/** The citation network between studies, and the notices (retractions, ...) that change what counts. */
@Injectable()
export class CitationsService {
  constructor(
    @Inject(CITATION_STORE) private readonly citations: CitationWrites,
    private readonly evidence: ClaimEvidenceService,
  ) {}

  private async studies(
    input: CitationDto,
    { loaders }: ReadScope,
  ): Promise<[StudyRecord, StudyRecord]> {
    const loaded = await Promise.all([
      loaders.study.load(input.citingId),
      loaders.study.load(input.citedId),
    ]);
    const citing = referenced(loaded[0], 'input.citingId', 'study', input.citingId);
    const cited = referenced(loaded[1], 'input.citedId', 'study', input.citedId);
    if (citing.id === cited.id)
      throw DomainError.badInput('input.citedId', 'a study cannot cite itself');
    return [citing, cited];
  }

  async addCitation(input: CitationDto, ctx: WriteContext, scope: ReadScope): Promise<StudyRecord> {
    const [citing, cited] = await this.studies(input, scope);
    const at = nowIso();
    const created = await storeWrite(() =>
      this.citations.addCitations(
        [
          {
            id: `${citing.id}>${cited.id}`,
            citingId: citing.id,
            citedId: cited.id,
            addedBy: ctx.actor,
            createdAt: at,
          },
        ],
        (c) => [revision('citations', null, c, ctx, at)],
      ),
    );
    if (created.length === 0)
      throw DomainError.conflict(`${citing.id} already cites ${cited.id}`, {
        field: 'input.citedId',
      });
    return citing;
  }

  async removeCitation(
    input: CitationDto,
    ctx: WriteContext,
    scope: ReadScope,
  ): Promise<StudyRecord> {
    const [citing, cited] = await this.studies(input, scope);
    const removed = await storeWrite(() =>
      this.citations.removeCitation(citing.id, cited.id, (c) => [
        revision('citations', c, null, ctx),
      ]),
    );
    if (!removed) {
      throw DomainError.notFound(`A citation from ${citing.id} to ${cited.id}`, 'input.citedId');
    }
    return citing;
  }

  /**
   * Records a notice, on the study's version the editor last read. It waits for review like a
   * claim: only once someone else accepts it does a RETRACTION retract (a correction or an
   * expression of concern never does), and then the study stops counting for every claim at once,
   * since assessments are computed on every read from the study's current state.
   */
  async markNotice(
    input: MarkNoticeDto,
    ctx: WriteContext,
    { store, loaders }: ReadScope,
  ): Promise<StudyRecord> {
    const study = await loaders.known(loaders.study, input.studyId, 'input.studyId', 'study');
    if (study.version !== input.expectedVersion)
      throw staleVersion(study.id, input.expectedVersion, study.version);
    if (input.kind === NoticeKind.RETRACTION) {
      if (study.retraction)
        throw DomainError.conflict(
          `${study.id} is already retracted${study.retraction.date ? ` (${study.retraction.date})` : ''}`,
          { field: 'input.kind' },
        );
      const waiting = (await store.noticesByStudies([study.id])).find(
        (n) => n.kind === NoticeKind.RETRACTION && awaitsReview(n),
      );
      if (waiting)
        throw DomainError.conflict(`A retraction of ${study.id} already awaits review.`, {
          field: 'input.kind',
          existingId: waiting.id,
        });
    }
    const at = nowIso();
    const notice: NoticeRecord = {
      id: newId('notice'),
      studyId: study.id,
      kind: input.kind,
      date: input.date ?? null,
      note: input.note ?? null,
      addedBy: ctx.actor,
      createdAt: at,
      updatedAt: at,
      version: 1,
      reviewStatus: ReviewStatus.SUBMITTED,
    };
    const result = await storeWrite(() =>
      this.citations.addNotice(notice, input.expectedVersion, [
        revision('notices', null, notice, ctx, at),
      ]),
    );
    if (result.ok) return result.record;
    if (result.reason === 'NOT_FOUND')
      throw DomainError.notFound(`Study "${study.id}"`, 'input.studyId');
    throw staleVersion(study.id, input.expectedVersion, result.currentVersion);
  }

  /**
   * An accepted notice recorded in error is withdrawn (ADMIN, with a reason): it stops taking
   * effect (a retraction no longer retracts) and stays in the history, so `asOf` shows the past.
   */
  async withdrawNotice(
    input: WithdrawNoticeDto,
    ctx: WriteContext,
    { store, loaders }: ReadScope,
  ): Promise<StudyRecord> {
    const [notice] = await store.getNotices([input.id]);
    if (!notice) throw DomainError.notFound(`Notice "${input.id}"`, 'input.id');
    if (notice.reviewStatus !== ReviewStatus.ACCEPTED)
      throw DomainError.conflict(
        `Notice ${notice.id} is ${notice.reviewStatus}: only an accepted notice is withdrawn (reject a submitted one).`,
        { field: 'input.id', currentVersion: notice.version },
      );
    if (notice.version !== input.expectedVersion)
      throw staleVersion(notice.id, input.expectedVersion, notice.version);
    const study = await loaders.known(loaders.study, notice.studyId, 'input.id', 'study');
    await setNoticeStatus(this.citations, notice, study, ReviewStatus.WITHDRAWN, ctx);
    return (await store.getStudies([study.id]))[0];
  }

  /** A study's notices as a view shows them (accepted; submitted ones too with pending). */
  async notices(study: StudyRecord, view: ReviewView, { loaders }: ReadScope) {
    return (await loaders.noticesByStudy.load(study.id)).filter((n) => shown(n, view));
  }

  async retractionImpact(studyId: string, scope: ReadScope): Promise<RetractionImpactView> {
    const { store, loaders } = scope;
    const study = await loaders.study.load(studyId);
    if (!study) throw DomainError.notFound(`Study "${studyId}"`, 'study');
    const links = await loaders.evidenceByStudy.load(study.id);
    const evidence = await this.evidence.forClaims(
      links.map((l) => l.claimId),
      scope,
      REVIEWED,
    );
    const byClaim = new Map(evidence.map((b) => [b.claim.id, b]));
    const citing = await store.citingStudies(study.id, IMPACT_HOPS);
    const citingRecords = new Map(
      (
        await loaders.all(
          loaders.study,
          citing.map((c) => c.id),
        )
      ).map((s) => [s.id, s]),
    );
    return {
      study,
      claims: links.flatMap((l) => {
        const b = byClaim.get(l.claimId);
        return b ? [{ claim: b.claim, relation: l.relation, assessment: b.assessment }] : [];
      }),
      citingStudies: citing.flatMap((c) => {
        const s = citingRecords.get(c.id);
        return s ? [{ study: s, hops: c.hops }] : [];
      }),
    };
  }

  /** A study's citations (either way) as a connection of studies, ordered by id. */
  async citationPage(
    study: StudyRecord,
    direction: 'cites' | 'citedBy',
    page: PageArgs,
    { loaders }: ReadScope,
  ): Promise<Connection<StudyRecord>> {
    const { limit, after } = keysetPage(page);
    const cites =
      direction === 'cites'
        ? await loaders.citationsByCiting.load(study.id)
        : await loaders.citationsByCited.load(study.id);
    const ids = cites.map((c) => (direction === 'cites' ? c.citedId : c.citingId)).sort();
    return loadPageById(ids, limit, after, (page) => loaders.all(loaders.study, page));
  }
}
