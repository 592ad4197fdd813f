import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Loaders } from '../loaders/loaders';
import {
  EVIDENCE_STORE,
  EvidenceStore,
  SourceRecord,
  StatementRecord,
} from '../store/evidence-store.port';
import { Hedging } from '../graphql.schema';
import { AddStatementDto, CreateSourceDto } from './source.inputs';
import { SourcesService } from './sources.service';
import { RequestContext, writer } from '../graphql/request-context';

@Resolver('Source')
export class SourcesResolver {
  constructor(
    private readonly sources: SourcesService,
    @Inject(EVIDENCE_STORE) private readonly store: EvidenceStore,
  ) {}

  @Query('source')
  source(@Args('id') id: string, @Context('loaders') loaders: Loaders) {
    return loaders.source.load(id);
  }

  @Query('sources')
  sourceList() {
    return this.store.listSources();
  }

  @Mutation('createSource')
  createSource(@Args('input') input: CreateSourceDto, @Context() ctx: RequestContext) {
    return this.sources.createSource(input, writer(ctx));
  }

  @Mutation('addStatement')
  addStatement(@Args('input') input: AddStatementDto, @Context() ctx: RequestContext) {
    return this.sources.addStatement(input, writer(ctx), ctx.loaders);
  }

  @ResolveField('statements')
  statements(@Parent() s: SourceRecord, @Context('loaders') loaders: Loaders) {
    return loaders.statementsBySource.load(s.id);
  }
}

@Resolver('Statement')
export class StatementResolver {
  @ResolveField('source')
  source(@Parent() s: StatementRecord, @Context('loaders') loaders: Loaders) {
    return loaders.source.load(s.sourceId);
  }

  @ResolveField('claim')
  claim(@Parent() s: StatementRecord, @Context('loaders') loaders: Loaders) {
    return loaders.claim.load(s.claimId);
  }

  /** The gap between wording and evidence, per statement: assertive over weak evidence. */
  @ResolveField('overclaimed')
  async overclaimed(@Parent() s: StatementRecord, @Context('loaders') loaders: Loaders) {
    if (s.hedging !== Hedging.ASSERTIVE) return false;
    return (await loaders.claimBundle.load(s.claimId))?.assessment.overclaimed ?? false;
  }
}
