import { Module } from '@nestjs/common';
import { SourcesResolver, StatementResolver } from './sources.resolver';
import { SourcesService } from './sources.service';

@Module({
  providers: [SourcesService, SourcesResolver, StatementResolver],
  exports: [SourcesService],
})
export class SourcesModule {}
