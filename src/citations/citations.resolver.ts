import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext, writer } from '../graphql/request-context';
import { Loaders } from '../loaders/loaders';
import { StudyRecord } from '../store/evidence-store.port';
import { CitationDto, ImportCitationsDto, MarkNoticeDto } from './citation.inputs';
import { CitationsService } from './citations.service';
import { CitationImportService } from './import/citation-import.service';

@Resolver('Study')
export class StudyCitationsResolver {
  constructor(
    private readonly citations: CitationsService,
    private readonly importer: CitationImportService,
  ) {}

  /** Small uploads over GraphQL; big files go through `npm run import` (same service). */
  @Mutation('importCitations')
  importCitations(@Args('input') input: ImportCitationsDto, @Context() ctx: RequestContext) {
    return this.importer.importText(input.format, input.content, {
      actor: writer(ctx).actor,
      citedById: input.citedById,
    });
  }

  @Mutation('addCitation')
  addCitation(@Args('input') input: CitationDto, @Context() ctx: RequestContext) {
    return this.citations.addCitation(input, writer(ctx), ctx.loaders);
  }

  @Mutation('removeCitation')
  removeCitation(@Args('input') input: CitationDto, @Context() ctx: RequestContext) {
    return this.citations.removeCitation(input, writer(ctx), ctx.loaders);
  }

  @Mutation('markNotice')
  markNotice(@Args('input') input: MarkNoticeDto, @Context() ctx: RequestContext) {
    return this.citations.markNotice(input, writer(ctx), ctx.loaders);
  }

  @Query('retractionImpact')
  async retractionImpact(@Args('study') study: string, @Context('loaders') loaders: Loaders) {
    const impact = await this.citations.retractionImpact(study, loaders);
    return {
      ...impact,
      claims: impact.claims.map((c) => ({
        claim: c.claim,
        relation: c.relation,
        assessment: {
          status: c.assessment.status,
          grade: c.assessment.grade,
          explanation: c.assessment.explanation,
          overclaimed: c.assessment.overclaimed,
        },
      })),
    };
  }

  @ResolveField('notices')
  notices(@Parent() s: StudyRecord, @Context('loaders') loaders: Loaders) {
    return loaders.noticesByStudy.load(s.id);
  }

  @ResolveField('cites')
  cites(
    @Parent() s: StudyRecord,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
    @Context('loaders') loaders: Loaders,
  ) {
    return this.citations.citationPage(s, 'cites', first, after, loaders);
  }

  @ResolveField('citedBy')
  citedBy(
    @Parent() s: StudyRecord,
    @Args('first') first: number,
    @Args('after') after: string | undefined,
    @Context('loaders') loaders: Loaders,
  ) {
    return this.citations.citationPage(s, 'citedBy', first, after, loaders);
  }
}
