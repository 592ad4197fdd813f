import { Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { PageArgs } from '../common/connection';
import { Paging } from '../graphql/paging.decorator';
import { RequestContext, writer } from '../graphql/request-context';
import { StudyFilter } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { StudyRecord } from '../store/ports';
import { StudiesService } from './studies.service';
import { CreateStudyDto, UpdateStudyRiskOfBiasDto } from './study.inputs';

@Resolver('Study')
export class StudiesResolver {
  constructor(private readonly studies: StudiesService) {}

  @Query('study')
  study(
    @Args('id') id: string | undefined,
    @Args('doi') doi: string | undefined,
    @Args('pmid') pmid: string | undefined,
    @Context('scope') scope: ReadScope,
  ) {
    return this.studies.find({ id, doi, pmid }, scope);
  }

  @Query('studies')
  studyList(
    @Args('filter') filter: StudyFilter | undefined,
    @Paging() page: PageArgs,
    @Context('scope') scope: ReadScope,
  ) {
    return this.studies.list(filter, page, scope);
  }

  @Mutation('createStudy')
  createStudy(@Args('input') input: CreateStudyDto, @Context() ctx: RequestContext) {
    return this.studies.create(input, writer(ctx), ctx.scope);
  }

  @Mutation('updateStudyRiskOfBias')
  updateStudyRiskOfBias(
    @Args('input') input: UpdateStudyRiskOfBiasDto,
    @Context() ctx: RequestContext,
  ) {
    return this.studies.updateRiskOfBias(input, writer(ctx, input.reason), ctx.scope);
  }

  @ResolveField('retracted')
  retracted(s: StudyRecord) {
    return s.retraction !== null;
  }

  @ResolveField('populationConditions')
  populationConditions(s: StudyRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.all(scope.loaders.condition, s.populationConditionIds);
  }

  @ResolveField('evidence')
  evidence(s: StudyRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.evidenceByStudy.load(s.id);
  }
}
