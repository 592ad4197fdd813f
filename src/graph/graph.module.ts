import { Module } from '@nestjs/common';
import { GraphResolver } from './graph.resolver';
import { GraphService } from './graph.service';

@Module({
  providers: [GraphService, GraphResolver],
  exports: [GraphService],
})
export class GraphModule {}
