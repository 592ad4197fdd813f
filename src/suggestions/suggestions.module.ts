import { Module } from '@nestjs/common';
import { ClaimCandidateResolver, SuggestionsResolver } from './suggestions.resolver';
import { SuggestionsService } from './suggestions.service';

@Module({
  providers: [SuggestionsService, SuggestionsResolver, ClaimCandidateResolver],
  exports: [SuggestionsService],
})
export class SuggestionsModule {}
