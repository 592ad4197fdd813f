import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import cluster from 'cluster';
import { WorkerThrottlerStorage } from '../cluster/primary-throttler';
import { AppConfig } from '../config/app-config';
import { connectRedis, FailOpenRedisThrottlerStorage, redisWhere } from './redis-throttler';
import { rateLimitOptions, RateLimitGuard } from './throttle.guard';

/** The counters' store chosen from the settings; undefined: the throttler's in-memory one. */
const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/**
 * Where the counters live: in Redis when REDIS_URL is set (shared by every worker and every
 * instance); else, in a worker of several (WEB_CONCURRENCY > 1), in the primary process, reached
 * over the cluster's IPC channel; else in this process.
 */
async function chooseStorage(config: AppConfig): Promise<ThrottlerStorage | undefined> {
  if (!config.RATE_LIMIT_ENABLED) return undefined;
  if (config.REDIS_URL)
    return new FailOpenRedisThrottlerStorage(
      await connectRedis(config.REDIS_URL),
      redisWhere(config.REDIS_URL),
    );
  if (cluster.isWorker) return new WorkerThrottlerStorage();
  return undefined;
}

@Module({
  providers: [{ provide: RATE_LIMIT_STORAGE, inject: [AppConfig], useFactory: chooseStorage }],
  exports: [RATE_LIMIT_STORAGE],
})
class RateLimitStorageModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORAGE) private readonly storage: ThrottlerStorage | undefined) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof FailOpenRedisThrottlerStorage) this.storage.close();
  }
}

/**
 * Rate limits for every route (GraphQL, /export, GraphiQL) except /health and /ready, counted
 * per client across all the server's workers (see chooseStorage).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [AppConfig, RATE_LIMIT_STORAGE],
      useFactory: (config: AppConfig, storage: ThrottlerStorage | undefined) => ({
        ...rateLimitOptions(config),
        ...(storage ? { storage } : {}),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
