import { Inject, Injectable } from '@nestjs/common';
import { Connection, decodeIdCursor, loadPageById, pageSize } from '../common/connection';
import { DomainError } from '../common/domain-error';
import { newId, nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { revision, WriteContext } from '../history/revision';
import { AssessmentResult } from '../evidence/assessment.service';
import { EvidenceRelation, NoticeKind } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import {
  ClaimRecord,
  EVIDENCE_STORE,
  EvidenceStore,
  StudyRecord,
  NoticeRecord,
} from '../store/evidence-store.port';
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
  constructor(@Inject(EVIDENCE_STORE) private readonly store: EvidenceStore) {}

  private async studies(input: CitationDto, loaders: Loaders): Promise<[StudyRecord, StudyRecord]> {
    const [citing, cited] = await Promise.all([
      loaders.study.load(input.citingId),
      loaders.study.load(input.citedId),
    ]);
    if (!citing)
      throw DomainError.badInput('input.citingId', `no study has id "${input.citingId}"`);
    if (!cited) throw DomainError.badInput('input.citedId', `no study has id "${input.citedId}"`);
    if (citing.id === cited.id)
      throw DomainError.badInput('input.citedId', 'a study cannot cite itself');
    return [citing, cited];
  }

  async addCitation(input: CitationDto, ctx: WriteContext, loaders: Loaders): Promise<StudyRecord> {
    const [citing, cited] = await this.studies(input, loaders);
    const at = nowIso();
    const created = await storeWrite(() =>
      this.store.addCitations(
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
    loaders: Loaders,
  ): Promise<StudyRecord> {
    const [citing, cited] = await this.studies(input, loaders);
    const removed = await storeWrite(() =>
      this.store.removeCitation(citing.id, cited.id, (c) => [revision('citations', c, null, ctx)]),
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
    loaders: Loaders,
  ): Promise<StudyRecord> {
    const study = await loaders.study.load(input.studyId);
    if (!study) throw DomainError.badInput('input.studyId', `no study has id "${input.studyId}"`);
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
    return storeWrite(() => this.store.addNotice(notice, retraction, audit));
  }

  async retractionImpact(studyId: string, loaders: Loaders): Promise<RetractionImpactView> {
    const study = await loaders.study.load(studyId);
    if (!study) throw DomainError.notFound(`Study "${studyId}"`, 'study');
    const links = await loaders.evidenceByStudy.load(study.id);
    const bundles = await loaders.all(
      loaders.claimBundle,
      links.map((l) => l.claimId),
    );
    const byClaim = new Map(bundles.map((b) => [b.claim.id, b]));
    const citing = await this.store.citingStudies(study.id, IMPACT_HOPS);
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
    first: number | null | undefined,
    after: string | null | undefined,
    loaders: Loaders,
  ): Promise<Connection<StudyRecord>> {
    const limit = pageSize(first);
    const cites =
      direction === 'cites'
        ? await loaders.citationsByCiting.load(study.id)
        : await loaders.citationsByCited.load(study.id);
    const ids = cites.map((c) => (direction === 'cites' ? c.citedId : c.citingId)).sort();
    return loadPageById(ids, limit, decodeIdCursor(after), (page) =>
      loaders.all(loaders.study, page),
    );
  }
}
