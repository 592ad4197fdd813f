/**
 * The last line of defence, RESPONSE_MAX_BYTES (UTF-16 code units of the JSON, a lower bound of
 * its UTF-8 bytes), whatever the cost estimate let through; checked on the body Apollo has already
 * serialized for /graphql: measuring the answer in a plugin meant serializing every answer a
 * second time (a twentieth of a large report's CPU). An answer over the limit is replaced by one RESPONSE_TOO_LARGE error, HTTP 400.
 */
import type { RequestHandler, Response } from 'express';
import { ErrorCode } from '../common/domain-error';
import { logRefusal } from './format-error';

export function responseLimit(maxBytes: number): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res) as Response['send'];
    res.send = ((body?: unknown) => {
      // Apollo sends JSON.stringify(result) plus a newline as one string.
      const size = typeof body === 'string' ? body.length - (body.endsWith('\n') ? 1 : 0) : 0;
      if (size <= maxBytes) return send(body);
      const message = `The response would be ${size} characters, over the limit of ${maxBytes}. Ask for fewer fields or smaller pages, or use /export.`;
      logRefusal(ErrorCode.RESPONSE_TOO_LARGE, message);
      res.status(400);
      return send(
        `${JSON.stringify({ errors: [{ message, extensions: { code: ErrorCode.RESPONSE_TOO_LARGE } }] })}\n`,
      );
    }) as Response['send'];
    next();
  };
}
