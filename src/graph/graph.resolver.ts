import { Context, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { EdgeType, NodeType } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { GraphService } from './graph.service';

@Resolver('GraphSlice')
export class GraphResolver {
  constructor(private readonly graph: GraphService) {}

  @Query('neighborhood')
  neighborhood(
    @Args('id') id: string,
    @Args('depth') depth: number,
    @Args('types') types: NodeType[] | undefined,
    @Args('edgeTypes') edgeTypes: EdgeType[] | undefined,
    @Args('limit') limit: number,
    @Context('scope') scope: ReadScope,
  ) {
    return this.graph.neighborhood(id, depth, limit, { types, edgeTypes }, scope);
  }

  @Query('paths')
  paths(
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('maxLength') maxLength: number,
    @Args('types') types: NodeType[] | undefined,
    @Args('edgeTypes') edgeTypes: EdgeType[] | undefined,
    @Args('limit') limit: number,
    @Context('scope') scope: ReadScope,
  ) {
    return this.graph.paths(from, to, maxLength, limit, { types, edgeTypes }, scope);
  }
}
