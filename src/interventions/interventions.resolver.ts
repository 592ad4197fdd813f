import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequestContext, writer } from '../graphql/request-context';
import { ReadScope } from '../read-scope/read-scope';
import { CreateInterventionDto } from './intervention.inputs';
import { InterventionsService } from './interventions.service';

@Resolver('Intervention')
export class InterventionsResolver {
  constructor(private readonly interventions: InterventionsService) {}

  @Query('interventions')
  interventionList(@Context('scope') scope: ReadScope) {
    return this.interventions.list(scope);
  }

  @Mutation('createIntervention')
  createIntervention(@Args('input') input: CreateInterventionDto, @Context() ctx: RequestContext) {
    return this.interventions.create(input, writer(ctx));
  }
}
