import { Args, Context, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NodeType } from '../graphql.schema';
import { Loaders } from '../loaders/loaders';
import { SearchService } from './search.service';

@Resolver('Node')
export class NodeResolver {
  constructor(private readonly search: SearchService) {}

  @Query('node')
  node(@Args('id') id: string, @Context('loaders') loaders: Loaders) {
    return this.search.node(id, loaders);
  }

  @Query('search')
  searchNodes(
    @Args('text') text: string,
    @Args('types') types: NodeType[] | undefined,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
    @Context('loaders') loaders: Loaders,
  ) {
    return this.search.search(text, types, first, after, loaders);
  }

  @ResolveField('__resolveType')
  resolveType(value: { __typename: string }) {
    return value.__typename;
  }
}
