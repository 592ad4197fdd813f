import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { listenError, startupBanner } from './config/startup';

/** A problem a person can fix: one line on stderr, no stack, a non-zero exit. */
function stop(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    // A wrong setting stops the process at once with a message naming the variable.
    stop((err as Error).message, 2);
  }
  // Loaded only once the settings are known good: Nest, Apollo and the stores take a second or
  // two to load, and a wrong setting should stop the process at once.
  const { createApp } = await import('./app.factory');
  const app: INestApplication = await createApp();
  try {
    await app.listen(config.PORT, config.HOST);
  } catch (err) {
    const known = listenError(err, config);
    if (!known) throw err;
    await app.close().catch(() => undefined);
    stop(known, 1);
  }
  // The last start-up line: where to go.
  new Logger('Main').log(startupBanner(config));
}

main().catch((err) => {
  if (err instanceof ConfigError) stop(err.message, 2);
  console.error(err);
  process.exit(1);
});
