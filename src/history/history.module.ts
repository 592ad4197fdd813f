import { Global, Module } from '@nestjs/common';
import { ClaimHistoryResolver, HistoryResolver } from './history.resolver';
import { HistoryService } from './history.service';
import { RevertService } from './revert.service';
import { SnapshotService } from './snapshot.service';

/** The history: reading it, undoing a change, and reading the knowledge as of an instant. */
@Global()
@Module({
  providers: [
    HistoryService,
    RevertService,
    SnapshotService,
    HistoryResolver,
    ClaimHistoryResolver,
  ],
  exports: [HistoryService, RevertService, SnapshotService],
})
export class HistoryModule {}
