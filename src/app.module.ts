import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { HistoryModule } from './history/history.module';
import { ReviewModule } from './review/review.module';
import { CitationsModule } from './citations/citations.module';
import { ClaimsModule } from './claims/claims.module';
import { CurationModule } from './curation/curation.module';
import { ConditionsModule } from './conditions/conditions.module';
import { ConfigModule } from './config/config.module';
import { LoggingModule } from './config/logging.module';
import { EvidenceModule } from './evidence/evidence.module';
import { ExportModule } from './export/export.module';
import { GraphModule } from './graph/graph.module';
import { HealthModule } from './health/health.module';
import { InterventionsModule } from './interventions/interventions.module';
import { GraphqlApiModule } from './graphql/graphql-api.module';
import { MechanismsModule } from './mechanisms/mechanisms.module';
import { SearchModule } from './search/search.module';
import { SuggestionsModule } from './suggestions/suggestions.module';
import { SeedModule } from './seed/seed.module';
import { SourcesModule } from './sources/sources.module';
import { StoreModule } from './store/store.module';
import { StudiesModule } from './studies/studies.module';
import { WebExplorerModule } from './web-explorer/web-explorer.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    StoreModule,
    HistoryModule,
    ReviewModule,
    GraphqlApiModule,
    // After the API module: its rate-limit guard runs first, so token guessing is limited too.
    AuthModule,
    ConditionsModule,
    MechanismsModule,
    InterventionsModule,
    SourcesModule,
    ClaimsModule,
    CurationModule,
    StudiesModule,
    EvidenceModule,
    SearchModule,
    SuggestionsModule,
    CitationsModule,
    GraphModule,
    ExportModule,
    HealthModule,
    SeedModule,
    // Last: its deep-link fallback skips the API's routes (see API_ROUTES).
    WebExplorerModule.register(),
  ],
})
export class AppModule {}
