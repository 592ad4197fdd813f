import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import cluster from 'cluster';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { listenError, startupBanner } from './config/startup';

/** A problem a person can fix: one line on stderr, no stack, a non-zero exit. */
function stop(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

/** Redis (REDIS_URL) must answer before anything starts: one line and exit 1 if it does not. */
async function checkRedis(config: AppConfig): Promise<void> {
  if (!config.REDIS_URL || !config.RATE_LIMIT_ENABLED) return;
  const { connectRedis } = await import('./graphql/redis-throttler');
  try {
    (await connectRedis(config.REDIS_URL)).disconnect();
  } catch (err) {
    stop((err as Error).message, 1);
  }
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    // A wrong setting stops the process at once with a message naming the variable.
    stop((err as Error).message, 2);
  }
  const worker = cluster.isWorker;
  if (!worker) await checkRedis(config);
  // WEB_CONCURRENCY > 1: this process forks the workers and serves none itself (cluster.ts).
  if (!worker && config.WEB_CONCURRENCY > 1) {
    const { runPrimary } = await import('./cluster/cluster');
    return runPrimary(config);
  }
  // Loaded only once the settings are known good: Nest, Apollo and the stores take a second or
  // two to load, and a wrong setting should stop the process at once.
  const { createApp } = await import('./app.factory');
  const app: INestApplication = await createApp({ shutdownHooks: !worker });
  if (worker) {
    const { stopOnSignals } = await import('./cluster/cluster');
    stopOnSignals(() => app.close());
  }
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (err) {
    const known = listenError(err, config);
    if (!known) throw err;
    await app.close().catch(() => undefined);
    stop(known, 1);
  }
  // The last start-up line: where to go (with several workers the primary says it, once).
  if (!worker) new Logger('Main').log(startupBanner(config));
}

main().catch((err) => {
  if (err instanceof ConfigError) stop(err.message, 2);
  console.error(err);
  process.exit(1);
});
