import type { Request } from 'express';
import type { Principal } from '../auth/auth.service';
import { DomainError, ErrorCode } from '../common/domain-error';
import type { WriteContext } from '../history/revision';
import { Loaders } from '../loaders/loaders';

/** What every resolver gets for one request. */
export interface RequestContext {
  loaders: Loaders;
  req?: Request;
  /** Set by the auth guard before any root field runs; null for an anonymous caller. */
  principal?: Principal | null;
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
