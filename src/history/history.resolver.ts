import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext, writer } from '../graphql/request-context';
import { ClaimRecord, RevisionRecord } from '../store/evidence-store.port';
import { RevertDto } from './history.inputs';
import { HistoryService } from './history.service';
import { fieldChanges } from './revision';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

@Resolver('Revision')
export class HistoryResolver {
  constructor(private readonly history: HistoryService) {}

  @Query('history')
  historyOf(
    @Args('id') id: string,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
  ) {
    return this.history.history(id, first, after);
  }

  @Query('revision')
  revision(@Args('id') id: string) {
    return this.history.revision(id);
  }

  @Mutation('revert')
  revert(@Args('input') input: RevertDto, @Context() ctx: RequestContext) {
    return this.history.revert(input.revisionId, writer(ctx, input.reason));
  }

  @ResolveField('changes')
  changes(@Parent() r: RevisionRecord) {
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
    @Args('first') first: number,
    @Args('after') after: string | undefined,
  ) {
    return this.history.history(c.id, first, after);
  }
}
