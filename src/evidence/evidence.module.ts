import { Module } from '@nestjs/common';
import { ConditionsModule } from '../conditions/conditions.module';
import { AssessmentService } from './assessment.service';
import { EvidenceGapResolver, EvidenceResolver } from './evidence.resolver';
import { EvidenceService } from './evidence.service';
import { ReportService } from './report.service';

@Module({
  imports: [ConditionsModule],
  providers: [
    AssessmentService,
    EvidenceService,
    ReportService,
    EvidenceResolver,
    EvidenceGapResolver,
  ],
  exports: [AssessmentService, ReportService, EvidenceService],
})
export class EvidenceModule {}
