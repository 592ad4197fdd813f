import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { STORE_ADMIN, STUDY_STORE, StoreAdmin, StudyReads } from '../store/ports';
import { NoticeResolver, StudyCitationsResolver } from './citations.resolver';
import { CitationsService } from './citations.service';
import { CitationImportService, IMPORT_STORE, importStore } from './import/citation-import.service';

@Module({
  imports: [EvidenceModule],
  providers: [
    {
      provide: IMPORT_STORE,
      inject: [STUDY_STORE, STORE_ADMIN],
      useFactory: (studies: StudyReads, admin: StoreAdmin) => importStore(studies, admin),
    },
    CitationsService,
    CitationImportService,
    StudyCitationsResolver,
    NoticeResolver,
  ],
  exports: [CitationsService, CitationImportService],
})
export class CitationsModule {}
