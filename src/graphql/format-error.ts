import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ErrorCode } from '../common/domain-error';
import { StoreUnavailableError } from '../store/ports';

const logger = new Logger('GraphQL');

/** A DomainError thrown before execution (a plugin's check) arrives wrapped, without a path. */
function domainCause(error: unknown): DomainError | undefined {
  return error instanceof GraphQLError && error.originalError instanceof DomainError
    ? error.originalError
    : undefined;
}

/**
 * Every error leaves with an extensions.code and never with a stack trace. Domain errors keep
 * their code and details; GraphQL's own validation errors keep Apollo's code; anything else is
 * logged here and reported as INTERNAL_SERVER_ERROR without internals.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = domainCause(error) ?? unwrapResolverError(error);
  if (original instanceof DomainError) {
    const details = Object.fromEntries(
      Object.entries(original.details).filter(([, v]) => v !== undefined),
    );
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: original.code, ...details },
    };
  }
  if (original instanceof StoreUnavailableError) {
    return {
      message: 'The database is unavailable; try again shortly.',
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code },
    };
  }
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
