import { randomUUID } from 'crypto';
import { IncomingMessage, ServerResponse } from 'http';
import { LoggerModule, Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { lazy } from '../common/lazy-module';
import { AppConfig } from './app-config';

// Only for LOG_FORMAT=pretty (or a terminal): loaded then (lazy-module.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pinoPretty = lazy(() => require('pino-pretty') as typeof import('pino-pretty'));

/** Pretty lines for a person at a terminal; JSON (one object a line) for everything else. */
export function prettyLogs(config: Pick<AppConfig, 'LOG_FORMAT'>, isTTY: boolean): boolean {
  return config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && isTTY);
}

/**
 * Structured logs (pino) with a request id per request: taken from an incoming X-Request-Id when
 * it looks sane, else generated, and echoed back. Credentials never reach a log. LOG_LEVEL sets the
 * level (default info; silent under jest), LOG_FORMAT json or pretty (pino-pretty, in process and
 * synchronous, so nothing is lost when the process stops).
 */
export function loggingParams(config: AppConfig, isTTY = Boolean(process.stdout.isTTY)): Params {
  const options = {
    level: config.LOG_LEVEL,
    // Health and readiness probes come every few seconds from orchestrators: not worth a line.
    autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|ready)\b/.test(req.url ?? '') },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    // Request bodies are not logged: they carry editors' text and, later, tokens. Of a response
    // the status is enough (its headers made each request line several hundred characters).
    serializers: {
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
    },
  };
  if (!prettyLogs(config, isTTY)) return { pinoHttp: options };
  return { pinoHttp: [options, prettyStream(isTTY)] };
}

/** pino-pretty's one-line form, written synchronously. */
export function prettyStream(isTTY: boolean): DestinationStream {
  return pinoPretty()({
    colorize: isTTY,
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
}

export const LoggingModule = LoggerModule.forRootAsync({
  inject: [AppConfig],
  useFactory: (config: AppConfig) => loggingParams(config),
});
