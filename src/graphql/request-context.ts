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

/** Who is changing something, for the revision: the token's name. */
export function writer(ctx: RequestContext, reason?: string | null): WriteContext {
  if (!ctx.principal)
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Changes need an API token.');
  return { actor: ctx.principal.name, reason: reason ?? null };
}
