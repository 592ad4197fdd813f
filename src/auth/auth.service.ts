import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../common/domain-error';
import { nowIso } from '../common/ids';
import { storeWrite } from '../common/store-errors';
import { revision, WriteContext } from '../history/revision';
import { TOKEN_STORE, TokenRecord, TokenRole, TokenStore } from '../store/ports';
import { bearerSecret, hashToken, newTokenId, newTokenSecret, ROLES, TOKEN_PREFIX } from './tokens';

/** The caller behind a valid token. Anonymous callers have none. */
export interface Principal {
  tokenId: string;
  /** Recorded as the actor of every change the caller makes. */
  name: string;
  role: TokenRole;
}

/** A token as revisions and listings show it: never the hash. */
export function publicToken(t: TokenRecord): Omit<TokenRecord, 'hash'> {
  const { hash: _hash, ...rest } = t;
  return rest;
}

/** A request that remembers its token lookup. */
export type PrincipalRequest = Pick<Request, 'headers'> & { principal?: Promise<Principal | null> };

/**
 * The principal of an HTTP request, looked up once however many guards and root fields ask (the
 * rate limit first, then the auth guard).
 */
export function requestPrincipal(
  auth: AuthService,
  req: PrincipalRequest,
): Promise<Principal | null> {
  req.principal ??= auth.principalFor(req.headers.authorization);
  return req.principal;
}

@Injectable()
export class AuthService {
  constructor(@Inject(TOKEN_STORE) private readonly tokens: TokenStore) {}

  /**
   * The principal for an Authorization header: null without one; UNAUTHENTICATED when it is not
   * a bearer token we issued and still honour. The reason never echoes the secret.
   */
  async principalFor(authorization: string | undefined): Promise<Principal | null> {
    if (authorization === undefined || authorization === '') return null;
    const secret = bearerSecret(authorization);
    if (!secret) {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        'The Authorization header must be "Bearer <token>".',
      );
    }
    const token =
      secret.startsWith(TOKEN_PREFIX) && secret.length < 200
        ? await this.tokens.tokenByHash(hashToken(secret))
        : null;
    if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Unknown API token.');
    if (token.revokedAt)
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This API token has been revoked.');
    return { tokenId: token.id, name: token.name, role: token.role };
  }

  /** Issues a token; the secret is returned here once and never stored. */
  async createToken(
    name: string,
    role: TokenRole,
    ctx: WriteContext,
  ): Promise<{ token: TokenRecord; secret: string }> {
    if (!/\S/.test(name) || name.length > 120)
      throw DomainError.badInput('input.name', 'must be 1 to 120 characters, not only spaces');
    if (!ROLES.includes(role))
      throw DomainError.badInput('input.role', `must be one of ${ROLES.join(', ')}`);
    const secret = newTokenSecret();
    const record: TokenRecord = {
      id: newTokenId(),
      name,
      role,
      hash: hashToken(secret),
      createdAt: nowIso(),
      createdBy: ctx.actor,
      revokedAt: null,
    };
    const token = await storeWrite(() =>
      this.tokens.createToken(record, [
        revision('tokens', null, publicToken(record), ctx, record.createdAt),
      ]),
    );
    return { token, secret };
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.tokens.listTokens();
  }

  async revokeToken(id: string, ctx: WriteContext): Promise<TokenRecord> {
    const current = (await this.tokens.listTokens()).find((t) => t.id === id);
    if (!current) throw DomainError.notFound(`Token "${id}"`, 'input.id');
    if (current.revokedAt) return current;
    const at = nowIso();
    const revoked = await storeWrite(() =>
      this.tokens.revokeToken(id, at, [
        revision(
          'tokens',
          publicToken(current),
          publicToken({ ...current, revokedAt: at }),
          ctx,
          at,
        ),
      ]),
    );
    if (!revoked) throw DomainError.notFound(`Token "${id}"`, 'input.id');
    return revoked;
  }
}
