import { Module } from '@nestjs/common';
import { StudyCitationsResolver } from './citations.resolver';
import { CitationsService } from './citations.service';
import { CitationImportService } from './import/citation-import.service';

@Module({
  providers: [CitationsService, CitationImportService, StudyCitationsResolver],
  exports: [CitationsService, CitationImportService],
})
export class CitationsModule {}
