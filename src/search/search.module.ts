import { Module } from '@nestjs/common';
import { NodeResolver } from './search.resolver';
import { SearchService } from './search.service';

@Module({
  providers: [SearchService, NodeResolver],
  exports: [SearchService],
})
export class SearchModule {}
