/**
 * Rate limits per client with @nestjs/throttler, for GraphQL and REST alike. A client is its valid
 * bearer token (by the token's id, never its secret) or else its IP address: a request with an
 * unknown, revoked or malformed token counts against its IP, so a new random token per request
 * does not buy a new bucket.
 */
import { HeaderMap } from '@apollo/server';
import { ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { AuthService, requestPrincipal } from '../auth/auth.service';
import { ErrorCode } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { HealthController } from '../health/health.controller';

/** The HTTP request behind a REST handler or a GraphQL resolver. */
export function requestOf(context: ExecutionContext): Request {
  if (context.getType<GqlContextType>() === 'graphql') {
    // Nest's Apollo driver adds `req` to every GraphQL context.
    return GqlExecutionContext.create(context).getContext<{ req: Request }>().req;
  }
  return context.switchToHttp().getRequest<Request>();
}

/** Who a request counts against, decided once per request by RateLimitGuard. */
interface RateClient {
  /** The token's id when the request carries a valid token. */
  tokenId?: string;
}

type CountedRequest = Request & { rateClient?: RateClient };

export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        ttl: 60_000,
        limit: (context) =>
          (requestOf(context) as CountedRequest).rateClient?.tokenId
            ? config.RATE_LIMIT_TOKEN_PER_MINUTE
            : config.RATE_LIMIT_PER_MINUTE,
      },
    ],
    // Orchestrators must always be able to probe liveness and readiness.
    skipIf: (context) => !config.RATE_LIMIT_ENABLED || context.getClass() === HealthController,
  };
}

/** One decision per GraphQL HTTP request, shared by all its root fields. */
const decisions = new WeakMap<object, Promise<boolean>>();

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  // Property injection: ThrottlerGuard's constructor is the framework's.
  @Inject(AuthService) private readonly auth!: AuthService;

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = requestOf(context) as CountedRequest;
    if (context.getType<GqlContextType>() !== 'graphql') return this.counted(req, context);
    // Guards run per root field: `{ a b c }` is one request and counts once.
    let decision = decisions.get(req);
    if (!decision) {
      decision = this.counted(req, context);
      decisions.set(req, decision);
    }
    return decision;
  }

  /** Looks the token up (once per request; the auth guard reuses it), then counts. */
  private async counted(req: CountedRequest, context: ExecutionContext): Promise<boolean> {
    if (!req.rateClient) {
      const principal = await requestPrincipal(this.auth, req).catch(() => null);
      req.rateClient = { tokenId: principal?.tokenId };
    }
    return super.canActivate(context);
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Request;
    res: Response | Record<string, never>;
  } {
    const req = requestOf(context);
    // Express links each request to its response; headers go there for GraphQL too.
    return { req, res: req.res ?? {} };
  }

  protected override async getTracker(req: Request): Promise<string> {
    const tokenId = (req as CountedRequest).rateClient?.tokenId;
    if (tokenId) return `token:${tokenId}`;
    return `ip:${await super.getTracker(req)}`;
  }

  /** One bucket per client across all routes (the default is one per handler). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string) {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    // The throttler sets these only on answers it lets through; a refusal carries them too.
    const { res } = this.getRequestResponse(context);
    if (typeof (res as Response).setHeader === 'function') {
      (res as Response).setHeader('X-RateLimit-Limit', detail.limit);
      (res as Response).setHeader('X-RateLimit-Remaining', 0);
      (res as Response).setHeader('X-RateLimit-Reset', retryAfter);
    }
    const message = `Too many requests: at most ${detail.limit} per ${detail.ttl / 1000} s; retry in ${retryAfter} s.`;
    if (context.getType<GqlContextType>() === 'graphql') {
      throw new GraphQLError(message, {
        extensions: {
          code: ErrorCode.TOO_MANY_REQUESTS,
          http: {
            status: HttpStatus.TOO_MANY_REQUESTS,
            headers: new HeaderMap([['retry-after', String(retryAfter)]]),
          },
        },
      });
    }
    throw new HttpException(
      { error: { code: ErrorCode.TOO_MANY_REQUESTS, message } },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
