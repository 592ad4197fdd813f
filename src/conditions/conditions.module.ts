import { Module } from '@nestjs/common';
import { ConditionsResolver } from './conditions.resolver';
import { ConditionsService } from './conditions.service';

@Module({
  providers: [ConditionsService, ConditionsResolver],
  exports: [ConditionsService],
})
export class ConditionsModule {}
