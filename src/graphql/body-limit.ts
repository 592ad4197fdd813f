/**
 * The JSON body parser with our size limit, and GraphQL-shaped JSON answers for the bodies it
 * refuses: Express would otherwise answer with an HTML error page.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../common/domain-error';
import { logRefusal } from './format-error';

/** body-parser's errors carry a `type` (entity.too.large, entity.parse.failed, ...) and a 4xx status. */
interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

export function bodyErrorHandler(limitBytes: number): ErrorRequestHandler {
  return (err: BodyParserError, _req, res, next) => {
    const status = typeof err?.status === 'number' ? err.status : 0;
    if (typeof err?.type !== 'string' || status < 400 || status > 499) return next(err);
    const message =
      err.type === 'entity.too.large'
        ? `The request body is larger than the limit of ${limitBytes} bytes.`
        : err.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : 'The request body could not be read.';
    const code = status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : 'BAD_REQUEST';
    logRefusal(code, message);
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/**
 * Registers both body parsers before Nest would add its defaults (100 kB), so the error handler
 * after them sees every refused body.
 */
export function applyBodyLimit(app: NestExpressApplication, limitBytes: number): void {
  app.useBodyParser('json', { limit: limitBytes });
  app.useBodyParser('urlencoded', { limit: limitBytes, extended: true });
  app.use(bodyErrorHandler(limitBytes));
}
