import { Module } from '@nestjs/common';
import { ConditionsModule } from '../conditions/conditions.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { MechanismsModule } from '../mechanisms/mechanisms.module';
import { ClaimsResolver } from './claims.resolver';
import { ClaimsService } from './claims.service';

@Module({
  imports: [ConditionsModule, MechanismsModule, EvidenceModule],
  providers: [ClaimsService, ClaimsResolver],
  exports: [ClaimsService],
})
export class ClaimsModule {}
