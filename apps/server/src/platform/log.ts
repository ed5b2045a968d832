import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';

/** Secrets that must never reach a log line, wherever they appear in a URL. */
export const redactUrl = (url: string) =>
  url.replace(/\/invites\/[A-Za-z0-9_-]{20,}/, '/invites/[redacted]').replace(/([?&]visitor_token=)[^&]+/, '$1[redacted]');

/** Structured JSON logs; credentials in headers and URLs are redacted. */
export function createLogger(level: string): FastifyBaseLogger {
  return pino({
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: redactUrl(request.url), ip: request.ip }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: pino.stdSerializers.err,
    },
  });
}
