import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { GraphQLResolveInfo, GraphQLSchema, isObjectType } from 'graphql';
import type { Path } from 'graphql/jsutils/Path';
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
  /** The context of each root field (by response key) that entered a scope, for its subtree. */
  rootContexts?: Map<string | number, RequestContext>;
}

/** A request's context: it reads today's knowledge until told otherwise. */
export function requestContext(reads: KnowledgeReads, req?: Request): RequestContext {
  return { scope: new ReadScope(reads), req };
}

/** The response key (alias) of the root field a resolver works under. */
function rootKey(path: Path): string | number {
  let at = path;
  while (at.prev) at = at.prev;
  return at.key;
}

/**
 * From here on the root field being resolved (`info`), and every field below it, reads through
 * `scope` (asOf: nested fields must read the same snapshot). Other root fields keep their own
 * scope, so aliases asking for different instants each see theirs. The scope is released once
 * the response is sent.
 */
export function enterScope(ctx: RequestContext, scope: ReadScope, info: GraphQLResolveInfo): void {
  (ctx.entered ??= []).push(scope);
  // The request's context with this scope: everything else (caller, request) read through.
  const own = Object.create(ctx, { scope: { value: scope, enumerable: true } }) as RequestContext;
  (ctx.rootContexts ??= new Map()).set(rootKey(info.path), own);
}

/** The context a field below a root field sees: its root field's own, if it entered a scope. */
export function contextForField(ctx: RequestContext, info: GraphQLResolveInfo): RequestContext {
  if (!ctx?.rootContexts) return ctx; // no asOf in this request: nothing to look up
  return ctx.rootContexts.get(rootKey(info.path)) ?? ctx;
}

/**
 * Gives every resolver of the schema the context of its root field (contextForField): no
 * resolver has to know that asOf exists. Used in Nest's transformSchema.
 */
export function scopePerRootField(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || roots.has(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue; // the default resolver reads no context
      field.resolve = (source, args, context: RequestContext, info) =>
        resolve(source, args, contextForField(context, info), info);
    }
  }
  return schema;
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
