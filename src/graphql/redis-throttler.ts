/**
 * Rate-limit counters in Redis (REDIS_URL), shared by every worker and every instance, through
 * @nest-lab/throttler-storage-redis (one Lua script per count: atomic in Redis).
 *
 * Redis must answer at start (main.ts checks it first: one line and exit 1 when it does not). If
 * it goes away later the limits FAIL OPEN: requests are answered without being counted, one
 * warning line says so, and one line says when counting resumes (the client reconnects by itself).
 * A rate limit protects the service; a lost Redis should not take the whole service down with it.
 */
import { Logger } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis, { RedisOptions } from 'ioredis';
import type { ThrottlerRecord } from '../cluster/primary-throttler';

/** Fast failures while Redis is away: no queue of waiting commands, no long waits. */
const CLIENT_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  connectTimeout: 2_000,
  commandTimeout: 1_000,
  // Reconnect forever, at most every 2 s.
  retryStrategy: (times) => Math.min(times * 100, 2_000),
};

/** The address without credentials, for log lines. */
export function redisWhere(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

/**
 * Connects and waits for Redis to answer PING, or fails after timeoutMs with one line naming
 * REDIS_URL. The client is closed on failure.
 */
export async function connectRedis(url: string, timeoutMs = 3_000): Promise<Redis> {
  const client = new Redis(url, { ...CLIENT_OPTIONS, lazyConnect: true });
  // Errors surface through connect() and commands; this keeps ioredis from printing them.
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return client;
  } catch (err) {
    client.disconnect();
    throw new Error(
      `Cannot reach Redis at REDIS_URL=${redisWhere(url)} (${(err as Error).message}). Start Redis or unset REDIS_URL to keep rate-limit counters in this server.`,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Counts in Redis; lets requests through uncounted while Redis is unreachable. */
export class FailOpenRedisThrottlerStorage implements ThrottlerStorage {
  private readonly log = new Logger('RateLimit');
  private readonly inner: ThrottlerStorageRedisService;
  private down = false;

  constructor(
    readonly client: Redis,
    private readonly where: string,
  ) {
    this.inner = new ThrottlerStorageRedisService(client);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    try {
      const record = await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.down) {
        this.down = false;
        this.log.log(`Redis at ${this.where} answers again: rate limits are counted again.`);
      }
      return record;
    } catch (err) {
      if (!this.down) {
        this.down = true;
        this.log.warn(
          `Redis at ${this.where} does not answer (${(err as Error).message}): requests are let through uncounted until it is back.`,
        );
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }

  close(): void {
    this.client.disconnect();
  }
}
