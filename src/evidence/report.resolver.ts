import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { enterScope, RequestContext } from '../graphql/request-context';
import { EvidenceGrade } from '../graphql.schema';
import { SnapshotService } from '../history/snapshot.service';
import { ReportService } from './report.service';

@Resolver()
export class ReportResolver {
  constructor(
    private readonly reports: ReportService,
    private readonly snapshots: SnapshotService,
  ) {}

  @Query('evidenceReport')
  async evidenceReport(
    @Args('condition') condition: string,
    @Args('includeNarrower') includeNarrower: boolean | null,
    @Args('minGrade') minGrade: EvidenceGrade | undefined,
    @Args('includePending') includePending: boolean | null,
    @Args('asOf') asOf: string | null,
    @Context() ctx: RequestContext,
  ) {
    // Time travel covers the whole request: nested fields read the snapshot too.
    if (asOf) enterScope(ctx, await this.snapshots.scopeAsOf(asOf));
    return this.reports.evidenceReport(condition, includeNarrower ?? true, minGrade, ctx.scope, {
      includePending: includePending ?? false,
    });
  }
}
