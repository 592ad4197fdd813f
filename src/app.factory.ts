import { responseLimit } from './graphql/response-limit';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import helmet from 'helmet';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { applyBodyLimit } from './graphql/body-limit';

/**
 * The content-security policy of every answer: scripts, styles, images, fonts and requests from
 * this origin only (the web application, GraphiQL and their assets are all served from here, no
 * CDN), no inline script. Inline styles stay allowed: chart and graph libraries set them.
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Everything HTTP-level that modules cannot declare: client IPs behind a proxy, the body limit.
 * (GraphQL arguments are validated where they are declared: src/graphql/args.ts.) createApp and
 * the end-to-end test server both use it.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  // Client IPs (rate limits per IP) from X-Forwarded-For only through the proxies we trust.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: CSP } }));
  applyBodyLimit(app, config.BODY_LIMIT_BYTES);
  app.use('/graphql', responseLimit(config.RESPONSE_MAX_BYTES));
}

/** Builds the application; main.ts listens on it, and the end-to-end tests do the same. */
export async function createApp(
  options: { logger?: false; shutdownHooks?: boolean } = {},
): Promise<INestApplication> {
  const quiet = options.logger === false;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule,
    quiet ? { logger: false } : { bufferLogs: true },
  );
  // Nest's own messages go through pino too: JSON, with the request id where there is one.
  if (!quiet) app.useLogger(app.get(Logger));
  configureApp(app, app.get(AppConfig));
  // SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close the store. (A cluster
  // worker handles the signals itself: see src/cluster/cluster.ts stopOnSignals.)
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
  return app;
}
