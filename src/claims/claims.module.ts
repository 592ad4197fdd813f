import { Module } from '@nestjs/common';
import { ConditionsModule } from '../conditions/conditions.module';
import { MechanismsModule } from '../mechanisms/mechanisms.module';
import { ClaimsResolver } from './claims.resolver';
import { ClaimsService } from './claims.service';

@Module({
  imports: [ConditionsModule, MechanismsModule],
  providers: [ClaimsService, ClaimsResolver],
  exports: [ClaimsService],
})
export class ClaimsModule {}
