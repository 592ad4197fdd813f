import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { SourcesResolver, StatementResolver } from './sources.resolver';
import { SourcesService } from './sources.service';

@Module({
  imports: [EvidenceModule],
  providers: [SourcesService, SourcesResolver, StatementResolver],
  exports: [SourcesService],
})
export class SourcesModule {}
