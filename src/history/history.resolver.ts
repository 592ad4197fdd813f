import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { PageArgs } from '../common/connection';
import { Paging } from '../graphql/paging.decorator';
import { RequestContext, writer } from '../graphql/request-context';
import { ReadScope } from '../read-scope/read-scope';
import { ClaimRecord, RevisionRecord } from '../store/ports';
import { RevertDto } from './history.inputs';
import { HistoryService } from './history.service';
import { RevertService } from './revert.service';
import { fieldChanges } from './revision';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

@Resolver('Revision')
export class HistoryResolver {
  constructor(
    private readonly history: HistoryService,
    private readonly reverts: RevertService,
  ) {}

  @Query('history')
  historyOf(@Args('id') id: string, @Paging() page: PageArgs, @Context() ctx: RequestContext) {
    return this.history.history(id, page, ctx.scope, ctx.principal);
  }

  @Query('revision')
  revision(@Args('id') id: string, @Context() ctx: RequestContext) {
    return this.history.revision(id, ctx.scope, ctx.principal);
  }

  @Mutation('revert')
  revert(@Args('input') input: RevertDto, @Context() ctx: RequestContext) {
    return this.reverts.revert(input.revisionId, writer(ctx, input.reason), ctx.scope);
  }

  @ResolveField('changes')
  changes(r: RevisionRecord) {
    return fieldChanges(r.before, r.after).map((c) => ({
      field: c.field,
      before: json(c.before),
      after: json(c.after),
    }));
  }
}

@Resolver('Claim')
export class ClaimHistoryResolver {
  constructor(private readonly history: HistoryService) {}

  @ResolveField('history')
  historyOf(
    @Parent() c: ClaimRecord,
    @Paging() page: PageArgs,
    @Context('scope') scope: ReadScope,
  ) {
    // A claim's history never holds token revisions.
    return this.history.history(c.id, page, scope, null);
  }
}
