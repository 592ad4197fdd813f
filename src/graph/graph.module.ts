import { Module } from '@nestjs/common';
import { GraphResolver } from './graph.resolver';
import { GraphService } from './graph.service';
import { NodeResolver } from './node.resolver';

@Module({
  providers: [GraphService, GraphResolver, NodeResolver],
  exports: [GraphService],
})
export class GraphModule {}
