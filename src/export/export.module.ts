import { Module } from '@nestjs/common';
import { GraphModule } from '../graph/graph.module';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';

/** GET /export (GraphML, JSON, CSV) of the whole graph or a neighbourhood. */
@Module({
  imports: [GraphModule],
  controllers: [ExportController],
  providers: [ExportService],
  exports: [ExportService],
})
export class ExportModule {}
