import {
  CanActivate,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { RequestContext } from '../graphql/request-context';
import { TokenRole } from '../store/ports';
import { AuthService, Principal, requestPrincipal } from './auth.service';
import { PUBLIC, REQUIRED_ROLE } from './roles.decorator';
import { roleAllows } from './tokens';

type AuthedRequest = Request & { principal?: Promise<Principal | null> };

/**
 * Every GraphQL root field and HTTP route passes here. Mutations need EDITOR (or the role they
 * declare), reads need READER only when anonymous reads are off; a bad or revoked token is
 * refused even for reads, so a client learns at once that its token no longer works.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const graphql = context.getType<GqlContextType>() === 'graphql';
    const gql = graphql ? GqlExecutionContext.create(context) : null;
    const ctx = gql?.getContext<RequestContext & { req?: AuthedRequest }>();
    const req: AuthedRequest | undefined = graphql
      ? ctx?.req
      : context.switchToHttp().getRequest<AuthedRequest>();
    try {
      // One lookup per request, however many root fields it has (the rate limit made it first).
      const principal = req ? await requestPrincipal(this.auth, req) : null;
      if (ctx) ctx.principal = principal;
      const isMutation = gql?.getInfo()?.parentType?.name === 'Mutation';
      const required: TokenRole | null =
        this.reflector.getAllAndOverride<TokenRole>(REQUIRED_ROLE, targets) ??
        (isMutation ? 'EDITOR' : this.config.ALLOW_ANONYMOUS_READS ? null : 'READER');
      if (!required) return true;
      if (!principal)
        throw new DomainError(
          ErrorCode.UNAUTHENTICATED,
          `This needs an API token with role ${required} or above: send "Authorization: Bearer <token>".`,
        );
      if (!roleAllows(principal.role, required))
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          `This needs role ${required} or above; your token has ${principal.role}.`,
        );
      return true;
    } catch (err) {
      if (graphql || !(err instanceof DomainError)) throw err;
      const status =
        err.code === ErrorCode.FORBIDDEN ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED;
      throw new HttpException({ error: { code: err.code, message: err.message } }, status);
    }
  }
}
