import { Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequestContext, writer } from '../graphql/request-context';
import { ReadScope } from '../read-scope/read-scope';
import { MechanismRecord } from '../store/ports';
import { CreateMechanismDto, UpdateMechanismDto } from './mechanism.inputs';
import { MechanismsService } from './mechanisms.service';

@Resolver('Mechanism')
export class MechanismsResolver {
  constructor(private readonly mechanisms: MechanismsService) {}

  @Query('mechanism')
  mechanism(@Args('id') id: string, @Context('scope') scope: ReadScope) {
    return scope.loaders.mechanism.load(id);
  }

  @Query('mechanisms')
  mechanismList(@Context('scope') scope: ReadScope) {
    return this.mechanisms.list(scope);
  }

  @Mutation('createMechanism')
  createMechanism(@Args('input') input: CreateMechanismDto, @Context() ctx: RequestContext) {
    return this.mechanisms.create(input, writer(ctx), ctx.scope);
  }

  @Mutation('updateMechanism')
  updateMechanism(@Args('input') input: UpdateMechanismDto, @Context() ctx: RequestContext) {
    return this.mechanisms.update(input, writer(ctx, input.reason), ctx.scope);
  }

  @ResolveField('claims')
  async claims(m: MechanismRecord, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.all(loaders.claim, await loaders.claimIdsByMechanism.load(m.id));
  }
}
