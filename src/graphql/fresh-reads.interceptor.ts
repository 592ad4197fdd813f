import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { Observable, tap } from 'rxjs';
import { RequestContext } from './request-context';

/**
 * After a mutation writes, the request's read scope may hold what it read before the write (a
 * claim's links, say, in its DataLoader caches). Clearing it once the mutation field resolves
 * means the returned object's nested fields, and any later mutation in the same request, read the
 * new state.
 */
@Injectable()
export class FreshReadsAfterWriteInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    if (gql.getInfo()?.parentType?.name !== 'Mutation') return next.handle();
    const ctx = gql.getContext<RequestContext>();
    return next
      .handle()
      .pipe(tap({ next: () => ctx.scope.clear(), error: () => ctx.scope.clear() }));
  }
}
