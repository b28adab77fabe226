// Logger settings shared by the service and the scripts: structured pino logs that never carry a
// token, a code, a cookie or a secret.
import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config.js';

const SECRET_PARAMS = /([?&](?:code|state|access_token|refresh_token|token)=)[^&#]*/gi;

/** Keeps a URL's path and harmless parameters; values of secret-bearing parameters are replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/** `pretty` (for a person at a terminal) renders lines with pino-pretty instead of JSON. */
export function loggerOptions(level: LogLevel, pretty = false): FastifyServerOptions['logger'] {
  return {
    level,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.accessToken',
        '*.refreshToken',
        '*.access_token',
        '*.refresh_token',
        '*.client_secret',
        '*.code',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}
