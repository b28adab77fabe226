// Logger settings shared by the service and the scripts: structured pino logs that never carry a
// token, a code, a cookie or a secret.
import type { FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from '../config.js';

const SECRET_PARAMS = new Set(['code', 'state', 'access_token', 'refresh_token', 'token', 'client_secret', 'csrf']);

/** A parameter's name as a server reads it: percent-decoded, `+` a space, `[]` dropped, any case. */
function paramName(raw: string): string {
  let name = raw;
  if (name.includes('%') || name.includes('+')) {
    try {
      name = decodeURIComponent(name.replaceAll('+', ' '));
    } catch {
      // Not valid percent-encoding: compared as it is.
    }
  }
  return name.replace(/\[\]$/, '').toLowerCase();
}

/** Keeps a URL's path and harmless parameters; values of secret-bearing parameters are replaced. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const hash = url.indexOf('#', query);
  const end = hash === -1 ? url.length : hash;
  const pairs = url.slice(query + 1, end).split('&');
  const kept = pairs.map((pair) => {
    const eq = pair.indexOf('=');
    return eq !== -1 && SECRET_PARAMS.has(paramName(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${CENSOR}` : pair;
  });
  return `${url.slice(0, query + 1)}${kept.join('&')}${url.slice(end)}`;
}

const SECRET_FIELDS = ['accessToken', 'refreshToken', 'access_token', 'refresh_token', 'client_secret', 'code'];
const CENSOR = '[redacted]';

const holdsSecret = (value: object) => SECRET_FIELDS.some((field) => Object.hasOwn(value, field));

function censored(value: object): object {
  // An error keeps what the error serializer reads: its type, message, stack and cause.
  const copy = (
    value instanceof Error
      ? Object.assign(Object.create(Object.getPrototypeOf(value) as object) as Error, value, {
          message: value.message,
          stack: value.stack,
          ...(value.cause === undefined ? {} : { cause: value.cause }),
        })
      : Array.isArray(value)
        ? [...(value as unknown[])]
        : { ...value }
  ) as Record<string, unknown>;
  for (const field of SECRET_FIELDS) if (Object.hasOwn(copy, field)) copy[field] = CENSOR;
  return copy;
}

/**
 * pino's `formatters.log`: an object logged under any field (`{ tokens }`, `{ err }`, ...) never shows
 * a member of its own named like a token, a client secret or an OAuth code. What is logged is copied,
 * never changed; a line with nothing to hide is passed on as it is.
 */
export function scrubSecrets(fields: Record<string, unknown>): Record<string, unknown> {
  let out = fields;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value !== 'object' || value === null || !holdsSecret(value)) continue;
    if (out === fields) out = { ...fields };
    out[key] = censored(value);
  }
  return out;
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
    // Our own scrub instead of pino's `redact`: its wildcard paths cost three times the rest of a line.
    formatters: { log: scrubSecrets },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}
