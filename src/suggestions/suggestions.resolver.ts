import { Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequireRole } from '../auth/roles.decorator';
import { ReadScope } from '../read-scope/read-scope';
import { RankedCandidate } from './claim-ranking';
import { StatementSuggestionResult } from './suggest';
import { SuggestionsService } from './suggestions.service';

@Resolver('StatementSuggestion')
export class SuggestionsResolver {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Query('suggestStatements')
  @RequireRole('EDITOR')
  suggestStatements(@Args('sourceId') sourceId: string, @Context('scope') scope: ReadScope) {
    return this.suggestions.suggestStatements(sourceId, scope);
  }

  @ResolveField('conditions')
  conditions(@Parent() s: StatementSuggestionResult, @Context('scope') { loaders }: ReadScope) {
    return loaders.all(loaders.condition, s.conditionIds);
  }

  @ResolveField('mechanisms')
  mechanisms(@Parent() s: StatementSuggestionResult, @Context('scope') { loaders }: ReadScope) {
    return loaders.all(loaders.mechanism, s.mechanismIds);
  }

  @ResolveField('intervention')
  intervention(@Parent() s: StatementSuggestionResult, @Context('scope') { loaders }: ReadScope) {
    return s.interventionId ? loaders.intervention.load(s.interventionId) : null;
  }
}

@Resolver('ClaimCandidate')
export class ClaimCandidateResolver {
  @ResolveField('claim')
  claim(@Parent() c: RankedCandidate, @Context('scope') { loaders }: ReadScope) {
    return loaders.claim.load(c.claimId);
  }
}
