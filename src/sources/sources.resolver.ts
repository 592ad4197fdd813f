import { Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { ClaimEvidenceService } from '../evidence/claim-evidence.service';
import { RequestContext, writer } from '../graphql/request-context';
import { ReadScope } from '../read-scope/read-scope';
import { SourceRecord, StatementRecord } from '../store/ports';
import { AddStatementDto, CreateSourceDto } from './source.inputs';
import { SourcesService } from './sources.service';

@Resolver('Source')
export class SourcesResolver {
  constructor(private readonly sources: SourcesService) {}

  @Query('source')
  source(@Args('id') id: string, @Context('scope') scope: ReadScope) {
    return scope.loaders.source.load(id);
  }

  @Query('sources')
  sourceList(@Context('scope') scope: ReadScope) {
    return this.sources.list(scope);
  }

  @Mutation('createSource')
  createSource(@Args('input') input: CreateSourceDto, @Context() ctx: RequestContext) {
    return this.sources.createSource(input, writer(ctx));
  }

  @Mutation('addStatement')
  addStatement(@Args('input') input: AddStatementDto, @Context() ctx: RequestContext) {
    return this.sources.addStatement(input, writer(ctx), ctx.scope);
  }

  @ResolveField('statements')
  statements(s: SourceRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.statementsBySource.load(s.id);
  }
}

@Resolver('Statement')
export class StatementResolver {
  constructor(private readonly evidence: ClaimEvidenceService) {}

  @ResolveField('source')
  source(s: StatementRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.source.load(s.sourceId);
  }

  @ResolveField('claim')
  claim(s: StatementRecord, _args: unknown, { scope }: RequestContext) {
    return scope.loaders.claim.load(s.claimId);
  }

  @ResolveField('overclaimed')
  overclaimed(s: StatementRecord, _args: unknown, { scope }: RequestContext) {
    return this.evidence.statementOverclaimed(s, scope);
  }
}
