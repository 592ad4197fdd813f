import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext, writer } from '../graphql/request-context';
import { ClaimFilter } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import { ClaimRecord } from '../store/evidence-store.port';
import { CreateClaimDto, UpdateClaimDto } from './claim.inputs';
import { ClaimsService } from './claims.service';

@Resolver('Claim')
export class ClaimsResolver {
  constructor(private readonly claims: ClaimsService) {}

  @Query('claim')
  claim(@Args('id') id: string, @Context('loaders') loaders: Loaders) {
    return loaders.claim.load(id);
  }

  @Query('claims')
  claimList(
    @Args('filter') filter: ClaimFilter | undefined,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
    @Context() ctx: RequestContext,
  ) {
    return this.claims.list(filter, first, after, ctx.loaders);
  }

  @Mutation('createClaim')
  createClaim(@Args('input') input: CreateClaimDto, @Context() ctx: RequestContext) {
    return this.claims.create(input, writer(ctx), ctx.loaders);
  }

  @Mutation('updateClaim')
  updateClaim(@Args('input') input: UpdateClaimDto, @Context() ctx: RequestContext) {
    return this.claims.update(input, writer(ctx, input.reason), ctx.loaders);
  }

  @ResolveField('intervention')
  intervention(@Parent() c: ClaimRecord, @Context('loaders') loaders: Loaders) {
    return c.interventionId ? loaders.intervention.load(c.interventionId) : null;
  }

  @ResolveField('conditions')
  conditions(@Parent() c: ClaimRecord, @Context('loaders') loaders: Loaders) {
    return loaders.all(loaders.condition, c.conditionIds);
  }

  @ResolveField('mechanisms')
  mechanisms(@Parent() c: ClaimRecord, @Context('loaders') loaders: Loaders) {
    return loaders.all(loaders.mechanism, c.mechanismIds);
  }

  @ResolveField('statements')
  statements(@Parent() c: ClaimRecord, @Context('loaders') loaders: Loaders) {
    return loaders.statementsByClaim.load(c.id);
  }

  @ResolveField('evidence')
  evidence(@Parent() c: ClaimRecord, @Context('loaders') loaders: Loaders) {
    return loaders.evidenceByClaim.load(c.id);
  }

  @ResolveField('gaps')
  gaps(@Parent() c: ClaimRecord, @Context('loaders') loaders: Loaders) {
    return loaders.gapsByClaim.load(c.id);
  }

  @ResolveField('assessment')
  async assessment(
    @Parent() c: ClaimRecord,
    @Args('includePending') includePending: boolean | null,
    @Context('loaders') loaders: Loaders,
  ) {
    const loader = includePending ? loaders.claimBundleWithPending : loaders.claimBundle;
    const a = (await loader.load(c.id))!.assessment;
    return {
      status: a.status,
      grade: a.grade,
      explanation: a.explanation,
      overclaimed: a.overclaimed,
    };
  }
}
