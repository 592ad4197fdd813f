import { Context, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { ReadScope } from '../read-scope/read-scope';
import { GraphService } from './graph.service';

/** The Node interface: any node by id, typed by its GraphQL type name. */
@Resolver('Node')
export class NodeResolver {
  constructor(private readonly graph: GraphService) {}

  @Query('node')
  node(@Args('id') id: string, @Context('scope') scope: ReadScope) {
    return this.graph.node(id, scope);
  }

  @ResolveField('__resolveType')
  resolveType(value: { __typename: string }) {
    return value.__typename;
  }
}
