import { Inject, Injectable } from '@nestjs/common';
import { Connection, keysetPage, loadPageById, PageArgs } from '../common/connection';
import { DomainError, referenced } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { revision, WriteContext } from '../history/revision';
import { AssessmentResult } from '../evidence/assessment';
import { ClaimEvidenceService } from '../evidence/claim-evidence.service';
import { REVIEWED } from '../evidence/counting';
import { EvidenceRelation, NoticeKind } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import {
  CITATION_STORE,
  CitationWrites,
  ClaimRecord,
  NoticeRecord,
  StudyRecord,
} from '../store/ports';
import { CitationDto, MarkNoticeDto } from './citation.inputs';

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
   * Records a notice. Only a RETRACTION retracts (a correction or an expression of concern does
   * not): the study then stops counting for every claim at once, since assessments are computed
   * on every read from the study's current state.
   */
  async markNotice(
    input: MarkNoticeDto,
    ctx: WriteContext,
    { loaders }: ReadScope,
  ): Promise<StudyRecord> {
    const study = await loaders.known(loaders.study, input.studyId, 'input.studyId', 'study');
    const retracts = input.kind === NoticeKind.RETRACTION;
    if (retracts && study.retraction) {
      throw DomainError.conflict(
        `${study.id} is already retracted${study.retraction.date ? ` (${study.retraction.date})` : ''}`,
        {
          field: 'input.kind',
        },
      );
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
    };
    const retraction = retracts ? { date: notice.date, note: notice.note } : undefined;
    const audit = [revision('notices', null, notice, ctx, at)];
    if (retraction) {
      const after = { ...study, retraction, updatedAt: at, version: study.version + 1 };
      audit.push(revision('studies', study, after, ctx, at));
    }
    return storeWrite(() => this.citations.addNotice(notice, retraction, audit));
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
