// Discord's error bodies in one place, so every route answers the same documented shapes.
import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';

export function discordError(reply: FastifyReply, status: number, message: string, code: number): FastifyReply {
  return reply.code(status).send({ message, code });
}

/** `{message: '<status>: <reason>', code: 0}`, Discord's generic answer (401, 404, 5xx, …). */
export function generalErrorBody(status: number): { message: string; code: 0 } {
  return { message: `${status}: ${STATUS_CODES[status] ?? 'Error'}`, code: 0 };
}

export function generalError(reply: FastifyReply, status: number): FastifyReply {
  const { message, code } = generalErrorBody(status);
  return discordError(reply, status, message, code);
}

export function oauthError(reply: FastifyReply, status: number, error: string, description?: string): FastifyReply {
  reply.header('cache-control', 'no-store');
  return reply.code(status).send(description === undefined ? { error } : { error, error_description: description });
}

export type RateLimitScope = 'user' | 'global' | 'shared';

export function rateLimited(
  reply: FastifyReply,
  retryAfter: number,
  scope: RateLimitScope,
  headers = true,
): FastifyReply {
  const global = scope === 'global';
  reply.code(429);
  if (headers) {
    // Discord sends whole seconds here; the exact float is in the body and X-RateLimit-Reset-After.
    reply.header('retry-after', String(Math.ceil(retryAfter))).header('x-ratelimit-scope', scope);
    if (global) reply.header('x-ratelimit-global', 'true');
  }
  const message = scope === 'shared' ? 'The resource is being rate limited.' : 'You are being rate limited.';
  return reply.send({ message, retry_after: Number(retryAfter.toFixed(3)), global });
}

/** The media type of the request without parameters, lower-cased ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
