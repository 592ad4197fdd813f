import { Context, Mutation, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequestContext, writer } from '../graphql/request-context';
import { ImportCurationDto } from './curation.inputs';
import { CurationService } from './curation.service';

@Resolver()
export class CurationResolver {
  constructor(private readonly curation: CurationService) {}

  @Mutation('importCuration')
  importCuration(@Args('input') input: ImportCurationDto, @Context() ctx: RequestContext) {
    return this.curation.importCuration(input, writer(ctx), ctx.scope);
  }
}
