import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError } from '../common/domain-error';
import { Loaders } from '../loaders/loaders';
import { ClaimRecord, ConditionRecord } from '../store/evidence-store.port';
import { CreateConditionDto } from './condition.inputs';
import { ConditionsService } from './conditions.service';
import { RequestContext, writer } from '../graphql/request-context';

@Resolver('Condition')
export class ConditionsResolver {
  constructor(private readonly conditions: ConditionsService) {}

  @Query('condition')
  async condition(
    @Args('name') name: string | undefined,
    @Args('id') id: string | undefined,
    @Context('loaders') loaders: Loaders,
  ) {
    if ((name === undefined || name === null) === (id === undefined || id === null))
      throw DomainError.badInput('name', 'give exactly one of name or id');
    return id ? loaders.condition.load(id) : this.conditions.find(name!, loaders);
  }

  @Query('conditions')
  conditionsList(
    @Args('search') search: string | undefined,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
  ) {
    return this.conditions.list(search, first, after);
  }

  @Mutation('createCondition')
  createCondition(@Args('input') input: CreateConditionDto, @Context() ctx: RequestContext) {
    return this.conditions.create(input, writer(ctx), ctx.loaders);
  }

  @ResolveField('broader')
  broader(@Parent() c: ConditionRecord, @Context('loaders') loaders: Loaders) {
    return loaders.all(loaders.condition, c.broaderIds);
  }

  @ResolveField('narrower')
  async narrower(@Parent() c: ConditionRecord, @Context('loaders') loaders: Loaders) {
    return loaders.all(loaders.condition, await loaders.narrowerIds.load(c.id));
  }

  @ResolveField('claims')
  async claims(
    @Parent() c: ConditionRecord,
    @Context('loaders') loaders: Loaders,
  ): Promise<ClaimRecord[]> {
    return loaders.all(loaders.claim, await loaders.claimIdsByCondition.load(c.id));
  }
}
