import { Context, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequestContext, writer } from '../graphql/request-context';
import { EvidenceLinkRecord, GapRecord } from '../store/ports';
import { ClaimEvidenceService } from './claim-evidence.service';
import {
  LinkEvidenceDto,
  RecordGapDto,
  ResolveGapDto,
  UnlinkEvidenceDto,
  UpdateEvidenceIndirectnessDto,
} from './evidence.inputs';
import { EvidenceService } from './evidence.service';

@Resolver('EvidenceLink')
export class EvidenceResolver {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly claimEvidence: ClaimEvidenceService,
  ) {}

  @Mutation('linkEvidence')
  linkEvidence(@Args('input') input: LinkEvidenceDto, @Context() ctx: RequestContext) {
    return this.evidence.link(input, writer(ctx), ctx.scope);
  }

  @Mutation('updateEvidenceIndirectness')
  updateEvidenceIndirectness(
    @Args('input') input: UpdateEvidenceIndirectnessDto,
    @Context() ctx: RequestContext,
  ) {
    return this.evidence.updateIndirectness(input, writer(ctx, input.reason), ctx.scope);
  }

  @Mutation('unlinkEvidence')
  unlinkEvidence(@Args('input') input: UnlinkEvidenceDto, @Context() ctx: RequestContext) {
    return this.evidence.unlink(input, writer(ctx, input.reason), ctx.scope);
  }

  @Mutation('recordGap')
  recordGap(@Args('input') input: RecordGapDto, @Context() ctx: RequestContext) {
    return this.evidence.recordGap(input, writer(ctx), ctx.scope);
  }

  @Mutation('resolveGap')
  resolveGap(@Args('input') input: ResolveGapDto, @Context() ctx: RequestContext) {
    return this.evidence.resolveGap(input, writer(ctx, input.reason), ctx.scope);
  }

  @ResolveField('study')
  study(l: EvidenceLinkRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.study.load(l.studyId);
  }

  @ResolveField('claim')
  claim(l: EvidenceLinkRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.claim.load(l.claimId);
  }

  @ResolveField('counts')
  counts(l: EvidenceLinkRecord, _args: unknown, { scope }: RequestContext) {
    return this.claimEvidence.linkCounts(l, scope);
  }
}

@Resolver('EvidenceGap')
export class EvidenceGapResolver {
  @ResolveField('claim')
  claim(g: GapRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.claim.load(g.claimId);
  }

  @ResolveField('statement')
  statement(g: GapRecord, _args: unknown, { scope }: RequestContext) {
    return g.statementId ? scope.loaders.statement.load(g.statementId) : null;
  }

  @ResolveField('addressedBy')
  addressedBy(g: GapRecord, _args: unknown, { scope }: RequestContext) {
    return g.addressedById ? scope.loaders.study.load(g.addressedById) : null;
  }
}
