import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { StudyFilter } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import { StudyRecord } from '../store/evidence-store.port';
import { StudiesService } from './studies.service';
import { CreateStudyDto } from './study.inputs';
import { RequestContext, writer } from '../graphql/request-context';

@Resolver('Study')
export class StudiesResolver {
  constructor(private readonly studies: StudiesService) {}

  @Query('study')
  study(
    @Args('id') id: string | undefined,
    @Args('doi') doi: string | undefined,
    @Args('pmid') pmid: string | undefined,
    @Context('loaders') loaders: Loaders,
  ) {
    return this.studies.find({ id, doi, pmid }, loaders);
  }

  @Query('studies')
  studyList(
    @Args('filter') filter: StudyFilter | undefined,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
  ) {
    return this.studies.list(filter, first, after);
  }

  @Mutation('createStudy')
  createStudy(@Args('input') input: CreateStudyDto, @Context() ctx: RequestContext) {
    return this.studies.create(input, writer(ctx));
  }

  @ResolveField('retracted')
  retracted(@Parent() s: StudyRecord) {
    return s.retraction !== null;
  }

  @ResolveField('evidence')
  evidence(@Parent() s: StudyRecord, @Context('loaders') loaders: Loaders) {
    return loaders.evidenceByStudy.load(s.id);
  }
}
