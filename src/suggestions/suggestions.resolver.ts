import { Context, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequireRole } from '../auth/roles.decorator';
import { ReadScope } from '../read-scope/read-scope';
import { RankedCandidate } from './claim-ranking';
import { StatementSuggestionResult } from './suggest';
import { SuggestionsService } from './suggestions.service';
import { RequestContext } from '../graphql/request-context';

@Resolver('StatementSuggestion')
export class SuggestionsResolver {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Query('suggestStatements')
  @RequireRole('EDITOR')
  suggestStatements(@Args('sourceId') sourceId: string, @Context('scope') scope: ReadScope) {
    return this.suggestions.suggestStatements(sourceId, scope);
  }

  @ResolveField('conditions')
  conditions(s: StatementSuggestionResult, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.all(loaders.condition, s.conditionIds);
  }

  @ResolveField('mechanisms')
  mechanisms(s: StatementSuggestionResult, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.all(loaders.mechanism, s.mechanismIds);
  }

  @ResolveField('intervention')
  intervention(
    s: StatementSuggestionResult,
    _args: unknown,
    { scope: { loaders } }: RequestContext,
  ) {
    return s.interventionId ? loaders.intervention.load(s.interventionId) : null;
  }
}

@Resolver('ClaimCandidate')
export class ClaimCandidateResolver {
  @ResolveField('claim')
  claim(c: RankedCandidate, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.claim.load(c.claimId);
  }
}
