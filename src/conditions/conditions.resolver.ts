import { Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { PageArgs } from '../common/connection';
import { Paging } from '../graphql/paging.decorator';
import { ReadScope } from '../read-scope/read-scope';
import { ClaimRecord, ConditionRecord } from '../store/ports';
import { CreateConditionDto, UpdateConditionDto } from './condition.inputs';
import { ConditionsService } from './conditions.service';
import { RequestContext, writer } from '../graphql/request-context';

@Resolver('Condition')
export class ConditionsResolver {
  constructor(private readonly conditions: ConditionsService) {}

  @Query('condition')
  async condition(
    @Args('name') name: string | undefined,
    @Args('id') id: string | undefined,
    @Context('scope') scope: ReadScope,
  ) {
    return this.conditions.byNameOrId({ name, id }, scope);
  }

  @Query('conditions')
  conditionsList(
    @Args('search') search: string | undefined,
    @Paging() page: PageArgs,
    @Context('scope') scope: ReadScope,
  ) {
    return this.conditions.list(search, page, scope);
  }

  @Mutation('createCondition')
  createCondition(@Args('input') input: CreateConditionDto, @Context() ctx: RequestContext) {
    return this.conditions.create(input, writer(ctx), ctx.scope);
  }

  @Mutation('updateCondition')
  updateCondition(@Args('input') input: UpdateConditionDto, @Context() ctx: RequestContext) {
    return this.conditions.update(input, writer(ctx, input.reason), ctx.scope);
  }

  @ResolveField('broader')
  broader(c: ConditionRecord, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.all(loaders.condition, c.broaderIds);
  }

  @ResolveField('narrower')
  async narrower(c: ConditionRecord, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.all(loaders.condition, await loaders.narrowerIds.load(c.id));
  }

  @ResolveField('claims')
  async claims(
    c: ConditionRecord,
    _args: unknown,
    { scope: { loaders } }: RequestContext,
  ): Promise<ClaimRecord[]> {
    return loaders.all(loaders.claim, await loaders.claimIdsByCondition.load(c.id));
  }
}
