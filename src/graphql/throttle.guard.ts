/**
 * Rate limits per client with @nestjs/throttler, for GraphQL and REST alike. A client is its bearer
 * token (as a SHA-256, never the token itself) or, without one, its IP address.
 */
import { HeaderMap } from '@apollo/server';
import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import { createHash } from 'crypto';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { bearerSecret } from '../auth/tokens';
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

/** The bearer token of a request, if any. */
function bearerToken(req: Pick<Request, 'headers'>): string | undefined {
  return bearerSecret(req.headers?.authorization);
}

export function rateLimitOptions(config: AppConfig): ThrottlerModuleOptions {
  return {
    throttlers: [
      {
        ttl: 60_000,
        limit: (context) =>
          bearerToken(requestOf(context))
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
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return super.canActivate(context);
    // Guards run per root field: `{ a b c }` is one request and counts once.
    const req = requestOf(context);
    let decision = decisions.get(req);
    if (!decision) {
      decision = super.canActivate(context);
      decisions.set(req, decision);
    }
    return decision;
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
    const token = bearerToken(req);
    if (token) return `token:${createHash('sha256').update(token).digest('hex')}`;
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
