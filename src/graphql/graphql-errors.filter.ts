import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';

/**
 * Hands every error of a GraphQL resolver, guard or pipe back to GraphQL untouched (graphql-js
 * reports a returned Error as that field's error), so that formatError logs each one once, at the
 * level its code deserves. Without it Nest logs every refusal (a 1 MB bad input too) at error with
 * a stack before Apollo sees it. Other requests (REST) keep Nest's own handling.
 */
@Catch()
export class GraphqlErrorsFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
