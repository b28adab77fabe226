// Logger settings shared by the service and the scripts: structured pino logs that never carry a
// token, a code, a cookie or a secret.
import type { FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from '../config.js';

const SECRET_PARAMS = /([?&](?:code|state|access_token|refresh_token|token)=)[^&#]*/gi;

/** Keeps a URL's path and harmless parameters; values of secret-bearing parameters are replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/** How long a log line may wait to be written with others, at most. */
export const LOG_FLUSH_MS = 200;

/**
 * Standard output written in batches: lines gather until 12 KiB or LOG_FLUSH_MS, then go out in one
 * write (a write per line was a twentieth of a verification's CPU time). pino writes what is left
 * synchronously when the process exits, a crash included; only a SIGKILL can lose the last lines.
 */
export function batchedStdout(): DestinationStream {
  return pino.destination({ dest: 1, minLength: 12_288, periodicFlush: LOG_FLUSH_MS, sync: false });
}

/**
 * `pretty` (for a person at a terminal) renders lines with pino-pretty instead of JSON; otherwise
 * lines go to `stream` (default: standard output, a write per line).
 */
export function loggerOptions(
  level: LogLevel,
  pretty = false,
  stream?: DestinationStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : stream
        ? { stream }
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
