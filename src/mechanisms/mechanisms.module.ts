import { Module } from '@nestjs/common';
import { MechanismsResolver } from './mechanisms.resolver';
import { MechanismsService } from './mechanisms.service';

@Module({
  providers: [MechanismsService, MechanismsResolver],
  exports: [MechanismsService],
})
export class MechanismsModule {}
