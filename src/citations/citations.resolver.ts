import { Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { assessmentSummary } from '../evidence/assessment';
import { PageArgs } from '../common/connection';
import { Paging } from '../graphql/paging.decorator';
import { RequestContext, writer } from '../graphql/request-context';
import { ReadScope } from '../read-scope/read-scope';
import { NoticeRecord, StudyRecord } from '../store/ports';
import { RequireRole } from '../auth/roles.decorator';
import { reviewView } from '../evidence/counting';
import {
  CitationDto,
  ImportCitationsDto,
  MarkNoticeDto,
  WithdrawNoticeDto,
} from './citation.inputs';
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
    return this.citations.addCitation(input, writer(ctx), ctx.scope);
  }

  @Mutation('removeCitation')
  removeCitation(@Args('input') input: CitationDto, @Context() ctx: RequestContext) {
    return this.citations.removeCitation(input, writer(ctx), ctx.scope);
  }

  @Mutation('markNotice')
  markNotice(@Args('input') input: MarkNoticeDto, @Context() ctx: RequestContext) {
    return this.citations.markNotice(input, writer(ctx), ctx.scope);
  }

  @Mutation('withdrawNotice')
  @RequireRole('ADMIN')
  withdrawNotice(@Args('input') input: WithdrawNoticeDto, @Context() ctx: RequestContext) {
    return this.citations.withdrawNotice(input, writer(ctx, input.reason), ctx.scope);
  }

  @Query('retractionImpact')
  async retractionImpact(@Args('study') study: string, @Context('scope') scope: ReadScope) {
    const impact = await this.citations.retractionImpact(study, scope);
    return {
      ...impact,
      claims: impact.claims.map((c) => ({
        claim: c.claim,
        relation: c.relation,
        assessment: assessmentSummary(c.assessment),
      })),
    };
  }

  @ResolveField('notices')
  notices(
    @Parent() s: StudyRecord,
    @Args('includePending') includePending: boolean | null,
    @Context('scope') scope: ReadScope,
  ) {
    return this.citations.notices(s, reviewView(includePending), scope);
  }

  @ResolveField('cites')
  cites(@Parent() s: StudyRecord, @Paging() page: PageArgs, @Context('scope') scope: ReadScope) {
    return this.citations.citationPage(s, 'cites', page, scope);
  }

  @ResolveField('citedBy')
  citedBy(@Parent() s: StudyRecord, @Paging() page: PageArgs, @Context('scope') scope: ReadScope) {
    return this.citations.citationPage(s, 'citedBy', page, scope);
  }
}

@Resolver('Notice')
export class NoticeResolver {
  @ResolveField('study')
  study(n: NoticeRecord, _args: unknown, { scope: { loaders } }: RequestContext) {
    return loaders.study.load(n.studyId);
  }
}
