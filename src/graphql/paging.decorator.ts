import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { PageArgs } from '../common/connection';

/**
 * A connection field's `first` and `after` arguments as one PageArgs: every paged list takes the
 * same two, so resolvers hand them on whole instead of one @Args each.
 */
export const Paging = createParamDecorator((_: unknown, context: ExecutionContext): PageArgs => {
  const { first, after } = GqlExecutionContext.create(context).getArgs<PageArgs>();
  return { first, after };
});
