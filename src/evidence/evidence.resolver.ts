import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext, writer } from '../graphql/request-context';
import { EvidenceGrade } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import { EvidenceLinkRecord, GapRecord } from '../store/evidence-store.port';
import { isRetracted } from './assessment.service';
import { LinkEvidenceDto, RecordGapDto, ResolveGapDto, UnlinkEvidenceDto } from './evidence.inputs';
import { EvidenceService } from './evidence.service';
import { ReportService } from './report.service';
import { HistoryService } from '../history/history.service';

@Resolver('EvidenceLink')
export class EvidenceResolver {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly reports: ReportService,
    private readonly history: HistoryService,
  ) {}

  @Query('evidenceReport')
  async evidenceReport(
    @Args('condition') condition: string,
    @Args('includeNarrower') includeNarrower: boolean | null,
    @Args('minGrade') minGrade: EvidenceGrade | undefined,
    @Args('includePending') includePending: boolean | null,
    @Args('asOf') asOf: string | null,
    @Context() ctx: RequestContext,
  ) {
    if (asOf) {
      // Time travel covers the whole request: nested fields resolve through the request's
      // loaders, so they must read the snapshot too.
      ctx.loaders = new Loaders(await this.history.storeAsOf(asOf));
    }
    return this.reports.evidenceReport(condition, includeNarrower ?? true, minGrade, ctx.loaders, {
      includePending: includePending ?? false,
      asOf: asOf ?? null,
    });
  }

  @Mutation('linkEvidence')
  linkEvidence(@Args('input') input: LinkEvidenceDto, @Context() ctx: RequestContext) {
    return this.evidence.link(input, writer(ctx), ctx.loaders);
  }

  @Mutation('unlinkEvidence')
  unlinkEvidence(@Args('input') input: UnlinkEvidenceDto, @Context() ctx: RequestContext) {
    return this.evidence.unlink(input, writer(ctx, input.reason), ctx.loaders);
  }

  @Mutation('recordGap')
  recordGap(@Args('input') input: RecordGapDto, @Context() ctx: RequestContext) {
    return this.evidence.recordGap(input, writer(ctx), ctx.loaders);
  }

  @Mutation('resolveGap')
  resolveGap(@Args('input') input: ResolveGapDto, @Context() ctx: RequestContext) {
    return this.evidence.resolveGap(input, writer(ctx, input.reason), ctx.loaders);
  }

  @ResolveField('study')
  study(@Parent() l: EvidenceLinkRecord, @Context('loaders') loaders: Loaders) {
    return loaders.study.load(l.studyId);
  }

  @ResolveField('claim')
  claim(@Parent() l: EvidenceLinkRecord, @Context('loaders') loaders: Loaders) {
    return loaders.claim.load(l.claimId);
  }

  @ResolveField('counts')
  async counts(@Parent() l: EvidenceLinkRecord, @Context('loaders') loaders: Loaders) {
    const study = await loaders.study.load(l.studyId);
    return study !== null && !isRetracted(study);
  }
}

@Resolver('EvidenceGap')
export class EvidenceGapResolver {
  @ResolveField('claim')
  claim(@Parent() g: GapRecord, @Context('loaders') loaders: Loaders) {
    return loaders.claim.load(g.claimId);
  }

  @ResolveField('statement')
  statement(@Parent() g: GapRecord, @Context('loaders') loaders: Loaders) {
    return g.statementId ? loaders.statement.load(g.statementId) : null;
  }

  @ResolveField('addressedBy')
  addressedBy(@Parent() g: GapRecord, @Context('loaders') loaders: Loaders) {
    return g.addressedById ? loaders.study.load(g.addressedById) : null;
  }
}
