import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/validation';

/** Builds the application; main.ts listens on it, and the end-to-end tests do the same. */
export async function createApp(options: { logger?: false } = {}): Promise<INestApplication> {
  const quiet = options.logger === false;
  const app = await NestFactory.create(AppModule, quiet ? { logger: false } : { bufferLogs: true });
  // Nest's own messages go through pino too: JSON, with the request id where there is one.
  if (!quiet) app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the store.
  app.enableShutdownHooks();
  return app;
}
