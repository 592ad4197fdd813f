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

/** Refusals that say something about the caller or the service rather than a slip: warn. */
const WARN = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.TOO_MANY_REQUESTS,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.RESPONSE_TOO_LARGE,
  ErrorCode.SERVICE_UNAVAILABLE,
]);

/** How much of a refused value a log line keeps: enough to recognise it, never a 1 MB input. */
export const LOGGED_TEXT_LENGTH = 200;

/** Text for one log line: whitespace runs (newlines too) as one space, cut at `max` characters. */
export function oneLine(text: string, max = LOGGED_TEXT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}… (${flat.length} characters)`;
}

/**
 * An expected error (bad input, unknown id, no or wrong token, a limit): one line at info or warn,
 * without a stack, its text cut. Only unexpected errors log at error, with their stack.
 */
export function logRefusal(
  code: string,
  message: string,
  path?: ReadonlyArray<string | number>,
): void {
  const where = path?.length ? ` at ${path.join('.')}` : '';
  const line = `${code}${where}: ${oneLine(message)}`;
  if (WARN.has(code)) logger.warn(line);
  else logger.log(line);
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
    logRefusal(original.code, original.message, formatted.path);
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
    logRefusal(ErrorCode.SERVICE_UNAVAILABLE, original.message, formatted.path);
    return {
      message: 'The database is unavailable; try again shortly.',
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    logRefusal(code, formatted.message, formatted.path);
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
