import { Context, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { NodeType } from '../graphql.schema';
import { ReadScope } from '../read-scope/read-scope';
import { SearchService } from './search.service';

@Resolver()
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Query('search')
  searchNodes(
    @Args('text') text: string,
    @Args('types') types: NodeType[] | undefined,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
    @Context('scope') scope: ReadScope,
  ) {
    return this.search.search(text, types, first, after, scope);
  }
}
