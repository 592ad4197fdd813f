import { Module } from '@nestjs/common';
import { ConditionsModule } from '../conditions/conditions.module';
import { ClaimEvidenceService } from './claim-evidence.service';
import { EvidenceGapResolver, EvidenceResolver } from './evidence.resolver';
import { EvidenceService } from './evidence.service';
import { ReportResolver } from './report.resolver';
import { ReportService } from './report.service';

/**
 * The evidence area: what a claim's evidence is worth (ClaimEvidenceService, over counting.ts and
 * assessment.ts), the clinician's report, and editors' writes on links and gaps.
 */
@Module({
  imports: [ConditionsModule],
  providers: [
    ClaimEvidenceService,
    EvidenceService,
    ReportService,
    ReportResolver,
    EvidenceResolver,
    EvidenceGapResolver,
  ],
  exports: [ClaimEvidenceService, ReportService, EvidenceService],
})
export class EvidenceModule {}
