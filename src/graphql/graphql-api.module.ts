import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { join } from 'path';
import { AppConfig } from '../config/app-config';
import { Loaders } from '../loaders/loaders';
import { EVIDENCE_STORE, EvidenceStore } from '../store/evidence-store.port';
import { DateTimeScalar } from './date-time.scalar';
import { formatError } from './format-error';
import { FreshReadsAfterWriteInterceptor } from './fresh-reads.interceptor';
import { GraphiqlController } from './graphiql.controller';
import { RequestContext } from './request-context';

/** The schema file at the repository root; dist/ and src/ both sit one level below it. */
export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

@Module({
  controllers: process.env.NODE_ENV === 'production' ? [] : [GraphiqlController],
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, EVIDENCE_STORE],
      useFactory: (config: AppConfig, store: EvidenceStore): ApolloDriverConfig => ({
        typePaths: [SCHEMA_FILE],
        path: '/graphql',
        // Apollo's landing page loads from a CDN, which this product must not depend on.
        playground: false,
        plugins: [ApolloServerPluginLandingPageDisabled()],
        introspection: config.NODE_ENV !== 'production',
        includeStacktraceInErrorResponses: false,
        csrfPrevention: true,
        formatError,
        context: ({
          req,
        }: {
          req: { headers: Record<string, string | undefined> };
        }): RequestContext => ({
          loaders: new Loaders(store),
          actor: req?.headers?.['x-actor']?.slice(0, 120) || 'anonymous',
        }),
      }),
    }),
  ],
  providers: [
    DateTimeScalar,
    { provide: APP_INTERCEPTOR, useClass: FreshReadsAfterWriteInterceptor },
  ],
})
export class GraphqlApiModule {}
