import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import type { Principal } from '../auth/auth.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { WriteContext } from '../history/revision';
import { ReadScope } from '../read-scope/read-scope';
import type { KnowledgeReads } from '../store/ports';

/** What every resolver gets for one request. */
export interface RequestContext {
  /** Where every read of the request goes: today's knowledge, or a snapshot once asOf asks. */
  scope: ReadScope;
  req?: Request;
  /** Set by the auth guard before any root field runs; null for an anonymous caller. */
  principal?: Principal | null;
  /** Scopes the request has entered, released when its response is sent. */
  entered?: ReadScope[];
}

/** A request's context: it reads today's knowledge until told otherwise. */
export function requestContext(reads: KnowledgeReads, req?: Request): RequestContext {
  return { scope: new ReadScope(reads), req };
}

/**
 * From here on the whole request reads through `scope` (asOf: nested fields must read the
 * snapshot too); the scope is released once the response is sent.
 */
export function enterScope(ctx: RequestContext, scope: ReadScope): void {
  (ctx.entered ??= []).push(scope);
  ctx.scope = scope;
}

/** Releases the scopes a request entered once it has answered (snapshots may then be closed). */
export function releaseScopesPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          for (const scope of contextValue.entered?.splice(0) ?? []) scope.release();
        },
      };
    },
  };
}

/** The caller behind a write (the guard already refused anonymous mutations). */
export function principal(ctx: RequestContext): Principal {
  if (!ctx.principal)
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Changes need an API token.');
  return ctx.principal;
}

/** Who is changing something, for the revision: the token's name. */
export function writer(ctx: RequestContext, reason?: string | null): WriteContext {
  return { actor: principal(ctx).name, reason: reason ?? null };
}
