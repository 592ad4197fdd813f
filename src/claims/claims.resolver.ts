import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { assessmentSummary } from '../evidence/assessment';
import { ClaimEvidenceService } from '../evidence/claim-evidence.service';
import { reviewView } from '../evidence/counting';
import { PageArgs } from '../common/connection';
import { Paging } from '../graphql/paging.decorator';
import { RequestContext, writer } from '../graphql/request-context';
import { ClaimFilter } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { ClaimRecord } from '../store/ports';
import { CreateClaimDto, UpdateClaimDto } from './claim.inputs';
import { ClaimsService } from './claims.service';

@Resolver('Claim')
export class ClaimsResolver {
  constructor(
    private readonly claims: ClaimsService,
    private readonly evidence: ClaimEvidenceService,
  ) {}

  @Query('claim')
  claim(@Args('id') id: string, @Context('scope') scope: ReadScope) {
    return scope.loaders.claim.load(id);
  }

  @Query('claims')
  claimList(
    @Args('filter') filter: ClaimFilter | undefined,
    @Paging() page: PageArgs,
    @Context('scope') scope: ReadScope,
  ) {
    return this.claims.list(filter, page, scope);
  }

  @Query('similarClaims')
  similarClaims(
    @Args('text') text: string,
    @Args('first') first: number | undefined,
    @Context('scope') scope: ReadScope,
  ) {
    return this.claims.similar(text, first, scope);
  }

  @Mutation('createClaim')
  createClaim(@Args('input') input: CreateClaimDto, @Context() ctx: RequestContext) {
    return this.claims.create(input, writer(ctx), ctx.scope);
  }

  @Mutation('updateClaim')
  updateClaim(@Args('input') input: UpdateClaimDto, @Context() ctx: RequestContext) {
    return this.claims.update(input, writer(ctx, input.reason), ctx.scope);
  }

  @ResolveField('intervention')
  intervention(c: ClaimRecord, _args: unknown, { scope }: RequestContext) {
    return c.interventionId ? scope.loaders.intervention.load(c.interventionId) : null;
  }

  @ResolveField('conditions')
  conditions(c: ClaimRecord, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.all(loaders.condition, c.conditionIds);
  }

  @ResolveField('mechanisms')
  mechanisms(c: ClaimRecord, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.all(loaders.mechanism, c.mechanismIds);
  }

  @ResolveField('statements')
  statements(c: ClaimRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.statementsByClaim.load(c.id);
  }

  @ResolveField('evidence')
  evidenceLinks(c: ClaimRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.evidenceByClaim.load(c.id);
  }

  @ResolveField('gaps')
  gaps(c: ClaimRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.gapsByClaim.load(c.id);
  }

  @ResolveField('assessment')
  async assessment(
    @Parent() c: ClaimRecord,
    @Args('includePending') includePending: boolean | null,
    @Context('scope') scope: ReadScope,
  ) {
    const a = await this.evidence.assessment(c.id, scope, reviewView(includePending));
    return assessmentSummary(a!);
  }
}
