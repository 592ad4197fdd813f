import { Global, Module } from '@nestjs/common';
import { ClaimHistoryResolver, HistoryResolver } from './history.resolver';
import { HistoryService } from './history.service';

@Global()
@Module({
  providers: [HistoryService, HistoryResolver, ClaimHistoryResolver],
  exports: [HistoryService],
})
export class HistoryModule {}
