import type { Request } from 'express';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { join } from 'path';
import { AppConfig } from '../config/app-config';
import { KNOWLEDGE_READS, KnowledgeReads } from '../store/ports';
import { DateTimeScalar } from './date-time.scalar';
import { formatError } from './format-error';
import { FreshReadsAfterWriteInterceptor } from './fresh-reads.interceptor';
import { GraphiqlController } from './graphiql.controller';
import { GraphqlErrorsFilter } from './graphql-errors.filter';
import { compiledQueriesPlugin } from './compiled-queries';
import { capPlainLists } from './list-limits';
import { hardenedFormatError, queryLimits, queryLimitsPlugin } from './query-limits';
import { RateLimitModule } from './rate-limit.module';
import {
  releaseScopesPlugin,
  RequestContext,
  requestContext,
  scopePerRootField,
} from './request-context';

/** The schema file at the repository root; dist/ and src/ both sit one level below it. */
export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

@Module({
  controllers: process.env.NODE_ENV === 'production' ? [] : [GraphiqlController],
  imports: [
    RateLimitModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, KNOWLEDGE_READS],
      useFactory: (config: AppConfig, reads: KnowledgeReads): ApolloDriverConfig => ({
        typePaths: [SCHEMA_FILE],
        // Every plain list returns at most LIST_MAX_ITEMS (list-limits.ts); every field reads
        // through its root field's scope (an asOf report's snapshot, or today's).
        transformSchema: (schema) =>
          scopePerRootField(capPlainLists(schema, config.LIST_MAX_ITEMS)),
        path: '/graphql',
        // Apollo's landing page loads from a CDN, which this product must not depend on.
        playground: false,
        plugins: [
          ApolloServerPluginLandingPageDisabled(),
          // No HTTP caching of answers is offered; Apollo's cache-control plugin (on by default)
          // would otherwise wrap every field resolver to compute cache hints nobody reads.
          ApolloServerPluginCacheControlDisabled(),
          queryLimitsPlugin(queryLimits(config)),
          releaseScopesPlugin(),
          // Last: a query is only run (compiled or not) once every check above has passed.
          ...(config.GRAPHQL_COMPILE_AFTER > 0
            ? [compiledQueriesPlugin({ compileAfter: config.GRAPHQL_COMPILE_AFTER })]
            : []),
        ],
        // graphql-js stops parsing at this many tokens, before any other work.
        parseOptions: { maxTokens: config.QUERY_MAX_TOKENS },
        introspection: config.NODE_ENV !== 'production',
        // No "Did you mean ...?" naming schema fields in production (validation errors here,
        // every other message in hardenedFormatError).
        hideSchemaDetailsFromClientErrors: config.NODE_ENV === 'production',
        includeStacktraceInErrorResponses: false,
        csrfPrevention: true,
        // Lets a rate-limited request answer 429 rather than Nest's reset to 200.
        preserveHttpStatusForExecutionErrors: false,
        formatError: hardenedFormatError(formatError, {
          production: config.NODE_ENV === 'production',
          maxTokens: config.QUERY_MAX_TOKENS,
        }),
        // Every read of the request goes through its read scope; the auth guard adds the caller
        // (principal) before any root field runs.
        context: ({ req }: { req: Request }): RequestContext => requestContext(reads, req),
      }),
    }),
  ],
  providers: [
    DateTimeScalar,
    { provide: APP_INTERCEPTOR, useClass: FreshReadsAfterWriteInterceptor },
    { provide: APP_FILTER, useClass: GraphqlErrorsFilter },
  ],
})
export class GraphqlApiModule {}
