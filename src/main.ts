import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { explorerBuilt } from './web-explorer/web-explorer.module';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    // A wrong setting stops the process at once with a message naming the variable.
    console.error((err as Error).message);
    process.exit(2);
  }
  const app = await createApp();
  await app.listen(config.PORT, config.HOST);
  const base = `http://${config.HOST}:${config.PORT}`;
  // The address a person opens first: the explorer when it is built, else the API.
  const open = explorerBuilt() ? `${base}/ (the explorer); API at ${base}/graphql` : `${base}/graphql`;
  new Logger('Main').log(
    `Evidence graph serving ${open} (${config.storeKind} store)${config.NODE_ENV === 'production' ? '' : '; GraphiQL at /graphiql'}`,
  );
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
