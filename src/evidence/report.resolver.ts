import { Context, Info, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { GraphQLResolveInfo } from 'graphql';
import { enterScope, RequestContext } from '../graphql/request-context';
import { selects } from '../graphql/selection';
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
    @Info() info: GraphQLResolveInfo,
  ) {
    // Time travel covers this report: its nested fields read the snapshot too (enterScope).
    const scope = asOf ? await this.snapshots.scopeAsOf(asOf) : ctx.scope;
    if (asOf) enterScope(ctx, scope, info);
    return this.reports.evidenceReport(condition, includeNarrower ?? true, minGrade, scope, {
      includePending: includePending ?? false,
      // Fetched with the report's records (one round trip on Neo4j) when the page shows them.
      withSources: selects(info, ['claims', 'statements', 'source']),
    });
  }
}
