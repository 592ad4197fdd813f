import { Module } from '@nestjs/common';
import { StudiesResolver } from './studies.resolver';
import { StudiesService } from './studies.service';

@Module({
  providers: [StudiesService, StudiesResolver],
  exports: [StudiesService],
})
export class StudiesModule {}
